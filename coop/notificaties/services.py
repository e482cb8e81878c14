"""Notifications: owed once per event, delivered once per channel, read in the inbox.

`notificatie_create` records what a member must hear (in the caller's transaction, so a
rolled-back decision notifies nobody) with one Levering per channel the member wants; after
the commit a django-q2 task sends them (coop.notificaties.versturen: once per channel,
retried, on staff's worklist after the last try). Quiet hours move a delivery that is not
urgent to their end. The member's preferences and inbox are here too.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError, NotFound, PermissionDenied
from coop.core.wachtrij import taak_plaatsen
from coop.notificaties.models import (
    Kanaal,
    Levering,
    Meldingsvoorkeur,
    Notificatie,
    Soort,
    Taal,
)
from werknemers.models import Werknemer

logger = logging.getLogger(__name__)

# How long a link in a message works when the notification has no deadline of its own.


# --- Preferences --------------------------------------------------------------------------


def meldingsvoorkeur_van(werknemer: Werknemer) -> Meldingsvoorkeur:
    """The member's preferences; the defaults (unsaved) when they never set any."""
    try:
        return werknemer.meldingsvoorkeur
    except Meldingsvoorkeur.DoesNotExist:
        return Meldingsvoorkeur(werknemer=werknemer)


_GEEN = object()


def meldingsvoorkeur_update(
    *,
    werknemer: Werknemer,
    email: bool | None = None,
    sms: bool | None = None,
    stil_van: datetime.time | None | object = _GEEN,
    stil_tot: datetime.time | None | object = _GEEN,
    taal: str | None = None,
) -> Meldingsvoorkeur:
    """Change how a member hears from the broker; what is not passed stays as it was.
    Quiet hours are both times or neither (None, None: no quiet hours)."""
    voorkeur = meldingsvoorkeur_van(werknemer)
    if email is not None:
        voorkeur.email = email
    if sms is not None:
        voorkeur.sms = sms
    if stil_van is not _GEEN:
        voorkeur.stil_van = stil_van
    if stil_tot is not _GEEN:
        voorkeur.stil_tot = stil_tot
    if taal is not None:
        if taal not in Taal.values:
            raise ApplicationError(
                _("Kies een taal uit: %(talen)s.") % {"talen": ", ".join(Taal.values)},
                fields={"taal": [_("Onbekende taal.")]},
            )
        voorkeur.taal = taal
    if (voorkeur.stil_van is None) != (voorkeur.stil_tot is None):
        raise ApplicationError(
            _("Vul bij stille uren zowel 'vanaf' als 'tot' in, of geen van beide."),
            fields={"stil_van": [_("Beide of geen.")], "stil_tot": [_("Beide of geen.")]},
        )
    voorkeur.save()
    return voorkeur


def einde_stilte(voorkeur: Meldingsvoorkeur, moment: datetime.datetime) -> datetime.datetime | None:
    """When the member's quiet hours around `moment` end; None when `moment` is not quiet."""
    van, tot = voorkeur.stil_van, voorkeur.stil_tot
    if van is None or tot is None or van == tot:
        return None
    lokaal = timezone.localtime(moment)
    tijd, dag = lokaal.time(), lokaal.date()
    if van < tot:
        if not van <= tijd < tot:
            return None
    else:  # over midnight, e.g. 22:00-07:00
        if tot <= tijd < van:
            return None
        if tijd >= van:
            dag += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(dag, tot))


# --- Creating -----------------------------------------------------------------------------


def _kanalen(werknemer: Werknemer, voorkeur: Meldingsvoorkeur, soort: str) -> list[tuple[str, str]]:
    """The channels the member wants and can be reached by. A document is announced by
    e-mail where possible (it is read on a screen, not urgent), by SMS only otherwise."""
    gekozen = []
    if voorkeur.email and werknemer.email:
        gekozen.append((Kanaal.EMAIL, werknemer.email))
    if voorkeur.sms and werknemer.telefoon and settings.SMS_BACKEND:
        if not (soort == Soort.DOCUMENT and gekozen):
            gekozen.append((Kanaal.SMS, werknemer.telefoon))
    return gekozen


def notificatie_create(
    *,
    werknemer: Werknemer,
    soort: str,
    sleutel: str,
    gegevens: dict | None = None,
    pad: str = "",
    dringend: bool = False,
    geldig_tot: datetime.datetime | None = None,
    met_kanalen: bool = True,
    nieuw: bool = False,
) -> Notificatie | None:
    """Record a notification and its deliveries, once per (member, soort, sleutel); None
    when it already exists. Sending starts after the caller's transaction commits.
    `dringend` ignores quiet hours; `geldig_tot` is when sending no longer makes sense;
    without `met_kanalen` it is only in the inbox; `nieuw`: the key is new by construction
    (a row made in the same transaction), so it is not looked up first (a duplicate after all
    still fails on the unique key, which the savepoint turns into None). Call it inside a
    savepoint (`_veilig`)."""
    if (
        not nieuw
        and Notificatie.objects.filter(werknemer=werknemer, soort=soort, sleutel=sleutel).exists()
    ):
        return None
    # No savepoint of its own: every caller records inside one (gebeurtenissen._veilig), which
    # turns a concurrent run's identical notification (the unique key) into None.
    notificatie = Notificatie.objects.create(
        werknemer=werknemer,
        soort=soort,
        sleutel=sleutel[:100],
        gegevens=gegevens or {},
        pad=pad,
        dringend=dringend,
        geldig_tot=geldig_tot,
    )
    nu = timezone.now()
    voorkeur = meldingsvoorkeur_van(werknemer)
    eerste = nu if dringend else (einde_stilte(voorkeur, nu) or nu)
    Levering.objects.bulk_create(
        Levering(notificatie=notificatie, kanaal=kanaal, adres=adres, volgende_poging=eerste)
        for kanaal, adres in (_kanalen(werknemer, voorkeur, soort) if met_kanalen else [])
    )
    transaction.on_commit(lambda: notificatie_enqueue(notificatie.pk), robust=True)
    return notificatie


def notificatie_enqueue(notificatie_id: int) -> bool:
    """Hand the sending to django-q2; False (logged) when the broker is unreachable: the
    decision has committed, and the minute sweep (`wachtende_versturen`) sends it later."""
    try:
        taak_plaatsen("coop.notificaties.tasks.notificatie_versturen", notificatie_id)
    except Exception:  # Redis down: never turn a committed decision into an error
        logger.warning(
            "notificatie %s niet in de wachtrij gezet; volgt via de minuutronde",
            notificatie_id,
            exc_info=True,
        )
        return False
    return True


# --- The inbox ----------------------------------------------------------------------------


def werknemer_van(user) -> Werknemer:
    werknemer = getattr(user, "werknemer", None) if user and user.is_authenticated else None
    if werknemer is None:
        raise PermissionDenied(_("Alleen leden hebben berichten."))
    return werknemer


def notificaties_van(user):
    """The member's own notifications, newest first."""
    return Notificatie.objects.filter(werknemer=werknemer_van(user)).order_by(
        "-aangemaakt_op", "-pk"
    )


def notificatie_get(user, notificatie_id: int) -> Notificatie:
    notificatie = notificaties_van(user).filter(pk=notificatie_id).first()
    if notificatie is None:
        raise NotFound(_("Bericht niet gevonden."))
    return notificatie


def notificatie_mark_read(*, user, notificatie_id: int) -> Notificatie:
    """Mark one of the member's notifications read (once; reading again changes nothing)."""
    notificatie = notificatie_get(user, notificatie_id)
    if notificatie.gelezen_op is None:
        notificatie.gelezen_op = timezone.now()
        Notificatie.objects.filter(pk=notificatie.pk, gelezen_op__isnull=True).update(
            gelezen_op=notificatie.gelezen_op
        )
    return notificatie


def notificaties_mark_all_read(*, user) -> int:
    return notificaties_van(user).filter(gelezen_op__isnull=True).update(gelezen_op=timezone.now())
