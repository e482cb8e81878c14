"""Batch planning: all open incidental shifts of a period assigned at once, then offered."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone

from coop.core.afstand import bounding_box
from coop.core.exceptions import ApplicationError
from coop.engines import matching, planning
from coop.models import Aanbod, Dienst, Gebeurtenis, Instellingen, Job
from coop.selectors.kandidaten import job_eis_voor, kandidaten, match_config
from coop.services.werk.aanbod import aanbod_create
from coop.services.werk.geschiedenis import gebeurtenis_create
from werknemers.models import Werknemer
from werknemers.selectors import vaardigheden_graaf

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class PlanUitkomst:
    diensten: int
    kandidaten: int
    gevuld: int
    bovengrens_gevuld: int
    totale_score: float
    status: str
    seconden: float
    aanbiedingen: int
    # Which offers were made and which shifts are left over: {"id", "dienst_id", "omschrijving"}
    aangeboden: tuple[dict, ...] = ()
    over: tuple[dict, ...] = ()


def dienst_omschrijving(d: Dienst) -> str:
    """'Trappenhuizen schoonmaken, Marshallaan 1-99, 12-10-2026 09:00-13:00'."""
    van, tot = timezone.localtime(d.start), timezone.localtime(d.eind)
    werk = d.job.werkpakket.titel if d.job.werkpakket_id else d.job.reden
    return f"{werk}, {d.locatie.naam}, {van:%d-%m-%Y %H:%M}-{tot:%H:%M}"


def open_diensten(van: date, tot: date) -> list[Dienst]:
    """Open incidental shifts in the period that nobody has an open offer for."""
    return list(
        Dienst.objects.filter(
            status=Dienst.Status.OPEN,
            job__soort=Job.Soort.INCIDENTEEL,
            start__gte=max(datetime.combine(van, time(0), tzinfo=AMSTERDAM), timezone.now()),
            start__lt=datetime.combine(tot + timedelta(days=1), time(0), tzinfo=AMSTERDAM),
        )
        .exclude(aanbiedingen__status=Aanbod.Status.OPEN)
        .select_related("job__werkpakket", "locatie")
        .order_by("start", "pk")
    )


def _eisen(diensten: list[Dienst]) -> list[matching.JobEis]:
    """One JobEis per shift (id = shift id); requirements loaded once per package."""
    per_pakket: dict[int | None, matching.JobEis] = {}
    eisen = []
    for d in diensten:
        basis = per_pakket.get(d.job.werkpakket_id)
        if basis is None:
            basis = per_pakket[d.job.werkpakket_id] = job_eis_voor([d])
        eisen.append(
            replace(
                basis,
                id=d.pk,
                locatie_id=d.locatie_id,
                latitude=float(d.locatie.latitude),
                longitude=float(d.locatie.longitude),
                wijk=d.locatie.wijk,
                werkgever_id=d.locatie.werkgever_id,
                diensten=(matching.Dienstvenster(d.start, d.eind, d.pauze_seconden),),
            )
        )
    return eisen


def _pool(eisen: list[matching.JobEis]):
    """Active members within reach of any shift: the bounding box of all boxes."""
    radius = float(
        Werknemer.objects.filter(status=Werknemer.Status.ACTIEF).aggregate(
            m=Max("max_reisafstand_km")
        )["m"]
        or Decimal("0")
    )
    boxes = [bounding_box(e.latitude, e.longitude, radius) for e in eisen]
    return Werknemer.objects.filter(
        status=Werknemer.Status.ACTIEF,
        latitude__gte=min(b[0] for b in boxes),
        latitude__lte=max(b[1] for b in boxes),
        longitude__gte=min(b[2] for b in boxes),
        longitude__lte=max(b[3] for b in boxes),
    ).values("pk")


@dataclass(frozen=True)
class Voorstel:
    """A plan of a period not yet sent: which member would be offered which shift."""

    van: date
    tot: date
    diensten: tuple[Dienst, ...]
    kandidaten: int
    gevuld: int
    bovengrens_gevuld: int
    totale_score: float
    status: str
    seconden: float
    toewijzingen: tuple[tuple[int, int, float], ...]  # (dienst id, member id, score)


def _periode_controleren(van: date, tot: date) -> None:
    if tot < van:
        raise ApplicationError("'tot' ligt vóór 'van'.", fields={"tot": ["Ligt vóór 'van'."]})
    if (tot - van).days > 62:
        raise ApplicationError(
            "Plan hoogstens twee maanden tegelijk.",
            fields={"tot": ["Hoogstens 62 dagen na 'van'."]},
        )


def periode_propose(
    *, van: date, tot: date, dienst_ids: set[int] | None = None, top_k: int = 10
) -> Voorstel:
    """Plan every open incidental shift of van..tot globally (only `dienst_ids` of them when
    given: the shifts a planner sees), without offering anything yet."""
    _periode_controleren(van, tot)
    diensten = [d for d in open_diensten(van, tot) if dienst_ids is None or d.pk in dienst_ids]
    if not diensten:
        return Voorstel(van, tot, (), 0, 0, 0, 0.0, "niets te plannen", 0.0, ())
    eisen = _eisen(diensten)
    omvattend = replace(
        eisen[0],
        diensten=tuple(matching.Dienstvenster(d.start, d.eind, d.pauze_seconden) for d in diensten),
    )
    graaf = vaardigheden_graaf()
    pool = kandidaten(_pool(eisen), omvattend, graaf, met_open_aanbiedingen=True)
    resultaat = planning.plan(eisen, pool, match_config(Instellingen.huidig()), top_k=top_k)
    return Voorstel(
        van=van,
        tot=tot,
        diensten=tuple(diensten),
        kandidaten=len(pool),
        gevuld=resultaat.gevuld,
        bovengrens_gevuld=resultaat.bovengrens_gevuld,
        totale_score=resultaat.totale_score,
        status=resultaat.status,
        seconden=resultaat.seconden,
        toewijzingen=tuple(resultaat.toewijzingen),
    )


def voorstel_send(*, user, voorstel: Voorstel) -> PlanUitkomst:
    """Offer each shift of the proposal to its member. Each offer makes the same checks as
    every offer (the law, wage rules the pure plan cannot see, the shift still open): one
    refused is not offered, and reported."""
    diensten = list(voorstel.diensten)
    if not diensten:
        return PlanUitkomst(0, 0, 0, 0, 0.0, "niets te plannen", 0.0, 0)
    per_id = {d.pk: d for d in diensten}
    leden = Werknemer.objects.in_bulk([w for _, w, _ in voorstel.toewijzingen])
    aanbiedingen, geweigerd, aangeboden = 0, [], []
    for dienst_id, werknemer_id, score in voorstel.toewijzingen:
        if dienst_id not in per_id or werknemer_id not in leden:
            continue
        try:
            aanbod = aanbod_create(
                dienst=per_id[dienst_id], werknemer=leden[werknemer_id], user=user, score=score
            )
        except ApplicationError as exc:
            geweigerd.append(f"dienst {per_id[dienst_id]} niet aan {leden[werknemer_id]}: {exc}")
            continue
        aanbiedingen += 1
        aangeboden.append(
            {
                "id": aanbod.pk,
                "dienst_id": dienst_id,
                "werknemer_id": werknemer_id,
                "omschrijving": f"{dienst_omschrijving(per_id[dienst_id])}: aangeboden aan "
                f"{leden[werknemer_id].volledige_naam}",
            }
        )
    ingedeeld = {a["dienst_id"] for a in aangeboden}
    over = [
        {
            "id": d.pk,
            "dienst_id": d.pk,
            "werknemer_id": None,
            "omschrijving": dienst_omschrijving(d),
        }
        for d in diensten
        if d.pk not in ingedeeld
    ]
    van, tot = voorstel.van, voorstel.tot
    gebeurtenis_create(
        user=user,
        soort=Gebeurtenis.Soort.PLANNING,
        tekst=(
            f"Planning {van:%d-%m-%Y} t/m {tot:%d-%m-%Y}: {voorstel.gevuld} van {len(diensten)} "
            f"diensten ingedeeld (hoogstens {voorstel.bovengrens_gevuld} mogelijk), "
            f"{voorstel.kandidaten} kandidaten, {voorstel.seconden:.1f} s."
            + (f" Geweigerd bij het aanbieden: {'; '.join(geweigerd)}" if geweigerd else "")
        )[:500],
    )
    return PlanUitkomst(
        diensten=len(diensten),
        kandidaten=voorstel.kandidaten,
        gevuld=voorstel.gevuld,
        bovengrens_gevuld=voorstel.bovengrens_gevuld,
        totale_score=voorstel.totale_score,
        status=voorstel.status,
        seconden=voorstel.seconden,
        aanbiedingen=aanbiedingen,
        aangeboden=tuple(aangeboden),
        over=tuple(over),
    )


def periode_plan(*, user, van: date, tot: date, top_k: int = 10) -> PlanUitkomst:
    """Plan every open incidental shift of van..tot globally and offer each planned shift."""
    return voorstel_send(user=user, voorstel=periode_propose(van=van, tot=tot, top_k=top_k))
