"""Accepting a bundled permanent job yields an employment contract the chain rule shapes."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import timezone

from contracten import services as contracten
from contracten.models import Arbeidscontract, Document
from contracten.regels import minimumloon_per_uur, periode_einde
from coop.core.exceptions import ApplicationError
from coop.models import Inzet, Job
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_papieren import download, nl_geld
from tests.coop.test_vast_flow import terugkerend

MAANDEN = dict(
    enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(),
        1,
    )
)


@pytest.fixture
def kandidaat(catalogus):
    return lid(
        catalogus, f.UserFactory(username="kandidaat"), voornaam="Samira", achternaam="Bakri"
    )


def bundel(api_as, staff, werkgever_user, andere_werkgever_user, weken: int | None):
    hier = f.LocatieFactory(
        werkgever=werkgever_user.werkgever_gebruiker.werkgever,
        naam="Complex Zuid",
        straat="Marshallaan",
        huisnummer="10",
        postcode="3527 TM",
    )
    daar = f.LocatieFactory(
        werkgever=andere_werkgever_user.werkgever_gebruiker.werkgever,
        naam="Kantoor Columbuslaan",
        straat="Columbuslaan",
        huisnummer="5",
        postcode="3526 EP",
        latitude=Decimal("52.076500"),
        longitude=Decimal("5.100000"),
    )
    a = terugkerend(
        hier,
        [
            {"weekdag": 1, "begin": "09:00", "eind": "13:00"},
            {"weekdag": 3, "begin": "09:00", "eind": "13:00"},
        ],
        weken=weken or 26,
    )
    b = terugkerend(daar, [{"weekdag": 0, "begin": "09:00", "eind": "15:00"}], weken=weken or 26)
    b["categorie"] = "schoonmaak"
    if weken is None:
        a["einddatum"] = b["einddatum"] = None
    for user, pakket in ((werkgever_user, a), (andere_werkgever_user, b)):
        created = api_as(user).post("werkpakketten/", pakket)
        assert created.status_code == 201, created.body
        api_as(user).post(f"werkpakketten/{created.body['id']}/publiceer")
    assert api_as(staff).post("bundelen").body["banen"] == 1
    return Job.objects.get(soort="vast")


def accepteer_vast(api_as, job, werknemer):
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=werknemer)
    return api_as(werknemer.user).post(f"aanbiedingen/{aanbod.pk}/accepteer")


def eerste_dienst(werknemer) -> date:
    return timezone.localtime(Inzet.objects.filter(werknemer=werknemer).first().start).date()


def test_permanent_job_gives_fixed_term_contract_with_every_place_of_work(
    api_as, staff, werkgever_user, andere_werkgever_user, kandidaat
):
    job = bundel(api_as, staff, werkgever_user, andere_werkgever_user, weken=52)
    response = accepteer_vast(api_as, job, kandidaat)
    assert response.status_code == 200, response.body

    contract = Arbeidscontract.objects.get(werknemer=kandidaat)
    begin = eerste_dienst(kandidaat)
    assert contract.soort == "arbeidsovereenkomst" and contract.bepaalde_tijd
    assert (contract.begin, contract.eind) == (begin, job.einddatum)
    assert contract.nummer_in_keten == 1 and contract.proeftijd_maanden == 1
    assert contract.uren_per_week == Decimal("14.00")
    minimum = minimumloon_per_uur(kandidaat.geboortedatum, begin)
    assert contract.uurloon == minimum
    assert contract.document.werkgever is None  # between member and broker only

    tekst = download(api_as, kandidaat.user, contract.document_id)
    assert "Samira Bakri" in tekst and kandidaat.adresregel in tekst
    assert "Medewerker schoonmaak en huismeesterwerk" in tekst
    assert "Woonstichting Kanaleneiland, locatie Complex Zuid, Marshallaan 10" in tekst
    assert "Bo-Ex Utrecht, locatie Kantoor Columbuslaan, Columbuslaan 5" in tekst
    assert (
        f"van {begin.day} {MAANDEN[begin.month]} {begin.year} tot en met {job.einddatum.day}"
        in tekst
    )
    assert "voor bepaalde tijd" in tekst and "De eerste maand van deze overeenkomst" in tekst
    assert "14 uur per week" in tekst
    for dag in ("maandag 09:00 tot 15:00 uur", "dinsdag 09:00 tot 13:00 uur", "donderdag"):
        assert dag in tekst
    assert f"€ {nl_geld(minimum)} per uur" in tekst and "8% van het brutoloon" in tekst
    assert "56 uur vakantie" in tekst  # 4 x 14 hours a week
    assert "De opzegtermijn is voor de werkgever 1 maand en voor de werknemer 1 maand" in tekst
    # Employers are clients, not parties: they see no contract.
    assert api_as(werkgever_user).get(f"documenten/{contract.document_id}").status_code == 404


def test_open_ended_job_first_contract_is_twelve_months(
    api_as, staff, werkgever_user, andere_werkgever_user, kandidaat
):
    job = bundel(api_as, staff, werkgever_user, andere_werkgever_user, weken=None)
    assert accepteer_vast(api_as, job, kandidaat).status_code == 200
    contract = Arbeidscontract.objects.get(werknemer=kandidaat)
    assert contract.eind == periode_einde(contract.begin, 12)
    assert contract.bepaalde_tijd and contract.proeftijd_maanden == 1


def _eerder(werknemer, begin, eind, functie="Schoonmaker"):
    """An earlier fixed-term contract of the member (issued as the service would)."""
    return contracten.arbeidsovereenkomst_create(
        werknemer=werknemer,
        kenmerk=f"eerder-{begin}",
        functie=functie,
        werkplekken=[contracten.Werkplek("Bo-Ex Utrecht", "", "Columbuslaan 5, Utrecht")],
        begin=begin,
        eind=eind,
        uren_per_week=Decimal("12"),
        rooster=[contracten.Roosterregel(0, time(9), time(13))],
        afspraken=(),
    )


def test_fourth_contract_in_the_chain_is_indefinite_with_two_months_probation(
    api_as, staff, werkgever_user, andere_werkgever_user, kandidaat
):
    eerdere = [
        _eerder(kandidaat, date(2025, 1, 1), date(2025, 6, 30)),
        _eerder(kandidaat, date(2025, 7, 1), date(2025, 12, 31)),
        _eerder(kandidaat, date(2026, 1, 1), date(2026, 8, 31)),
    ]
    assert [c.nummer_in_keten for c in eerdere] == [1, 2, 3]
    job = bundel(api_as, staff, werkgever_user, andere_werkgever_user, weken=52)
    assert accepteer_vast(api_as, job, kandidaat).status_code == 200

    contract = Arbeidscontract.objects.get(werknemer=kandidaat, kenmerk=f"job-{job.pk}")
    assert contract.bepaalde_tijd is False and contract.eind is None
    assert contract.nummer_in_keten == 4 and contract.keten_begin == date(2025, 1, 1)
    assert contract.proeftijd_maanden == 2
    tekst = download(api_as, kandidaat.user, contract.document_id)
    assert "geldt voor onbepaalde tijd" in tekst and "De eerste 2 maanden" in tekst


def test_follow_up_for_the_same_work_has_no_probation(
    api_as, staff, werkgever_user, andere_werkgever_user, kandidaat
):
    _eerder(
        kandidaat, date(2026, 1, 1), date(2026, 8, 31), "Medewerker schoonmaak en huismeesterwerk"
    )
    job = bundel(api_as, staff, werkgever_user, andere_werkgever_user, weken=52)
    assert accepteer_vast(api_as, job, kandidaat).status_code == 200
    contract = Arbeidscontract.objects.get(werknemer=kandidaat, kenmerk=f"job-{job.pk}")
    assert contract.nummer_in_keten == 2 and contract.proeftijd_maanden == 0
    assert "Er geldt geen proeftijd" in download(api_as, kandidaat.user, contract.document_id)


def test_failed_contract_rolls_back_the_permanent_acceptance(
    api_as, staff, werkgever_user, andere_werkgever_user, kandidaat
):
    from coop.models import Loonafspraak

    job = bundel(api_as, staff, werkgever_user, andere_werkgever_user, weken=52)
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=kandidaat)
    # The wage is agreed below the minimum after the offer: acceptance refuses it.
    Loonafspraak.objects.create(
        werknemer=kandidaat, geldig_van=date(2025, 1, 1), uurloon=Decimal("12.00")
    )
    response = api_as(kandidaat.user).post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert response.status_code == 409, response.body
    assert "minimumloon" in response.body["detail"]
    job.refresh_from_db()
    assert job.werknemer_id is None and job.status == "open"
    assert not Inzet.objects.filter(werknemer=kandidaat).exists()
    assert not Document.objects.exists()
    # Offering it now is refused already, with the same reason.
    aanbod.delete()
    with pytest.raises(ApplicationError, match="minimumloon") as fout:
        aanbod_services.aanbod_create_vast(job=job, werknemer=kandidaat)
    assert "uurloon" in fout.value.fields
