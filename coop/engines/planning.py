"""Batch planning: fill all open incidental shifts of a period at once, optimally.

Each open shift is a `JobEis` that one member fills (all its windows). The plan maximises,
in this order, the number of filled shifts and then the total match score, subject to: each
shift at most one member; per member no two shifts that overlap or leave too little rest
(pairwise conflicts from contracten.arbeidstijd); per member and week the hour caps (60 h,
45 h of hours worked under 18) including the member's existing assignments. Every single
pair already passed all hard rules of coop.engines.matching.

Pairs are not enough since windows with short gaps form one dienst (a split shift, see
contracten.arbeidstijd): three shifts of 5 h on one day fit pairwise but not together, and
two shifts can join through an existing assignment between them. So every solution is
checked per member with the full working-time check (`controleer_diensten`, the same one
`controleer_plan` uses); a member's set that breaks it is shrunk to a smallest offending
subset S and the cut "not all of S" is added, then the model is solved again (lazy
constraints). The cuts remove only plans that break the law, so the optimum stays exact; the
plan returned always passes `controleer_plan` (after `MAX_SNEDERONDES` rounds or at the time
limit, offending assignments are dropped instead).

Method: a 0-1 integer program over candidate pairs (shift, member), solved with HiGHS through
scipy.optimize.milp in two phases (maximise the count; then, with the count kept, the score).
To stay fast each shift keeps only its best `top_k` eligible members (pruning): the optimum is
then the optimum over that pool, which can in principle be below the unpruned optimum. Use
`top_k=None` for the exact optimum on small instances. `plan_greedy` is the baseline.

One module on purpose: the conflict model, the optimisation and the fallback are one method
over one set of indices; split, the pieces would pass those internals back and forth.
"""

from __future__ import annotations

import time as klok
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import csr_array

from contracten.arbeidstijd import (
    Dienstvenster,
    conflict_tussen,
    controleer_diensten,
    weeklimieten,
    weekuren,
)
from coop.core.afstand import haversine_km_rij
from coop.engines.matching import (
    Beoordeling,
    JobContext,
    JobEis,
    Kandidaat,
    MatchConfig,
    beoordeel,
    eerlijkheid,
    weekpatroon,
    wijk_sleutel,
)

# Weight per filled shift in the fast second phase, as a multiple of the best pair score.
W_FACTOR = 2.0
# Shifts further apart than this can never conflict pairwise (the longest rest is 14 h; a
# longer gap never joins two windows into one dienst).
CONFLICT_HORIZON = timedelta(hours=24)
# Rounds of solving again with new cuts before falling back to dropping assignments.
MAX_SNEDERONDES = 25


@dataclass(frozen=True)
class Paar:
    """One eligible (shift, member) pair with its match score."""

    dienst: int  # index into the shifts
    kandidaat: int  # index into the candidates
    score: float


@dataclass
class Model:
    """The pairs and every constraint between them, shared by the MILP and the greedy baseline."""

    paren: list[Paar]
    conflicten: list[tuple[int, int]] = field(default_factory=list)  # pair indices
    # (pair indices, seconds of each in the week, seconds left in the week's cap)
    weekcaps: list[tuple[list[int], list[int], int]] = field(default_factory=list)
    # Sets of pairs of one member that together break the working-time law: not all of them.
    snedes: list[tuple[int, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class PlanResultaat:
    """A plan: (shift id, member id, score) per filled shift, and how good it provably is."""

    toewijzingen: list[tuple[int, int, float]]
    gevuld: int
    totale_score: float
    bovengrens_gevuld: int  # no plan over the same pairs fills more shifts
    bovengrens_score: float | None  # ... nor scores more with `gevuld` shifts filled
    mip_gap: float | None
    seconden: float
    status: str  # "optimaal", "tijdslimiet" or "greedy"
    aantal_paren: int
    top_k: int | None


def plan(
    diensten: Sequence[JobEis],
    kandidaten: Sequence[Kandidaat],
    config: MatchConfig | None = None,
    *,
    top_k: int | None = 10,
    tijdslimiet_s: float = 120.0,
    mip_rel_gap: float = 1e-6,
) -> PlanResultaat:
    """The plan with the most shifts filled and, among those, the highest total score."""
    begin = klok.perf_counter()
    config = config or MatchConfig()
    model = bouw_model(diensten, kandidaten, config, top_k)
    if not model.paren:
        return _resultaat(diensten, kandidaten, model, [], 0, None, None, "optimaal", begin, top_k)
    controle = Wetscontrole(model, diensten, kandidaten, config)
    eerste = _los_op_wettig(
        model, -np.ones(len(model.paren)), None, tijdslimiet_s, mip_rel_gap, controle
    )
    gekozen = controle.maak_wettig(_gekozen(eerste.x))
    # Out of time before HiGHS has a bound: every shift is the bound.
    grens = eerste.mip_dual_bound
    max_gevuld = len(diensten) if grens is None else int(np.floor(-grens + 1e-6))
    rest = max(1.0, tijdslimiet_s - (klok.perf_counter() - begin))
    tweede = _maximaliseer_score(model, len(gekozen), rest, mip_rel_gap, controle)
    beste = gekozen
    if tweede.gekozen is not None:
        wettig = controle.maak_wettig(tweede.gekozen)
        beste = wettig if len(wettig) >= len(gekozen) else gekozen
    status = "optimaal" if eerste.status == 0 and tweede.optimaal else "tijdslimiet"
    if controle.onvolledig:
        status = "tijdslimiet"  # assignments were dropped: no longer provably optimal
    return _resultaat(
        diensten,
        kandidaten,
        model,
        beste,
        max_gevuld,
        tweede.score_grens,
        tweede.gap,
        status,
        begin,
        top_k,
    )


@dataclass(frozen=True)
class _Fase2:
    gekozen: list[int] | None
    score_grens: float | None
    gap: float | None
    optimaal: bool


def _maximaliseer_score(
    model: Model,
    gevuld: int,
    tijdslimiet: float,
    gap: float,
    controle: Wetscontrole | None = None,
) -> _Fase2:
    """The best total score with `gevuld` shifts filled.

    First without a count row (HiGHS is much slower with that one dense row): maximise
    score + W per filled shift. If that plan fills `gevuld` shifts it is lexicographically
    optimal, since any plan with as many shifts filled and a higher score would beat it.
    Only otherwise solve again with the count fixed.
    """
    scores = np.array([p.score for p in model.paren])
    w = 1.0 + W_FACTOR * float(scores.max())
    snel = _los_op_wettig(model, -(scores + w), None, tijdslimiet, gap, controle)
    if snel.x is not None and len(_gekozen(snel.x)) == gevuld:
        grens = None if snel.mip_dual_bound is None else -snel.mip_dual_bound - w * gevuld
        return _Fase2(_gekozen(snel.x), grens, snel.mip_gap, snel.status == 0)
    vast = _los_op_wettig(model, -scores, gevuld, tijdslimiet, gap, controle)
    if vast.x is None:
        return _Fase2(None, None, None, False)
    grens = None if vast.mip_dual_bound is None else -vast.mip_dual_bound
    return _Fase2(_gekozen(vast.x), grens, vast.mip_gap, vast.status == 0)


def plan_greedy(
    diensten: Sequence[JobEis],
    kandidaten: Sequence[Kandidaat],
    config: MatchConfig | None = None,
    *,
    top_k: int | None = 10,
) -> PlanResultaat:
    """Baseline: take the best-scoring pair that still fits, until none is left."""
    begin = klok.perf_counter()
    model = bouw_model(diensten, kandidaten, config or MatchConfig(), top_k)
    volgorde = sorted(
        range(len(model.paren)),
        key=lambda i: (-model.paren[i].score, model.paren[i].dienst, model.paren[i].kandidaat),
    )
    buren = defaultdict(set)
    for a, b in model.conflicten:
        buren[a].add(b)
        buren[b].add(a)
    caps_van = defaultdict(list)  # pair -> [(cap index, seconds)]
    for c, (leden, secs, _) in enumerate(model.weekcaps):
        for p, s in zip(leden, secs, strict=True):
            caps_van[p].append((c, s))
    ruimte = [cap for _, _, cap in model.weekcaps]
    gevuld: set[int] = set()
    gekozen: set[int] = set()
    per_kandidaat: dict[int, list[int]] = defaultdict(list)
    controle = Wetscontrole(model, diensten, kandidaten, config or MatchConfig())
    for p in volgorde:
        paar = model.paren[p]
        if paar.dienst in gevuld or buren[p] & gekozen:
            continue
        if any(ruimte[c] < s for c, s in caps_van[p]):
            continue
        eerder = per_kandidaat[paar.kandidaat]
        if eerder and controle.breekt(paar.kandidaat, [*eerder, p]):
            continue  # e.g. a third window of one dienst: pairs alone do not see it
        eerder.append(p)
        for c, s in caps_van[p]:
            ruimte[c] -= s
        gevuld.add(paar.dienst)
        gekozen.add(p)
    # Greedy proves nothing: the only bound it has is the shifts with any candidate at all.
    grens = len({paar.dienst for paar in model.paren})
    return _resultaat(
        diensten, kandidaten, model, sorted(gekozen), grens, None, None, "greedy", begin, top_k
    )


def _gekozen(x: np.ndarray | None) -> list[int]:
    return [] if x is None else [int(i) for i in np.flatnonzero(x > 0.5)]


def _resultaat(
    diensten: Sequence[JobEis],
    kandidaten: Sequence[Kandidaat],
    model: Model,
    gekozen: Sequence[int],
    max_gevuld: int,
    score_grens: float | None,
    gap: float | None,
    status: str,
    begin: float,
    top_k: int | None,
) -> PlanResultaat:
    toewijzingen = sorted(
        (
            diensten[model.paren[p].dienst].id,
            kandidaten[model.paren[p].kandidaat].id,
            model.paren[p].score,
        )
        for p in gekozen
    )
    return PlanResultaat(
        toewijzingen=toewijzingen,
        gevuld=len(toewijzingen),
        totale_score=sum(s for _, _, s in toewijzingen),
        bovengrens_gevuld=max(max_gevuld, len(toewijzingen)),
        bovengrens_score=score_grens,
        mip_gap=gap,
        seconden=klok.perf_counter() - begin,
        status=status,
        aantal_paren=len(model.paren),
        top_k=top_k,
    )


def _los_op_wettig(
    model: Model,
    c: np.ndarray,
    min_gevuld: int | None,
    tijdslimiet: float,
    gap: float,
    controle: Wetscontrole | None,
) -> OptimizeResult:
    """Solve; while some member's shifts in the solution break the working-time law, add
    the cuts that forbid them and solve again (see the module docstring)."""
    begin = klok.perf_counter()
    for _ronde in range(max(1, MAX_SNEDERONDES)):
        rest = max(1.0, tijdslimiet - (klok.perf_counter() - begin))
        resultaat = _los_op(model, c, min_gevuld, rest, gap)
        if controle is None or resultaat.x is None:
            return resultaat
        snedes = controle.snedes(_gekozen(resultaat.x))
        if not snedes:
            return resultaat
        model.snedes.extend(snedes)
    return resultaat  # the caller drops what still breaks the law (Wetscontrole.maak_wettig)


class Wetscontrole:
    """The full working-time check per member over a set of chosen pairs."""

    def __init__(
        self,
        model: Model,
        diensten: Sequence[JobEis],
        kandidaten: Sequence[Kandidaat],
        config: MatchConfig,
    ) -> None:
        self.model = model
        self.diensten = diensten
        self.kandidaten = kandidaten
        self.config = config
        self.onvolledig = False  # set when assignments had to be dropped

    def breekt(self, kandidaat: int, leden: Sequence[int]) -> bool:
        """Whether these pairs of one member together break the working-time law."""
        lid = self.kandidaten[kandidaat]
        vensters = [v for p in leden for v in self.diensten[self.model.paren[p].dienst].diensten]
        return bool(
            controleer_diensten(
                lid.geboortedatum,
                lid.bestaande_diensten,
                vensters,
                weekstart=self.config.weekstart,
            )
        )

    def _per_kandidaat(self, gekozen: Sequence[int]) -> dict[int, list[int]]:
        per_kandidaat: dict[int, list[int]] = defaultdict(list)
        for p in gekozen:
            per_kandidaat[self.model.paren[p].kandidaat].append(p)
        return per_kandidaat

    def _kleinste(self, kandidaat: int, leden: list[int]) -> list[int]:
        """A subset that still breaks the law and does not without any one of its pairs."""
        # Cheapest first, so that what is left (and cut) tends to be the valuable core.
        kern = sorted(leden, key=lambda p: (self.model.paren[p].score, p))
        for p in list(kern):
            zonder = [q for q in kern if q != p]
            if len(zonder) > 1 and self.breekt(kandidaat, zonder):
                kern = zonder
        return sorted(kern)

    def snedes(self, gekozen: Sequence[int]) -> list[tuple[int, ...]]:
        """A smallest offending set per member whose chosen pairs break the law."""
        snedes = []
        for kandidaat, leden in sorted(self._per_kandidaat(gekozen).items()):
            if len(leden) > 1 and self.breekt(kandidaat, leden):
                snedes.append(tuple(self._kleinste(kandidaat, leden)))
        return snedes

    def maak_wettig(self, gekozen: Sequence[int]) -> list[int]:
        """The chosen pairs, minus the cheapest of each offending set until none is left."""
        gekozen = list(gekozen)
        while snedes := self.snedes(gekozen):
            self.onvolledig = True
            for snede in snedes:
                weg = min(snede, key=lambda p: (self.model.paren[p].score, p))
                gekozen.remove(weg)
        return sorted(gekozen)


def _los_op(
    model: Model, c: np.ndarray, min_gevuld: int | None, tijdslimiet: float, gap: float
) -> OptimizeResult:
    """One HiGHS solve over the model; `min_gevuld` fixes the count found in phase one."""
    rijen: list[int] = []
    kolommen: list[int] = []
    waarden: list[float] = []
    ondergrens: list[float] = []
    bovengrens: list[float] = []

    def rij(leden: Sequence[int], gewichten: Sequence[float], lb: float, ub: float) -> None:
        nummer = len(ondergrens)
        rijen.extend([nummer] * len(leden))
        kolommen.extend(leden)
        waarden.extend(gewichten)
        ondergrens.append(lb)
        bovengrens.append(ub)

    per_dienst = defaultdict(list)
    for i, paar in enumerate(model.paren):
        per_dienst[paar.dienst].append(i)
    for leden in per_dienst.values():
        rij(leden, [1.0] * len(leden), 0, 1)
    for a, b in model.conflicten:
        rij((a, b), (1.0, 1.0), 0, 1)
    for leden, secs, cap in model.weekcaps:
        rij(leden, [s / 3600 for s in secs], -np.inf, cap / 3600)
    for snede in model.snedes:
        rij(snede, [1.0] * len(snede), 0, len(snede) - 1)
    if min_gevuld is not None:
        alle = range(len(model.paren))
        rij(alle, [1.0] * len(model.paren), min_gevuld, np.inf)
    matrix = csr_array((waarden, (rijen, kolommen)), shape=(len(ondergrens), len(model.paren)))
    return milp(
        c,
        integrality=np.ones(len(model.paren)),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, ondergrens, bovengrens),
        options={"time_limit": tijdslimiet, "mip_rel_gap": gap, "disp": False},
    )


def bouw_model(
    diensten: Sequence[JobEis],
    kandidaten: Sequence[Kandidaat],
    config: MatchConfig,
    top_k: int | None,
) -> Model:
    """Candidate pairs (pruned to the best `top_k` per shift) and their constraints."""
    _controleer_ids(diensten, kandidaten)
    index = _KandidatenIndex(kandidaten, config)
    paren = [p for d, job in enumerate(diensten) for p in index.beste(d, job, top_k)]
    model = Model(paren)
    per_kandidaat = defaultdict(list)
    for i, paar in enumerate(paren):
        per_kandidaat[paar.kandidaat].append(i)
    for k, leden in per_kandidaat.items():
        model.conflicten.extend(_conflicten(kandidaten[k], leden, paren, diensten))
        model.weekcaps.extend(_weekcaps(kandidaten[k], leden, paren, diensten, config))
    return model


def _controleer_ids(diensten: Sequence[JobEis], kandidaten: Sequence[Kandidaat]) -> None:
    if len({d.id for d in diensten}) != len(diensten):
        raise ValueError("Elke dienst in een planning moet een eigen id hebben.")
    if len({k.id for k in kandidaten}) != len(kandidaten):
        raise ValueError("Elke kandidaat in een planning moet een eigen id hebben.")


def _conflicten(
    kandidaat: Kandidaat, leden: list[int], paren: list[Paar], diensten: Sequence[JobEis]
) -> list[tuple[int, int]]:
    """Pairs of this member's candidate shifts that cannot both be worked (overlap, rest, one
    dienst over its limits)."""
    spanne = {i: _spanne(diensten[paren[i].dienst]) for i in leden}
    volgorde = sorted(leden, key=lambda i: spanne[i])
    conflicten = []
    for n, a in enumerate(volgorde):
        for b in volgorde[n + 1 :]:
            if spanne[b][0] >= spanne[a][1] + CONFLICT_HORIZON:
                break
            vensters_a = diensten[paren[a].dienst].diensten
            vensters_b = diensten[paren[b].dienst].diensten
            if _botsen(kandidaat, vensters_a, vensters_b):
                conflicten.append((a, b))
    return conflicten


def _botsen(kandidaat: Kandidaat, a: Sequence[Dienstvenster], b: Sequence[Dienstvenster]) -> bool:
    """Whether the two shifts together break the working-time law, whatever else is chosen."""
    if len(a) == 1 and len(b) == 1:
        return conflict_tussen(kandidaat.geboortedatum, a[0], b[0]) is not None
    # Several windows per shift may join into one dienst with the other shift's windows.
    # The week caps have rows of their own (with the configured week and existing hours).
    fouten = controleer_diensten(kandidaat.geboortedatum, a, b)
    return any(f.code != "max_week" for f in fouten)


def _spanne(job: JobEis) -> tuple[datetime, datetime]:
    return min(d.start for d in job.diensten), max(d.eind for d in job.diensten)


def _weekcaps(
    kandidaat: Kandidaat,
    leden: list[int],
    paren: list[Paar],
    diensten: Sequence[JobEis],
    config: MatchConfig,
) -> list[tuple[list[int], list[int], int]]:
    """A knapsack row per week (and per cap) that this member's candidate shifts could exceed."""
    bestaand = weekuren(kandidaat.geboortedatum, kandidaat.bestaande_diensten, config.weekstart)
    per_week: dict[date, list[tuple[int, int, int]]] = defaultdict(list)
    for i in leden:
        uren = weekuren(
            kandidaat.geboortedatum, diensten[paren[i].dienst].diensten, config.weekstart
        )
        for week, w in uren.items():
            per_week[week].append((i, w.totaal, w.minderjarig))
    caps = []
    for week, items in per_week.items():
        max_totaal, max_jong = weeklimieten(week)
        reeds = bestaand.get(week)
        for kolom, limiet, al in (
            (1, max_totaal, reeds.totaal if reeds else 0),
            (2, max_jong, reeds.minderjarig if reeds else 0),
        ):
            gebruikt = [(item[0], item[kolom]) for item in items if item[kolom] > 0]
            if sum(s for _, s in gebruikt) > limiet - al:  # otherwise the cap cannot bind
                caps.append(([i for i, _ in gebruikt], [s for _, s in gebruikt], limiet - al))
    return caps


class _KandidatenIndex:
    """Candidate data as arrays, so each shift is prefiltered and pre-scored in numpy before
    the exact rules of coop.engines.matching run on the few best."""

    def __init__(self, kandidaten: Sequence[Kandidaat], config: MatchConfig) -> None:
        self.kandidaten = kandidaten
        self.config = config
        self.lat = np.radians([k.latitude for k in kandidaten])
        self.lon = np.radians([k.longitude for k in kandidaten])
        self.radius = np.array([k.max_reisafstand_km for k in kandidaten])
        self.actief = np.array([k.actief for k in kandidaten], dtype=bool)
        self.ids = np.array([k.id for k in kandidaten])
        self.wijken = np.array([wijk_sleutel(k.wijk) for k in kandidaten], dtype=object)
        self.vast = np.array(
            [
                config.eerlijkheid * eerlijkheid(k) + config.doelgroep_bonus * k.doelgroep
                for k in kandidaten
            ]
        )
        self.werkgevers = _index_per_sleutel(k.eerdere_werkgevers for k in kandidaten)
        self.locaties = _index_per_sleutel(k.eerdere_locaties for k in kandidaten)
        self.niveaus: dict[int, np.ndarray] = {}
        self.beschikbaar_van, self.beschikbaar_tot = _beschikbaarheid_arrays(kandidaten)

    def _niveau(self, vaardigheid: int) -> np.ndarray:
        if vaardigheid not in self.niveaus:
            self.niveaus[vaardigheid] = np.array(
                [k.vaardigheden.get(vaardigheid, -1) for k in self.kandidaten]
            )
        return self.niveaus[vaardigheid]

    def beste(self, d: int, job: JobEis, top_k: int | None) -> list[Paar]:
        """The best `top_k` eligible members for shift `d` (all eligible when None)."""
        afstand = self._afstanden(job)
        # A hair of slack: matching decides exactly, numpy may differ in the last bit.
        kan = self.actief & (afstand <= self.radius + 1e-9)
        for vaardigheid, niveau in job.vaardigheden.items():
            kan &= self._niveau(vaardigheid) >= niveau
        context = JobContext.van(job)
        for weekdag, van, tot, _ in context.segmenten:
            dekt = (self.beschikbaar_van[weekdag] <= van) & (self.beschikbaar_tot[weekdag] >= tot)
            kan &= dekt.any(axis=1)
        kandidaten = np.flatnonzero(kan)
        schatting = self._schatting(job, afstand)[kandidaten]
        volgorde = kandidaten[np.lexsort((self.ids[kandidaten], -schatting))]
        return self._beoordeel_in_volgorde(d, context, volgorde, schatting, kandidaten, top_k)

    def _beoordeel_in_volgorde(
        self,
        d: int,
        context: JobContext,
        volgorde: np.ndarray,
        schatting: np.ndarray,
        kandidaten: np.ndarray,
        top_k: int | None,
    ) -> list[Paar]:
        geschat = dict(zip(kandidaten.tolist(), schatting.tolist(), strict=True))
        gevonden: list[Beoordeling] = []
        positie: dict[int, int] = {}
        for i in volgorde.tolist():
            if top_k is not None and len(gevonden) >= top_k:
                kde = sorted(b.score for b in gevonden)[-top_k]
                if geschat[i] < kde - 1e-9:  # everyone further down scores lower
                    break
            uitkomst = beoordeel(self.kandidaten[i], context, self.config, alle_redenen=False)
            if isinstance(uitkomst, Beoordeling):
                gevonden.append(uitkomst)
                positie[uitkomst.kandidaat_id] = i
        gevonden.sort(key=lambda b: (-b.score, b.kandidaat_id))
        if top_k is not None:
            gevonden = gevonden[:top_k]
        return [Paar(d, positie[b.kandidaat_id], b.score) for b in gevonden]

    def _afstanden(self, job: JobEis) -> np.ndarray:
        lat, lon = np.radians(job.latitude), np.radians(job.longitude)
        return haversine_km_rij(lat, lon, self.lat, self.lon)

    def _schatting(self, job: JobEis, afstand: np.ndarray) -> np.ndarray:
        """The match score of every member for this job, as coop.engines.matching computes it."""
        cfg = self.config
        score: np.ndarray = cfg.afstand * np.exp(-afstand / cfg.afstand_schaal_km) + self.vast
        wijk = wijk_sleutel(job.wijk)
        if wijk:
            score += cfg.zelfde_wijk * (self.wijken == wijk)
        for per_sleutel, sleutel in (
            (self.werkgevers, job.werkgever_id),
            (self.locaties, job.locatie_id),
        ):
            leden = per_sleutel.get(sleutel)
            if leden is not None:
                score[leden] += cfg.continuiteit / 2
        return score


def _beschikbaarheid_arrays(kandidaten: Sequence[Kandidaat]) -> tuple[np.ndarray, np.ndarray]:
    """Weekly availability as (weekday, candidate, block) arrays of from/to seconds, padded
    with empty blocks, so that one comparison checks a day segment for every candidate."""
    patronen = [weekpatroon(tuple(k.beschikbaarheid)) for k in kandidaten]
    blokken = max((len(b) for p in patronen for b in p.values()), default=1)
    van = np.full((7, len(kandidaten), blokken), np.iinfo(np.int32).max, dtype=np.int32)
    tot = np.full((7, len(kandidaten), blokken), -1, dtype=np.int32)
    for i, patroon in enumerate(patronen):
        for weekdag, reeks in patroon.items():
            for j, (a, b) in enumerate(reeks):
                van[weekdag, i, j], tot[weekdag, i, j] = a, b
    return van, tot


def _index_per_sleutel(verzamelingen: Iterable[frozenset[int]]) -> dict[int, np.ndarray]:
    per_sleutel: dict[int, list[int]] = defaultdict(list)
    for i, sleutels in enumerate(verzamelingen):
        for s in sleutels:
            per_sleutel[s].append(i)
    return {s: np.array(leden) for s, leden in per_sleutel.items()}


def controleer_plan(
    diensten: Sequence[JobEis],
    kandidaten: Sequence[Kandidaat],
    toewijzingen: Sequence[tuple[int, int, float]],
    config: MatchConfig | None = None,
) -> list[str]:
    """Independent check of a plan (Dutch problems, empty when sound): every shift at most
    once, every pair eligible, every member's shifts together within the working-time law."""
    config = config or MatchConfig()
    per_id = {d.id: d for d in diensten}
    leden = {k.id: k for k in kandidaten}
    problemen = []
    gezien: set[int] = set()
    per_lid: dict[int, list[Dienstvenster]] = defaultdict(list)
    for dienst_id, lid_id, _ in toewijzingen:
        if dienst_id in gezien:
            problemen.append(f"Dienst {dienst_id} is meer dan eens toegewezen.")
        gezien.add(dienst_id)
        if not isinstance(beoordeel(leden[lid_id], per_id[dienst_id], config), Beoordeling):
            problemen.append(
                f"Kandidaat {lid_id} voldoet niet aan de eisen van dienst {dienst_id}."
            )
        per_lid[lid_id].extend(per_id[dienst_id].diensten)
    for lid_id, vensters in sorted(per_lid.items()):
        lid = leden[lid_id]
        for fout in controleer_diensten(
            lid.geboortedatum, lid.bestaande_diensten, vensters, weekstart=config.weekstart
        ):
            problemen.append(f"Kandidaat {lid_id}: {fout.melding}")
    return problemen
