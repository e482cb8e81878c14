"""Invoices: approved hours x tariff per line, VAT, bundled jobs split, files, immutability,
credit invoices, and isolation between employers."""

import io
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from coop.models import Factuur, Factuurregel, Urenregel
from coop.models.facturen import FactuurOnveranderlijk
from coop.services.facturen import facturen as svc
from coop.services.facturen import factuurbestanden, factuurregels
from tests import factories as f
from tests.coop.test_facturen_fixtures import *  # noqa: F403
from tests.coop.test_facturen_fixtures import OKT, klus, pakket, uren, vaste_baan

D = Decimal


@pytest.fixture
def lid(db):
    return f.WerknemerFactory(voornaam="Fatima", achternaam="El Amrani")


@pytest.fixture
def gefactureerd(staff, werkgever, locatie, andere_locatie, lid, oktober):
    """Two packages of one employer, hours of every kind, and lines that must stay out."""
    schoonmaak = klus(pakket(locatie, tarief="32.50", titel="Trappenhuizen schoonmaken"))
    schilder = klus(
        pakket(locatie, tarief="28.75", regie="opdrachtgever", titel="Schilderwerk galerij")
    )
    uren(lid, schoonmaak, locatie, OKT, 9, 13.25)  # 4.25 h
    uren(lid, schoonmaak, locatie, OKT.replace(day=6), 9, 11, gewerkt="2", aanvulling="1")
    uren(lid, schilder, locatie, OKT.replace(day=7), 8, 16, gewerkt="7.5")
    uren(lid, schilder, locatie, OKT.replace(day=8), 8, 10, gewerkt="0", doorbetaald="2")
    # Not billed now: not approved, after the period, another employer's work.
    uren(lid, schoonmaak, locatie, OKT.replace(day=9), 9, 12, status="ingediend")
    uren(lid, schoonmaak, locatie, date(2026, 11, 2), 9, 12)
    uren(lid, klus(pakket(andere_locatie, tarief="40.00")), andere_locatie, OKT, 14, 17)
    factuur, nieuw = svc.factuur_create(
        user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk
    )
    assert nieuw
    return factuur


def test_lines_are_hours_times_tariff_rounded_once(gefactureerd):
    regels = [
        (r.omschrijving, r.regie, r.uren_soort, r.uren, r.tarief, r.bedrag)
        for r in gefactureerd.regels.order_by("volgorde")
    ]
    assert regels == [
        (
            "Schilderwerk galerij (Marshallaan 1-99): gewerkte uren",
            "opdrachtgever",
            "gewerkt",
            D("7.50"),
            D("28.75"),
            D("215.63"),  # 215.625 rounded half up
        ),
        (
            "Schilderwerk galerij (Marshallaan 1-99): doorbetaald bij late annulering",
            "opdrachtgever",
            "doorbetaald",
            D("2.00"),
            D("28.75"),
            D("57.50"),
        ),
        (
            "Trappenhuizen schoonmaken (Marshallaan 1-99): gewerkte uren",
            "makelaar",
            "gewerkt",
            D("6.25"),
            D("32.50"),
            D("203.13"),  # 203.125 rounded half up
        ),
        (
            "Trappenhuizen schoonmaken (Marshallaan 1-99): aanvulling tot minimum per oproep",
            "makelaar",
            "aanvulling",
            D("1.00"),
            D("32.50"),
            D("32.50"),
        ),
    ]
    assert gefactureerd.bedrag_excl == D("508.76")
    assert gefactureerd.btw_percentage == D("0.21")
    assert gefactureerd.btw_bedrag == D("106.84")  # 106.8396
    assert gefactureerd.bedrag_incl == D("615.60")
    assert gefactureerd.nummer == f"F{gefactureerd.jaar}-00001"
    eerste = gefactureerd.regels.get(volgorde=1)
    assert "1 urenregel(s) van 07-10-2026 t/m 07-10-2026" in eerste.toelichting
    assert "onder leiding van de opdrachtgever" in eerste.toelichting


def test_xlsx_sums_equal_the_lines_and_record_the_kind_of_work(gefactureerd):
    data = factuurbestanden.factuur_bestand(gefactureerd, "xlsx")
    regels = pd.read_excel(io.BytesIO(data), sheet_name="Regels")
    posten = pd.read_excel(io.BytesIO(data), sheet_name="Specificatie")
    kop = pd.read_excel(io.BytesIO(data), sheet_name="Factuur", header=None)
    assert round(regels["Bedrag"].sum(), 2) == 508.76
    assert list(regels["Uren"]) == [7.5, 2.0, 6.25, 1.0]
    assert list(regels["Regie"]) == ["opdrachtgever", "opdrachtgever", "makelaar", "makelaar"]
    # The specification adds up to each line's hours.
    assert posten.groupby("Regel")["Uren"].sum().to_dict() == {1: 7.5, 2: 2.0, 3: 6.25, 4: 1.0}
    assert len(posten) == 5
    waarden = dict(zip(kop[0], kop[1], strict=True))
    assert waarden["Totaal excl. btw"] == pytest.approx(508.76)
    assert waarden["Btw 21%"] == pytest.approx(106.84)
    assert waarden["Totaal incl. btw"] == pytest.approx(615.60)
    assert waarden["Subtotaal aanneming van werk (regie bij de makelaar)"] == pytest.approx(235.63)
    assert waarden[
        "Subtotaal terbeschikkingstelling (onder leiding van de opdrachtgever)"
    ] == pytest.approx(273.13)


def test_pdf_shows_the_amounts_in_dutch(gefactureerd):
    tekst = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(factuurbestanden.factuur_bestand(gefactureerd, "pdf"))).pages
    )
    assert f"Factuur {gefactureerd.nummer}" in tekst
    assert "€ 508,76" in tekst
    assert "€ 106,84" in tekst
    assert "€ 615,60" in tekst
    assert "El Amrani" in tekst  # the specification names who worked


def test_idempotent_per_period_and_employer(gefactureerd, staff, werkgever, oktober):
    opnieuw, nieuw = svc.factuur_create(
        user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk
    )
    assert not nieuw and opnieuw.pk == gefactureerd.pk
    assert Factuur.objects.count() == 1


def test_late_approval_lands_on_the_next_invoice(
    gefactureerd, staff, werkgever, locatie, lid, november, monkeypatch
):
    monkeypatch.setattr(
        svc.loonperioden, "vandaag", lambda: date(2026, 12, 1)
    )  # November has ended
    laat = Factuurregel.objects.first().werkpakket
    uren(lid, klus(laat), locatie, OKT.replace(day=20), 9, 12)  # approved after issuing
    volgende, _ = svc.factuur_create(user=staff, periode_id=november.pk, werkgever_id=werkgever.pk)
    # November's own line (3 h, 2 November) and October's late one (3 h); nothing twice.
    assert sorted((r.tarief, r.uren) for r in volgende.regels.all()) == [
        (D("28.75"), D("3.00")),
        (D("32.50"), D("3.00")),
    ]
    assert volgende.nummer == f"F{volgende.jaar}-00002"


def test_nothing_to_bill_is_a_400_in_dutch(staff, andere_werkgever, oktober, api_as):
    response = api_as(staff).post(
        "facturen/", {"periode_id": oktober.pk, "werkgever_id": andere_werkgever.pk}
    )
    assert response.status_code == 400
    assert "geen goedgekeurde uren van Bo-Ex Utrecht" in response.body["detail"]
    assert Factuur.objects.count() == 0


def test_a_correction_bills_only_what_it_adds(staff, werkgever, locatie, lid, oktober):
    job = klus(pakket(locatie, tarief="30.00"))
    oud = uren(lid, job, locatie, OKT, 9, 13)  # 4 h
    eerste, _ = svc.factuur_create(user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk)
    assert eerste.bedrag_excl == D("120.00")
    # The member's hours change after the line was paid: a correction line on the same shift.
    Urenregel.objects.create(
        inzet=oud.inzet,
        soort="gewerkt",
        corrigeert=oud,
        datum=OKT,
        status="goedgekeurd",
        gewerkte_uren=D("5.5"),
        betaalde_uren=D("5.5"),
    )
    svc.factuur_credit(user=staff, factuur_id=eerste.pk, reden="Uren gecorrigeerd")
    tweede, _ = svc.factuur_create(user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk)
    # The old line (4 h) again after the credit, plus the correction's 1.5 h: 5.5 h in total.
    assert sum(r.uren for r in tweede.regels.all()) == D("5.50")
    assert tweede.bedrag_excl == D("165.00")


# --- bundled permanent jobs --------------------------------------------------------------------


def test_bundled_job_is_billed_per_fragment_and_split_by_fragment_hours(
    staff, werkgever, andere_werkgever, locatie, andere_locatie, lid, oktober
):
    eigen = pakket(locatie, tarief="30.00", titel="Schoonmaak hal")
    ander = pakket(andere_locatie, tarief="40.00", titel="Tuin")
    job, (ma, wo) = vaste_baan(lid, [(eigen, 0, 8, 11), (ander, 2, 8, 9)])  # 3 h + 1 h a week
    uren(lid, job, locatie, OKT, 8, 11, fragment=ma)
    uren(lid, job, andere_locatie, OKT.replace(day=7), 8, 9, fragment=wo)
    # A shift of the bundle with no fragment (its fragment was removed): split 3 : 1.
    uren(lid, job, locatie, OKT.replace(day=8), 8, 12, gewerkt="2.02")

    mijn, _ = svc.factuur_create(user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk)
    hun, _ = svc.factuur_create(user=staff, periode_id=oktober.pk, werkgever_id=andere_werkgever.pk)
    assert [(r.uren, r.bedrag) for r in mijn.regels.all()] == [(D("4.52"), D("135.60"))]
    assert [(r.uren, r.bedrag) for r in hun.regels.all()] == [(D("1.50"), D("60.00"))]
    # 2.02 h split 3 : 1 is 1.515 and 0.505: in hundredths 152 and 50 (largest remainder).
    gesplitst = sorted(p.uren for p in mijn.posten.all())
    assert gesplitst == [D("1.52"), D("3.00")]
    assert sorted(p.uren for p in hun.posten.all()) == [D("0.50"), D("1.00")]
    assert {p.aandeel for p in hun.posten.all()} == {D("1"), D("0.25")}
    assert "3,00 van 4,00 uur per week volgens de fragmenten" in mijn.regels.get().toelichting


@given(
    uren=st.decimals(min_value=-100, max_value=100, places=2),
    gewichten=st.lists(
        st.decimals(min_value="0.25", max_value=40, places=2), min_size=1, max_size=6
    ),
)
def test_split_parts_add_up_to_the_whole(uren, gewichten):
    delen = factuurregels.verdeel(uren, gewichten)
    assert sum(delen) == uren
    assert all(
        abs(d - uren * g / sum(gewichten)) < D("0.01")
        for d, g in zip(delen, gewichten, strict=True)
    )


# --- immutability and credit invoices ------------------------------------------------------------


def test_issued_invoice_cannot_change(gefactureerd):
    gefactureerd.bedrag_excl = D("1")
    with pytest.raises(FactuurOnveranderlijk):
        gefactureerd.save()
    regel = gefactureerd.regels.first()
    regel.bedrag = D("0")
    with pytest.raises(FactuurOnveranderlijk):
        regel.save()
    with pytest.raises(FactuurOnveranderlijk):
        gefactureerd.delete()


def test_credit_invoice_negates_and_frees_the_hours(
    gefactureerd, staff, werkgever, oktober, api_as
):
    response = api_as(staff).post(
        f"facturen/{gefactureerd.pk}/crediteer", {"reden": "Verkeerd tarief"}
    )
    assert response.status_code == 201, response.body
    credit = response.body
    assert credit["soort"] == "credit"
    assert credit["crediteert"] == gefactureerd.nummer
    assert D(credit["bedrag_excl"]) == D("-508.76")
    assert D(credit["btw_bedrag"]) == D("-106.84")
    assert D(credit["bedrag_incl"]) == D("-615.60")
    gefactureerd.refresh_from_db()
    assert gefactureerd.status == "gecrediteerd"
    again = api_as(staff).post(f"facturen/{gefactureerd.pk}/crediteer", {"reden": "nog eens"})
    assert again.status_code == 409
    nieuw = api_as(staff).post(
        "facturen/", {"periode_id": oktober.pk, "werkgever_id": werkgever.pk}
    )
    assert nieuw.status_code == 201
    assert D(nieuw.body["bedrag_excl"]) == D("508.76")
    assert nieuw.body["nummer"] == f"F{gefactureerd.jaar}-00003"


# --- the API: who sees what ----------------------------------------------------------------------


def test_employers_see_only_their_own_invoices(
    gefactureerd, api_as, werkgever_user, andere_werkgever_user, werknemer_user
):
    eigen = api_as(werkgever_user)
    assert [f["nummer"] for f in eigen.get("facturen/").body] == [gefactureerd.nummer]
    detail = eigen.get(f"facturen/{gefactureerd.pk}")
    assert detail.status_code == 200
    assert D(detail.body["bedrag_incl"]) == D("615.60")
    pdf = eigen.get(f"facturen/{gefactureerd.pk}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    ander = api_as(andere_werkgever_user)
    assert ander.get("facturen/").body == []
    for pad in ("", "/pdf", "/xlsx"):
        assert ander.get(f"facturen/{gefactureerd.pk}{pad}").status_code == 404
    assert api_as(werknemer_user).get("facturen/").status_code == 403
    # Employers do not issue or credit invoices.
    assert eigen.post(f"facturen/{gefactureerd.pk}/crediteer", {"reden": "x"}).status_code == 403


def test_staff_issue_through_the_api_once(api_as, staff, werkgever, locatie, lid, oktober):
    uren(lid, klus(pakket(locatie, tarief="25.00")), locatie, OKT, 9, 12)
    body = {"periode_id": oktober.pk, "werkgever_id": werkgever.pk}
    eerste = api_as(staff).post("facturen/", body)
    assert eerste.status_code == 201, eerste.body
    assert D(eerste.body["bedrag_excl"]) == D("75.00")
    assert D(eerste.body["bedrag_incl"]) == D("90.75")
    tweede = api_as(staff).post("facturen/", body)
    assert tweede.status_code == 200
    assert tweede.body["id"] == eerste.body["id"]
    xlsx = api_as(staff).get(f"facturen/{eerste.body['id']}/xlsx")
    assert xlsx.status_code == 200
    assert pd.read_excel(io.BytesIO(xlsx.content), sheet_name="Regels")["Bedrag"].sum() == 75


def test_a_tampered_file_is_not_served(gefactureerd, api_as, staff, settings):
    pad = factuurbestanden.bestand_pad(gefactureerd, "pdf")
    pad.write_bytes(pad.read_bytes() + b"x")
    response = api_as(staff).get(f"facturen/{gefactureerd.pk}/pdf")
    assert response.status_code == 500
    assert "gewijzigd" in response.body["detail"]


def test_all_employers_of_a_period(api_as, staff, locatie, andere_locatie, lid, oktober):
    uren(lid, klus(pakket(locatie, tarief="25.00")), locatie, OKT, 9, 12)
    uren(lid, klus(pakket(andere_locatie, tarief="30.00")), andere_locatie, OKT, 14, 16)
    response = api_as(staff).post("facturen/periode", {"periode_id": oktober.pk})
    assert response.status_code == 200, response.body
    assert sorted(D(f["bedrag_excl"]) for f in response.body) == [D("60.00"), D("75.00")]
    assert len(api_as(staff).post("facturen/periode", {"periode_id": oktober.pk}).body) == 2
    assert Factuur.objects.count() == 2
