"""What people read: the call after acceptance, the parties on a call, the invoice PDF's
regimes and alignment, the Nmbrs numbers and the report's explanation sheet."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.test import override_settings
from openpyxl import load_workbook

from contracten.models import Oproep
from coop.exports import Exportdata, Loonstaatregel, factuur_pdf, nmbrs, rapport_xlsx
from coop.exports.factuur_data import Factuurweergave, Postweergave, Regelweergave
from coop.models import Werkpakket
from coop.services.facturen.rapport import rapport_maken
from tests.coop.test_papieren import accepteer, dienst, download, locatie  # noqa: F401

pytestmark = pytest.mark.django_db


def test_call_written_after_acceptance_confirms_it_and_names_the_parties(
    api_as,
    werknemer,
    locatie,  # noqa: F811
):
    response, _ = accepteer(api_as, werknemer, dienst(locatie, dagen=10))
    assert response.status_code == 200, response.body
    tekst = download(api_as, werknemer.user, Oproep.objects.get().document_id)
    assert "U heeft dit werk aangenomen op" in tekst
    assert "Laat ons zo snel mogelijk weten of u komt" not in tekst
    assert "Werkgever (opdrachtgever)" not in tekst
    assert "Werkgever Buurtwerk Coöperatie U.A." in tekst
    assert "Opdrachtgever Woonstichting Kanaleneiland" in tekst


def test_call_under_the_clients_direction_names_the_inlener(
    api_as,
    werknemer,
    locatie,  # noqa: F811
):
    shift = dienst(locatie, dagen=10)
    Werkpakket.objects.filter(pk=shift.job.werkpakket_id).update(regie="opdrachtgever")
    response, _ = accepteer(api_as, werknemer, shift)
    assert response.status_code == 200, response.body
    tekst = download(api_as, werknemer.user, Oproep.objects.get().document_id)
    assert "Inlener (opdrachtgever) Woonstichting Kanaleneiland" in tekst
    assert "onder leiding en toezicht van de inlener" in tekst


def _factuur(*regies: str) -> Factuurweergave:
    regels = tuple(
        Regelweergave(
            i,
            "Trappenhuizen schoonmaken (Complex Zuid): gewerkte uren",
            regie,
            "gewerkt",
            Decimal("12.50"),
            Decimal("32.50"),
            Decimal("406.25"),
            "3 urenregel(s) van 05-01-2026 t/m 09-01-2026; 12,50 uur × € 32,50.",
        )
        for i, regie in enumerate(regies, start=1)
    )
    post = Postweergave(
        1,
        date(2026, 1, 5),
        "Fatima El Amrani-van den Berghe",
        "Complex Zuid aan de Marshallaan in Kanaleneiland",
        "gewerkt",
        Decimal("4.50"),
        Decimal(1),
    )
    bedrag = Decimal("406.25") * len(regies)
    return Factuurweergave(
        "F2026-00001",
        "factuur",
        "Factuur",
        date(2026, 2, 1),
        date(2026, 3, 3),
        "2026-01",
        date(2026, 1, 1),
        date(2026, 1, 31),
        "Woonstichting Kanaleneiland",
        "",
        {"naam": "Buurtwerk"},
        regels,
        (post,) * 3,
        bedrag,
        Decimal("0.21"),
        bedrag * Decimal("0.21"),
        bedrag * Decimal("1.21"),
    )


def _pdf(f: Factuurweergave) -> tuple[str, str]:
    lezer = pypdf.PdfReader(io.BytesIO(factuur_pdf.render(f)))
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lezer.pages))
    inhoud = b"".join(p.get_contents().get_data() for p in lezer.pages).decode("latin-1")
    return tekst, inhoud


@pytest.mark.parametrize(
    ("regies", "wel", "niet"),
    [
        (("makelaar",), ["Aanneming van werk: de makelaar"], ["Terbeschikkingstelling: de"]),
        (("opdrachtgever",), ["Terbeschikkingstelling: de"], ["Aanneming van werk: de makelaar"]),
        (
            ("makelaar", "opdrachtgever"),
            ["Aanneming van werk: de makelaar", "Terbeschikkingstelling: de"],
            [],
        ),
    ],
)
def test_invoice_explains_only_the_regimes_of_its_lines(regies, wel, niet):
    tekst, _ = _pdf(_factuur(*regies))
    assert all(w in tekst for w in wel) and not any(n in tekst for n in niet)


def test_invoice_text_is_not_justified_in_narrow_columns():
    tekst, inhoud = _pdf(_factuur("makelaar"))
    assert "Complex Zuid aan de Marshallaan" in tekst
    # Justified lines are drawn word by word with spacing adjustments (TJ arrays).
    assert "] TJ" not in inhoud


def test_nmbrs_file_carries_the_configured_debtor_and_company_numbers():
    regel = Loonstaatregel(
        7, "Fatima", "Bo-Ex", "1234", 1, date(2026, 1, 5), date(2026, 1, 5), *[Decimal(1)] * 8
    )
    data = Exportdata("2026-01", "maand", date(2026, 1, 1), date(2026, 1, 31), (regel,))
    with override_settings(NMBRS_DEBITEURNR="D-42", NMBRS_BEDRIJFNR="B-7"):
        ws = load_workbook(io.BytesIO(nmbrs.render(data))).active
    assert [ws["A3"].value, ws["B3"].value, ws["C3"].value] == ["D-42", "B-7", 7]


def test_report_explanation_names_no_internal_file_and_the_total_counts_residents(staff):
    rapport = rapport_maken(user=staff, van=date(2026, 1, 1), tot=date(2026, 1, 31))
    wb = load_workbook(io.BytesIO(rapport_xlsx.render(rapport)))
    uitleg = " ".join(str(c.value) for rij in wb["Toelichting"].iter_rows() for c in rij if c.value)
    assert "Gemeente Utrecht" in uitleg
    assert not re.search(r"\b\w+\.(md|py)\b", uitleg), uitleg
    assert "Bewoners met werk" in [c.value for c in wb["Totaal"]["A"]]


def test_nmbrs_numbers_are_settings_read_from_the_environment():
    import os
    import subprocess
    import sys

    omgeving = {**os.environ, "DEBUG": "1", "NMBRS_DEBITEURNR": "D-42", "NMBRS_BEDRIJFNR": "B-7"}
    uit = subprocess.run(
        [
            sys.executable,
            "-c",
            "from coop import settings as s; print(s.NMBRS_DEBITEURNR, s.NMBRS_BEDRIJFNR)",
        ],
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
    )
    assert uit.stdout.split() == ["D-42", "B-7"]
