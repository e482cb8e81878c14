"""rank: ranking the candidates for one shift, against loading and scoring every member.

The project's way is coop.selectors.kandidaten.rank_for_dienst (SQL prefilter, then coop.engines.matching on
the rest). The baseline loads every active member with all details through the same loader
and scores them all with coop.engines.matching.rangschik. Both must give the same ranking; the
benchmark stops if they do not (a faster wrong answer is no result).
"""

from __future__ import annotations

import time as klok
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext, override_settings

from bench import db
from bench.data import ANKER, NU, PLAATSEN, Punt, leden
from bench.resultaat import Resultaat, mediaan, p95
from coop.engines import matching
from coop.models import Dienst, Instellingen, Job
from coop.selectors.kandidaten import (
    Ranking,
    job_eis_voor,
    kandidaten,
    match_config,
    rank_for_dienst,
)
from werknemers.models import Werknemer
from werknemers.selectors import vaardigheden_graaf

# place centre, day after ANKER, start hour, hours, (skill, level) or None, certificate or None
DOELEN = (
    ("Amsterdam", 1, 9, 4, ("schoonmaak", 1), None),
    ("Rotterdam", 2, 13, 4, ("groen", 1), None),
    ("Utrecht", 3, 9, 8, ("klussen", 1), "vca"),
    ("Zwolle", 4, 17, 4, ("schoonmaak", 2), None),
    ("Winterswijk", 5, 10, 6, None, None),
)
DOEL_SNELHEID = 20.0  # at 100,000 members (issue 6)


@dataclass(frozen=True)
class Meting:
    seconden: list[float]
    queries: list[int]
    ranking: Ranking


def diensten(cat: db.Catalogus) -> list[Dienst]:
    """One open shift per target place, each with its own package and requirements."""
    wg = db.werkgever(9000, "Benchmark-opdrachtgever")
    plaatsen = {p.naam: p for p in PLAATSEN}
    uit = []
    for naam, dag, uur, uren, vaardigheid, cert in DOELEN:
        p = plaatsen[naam]
        loc = db.locatie(wg, Punt(p.lat, p.lon, naam, f"{naam} Centrum"), f"Centrum {naam}")
        eisen = {cat.vaardigheden[vaardigheid[0]]: vaardigheid[1]} if vaardigheid else {}
        pakket = db.werkpakket(wg, loc, eisen, [cat.certificaten[cert]] if cert else [])
        job = Job.objects.create(soort=Job.Soort.INCIDENTEEL, reden="Benchmark", werkpakket=pakket)
        start = datetime.combine(ANKER + timedelta(days=dag), time(uur), NU.tzinfo)
        uit.append(
            Dienst.objects.create(
                job=job, locatie=loc, start=start, eind=start + timedelta(hours=uren)
            )
        )
    return list(
        Dienst.objects.filter(pk__in=[d.pk for d in uit])
        .select_related("job__werkpakket", "locatie")
        .order_by("pk")
    )


def basis(dienst: Dienst) -> Ranking:
    """Every active member loaded with all details, every one scored in Python."""
    job = job_eis_voor([dienst])
    graaf = vaardigheden_graaf()
    alle = Werknemer.objects.filter(status=Werknemer.Status.ACTIEF).values("pk")
    lijst = kandidaten(alle, job, graaf, nu=NU)
    geschikt, uitgesloten = matching.rangschik(lijst, job, match_config(Instellingen.huidig()))
    return Ranking(job=job, geschikt=geschikt, uitgesloten=uitgesloten, voorgefilterd=len(lijst))


def project(dienst: Dienst) -> Ranking:
    return rank_for_dienst(dienst, nu=NU)


def meet(fn: Callable[[], Ranking], keer: int) -> Meting:
    """One counted call (queries; its ranking is kept for the check), then `keer` timed calls.

    Timed calls run without Django's debug cursor: with DEBUG on it logs every statement and
    on SQLite quotes every parameter for the log, which would tax a long IN list unfairly.
    """
    reset_queries()  # the debug log is capped (9000): a full log would count as 0 queries
    with CaptureQueriesContext(connection) as ctx:
        ranking = fn()
    seconden = []
    with override_settings(DEBUG=False):
        for _ in range(keer):
            begin = klok.perf_counter()
            fn()
            seconden.append(klok.perf_counter() - begin)
    return Meting(seconden, [len(ctx.captured_queries)], ranking)


def volgorde(ranking: Ranking) -> list[tuple[int, float]]:
    return [(b.kandidaat_id, b.score) for b in ranking.geschikt]


class VerschilFout(AssertionError):
    """The project's ranking differs from the baseline's: the benchmark result is void."""


def controleer(dienst: Dienst, p: Ranking, b: Ranking) -> None:
    if volgorde(p) != volgorde(b):
        alleen_p = {i for i, _ in volgorde(p)} - {i for i, _ in volgorde(b)}
        alleen_b = {i for i, _ in volgorde(b)} - {i for i, _ in volgorde(p)}
        raise VerschilFout(
            f"Ranking voor dienst {dienst.pk} wijkt af: alleen project {sorted(alleen_p)[:10]}, "
            f"alleen basis {sorted(alleen_b)[:10]}, lengtes {len(p.geschikt)}/{len(b.geschikt)}."
        )


def bouw(n: int, seed: int = 1) -> tuple[list[Dienst], dict]:
    """A database with `n` members, their history, and the target shifts."""
    begin = klok.perf_counter()
    specs = leden(n, seed)
    genereer_s = klok.perf_counter() - begin
    with override_settings(DEBUG=False):  # no query log for thousands of bulk inserts
        cat = db.catalogus()
        pks, leden_bouw = db.bouw_leden(specs, cat)
        historie = db.bouw_historie(specs, pks)
        doelen = diensten(cat)
    return doelen, {
        "genereren_s": round(genereer_s, 2),
        "bouw_s": round(klok.perf_counter() - begin, 2),
        "leden_bulk_s": round(leden_bouw.seconden, 2),
        "versleutelen_geschat_s": round(leden_bouw.versleutel_seconden, 2),
        "rijen": leden_bouw.rijen | historie,
    }


def run(n: int, *, keer: int = 5, basis_keer: int = 1, seed: int = 1) -> list[Resultaat]:
    """Build `n` members, then time both ways on every target shift (database must be empty)."""
    doelen, bouw_info = bouw(n, seed)
    p_meting, b_meting, per_doel = [], [], []
    for dienst in doelen:
        b = meet(lambda d=dienst: basis(d), basis_keer)
        p = meet(lambda d=dienst: project(d), keer)
        controleer(dienst, p.ranking, b.ranking)
        p_meting.append(p)
        b_meting.append(b)
        per_doel.append(
            {
                "plaats": dienst.locatie.plaats,
                "geschikt": len(p.ranking.geschikt),
                "voorgefilterd": p.ranking.voorgefilterd,
                "basis_geladen": b.ranking.voorgefilterd,
                "project_mediaan_s": round(mediaan(p.seconden), 4),
                "basis_mediaan_s": round(mediaan(b.seconden), 4),
            }
        )
    return resultaten(n, p_meting, b_meting, bouw_info | {"per_dienst": per_doel})


def resultaten(n: int, p: list[Meting], b: list[Meting], details: dict) -> list[Resultaat]:
    ps = [s for m in p for s in m.seconden]
    bs = [s for m in b for s in m.seconden]
    pq = sorted({q for m in p for q in m.queries})
    bq = sorted({q for m in b for q in m.queries})
    maat = f"{n} leden"
    snel = mediaan(bs) / mediaan(ps)
    doel = n >= 100_000
    return [
        Resultaat(
            "rank",
            maat,
            "mediaan tijd (s)",
            mediaan(ps),
            mediaan(bs),
            "alles laden",
            doel=f">= {DOEL_SNELHEID:g}x sneller" if doel else "",
            gehaald=snel >= DOEL_SNELHEID if doel else None,
            details=details | {"project_s": ps, "basis_s": bs},
        ),
        Resultaat("rank", maat, "p95 tijd (s)", p95(ps), p95(bs), "alles laden"),
        Resultaat(
            "rank",
            maat,
            "queries per ranking",
            max(pq),
            max(bq),
            "alles laden",
            details={"project": pq, "basis": bq},
        ),
    ]


def constant(resultaten: list[Resultaat]) -> list[Resultaat]:
    """Whether the project's query count stays the same from the smallest size to the largest."""
    q = [r for r in resultaten if r.benchmark == "rank" and r.meting == "queries per ranking"]
    if len(q) < 2:
        return []
    klein, groot = q[0], q[-1]
    return [
        Resultaat(
            "rank",
            f"{klein.maat.split()[0]} -> {groot.maat}",
            "queries project",
            groot.project,
            klein.project,
            "kleinste maat",
            doel="constant aantal queries",
            gehaald=groot.details["project"] == klein.details["project"],
            details={"klein": klein.details["project"], "groot": groot.details["project"]},
        )
    ]
