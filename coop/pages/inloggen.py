"""Logging a member in by a one-time code sent to their e-mail (or, once wired, phone)."""

from __future__ import annotations

import logging
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError
from coop.notificaties import kanalen
from coop.notificaties.services import meldingsvoorkeur_van
from coop.pages.models import Inlogcode, code_hash
from werknemers.models import Werknemer

logger = logging.getLogger(__name__)


def _cijfers(telefoon: str) -> str:
    """A Dutch phone number as digits from the 0 on: +31 6-1234 5678 and 0612345678 agree."""
    cijfers = re.sub(r"\D", "", telefoon)
    if cijfers.startswith("0031"):
        cijfers = "0" + cijfers[4:]
    elif cijfers.startswith("31") and len(cijfers) == 11:
        cijfers = "0" + cijfers[2:]
    return cijfers


def werknemer_zoeken(identificatie: str) -> Werknemer | None:
    """The active member with a login whose e-mail address or phone number this is."""
    identificatie = identificatie.strip()
    leden = Werknemer.objects.filter(user__is_active=True).exclude(
        status=Werknemer.Status.UITGETREDEN
    )
    if "@" in identificatie:
        return leden.filter(email__iexact=identificatie).order_by("pk").first()
    gezocht = _cijfers(identificatie)
    if len(gezocht) < 9:
        return None
    # Phone numbers are stored as typed: compare digits (a coop has hundreds of members).
    for werknemer in leden.exclude(telefoon="").filter(telefoon__contains=gezocht[-2:]):
        if _cijfers(werknemer.telefoon) == gezocht:
            return werknemer
    return None


@transaction.atomic
def inlogcode_request(*, identificatie: str) -> bool:
    """Make and send a new code when the address or number is a member's; earlier codes stop
    working. Returns whether a code was sent (the page does not tell: no one learns who is a
    member by trying)."""
    werknemer = werknemer_zoeken(identificatie)
    if werknemer is None:
        return False
    nu = timezone.now()
    Inlogcode.objects.filter(werknemer=werknemer, gebruikt_op__isnull=True).update(verloopt_op=nu)
    code = f"{secrets.randbelow(10**6):06d}"
    Inlogcode.objects.create(
        werknemer=werknemer,
        code_hash=code_hash(code),
        verloopt_op=nu + timedelta(minutes=settings.INLOGCODE_MINUTEN),
    )
    per_sms = "@" not in identificatie
    transaction.on_commit(lambda: inlogcode_send(werknemer=werknemer, code=code, per_sms=per_sms))
    return True


def inlogcode_send(*, werknemer: Werknemer, code: str, per_sms: bool = False) -> None:
    """Send the code in the member's language: by SMS when they asked with their phone
    number and SMS is configured, else by e-mail."""
    with translation.override(meldingsvoorkeur_van(werknemer).taal):
        context = {"code": code, "minuten": settings.INLOGCODE_MINUTEN, "werknemer": werknemer}
        sms = kanalen.sms_backend() if per_sms and werknemer.telefoon else None
        if sms is not None:
            try:
                sms.versturen(
                    nummer=kanalen.telefoon_internationaal(werknemer.telefoon),
                    tekst=_("Uw inlogcode: %(code)s. Hij werkt %(minuten)s minuten.") % context,
                    referentie=f"inlogcode-{werknemer.pk}",
                )
                return
            except kanalen.KanaalFout as exc:
                logger.warning("Inlogcode per sms aan lid %s mislukt: %s", werknemer.pk, exc)
        if not werknemer.email:
            logger.info("Geen e-mailadres voor inlogcode van lid %s", werknemer.pk)
            return
        send_mail(
            subject=_("Uw inlogcode: %(code)s") % {"code": code},
            message=render_to_string("pages/leden/inlogcode_mail.txt", context),
            from_email=None,
            recipient_list=[werknemer.email],
        )


def inlogcode_verify(*, identificatie: str, code: str) -> Werknemer:
    """The member whose newest code this is; a wrong code counts as a try, a code that was
    used, expired or tried too often does not work."""
    werknemer = werknemer_zoeken(identificatie)
    if werknemer is None or not _code_gebruiken(werknemer, re.sub(r"\s", "", code)):
        raise ApplicationError(_("Deze code klopt niet of is verlopen. Vraag een nieuwe code aan."))
    return werknemer


@transaction.atomic
def _code_gebruiken(werknemer: Werknemer, code: str) -> bool:
    """Use the member's current code if it is this one; else count the wrong try (kept)."""
    inlogcode = (
        Inlogcode.objects.select_for_update()
        .filter(werknemer=werknemer, gebruikt_op__isnull=True, verloopt_op__gt=timezone.now())
        .order_by("-aangemaakt_op")
        .first()
    )
    if inlogcode is None or inlogcode.pogingen >= settings.INLOGCODE_POGINGEN:
        return False
    if not secrets.compare_digest(inlogcode.code_hash, code_hash(code)):
        Inlogcode.objects.filter(pk=inlogcode.pk).update(pogingen=inlogcode.pogingen + 1)
        return False
    Inlogcode.objects.filter(pk=inlogcode.pk).update(gebruikt_op=timezone.now())
    return True
