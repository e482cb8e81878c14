"""django-q2 task that pushes a status change to the corporation: idempotent (a message sent
or superseded is not sent again; the receiver gets its reference number), retried with a
growing pause, and put on staff's worklist (a contracten Verplichting of soort
`vera_status`) after the last failed attempt; a later message that arrives takes it off."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import schedule

from contracten.models import Verplichting, VerplichtingSoort
from coop.intake import referentiedata as ref
from coop.intake.models import Onderhoudsorder, Statusmelding
from coop.intake.orderstatus import status_bijwerken

logger = logging.getLogger(__name__)


def _pauze(poging: int) -> timedelta:
    return timedelta(seconds=settings.VERA_PUSH_PAUZE_SECONDEN * (2 ** (poging - 1)))


def _versturen(melding: Statusmelding) -> str | None:
    """PUT the order to <callback>/onderhoudsorders/<id>; None when accepted, else the error."""
    koppeling = melding.order.koppeling
    url = f"{koppeling.callback_url.rstrip('/')}/onderhoudsorders/{quote(melding.order.order_id, safe='')}"
    headers = {
        "Content-Type": "application/json",
        "X-Stuurgegevens-Referentienummer": str(melding.referentie),
        "X-Stuurgegevens-Tijdstip-Bericht": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if koppeling.callback_sleutel:
        headers["X-API-KEY"] = koppeling.callback_sleutel
    verzoek = urllib.request.Request(
        url, data=json.dumps(melding.bericht).encode(), method="PUT", headers=headers
    )
    try:
        with urllib.request.urlopen(verzoek, timeout=settings.VERA_PUSH_TIMEOUT) as antwoord:
            if 200 <= antwoord.status < 300:
                return None
            return f"HTTP {antwoord.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} van {url}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc} ({url})"


def statusmelding_versturen(melding_id: int) -> str:
    """Send one status message; returns its state afterwards."""
    with transaction.atomic():
        melding = (
            Statusmelding.objects.select_for_update(of=("self",))
            .select_related("order__koppeling")
            .filter(pk=melding_id)
            .first()
        )
        if melding is None or melding.verzending != Statusmelding.Verzending.WACHTEND:
            return melding.verzending if melding else "onbekend"
        nieuwer = Statusmelding.objects.filter(
            order=melding.order, pk__gt=melding.pk, verzending=Statusmelding.Verzending.VERZONDEN
        ).exists()
        if nieuwer or not melding.order.koppeling.callback_url:
            melding.verzending = Statusmelding.Verzending.VERVANGEN
            melding.save(update_fields=["verzending", "updated_at"])
            return melding.verzending
        fout = _versturen(melding)
        melding.pogingen += 1
        if fout is None:
            melding.verzending = Statusmelding.Verzending.VERZONDEN
            melding.verzonden_op = timezone.now()
            melding.laatste_fout = ""
            _van_de_werklijst(melding)
        else:
            melding.laatste_fout = fout
            logger.warning(
                "VERA-statusbericht %s poging %s: %s", melding.pk, melding.pogingen, fout
            )
            if melding.pogingen >= settings.VERA_PUSH_POGINGEN:
                melding.verzending = Statusmelding.Verzending.MISLUKT
                _op_de_werklijst(melding)
            else:
                volgende = timezone.now() + _pauze(melding.pogingen)
                transaction.on_commit(lambda: _opnieuw_om(melding.pk, volgende))
        melding.save()
        return melding.verzending


def _open_items(order: Onderhoudsorder):
    return Verplichting.objects.filter(
        soort=VerplichtingSoort.VERA_STATUS,
        statusmelding__order=order,
        status=Verplichting.Status.OPEN,
    )


def _afhandelen(items, afhandeling: str) -> None:
    items.update(
        status=Verplichting.Status.AFGEHANDELD,
        afgehandeld_op=timezone.now(),
        afhandeling=afhandeling[:500],
        updated_at=timezone.now(),
    )


def _op_de_werklijst(melding: Statusmelding) -> None:
    """Staff's worklist: the corporation did not get this status. One open item per order:
    an older one is replaced by this newer message."""
    order = melding.order
    _afhandelen(
        _open_items(order).exclude(statusmelding=melding),
        "Vervangen door een nieuwer statusbericht dat ook niet aankwam.",
    )
    naam = ref.ONDERHOUDSORDERSTATUS.get(melding.status, melding.status)
    toelichting = (
        f"Statusbericht '{melding.status} {naam}' van order {order.order_id} aan "
        f"{order.koppeling.werkgever.naam} kwam niet aan na {melding.pogingen} poging(en): "
        f"{melding.laatste_fout}. Controleer het adres voor statusberichten en de sleutel van "
        "de VERA-koppeling en verstuur het opnieuw (beheer: Statusberichten, 'Opnieuw "
        "versturen'), of geef de status op een andere manier door. Een later statusbericht "
        "dat wel aankomt, haalt dit van de lijst."
    )
    # Sent again by staff and failed again: the same item, open again.
    Verplichting.objects.update_or_create(
        soort=VerplichtingSoort.VERA_STATUS,
        statusmelding=melding,
        defaults={
            "vervaldatum": timezone.localdate(),
            "toelichting": toelichting[:500],
            "status": Verplichting.Status.OPEN,
            "afgehandeld_op": None,
            "afgehandeld_door": None,
            "afhandeling": "",
        },
    )


def _van_de_werklijst(melding: Statusmelding) -> None:
    """A message that arrived: the order's failed ones no longer need staff."""
    _afhandelen(
        _open_items(melding.order),
        f"Het statusbericht '{melding.status}' van "
        f"{timezone.localtime(melding.verzonden_op):%d-%m-%Y %H:%M} kwam wel aan.",
    )


def _opnieuw_om(melding_id: int, moment) -> None:
    schedule(
        "coop.intake.tasks.statusmelding_versturen",
        melding_id,
        name=f"vera-statusbericht-{melding_id}-{moment:%Y%m%d%H%M%S%f}",
        schedule_type=Schedule.ONCE,
        next_run=moment,
        repeats=1,
    )


def statussen_bijwerken() -> int:
    """Scheduled: recompute the status of every order still in progress, for changes that
    reached the broker's records without a signal (a bulk update); returns how many
    changed."""
    open_orders = (
        Onderhoudsorder.objects.exclude(status__in=("AFG", "GEA"))
        .select_related("koppeling", "werkpakket")
        .order_by("pk")
    )
    gewijzigd = 0
    for order in open_orders.iterator():
        try:
            with transaction.atomic():
                gewijzigd += status_bijwerken(order)
        except Exception:
            logger.exception("VERA-status van order %s niet bijgewerkt", order.pk)
    return gewijzigd
