"""The demo's offers and assignments: the broker's flow played once through its services.

After the packages are published and bundled, `stap_aanbiedingen` tells one short story, so a
new user finds every state in the admin and the API: permanent jobs offered and accepted, an
offer that expired and went to the next candidate, one that was declined and handed on, the
featured members (fatima, daan, youssef, mehmet, agnieszka) with offers pending and accepted,
a late cancellation that keeps the pay, and the coming two weeks planned in one batch with part
of the offers accepted. It runs once: when any demo package already has offers, it does nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q

from coop.core.exceptions import ApplicationError
from coop.demo.werk import MAKELAAR, demo_pakketten, volgende_maandag, werk_basis
from coop.models import Aanbod, Dienst, Inzet, Job, Werkpakket
from coop.selectors.kandidaten import rank_for_dienst
from coop.services.werk.aanbod import (
    aanbod_accept,
    aanbod_create,
    aanbod_decline,
    aanbod_expire_due,
    dienst_offer_next,
    job_offer_next,
)
from coop.services.werk.inzet import inzet_cancel
from coop.services.werk.plannen import periode_plan
from werknemers.models import Werknemer

VASTE_BANEN_AANGENOMEN = 2  # permanent jobs offered and accepted; the rest stay on offer
PLAN_ACCEPTATIE_KANS = 0.4  # share of the batch plan's offers members accept straight away


def _makelaar():
    return get_user_model().objects.get(username=MAKELAAR)


def _lid(username: str) -> Werknemer | None:
    return Werknemer.objects.filter(user__username=username).select_related("user").first()


def _diensten(titel: str) -> list[Dienst]:
    """The open shifts of a demo package, first shift first (parallel ones by id)."""
    return list(
        Dienst.objects.filter(job__werkpakket__titel=titel, status=Dienst.Status.OPEN)
        .select_related("job", "locatie")
        .order_by("start", "pk")
    )


def _bied_aan(dienst: Dienst | None, voorkeur: Werknemer | None, door) -> Aanbod | None:
    """Offer a shift to the preferred member when the hard rules allow, else to the best one."""
    if dienst is None:
        return None
    if voorkeur is not None:
        for b in rank_for_dienst(dienst).geschikt:
            if b.kandidaat_id == voorkeur.pk:
                return aanbod_create(
                    dienst=dienst,
                    werknemer=voorkeur,
                    user=door,
                    score=b.score,
                    toelichting=dict(b.onderdelen),
                )
    return dienst_offer_next(dienst_id=dienst.pk, user=door)


def _namens(aanbod: Aanbod):
    """A member with a login answers themself; for the others the broker records the answer."""
    return aanbod.werknemer.user or _makelaar()


def _accepteer(aanbod: Aanbod | None) -> Inzet | None:
    """Accept as the member; a clash with work they already have leaves the offer open."""
    if aanbod is None:
        return None
    try:
        return aanbod_accept(user=_namens(aanbod), aanbod_id=aanbod.pk)
    except ApplicationError:  # Conflict included: the service rolled its own part back
        return None


def _pak(lijst: list, index: int):
    return lijst[index] if index < len(lijst) else None


def _verlopen(ctx, door) -> None:
    """The first offer made: nobody answers, it expires and the next candidate gets the shift."""
    aanbod = _bied_aan(_pak(_diensten("Sauzen portieken project Hoograven"), 0), None, door)
    if aanbod is None:
        ctx.say("  geen kandidaat voor het sauswerk in Hoograven: geen verlopen aanbod")
        return
    # Its deadline is the earliest of all open offers, so only this one expires.
    aantal = aanbod_expire_due(now=aanbod.deadline)
    ctx.say(f"  {aantal} aanbod verlopen (sauswerk Hoograven), doorgezet naar de volgende")


def _vaste_banen(ctx, door, aannemen: bool) -> None:
    """Offer permanent jobs to their best candidate; the first few are accepted."""
    jobs = Job.objects.filter(
        soort=Job.Soort.VAST, status=Job.Status.OPEN, werknemer__isnull=True
    ).filter(fragmenten__werkpakket__in=demo_pakketten())
    for job in jobs.distinct().order_by("pk"):
        if job.aanbiedingen.filter(status=Aanbod.Status.OPEN).exists():
            continue
        if aannemen and Job.objects.filter(soort="vast", werknemer__isnull=False).count() >= (
            VASTE_BANEN_AANGENOMEN
        ):
            return
        aanbod = job_offer_next(job_id=job.pk, user=door)
        if aanbod is None:
            ctx.say(f"  vaste baan #{job.pk}: geen geschikte kandidaat")
            continue
        if aannemen and _accepteer(aanbod) is not None:
            ctx.say(f"  vaste baan #{job.pk} ({job.uren_per_week} u/w) aangenomen door "
                    f"{aanbod.werknemer}")  # fmt: skip


def _uitgelicht(ctx, door) -> None:
    """The featured members' offers: some accepted, some pending, one declined and handed on."""
    fatima, daan, youssef = _lid("fatima"), _lid("daan"), _lid("youssef")
    mehmet, agnieszka = _lid("mehmet"), _lid("agnieszka")
    schoon = _diensten("Algemene ruimten schoonmaken na renovatie")
    for i, aannemen in ((0, True), (1, True), (2, False)):
        aanbod = _bied_aan(_pak(schoon, i), fatima, door)
        if aannemen:
            _accepteer(aanbod)
    verhuis = _diensten("Verhuishulp bewoners bij renovatie Churchilllaan")
    _accepteer(_bied_aan(_pak(verhuis, 0), daan, door))
    _bied_aan(_pak(verhuis, 1), youssef, door)
    _bied_aan(_pak(verhuis, 2), daan, door)
    wissel = _diensten("Verhuizing bewoners naar wisselwoning")
    afgewezen = _bied_aan(_pak(wissel, 0), agnieszka, door)
    if afgewezen is not None:
        reden = "Die dag heb ik een afspraak bij de gemeente."
        aanbod_decline(user=_namens(afgewezen), aanbod_id=afgewezen.pk, reden=reden)
        # The service hands on after commit (a task); the demo hands on now, so the next
        # candidate's offer is there at once. The task later finds it and does nothing.
        dienst_offer_next(dienst_id=afgewezen.dienst_id, user=door)
    _accepteer(_bied_aan(_pak(wissel, 2), agnieszka, door))
    schilder = _diensten("Klaslokalen schilderen in de vakantieweek")
    for i in (0, 2):  # the first two days, one of the two places each
        _accepteer(_bied_aan(_pak(schilder, i), mehmet, door))
    ctx.say("  uitgelichte leden: aanbiedingen gedaan, deels aangenomen, één afgewezen")


def _late_annulering(ctx, door) -> None:
    """An accepted shift in the coming days cancelled by the employer: the pay is kept."""
    inzet = _accepteer(_bied_aan(_pak(_diensten("Dieptereiniging na verbouwing"), 0), None, door))
    if inzet is None:
        ctx.say("  geen kandidaat voor de spoedschoonmaak: geen late annulering")
        return
    bakkerij = get_user_model().objects.filter(username="bakkerij").first() or door
    inzet = inzet_cancel(
        user=bakkerij, inzet_id=inzet.pk, reden="De verbouwing is uitgelopen; de aannemer is "
        "nog niet klaar."
    )  # fmt: skip
    ctx.say(
        f"  inzet van {inzet.werknemer} geannuleerd door de bakkerij: "
        f"{inzet.uren_doorbetaald} uur wordt doorbetaald"
    )


def _planning(ctx, door, basis) -> None:
    """The coming two weeks planned at once; members accept part of those offers right away."""
    tot = volgende_maandag(basis) + timedelta(days=13)
    uitkomst = periode_plan(user=door, van=basis, tot=tot)
    ctx.say(
        f"  planning t/m {tot:%d-%m-%Y}: {uitkomst.gevuld} van {uitkomst.diensten} diensten "
        f"ingedeeld, {uitkomst.aanbiedingen} aanbiedingen"
    )
    rng = random.Random(ctx.seed)
    open_aanbod = Aanbod.objects.filter(
        status=Aanbod.Status.OPEN, dienst__isnull=False, werknemer__user__isnull=True
    ).order_by("pk")
    for aanbod in list(open_aanbod.select_related("werknemer")):
        if rng.random() < PLAN_ACCEPTATIE_KANS:
            _accepteer(aanbod)


def _al_gespeeld() -> bool:
    pakketten = demo_pakketten()
    return Aanbod.objects.filter(
        Q(job__werkpakket__in=pakketten) | Q(job__fragmenten__werkpakket__in=pakketten)
    ).exists()


def stap_aanbiedingen(ctx) -> None:
    """Play the broker's flow once over the published demo work (see the module docstring)."""
    if _al_gespeeld() or not Dienst.objects.filter(job__werkpakket__in=demo_pakketten()).exists():
        ctx.tel("aanbiedingen", False)
        samenvatting(ctx)
        return
    voor = (Aanbod.objects.count(), Inzet.objects.count())
    door = _makelaar()
    _verlopen(ctx, door)
    _vaste_banen(ctx, door, aannemen=True)
    _uitgelicht(ctx, door)
    _late_annulering(ctx, door)
    _vaste_banen(ctx, door, aannemen=False)
    _planning(ctx, door, werk_basis(ctx.vandaag))
    ctx.tel("aanbiedingen", False)
    ctx.aangemaakt["aanbiedingen"] += Aanbod.objects.count() - voor[0]
    ctx.aangemaakt["inzetten"] = ctx.aangemaakt.get("inzetten", 0) + Inzet.objects.count() - voor[1]
    samenvatting(ctx)


def _telling(qs, veld: str, labels) -> str:
    per = Counter(qs.values_list(veld, flat=True))
    return ", ".join(f"{labels(k)} {n}" for k, n in sorted(per.items())) or "geen"


def samenvatting(ctx) -> None:
    """What the broker holds now: packages, jobs, shifts, offers per status, assignments."""
    pakketten = Werkpakket.objects.all()
    pakket_status = dict(Werkpakket.Status.choices)
    ctx.say(f"  werkpakketten: {_telling(pakketten, 'status', pakket_status.get)}")
    ctx.say(f"    soort: {_telling(pakketten, 'soort', str)}")
    vast = Job.objects.filter(soort=Job.Soort.VAST)
    ctx.say(
        f"  vaste banen: {_telling(vast, 'status', str)}; incidentele klussen: "
        f"{Job.objects.filter(soort=Job.Soort.INCIDENTEEL).count()}"
    )
    ctx.say(f"  diensten: {_telling(Dienst.objects.all(), 'status', str)}")
    ctx.say(f"  aanbiedingen: {_telling(Aanbod.objects.all(), 'status', str)}")
    inzetten = Inzet.objects.all()
    ctx.say(
        f"  inzetten: {_telling(inzetten, 'status', str)} "
        f"(waarvan {inzetten.filter(late_annulering=True).count()} laat geannuleerd, uren "
        f"doorbetaald)"
    )
