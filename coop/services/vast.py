"""Permanent (bundled) jobs: offering them, accepting them and keeping their shifts planned.

A permanent job is a weekly pattern of fragments. When a member accepts it, its shifts are
planned as concrete Diensten with Inzetten for a rolling horizon, so that the same overlap
guarantees (the database constraint on PostgreSQL, the locked re-check everywhere) and the
hours registration apply to permanent work as to incidental work.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from coop import papieren
from coop.exceptions import ApplicationError, Conflict
from coop.models import Aanbod, Dienst, Fragment, Gebeurtenis, Instellingen, Inzet, Job
from coop.services import feestdagen, wettig
from werknemers.models import Werknemer

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HORIZON_WEKEN = 8


def occurrences(job: Job, van: date, tot: date) -> list[tuple[datetime, datetime, Fragment]]:
    """Every shift of the job's weekly pattern between van and tot (inclusive), in order;
    a public holiday that a fragment's package keeps free is skipped."""
    begin = max(van, job.startdatum or van)
    eind = min(tot, job.einddatum) if job.einddatum else tot
    fragmenten = list(job.fragmenten.select_related("werkpakket__locatie"))
    uit: list[tuple[datetime, datetime, Fragment]] = []
    dag = begin
    while dag <= eind:
        for f in fragmenten:
            if f.weekdag == dag.weekday() and not feestdagen.vrij_op(dag, f.werkpakket):
                uit.append(
                    (
                        datetime.combine(dag, f.begin, tzinfo=AMSTERDAM),
                        datetime.combine(dag, f.eind, tzinfo=AMSTERDAM),
                        f,
                    )
                )
        dag += timedelta(days=1)
    return sorted(uit, key=lambda o: (o[0], o[2].pk))


@transaction.atomic
def aanbod_create_vast(
    *, job: Job, werknemer: Werknemer, user=None, score=None, toelichting=None
) -> Aanbod:
    """Offer a permanent job to one member."""
    if job.soort != Job.Soort.VAST or job.status != Job.Status.OPEN or job.werknemer_id:
        raise Conflict("Deze vaste baan is niet (meer) open.")
    if Aanbod.objects.filter(job=job, werknemer=werknemer).exists():
        raise Conflict(f"{werknemer} heeft deze baan al eens aangeboden gekregen.")
    nieuw = te_plannen(job)
    if not nieuw:
        raise ApplicationError("Deze baan heeft geen diensten meer in de komende weken.")
    wettig.eis_wettig(
        werknemer=werknemer,
        vensters=[(s, e) for s, e, _ in nieuw],
        job=job,
        open_aanbiedingen=True,
    )
    inst = Instellingen.huidig()
    aanbod = Aanbod.objects.create(
        werknemer=werknemer,
        job=job,
        deadline=timezone.now() + timedelta(hours=inst.aanbod_geldig_uren),
        score=score,
        toelichting=toelichting or {},
    )
    Gebeurtenis.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        job=job,
        aanbod=aanbod,
        soort="aangeboden",
        tekst=f"Vaste baan ({job.uren_per_week} uur per week) aangeboden aan {werknemer}.",
    )
    return aanbod


def te_plannen(job: Job, tot: date | None = None) -> list[tuple[datetime, datetime, Fragment]]:
    """The job's shifts from tomorrow up to `tot` (the planning horizon) not planned yet."""
    vandaag = timezone.localdate()
    tot = tot or vandaag + timedelta(weeks=HORIZON_WEKEN)
    al = set(job.diensten.values_list("start", "fragment_id"))
    return [
        o for o in occurrences(job, vandaag + timedelta(days=1), tot) if (o[0], o[2].pk) not in al
    ]


def plan_diensten(job: Job, werknemer: Werknemer, tot: date) -> list[Inzet]:
    """Create the job's shifts and assignments up to `tot` that do not exist yet."""
    nieuw = te_plannen(job, tot)
    if not nieuw:
        return []
    wettig.eis_wettig(
        werknemer=werknemer,
        vensters=[(s, e) for s, e, _ in nieuw],
        job=job,
        open_aanbiedingen=False,
    )
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
                    Inzet.objects.create(werknemer=werknemer, dienst=dienst, start=start, eind=eind)
                )
    except IntegrityError as exc:
        raise Conflict("Een dienst van deze baan valt samen met ander werk van dit lid.") from exc
    return inzetten


def accept_vast(*, user, aanbod: Aanbod) -> Inzet:
    """Accept a permanent job (inside the caller's transaction, the offer row locked)."""
    job = Job.objects.select_for_update(of=("self",)).get(pk=aanbod.job_id)
    if job.werknemer_id is not None or job.status != Job.Status.OPEN:
        raise Conflict("Helaas, deze vaste baan is net aan iemand anders gegeven.")
    werknemer = Werknemer.objects.select_for_update().get(pk=aanbod.werknemer_id)
    inzetten = plan_diensten(job, werknemer, timezone.localdate() + timedelta(weeks=HORIZON_WEKEN))
    if not inzetten:
        raise ApplicationError("Deze baan heeft geen diensten meer in de komende weken.")
    Inzet.objects.filter(pk__in=[i.pk for i in inzetten]).update(aanbod=aanbod)
    nu = timezone.now()
    Aanbod.objects.filter(pk=aanbod.pk).update(status=Aanbod.Status.GEACCEPTEERD, beantwoord_op=nu)
    Aanbod.objects.filter(job=job, status=Aanbod.Status.OPEN).exclude(pk=aanbod.pk).update(
        status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu
    )
    job.werknemer = werknemer
    job.status = Job.Status.VERVULD
    job.save(update_fields=["werknemer", "status", "updated_at"])
    papieren.bij_acceptatie_vast(job=job, werknemer=werknemer, inzetten=inzetten, user=user)
    Gebeurtenis.objects.create(
        user=user,
        job=job,
        aanbod=aanbod,
        inzet=inzetten[0],
        soort="geaccepteerd",
        tekst=f"{werknemer} heeft de vaste baan aangenomen; {len(inzetten)} diensten ingepland.",
    )
    return inzetten[0]


def vaste_diensten_aanvullen() -> int:
    """Scheduled daily: keep every filled permanent job planned HORIZON_WEKEN ahead."""
    tot = timezone.localdate() + timedelta(weeks=HORIZON_WEKEN)
    aantal = 0
    for job in Job.objects.filter(soort=Job.Soort.VAST, status=Job.Status.VERVULD).select_related(
        "werknemer"
    ):
        with transaction.atomic():
            try:
                aantal += len(plan_diensten(job, job.werknemer, tot))
            except Conflict as exc:
                Gebeurtenis.objects.create(job=job, soort="planning_conflict", tekst=exc.message)
    from coop.services.afwezigheid import afwezigheden_refresh

    afwezigheden_refresh()  # shifts just planned into a sickness or leave go to others
    return aantal
