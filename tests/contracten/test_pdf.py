"""Rendering: every kind of document to an A4 PDF whose text a reader (and pypdf) can get back."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest

from contracten.documenten import render_pdf, valideer_context
from contracten.schemas import DocumentKop, WerknemerGegevens
from coop.core.exceptions import ApplicationError

MAKELAAR = {
    "naam": "Buurtwerk Coöperatie Kanaleneiland U.A.",
    "adres": "Marshallaan 2, 3527 TM Utrecht",
    "kvk_nummer": "30123457",
    "vertegenwoordiger": "Noëlle Bakker, directeur",
}
KANALENEILAND = {
    "werkgever": "Woonstichting Kanaleneiland",
    "locatie": "Complex Zuid",
    "adres": "Marshallaan 10, 3527 TM Utrecht",
}
BOEX = {"werkgever": "Bo-Ex Utrecht", "adres": "Columbuslaan 5, 3526 EP Utrecht"}


def arbeidsovereenkomst(**anders) -> dict:
    return {
        "makelaar": MAKELAAR,
        "soort_contract": "bepaalde_tijd",
        "functie": "Huismeester",
        "werkplekken": [KANALENEILAND, BOEX],
        "ingangsdatum": "2026-03-01",
        "einddatum": "2027-02-28",
        "proeftijd_maanden": 1,
        "uren_per_week": "24",
        "rooster": [
            {"dag": "maandag", "van": "08:00", "tot": "16:00"},
            {"dag": "woensdag", "van": "08:30", "tot": "16:30"},
        ],
        "uurloon": "15.25",
        "plaats_ondertekening": "Utrecht",
        **anders,
    }


def oproepovereenkomst(**anders) -> dict:
    return {
        "makelaar": MAKELAAR,
        "soort_contract": "onbepaalde_tijd",
        "functie": "Schoonmaker trappenhuizen",
        "werkplekken": [KANALENEILAND],
        "ingangsdatum": "2026-03-01",
        "referentiedagen": [{"dag": "dinsdag", "van": "09:00", "tot": "13:00"}],
        "uurloon": "14.71",
        "plaats_ondertekening": "Utrecht",
        **anders,
    }


def oproep(**anders) -> dict:
    return {
        "makelaar": MAKELAAR,
        "oproepovereenkomst_nummer": "OOK-2026-000004",
        "datum": "2026-03-06",
        "begin": "09:00",
        "eind": "11:00",
        "werkplek": KANALENEILAND,
        "werkzaamheden": "Trappenhuis schoonmaken",
        "uurloon": "14.71",
        "opgeroepen_op": "2026-03-04T10:00",
        **anders,
    }


def annulering(**anders) -> dict:
    return {
        "makelaar": MAKELAAR,
        "oproep_nummer": "OPR-2026-000001",
        "datum": "2026-03-06",
        "begin": "09:00",
        "eind": "13:00",
        "werkplek": KANALENEILAND,
        "werkzaamheden": "Trappenhuis schoonmaken",
        "uurloon": "14.71",
        "geannuleerd_op": "2026-03-05T10:00",
        **anders,
    }


def aanbod(**anders) -> dict:
    return {
        "makelaar": MAKELAAR,
        "oproepovereenkomst_nummer": "OOK-2025-000004",
        "periode_van": "2025-03-01",
        "periode_tot": "2026-02-28",
        "gemiddelde_uren_per_week": "11.40",
        "aangeboden_uren_per_week": "12",
        "ingangsdatum": "2026-04-01",
        "reageren_voor": "2026-04-15",
        "uurloon": "14.71",
        **anders,
    }


def aanzegging(**anders) -> dict:
    return {
        "makelaar": MAKELAAR,
        "overeenkomst_nummer": "AOK-2026-000001",
        "ingangsdatum": "2026-03-01",
        "einddatum": "2027-02-28",
        "voortzetting": True,
        "nieuwe_einddatum": "2028-02-29",
        "uren_per_week": "24",
        "uurloon": "15.50",
        **anders,
    }


ZOE = WerknemerGegevens(
    naam="Zoë Çelik-Jansen",
    adres="Columbuslaan 1, 3526 EP Utrecht",
    geboortedatum=date(1990, 5, 17),
)


def render(soort: str, context: dict, *, nummer="DOC-2026-000007", versie=1) -> bytes:
    model = valideer_context(soort, context)
    kop = DocumentKop(nummer=nummer, versie=versie, datum=date(2026, 3, 1), titel=model.TITEL)
    return render_pdf(soort, model.model_copy(update={"document": kop, "werknemer": ZOE}))


def tekst(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # One space for every run of whitespace: line wraps and justified lines (doubled spaces)
    # depend on the layout, the words a reader sees do not.
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def paginas(data: bytes) -> list:
    return pypdf.PdfReader(io.BytesIO(data)).pages


def test_arbeidsovereenkomst_states_parties_places_terms_and_pay():
    t = tekst(render("arbeidsovereenkomst", arbeidsovereenkomst()))

    assert "Arbeidsovereenkomst" in t
    assert "Zoë Çelik-Jansen, Columbuslaan 1, 3526 EP Utrecht" in t
    assert "geboren op 17 mei 1990" in t
    assert "Buurtwerk Coöperatie Kanaleneiland U.A., Marshallaan 2, 3527 TM Utrecht" in t
    assert "vertegenwoordigd door Noëlle Bakker, directeur" in t
    # Every employer and location of the bundled job.
    assert "Woonstichting Kanaleneiland, locatie Complex Zuid, Marshallaan 10, 3527 TM Utrecht" in t
    assert "Bo-Ex Utrecht, Columbuslaan 5, 3526 EP Utrecht" in t
    assert "van 1 maart 2026 tot en met 28 februari 2027" in t
    assert "De eerste maand van deze overeenkomst geldt als proeftijd" in t
    assert "24 uur per week" in t
    assert "maandag 08:00 tot 16:00 uur" in t
    assert "woensdag 08:30 tot 16:30 uur" in t
    assert "€ 15,25 per uur" in t
    assert "vakantietoeslag op van 8% van het brutoloon" in t
    assert "96 uur vakantie" in t  # 4 x 24 hours (BW 7:634)
    assert "voor de werkgever 1 maand en voor de werknemer 1 maand" in t
    assert "Cao: geen." in t
    assert "Pensioenregeling: geen." in t
    assert "Aldus overeengekomen en in tweevoud opgemaakt te Utrecht op 1 maart 2026" in t


def test_articles_are_numbered_in_order_without_gaps():
    t = tekst(render("arbeidsovereenkomst", arbeidsovereenkomst()))

    nummers = [int(n) for n in re.findall(r"Artikel (\d+) ", t)]
    assert nummers == list(range(1, 10))
    assert "[nr]" not in t


def test_footer_carries_number_version_and_page_of_pages_on_every_a4_page():
    data = render("arbeidsovereenkomst", arbeidsovereenkomst(), nummer="AOK-2026-000123", versie=3)
    pages = paginas(data)

    assert len(pages) == 2
    for i, page in enumerate(pages, start=1):
        assert round(float(page.mediabox.width)) == 595  # A4: 210 x 297 mm in points
        assert round(float(page.mediabox.height)) == 842
        assert "AOK-2026-000123 · versie 3 · Arbeidsovereenkomst" in page.extract_text()
        assert f"pagina {i} van 2" in page.extract_text()


def test_indefinite_contract_without_probation_and_with_cao_and_pension():
    t = tekst(
        render(
            "arbeidsovereenkomst",
            arbeidsovereenkomst(
                soort_contract="onbepaalde_tijd",
                einddatum=None,
                proeftijd_maanden=2,
                cao="Cao Woondiensten",
                pensioen="SPW",
            ),
        )
    )

    assert "voor onbepaalde tijd en gaat in op 1 maart 2026" in t
    assert "De eerste 2 maanden van deze overeenkomst gelden als proeftijd" in t
    assert "Cao: Cao Woondiensten." in t
    assert "Pensioenregeling: SPW." in t


def test_oproepovereenkomst_states_on_call_rules():
    t = tekst(render("oproepovereenkomst", oproepovereenkomst()))

    assert "Dit is een oproepovereenkomst" in t
    assert "dinsdag 09:00 tot 13:00 uur" in t
    assert "ten minste 4 dagen voor" in t
    assert "ten minste 3 uur loon" in t
    assert "voor het eerst op 1 maart 2027" in t
    assert "€ 14,71 per uur" in t
    assert "Er geldt geen proeftijd." in t


def test_oproepovereenkomst_with_15_guaranteed_hours_has_no_three_hour_minimum():
    t = tekst(render("oproepovereenkomst", oproepovereenkomst(garantie_uren_per_week="15")))

    assert "ten minste 15 betaalde uren per week" in t
    assert "ten minste 3 uur loon" not in t


def test_short_call_is_flagged_and_paid_as_three_hours():
    t = tekst(render("oproep", oproep()))

    assert "vrijdag 6 maart 2026" in t
    assert "09:00 tot 11:00 uur" in t
    assert "Woonstichting Kanaleneiland" in t
    assert "Complex Zuid, Marshallaan 10, 3527 TM Utrecht" in t
    assert "Trappenhuis schoonmaken" in t
    assert "u krijgt 3 uur betaald" in t
    assert "€ 44,13 bruto" in t  # 3 x 14.71
    assert "1 dag en 23 uur voor het begin" in t
    assert "korter dan 4 dagen van tevoren. U mag weigeren" in t


def test_call_four_days_ahead_is_not_flagged_and_pays_the_hours_worked():
    t = tekst(
        render(
            "oproep",
            oproep(opgeroepen_op="2026-03-02T09:00", eind="13:30", pauze_minuten=30),
        )
    )

    assert "(waarvan 30 minuten pauze)" in t
    assert "4 uur" in t
    assert "€ 58,84 bruto" in t  # 4 x 14.71
    assert "4 dagen voor het begin" in t
    assert "U mag weigeren" not in t


def test_cancellation_within_four_days_keeps_the_pay():
    t = tekst(render("annulering_oproep", annulering()))

    assert "U behoudt uw loon." in t
    assert "€ 58,84 bruto" in t
    assert "Oproep: OPR-2026-000001" in t


def test_cancellation_well_ahead_pays_nothing():
    t = tekst(render("annulering_oproep", annulering(geannuleerd_op="2026-03-01T08:00")))

    assert "U behoudt uw loon" not in t
    assert "geen loon betaald" in t


def test_fixed_hours_offer_states_average_offer_and_deadline():
    t = tekst(render("aanbod_vaste_uren", aanbod()))

    assert "gemiddeld 11,40 uur per week" in t
    assert "12 uur per week" in t
    assert "met ingang van 1 april 2026" in t
    assert "uiterlijk 15 april 2026" in t
    assert "€ 14,71 per uur" in t


def test_aanzegging_with_continuation_and_without():
    voort = tekst(render("aanzegging", aanzegging()))
    assert "Wij zetten uw arbeidsovereenkomst voort" in voort
    assert "29 februari 2028" in voort
    assert "€ 15,50 per uur" in voort

    stop = tekst(render("aanzegging", aanzegging(voortzetting=False, nieuwe_einddatum=None)))
    assert "Wij zetten uw arbeidsovereenkomst niet voort." in stop
    assert "eindigt op 28 februari 2027" in stop


def test_same_context_gives_the_same_bytes():
    assert render("oproep", oproep()) == render("oproep", oproep())


def test_ampersand_and_quotes_survive_escaping():
    t = tekst(render("oproep", oproep(werkzaamheden='Ramen & deuren "zemen"')))

    assert 'Ramen & deuren "zemen"' in t


@pytest.mark.parametrize(
    ("soort", "context", "veld"),
    [
        (
            "arbeidsovereenkomst",
            arbeidsovereenkomst(ingangsdatum="1 maart"),
            "context.ingangsdatum",
        ),
        ("arbeidsovereenkomst", arbeidsovereenkomst(uurloon="veel"), "context.uurloon"),
        ("arbeidsovereenkomst", arbeidsovereenkomst(bsn="111222333"), "context.bsn"),
        ("arbeidsovereenkomst", arbeidsovereenkomst(werkplekken=[]), "context.werkplekken"),
        ("oproep", oproep(werkplek={"werkgever": "X"}), "context.werkplek.adres"),
        ("oproepovereenkomst", oproepovereenkomst(referentiedagen=[]), "context.referentiedagen"),
    ],
)
def test_bad_field_is_refused_with_its_name(soort, context, veld):
    with pytest.raises(ApplicationError) as exc:
        valideer_context(soort, context)

    assert exc.value.status_code == 400
    assert veld in exc.value.fields
    assert veld in exc.value.message


@pytest.mark.parametrize(
    ("soort", "context", "melding"),
    [
        (
            "arbeidsovereenkomst",
            arbeidsovereenkomst(einddatum=None),
            "Een contract voor bepaalde tijd heeft een einddatum.",
        ),
        (
            "arbeidsovereenkomst",
            arbeidsovereenkomst(einddatum="2026-07-31"),
            "Bij een contract van 6 maanden of korter geldt geen proeftijd.",
        ),
        (
            "arbeidsovereenkomst",
            arbeidsovereenkomst(proeftijd_maanden=2),
            "Bij een contract korter dan 2 jaar is de proeftijd ten hoogste 1 maand.",
        ),
        (
            "arbeidsovereenkomst",
            arbeidsovereenkomst(vakantietoeslag_procent="7.5"),
            "De vakantietoeslag is ten minste 8%.",
        ),
        (
            "oproepovereenkomst",
            oproepovereenkomst(oproeptermijn_dagen=2),
            "Een oproeptermijn korter dan 4 dagen kan alleen bij cao.",
        ),
        ("oproep", oproep(opgeroepen_op="2026-03-06T10:00"), "De oproep ligt niet vóór het begin"),
        ("oproep", oproep(eind="08:00"), "De eindtijd ligt niet na de begintijd."),
        (
            "aanbod_vaste_uren",
            aanbod(aangeboden_uren_per_week="10"),
            "Het aanbod is ten minste het gemiddelde aantal betaalde uren per week.",
        ),
    ],
)
def test_legal_rules_refuse_a_document_that_would_break_them(soort, context, melding):
    with pytest.raises(ApplicationError) as exc:
        valideer_context(soort, context)

    assert melding in exc.value.fields["context"][0]


def test_shorter_call_notice_is_allowed_under_a_cao():
    model = valideer_context(
        "oproepovereenkomst", oproepovereenkomst(oproeptermijn_dagen=1, cao="Cao Schoonmaak")
    )

    assert model.oproeptermijn_dagen == 1


def test_characters_outside_the_font_are_refused_not_dropped():
    with pytest.raises(ApplicationError) as exc:
        render("oproep", oproep(werkzaamheden="Schoonmaak 清洁"))

    assert "清" in exc.value.message


def test_unknown_kind_is_refused():
    with pytest.raises(ApplicationError) as exc:
        valideer_context("brief", {})

    assert "soort" in exc.value.fields
