"""Sending notifications: one delivery per channel, once, with retries and the worklist.

`levering_versturen` sends one delivery under a row lock and only while it waits: a rerun,
a second worker or the minute sweep (`wachtende_versturen`) sends nothing twice. A failed
channel is tried again after a pause that grows fourfold; after the last try (or at once
when retrying cannot help) it is on staff's worklist (Verplichting soort 'bericht'). A
delivery whose notification is no longer current (an offer past its deadline) is skipped;
staff may send a failed one again (`levering_resend`). Recording what a member must hear is
coop.notificaties.services.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contracten.models import Verplichting, VerplichtingSoort
from contracten.werklijst import verplichting_resolve
from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound
from coop.core.models import audit
from coop.notificaties import berichten, kanalen, links
from coop.notificaties.models import Kanaal, Levering, Notificatie
from coop.notificaties.services import einde_stilte, meldingsvoorkeur_van, notificatie_enqueue
from werknemers.models import Werknemer

logger = logging.getLogger(__name__)

# A one-time link in a message is valid until the notification's deadline, at most this long.
LINK_GELDIG = datetime.timedelta(days=3)


def _pauze(pogingen: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFICATIES_PAUZE_SECONDEN * 4 ** (pogingen - 1))


def _absoluut(pad: str) -> str:
    return f"{settings.COOP_BASIS_URL.rstrip('/')}{pad}"


def _link(notificatie: Notificatie, nu: datetime.datetime) -> tuple[str, datetime.datetime | None]:
    """A one-time link to the notification's page, valid until its deadline or LINK_GELDIG."""
    if not notificatie.pad:
        return "", None
    tot = nu + LINK_GELDIG
    if notificatie.geldig_tot is not None:
        tot = min(tot, notificatie.geldig_tot)
    relatief = links.make_link(
        werknemer=notificatie.werknemer, next_path=notificatie.pad, ttl=tot - nu
    )
    return _absoluut(relatief), tot


def _verzenden(levering: Levering, nu: datetime.datetime) -> str:
    notificatie = levering.notificatie
    werknemer = notificatie.werknemer
    taal = berichten.taal_van(werknemer)
    link, tot = _link(notificatie, nu)
    referentie = f"notificatie-{notificatie.pk}-{levering.kanaal}"
    if levering.kanaal == Kanaal.EMAIL:
        bericht = berichten.opstellen(notificatie, taal=taal)
        with translation.override(taal):
            tekst = berichten.email_tekst(
                bericht, voornaam=werknemer.voornaam, link=link, link_geldig_tot=tot
            )
        return kanalen.email_versturen(
            aan=levering.adres, onderwerp=bericht.titel, tekst=tekst, referentie=referentie
        )
    backend = kanalen.sms_backend()
    if backend is None:
        raise kanalen.KanaalFout("sms staat uit (SMS_BACKEND is leeg)", blijvend=True)
    return backend.versturen(
        nummer=levering.adres,
        tekst=berichten.sms_opstellen(notificatie, link, taal=taal),
        referentie=referentie,
    )


def _nog_gewenst(levering: Levering) -> bool:
    werknemer = levering.notificatie.werknemer
    voorkeur = meldingsvoorkeur_van(werknemer)
    if werknemer.status == Werknemer.Status.UITGETREDEN:
        return False
    return voorkeur.email if levering.kanaal == Kanaal.EMAIL else voorkeur.sms


def _vergrendeld(levering_id: int) -> Levering | None:
    """The delivery with its notification and member, its row locked (None if unknown)."""
    return (
        Levering.objects.select_for_update(of=("self",))
        .select_related("notificatie__werknemer")
        .filter(pk=levering_id)
        .first()
    )


def levering_versturen(*, levering_id: int, nu: datetime.datetime | None = None) -> str:
    """Send one delivery if it waits and is due; returns its status afterwards."""
    nu = nu or timezone.now()
    with transaction.atomic():
        levering = _vergrendeld(levering_id)
        if levering is None:
            return "onbekend"
        if levering.status != Levering.Status.WACHT or levering.volgende_poging > nu:
            return levering.status
        notificatie = levering.notificatie
        if _niet_meer_actueel(notificatie, nu):
            return _afsluiten(levering, Levering.Status.OVERGESLAGEN, "niet meer actueel")
        if not _nog_gewenst(levering):
            return _afsluiten(levering, Levering.Status.OVERGESLAGEN, "kanaal uitgezet door lid")
        from coop.notificaties.gebeurtenissen import wacht_op_pdf  # as _niet_meer_actueel

        if wacht_op_pdf(notificatie):
            return levering.status  # still due: sent when the PDF is made, or by the sweep
        stil_tot = (
            None
            if notificatie.dringend
            else einde_stilte(meldingsvoorkeur_van(notificatie.werknemer), nu)
        )
        if stil_tot is not None:
            levering.volgende_poging = stil_tot
            levering.save(update_fields=["volgende_poging"])
            return levering.status
        levering.pogingen += 1
        try:
            levering.extern_id = _verzenden(levering, nu)[:200]
        except kanalen.KanaalFout as fout:
            return _mislukt(levering, fout, nu)
        levering.status = Levering.Status.VERZONDEN
        levering.verzonden_op = nu
        levering.laatste_fout = ""
        levering.save()
        return levering.status


def _niet_meer_actueel(notificatie: Notificatie, nu: datetime.datetime) -> bool:
    """Past its deadline, or what it is about changed (offer taken, shift cancelled)."""
    from coop.notificaties.gebeurtenissen import actueel  # gebeurtenissen imports this module

    verlopen = notificatie.geldig_tot is not None and nu >= notificatie.geldig_tot
    return verlopen or not actueel(notificatie)


def _afsluiten(levering: Levering, status: str, reden: str) -> str:
    levering.status = status
    levering.laatste_fout = reden
    levering.save(update_fields=["status", "laatste_fout"])
    return status


def _mislukt(levering: Levering, fout: kanalen.KanaalFout, nu: datetime.datetime) -> str:
    levering.laatste_fout = fout.melding
    logger.warning(
        "notificatie %s via %s poging %s mislukt: %s",
        levering.notificatie_id,
        levering.kanaal,
        levering.pogingen,
        fout.melding,
    )
    if fout.blijvend or levering.pogingen >= settings.NOTIFICATIES_POGINGEN:
        levering.status = Levering.Status.MISLUKT
        levering.save()
        _op_werklijst(levering, nu)
    else:
        levering.volgende_poging = nu + _pauze(levering.pogingen)
        levering.save()
    return levering.status


def _op_werklijst(levering: Levering, nu: datetime.datetime) -> None:
    """Staff's worklist: this member did not get this message; contact them another way."""
    notificatie = levering.notificatie
    werknemer = notificatie.werknemer
    toelichting = (
        f"{levering.get_kanaal_display().capitalize()} aan {werknemer.volledige_naam} "
        f"({levering.adres}) over '{notificatie.get_soort_display()}' niet bezorgd na "
        f"{levering.pogingen} poging(en): {levering.laatste_fout}. Neem op een andere manier "
        f"contact op, of verbeter het adres of nummer en verstuur het opnieuw."
    )
    try:
        with transaction.atomic():
            Verplichting.objects.create(
                soort=VerplichtingSoort.BERICHT,
                werknemer=werknemer,
                levering=levering,
                vervaldatum=timezone.localdate(nu),
                toelichting=toelichting[:500],
            )
    except IntegrityError:  # already listed
        pass


@transaction.atomic
def levering_resend(*, user, levering_id: int) -> Levering:
    """Staff send a message that failed once more, after correcting the member's e-mail
    address or phone number: to the member's current address, with fresh tries. Its worklist
    item is closed; sending starts after commit. Only a failed delivery of a message that
    still matters can be sent again (409 otherwise); others than staff get a 404."""
    vereis_staff(user, _("Bericht niet gevonden."), verbergen=True)
    levering = _vergrendeld(levering_id)
    if levering is None:
        raise NotFound(_("Bericht niet gevonden."))
    if levering.status != Levering.Status.MISLUKT:
        raise Conflict(
            _("Alleen een bericht dat niet aankwam kan opnieuw worden verstuurd."),
            fields={
                "status": [_("Status is '%(status)s'.") % {"status": levering.get_status_display()}]
            },
        )
    notificatie, nu = levering.notificatie, timezone.now()
    if _niet_meer_actueel(notificatie, nu):
        raise Conflict(
            _(
                "Dit bericht is niet meer actueel (bijvoorbeeld: het aanbod is verlopen of het "
                "werk gaat niet door). Opnieuw versturen heeft geen zin."
            )
        )
    werknemer = notificatie.werknemer
    adres = werknemer.email if levering.kanaal == Kanaal.EMAIL else werknemer.telefoon
    if not adres:
        veld = "email" if levering.kanaal == Kanaal.EMAIL else "telefoon"
        raise ApplicationError(
            _("%(naam)s heeft geen %(wat)s. Vul het eerst in bij het lid.")
            % {
                "naam": werknemer.volledige_naam,
                "wat": _("e-mailadres") if veld == "email" else _("telefoonnummer"),
            },
            fields={veld: [_("Ontbreekt.")]},
            status_code=422,
        )
    vorig = levering.adres
    levering.adres = adres
    levering.status = Levering.Status.WACHT
    levering.pogingen = 0
    levering.volgende_poging = nu
    levering.laatste_fout = ""
    levering.save()
    afhandeling = f"opnieuw verstuurd via {levering.get_kanaal_display()}" + (
        " naar een nieuw adres" if adres != vorig else ""
    )
    for item in Verplichting.objects.filter(levering=levering, status=Verplichting.Status.OPEN):
        verplichting_resolve(verplichting=item, user=user, afhandeling=afhandeling)
    audit(user=user, action="bericht_opnieuw", obj=levering, detail=afhandeling)
    transaction.on_commit(lambda: notificatie_enqueue(notificatie.pk), robust=True)
    return levering


def notificatie_versturen(*, notificatie_id: int) -> dict[str, str]:
    """Send a notification's due deliveries; returns each channel's status."""
    return {
        kanaal: levering_versturen(levering_id=pk)
        for pk, kanaal in Levering.objects.filter(notificatie_id=notificatie_id).values_list(
            "pk", "kanaal"
        )
    }


def wachtende_versturen(*, nu: datetime.datetime | None = None) -> int:
    """Scheduled every minute: send every delivery that waits and is due (retries, and those
    held back by quiet hours); returns how many were sent now."""
    nu = nu or timezone.now()
    verzonden = 0
    for pk in Levering.objects.filter(
        status=Levering.Status.WACHT, volgende_poging__lte=nu
    ).values_list("pk", flat=True):
        verzonden += levering_versturen(levering_id=pk, nu=nu) == Levering.Status.VERZONDEN
    return verzonden
