"""An invoice's files: the XLSX and PDF written once at issue, and read back only when intact."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

from coop.core.exceptions import ApplicationError, NotFound
from coop.exports import factuur_pdf, factuur_xlsx, schrijf_atomair
from coop.exports.factuur_data import factuur_weergave
from coop.models import Factuur


def bestand_pad(factuur: Factuur, soort: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "facturen" / str(factuur.jaar) / f"{factuur.nummer}.{soort}"


def factuurbestanden_write(factuur: Factuur) -> None:
    """Render and write the XLSX and PDF; on any failure remove what this call wrote.

    The file names carry the number, which a rolled-back transaction hands out again, so a
    file left by a caller's later rollback is overwritten (atomically) by the next issue.
    """
    weergave = factuur_weergave(factuur)
    geschreven: list[Path] = []
    bestanden = {}
    try:
        for soort, render in (("xlsx", factuur_xlsx.render), ("pdf", factuur_pdf.render)):
            data = render(weergave)
            pad = bestand_pad(factuur, soort)
            schrijf_atomair(pad, data)
            geschreven.append(pad)
            bestanden[soort] = {
                "pad": str(pad.relative_to(settings.MEDIA_ROOT)),
                "sha256": hashlib.sha256(data).hexdigest(),
                "grootte": len(data),
            }
        # The only write to the invoice row after creation: where its files are.
        Factuur.objects.filter(pk=factuur.pk).update(bestanden=bestanden)
        factuur.bestanden = bestanden
    except BaseException:
        for pad in geschreven:
            pad.unlink(missing_ok=True)
        raise


class BestandBeschadigd(ApplicationError):
    status_code = 500


def factuur_bestand(factuur: Factuur, soort: str) -> bytes:
    """The invoice file's bytes, after checking them against the recorded SHA-256."""
    gegevens = factuur.bestanden.get(soort)
    if gegevens is None:
        raise NotFound("Dit bestand is er niet.")
    pad = Path(settings.MEDIA_ROOT) / gegevens["pad"]
    try:
        data = pad.read_bytes()
    except FileNotFoundError as exc:
        raise BestandBeschadigd("Het bestand van deze factuur ontbreekt.") from exc
    if hashlib.sha256(data).hexdigest() != gegevens["sha256"]:
        raise BestandBeschadigd("Het bestand van deze factuur is gewijzigd en wordt niet getoond.")
    return data
