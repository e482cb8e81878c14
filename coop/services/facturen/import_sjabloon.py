"""The Excel templates of the imports, written from the column catalogue.

The bytes are fixed (a fixed moment in the workbook's properties, zip entries in a fixed
order), so the templates kept in the repository can be compared with a fresh one.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from coop.core.exceptions import ApplicationError
from coop.exports import vaste_zip
from coop.services.facturen.import_kolommen import BLADNAMEN, KOLOMMEN
from coop.services.facturen.import_rijen import MAX_RIJEN

SJABLOON_MOMENT = datetime(2026, 1, 1)


def sjabloon(soort: str) -> bytes:
    """The template workbook for `soort`: the header row, choice lists and an explanation sheet.

    Deterministic bytes, so the committed coop/data/sjabloon_*.xlsx can be checked against it.
    """
    if soort not in KOLOMMEN:
        raise ApplicationError(
            "Onbekend sjabloon.", fields={"soort": ["Kies werkpakketten of werknemers."]}
        )
    kolommen = KOLOMMEN[soort]
    wb = Workbook()
    ws = wb.active
    ws.title = BLADNAMEN[soort]
    _sjabloon_kop(ws, kolommen)
    _sjabloon_toelichting(wb.create_sheet("Toelichting"), kolommen)
    wb.properties.creator = wb.properties.lastModifiedBy = "coop"
    wb.properties.title = f"Sjabloon {soort}"
    wb.properties.created = wb.properties.modified = SJABLOON_MOMENT
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        ExcelWriter(wb, archief).save()
    return vaste_zip(buffer.getvalue(), SJABLOON_MOMENT)


def _sjabloon_kop(ws, kolommen) -> None:
    ws.append([k.naam for k in kolommen])
    for i, k in enumerate(kolommen, start=1):
        cel = ws.cell(1, i)
        cel.font = Font(bold=True, color="FFFFFF")
        cel.fill = PatternFill("solid", fgColor="1F4E3D" if k.verplicht else "5B7F6E")
        if k.uitleg:
            cel.comment = Comment(k.uitleg, "coop")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, len(k.naam) + 2)
        if k.keuzes:
            lijst = DataValidation(
                type="list", formula1='"' + ",".join(k.keuzes) + '"', allow_blank=True
            )
            lijst.error = f"Kies een van: {', '.join(k.keuzes)}."
            lijst.errorTitle = k.kop
            ws.add_data_validation(lijst)
            lijst.add(f"{letter}2:{letter}{MAX_RIJEN + 1}")
    ws.freeze_panes = "A2"


def _sjabloon_toelichting(ws, kolommen) -> None:
    ws.append(["Kolom", "Verplicht", "Uitleg", "Voorbeeld"])
    for cel in ws[1]:
        cel.font = Font(bold=True)
    for k in kolommen:
        keuzes = f" Keuzes: {', '.join(k.keuzes)}." if k.keuzes else ""
        ws.append([k.kop, "ja" if k.verplicht else "nee", k.uitleg + keuzes, k.voorbeeld])
    ws.append([])
    ws.append(
        [
            f"Vul de gegevens in op het eerste blad, één regel per rij, hoogstens "
            f"{MAX_RIJEN} rijen. Geen formules: vul waarden in. Datums als dd-mm-jjjj."
        ]
    )
    for letter, breedte in zip("ABCD", (26, 10, 80, 32), strict=True):
        ws.column_dimensions[letter].width = breedte
