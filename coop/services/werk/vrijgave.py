"""Releasing an absent member's work: their assignments in the range are released (the
employer's shift stays, open again) and their open offers withdrawn, each freed shift is
offered to the next eligible candidate (coop.services.werk.aanbod) or stays open on the board,
the released work is paid as the absence says, and the member and the employer hear of it.

The member hears what was recorded and the new candidate hears of the offer through
coop.notificaties (both in the same transaction, sent after the commit); the employer's
message is a history entry (`Gebeurtenis` soort `melding_werkgever`, shown on their package
page) that their users get by e-mail after the commit (coop.services.werk.werkgeverbericht);
it names the member by first name and initial and never gives the reason. The records themselves are made in
coop.services.werk.afwezigheid (reports, recovery) and coop.services.werk.verlof (leave).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contracten.regels import oproep_termijn_ok, oproeptermijn_dagen
from coop.models import (
    Aanbod,
    Afwezigheidsmelding,
    Dienst,
    Gebeurtenis,
    Inzet,
    Job,
    Vrijgave,
)
from coop.notificaties import gebeurtenissen as notificaties
from coop.services.uren import afwezigheid_loon as loon
from coop.services.werk.aanbod import dienst_offer_next, vulling_update
from coop.services.werk.geschiedenis import gebeurtenis_create
from coop.services.werk.werkgeverbericht import werkgeverbericht_enqueue
from werknemers.models import Werknemer

Soort = Afwezigheidsmelding.Soort
Status = Afwezigheidsmelding.Status


def vrijgaven_pay(melding: Afwezigheidsmelding, vrijgaven: list[Vrijgave]) -> None:
    """The pay lines of released assignments: sick pay or leave; "kan niet" none."""
    if melding.soort == Soort.ZIEK:
        regels = [loon.ziekteregel_create(inzet=v.inzet, melding=melding) for v in vrijgaven]
        loon.vermoeden_apply(melding=melding, regels=regels)
    elif melding.soort == Soort.VERLOF:
        for vrijgave in vrijgaven:
            loon.verlofregel_create(inzet=vrijgave.inzet, melding=melding)


def afwezigheden_refresh() -> int:
    """Release shifts planned since into a running absence (an open sickness, approved
    leave further ahead than the planning horizon); run after the permanent jobs' shifts
    are planned ahead. Returns how many were released."""
    aantal = 0
    lopend = Afwezigheidsmelding.objects.filter(
        Q(tot__isnull=True) | Q(tot__gte=timezone.localdate()),
        status__in=(Status.GEMELD, Status.GOEDGEKEURD),
    )
    for pk in lopend.values_list("pk", flat=True):
        with transaction.atomic():
            melding = Afwezigheidsmelding.objects.select_for_update().get(pk=pk)
            Werknemer.objects.select_for_update().get(pk=melding.werknemer_id)
            vrijgaven = inzetten_release(melding, None)
            vrijgaven_pay(melding, vrijgaven)
            # A permanent job's shifts were counted in the leave's hours from its pattern
            # (coop.services.werk.verlof.verlof_uren); a call taken since was not.
            extra = [v for v in vrijgaven if v.inzet.dienst.job.soort != Job.Soort.VAST]
            if melding.soort == Soort.VERLOF and extra:
                melding.uren += sum((loon.geplande_uren(v.inzet) for v in extra), Decimal(0))
                melding.save(update_fields=["uren", "updated_at"])
            if vrijgaven:
                afwezigheid_announce(melding, vrijgaven, None, vervolg=str(vrijgaven[-1].pk))
            aantal += len(vrijgaven)
    return aantal


def inzetten_release(melding: Afwezigheidsmelding, user) -> list[Vrijgave]:
    """Release the member's future assignments in the range and offer each shift again."""
    nu = timezone.now()
    begin, eind = loon.dag_grenzen(melding.van, melding.laatste_dag)
    inzetten = Inzet.objects.select_for_update(of=("self",)).filter(
        werknemer=melding.werknemer, status=Inzet.Status.ACTIEF, start__gte=max(begin, nu)
    )
    if eind is not None:
        inzetten = inzetten.filter(start__lt=eind)
    vrijgaven = []
    for inzet in inzetten.select_related("dienst__job", "dienst__locatie", "werknemer"):
        inzet.status = Inzet.Status.VRIJGEGEVEN
        inzet.geannuleerd_op = nu
        inzet.save(update_fields=["status", "geannuleerd_op", "updated_at"])
        Dienst.objects.filter(pk=inzet.dienst_id).update(status=Dienst.Status.OPEN)
        vrijgave = Vrijgave.objects.create(
            afwezigheid=melding, inzet=inzet, korte_termijn=not oproep_termijn_ok(nu, inzet.start)
        )
        vrijgaven.append(vrijgave)
    _open_aanbiedingen_intrekken(melding, begin, eind, nu)
    for vrijgave in vrijgaven:
        _opnieuw_aanbieden(vrijgave, user)
    return vrijgaven


def _open_aanbiedingen_intrekken(melding, begin, eind, nu) -> None:
    """The member's open offers for shifts in the range go to someone else."""
    open_ = Aanbod.objects.filter(
        werknemer=melding.werknemer, status=Aanbod.Status.OPEN, dienst__start__gte=begin
    )
    if eind is not None:
        open_ = open_.filter(dienst__start__lt=eind)
    for aanbod in open_.filter(dienst__isnull=False).select_related("job", "werknemer"):
        Aanbod.objects.filter(pk=aanbod.pk).update(
            status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu
        )
        # The member asked for this themselves: the absence's message names it, no
        # separate "work does not go ahead" message.
        gebeurtenis_create(
            job=aanbod.job,
            werkpakket_id=aanbod.job.werkpakket_id,
            aanbod=aanbod,
            soort=Gebeurtenis.Soort.INGETROKKEN,
            tekst=f"Aanbod aan {aanbod.werknemer} ingetrokken: afwezig gemeld.",
        )
        dienst_offer_next(dienst_id=int(aanbod.dienst_id or 0))


def _opnieuw_aanbieden(vrijgave: Vrijgave, user) -> None:
    """Offer the freed shift to the next candidate (who is notified of the offer as any
    candidate is) and tell the employer that their shift stays (history and e-mail)."""
    inzet = vrijgave.inzet
    dienst = inzet.dienst
    if dienst.job.soort == Job.Soort.INCIDENTEEL:
        vulling_update(dienst.job)
    aanbod = dienst_offer_next(dienst_id=dienst.pk, user=user)
    vrijgave.nieuw_aanbod = aanbod
    vrijgave.save(update_fields=["nieuw_aanbod"])
    naam = inzet.werknemer.korte_naam
    vervolg = (
        "Wij hebben de dienst aan een ander lid aangeboden."
        if aanbod
        else "De dienst staat open; wij zoeken vervanging."
    )
    fragment = dienst.fragment
    bericht = gebeurtenis_create(
        user=user,
        werkpakket_id=dienst.job.werkpakket_id
        or (fragment.werkpakket_id if fragment is not None else None),
        job=dienst.job,
        inzet=inzet,
        soort=Gebeurtenis.Soort.MELDING_WERKGEVER,
        tekst=(
            f"Bericht aan de werkgever: {naam} kan dienst {dienst} niet doen. Uw dienst blijft "
            f"staan. {vervolg}"
        ),
    )
    werkgeverbericht_enqueue(bericht)


def afwezigheid_announce(
    melding: Afwezigheidsmelding, vrijgaven: list[Vrijgave], user, *, vervolg: str = ""
) -> None:
    """The member's message about the record (coop.notificaties), and the history entry
    staff read."""
    notificaties.afwezigheid_vastgelegd(melding, diensten=len(vrijgaven), vervolg=vervolg)
    tot = f" t/m {melding.tot:%d-%m-%Y}" if melding.tot else ""
    tekst = (
        f"Bericht aan {melding.werknemer.volledige_naam}: {melding.get_soort_display()} "
        f"vastgelegd vanaf {melding.van:%d-%m-%Y}{tot}; {len(vrijgaven)} dienst(en) "
        "vrijgegeven."
    )
    if melding.soort == Soort.KAN_NIET:
        tekst += " Hiervoor wordt geen loon betaald."
        if melding.korte_termijn:
            dagen = oproeptermijn_dagen(timezone.localtime(melding.gemeld_op).date())
            tekst += (
                f" Gemeld binnen de oproeptermijn ({dagen} dagen) voor het werk; dat staat op uw "
                "overzicht."
            )
    gebeurtenis_create(
        user=user, werknemer=melding.werknemer, soort=Gebeurtenis.Soort.AFWEZIGHEID, tekst=tekst
    )
