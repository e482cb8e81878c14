"""Open shifts a member may take themself: the matching's hard rules and the legal check
decide, as for an offer (reads only; taking one is coop/services/werk/claimen.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from coop.core.afstand import haversine_km
from coop.engines import matching
from coop.models import Aanbod, Dienst, Job
from coop.selectors import lonen
from coop.selectors.aanbod_weergave import aanbod_uurloon
from coop.selectors.kandidaten import explain_per_dienst
from coop.services.werk import wettig
from werknemers.models import Werknemer

# How far ahead open work is shown, and how many shifts are checked at most per page view.
HORIZON_DAGEN = 28
MAX_GECONTROLEERD = 40


@dataclass(frozen=True)
class OpenDienst:
    dienst: Dienst
    afstand_km: float
    uurloon: Decimal | None


def _binnen_bereik(werknemer: Werknemer, dienst: Dienst) -> float | None:
    locatie = dienst.locatie
    if locatie.latitude is None or werknemer.latitude is None:
        return None
    afstand = haversine_km(
        float(werknemer.latitude),
        float(werknemer.longitude),
        float(locatie.latitude),
        float(locatie.longitude),
    )
    return afstand if afstand <= float(werknemer.max_reisafstand_km) else None


def open_diensten_voor(werknemer: Werknemer, *, nu=None) -> list[OpenDienst]:
    """Open incidental shifts in the coming weeks, within the member's travel radius, that
    they were not offered before and that the hard rules and the law let them take."""
    nu = nu or timezone.now()
    gehad = Aanbod.objects.filter(werknemer=werknemer, dienst__isnull=False).values("dienst_id")
    kandidaten = (
        Dienst.objects.filter(
            status=Dienst.Status.OPEN,
            job__soort=Job.Soort.INCIDENTEEL,
            start__gt=nu,
            start__lt=nu + timedelta(days=HORIZON_DAGEN),
        )
        .exclude(pk__in=gehad)
        .select_related("job__werkpakket", "locatie__werkgever")
        .order_by("start", "pk")
    )
    binnen: list[tuple[Dienst, float]] = []
    for dienst in kandidaten.iterator():
        afstand = _binnen_bereik(werknemer, dienst)
        if afstand is not None:
            binnen.append((dienst, afstand))
            if len(binnen) >= MAX_GECONTROLEERD:
                break
    diensten = [d for d, _ in binnen]
    oordeel = explain_per_dienst(diensten, werknemer.pk)
    geschikt = [d for d in diensten if isinstance(oordeel[d.pk], matching.Beoordeling)]
    bezwaren = wettig.bezwaren_per_dienst(
        werknemer=werknemer, diensten=geschikt, open_aanbiedingen=True
    )
    afstanden = dict((d.pk, a) for d, a in binnen)
    uurloon = _uurloon_per_dag(werknemer)
    return [
        OpenDienst(d, round(afstanden[d.pk], 1), uurloon(d)) for d in geschikt if not bezwaren[d.pk]
    ]


def _uurloon_per_dag(werknemer: Werknemer):
    """The hourly wage an offer of a shift would state, worked out once per day from the
    member's wage agreements read once."""
    per_dag: dict = {}
    afspraken = lonen.afspraken_van(werknemer)

    def uurloon(dienst: Dienst) -> Decimal | None:
        dag = timezone.localtime(dienst.start).date()
        if dag not in per_dag:
            per_dag[dag] = aanbod_uurloon(
                Aanbod(werknemer=werknemer, job=dienst.job, dienst=dienst), afspraken
            )
        return per_dag[dag]

    return uurloon
