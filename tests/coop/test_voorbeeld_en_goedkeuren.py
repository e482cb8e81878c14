"""What the employer pages added to the API, for the API's clients too: the split preview of
a draft (GET /werkpakketten/{id}/voorbeeld, the same split publishing stores), approving
several hours lines at once (POST /uren/goedkeuren), and an import row with an empty
required cell refused with its cell instead of failing."""

import io
from datetime import date, timedelta

import pytest
from django.test.client import MULTIPART_CONTENT
from openpyxl import Workbook

from coop.models import Dienst, Fragment, Werkpakket
from coop.services.facturen import import_kolommen
from coop.services.uren import urenregels as uren_services
from tests import factories as f
from tests.coop.test_uren_fixtures import inzet

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie(werkgever):
    f.VaardigheidFactory(code="schoonmaak")
    return f.LocatieFactory(werkgever=werkgever, naam="Marshallaan 1-99")


def terugkerend(locatie, **anders) -> dict:
    return {
        "locatie_id": locatie.pk,
        "titel": "Hal bijhouden",
        "categorie": "schoonmaak",
        "soort": "terugkerend",
        "tarief_per_uur": "28.75",
        "startdatum": "2026-12-07",
        "einddatum": "2027-01-03",
        "tijdvakken": [{"weekdag": 4, "begin": "08:00", "eind": "12:00"}],
        "feestdagen": "vrij",
    } | anders


def test_the_preview_is_what_publishing_stores_without_the_free_holidays(
    api_as, werkgever_user, locatie
):
    planner = api_as(werkgever_user)
    pakket_id = planner.post("werkpakketten/", terugkerend(locatie)).body["id"]
    voorbeeld = planner.get(f"werkpakketten/{pakket_id}/voorbeeld")
    assert voorbeeld.status_code == 200, voorbeeld.body
    (deel,) = voorbeeld.body
    assert deel["soort"] == "incidenteel"
    assert "korter dan 13 weken" in deel["reden"]
    # Fridays 11, 18 December and 1 January; Christmas Day (25th) and New Year's Day are free.
    assert [d["datum"] for d in deel["diensten"]] == ["2026-12-11", "2026-12-18"]
    assert {v["naam"] for v in deel["vrije_feestdagen"]} >= {"Eerste Kerstdag", "Nieuwjaarsdag"}
    assert deel["uren"] == "8"
    assert not Dienst.objects.exists()  # nothing stored

    assert planner.post(f"werkpakketten/{pakket_id}/publiceer").status_code == 200
    gepland = Dienst.objects.filter(job__werkpakket_id=pakket_id).order_by("start")
    assert [d.start.date() for d in gepland] == [date(2026, 12, 11), date(2026, 12, 18)]
    # Once published there is nothing left to preview.
    assert planner.get(f"werkpakketten/{pakket_id}/voorbeeld").status_code == 409


def test_a_permanent_preview_and_another_organisations_draft(
    api_as, werkgever_user, andere_werkgever_user, locatie
):
    planner = api_as(werkgever_user)
    pakket_id = planner.post("werkpakketten/", terugkerend(locatie, einddatum=None)).body["id"]
    (deel,) = planner.get(f"werkpakketten/{pakket_id}/voorbeeld").body
    assert deel["soort"] == "vast" and deel["uren"] == "4"
    assert deel["patroon"] == [{"weekdag": 4, "begin": "08:00:00", "eind": "12:00:00"}]
    assert not Fragment.objects.exists()
    assert (
        api_as(andere_werkgever_user).get(f"werkpakketten/{pakket_id}/voorbeeld").status_code == 404
    )


def test_a_draft_that_cannot_be_split_says_why_in_the_preview(api_as, werkgever_user, locatie):
    planner = api_as(werkgever_user)
    gemaakt = planner.post(
        "werkpakketten/",
        {
            "locatie_id": locatie.pk,
            "titel": "Verven",
            "categorie": "schilderwerk",
            "soort": "eenmalig",
            "tarief_per_uur": "30",
            "vroegste_start": "2026-12-07",
            "uiterlijk_eind": "2026-12-07",
            "totaal_uren": "40",
            "dagen": [0],
        },
    )
    antwoord = planner.get(f"werkpakketten/{gemaakt.body['id']}/voorbeeld")
    assert antwoord.status_code == 400
    assert "40 uur past niet" in antwoord.body["detail"]
    assert Werkpakket.objects.get().status == "concept"


@pytest.fixture
def regels(werkgever_user, locatie):
    leden = [f.WerknemerFactory(user=f.UserFactory()) for _ in range(3)]
    maandag = date(2026, 11, 9)
    uit = []
    for n, lid in enumerate(leden):
        gedaan = inzet(lid, locatie, maandag + timedelta(days=n), 9, 13)
        uit.append(
            uren_services.urenregel_submit(
                user=lid.user, inzet_id=gedaan.pk, start=gedaan.start, eind=gedaan.eind
            )
        )
    return uit


def test_approving_several_lines_at_once(api_as, werkgever_user, regels):
    uren_services.urenregel_approve(user=werkgever_user, regel_id=regels[0].pk)
    antwoord = api_as(werkgever_user).post("uren/goedkeuren", {"regel_ids": [r.pk for r in regels]})
    assert antwoord.status_code == 200, antwoord.body
    assert sorted(r["id"] for r in antwoord.body["goedgekeurd"]) == [regels[1].pk, regels[2].pk]
    assert antwoord.body["geweigerd"] == [
        {"regel_id": regels[0].pk, "melding": "Deze uren zijn goedgekeurd; dat kan nu niet."}
    ]


def test_one_line_of_another_organisation_approves_nothing(
    api_as, werkgever_user, andere_werkgever_user, regels, andere_werkgever
):
    elders = f.LocatieFactory(werkgever=andere_werkgever)
    lid = f.WerknemerFactory(user=f.UserFactory())
    gedaan = inzet(lid, elders, date(2026, 11, 10), 9, 13)
    hun = uren_services.urenregel_submit(
        user=lid.user, inzet_id=gedaan.pk, start=gedaan.start, eind=gedaan.eind
    )
    antwoord = api_as(werkgever_user).post("uren/goedkeuren", {"regel_ids": [regels[0].pk, hun.pk]})
    assert antwoord.status_code == 404
    regels[0].refresh_from_db()
    assert regels[0].status == "ingediend"
    assert (
        api_as(f.WerknemerFactory(user=f.UserFactory()).user)
        .post("uren/goedkeuren", {"regel_ids": [regels[0].pk]})
        .status_code
        == 403
    )


def test_an_import_row_with_an_empty_required_cell_is_refused_at_that_cell(
    api_as, werkgever_user, locatie
):
    kolommen = import_kolommen.WERKPAKKET_KOLOMMEN
    wb = Workbook()
    ws = wb.active
    ws.append([k.naam for k in kolommen])
    rij = {
        "locatie": "Marshallaan 1-99",
        "titel": None,
        "categorie": "schoonmaak",
        "soort": "eenmalig",
        "tarief_per_uur": 30,
        "vroegste_start": "07-12-2026",
        "uiterlijk_eind": "11-12-2026",
        "totaal_uren": 8,
    }
    ws.append([rij.get(k.sleutel) for k in kolommen])
    buffer = io.BytesIO()
    wb.save(buffer)
    bestand = io.BytesIO(buffer.getvalue())
    bestand.name = "planning.xlsx"
    antwoord = api_as(werkgever_user).post(
        "importeren/werkpakketten", {"bestand": bestand}, content_type=MULTIPART_CONTENT
    )
    assert antwoord.status_code == 400, antwoord.body
    titel = next(i for i, k in enumerate(kolommen) if k.sleutel == "titel")
    assert antwoord.body["fouten"] == [
        {
            "rij": 2,
            "kolom": "Titel",
            "cel": f"{chr(ord('A') + titel)}2",
            "melding": "Vul dit in: deze kolom is verplicht.",
        }
    ]
