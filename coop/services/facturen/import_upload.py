"""Upload checks for the Excel imports: a file that is not a readable workbook is refused whole.

Too large, not an XLSX (whatever its name), a zip that unpacks to too much: each is a
Bestandsfout (400) before a single row is read.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from coop.core.exceptions import ApplicationError
from coop.services.facturen.import_kolommen import BLADNAMEN

MAX_BYTES = 5 * 1024 * 1024
MAX_UITGEPAKT = 50 * 1024 * 1024  # a zip bomb unpacks to far more than this


class Bestandsfout(ApplicationError):
    """The file as a whole cannot be imported (400, nothing read)."""


def lees_upload(bestand) -> bytes:
    """The uploaded file's bytes, refusing one over the size limit before reading it all."""
    if bestand.size is not None and bestand.size > MAX_BYTES:
        raise _te_groot()
    inhoud = bestand.read(MAX_BYTES + 1)
    if len(inhoud) > MAX_BYTES:
        raise _te_groot()
    return inhoud


def _te_groot() -> Bestandsfout:
    return Bestandsfout(
        f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB; splits het op.",
        fields={"bestand": ["Het bestand is te groot."]},
    )


def _geen_xlsx(extra: str = "") -> Bestandsfout:
    return Bestandsfout(
        "Dit is geen leesbaar Excel-bestand (.xlsx)"
        + (f": {extra}" if extra else ".")
        + " Sla het op als Excel-werkmap en probeer het opnieuw.",
        fields={"bestand": ["Geen geldig .xlsx-bestand."]},
    )


def _controleer_zip(inhoud: bytes) -> None:
    if not inhoud:
        raise _geen_xlsx("het bestand is leeg")
    if not inhoud.startswith(b"PK\x03\x04"):
        raise _geen_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            namen = archief.namelist()
            uitgepakt = sum(i.file_size for i in archief.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _geen_xlsx("het bestand is beschadigd") from exc
    if "xl/workbook.xml" not in namen:
        raise _geen_xlsx("het is een ander soort bestand")
    if uitgepakt > MAX_UITGEPAKT:
        raise Bestandsfout(
            "Het werkblad is uitgepakt te groot om te lezen.",
            fields={"bestand": ["Het bestand is te groot."]},
        )


def werkblad_open(inhoud: bytes, soort: str):
    _controleer_zip(inhoud)
    try:
        wb = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise _geen_xlsx("het bestand is beschadigd") from exc
    naam = BLADNAMEN[soort]
    return wb[naam] if naam in wb.sheetnames else wb.worksheets[0]
