"""Posting, publishing (splitting into jobs), changing and cancelling work packages.

A package's life in one module: changing it is posting and publishing it again (the same
checks, coop.services.werk.pakket_invoer, the same split of coop.services.werk.indeling) and
cancelling undoes what publishing made; read together, they are seen to treat a package alike.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coop.core.exceptions import Conflict
from coop.models import (
    Aanbod,
    Dienst,
    Fragment,
    Gebeurtenis,
    Inzet,
    Job,
    Werkpakket,
)
from coop.notificaties.gebeurtenissen import aanbiedingen_ingetrokken
from coop.selectors.werk import werkpakket_get
from coop.services.werk.geschiedenis import gebeurtenis_create, gebeurtenissen_create
from coop.services.werk.indeling import Deel, delen_van, indeling_opslaan, indeling_van
from coop.services.werk.inzet import inzet_cancel
from coop.services.werk.pakket_invoer import (
    WerkpakketData,
    check_toekomst,
    fout,
    invoer_check,
    laatste_dag,
    onderdelen_opslaan,
    velden,
)


@transaction.atomic
def werkpakket_create(*, user, data: WerkpakketData) -> Werkpakket:
    """Post a work package (status concept) for one of the user's own locations."""
    gecontroleerd = invoer_check(user, data)
    pakket = Werkpakket.objects.create(**velden(data, gecontroleerd.locatie))
    onderdelen_opslaan(pakket, data, gecontroleerd)
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.AANGEMAAKT,
        tekst=f"Werkpakket '{pakket.titel}' geplaatst.",
    )
    return pakket


def werkpakket_preview(*, user, werkpakket_id: int) -> list[Deel]:
    """What publishing a draft would make now, stored nowhere: the same split and the same
    refusals (coop.services.werk.indeling). The employer reads it before publishing."""
    pakket = werkpakket_get(user, werkpakket_id)
    if pakket.status != Werkpakket.Status.CONCEPT:
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    nu = timezone.now()
    check_toekomst(
        pakket.soort,
        laatste_dag(pakket.soort, pakket.uiterlijk_eind, pakket.einddatum),
        timezone.localdate(nu),
    )
    return delen_van(pakket, indeling_van(pakket, nu=nu))


@transaction.atomic
def werkpakket_publish(*, user, werkpakket_id: int) -> Werkpakket:
    """Publish a draft package: split it into permanent fragments and incidental shifts."""
    pakket = werkpakket_get(user, werkpakket_id)
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status != Werkpakket.Status.CONCEPT:
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    check_toekomst(
        pakket.soort, laatste_dag(pakket.soort, pakket.uiterlijk_eind, pakket.einddatum), vandaag
    )
    specs = indeling_van(pakket, nu=nu)
    indeling_opslaan(pakket, specs)
    pakket.status = Werkpakket.Status.GESPLITST
    pakket.gepubliceerd_op = timezone.now()
    pakket.save(update_fields=["status", "gepubliceerd_op", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEPUBLICEERD,
        tekst=f"Gepubliceerd en ingedeeld in {len(specs)} deel/delen: "
        + "; ".join(spec.reden for spec in specs),
    )
    return pakket


@transaction.atomic
def werkpakket_cancel(*, user, werkpakket_id: int) -> Werkpakket:
    """Cancel a package; open shifts are cancelled, assigned ones through inzet_cancel."""
    pakket = werkpakket_get(user, werkpakket_id)
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status in (Werkpakket.Status.GEANNULEERD, Werkpakket.Status.AFGEROND):
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    nu = timezone.now()
    for inzet in pakket_inzetten(pakket).filter(start__gt=nu):
        inzet_cancel(user=user, inzet_id=inzet.pk, reden="werkpakket geannuleerd")
    Dienst.objects.filter(job__werkpakket=pakket, status=Dienst.Status.OPEN).update(
        status=Dienst.Status.GEANNULEERD
    )
    open_aanbiedingen = Aanbod.objects.filter(job__werkpakket=pakket, status=Aanbod.Status.OPEN)
    aanbiedingen_ingetrokken(open_aanbiedingen, reden="vervallen")
    open_aanbiedingen.update(status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu)
    Job.objects.filter(werkpakket=pakket).update(status=Job.Status.GEANNULEERD)
    pakket.status = Werkpakket.Status.GEANNULEERD
    pakket.save(update_fields=["status", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEANNULEERD,
        tekst="Werkpakket geannuleerd.",
    )
    return pakket


def pakket_inzetten(pakket: Werkpakket):
    return Inzet.objects.filter(dienst__job__werkpakket=pakket, status=Inzet.Status.ACTIEF)


class AlBemand(Conflict):
    """A package a member already took on (an assignment, or an accepted offer) is not
    changed any more; `eerste_dienst` is the start of its first assigned shift, if any."""

    def __init__(self, message: str, *, eerste_dienst: datetime | None = None) -> None:
        super().__init__(message)
        self.eerste_dienst = eerste_dienst


def pakket_bemand(pakket: Werkpakket) -> bool:
    """Whether a member took on any of the package's work: an active assignment on one of its
    shifts (incidental, or of a permanent job bundled from its fragments), or an accepted
    offer of one of its jobs."""
    return (
        Inzet.objects.filter(
            Q(dienst__job__werkpakket=pakket) | Q(dienst__fragment__werkpakket=pakket),
            status=Inzet.Status.ACTIEF,
        ).exists()
        or Aanbod.objects.filter(job__werkpakket=pakket, status=Aanbod.Status.GEACCEPTEERD).exists()
    )


@transaction.atomic
def werkpakket_update(*, user, werkpakket_id: int, data: WerkpakketData) -> Werkpakket:
    """Change a package in place while no member has taken any of it on, with the checks of
    posting. A published package is published again: its open offers are withdrawn (the
    members are told the work does not go ahead), its open shifts and jobs cancelled and the
    changed work split into new ones as publishing does; its id, history and anything that
    refers to it stay. Refused (409) once a member is assigned or accepted an offer
    (AlBemand), once its fragments are bundled into a permanent job, and for a cancelled or
    completed package."""
    pakket = werkpakket_get(user, werkpakket_id)
    # The lock order of an acceptance: the shifts first, then the package. An acceptance
    # racing this change either committed before (and is seen below) or waits and then
    # finds its offer withdrawn.
    list(
        Dienst.objects.select_for_update(of=("self",))
        .filter(job__werkpakket=pakket)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status in (Werkpakket.Status.GEANNULEERD, Werkpakket.Status.AFGEROND):
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}; wijzigen kan niet.")
    if pakket_bemand(pakket):
        eerste = pakket_inzetten(pakket).order_by("start").values_list("start", flat=True).first()
        raise AlBemand(
            "Dit werkpakket is al bemand: een lid is ingepland of heeft een aanbod aangenomen. "
            "Wijzigen kan niet meer; overleg met de makelaar.",
            eerste_dienst=eerste,
        )
    if Fragment.objects.filter(werkpakket=pakket, job__isnull=False).exists():
        raise Conflict(
            "Dit werk is al gebundeld tot een vaste baan; wijzigen kan niet meer. Overleg met "
            "de makelaar."
        )
    gecontroleerd = invoer_check(user, data)
    if gecontroleerd.locatie.werkgever_id != pakket.werkgever_id:
        raise fout("locatie_id", "Onbekende locatie.")
    for veld, waarde in velden(data, gecontroleerd.locatie).items():
        setattr(pakket, veld, waarde)
    pakket.save()
    onderdelen_opslaan(pakket, data, gecontroleerd)
    if pakket.status == Werkpakket.Status.CONCEPT:
        gebeurtenis_create(
            user=user,
            werkpakket=pakket,
            soort=Gebeurtenis.Soort.GEWIJZIGD,
            tekst=f"Werkpakket '{pakket.titel}' gewijzigd.",
        )
        return pakket
    nu = timezone.now()
    specs = indeling_van(pakket, nu=nu)
    open_aanbiedingen = Aanbod.objects.filter(job__werkpakket=pakket, status=Aanbod.Status.OPEN)
    ingetrokken = open_aanbiedingen.count()
    aanbiedingen_ingetrokken(open_aanbiedingen, reden="vervallen")
    open_aanbiedingen.update(status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu)
    Dienst.objects.filter(job__werkpakket=pakket).exclude(status=Dienst.Status.GEANNULEERD).update(
        status=Dienst.Status.GEANNULEERD
    )
    Job.objects.filter(werkpakket=pakket).update(status=Job.Status.GEANNULEERD)
    Fragment.objects.filter(werkpakket=pakket, job__isnull=True).delete()
    indeling_opslaan(pakket, specs)
    pakket.status = Werkpakket.Status.GESPLITST
    pakket.save(update_fields=["status", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEWIJZIGD,
        tekst=f"Gewijzigd en opnieuw ingedeeld in {len(specs)} deel/delen"
        + (f" ({ingetrokken} open aanbieding(en) ingetrokken)" if ingetrokken else "")
        + ": "
        + "; ".join(spec.reden for spec in specs),
    )
    return pakket


def werkpakketten_complete(*, nu: datetime | None = None) -> int:
    """Scheduled daily: a package whose work is all in the past is done ('afgerond')."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    kandidaten = Werkpakket.objects.filter(
        status__in=[
            Werkpakket.Status.GESPLITST,
            Werkpakket.Status.DEELS_GEVULD,
            Werkpakket.Status.GEVULD,
        ]
    ).exclude(soort=Werkpakket.Soort.TERUGKEREND, einddatum__isnull=True)
    klaar = []
    for pakket in kandidaten:
        einde = (
            pakket.uiterlijk_eind if pakket.soort == Werkpakket.Soort.EENMALIG else pakket.einddatum
        )
        if einde is None or einde >= vandaag:
            continue
        nog_werk = (
            Dienst.objects.filter(
                job__werkpakket=pakket,
                eind__gt=nu,
                status__in=[Dienst.Status.OPEN, Dienst.Status.BEZET],
            ).exists()
            or Dienst.objects.filter(
                fragment__werkpakket=pakket, eind__gt=nu, status=Dienst.Status.BEZET
            ).exists()
        )
        if not nog_werk:
            klaar.append(pakket.pk)
    Werkpakket.objects.filter(pk__in=klaar).update(status=Werkpakket.Status.AFGEROND)
    gebeurtenissen_create(
        soort=Gebeurtenis.Soort.AFGEROND,
        tekst="Al het werk ligt in het verleden.",
        werkpakket_ids=klaar,
    )
    return len(klaar)
