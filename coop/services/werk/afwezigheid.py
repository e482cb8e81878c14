"""Absence: reporting sick or "kan niet", and recovery.

One transaction per report: the absence is recorded and the member's work in the range is
released and offered again (coop.services.werk.vrijgave). Leave is asked for and decided in
coop.services.werk.verlof.

* **Sick**: every released assignment gets a sick-pay line (coop.services.uren.afwezigheid_loon)
  and the member a written confirmation in their documents. Staff report recovery; lines of
  days from the recovery on are withdrawn.
* **Kan niet**: a reason is required; no pay follows. Within the call term it is marked
  as such, visibly, on the record and on each released assignment — nothing else.
* The same report again returns the existing record and changes nothing; an overlapping
  one, a reversed range, a start further back than `TERUG_DAGEN`, another member's record
  (404) or a recovery before the first sick day are refused with a Dutch message. These
  checks are shared with leave requests.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from contracten import tabellen as t
from contracten.documenten import document_uitgeven
from contracten.models import DocumentSoort
from contracten.regels import ziekte as ziekteregels
from contracten.services import makelaar_partij
from coop.core.auth import actor_van, vereis_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound, PermissionDenied
from coop.models import (
    Afwezigheidsmelding,
    Gebeurtenis,
    Urenregel,
    Vrijgave,
)
from coop.notificaties import gebeurtenissen as notificaties
from coop.selectors.afwezigheid import afwezigheid_get
from coop.services.uren import afwezigheid_loon as loon
from coop.services.werk.geschiedenis import gebeurtenis_create
from coop.services.werk.vrijgave import afwezigheid_announce, inzetten_release, vrijgaven_pay
from werknemers.models import Werknemer

# How far back a report may start: a sick report is made on the day, at worst a few days
# late (an operational choice, contracten/BRONNEN.md §15).
TERUG_DAGEN = 14
Soort = Afwezigheidsmelding.Soort
Status = Afwezigheidsmelding.Status
ACTIEF = (Status.GEMELD, Status.AANGEVRAAGD, Status.GOEDGEKEURD)
# A recovered sickness still covers its sick days: a new report on them overlaps it.
BEZET = (*ACTIEF, Status.HERSTELD)


def gebruiker(user):
    """The user to record as having acted (none for a schedule or an anonymous caller)."""
    return user if getattr(user, "is_authenticated", False) else None


def fout(veld: str, melding: str, status: int = 422) -> ApplicationError:
    return ApplicationError(melding, fields={veld: [melding]}, status_code=status)


def werknemer_voor(user, werknemer_id: int | None) -> Werknemer:
    """Staff name any member; a member only themselves (another id is a 404)."""
    actor = actor_van(user)
    eigen = actor.werknemer_id
    if actor.is_staff:
        if werknemer_id is None:
            raise fout("werknemer_id", "Kies de werknemer voor wie u meldt.")
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


def controleer_bereik(van: date, tot: date | None, *, tot_verplicht: bool) -> None:
    vandaag = timezone.localdate()
    if tot is None and tot_verplicht:
        raise fout("tot", "Geef de laatste dag op.")
    if tot is not None and tot < van:
        raise fout("tot", "De laatste dag ligt vóór de eerste dag.")
    if van < vandaag - timedelta(days=TERUG_DAGEN):
        raise fout(
            "van",
            f"De eerste dag ligt meer dan {TERUG_DAGEN} dagen terug; neem contact op met de "
            "makelaar.",
        )
    if tot is not None and (tot - van).days > 366:
        raise fout("tot", "Een melding beslaat ten hoogste een jaar; meld daarna opnieuw.")


def overlap(werknemer: Werknemer, van: date, tot: date | None, *, behalve: int | None = None):
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


def weigering_overlap(melding: Afwezigheidsmelding) -> Conflict:
    tekst = (
        f"Deze periode overlapt met een eerdere melding ({melding.get_soort_display()} vanaf "
        f"{melding.van:%d-%m-%Y}). Er is niets gewijzigd."
    )
    return Conflict(tekst, fields={"van": [tekst]})


def eerdere_of_vrij(
    werknemer: Werknemer, soort: str, van: date, tot: date | None, statussen
) -> Afwezigheidsmelding | None:
    """The same report already recorded (the same kind and range: reporting twice changes
    nothing), or None when the range is free; a range overlapping another report is refused."""
    zelfde = Afwezigheidsmelding.objects.filter(
        werknemer=werknemer, soort=soort, van=van, tot=tot, status__in=statussen
    ).first()
    if zelfde is not None:
        return zelfde
    botsing = overlap(werknemer, van, tot)
    if botsing is not None:
        raise weigering_overlap(botsing)
    return None


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
        raise fout("soort", "Kies ziek of kan_niet; verlof vraagt u apart aan.")
    werknemer = werknemer_voor(user, werknemer_id)
    reden = reden.strip()
    if soort == Soort.KAN_NIET and not reden:
        raise fout("reden", "Geef een reden op waarom u niet kunt.")
    controleer_bereik(van, tot, tot_verplicht=soort == Soort.KAN_NIET)
    zelfde = eerdere_of_vrij(werknemer, soort, van, tot, BEZET)
    if zelfde is not None:
        return zelfde, False
    melding = Afwezigheidsmelding.objects.create(
        werknemer=werknemer,
        soort=soort,
        status=Status.GEMELD,
        van=van,
        tot=tot,
        reden=reden[:500],
        gemeld_door=gebruiker(user),
        gemeld_op=timezone.now(),
    )
    vrijgaven = inzetten_release(melding, user)
    vrijgaven_pay(melding, vrijgaven)
    if soort == Soort.ZIEK:
        melding.bevestiging = _bevestiging(melding, vrijgaven, user)
    melding.korte_termijn = any(v.korte_termijn for v in vrijgaven)
    melding.save(update_fields=["korte_termijn", "bevestiging", "updated_at"])
    afwezigheid_announce(melding, vrijgaven, user)
    return melding, True


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


def melding_voor(user, melding_id: int) -> Afwezigheidsmelding:
    melding = afwezigheid_get(user, melding_id)
    return Afwezigheidsmelding.objects.select_for_update().get(pk=melding.pk)


@transaction.atomic
def afwezigheid_recover(*, user, melding_id: int, hersteld_per: date) -> Afwezigheidsmelding:
    """Staff record that a sick member works again from `hersteld_per`."""
    vereis_staff(user, "Alleen de makelaar meldt een werknemer beter.")
    melding = melding_voor(user, melding_id)
    if melding.soort != Soort.ZIEK:
        raise fout("melding_id", "Alleen een ziekmelding heeft een betermelding.", 409)
    if melding.status == Status.HERSTELD:
        if melding.hersteld_per == hersteld_per:
            return melding
        raise Conflict(
            f"Deze werknemer is al beter gemeld per {melding.hersteld_per:%d-%m-%Y}.",
            fields={"hersteld_per": ["Al beter gemeld."]},
        )
    if hersteld_per <= melding.van:
        raise fout(
            "hersteld_per",
            f"De betermelding ligt niet na de eerste ziektedag ({melding.van:%d-%m-%Y}).",
        )
    melding.status = Status.HERSTELD
    melding.hersteld_per = hersteld_per
    melding.hersteld_gemeld_door = gebruiker(user)
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


def ziekteweek_van(werknemer_id: int, dag: date) -> int:
    """The member's week of sickness on `dag` (0: not sick), for the worklist."""
    return ziekteregels.ziekteweek(loon.ziekteperioden(werknemer_id), dag)
