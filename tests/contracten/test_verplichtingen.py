"""The worklist: each deadline once, just inside its window and not just outside it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from contracten import oproepen, tasks, voorwaarden, werklijst
from contracten import services as contracten
from contracten.documenten import document_inhoud
from contracten.models import Arbeidscontract, Verplichting
from coop.intake import koppelingen
from coop.intake.models import Onderhoudsorder, Statusmelding
from coop.models import Dienst, Inzet, Job, Werkpakket
from coop.schedules import SCHEDULES
from coop.services.werk import papieren
from tests import factories as f
from tests.contracten.test_documenten import pdf_tekst

AMSTERDAM = timezone.get_default_timezone()
PLEK = contracten.Werkplek("Bo-Ex Utrecht", "", "Columbuslaan 5, 3526 EP Utrecht")


def vast_contract(werknemer, begin: date, eind: date | None, kenmerk: str = "") -> Arbeidscontract:
    return contracten.arbeidsovereenkomst_aangaan(
        werknemer=werknemer,
        kenmerk=kenmerk or f"test-{begin}",
        functie="Schoonmaker",
        werkplekken=[PLEK],
        begin=begin,
        eind=eind,
        uren_per_week=Decimal("12"),
        rooster=[contracten.Roosterregel(0, time(9), time(13))],
        afspraken=(),
    )


# --- Notice of (non-)renewal ---------------------------------------------------------------


def test_notice_listed_from_six_weeks_before_its_deadline_and_only_once(werknemer):
    contract = vast_contract(werknemer, date(2026, 1, 1), date(2026, 12, 31))
    # Last day to give notice: 30 November 2026; 6 weeks before: 19 October.
    assert werklijst.aanzeggingen_signaleren(date(2026, 10, 18)) == []
    [item] = werklijst.aanzeggingen_signaleren(date(2026, 10, 19))
    assert (item.soort, item.contract, item.vervaldatum) == (
        "aanzegging",
        contract,
        date(2026, 11, 30),
    )
    assert contract.document.nummer in item.toelichting and "30-11-2026" in item.toelichting
    assert werklijst.aanzeggingen_signaleren(date(2026, 10, 19)) == []
    assert werklijst.aanzeggingen_signaleren(date(2026, 11, 5)) == []
    assert Verplichting.objects.count() == 1


def test_no_notice_for_short_or_ended_contracts(werknemer):
    vast_contract(werknemer, date(2026, 1, 1), date(2026, 5, 31))  # under 6 months
    vast_contract(werknemer, date(2026, 6, 1), date(2026, 12, 31), kenmerk="tweede")
    assert werklijst.aanzeggingen_signaleren(date(2026, 5, 1)) == []
    assert werklijst.aanzeggingen_signaleren(date(2027, 1, 1)) == []  # ended


# --- Chain conversion --------------------------------------------------------------------------


def test_chain_conversion_listed_three_months_ahead(werknemer):
    vast_contract(werknemer, date(2025, 1, 1), date(2025, 6, 30), "een")
    vast_contract(werknemer, date(2025, 7, 1), date(2025, 12, 31), "twee")
    derde = vast_contract(werknemer, date(2026, 1, 1), date(2026, 6, 30), "drie")
    # A follow-up from 1 July 2026 would be the 4th: indefinite from its first day.
    assert werklijst.ketenomzettingen_signaleren(date(2026, 4, 1)) == []
    [item] = werklijst.ketenomzettingen_signaleren(date(2026, 4, 2))
    assert item.contract == derde and item.vervaldatum == date(2026, 7, 1)
    assert "4e tijdelijke contract" in item.toelichting
    assert werklijst.ketenomzettingen_signaleren(date(2026, 5, 1)) == []


def test_second_contract_gives_no_conversion(werknemer):
    vast_contract(werknemer, date(2026, 1, 1), date(2026, 6, 30))
    assert werklijst.ketenomzettingen_signaleren(date(2026, 6, 1)) == []


# --- Fixed-hours offer --------------------------------------------------------------------------


def oproep_reeks(werknemer, begin: date, maanden: int, uren_per_oproep: int = 4):
    """An on-call contract from `begin` with one call a month of `uren_per_oproep` hours."""
    contract = contracten.oproepovereenkomst_voor(
        werknemer=werknemer,
        dag=begin,
        werkplek=PLEK,
        eerste_oproep=contracten.Roosterregel(begin.weekday(), time(9), time(13)),
        afspraken=(),
        vandaag=begin,
    )
    for maand in range(maanden):
        dag = begin + timedelta(days=30 * maand + 3)
        start = datetime.combine(dag, time(9), tzinfo=AMSTERDAM)
        oproepen.oproep_uitgeven(
            contract=voorwaarden.oproepovereenkomst_op(werknemer, dag),
            werkgever=f.WerkgeverFactory(kvk_nummer=f"{40000000 + maand}"),
            kenmerk=f"test-{dag}",
            begin=start,
            eind=start + timedelta(hours=uren_per_oproep),
            werkplek=PLEK,
            werkzaamheden="Schoonmaken",
            afspraken=(),
            opgeroepen_op=start - timedelta(days=7),
        )
    return contract


def test_fixed_hours_offer_after_twelve_months_with_its_letter(werknemer):
    eerste = oproep_reeks(werknemer, date(2025, 11, 1), 12)
    assert (eerste.begin, eerste.eind) == (date(2025, 11, 1), date(2026, 10, 31))
    # The renewal runs on; the 12 months count across both (one series).
    tweede = contracten.oproepovereenkomst_voor(
        werknemer=werknemer,
        dag=date(2026, 11, 3),
        werkplek=PLEK,
        eerste_oproep=contracten.Roosterregel(1, time(9), time(13)),
        afspraken=(),
        vandaag=date(2026, 10, 20),
    )
    assert tweede.begin == date(2026, 11, 1) and tweede.nummer_in_keten == 2
    assert werklijst.vaste_uren_signaleren(date(2026, 10, 31)) == []  # 11 months complete
    [item] = werklijst.vaste_uren_signaleren(date(2026, 11, 1))
    assert item.contract == eerste and item.vervaldatum == date(2026, 11, 30)
    # 12 calls of 4 hours over 365 days: 0.92 an hour a week, offered as 1 whole hour.
    assert "ten minste 1 uur per week" in item.toelichting
    tekst = pdf_tekst(document_inhoud(item.document))
    assert "Aanbod vaste arbeidsomvang" in tekst and eerste.document.nummer in tekst
    assert "gemiddeld 0,92 uur per week" in tekst and "1 uur per week" in tekst
    assert "1 november 2025 tot en met 31 oktober 2026" in tekst
    assert werklijst.vaste_uren_signaleren(date(2026, 11, 15)) == []  # once
    assert Verplichting.objects.filter(soort="aanbod_vaste_uren").count() == 1


def test_no_offer_after_the_thirteenth_month_or_without_hours(werknemer, andere_werknemer):
    oproep_reeks(werknemer, date(2025, 10, 1), 12)
    oproep_reeks(andere_werknemer, date(2025, 11, 1), 0)
    contracten.oproepovereenkomst_voor(
        werknemer=werknemer,
        dag=date(2026, 10, 5),
        werkplek=PLEK,
        eerste_oproep=contracten.Roosterregel(0, time(9), time(13)),
        afspraken=(),
        vandaag=date(2026, 9, 20),
    )
    assert werklijst.vaste_uren_signaleren(date(2026, 11, 1)) == []  # 13th month over


# --- Certificates ----------------------------------------------------------------------------------


@pytest.fixture
def vca_werk(werknemer, werkgever):
    vca = f.CertificaatSoortFactory(code="vca-test", naam="VCA Basis")
    locatie = f.LocatieFactory(werkgever=werkgever)
    pakket = Werkpakket.objects.create(
        werkgever=werkgever,
        locatie=locatie,
        titel="Dakgoten",
        categorie="gebouwbeheer",
        soort="eenmalig",
        tarief_per_uur=Decimal("40"),
    )
    pakket.vereiste_certificaten.add(vca)
    job = Job.objects.create(soort="incidenteel", reden="test", werkpakket=pakket)
    werkdag = timezone.localdate() + timedelta(days=10)
    start = datetime.combine(werkdag, time(9), tzinfo=AMSTERDAM)
    dienst = Dienst.objects.create(
        job=job, locatie=locatie, start=start, eind=start + timedelta(hours=4), status="bezet"
    )
    Inzet.objects.create(werknemer=werknemer, dienst=dienst, start=dienst.start, eind=dienst.eind)
    return vca, werkdag


@pytest.mark.parametrize("dagen_na_werk, gemeld", [(29, True), (30, False), (-3, True)])
def test_certificate_ending_within_30_days_of_assigned_work(
    werknemer, vca_werk, dagen_na_werk, gemeld
):
    vca, werkdag = vca_werk
    certificaat = f.CertificaatFactory(
        werknemer=werknemer,
        soort=vca,
        geldig_van=date(2024, 1, 1),
        geldig_tot=werkdag + timedelta(days=dagen_na_werk),
    )
    nieuw = papieren.certificaten_signaleren()
    assert [i.certificaat for i in nieuw] == ([certificaat] if gemeld else [])
    assert papieren.certificaten_signaleren() == []
    if gemeld:
        assert (
            "VCA Basis" in nieuw[0].toelichting and nieuw[0].vervaldatum == certificaat.geldig_tot
        )


def test_certificate_renewed_in_time_is_not_listed(werknemer, vca_werk):
    vca, werkdag = vca_werk
    f.CertificaatFactory(werknemer=werknemer, soort=vca, geldig_tot=werkdag + timedelta(days=5))
    f.CertificaatFactory(werknemer=werknemer, soort=vca, geldig_tot=werkdag + timedelta(days=400))
    assert papieren.certificaten_signaleren() == []


# --- Marking done, API, admin, tasks -------------------------------------------------------


@pytest.fixture
def item(werknemer):
    vast_contract(werknemer, date(2026, 1, 1), date(2026, 12, 31))
    return werklijst.aanzeggingen_signaleren(date(2026, 11, 1))[0]


def test_staff_lists_and_marks_done_through_the_api(api_as, staff, item):
    lijst = api_as(staff).get("documenten/verplichtingen", {"soort": "aanzegging"})
    assert lijst.status_code == 200, lijst.body
    [rij] = lijst.body["items"]
    assert rij["id"] == item.pk and rij["vervaldatum"] == "2026-11-30"
    assert rij["contract_nummer"] == item.contract.document.nummer
    assert (
        api_as(staff)
        .get("documenten/verplichtingen", {"vervaldatum_tot": "2026-11-29"})
        .body["items"]
        == []
    )

    klaar = api_as(staff).post(
        f"documenten/verplichtingen/{item.pk}/afhandelen", {"afhandeling": "brief verstuurd"}
    )
    assert klaar.status_code == 200, klaar.body
    assert klaar.body["status"] == "afgehandeld" and klaar.body["afhandeling"] == "brief verstuurd"
    nogmaals = api_as(staff).post(f"documenten/verplichtingen/{item.pk}/afhandelen", {})
    assert nogmaals.status_code == 409
    assert api_as(staff).get("documenten/verplichtingen").body["items"] == []  # open only
    # Marked done, the daily run does not bring it back.
    assert werklijst.aanzeggingen_signaleren(date(2026, 11, 2)) == []


def test_worklist_is_for_staff_only(api_as, werknemer_user, werkgever_user, item):
    for user in (werknemer_user, werkgever_user):
        assert api_as(user).get("documenten/verplichtingen").status_code == 403
        assert (
            api_as(user).post(f"documenten/verplichtingen/{item.pk}/afhandelen", {}).status_code
            == 403
        )


def test_member_sees_own_contract_records(api_as, werknemer_user, andere_werknemer_user, item):
    mine = api_as(werknemer_user).get("documenten/contracten").body["items"]
    assert [c["id"] for c in mine] == [item.contract_id]
    assert mine[0]["eind"] == "2026-12-31" and mine[0]["bepaalde_tijd"] is True
    assert api_as(andere_werknemer_user).get("documenten/contracten").body["items"] == []


def test_admin_worklist_filters_and_action(client, staff, item):
    client.force_login(staff)
    pagina = client.get("/admin/contracten/verplichting/", {"status__exact": "open"})
    assert pagina.status_code == 200 and item.contract.document.nummer in pagina.content.decode()
    client.post(
        "/admin/contracten/verplichting/",
        {"action": "markeer_afgehandeld", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == "afgehandeld" and item.afgehandeld_door == staff


def test_daily_task_is_scheduled_and_idempotent(werknemer):
    namen = {p.func for p in SCHEDULES}
    assert {
        "contracten.tasks.werklijst_bijwerken",
        "coop.services.werk.papieren.certificaten_taak",
    } <= namen
    vandaag = timezone.localdate()
    vast_contract(werknemer, vandaag - timedelta(days=200), vandaag + timedelta(days=40))
    # the notice, due in about 10 days (and, near a table's end, items about legal figures)
    assert tasks.werklijst_bijwerken() == Verplichting.objects.count() >= 1
    assert tasks.werklijst_bijwerken() == 0
    assert Verplichting.objects.get(werknemer=werknemer).soort == "aanzegging"


@pytest.mark.parametrize("waarde", ["0", "2026-13-01", "morgen"])
def test_bad_due_date_filter_names_the_field(api_as, staff, waarde):
    response = api_as(staff).get("documenten/verplichtingen", {"vervaldatum_tot": waarde})
    assert response.status_code == 422 and "vervaldatum_tot" in response.body["fields"]


# --- A status message to a housing corporation that did not arrive (VERA OHD) ---------------


@pytest.fixture
def statusmelding(werkgever):
    koppeling = koppelingen.koppeling_voor(werkgever)
    order = Onderhoudsorder.objects.create(
        koppeling=koppeling, order_id="WO-1", bericht={}, vingerafdruk="a", werkafdruk="b"
    )
    return Statusmelding.objects.create(order=order, status="GUN", bericht={}, verzending="mislukt")


def test_vera_status_item_names_its_message_and_no_member(statusmelding, werknemer):
    basis = {"soort": "vera_status", "vervaldatum": date(2026, 11, 2), "toelichting": "x"}
    for fout in ({}, {"statusmelding": statusmelding, "werknemer": werknemer}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Verplichting.objects.create(**basis, **fout)
    item = Verplichting.objects.create(**basis, statusmelding=statusmelding)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verplichting.objects.create(**basis, statusmelding=statusmelding)  # once per message
    assert item.get_soort_display() == "statusbericht aan corporatie niet aangekomen"


def test_vera_status_items_listed_by_soort(api_as, staff, statusmelding, item):
    Verplichting.objects.create(
        soort="vera_status",
        statusmelding=statusmelding,
        vervaldatum=date(2026, 11, 2),
        toelichting="Statusbericht van order WO-1 kwam niet aan.",
    )
    lijst = api_as(staff).get("documenten/verplichtingen", {"soort": "vera_status"}).body["items"]
    assert [(i["soort"], i["werknemer_id"], i["toelichting"]) for i in lijst] == [
        ("vera_status", None, "Statusbericht van order WO-1 kwam niet aan.")
    ]
    alles = api_as(staff).get("documenten/verplichtingen").body["items"]
    assert {i["soort"] for i in alles} == {"vera_status", item.soort}
