"""Documents state the wage the member is paid: the agreement in force and its changes; a
later agreement issues new versions with a message owed to the member; a cancellation
promises what payroll pays; wages below the minimum are refused at entry and on paper."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from contracten import documenten
from contracten.models import Arbeidscontract, Document, Oproep
from coop.models import Gebeurtenis, Inzet, Loonafspraak, Loonperiode
from coop.services.uren import loonexport, loonperioden
from tests import factories as f
from tests.coop.test_papieren import accepteer, dienst, download, locatie  # noqa: F401

pytestmark = pytest.mark.django_db


def nl(bedrag: Decimal) -> str:
    return f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def afspraak(api_as, staff, werknemer, vanaf: date, uurloon: str):
    body = {"werknemer_id": werknemer.pk, "geldig_van": vanaf.isoformat(), "uurloon": uurloon}
    return api_as(staff).post("loonafspraken/", body)


def test_on_call_contract_states_an_agreement_that_starts_during_it(
    api_as,
    staff,
    werknemer,
    locatie,  # noqa: F811
):
    vandaag = timezone.localdate()
    vanaf = vandaag + timedelta(days=20)
    assert afspraak(api_as, staff, werknemer, vanaf, "17.50").status_code == 201
    response, _ = accepteer(api_as, werknemer, dienst(locatie, dagen=25))
    assert response.status_code == 200, response.body

    contract = Arbeidscontract.objects.get(werknemer=werknemer)
    stappen = contract.document.gegevens["loonverloop"]
    assert [(s["vanaf"], s["uurloon"]) for s in stappen][-1] == (vanaf.isoformat(), "17.50")
    tekst = download(api_as, werknemer.user, contract.document_id)
    assert f"vanaf {vanaf.day} " in tekst and "€ 17,50 (loonafspraak)" in tekst
    oproep = Oproep.objects.get(werknemer=werknemer)
    assert oproep.uurloon == Decimal("17.50")


def test_later_agreement_issues_new_versions_and_the_cancellation_pays_what_payroll_pays(
    api_as,
    staff,
    werknemer,
    werkgever_user,
    locatie,  # noqa: F811
    monkeypatch,
):
    # The walk-through: the call and contract were written at the minimum, then the wage
    # agreement was recorded; the cancellation then promised the minimum, payroll paid more.
    shift = dienst(locatie, dagen=2)
    response, _ = accepteer(api_as, werknemer, shift)
    assert response.status_code == 200, response.body
    contract, oproep = Arbeidscontract.objects.get(), Oproep.objects.get()
    oud_contract, oud_oproep = contract.document, oproep.document

    assert afspraak(api_as, staff, werknemer, timezone.localdate(), "17.50").status_code == 201

    contract.refresh_from_db()
    oproep.refresh_from_db()
    assert (contract.document.versie, contract.document.vervangt_id) == (2, oud_contract.pk)
    assert (oproep.document.versie, oproep.document.vervangt_id) == (2, oud_oproep.pk)
    assert contract.uurloon == oproep.uurloon == Decimal("17.50")
    assert "€ 87,50 bruto" in download(api_as, werknemer.user, oproep.document_id)
    assert Document.objects.get(pk=oud_oproep.pk).gegevens == oud_oproep.gegevens  # unchanged
    meldingen = Gebeurtenis.objects.filter(soort=Gebeurtenis.MELDING_WERKNEMER)
    assert {(m.werknemer_id, m.document_id) for m in meldingen} == {
        (werknemer.pk, contract.document_id),
        (werknemer.pk, oproep.document_id),
    }
    assert all("nieuwe versie 2" in m.tekst for m in meldingen)

    inzet = Inzet.objects.get()
    assert api_as(werkgever_user).post(f"inzetten/{inzet.pk}/annuleer", {}).status_code == 200
    oproep.refresh_from_db()
    beloofd = Oproep.objects.get().annulering.gegevens
    assert beloofd["uurloon"] == "17.50"
    assert f"€ {nl(Decimal('87.50'))} bruto" in download(
        api_as, werknemer.user, oproep.annulering_id
    )

    dag = timezone.localdate(shift.start)
    # payroll runs once the month has ended
    monkeypatch.setattr(loonperioden, "vandaag", lambda: dag.replace(day=28) + timedelta(days=10))
    periode = Loonperiode.objects.create(
        soort="maand",
        begin=dag.replace(day=1),
        eind=loonperioden.periode_eind("maand", dag.replace(day=1)),
    )
    export = loonexport.loonexport_run(
        export_id=loonexport.loonexport_create(periode_id=periode.pk).pk
    )
    assert export.status == "done", export.melding
    assert export.totaal_bruto == Decimal("87.50")


def test_agreement_below_the_minimum_after_a_birthday_in_its_period_is_refused(api_as, staff, db):
    # 20 until 20 December 2026 (EUR 11.99), then 21 (EUR 14.99): 12.50 holds on the first
    # day only; the birthday inside the agreement's period makes it too low.
    jong = f.WerknemerFactory(geboortedatum=date(2005, 12, 20))
    response = afspraak(api_as, staff, jong, date(2026, 12, 1), "12.50")
    assert response.status_code == 400, response.body
    melding = response.body["fields"]["uurloon"][0]
    assert "€ 14,99" in melding and "20-12-2026" in melding
    assert not Loonafspraak.objects.filter(werknemer=jong).exists()


def test_agreement_after_the_published_tables_is_held_to_the_last_minimum(api_as, staff, db):
    minderjarig = f.WerknemerFactory(geboortedatum=date(2010, 3, 1))
    response = afspraak(api_as, staff, minderjarig, date(2027, 2, 1), "3.00")
    assert response.status_code == 400, response.body
    assert "minimumloon" in response.body["fields"]["uurloon"][0]
    assert not Loonafspraak.objects.exists()


def test_a_document_stating_a_wage_below_the_minimum_is_refused_and_nothing_is_written(
    werknemer,
):
    context = {
        "makelaar": {"naam": "Buurtwerk", "adres": "Marshallaan 2, Utrecht"},
        "oproepovereenkomst_nummer": "AVU",
        "periode_van": date(2025, 11, 1),
        "periode_tot": date(2026, 10, 31),
        "gemiddelde_uren_per_week": "4",
        "aangeboden_uren_per_week": "4",
        "ingangsdatum": date(2026, 12, 2),
        "reageren_voor": date(2026, 12, 1),
        "uurloon": "14.40",
    }
    with pytest.raises(Exception) as exc:
        documenten.document_uitgeven(
            soort="aanbod_vaste_uren", werknemer=werknemer, context=context
        )
    assert exc.value.status_code == 409 and "14.99" in exc.value.message
    assert not Document.objects.exists()
