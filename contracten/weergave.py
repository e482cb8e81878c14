"""Rendering a document's PDF after the commit, from the snapshot its issue recorded.

Issuing (contracten/documenten.py) fixes the number and the full snapshot of facts in the
deciding transaction; this module turns the snapshot into the PDF afterwards:

* `na_commit_inplannen`: when the deciding transaction commits, a django-q2 task
  (`contracten.tasks.document_weergeven`) is queued. If the broker cannot take it (Redis
  down), the decision stands and the render waits for the sweep below.
* `weergeven`: render under the document's row lock, so a document is rendered once even
  when a worker, the sweep and a download ask at the same moment. The bytes are a pure
  function of the snapshot (fpdf2's creation date is the document date), the snapshot is
  checked against its SHA-256 first, the file is written atomically under its own SHA-256
  and only then recorded: a worker killed halfway leaves no file, or a whole file that the
  next attempt finds and records.
* A render that fails is recorded on the document (`weergave` = mislukt, the error, the
  attempt count), put on staff's worklist (Verplichting of soort document_weergave) and
  retried by `weergaven_inhalen` (scheduled every few minutes) with a growing pause, at
  most MAX_POGINGEN times; the decision and the document row are never touched by it.
* `op_verzoek`: a download before the PDF exists renders it there and then (once).
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from contracten.models import Document, Verplichting, VerplichtingSoort
from contracten.schemas import CONTEXTEN
from coop.core import files as bestanden
from coop.core.exceptions import ApplicationError
from coop.core.wachtrij import taak_plaatsen

logger = logging.getLogger(__name__)

TAAK = "contracten.tasks.document_weergeven"
MAX_POGINGEN = 5
# A render queued at the commit normally runs within seconds; the sweep leaves it this long.
WACHTTIJD = timedelta(minutes=2)


# Sent (document_id=…) once a document's PDF exists, after the commit that recorded it: what
# waited for the file (the member's "document ready" message, coop/notificaties) goes now.
pdf_gemaakt = Signal()


class DocumentNogNietKlaar(ApplicationError):
    """The PDF cannot be made right now; the document itself is recorded and safe."""

    status_code = 503


def gegevens_hash(gegevens: dict) -> str:
    """SHA-256 of the snapshot in one canonical JSON form (sorted keys, no spaces)."""
    tekst = json.dumps(
        gegevens, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


# --- Queueing ---------------------------------------------------------------------------


def na_commit_inplannen(document) -> None:
    """Queue the render once the deciding transaction has committed (never if it rolls back)."""
    pk = document.pk
    transaction.on_commit(lambda: inplannen(pk), robust=True)


def inplannen(document_id: int) -> bool:
    """Hand the render to django-q2; False (logged) when the broker is unreachable."""
    try:
        taak_plaatsen(
            TAAK, document_id, task_name=f"document-{document_id}-pdf", group="documenten"
        )
    except Exception:  # Redis down, the ORM broker's table locked: the sweep renders it later
        logger.warning(
            "PDF van document %s niet in de wachtrij gezet; volgt via de inhaalronde",
            document_id,
            exc_info=True,
        )
        return False
    return True


# --- Rendering --------------------------------------------------------------------------


def weergeven(document_id: int, *, niet_wachten: bool = False) -> str:
    """Render and record the document's PDF unless it has one; says what happened.

    "klaar": it already had one; "gemaakt": rendered now; "bezet": another process holds
    the row (only with `niet_wachten`). A failed render raises after recording the failure.
    """
    try:
        with transaction.atomic():
            rij = Document.objects.select_for_update(skip_locked=niet_wachten).filter(
                pk=document_id
            )
            document = rij.first()
            if document is None:
                if niet_wachten and Document.objects.filter(pk=document_id).exists():
                    return "bezet"
                raise Document.DoesNotExist(document_id)
            if document.sha256:
                return "klaar"
            Document.objects.filter(pk=document.pk).update(
                weergave_pogingen=F("weergave_pogingen") + 1
            )
            sha256, bestand, grootte = _maak_bestand(document)
            Document.objects.bestand_vastleggen(
                pk=document.pk, sha256=sha256, bestand=bestand, grootte=grootte
            )
    except Document.DoesNotExist:
        raise
    except Exception as exc:
        _mislukt(document_id, exc)
        raise
    _werklijst_afhandelen(document_id)
    logger.info("PDF van document %s gemaakt", document_id)
    transaction.on_commit(
        lambda: pdf_gemaakt.send_robust(sender=Document, document_id=document_id), robust=True
    )
    return "gemaakt"


def _maak_bestand(document) -> tuple[str, str, int]:
    # documenten imports this module at its top (issuing queues the render)
    from contracten.documenten import relatief_pad, render_pdf

    if gegevens_hash(document.gegevens) != document.gegevens_sha256:
        raise ValueError(
            f"de vastgelegde gegevens van {document.nummer} kloppen niet met hun SHA-256"
        )
    context = CONTEXTEN[document.soort].model_validate(document.gegevens)
    data = render_pdf(document.soort, context)
    sha256 = hashlib.sha256(data).hexdigest()
    relatief = relatief_pad(sha256)
    pad = Path(settings.MEDIA_ROOT) / relatief
    if not _heel(pad, sha256):
        bestanden.schrijf_atomair(pad, data)
    return sha256, relatief, len(data)


def _heel(pad: Path, sha256: str) -> bool:
    """A file from an attempt that stopped before recording it: whole (atomic) and the same."""
    try:
        return hashlib.sha256(pad.read_bytes()).hexdigest() == sha256
    except FileNotFoundError:
        return False


def op_verzoek(document) -> None:
    """Render a document a reader asks for before the worker got to it; fills `document`."""
    try:
        weergeven(document.pk)
    except Exception as exc:
        logger.error("PDF van document %s kon niet worden gemaakt", document.pk, exc_info=True)
        raise DocumentNogNietKlaar(
            _(
                "De PDF van dit document wordt nog gemaakt; probeer het over een paar minuten "
                "opnieuw. Het document zelf is vastgelegd."
            )
        ) from exc
    vers = Document.objects.only(*Document.BESTAND_VELDEN, "weergave").get(pk=document.pk)
    for veld in (*Document.BESTAND_VELDEN, "weergave"):
        setattr(document, veld, getattr(vers, veld))


# --- Failures and the sweep -------------------------------------------------------------


def _mislukt(document_id: int, exc: BaseException) -> None:
    """Record the failed attempt and put it on staff's worklist (its own transaction)."""
    fout = f"{type(exc).__name__}: {exc}"[:500]
    logger.error("PDF van document %s mislukt: %s", document_id, fout)
    try:
        with transaction.atomic():
            Document.objects.filter(pk=document_id, sha256__isnull=True).update(
                weergave=Document.Weergave.MISLUKT,
                weergave_fout=fout,
                weergave_pogingen=F("weergave_pogingen") + 1,
                updated_at=timezone.now(),
            )
            document = Document.objects.get(pk=document_id)
            Verplichting.objects.get_or_create(
                soort=VerplichtingSoort.DOCUMENT_WEERGAVE,
                document=document,
                defaults={
                    "werknemer_id": document.werknemer_id,
                    "vervaldatum": timezone.localdate(),
                    "toelichting": (
                        f"De PDF van {document.get_soort_display()} {document.nummer} versie "
                        f"{document.versie} kon niet worden gemaakt ({fout}). Het document is "
                        "vastgelegd; het maken wordt automatisch opnieuw geprobeerd."
                    )[:500],
                },
            )
    except DatabaseError:
        logger.exception("mislukte PDF van document %s niet vastgelegd", document_id)


def _werklijst_afhandelen(document_id: int) -> None:
    Verplichting.objects.filter(
        soort=VerplichtingSoort.DOCUMENT_WEERGAVE,
        document_id=document_id,
        status=Verplichting.Status.OPEN,
    ).update(
        status=Verplichting.Status.AFGEHANDELD,
        afgehandeld_op=timezone.now(),
        afhandeling="De PDF is alsnog gemaakt.",
    )


def te_maken(*, nu=None):
    """Documents whose PDF is due for a (new) attempt, oldest first."""
    nu = nu or timezone.now()
    wacht = Q(weergave=Document.Weergave.WACHT, updated_at__lte=nu - WACHTTIJD)
    opnieuw = Q(weergave=Document.Weergave.MISLUKT, weergave_pogingen__lt=MAX_POGINGEN)
    kandidaten = Document.objects.filter(sha256__isnull=True).filter(wacht | opnieuw)
    return [
        d.pk
        for d in kandidaten.only("pk", "weergave", "weergave_pogingen", "updated_at").order_by("pk")
        if d.weergave == Document.Weergave.WACHT or d.updated_at <= nu - _pauze(d)
    ]


def _pauze(document) -> timedelta:
    """After the n-th failure wait 2^n minutes (2, 4, 8, 16) before the next attempt."""
    return timedelta(minutes=2 ** max(1, document.weergave_pogingen))


def weergaven_inhalen(*, nu=None, hoogstens: int = 200) -> dict[str, int]:
    """Scheduled: render what the queue lost or what failed, each document once.

    Rows another process is rendering are skipped (not waited for). Failures are recorded
    and counted, never raised: one broken document must not stop the others.
    """
    telling = {"gemaakt": 0, "klaar": 0, "bezet": 0, "mislukt": 0}
    for pk in te_maken(nu=nu)[:hoogstens]:
        try:
            telling[weergeven(pk, niet_wachten=True)] += 1
        except Exception:
            telling["mislukt"] += 1
    return telling
