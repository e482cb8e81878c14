"""Which events notify a member, and with which facts.

Most events are read from the broker's own records as they are written (post_save of
Gebeurtenis, the history staff read, and of contracten.Document), so the services stay as
they are; withdrawn offers are bulk updates without a history row, so the services call
`aanbiedingen_ingetrokken` before them. Offers about to expire, hours to enter and
expiring certificates are found by schedules. Each notification is recorded inside a
savepoint: a failure here is logged and never undoes the broker's decision.
"""

from __future__ import annotations

import datetime
import functools
import logging

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from contracten.models import Document, DocumentSoort
from contracten.regels import oproeptermijn_dagen
from contracten.weergave import pdf_gemaakt
from contracten.werklijst import CERTIFICAAT_MARGE
from coop.models import Aanbod, Gebeurtenis, Inzet, Job
from coop.notificaties.berichten import PAGINAS
from coop.notificaties.models import Levering, Notificatie, Soort
from coop.notificaties.services import notificatie_create, notificatie_enqueue
from coop.selectors.aanbod_weergave import aanbod_oproeptermijn, aanbod_uurloon, aanbod_werkgevers
from werknemers.models import Certificaat, Werknemer

logger = logging.getLogger(__name__)

HERINNERING_VOOR_DEADLINE = datetime.timedelta(hours=4)
# A shift this close is cancelled urgently: the message ignores quiet hours.
DRINGEND_BINNEN = datetime.timedelta(hours=48)
# An offer that must be answered this soon ignores quiet hours too.
AANBOD_DRINGEND_BINNEN = datetime.timedelta(hours=12)
# Hours still to enter are asked for shifts that ended at most this long ago.
UREN_TERUG = datetime.timedelta(days=7)


def _veilig(functie):
    """Record inside one savepoint; a notification that a concurrent run recorded first (the
    unique member, soort and key) is no error, anything else is logged."""

    @functools.wraps(functie)
    def omhulsel(*args, **kwargs):
        try:
            with transaction.atomic():
                return functie(*args, **kwargs)
        except IntegrityError:
            logger.info("notificatie al vastgelegd (%s)", functie.__name__, exc_info=True)
            return None
        except Exception:
            logger.exception("notificatie niet vastgelegd (%s)", functie.__name__)
            return None

    return omhulsel


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def _dienst_gegevens(dienst) -> dict:
    locatie = dienst.locatie
    return {
        "start": _iso(dienst.start),
        "eind": _iso(dienst.eind),
        "plaats": locatie.naam,
        "adres": locatie.adresregel,
    }


def _aanbod_gegevens(aanbod) -> dict:
    uurloon = aanbod_uurloon(aanbod)
    gegevens = {
        "aanbod_id": aanbod.pk,
        "deadline": _iso(aanbod.deadline),
        "korte_termijn": aanbod.korte_termijn,
        "uurloon": f"{uurloon:.2f}" if uurloon is not None else "",
        "vast": aanbod.dienst_id is None,
    }
    if aanbod.korte_termijn:
        gegevens["oproeptermijn_dagen"] = aanbod_oproeptermijn(aanbod)
    if aanbod.dienst_id is not None:
        gegevens |= _dienst_gegevens(aanbod.dienst)
    else:
        gegevens |= {
            "uren_per_week": str(aanbod.job.uren_per_week or ""),
            "plaats": aanbod_werkgevers(aanbod),
        }
    return gegevens


def _aanbod_pad(aanbod) -> str:
    return PAGINAS["aanbod"].format(id=aanbod.pk)


# --- Events read from the records ---------------------------------------------------------


@_veilig
def aanbod_gedaan(aanbod) -> Notificatie | None:
    """Work offered: what, where, the pay, until when, and a one-tap link to answer."""
    return notificatie_create(
        werknemer=aanbod.werknemer,
        soort=Soort.AANBOD,
        sleutel=f"aanbod-{aanbod.pk}",
        gegevens=_aanbod_gegevens(aanbod),
        pad=_aanbod_pad(aanbod),
        geldig_tot=aanbod.deadline,
        dringend=aanbod.deadline - timezone.now() <= AANBOD_DRINGEND_BINNEN,
    )


@_veilig
def oproep_uitgegeven(inzet) -> Notificatie | None:
    """An accepted shift of incidental work: planned, with the written call among the
    documents. (A permanent job's contract is announced as a document.)"""
    if inzet.dienst.job.soort == Job.Soort.VAST:
        return None
    return notificatie_create(
        werknemer=inzet.werknemer,
        soort=Soort.OPROEP,
        sleutel=f"inzet-{inzet.pk}",
        gegevens=_dienst_gegevens(inzet.dienst),
        pad=PAGINAS["rooster"],
        nieuw=True,  # the assignment was made in this transaction
    )


@_veilig
def oproep_geannuleerd(inzet) -> Notificatie | None:
    """A cancelled shift, with the hours still paid on a late cancellation."""
    gegevens = _dienst_gegevens(inzet.dienst) | {
        "uren_doorbetaald": str(inzet.uren_doorbetaald) if inzet.late_annulering else "",
    }
    if inzet.late_annulering:
        dag = timezone.localtime(inzet.geannuleerd_op or timezone.now()).date()
        gegevens["oproeptermijn_dagen"] = oproeptermijn_dagen(dag)
    return notificatie_create(
        werknemer=inzet.werknemer,
        soort=Soort.OPROEP_GEANNULEERD,
        sleutel=f"inzet-{inzet.pk}",
        gegevens=gegevens,
        pad=PAGINAS["documenten"],
        dringend=inzet.start - timezone.now() <= DRINGEND_BINNEN,
    )


@_veilig
def document_klaar(document, *, reden: str = "nieuw", nieuw: bool = False) -> Notificatie | None:
    """A contract ready, or a new version of a document (reden 'loon'). `nieuw`: the document
    was made in this transaction, so no notification about it can exist yet."""
    if document.werknemer_id is None:
        return None
    return notificatie_create(
        werknemer=document.werknemer,
        soort=Soort.DOCUMENT,
        sleutel=f"document-{document.pk}",
        gegevens={
            "document_id": document.pk,
            # the kind by its code: the message names it in the reader's language
            "document_soort": document.soort,
            "naam": document.get_soort_display(),
            "nummer": document.nummer,
            "versie": document.versie,
            "reden": reden,
        },
        pad=PAGINAS["documenten"],
        nieuw=nieuw,
    )


@_veilig
def afwezigheid_vastgelegd(melding, *, diensten: int = 0, vervolg: str = "") -> Notificatie | None:
    """What became of the member's absence report: sick or "kan niet" recorded, leave
    approved or declined, recovery; with how many shifts went to someone else (the freed
    shifts' new candidates hear of their offer as any candidate does). `vervolg` marks a
    later message about the same record (shifts planned since into a sickness)."""
    gegevens = {
        "afwezigheid_id": melding.pk,
        "soort": melding.soort,
        "status": melding.status,
        "van": melding.van.isoformat(),
        "tot": melding.tot.isoformat() if melding.tot else "",
        "hersteld_per": melding.hersteld_per.isoformat() if melding.hersteld_per else "",
        "diensten": diensten,
        "korte_termijn": melding.korte_termijn,
        "oproeptermijn_dagen": oproeptermijn_dagen(timezone.localtime(melding.gemeld_op).date()),
        "bevestiging": melding.bevestiging_id is not None,
    }
    sleutel = f"afwezigheid-{melding.pk}-{melding.status}" + (f"-{vervolg}" if vervolg else "")
    return notificatie_create(
        werknemer=melding.werknemer,
        soort=Soort.AFWEZIGHEID,
        sleutel=sleutel,
        gegevens=gegevens,
        pad=PAGINAS["afwezigheid"],
    )


def aanbiedingen_ingetrokken(aanbiedingen, *, reden: str) -> None:
    """Before open offers are withdrawn in bulk: tell each member (reden 'vergeven': someone
    else took the work; 'vervallen': the work does not go ahead). A member whose offer
    message was not sent yet gets none of the two by e-mail or SMS, only in the inbox."""
    for aanbod in aanbiedingen.select_related("werknemer", "job", "dienst__locatie"):
        _ingetrokken(aanbod, reden)


@_veilig
def _ingetrokken(aanbod, reden: str) -> Notificatie | None:
    eerder = Notificatie.objects.filter(
        werknemer=aanbod.werknemer, soort=Soort.AANBOD, sleutel=f"aanbod-{aanbod.pk}"
    )
    gehoord = Levering.objects.filter(
        notificatie__in=eerder, status=Levering.Status.VERZONDEN
    ).exists()
    gegevens = _aanbod_gegevens(aanbod) | {"reden": reden}
    return notificatie_create(
        werknemer=aanbod.werknemer,
        soort=Soort.AANBOD_INGETROKKEN,
        sleutel=f"aanbod-{aanbod.pk}",
        gegevens=gegevens,
        met_kanalen=gehoord,
    )


def wacht_op_pdf(notificatie: Notificatie) -> bool:
    """Whether a "document ready" message must still wait: its document's PDF is rendered
    after the decision commits (contracten/weergave.py), and the message goes out only once
    the file exists (`_op_pdf` sends it then; the minute sweep looks again meanwhile)."""
    if notificatie.soort != Soort.DOCUMENT:
        return False
    document_id = (notificatie.gegevens or {}).get("document_id")
    if document_id is None:
        return False
    return Document.objects.filter(pk=document_id, sha256__isnull=True).exists()


def actueel(notificatie: Notificatie) -> bool:
    """Whether a waiting delivery still makes sense: an offer message only while the offer
    is open."""
    if notificatie.soort in (Soort.AANBOD, Soort.AANBOD_VERLOOPT):
        return Aanbod.objects.filter(
            pk=(notificatie.gegevens or {}).get("aanbod_id"), status=Aanbod.Status.OPEN
        ).exists()
    return True


# --- Signals ------------------------------------------------------------------------------


def _op_gebeurtenis(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.soort == "aangeboden" and instance.aanbod_id:
        aanbod = instance.aanbod
        aanbod_gedaan(aanbod)
    elif instance.soort == "geaccepteerd" and instance.inzet_id:
        oproep_uitgegeven(instance.inzet)
    elif instance.soort == "geannuleerd" and instance.inzet_id:
        oproep_geannuleerd(instance.inzet)
    elif (
        instance.soort == Gebeurtenis.MELDING_WERKNEMER
        and instance.werknemer_id
        and instance.document_id
    ):
        document_klaar(instance.document, reden="loon")


def _op_document(sender, instance, created, raw=False, **kwargs):
    contracten = (DocumentSoort.ARBEIDSOVEREENKOMST, DocumentSoort.OPROEPOVEREENKOMST)
    if created and not raw and instance.versie == 1 and instance.soort in contracten:
        document_klaar(instance, nieuw=True)  # the row was inserted just now


def _op_pdf(sender, document_id: int, **kwargs):
    """A document's PDF exists: queue the messages that waited for it (the minute sweep sends
    them if the queue is down)."""
    for pk in Notificatie.objects.filter(
        soort=Soort.DOCUMENT, sleutel=f"document-{document_id}"
    ).values_list("pk", flat=True):
        notificatie_enqueue(pk)


def register() -> None:
    post_save.connect(_op_gebeurtenis, sender=Gebeurtenis, dispatch_uid="notificaties-gebeurtenis")
    post_save.connect(_op_document, sender=Document, dispatch_uid="notificaties-document")
    pdf_gemaakt.connect(_op_pdf, dispatch_uid="notificaties-pdf")


# --- Found by schedules -------------------------------------------------------------------


def aanbiedingen_bijna_verlopen(*, nu: datetime.datetime | None = None) -> int:
    """Open offers whose deadline is at most 4 hours away, made more than 4 hours ago (a
    reminder right after the offer itself would only repeat it); returns how many."""
    nu = nu or timezone.now()
    aantal = 0
    for aanbod in Aanbod.objects.filter(
        status=Aanbod.Status.OPEN,
        deadline__gt=nu,
        deadline__lte=nu + HERINNERING_VOOR_DEADLINE,
        created_at__lte=nu - HERINNERING_VOOR_DEADLINE,
    ).select_related("werknemer", "job", "dienst__locatie"):
        aantal += _herinnering(aanbod) is not None
    return aantal


@_veilig
def _herinnering(aanbod) -> Notificatie | None:
    return notificatie_create(
        werknemer=aanbod.werknemer,
        soort=Soort.AANBOD_VERLOOPT,
        sleutel=f"aanbod-{aanbod.pk}",
        gegevens=_aanbod_gegevens(aanbod),
        pad=_aanbod_pad(aanbod),
        geldig_tot=aanbod.deadline,
    )


def uren_te_bevestigen(*, nu: datetime.datetime | None = None) -> int:
    """Worked shifts (ended in the last 7 days) whose hours the member has not entered: one
    message per member and work day; returns how many."""
    nu = nu or timezone.now()
    inzetten = (
        Inzet.objects.filter(
            status=Inzet.Status.ACTIEF, eind__lte=nu, eind__gt=nu - UREN_TERUG, urenregels=None
        )
        .select_related("werknemer", "dienst__locatie")
        .order_by("start")
    )
    per_dag: dict[tuple[int, datetime.date], object] = {}
    for inzet in inzetten:
        per_dag[(inzet.werknemer_id, timezone.localtime(inzet.start).date())] = inzet
    aantal = 0
    for (_werknemer_id, dag), inzet in per_dag.items():
        aantal += _uren(inzet, dag) is not None
    return aantal


@_veilig
def _uren(inzet, dag: datetime.date) -> Notificatie | None:
    return notificatie_create(
        werknemer=inzet.werknemer,
        soort=Soort.UREN_BEVESTIGEN,
        sleutel=f"uren-{dag.isoformat()}",
        gegevens=_dienst_gegevens(inzet.dienst) | {"inzet_id": inzet.pk},
        pad=PAGINAS["uren"],
    )


def certificaten_verlopen(*, vandaag: datetime.date | None = None) -> int:
    """Certificates that end within 30 days while the member holds no later one of the same
    kind; returns how many members were told."""
    vandaag = vandaag or timezone.localdate()
    aantal = 0
    for certificaat in (
        Certificaat.objects.filter(
            geldig_tot__gte=vandaag, geldig_tot__lte=vandaag + CERTIFICAAT_MARGE
        )
        .exclude(werknemer__status=Werknemer.Status.UITGETREDEN)
        .select_related("werknemer", "soort")
    ):
        later = Certificaat.objects.filter(
            werknemer_id=certificaat.werknemer_id, soort_id=certificaat.soort_id
        ).exclude(pk=certificaat.pk)
        if (
            later.filter(geldig_tot__isnull=True).exists()
            or later.filter(geldig_tot__gt=certificaat.geldig_tot).exists()
        ):
            continue
        aantal += _certificaat(certificaat) is not None
    return aantal


@_veilig
def _certificaat(certificaat) -> Notificatie | None:
    return notificatie_create(
        werknemer=certificaat.werknemer,
        soort=Soort.CERTIFICAAT_VERLOOPT,
        sleutel=f"certificaat-{certificaat.pk}-{certificaat.geldig_tot.isoformat()}",
        gegevens={"naam": certificaat.soort.naam, "geldig_tot": certificaat.geldig_tot.isoformat()},
        pad=PAGINAS["profiel"],
    )
