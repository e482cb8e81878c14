"""The workbook people read: a summary sheet plus one sheet per employer (its cost share)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from coop.exports import Exportdata, Loonstaatregel, vaste_zip

UREN = "#,##0.00"
EURO = '"€" #,##0.00'
DATUM = "dd-mm-yyyy"
GETAL = "0"
KOP_FONT = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E78")
TOTAAL_FONT = Font(bold=True)
TOTAAL_RAND = Border(top=Side(style="thin"), bottom=Side(style="double"))


@dataclass(frozen=True)
class Kolom:
    kop: str
    waarde: Callable[[Any], Any]
    formaat: str | None = None
    breedte: int = 14
    optellen: bool = False
    # The totals row's value from all rows, where a plain sum would count twice.
    totaal: Callable[[Sequence[Any]], Any] | None = None


def _som(regels: Sequence[Loonstaatregel], attr: str) -> Decimal:
    return sum((getattr(r, attr) for r in regels), Decimal(0))


def _bedrag(attr: str, kop: str, formaat: str) -> Kolom:
    return Kolom(kop, lambda r, a=attr: getattr(r, a), formaat, 16, True)


WERKNEMER_KOLOMMEN = (
    Kolom("Persnr", lambda r: r.persnr, GETAL, 9),
    Kolom("Naam", lambda r: r.naam, None, 28),
    Kolom("Dagen", lambda r: r.dagen, GETAL, 8, True),
    Kolom("Eerste werkdag", lambda r: r.eerste_dag, DATUM, 14),
    Kolom("Laatste werkdag", lambda r: r.laatste_dag, DATUM, 14),
    _bedrag("uren_normaal", "Gewerkte uren", UREN),
    _bedrag("bedrag_normaal", "Loon gewerkt", EURO),
    _bedrag("uren_doorbetaald", "Doorbetaalde uren", UREN),
    _bedrag("bedrag_doorbetaald", "Loon doorbetaald", EURO),
    _bedrag("uren_aanvulling", "Aanvulling minimum (uren)", UREN),
    _bedrag("bedrag_aanvulling", "Loon aanvulling", EURO),
    _bedrag("uren_feestdagtoeslag", "Feestdagtoeslag (uren)", UREN),
    _bedrag("bedrag_feestdagtoeslag", "Loon feestdagtoeslag", EURO),
    _bedrag("uren_ziek", "Ziekte-uren", UREN),
    _bedrag("bedrag_ziek", "Loon bij ziekte", EURO),
    _bedrag("uren_verlof", "Verlofuren", UREN),
    _bedrag("bedrag_verlof", "Loon verlof", EURO),
    _bedrag("betaalde_uren", "Betaalde uren", UREN),
    _bedrag("bruto", "Bruto loon", EURO),
    _bedrag("vakantiegeld", "Vakantiegeld", EURO),
    _bedrag("vakantie_uren", "Vakantie-uren", UREN),
)


@dataclass(frozen=True)
class Kostendeel:
    """One employer's share of the period, for the summary sheet."""

    werkgever: str
    werkgever_kvk: str
    regels: tuple[Loonstaatregel, ...]

    def __getattr__(self, attr: str) -> Decimal:
        if attr.startswith("_"):
            raise AttributeError(attr)
        return _som(self.regels, attr)


OVERZICHT_KOLOMMEN = (
    Kolom("Werkgever", lambda k: k.werkgever, None, 32),
    Kolom("KvK-nummer", lambda k: k.werkgever_kvk, None, 12),
    # A member who worked for two employers is on both rows but is one member in the total.
    Kolom(
        "Werknemers",
        lambda k: len(k.regels),
        GETAL,
        11,
        totaal=lambda delen: len({r.persnr for k in delen for r in k.regels}),
    ),
    _bedrag("uren_normaal", "Gewerkte uren", UREN),
    _bedrag("uren_doorbetaald", "Doorbetaalde uren", UREN),
    _bedrag("uren_aanvulling", "Aanvulling minimum (uren)", UREN),
    _bedrag("uren_ziek", "Ziekte-uren", UREN),
    _bedrag("uren_verlof", "Verlofuren", UREN),
    _bedrag("betaalde_uren", "Betaalde uren", UREN),
    _bedrag("bruto", "Bruto loon", EURO),
    _bedrag("vakantiegeld", "Vakantiegeld", EURO),
    _bedrag("vakantie_uren", "Vakantie-uren", UREN),
)


def _tabel(ws, kolommen: Sequence[Kolom], rijen: Iterable[Any]) -> None:
    """Header, rows and a totals row; the header row is frozen and filterable."""
    ws.append([k.kop for k in kolommen])
    for cel in ws[1]:
        cel.font, cel.fill = KOP_FONT, KOP_VULLING
        cel.alignment = Alignment(wrap_text=True, vertical="center")
    rijen = list(rijen)
    for rij in rijen:
        ws.append([k.waarde(rij) for k in kolommen])
    totaal = ["Totaal"] + [_totaal(k, rijen) for k in kolommen[1:]]
    ws.append(totaal)
    for cel in ws[ws.max_row]:
        cel.font, cel.border = TOTAAL_FONT, TOTAAL_RAND
    for i, kolom in enumerate(kolommen, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = kolom.breedte
        if kolom.formaat:
            for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cel.number_format = kolom.formaat
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(kolommen))}{max(ws.max_row - 1, 1)}"


def _totaal(kolom: Kolom, rijen: list[Any]) -> Any:
    if kolom.totaal is not None:
        return kolom.totaal(rijen)
    return sum((kolom.waarde(r) for r in rijen), Decimal(0)) if kolom.optellen else None


def _bladnaam(naam: str, gebruikt: set[str]) -> str:
    # Excel forbids []:*?/\ in sheet names, a leading or trailing quote, and over 31 characters.
    basis = re.sub(r"[\[\]:*?/\\]", "-", naam)[:31].strip(" '") or "Werkgever"
    kandidaat, n = basis, 2
    while kandidaat.lower() in gebruikt:
        achtervoegsel = f" ({n})"
        kandidaat, n = basis[: 31 - len(achtervoegsel)] + achtervoegsel, n + 1
    gebruikt.add(kandidaat.lower())
    return kandidaat


def kostendelen(data: Exportdata) -> list[Kostendeel]:
    return [
        Kostendeel(naam, kvk, tuple(regels))
        for (kvk, naam), regels in groupby(
            data.regels, key=lambda r: (r.werkgever_kvk, r.werkgever)
        )
    ]


def render(data: Exportdata) -> bytes:
    """The styled workbook: 'Overzicht' first, then one sheet per employer."""
    wb = Workbook()
    overzicht = wb.active
    overzicht.title = "Overzicht"
    delen = kostendelen(data)
    _tabel(overzicht, OVERZICHT_KOLOMMEN, delen)
    gebruikt = {"overzicht"}
    for deel in delen:
        _tabel(
            wb.create_sheet(_bladnaam(deel.werkgever, gebruikt)), WERKNEMER_KOLOMMEN, deel.regels
        )
    _eigenschappen(wb, data)
    return opslaan(wb, data)


def _eigenschappen(wb: Workbook, data: Exportdata) -> None:
    wb.properties.creator = "coop"
    wb.properties.lastModifiedBy = "coop"
    wb.properties.title = f"Loonexport {data.periode_code}"
    wb.properties.subject = f"{data.begin:%d-%m-%Y} t/m {data.eind:%d-%m-%Y} ({data.periode_soort})"
    wb.properties.created = data.moment
    wb.properties.modified = data.moment


def opslaan(wb: Workbook, data: Exportdata) -> bytes:
    """Save without openpyxl's 'modified = now', then fix the zip entries' dates too."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archief:
        ExcelWriter(wb, archief).save()
    return vaste_zip(buffer.getvalue(), data.moment)
