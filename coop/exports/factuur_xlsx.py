"""The invoice as a workbook: 'Factuur' (heading and totals), 'Regels' and 'Specificatie'.

'Regels' and 'Specificatie' are plain tables (header on row 1, no totals row) so they can be
read back as they are, by people filtering in Excel and by pandas.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from coop.exports import vaste_zip
from coop.exports.factuur_data import Factuurweergave

EURO = '"€" #,##0.00'
UREN = "#,##0.00"
DATUM = "dd-mm-yyyy"
KOP_FONT = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E3D")
VET = Font(bold=True)

REGEL_KOLOMMEN = (
    ("Regel", None, 7),
    ("Omschrijving", None, 48),
    ("Soort uren", None, 30),
    ("Regie", None, 14),
    ("Uren", UREN, 10),
    ("Tarief", EURO, 12),
    ("Bedrag", EURO, 14),
    ("Toelichting", None, 80),
)
POST_KOLOMMEN = (
    ("Regel", None, 7),
    ("Datum", DATUM, 12),
    ("Werknemer", None, 28),
    ("Locatie", None, 28),
    ("Soort uren", None, 30),
    ("Uren", UREN, 10),
    ("Aandeel", "0.00%", 10),
)


def _tabel(ws, kolommen, rijen) -> None:
    ws.append([k for k, _f, _b in kolommen])
    for cel in ws[1]:
        cel.font, cel.fill = KOP_FONT, KOP_VULLING
    for rij in rijen:
        ws.append(list(rij))
    for i, (_kop, formaat, breedte) in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = breedte
        if formaat:
            for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cel.number_format = formaat
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(kolommen))}{max(ws.max_row, 1)}"


def _kop(ws, f: Factuurweergave) -> None:
    m = f.makelaar
    rijen = [
        (f.titel, f.nummer),
        ("Factuurdatum", f.factuurdatum),
        ("Te betalen vóór", f.vervaldatum),
        ("Periode", f"{f.periode} ({f.periode_begin:%d-%m-%Y} t/m {f.periode_eind:%d-%m-%Y})"),
        ("Aan", f.werkgever),
        ("KvK-nummer", f.werkgever_kvk),
        ("Van", m["naam"]),
        ("KvK-nummer makelaar", m["kvk_nummer"]),
        ("Btw-nummer makelaar", m["btw_nummer"]),
        ("IBAN", m["iban"]),
    ]
    if f.crediteert:
        rijen += [("Crediteert factuur", f.crediteert), ("Reden", f.reden)]
    for rij in rijen:
        ws.append(rij)
        ws.cell(ws.max_row, 1).font = VET
        if isinstance(rij[1], type(f.factuurdatum)):
            ws.cell(ws.max_row, 2).number_format = DATUM
    ws["B1"].font = Font(bold=True, size=14)


def _totalen(ws, f: Factuurweergave) -> None:
    ws.append([])
    for soort, bedrag in f.per_regie():
        ws.append([f"Subtotaal {soort}", bedrag])
    ws.append(["Totaal excl. btw", f.bedrag_excl])
    ws.append([f"Btw {f.btw_procent}%", f.btw_bedrag])
    ws.append(["Totaal incl. btw", f.bedrag_incl])
    laatste = ws.max_row
    for rij in ws.iter_rows(min_row=laatste - len(f.per_regie()) - 2, max_row=laatste):
        rij[0].font = VET
        rij[1].number_format = EURO
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 36
    for rij in ws.iter_rows(min_col=2, max_col=2):
        rij[0].alignment = Alignment(horizontal="left")


def render(f: Factuurweergave) -> bytes:
    """The workbook's bytes; the same invoice always gives the same bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Factuur"
    _kop(ws, f)
    _totalen(ws, f)
    _tabel(
        wb.create_sheet("Regels"),
        REGEL_KOLOMMEN,
        (
            (
                r.volgorde,
                r.omschrijving,
                r.uren_soort,
                r.regie,
                r.uren,
                r.tarief,
                r.bedrag,
                r.toelichting,
            )
            for r in f.regels
        ),
    )
    _tabel(
        wb.create_sheet("Specificatie"),
        POST_KOLOMMEN,
        (
            (p.regel, p.datum, p.werknemer, p.locatie, p.uren_soort, p.uren, p.aandeel)
            for p in f.posten
        ),
    )
    wb.properties.creator = wb.properties.lastModifiedBy = "coop"
    wb.properties.title = f"{f.titel} {f.nummer}"
    wb.properties.created = wb.properties.modified = f.moment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        ExcelWriter(wb, archief).save()
    return vaste_zip(buffer.getvalue(), f.moment)
