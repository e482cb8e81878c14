"""Reads of the work a member has or is offered, and of a permanent job's weekly pattern.

`occurrences` expands a permanent job's fragments into dated shifts through the splitting
engine's pattern expansion; `te_plannen` is what acceptance and the daily extension still
have to plan; the windows per member feed the one legal check (coop.services.werk.wettig)
and the candidate ranking alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coop.engines.splitting import Patroondienst, patroon_diensten
from coop.models import Aanbod, Fragment, Inzet, Job
from coop.selectors import feestdagen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HORIZON_WEKEN = 8  # how far ahead a filled permanent job's shifts are planned

Venster = tuple[datetime, datetime]


def occurrences(job: Job, van: date, tot: date) -> list[tuple[datetime, datetime, Fragment]]:
    """Every shift of the job's weekly pattern between van and tot (inclusive), in order;
    a public holiday that a fragment's package keeps free is skipped."""
    begin = max(van, job.startdatum or van)
    eind = min(tot, job.einddatum) if job.einddatum else tot
    fragmenten = {f.pk: f for f in job.fragmenten.select_related("werkpakket__locatie")}
    patroon = [Patroondienst(f.weekdag, f.begin, f.eind, f.pk) for f in fragmenten.values()]
    return [
        (start, einde, fragmenten[stuk.sleutel])
        for start, einde, stuk in patroon_diensten(
            patroon,
            begin,
            eind,
            tz=AMSTERDAM,
            vrij=lambda dag, stuk: feestdagen.vrij_op(dag, fragmenten[stuk.sleutel].werkpakket),
        )
    ]


def te_plannen(job: Job, tot: date | None = None) -> list[tuple[datetime, datetime, Fragment]]:
    """The job's shifts from tomorrow up to `tot` (the planning horizon) not planned yet."""
    vandaag = timezone.localdate()
    tot = tot or vandaag + timedelta(weeks=HORIZON_WEKEN)
    al = set(job.diensten.values_list("start", "fragment_id"))
    return [
        o for o in occurrences(job, vandaag + timedelta(days=1), tot) if (o[0], o[2].pk) not in al
    ]


def toegewezen_vensters(
    werknemer_ids: Iterable[int] | object, van: datetime, tot: datetime
) -> dict[int, list[Venster]]:
    """Active assignments overlapping van..tot, per member (one query)."""
    uit: dict[int, list[Venster]] = defaultdict(list)
    for wid, start, eind in Inzet.objects.filter(
        werknemer__in=werknemer_ids, status=Inzet.Status.ACTIEF, start__lt=tot, eind__gt=van
    ).values_list("werknemer_id", "start", "eind"):
        uit[wid].append((start, eind))
    return uit


def aangeboden_vensters(
    werknemer_ids: Iterable[int] | object,
    van: datetime,
    tot: datetime,
    *,
    behalve_aanbod: int | None = None,
) -> dict[int, list[Venster]]:
    """The work of open offers overlapping van..tot, per member: the offered shift, or the
    shifts a permanent job on offer would plan (two queries plus one per permanent job)."""
    uit: dict[int, list[Venster]] = defaultdict(list)
    open_ = Aanbod.objects.filter(werknemer__in=werknemer_ids, status=Aanbod.Status.OPEN)
    if behalve_aanbod is not None:
        open_ = open_.exclude(pk=behalve_aanbod)
    for wid, start, eind in open_.filter(
        dienst__isnull=False, dienst__start__lt=tot, dienst__eind__gt=van
    ).values_list("werknemer_id", "dienst__start", "dienst__eind"):
        uit[wid].append((start, eind))
    for aanbod in open_.filter(dienst__isnull=True).select_related("job"):
        for start, eind, _ in te_plannen(aanbod.job):
            if start < tot and eind > van:
                uit[aanbod.werknemer_id].append((start, eind))
    return uit
