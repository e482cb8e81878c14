"""Public holidays in the work: skipped or worked as the package's agreement says, shown to
employer and member, stated in the contract, and paid with the agreed surcharge."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pandas as pd
import pytest
from django.utils import timezone

from contracten.models import Arbeidscontract
from coop.models import Fragment, Inzet, Job, Loonperiode, Werkpakket
from coop.selectors import rooster
from coop.services.uren import loonexport
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import inzet as inzet_services
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_papieren import download
from tests.coop.test_uren_fixtures import inzet, loon, tijden

VRIJDAGEN = [date(2026, 12, 18), date(2026, 12, 25), date(2027, 1, 1), date(2027, 1, 8)]


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever)


def pakket(locatie, **afspraak) -> Werkpakket:
    return Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel="Huismeester",
        categorie="huismeester",
        soort="terugkerend",
        tarief_per_uur=Decimal("30.00"),
        status="gesplitst",
        **afspraak,
    )


def vaste_baan(*pakketten: Werkpakket, start: date = date(2026, 12, 1)) -> Job:
    """A permanent job with a Friday 09-13 fragment of each package."""
    job = Job.objects.create(
        soort=Job.Soort.VAST,
        reden="test",
        startdatum=start,
        einddatum=start + timedelta(weeks=26),
        uren_per_week=Decimal(4 * len(pakketten)),
    )
    for i, p in enumerate(pakketten):
        Fragment.objects.create(
            werkpakket=p,
            job=job,
            weekdag=4,
            begin=time(9 + 5 * i),
            eind=time(13 + 5 * i),
            uren=Decimal(4),
        )
    return job


def test_a_permanent_job_skips_christmas_and_new_year_unless_agreed(locatie):
    vrij = vaste_baan(pakket(locatie))
    dagen = [s.date() for s, _, _ in rooster.occurrences(vrij, VRIJDAGEN[0], VRIJDAGEN[-1])]
    assert dagen == [date(2026, 12, 18), date(2027, 1, 8)]
    door = vaste_baan(pakket(locatie, feestdagen="doorwerken"))
    dagen = [s.date() for s, _, _ in rooster.occurrences(door, VRIJDAGEN[0], VRIJDAGEN[-1])]
    assert dagen == VRIJDAGEN


def test_each_fragment_of_a_bundled_job_follows_its_own_package(locatie, andere_werkgever):
    elders = f.LocatieFactory(werkgever=andere_werkgever)
    job = vaste_baan(pakket(locatie), pakket(elders, feestdagen="doorwerken"))
    kerst = [
        (s.hour, fr.werkpakket.werkgever_id)
        for s, _, fr in rooster.occurrences(job, VRIJDAGEN[1], VRIJDAGEN[1])
    ]
    assert kerst == [(14, andere_werkgever.pk)]


@pytest.fixture
def op_1_december(monkeypatch):
    """Today is 1 December 2026: the 8-week horizon holds Christmas and New Year."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))


def test_planning_the_horizon_skips_the_holidays(op_1_december, locatie, catalogus):
    job = vaste_baan(pakket(locatie))
    werknemer = lid(catalogus)
    inzetten = inzet_services.diensten_plan(job, werknemer, date(2027, 1, 26))
    dagen = {timezone.localtime(i.start).date() for i in inzetten}
    assert len(dagen) == 6  # 8 Fridays from 4 December to 22 January, less two holidays
    assert not dagen & {date(2026, 12, 25), date(2027, 1, 1)}


def test_job_shift_and_offer_output_name_the_holidays(
    op_1_december, api_as, staff, locatie, catalogus
):
    job = vaste_baan(pakket(locatie, feestdagen="doorwerken", feestdagtoeslag_procent=50))
    (uit,) = [j for j in api_as(staff).get("jobs/").body if j["id"] == job.pk]
    kerst = [d for d in uit["feestdagen"] if d["datum"] == "2026-12-25"]
    assert kerst == [
        {
            "datum": "2026-12-25",
            "naam": "Eerste Kerstdag",
            "werkgever": locatie.werkgever.naam,
            "gevolg": "doorwerken",
            "toeslag_procent": "50.00",
            "toelichting": "Eerste Kerstdag: doorwerken, met 50% toeslag op het uurloon.",
        }
    ]
    werknemer = lid(catalogus, f.UserFactory(username="kandidaat"))
    aanbod = api_as(staff).post(f"jobs/{job.pk}/aanbieden", {"werknemer_id": werknemer.pk})
    assert aanbod.status_code == 201, aanbod.body
    assert aanbod.body["feestdagen"] == (
        f"{locatie.werkgever.naam}: Op algemeen erkende feestdagen wordt doorgewerkt, met een "
        "toeslag van 50% op het uurloon voor die uren."
    )
    geaccepteerd = api_as(werknemer.user).post(f"aanbiedingen/{aanbod.body['id']}/accepteer")
    assert geaccepteerd.status_code == 200, geaccepteerd.body
    kerstdienst = Inzet.objects.get(werknemer=werknemer, start__date=date(2026, 12, 25)).dienst
    (dienst,) = [
        d
        for d in api_as(werknemer.user).get("inzetten/").body
        if d["dienst"]["id"] == kerstdienst.pk
    ]
    assert dienst["dienst"]["feestdag"]["naam"] == "Eerste Kerstdag"
    assert dienst["dienst"]["feestdag"]["gevolg"] == "doorwerken"
    contract = Arbeidscontract.objects.get(werknemer=werknemer)
    tekst = download(api_as, werknemer.user, contract.document_id)
    assert "Feestdagen" in tekst
    assert "doorgewerkt, met een toeslag van 50% op het uurloon" in " ".join(tekst.split())


def test_the_employer_sets_the_holiday_arrangement_of_a_package(
    api_as, werkgever_user, locatie, catalogus
):
    from tests.coop.test_vast_flow import terugkerend

    payload = {
        **terugkerend(locatie, [{"weekdag": 4, "begin": "09:00", "eind": "13:00"}]),
        "feestdagen": "doorwerken",
        "feestdagtoeslag_procent": "50",
    }
    created = api_as(werkgever_user).post("werkpakketten/", payload)
    assert created.status_code == 201, created.body
    assert created.body["feestdagen"] == "doorwerken"
    assert Decimal(created.body["feestdagtoeslag_procent"]) == 50
    standaard = api_as(werkgever_user).post(
        "werkpakketten/", terugkerend(locatie, [{"weekdag": 4, "begin": "09:00", "eind": "13:00"}])
    )
    assert standaard.body["feestdagen"] == "vrij"
    fout = api_as(werkgever_user).post("werkpakketten/", {**payload, "feestdagen": "soms"})
    assert fout.status_code == 422 and "feestdagen" in fout.body["fields"]


def test_a_free_holiday_arrangement_is_stated_in_the_offer(locatie, catalogus):
    job = vaste_baan(pakket(locatie), start=timezone.localdate() + timedelta(days=3))
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=lid(catalogus))
    from coop.schemas.werk.diensten import AanbodOut

    assert "wordt niet gewerkt" in AanbodOut.resolve_feestdagen(aanbod)


def test_hours_on_a_holiday_are_flagged_and_the_surcharge_paid(
    api_as, werknemer_user, werkgever_user, locatie
):
    fatima = werknemer_user.werknemer
    loon(fatima, "15.50", vanaf=date(2026, 1, 1))
    pinksteren = inzet(fatima, locatie, date(2026, 5, 25), 9, 13)  # Whit Monday
    pakket_ = pinksteren.dienst.job.werkpakket
    pakket_.feestdagen, pakket_.feestdagtoeslag_procent = "doorwerken", Decimal("50")
    pakket_.save()
    gewoon = inzet(fatima, locatie, date(2026, 5, 26), 9, 13)
    regels = []
    for i in (pinksteren, gewoon):
        regel = api_as(werknemer_user).post("uren/", tijden(i, "09:00", "13:00")).body
        assert api_as(werkgever_user).post(f"uren/{regel['id']}/goedkeuren").status_code == 200
        regels.append(regel)
    feest, werkdag = regels
    assert feest["feestdag"] == "Tweede Pinksterdag"
    assert Decimal(feest["toeslag_uren"]) == Decimal("2.00")
    assert (
        "Gewerkt op Tweede Pinksterdag (feestdag): 50,00% toeslag"
        in feest["toelichting_regels"][-1]
    )
    assert werkdag["feestdag"] == "" and Decimal(werkdag["toeslag_uren"]) == 0

    mei = Loonperiode.objects.create(soort="maand", begin=date(2026, 5, 1), eind=date(2026, 5, 31))
    export = loonexport.loonexport_create(periode_id=mei.pk)
    export = loonexport.loonexport_run(export_id=export.pk)
    from pathlib import Path

    from django.conf import settings

    csv = pd.read_csv(
        Path(settings.MEDIA_ROOT) / export.bestanden["csv"]["pad"], sep=";", decimal=","
    )
    per = dict(zip(csv["Looncomponent"], csv["Waarde"], strict=False))
    assert per["Feestdagtoeslag (uren)"] == pytest.approx(2.0)
    assert per["Loon feestdagtoeslag"] == pytest.approx(31.0)
    assert per["Gewerkte uren"] == pytest.approx(8.0)
