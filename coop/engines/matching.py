"""Ranking candidates for one job: hard rules first, then a score that shows its parts.

Pure: frozen dataclasses in and out, no database, no clock. The caller prefilters members in
the database (active, inside `bounding_box` of the location) and hands in the rest with their
effective skills (the skill hierarchy already expanded) and current assignments.

The work per candidate is a handful of set and interval look-ups plus one working-time check
over the candidate's own shifts; everything that depends only on the job (its dates, its
shifts cut into local day segments) is computed once per job in `JobContext`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from contracten.arbeidstijd import AMSTERDAM, Dienstvenster, controleer_diensten
from coop.core.afstand import bounding_box, haversine_km

__all__ = [
    "Beoordeling",
    "Dienstvenster",
    "JobContext",
    "JobEis",
    "Kandidaat",
    "MatchConfig",
    "Uitsluiting",
    "beoordeel",
    "bounding_box",
    "rangschik",
]

DAG = 24 * 3600


@dataclass(frozen=True)
class JobEis:
    """What one job asks: where, when, which skills (id -> minimum level), which certificates."""

    id: int
    werkgever_id: int
    locatie_id: int
    latitude: float
    longitude: float
    wijk: str
    diensten: tuple[Dienstvenster, ...]
    vaardigheden: dict[int, int] = field(default_factory=dict)
    certificaten: frozenset[int] = frozenset()
    # Names for the explanations people read (id -> name); an id without a name shows as such.
    vaardigheid_namen: dict[int, str] = field(default_factory=dict)
    certificaat_namen: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Kandidaat:
    """A member as the matcher sees them (skills effective, availability as a weekly pattern)."""

    id: int
    actief: bool
    geboortedatum: date
    latitude: float
    longitude: float
    wijk: str
    max_reisafstand_km: float
    vaardigheden: dict[int, int] = field(default_factory=dict)
    certificaten: dict[int, tuple[tuple[date, date | None], ...]] = field(default_factory=dict)
    beschikbaarheid: tuple[tuple[int, time, time], ...] = ()  # weekday 0=Mon, from, to
    afwezig: tuple[tuple[date, date], ...] = ()
    bestaande_diensten: tuple[Dienstvenster, ...] = ()
    uren_gewenst_per_week: float = 0.0
    uren_gekregen_4w: float = 0.0
    doelgroep: bool = False
    eerdere_werkgevers: frozenset[int] = frozenset()
    eerdere_locaties: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MatchConfig:
    """Weights of the score parts (each part is 0..1 before weighting) and the distance scale."""

    afstand: float = 1.0
    zelfde_wijk: float = 1.0
    eerlijkheid: float = 1.0
    doelgroep_bonus: float = 0.5
    continuiteit: float = 0.5
    afstand_schaal_km: float = 5.0  # the distance part is exp(-km / scale): 1 at home
    weekstart: int = 0  # first day of the week for the weekly-hours limit (0 = Monday)

    def __post_init__(self) -> None:
        gewichten = (self.afstand, self.zelfde_wijk, self.eerlijkheid)
        if min(*gewichten, self.doelgroep_bonus, self.continuiteit) < 0:
            raise ValueError("Gewichten van de matchscore mogen niet negatief zijn.")
        if self.afstand_schaal_km <= 0:
            raise ValueError("De afstandsschaal moet groter dan 0 km zijn.")


@dataclass(frozen=True)
class Uitsluiting:
    """A hard rule that excludes a candidate; `melding` is Dutch and gives the numbers."""

    regel: str
    melding: str


@dataclass(frozen=True)
class Beoordeling:
    """An eligible candidate: the total score and each weighted part of it."""

    kandidaat_id: int
    score: float
    onderdelen: dict[str, float]
    afstand_km: float


@dataclass(frozen=True)
class JobContext:
    """What depends only on the job, computed once for all candidates."""

    job: JobEis
    datums: tuple[date, ...]  # every local date a shift touches
    segmenten: tuple[tuple[int, int, int, date], ...]  # weekday, from s, to s (<= 86400), date

    @classmethod
    def van(cls, job: JobEis) -> JobContext:
        segmenten = tuple(s for d in job.diensten for s in _dagsegmenten(d))
        datums = tuple(sorted({s[3] for s in segmenten}))
        return cls(job, datums, segmenten)


def _dagsegmenten(dienst: Dienstvenster) -> list[tuple[int, int, int, date]]:
    """A shift cut at local midnight: (weekday, start second, end second, date) per day."""
    start, eind = dienst.lokaal()
    segmenten = []
    dag = start.date()
    while True:
        middernacht = datetime.combine(dag + timedelta(days=1), time(0), AMSTERDAM)
        van = _seconde_van_dag(start) if dag == start.date() else 0
        tot = _seconde_van_dag(eind) if eind < middernacht else DAG
        if tot > van:
            segmenten.append((dag.weekday(), van, tot, dag))
        if eind <= middernacht:
            return segmenten
        dag += timedelta(days=1)


def _seconde_van_dag(moment: datetime) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _km(waarde: float) -> str:
    return f"{waarde:.2f}".replace(".", ",")


def beoordeel(
    k: Kandidaat,
    job: JobEis | JobContext,
    config: MatchConfig | None = None,
    *,
    alle_redenen: bool = True,
) -> Beoordeling | list[Uitsluiting]:
    """Every hard rule that excludes `k` for `job`, or else the scored assessment.

    With `alle_redenen=False` only the first reason is returned (cheap rules run first):
    for batch planning, which needs to know only whether a member is eligible.
    """
    config = config or MatchConfig()
    context = job if isinstance(job, JobContext) else JobContext.van(job)
    afstand = haversine_km(k.latitude, k.longitude, context.job.latitude, context.job.longitude)
    redenen = _uitsluitingen(k, context, afstand, config)
    uitsluitingen = list(redenen) if alle_redenen else list(itertools.islice(redenen, 1))
    if uitsluitingen:
        return uitsluitingen
    onderdelen = score_onderdelen(k, context.job, afstand, config)
    return Beoordeling(k.id, sum(onderdelen.values()), onderdelen, afstand)


def rangschik(
    kandidaten: Iterable[Kandidaat], job: JobEis, config: MatchConfig | None = None
) -> tuple[list[Beoordeling], dict[int, list[Uitsluiting]]]:
    """Eligible candidates best first (ties by id), and the rules excluding the others."""
    context = JobContext.van(job)
    geschikt: list[Beoordeling] = []
    uitgesloten: dict[int, list[Uitsluiting]] = {}
    for k in kandidaten:
        uitkomst = beoordeel(k, context, config)
        if isinstance(uitkomst, Beoordeling):
            geschikt.append(uitkomst)
        else:
            uitgesloten[k.id] = uitkomst
    geschikt.sort(key=lambda b: (-b.score, b.kandidaat_id))
    return geschikt, uitgesloten


def uitsluitingen_voor(
    k: Kandidaat, context: JobContext, afstand: float, config: MatchConfig
) -> list[Uitsluiting]:
    """All hard rules, in a fixed order; a candidate may fail several."""
    return list(_uitsluitingen(k, context, afstand, config))


def _uitsluitingen(
    k: Kandidaat, context: JobContext, afstand: float, config: MatchConfig
) -> Iterator[Uitsluiting]:
    # Lazy and cheapest first, so a caller wanting only the first reason stops early.
    if not k.actief:
        yield Uitsluiting("actief", "Kandidaat is geen actief lid.")
    if afstand > k.max_reisafstand_km:
        yield Uitsluiting(
            "afstand",
            f"Reisafstand {_km(afstand)} km is meer dan de maximale "
            f"{_km(k.max_reisafstand_km)} km van de kandidaat.",
        )
    yield from _vaardigheden(k, context.job)
    yield from _certificaten(k, context)
    yield from _beschikbaarheid(k, context)
    yield from _afwezigheid(k, context)
    yield from _arbeidstijd(k, context.job, config)


def _vaardigheden(k: Kandidaat, job: JobEis) -> list[Uitsluiting]:
    uit = []
    for vaardigheid, niveau in sorted(job.vaardigheden.items()):
        heeft = k.vaardigheden.get(vaardigheid)
        naam = job.vaardigheid_namen.get(vaardigheid, vaardigheid)
        if heeft is None:
            melding = f"Vaardigheid {naam} (niveau {niveau}) ontbreekt."
        elif heeft < niveau:
            melding = f"Vaardigheid {naam}: niveau {heeft}, vereist is niveau {niveau}."
        else:
            continue
        uit.append(Uitsluiting("vaardigheid", melding))
    return uit


def _certificaten(k: Kandidaat, context: JobContext) -> list[Uitsluiting]:
    uit = []
    for soort in sorted(context.job.certificaten):
        perioden = k.certificaten.get(soort, ())
        ongeldig = [d for d in context.datums if not _geldig_op(perioden, d)]
        naam = context.job.certificaat_namen.get(soort, soort)
        if not perioden:
            uit.append(Uitsluiting("certificaat", f"Certificaat {naam} ontbreekt."))
        elif ongeldig:
            dagen = ", ".join(f"{d:%d-%m-%Y}" for d in ongeldig)
            uit.append(Uitsluiting("certificaat", f"Certificaat {naam} is niet geldig op {dagen}."))
    return uit


def _geldig_op(perioden: Sequence[tuple[date, date | None]], dag: date) -> bool:
    return any(van <= dag and (tot is None or dag <= tot) for van, tot in perioden)


def _beschikbaarheid(k: Kandidaat, context: JobContext) -> list[Uitsluiting]:
    patroon = weekpatroon(tuple(k.beschikbaarheid))
    for weekdag, van, tot, dag in context.segmenten:
        if not any(a <= van and tot <= b for a, b in patroon.get(weekdag, ())):
            return [
                Uitsluiting(
                    "beschikbaarheid",
                    f"Niet beschikbaar op {dag:%d-%m-%Y} van {_klok(van)} tot {_klok(tot)}.",
                )
            ]
    return []


def _klok(seconde: int) -> str:
    uren, rest = divmod(seconde, 3600)
    return f"{uren:02d}:{rest // 60:02d}"


@lru_cache(maxsize=2**14)  # members share patterns, and a member is checked for many jobs
def weekpatroon(blokken: tuple[tuple[int, time, time], ...]) -> dict[int, list[tuple[int, int]]]:
    """Weekly availability as merged second ranges per weekday; 'to' 00:00 means midnight,
    a 'to' before 'from' runs on into the next day."""
    per_dag: dict[int, list[tuple[int, int]]] = {}
    for weekdag, van, tot in blokken:
        a, b = _seconde_van_dag(van), _seconde_van_dag(tot)
        if b > a:
            per_dag.setdefault(weekdag, []).append((a, b))
        else:
            per_dag.setdefault(weekdag, []).append((a, DAG))
            if b > 0:
                per_dag.setdefault((weekdag + 1) % 7, []).append((0, b))
    return {dag: _samenvoegen(reeks) for dag, reeks in per_dag.items()}


def _samenvoegen(reeksen: list[tuple[int, int]]) -> list[tuple[int, int]]:
    samen: list[tuple[int, int]] = []
    for a, b in sorted(reeksen):
        if samen and a <= samen[-1][1]:
            samen[-1] = (samen[-1][0], max(samen[-1][1], b))
        else:
            samen.append((a, b))
    return samen


def _afwezigheid(k: Kandidaat, context: JobContext) -> list[Uitsluiting]:
    uit = []
    for van, tot in k.afwezig:
        if any(van <= d <= tot for d in context.datums):
            uit.append(
                Uitsluiting("afwezig", f"Afwezig van {van:%d-%m-%Y} tot en met {tot:%d-%m-%Y}.")
            )
    return uit


def _arbeidstijd(k: Kandidaat, job: JobEis, config: MatchConfig) -> list[Uitsluiting]:
    fouten = controleer_diensten(
        k.geboortedatum, k.bestaande_diensten, job.diensten, weekstart=config.weekstart
    )
    return [Uitsluiting(f.code, f.melding) for f in fouten]


def score_onderdelen(
    k: Kandidaat, job: JobEis, afstand: float, config: MatchConfig
) -> dict[str, float]:
    """The weighted parts of the score; each raw part lies in 0..1."""
    zelfde_wijk = bool(wijk_sleutel(k.wijk)) and wijk_sleutel(k.wijk) == wijk_sleutel(job.wijk)
    continu = (
        (job.werkgever_id in k.eerdere_werkgevers) + (job.locatie_id in k.eerdere_locaties)
    ) / 2
    return {
        "afstand": config.afstand * math.exp(-afstand / config.afstand_schaal_km),
        "zelfde_wijk": config.zelfde_wijk * zelfde_wijk,
        "eerlijkheid": config.eerlijkheid * eerlijkheid(k),
        "doelgroep": config.doelgroep_bonus * k.doelgroep,
        "continuiteit": config.continuiteit * continu,
    }


def wijk_sleutel(wijk: str) -> str:
    """Wijk names compare without case and surrounding spaces; '' matches nothing."""
    return wijk.strip().casefold()


def eerlijkheid(k: Kandidaat) -> float:
    """Share (0..1) of the wanted hours of the last 4 weeks not yet given: least served first."""
    gewenst = 4 * k.uren_gewenst_per_week
    if gewenst <= 0:
        return 0.0
    return min(1.0, max(0.0, 1 - k.uren_gekregen_4w / gewenst))
