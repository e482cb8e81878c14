"""Assignments: planning a permanent job's shifts, keeping them planned, and cancelling one.

A permanent job's shifts become concrete Diensten with Inzetten for a rolling horizon
(coop.selectors.rooster.HORIZON_WEKEN), so the overlap guarantees (the database constraint
on PostgreSQL, the locked re-check everywhere) and the hours registration apply to permanent
work as to incidental work.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from contracten.regels.oproep import oproeptermijn_dagen, uren_bij_late_annulering
from contracten.regels.uren import honderdste_uur
from coop.core.auth import actor_van
from coop.core.exceptions import ApplicationError, Conflict, NotFound
from coop.models import Aanbod, Dienst, Fragment, Inzet, Job
from coop.selectors.rooster import HORIZON_WEKEN, te_plannen
from coop.selectors.werk import inzet_get
from coop.services.uren.afwezigheid_loon import geplande_uren
from coop.services.werk import papieren, wettig
from coop.services.werk.geschiedenis import gebeurtenis_create
from werknemers.models import Werknemer


def inzetten_create(
    job: Job,
    werknemer: Werknemer,
    nieuw: list[tuple[datetime, datetime, Fragment]],
    *,
    aanbod: Aanbod | None = None,
) -> list[Inzet]:
    """Create the given shifts of a permanent job with the member's assignments (the caller
    has checked the law); a clash with other work of the member is a Conflict, nothing kept."""
    inzetten = []
    try:
        with transaction.atomic():
            for start, eind, fragment in nieuw:
                dienst = Dienst.objects.create(
                    job=job,
                    locatie=fragment.werkpakket.locatie,
                    fragment=fragment,
                    start=start,
                    eind=eind,
                    status=Dienst.Status.BEZET,
                )
                inzetten.append(
                    Inzet.objects.create(
                        werknemer=werknemer, dienst=dienst, aanbod=aanbod, start=start, eind=eind
                    )
                )
    except IntegrityError as exc:
        raise Conflict("Een dienst van deze baan valt samen met ander werk van dit lid.") from exc
    return inzetten


def diensten_plan(job: Job, werknemer: Werknemer, tot: date) -> list[Inzet]:
    """Plan the filled job's shifts up to `tot` that do not exist yet, if the law allows."""
    nieuw = te_plannen(job, tot)
    if not nieuw:
        return []
    wettig.eis_wettig(
        werknemer=werknemer,
        vensters=[(s, e) for s, e, _ in nieuw],
        job=job,
        open_aanbiedingen=False,
    )
    return inzetten_create(job, werknemer, nieuw)


def vaste_diensten_extend() -> int:
    """Scheduled daily: keep every filled permanent job planned HORIZON_WEKEN ahead."""
    tot = timezone.localdate() + timedelta(weeks=HORIZON_WEKEN)
    aantal = 0
    for job in Job.objects.filter(soort=Job.Soort.VAST, status=Job.Status.VERVULD).select_related(
        "werknemer"
    ):
        with transaction.atomic():
            try:
                aantal += len(diensten_plan(job, job.werknemer, tot))
            except Conflict as exc:
                gebeurtenis_create(job=job, soort="planning_conflict", tekst=exc.message)
    # inside: coop.services.werk.vrijgave imports aanbod, which imports this module (cycle)
    from coop.services.werk.vrijgave import afwezigheden_refresh

    afwezigheden_refresh()  # shifts just planned into a sickness or leave go to others
    return aantal


@transaction.atomic
def inzet_cancel(*, user, inzet_id: int, reden: str = "") -> Inzet:
    """Cancel an assignment; within the call term the member keeps the called hours' pay."""
    inzet = inzet_get(user, inzet_id)
    actor = actor_van(user)
    if actor.werknemer_id is not None and not actor.is_staff:
        raise NotFound("Inzet niet gevonden.")
    inzet = (
        Inzet.objects.select_for_update(of=("self",))
        .select_related("dienst", "dienst__job", "aanbod")
        .get(pk=inzet.pk)
    )
    if inzet.status != Inzet.Status.ACTIEF:
        raise Conflict("Deze inzet is al geannuleerd.")
    nu = timezone.now()
    if inzet.start <= nu:
        raise ApplicationError("Deze dienst is al begonnen; annuleren kan niet meer.")
    # The called hours are what would have been paid: the shift less its break as the call
    # states it; the hours line adds the 3-hour minimum where it applies.
    uren = geplande_uren(inzet)
    doorbetaald = honderdste_uur(uren_bij_late_annulering(uren, inzet.start, nu))
    inzet.status = Inzet.Status.GEANNULEERD
    inzet.geannuleerd_op = nu
    inzet.late_annulering = doorbetaald > 0
    inzet.uren_doorbetaald = doorbetaald
    inzet.save(
        update_fields=[
            "status",
            "geannuleerd_op",
            "late_annulering",
            "uren_doorbetaald",
            "updated_at",
        ]
    )
    Dienst.objects.filter(pk=inzet.dienst_id).update(status=Dienst.Status.GEANNULEERD)
    papieren.annulering_papieren_create(inzet=inzet, user=user)
    tekst = f"Inzet van {inzet.werknemer} op {inzet.dienst} geannuleerd. {reden}".strip()
    if inzet.late_annulering:
        termijn = oproeptermijn_dagen(timezone.localtime(nu).date())
        tekst += f" Binnen {termijn} dagen: {doorbetaald} uur wordt doorbetaald."
    gebeurtenis_create(
        user=user,
        werkpakket_id=inzet.dienst.job.werkpakket_id,
        job=inzet.dienst.job,
        aanbod=inzet.aanbod,
        inzet=inzet,
        soort="geannuleerd",
        tekst=tekst,
    )
    return inzet
