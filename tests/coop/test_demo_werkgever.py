"""The demo for the employer pages: the last working week's hours wait for every employer,
and the demo login `woonstichting` (password `woonstichting-demo`) does the whole employer
flow at the root: post recurring work, read its split, publish, approve the week's hours at
once, download last month's invoice."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.test import Client
from django.utils import timezone

from coop.demo import build_demo
from coop.demo.buurt import WERKGEVERS
from coop.demo.uren import REDEN, week_dagen
from coop.models import Factuur, Urenregel, Werkpakket
from werkgevers.models import Locatie


@pytest.mark.parametrize(
    "vandaag, eerste, laatste",
    [
        (date(2026, 11, 16), date(2026, 11, 9), date(2026, 11, 13)),  # a Monday: last week
        (date(2026, 11, 19), date(2026, 11, 16), date(2026, 11, 18)),  # Thursday: this week
        (date(2026, 11, 29), date(2026, 11, 23), date(2026, 11, 27)),  # Sunday: this week
        (date(2026, 12, 2), date(2026, 12, 1), date(2026, 12, 1)),  # not into November
    ],
)
def test_the_week_is_the_last_before_the_reference_day_within_its_month(vandaag, eerste, laatste):
    dagen = week_dagen(vandaag)
    assert (dagen[0], dagen[-1]) == (eerste, laatste)


def test_no_week_on_the_first_working_day_of_a_month():
    assert week_dagen(date(2026, 12, 1)) == []


@pytest.mark.django_db
def test_the_demo_employer_does_the_whole_flow_at_the_root():
    build_demo(stdout=StringIO(), vandaag=timezone.localdate())
    dagen = week_dagen(timezone.localdate())
    wachtend = Urenregel.objects.filter(
        inzet__dienst__job__reden=REDEN, status=Urenregel.Status.INGEDIEND
    )
    per_werkgever = set(
        wachtend.values_list("inzet__dienst__locatie__werkgever__kvk_nummer", flat=True)
    )
    assert per_werkgever == {w.kvk for w in WERKGEVERS}
    assert {r.datum for r in wachtend} <= set(dagen)

    client = Client()
    ingelogd = client.post(
        "/inloggen/", {"gebruikersnaam": "woonstichting", "wachtwoord": "woonstichting-demo"}
    )
    assert ingelogd["Location"] == "/werkgever/"

    locatie = Locatie.objects.filter(werkgever__naam="Woonstichting Kanaleneiland").first()
    maandag = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    gemaakt = client.post(
        "/werkgever/werk/nieuw/?soort=terugkerend",
        {
            "soort": "terugkerend",
            "titel": "Portieken vegen",
            "categorie": "schoonmaak",
            "locatie_id": locatie.pk,
            "tarief_per_uur": "34.50",
            "regie": "makelaar",
            "feestdagen": "vrij",
            "startdatum": maandag.isoformat(),
            "van_0": "08:00",
            "tot_0": "12:00",
        },
    )
    assert gemaakt.status_code == 302, gemaakt.content.decode()[:2000]
    assert "Vast werk: 4 uur per week" in client.get(gemaakt["Location"]).content.decode()
    pakket = Werkpakket.objects.get(titel="Portieken vegen")
    client.post(f"/werkgever/werk/{pakket.pk}/publiceren/")
    pakket.refresh_from_db()
    assert pakket.status == "gesplitst"

    uren = client.get("/werkgever/uren/").content.decode()
    ids = re.findall(r'name="regel" value="(\d+)"', uren)
    eigen = wachtend.filter(inzet__dienst__locatie__werkgever=locatie.werkgever)
    assert sorted(map(int, ids)) == sorted(eigen.values_list("pk", flat=True))
    assert "Late annulering" in uren
    client.post("/werkgever/uren/week/goedkeuren/", {"regel": ids})
    assert not eigen.filter(status=Urenregel.Status.INGEDIEND).exists()

    factuur = Factuur.objects.get(werkgever=locatie.werkgever)  # October's
    assert factuur.nummer in client.get("/werkgever/facturen/").content.decode()
    pdf = client.get(f"/werkgever/facturen/{factuur.pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")
