"""The payroll export of a period: queue, run, write the files, lock the lines.

The export of a period takes every approved or settled line up to the period's last day
that no earlier export paid (late approvals and corrections land in the first period
exported after them), computes the pay (coop.services.uren.loonstaat), writes the three files
atomically, and only then, in one transaction, locks the lines, closes the period and marks
the export done. Any failure removes the files this run created and locks nothing. A rerun of
an exported period rebuilds the same files from the lines locked to it: byte-identical, no
line twice.

Staff may run an advance (voorschot, a proefrun) of a period that has not ended: it writes
files marked as such next to (never over) the real ones, locks nothing, leaves the period
open, and is recorded in the audit log.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from contracten.gegevens import vastleggen as gegevens_vastleggen
from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict
from coop.core.models import audit
from coop.core.wachtrij import taak_plaatsen
from coop.exports import Exportdata, csv_export, nmbrs, schrijf_atomair, xlsx
from coop.models import Loonexport, Loonperiode, Urenregel
from coop.services.uren import loonperioden
from coop.services.uren.loonperioden import controleer_periode_voorbij
from coop.services.uren.loonstaat import (
    Controle,
    Tussenstand,
    chunk_add,
    chunks_read,
    loonstaat_build,
    werkdagen_count,
)
from coop.services.uren.urenregels import annuleringsregels_create

logger = logging.getLogger(__name__)

GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)
VERLATEN_NA = timedelta(minutes=15)  # a run silent this long has died (the task timeout is 10)
MAX_MELDINGEN = 20
WRITERS = {
    "xlsx": ("loonexport-{code}.xlsx", xlsx.render),
    "nmbrs": ("nmbrs-{code}.xlsx", nmbrs.render),
    "csv": ("loon-{code}.csv", csv_export.render),
}


@transaction.atomic
def loonexport_start(*, user, periode_id: int, voorschot: bool = False) -> Loonexport:
    """Queue the export of a period (staff); its progress shows on the Loonexport.

    With `voorschot` it is an advance run of a period that need not have ended: it locks
    nothing and is recorded in the audit log.
    """
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    export = loonexport_create(periode_id=periode_id, user=user, voorschot=voorschot)
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export


@transaction.atomic
def loonexport_create(*, periode_id: int, user=None, voorschot: bool = False) -> Loonexport:
    """A new export record for a period, unless one is running, an earlier period is open,
    or the period has not ended (then only a voorschot by staff, audited, is possible).

    A run silent for longer than the task timeout has died (a killed worker): it is marked
    failed so the period can be exported again.
    """
    if voorschot:
        vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    periode = Loonperiode.objects.select_for_update().filter(pk=periode_id).first()
    if periode is None:
        raise ApplicationError("Onbekende periode.", fields={"periode_id": ["Bestaat niet."]})
    lopend = Loonexport.objects.filter(
        periode=periode, status__in=[Loonexport.Status.QUEUED, Loonexport.Status.RUNNING]
    )
    verlaten = lopend.filter(updated_at__lt=timezone.now() - VERLATEN_NA)
    verlaten.update(status=Loonexport.Status.FAILED, melding="Afgebroken: geen voortgang meer.")
    if lopend.exists():
        raise Conflict("De export van deze periode loopt al.")
    _controleer_volgorde(periode)
    if not voorschot:
        controleer_periode_voorbij(periode)
        return Loonexport.objects.create(periode=periode, gestart_door=user)
    if periode.status != Loonperiode.Status.OPEN:
        raise Conflict(f"Periode {periode.code} is al geëxporteerd; een voorschot kan niet meer.")
    export = Loonexport.objects.create(periode=periode, gestart_door=user, voorschot=True)
    audit(
        user=user,
        action="loonexport_voorschot",
        obj=export,
        detail=f"Voorschot (proefrun) van loonperiode {periode.code} gestart; "
        "er worden geen uren vergrendeld.",
    )
    return export


def _enqueue(export_id: int) -> None:
    taak_plaatsen("coop.tasks.run_loonexport", export_id)


def _controleer_volgorde(periode: Loonperiode) -> None:
    if periode.status != Loonperiode.Status.OPEN:
        return
    eerder = Loonperiode.objects.filter(
        status=Loonperiode.Status.OPEN, begin__lt=periode.begin
    ).first()
    if eerder is not None:
        raise Conflict(
            f"Exporteer eerst de eerdere periode {eerder.code}.",
            fields={"periode_id": [f"Periode {eerder.code} is nog niet geëxporteerd."]},
        )


def export_map(periode: Loonperiode) -> Path:
    return Path(settings.MEDIA_ROOT) / "loon" / f"{periode.soort}-{periode.code}"


def _bestemming(export: Loonexport) -> tuple[Path, str]:
    """Where a run writes and the prefix of its file names: an advance never overwrites
    (or is mistaken for) the real export's files."""
    if export.voorschot:
        return export_map(export.periode) / f"voorschot-{export.pk}", "voorschot-"
    return export_map(export.periode), ""


def _selectie(periode: Loonperiode):
    if periode.status == Loonperiode.Status.GEEXPORTEERD:
        return Urenregel.objects.filter(periode=periode)
    return Urenregel.objects.filter(
        status__in=GOEDGEKEURD, vergrendeld_op__isnull=True, datum__lte=periode.eind
    )


def _schrijf(data: Exportdata, export: Loonexport, nieuw: list[Path]) -> dict:
    """Render and write each file atomically; remember which ones did not exist before."""
    bestanden = {}
    map_, voorvoegsel = _bestemming(export)
    for soort, (patroon, render) in WRITERS.items():
        inhoud = render(data)
        pad = map_ / (voorvoegsel + patroon.format(code=export.periode.code))
        if not pad.exists():
            nieuw.append(pad)
        schrijf_atomair(pad, inhoud)
        bestanden[soort] = {
            "pad": str(pad.relative_to(settings.MEDIA_ROOT)),
            "sha256": hashlib.sha256(inhoud).hexdigest(),
            "grootte": len(inhoud),
        }
    return bestanden


# --- the run ------------------------------------------------------------------------------

Voortgang = Callable[[int, str], None]


def _voortgang(export: Loonexport, procent: int, tekst: str, melder: Voortgang | None) -> None:
    Loonexport.objects.filter(pk=export.pk).update(voortgang=procent, updated_at=timezone.now())
    if melder is not None:
        melder(procent, tekst)


def loonexport_run(
    *, export_id: int, chunk_grootte: int | None = None, melder: Voortgang | None = None
) -> Loonexport:
    """Run one queued export to the end; a failure is recorded on it, never half-applied."""
    export = Loonexport.objects.select_related("periode").get(pk=export_id)
    if export.status == Loonexport.Status.DONE:
        return export  # a task delivered twice does nothing the second time
    Loonexport.objects.filter(pk=export.pk).update(status=Loonexport.Status.RUNNING, melding="")
    nieuw: list[Path] = []
    try:
        _uitvoeren(export, chunk_grootte or settings.LOON_CHUNK, melder, nieuw)
    except Exception as exc:
        for pad in nieuw:
            pad.unlink(missing_ok=True)
        melding = exc.message if isinstance(exc, ApplicationError) else f"Onverwachte fout: {exc}"
        if not isinstance(exc, ApplicationError):
            logger.exception("loonexport %s failed", export.pk)
        Loonexport.objects.filter(pk=export.pk).update(
            status=Loonexport.Status.FAILED, melding=melding, bestanden={}
        )
    export.refresh_from_db()
    return export


def _uitvoeren(export, chunk_grootte: int, melder: Voortgang | None, nieuw: list[Path]) -> None:
    periode = export.periode
    _controleer_volgorde(periode)
    if not export.voorschot:
        controleer_periode_voorbij(periode)  # never lock the hours of a running or future period
    if periode.status == Loonperiode.Status.OPEN:
        # the one clock, read through its module so a test or an operator can set it
        annuleringsregels_create(tot=min(periode.eind, loonperioden.vandaag() - timedelta(days=1)))
    gestart = timezone.now()
    qs = _selectie(periode)
    totaal = qs.count()
    _voortgang(export, 5, f"{totaal} urenregels", melder)
    stand, controle = Tussenstand(), Controle()
    for rijen in chunks_read(qs, chunk_grootte):
        chunk_add(rijen, stand, controle)
        _voortgang(export, 5 + 75 * len(stand.ids) // max(totaal, 1), "berekenen", melder)
    if controle.meldingen:
        raise ApplicationError(_weigering(controle.meldingen))
    data = Exportdata(
        f"VOORSCHOT {periode.code}" if export.voorschot else periode.code,
        periode.soort,
        periode.begin,
        periode.eind,
        loonstaat_build(stand),
        werkdagen=werkdagen_count(stand),
    )
    bestanden = _schrijf(data, export, nieuw)
    _voortgang(export, 95, "bestanden geschreven", melder)
    _afronden(export, periode, stand.ids, data, bestanden, gestart)
    if melder is not None:
        melder(100, "klaar")


def _weigering(meldingen: list[str]) -> str:
    uniek = list(dict.fromkeys(meldingen))
    tekst = "De export is geweigerd; er is niets geschreven. " + " ".join(uniek[:MAX_MELDINGEN])
    if len(uniek) > MAX_MELDINGEN:
        tekst += f" (en nog {len(uniek) - MAX_MELDINGEN} meldingen)"
    return tekst


@transaction.atomic
def _afronden(export, periode, ids: list[int], data: Exportdata, bestanden: dict, gestart):
    """Lock the lines and close the period, all or nothing; refuse if lines moved meanwhile."""
    periode = Loonperiode.objects.select_for_update().get(pk=periode.pk)
    nu = timezone.now()
    if not export.voorschot:  # an advance run fixes nothing
        gegevens_vastleggen(periode.begin, periode.eind)
    if periode.status == Loonperiode.Status.OPEN and not export.voorschot:
        vergrendeld = 0
        for i in range(0, len(ids), 500):
            vergrendeld += Urenregel.objects.filter(
                pk__in=ids[i : i + 500],
                vergrendeld_op__isnull=True,
                status__in=GOEDGEKEURD,
                updated_at__lte=gestart,
            ).update(periode=periode, vergrendeld_op=nu)
        if vergrendeld != len(ids):
            raise Conflict("Tijdens de export zijn uren gewijzigd; start de export opnieuw.")
        periode.status, periode.geexporteerd_op = Loonperiode.Status.GEEXPORTEERD, nu
        periode.save(update_fields=["status", "geexporteerd_op", "updated_at"])
    Loonexport.objects.filter(pk=export.pk).update(
        status=Loonexport.Status.DONE,
        voortgang=100,
        aantal_regels=len(ids),
        aantal_werknemers=len({r.persnr for r in data.regels}),
        totaal_uren=sum((r.betaalde_uren for r in data.regels), Decimal(0)),
        totaal_bruto=sum((r.bruto for r in data.regels), Decimal(0)),
        bestanden=bestanden,
        klaar_op=nu,
    )


def sha256_van(pad: Path) -> str:
    """The file's SHA-256, read in blocks (an export file is checked before it is served)."""
    h = hashlib.sha256()
    with pad.open("rb") as fh:
        for blok in iter(lambda: fh.read(1 << 16), b""):
            h.update(blok)
    return h.hexdigest()
