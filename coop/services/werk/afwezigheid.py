"""Absence: reporting sick or "kan niet", recovery, and leave.

One transaction per report: the member's assignments in the range are released (the
employer's shift stays, open again), the absence is recorded, each freed shift is offered to
the next eligible candidate (coop.services.werk.aanbod) or stays open on the board. The
member hears what was recorded and the new candidate hears of the offer through
coop.notificaties (both in the same transaction, sent after the commit); the employer's
message is a history entry (`Gebeurtenis` soort `melding_werkgever`), as employers have no
notification channel yet, and never gives the reason.

* **Sick**: every released assignment gets a sick-pay line (coop.services.uren.afwezigheid_loon)
  and the member a written confirmation in their documents. Staff report recovery; lines of
  days from the recovery on are withdrawn.
* **Kan niet**: a reason is required; no pay follows. Within the call term it is marked
  as such, visibly, on the record and on each released assignment — nothing else.
* **Leave**: a member with a permanent job asks, staff approve; then the assignments are
  released as above and paid as leave hours.
* The same report again returns the existing record and changes nothing; an overlapping
  one, a reversed range, a start further back than `TERUG_DAGEN`, another member's record
  (404) or a recovery before the first sick day are refused with a Dutch message.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contracten import tabellen as t
from contracten.documenten import document_uitgeven
from contracten.models import DocumentSoort
from contracten.regels import oproep_termijn_ok, oproeptermijn_dagen
from contracten.regels import ziekte as ziekteregels
from contracten.services import makelaar_partij
from coop.core.auth import actor_van, vereis_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound, PermissionDenied
from coop.models import (
    Aanbod,
    Afwezigheidsmelding,
    Dienst,
    Gebeurtenis,
    Inzet,
    Job,
    Urenregel,
    Vrijgave,
)
from coop.notificaties import gebeurtenissen as notificaties
from coop.selectors.afwezigheid import afwezigheid_get, verlofsaldo
from coop.services.uren import afwezigheid_loon as loon
from coop.services.werk.aanbod import _update_vulling, dienst_offer_next
from coop.services.werk.geschiedenis import gebeurtenis_create
from werknemers.models import Werknemer

# How far back a report may start: a sick report is made on the day, at worst a few days
# late (an operational choice, contracten/BRONNEN.md §15).
TERUG_DAGEN = 14
Soort = Afwezigheidsmelding.Soort
Status = Afwezigheidsmelding.Status
ACTIEF = (Status.GEMELD, Status.AANGEVRAAGD, Status.GOEDGEKEURD)
# A recovered sickness still covers its sick days: a new report on them overlaps it.
BEZET = (*ACTIEF, Status.HERSTELD)


def _gebruiker(user):
    """The user to record as having acted (none for a schedule or an anonymous caller)."""
    return user if getattr(user, "is_authenticated", False) else None


def _fout(veld: str, melding: str, status: int = 422) -> ApplicationError:
    return ApplicationError(melding, fields={veld: [melding]}, status_code=status)


def _werknemer_voor(user, werknemer_id: int | None) -> Werknemer:
    """Staff name any member; a member only themselves (another id is a 404)."""
    actor = actor_van(user)
    eigen = actor.werknemer_id
    if actor.is_staff:
        if werknemer_id is None:
            raise _fout("werknemer_id", "Kies de werknemer voor wie u meldt.")
        gevonden = Werknemer.objects.filter(pk=werknemer_id).first()
    elif eigen is not None:
        if werknemer_id not in (None, eigen):
            raise NotFound("Werknemer niet gevonden.")
        gevonden = Werknemer.objects.filter(pk=eigen).first()
    else:
        raise PermissionDenied("Alleen het lid zelf of de makelaar meldt afwezigheid.")
    if gevonden is None:
        raise NotFound("Werknemer niet gevonden.")
    return Werknemer.objects.select_for_update().get(pk=gevonden.pk)


def _controleer_bereik(van: date, tot: date | None, *, tot_verplicht: bool) -> None:
    vandaag = timezone.localdate()
    if tot is None and tot_verplicht:
        raise _fout("tot", "Geef de laatste dag op.")
    if tot is not None and tot < van:
        raise _fout("tot", "De laatste dag ligt vóór de eerste dag.")
    if van < vandaag - timedelta(days=TERUG_DAGEN):
        raise _fout(
            "van",
            f"De eerste dag ligt meer dan {TERUG_DAGEN} dagen terug; neem contact op met de "
            "makelaar.",
        )
    if tot is not None and (tot - van).days > 366:
        raise _fout("tot", "Een melding beslaat ten hoogste een jaar; meld daarna opnieuw.")


def _overlap(werknemer: Werknemer, van: date, tot: date | None, *, behalve: int | None = None):
    bestaand = Afwezigheidsmelding.objects.filter(werknemer=werknemer, status__in=BEZET)
    if behalve is not None:
        bestaand = bestaand.exclude(pk=behalve)
    if tot is not None:
        bestaand = bestaand.filter(van__lte=tot)
    for melding in bestaand:
        laatste = melding.laatste_dag
        if laatste is None or laatste >= van:
            return melding
    return None


def _weigering_overlap(melding: Afwezigheidsmelding) -> Conflict:
    tekst = (
        f"Deze periode overlapt met een eerdere melding ({melding.get_soort_display()} vanaf "
        f"{melding.van:%d-%m-%Y}). Er is niets gewijzigd."
    )
    return Conflict(tekst, fields={"van": [tekst]})


@transaction.atomic
def afwezigheid_report(
    *,
    user,
    soort: str,
    van: date,
    tot: date | None = None,
    reden: str = "",
    werknemer_id: int | None = None,
) -> tuple[Afwezigheidsmelding, bool]:
    """Report sick or "kan niet" for a range; returns the record and whether it is new."""
    if soort not in (Soort.ZIEK, Soort.KAN_NIET):
        raise _fout("soort", "Kies ziek of kan_niet; verlof vraagt u apart aan.")
    werknemer = _werknemer_voor(user, werknemer_id)
    reden = reden.strip()
    if soort == Soort.KAN_NIET and not reden:
        raise _fout("reden", "Geef een reden op waarom u niet kunt.")
    _controleer_bereik(van, tot, tot_verplicht=soort == Soort.KAN_NIET)
    zelfde = Afwezigheidsmelding.objects.filter(
        werknemer=werknemer, soort=soort, van=van, tot=tot, status__in=BEZET
    ).first()
    if zelfde is not None:
        return zelfde, False
    botsing = _overlap(werknemer, van, tot)
    if botsing is not None:
        raise _weigering_overlap(botsing)
    melding = Afwezigheidsmelding.objects.create(
        werknemer=werknemer,
        soort=soort,
        status=Status.GEMELD,
        van=van,
        tot=tot,
        reden=reden[:500],
        gemeld_door=_gebruiker(user),
        gemeld_op=timezone.now(),
    )
    vrijgaven = _vrijgeven(melding, user)
    _betalen(melding, vrijgaven)
    if soort == Soort.ZIEK:
        melding.bevestiging = _bevestiging(melding, vrijgaven, user)
    melding.korte_termijn = any(v.korte_termijn for v in vrijgaven)
    melding.save(update_fields=["korte_termijn", "bevestiging", "updated_at"])
    _meld_werknemer(melding, vrijgaven, user)
    return melding, True


def _betalen(melding: Afwezigheidsmelding, vrijgaven: list[Vrijgave]) -> None:
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
            vrijgaven = _vrijgeven(melding, None)
            _betalen(melding, vrijgaven)
            if melding.soort == Soort.VERLOF and vrijgaven:
                melding.uren += sum((loon.geplande_uren(v.inzet) for v in vrijgaven), Decimal(0))
                melding.save(update_fields=["uren", "updated_at"])
            if vrijgaven:
                _meld_werknemer(melding, vrijgaven, None, vervolg=str(vrijgaven[-1].pk))
            aantal += len(vrijgaven)
    return aantal


def _vrijgeven(melding: Afwezigheidsmelding, user) -> list[Vrijgave]:
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
    candidate is) and tell the employer that their shift stays."""
    inzet = vrijgave.inzet
    dienst = inzet.dienst
    if dienst.job.soort == Job.Soort.INCIDENTEEL:
        _update_vulling(dienst.job)
    aanbod = dienst_offer_next(dienst_id=dienst.pk, user=user)
    vrijgave.nieuw_aanbod = aanbod
    vrijgave.save(update_fields=["nieuw_aanbod"])
    naam = f"{inzet.werknemer.voornaam} {inzet.werknemer.achternaam[:1]}."
    vervolg = (
        "Wij hebben de dienst aan een ander lid aangeboden."
        if aanbod
        else "De dienst staat open; wij zoeken vervanging."
    )
    fragment = dienst.fragment
    gebeurtenis_create(
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


def _meld_werknemer(
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


def _bevestiging(melding: Afwezigheidsmelding, vrijgaven: list[Vrijgave], user):
    f = t.ZIEKTE.op(melding.van)
    return document_uitgeven(
        soort=DocumentSoort.BEVESTIGING_ZIEKMELDING,
        werknemer=melding.werknemer,
        context={
            "makelaar": makelaar_partij(),
            "gemeld_op": melding.gemeld_op,
            "ziek_vanaf": melding.van,
            "verwacht_tot": melding.tot,
            "doorbetaling_procent": f.doorbetaling_procent,
            "minimumloon_weken": f.minimumloon_weken,
            "wachtdagen": min(
                loon.wachtdagen_volgens_contract(melding.werknemer, melding.van), f.max_wachtdagen
            ),
            "vrijgegeven": [str(v.inzet.dienst)[:500] for v in vrijgaven],
        },
        user=user,
    )


# --- recovery -----------------------------------------------------------------------------------


def _melding_voor(user, melding_id: int) -> Afwezigheidsmelding:
    melding = afwezigheid_get(user, melding_id)
    return Afwezigheidsmelding.objects.select_for_update().get(pk=melding.pk)


@transaction.atomic
def afwezigheid_recover(*, user, melding_id: int, hersteld_per: date) -> Afwezigheidsmelding:
    """Staff record that a sick member works again from `hersteld_per`."""
    vereis_staff(user, "Alleen de makelaar meldt een werknemer beter.")
    melding = _melding_voor(user, melding_id)
    if melding.soort != Soort.ZIEK:
        raise _fout("melding_id", "Alleen een ziekmelding heeft een betermelding.", 409)
    if melding.status == Status.HERSTELD:
        if melding.hersteld_per == hersteld_per:
            return melding
        raise Conflict(
            f"Deze werknemer is al beter gemeld per {melding.hersteld_per:%d-%m-%Y}.",
            fields={"hersteld_per": ["Al beter gemeld."]},
        )
    if hersteld_per <= melding.van:
        raise _fout(
            "hersteld_per",
            f"De betermelding ligt niet na de eerste ziektedag ({melding.van:%d-%m-%Y}).",
        )
    melding.status = Status.HERSTELD
    melding.hersteld_per = hersteld_per
    melding.hersteld_gemeld_door = _gebruiker(user)
    melding.save(update_fields=["status", "hersteld_per", "hersteld_gemeld_door", "updated_at"])
    Urenregel.objects.filter(
        inzet__vrijgave__afwezigheid=melding,
        soort=Urenregel.Soort.ZIEK,
        datum__gte=hersteld_per,
        vergrendeld_op__isnull=True,
    ).delete()
    notificaties.afwezigheid_vastgelegd(melding)
    gebeurtenis_create(
        user=user,
        werknemer=melding.werknemer,
        soort=Gebeurtenis.Soort.AFWEZIGHEID,
        tekst=(
            f"Bericht aan {melding.werknemer.volledige_naam}: beter gemeld per "
            f"{hersteld_per:%d-%m-%Y}. U krijgt weer aanbiedingen."
        ),
    )
    return melding


# --- leave --------------------------------------------------------------------------------------


@transaction.atomic
def verlof_request(
    *, user, van: date, tot: date, reden: str = "", werknemer_id: int | None = None
) -> tuple[Afwezigheidsmelding, bool]:
    """A member with a permanent job asks for leave over van..tot; staff decide."""
    werknemer = _werknemer_voor(user, werknemer_id)
    _controleer_bereik(van, tot, tot_verplicht=True)
    if van < timezone.localdate():
        raise _fout("van", "Verlof vraagt u aan voor vandaag of later.")
    if (
        not Job.objects.filter(soort=Job.Soort.VAST, werknemer=werknemer)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
        .exists()
    ):
        raise Conflict(
            "Verlof aanvragen kan met een vaste baan; voor oproepwerk neemt u geen aanbiedingen "
            "aan in die periode.",
            fields={"van": ["Geen vaste baan in deze periode."]},
        )
    zelfde = Afwezigheidsmelding.objects.filter(
        werknemer=werknemer, soort=Soort.VERLOF, van=van, tot=tot, status__in=ACTIEF
    ).first()
    if zelfde is not None:
        return zelfde, False
    botsing = _overlap(werknemer, van, tot)
    if botsing is not None:
        raise _weigering_overlap(botsing)
    begin, eind = loon.dag_grenzen(van, tot)
    uren = sum(
        (
            loon.geplande_uren(i)
            for i in Inzet.objects.filter(
                werknemer=werknemer, status=Inzet.Status.ACTIEF, start__gte=begin, start__lt=eind
            ).select_related("werknemer")
        ),
        Decimal(0),
    )
    melding = Afwezigheidsmelding.objects.create(
        werknemer=werknemer,
        soort=Soort.VERLOF,
        status=Status.AANGEVRAAGD,
        van=van,
        tot=tot,
        reden=reden.strip()[:500],
        uren=uren,
        gemeld_door=_gebruiker(user),
        gemeld_op=timezone.now(),
    )
    return melding, True


@transaction.atomic
def verlof_approve(*, user, melding_id: int) -> Afwezigheidsmelding:
    """Staff approve leave: the assignments in it are released, re-offered and paid as leave."""
    vereis_staff(user, "Alleen de makelaar keurt verlof goed.")
    melding = _melding_voor(user, melding_id)
    if melding.soort != Soort.VERLOF:
        raise _fout("melding_id", "Dit is geen verlofaanvraag.", 409)
    if melding.status == Status.GOEDGEKEURD:
        return melding
    if melding.status != Status.AANGEVRAAGD:
        raise Conflict(f"Deze aanvraag is {melding.get_status_display()}.")
    Werknemer.objects.select_for_update().get(pk=melding.werknemer_id)
    botsing = _overlap(melding.werknemer, melding.van, melding.tot, behalve=melding.pk)
    if botsing is not None:
        raise _weigering_overlap(botsing)
    saldo = verlofsaldo(werknemer=melding.werknemer, jaar=melding.van.year)
    if melding.uren > saldo.saldo:
        raise Conflict(
            f"Onvoldoende verlof: gevraagd {melding.uren} uur, saldo {melding.van.year} "
            f"{saldo.saldo} uur. Er is niets gewijzigd.",
            fields={"uren": ["Meer dan het saldo."]},
        )
    melding.status = Status.GOEDGEKEURD
    melding.beoordeeld_door, melding.beoordeeld_op = _gebruiker(user), timezone.now()
    melding.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "updated_at"])
    vrijgaven = _vrijgeven(melding, user)
    _betalen(melding, vrijgaven)
    _meld_werknemer(melding, vrijgaven, user)
    return melding


@transaction.atomic
def verlof_decline(*, user, melding_id: int, reden: str) -> Afwezigheidsmelding:
    """Staff turn a leave request down, with a reason the member reads."""
    vereis_staff(user, "Alleen de makelaar beoordeelt verlof.")
    if not reden.strip():
        raise _fout("reden", "Geef een reden op.")
    melding = _melding_voor(user, melding_id)
    if melding.soort != Soort.VERLOF or melding.status != Status.AANGEVRAAGD:
        raise Conflict("Alleen een openstaande verlofaanvraag kan worden afgewezen.")
    melding.status = Status.AFGEWEZEN
    melding.beoordeeld_door, melding.beoordeeld_op = _gebruiker(user), timezone.now()
    melding.reden = f"{melding.reden} — afgewezen: {reden.strip()}"[:500]
    melding.save(
        update_fields=["status", "beoordeeld_door", "beoordeeld_op", "reden", "updated_at"]
    )
    notificaties.afwezigheid_vastgelegd(melding)
    gebeurtenis_create(
        user=user,
        werknemer=melding.werknemer,
        soort=Gebeurtenis.Soort.AFWEZIGHEID,
        tekst=f"Bericht aan {melding.werknemer.volledige_naam}: uw verlofaanvraag vanaf "
        f"{melding.van:%d-%m-%Y} is afgewezen: {reden.strip()}",
    )
    return melding


def ziekteweek_van(werknemer_id: int, dag: date) -> int:
    """The member's week of sickness on `dag` (0: not sick), for the worklist."""
    return ziekteregels.ziekteweek(loon.ziekteperioden(werknemer_id), dag)
