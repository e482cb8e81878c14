"""Bundling structural fragments from several employers into permanent jobs for one member.

One module on purpose: the greedy construction, the local search and the upper bound share
the same compatibility tables and fragment indices; apart, each would need the others' internals.

Pure: frozen dataclasses in, dataclasses out; no Django, no database, no clock, no randomness.

A bundle is one member's working week: fragments that lie pairwise within `max_afstand_km`,
never overlap on a weekday once the travel time between them is counted (great-circle distance
at `reissnelheid_kmh`, rounded up to whole minutes), hold at most `max_uren_per_dag` on a day
(by default the legal maximum of a shift on the days the jobs run, from the dated
working-time table: `bundle(..., van=, tot=)`),
and add up to `min_uren`..`max_uren` a week. The goal is the most hours in bundles, then the
least travel; `reis_km` of a bundle is the distance between consecutive fragments of a day,
summed over the week (the way from home is unknown until a member is matched).

Method (fast, not proven optimal; `bovengrens_uren` says how far from optimal it can be):
1. Candidate pairs from a vectorised distance pass (numpy, same formula as
   coop.core.afstand.haversine_km, with a small margin); every decision re-checks the pair with
   coop.core.afstand.haversine_km itself.
2. Upper bound: a fragment can only be bundled if its own hours plus those of all fragments
   compatible with it reach `min_uren`; removing the ones that cannot, until nothing changes,
   leaves a set whose hours bound every feasible solution from above.
3. The bundlable fragments fall apart into groups no bundle can cross. Groups of at most
   `_EXACT_MAX_FRAGMENTEN` are solved exactly with a MILP (scipy.optimize.milp, node limit
   rather than time limit so the outcome does not depend on the machine); for them the bound
   is the proven optimum.
4. Greedy for the rest: seeds in order of fewest compatible hours around them (hardest
   first), each grown with its nearest compatible fragments up to `max_uren`; kept when it
   reaches `min_uren`.
5. Local improvement, repeated while the bundled hours grow: insert leftovers into bundles
   with room, form new bundles from leftovers plus fragments that bundles above `min_uren` can
   spare, swap a leftover for a shorter member. Then moves that only shorten travel.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from contracten.arbeidstijd import max_dienst_uren_volwassen
from contracten.feiten import GeenRegelVoorDatum
from coop.core.afstand import haversine_km, haversine_km_rij
from coop.engines.fouten import InvoerFout
from coop.engines.splitting import Tijdvak, fmt_uren

_MARGE_KM = 1e-6  # the vectorised prefilter keeps pairs this much beyond the limit
_MAX_RONDES = 20
_VERHUIS_BUREN = 30  # nearest fragments whose bundles a travel move considers
_EXACT_MAX_FRAGMENTEN = 14  # components up to this size are solved exactly (MILP)
_EXACT_MAX_KNOPEN = 5000  # a node limit, not a time limit, keeps the outcome deterministic


class BundelFout(InvoerFout):
    """Input that cannot be bundled. `veld` names the offending field, `melding` is Dutch."""


@dataclass(frozen=True)
class Fragment:
    """One recurring weekly block of a permanent job, at one employer's location."""

    id: int
    werkgever_id: int
    locatie_id: int
    latitude: float
    longitude: float
    tijdvak: Tijdvak

    @property
    def uren(self) -> Decimal:
        return self.tijdvak.uren


@dataclass(frozen=True)
class BundelConfig:
    """Staff-configurable bundling settings (coop Instellingen)."""

    min_uren: Decimal = Decimal("12")
    max_uren: Decimal = Decimal("32")
    reissnelheid_kmh: float = 15.0  # by bike, great-circle distance
    max_afstand_km: float = 5.0  # fragments in one bundle lie within this of each other
    # One member's day, all fragments together; None: the legal maximum of a shift on the
    # days the jobs run (never above it).
    max_uren_per_dag: Decimal | None = None
    grootte_grenzen: tuple[Decimal, ...] = (Decimal("16"), Decimal("24"))  # for per_grootte


STANDAARD_CONFIG = BundelConfig()


@dataclass
class Bundel:
    """One permanent job: its fragments (by weekday and time), hours a week, travel in km."""

    fragmenten: list[Fragment]
    uren_per_week: Decimal
    reis_km: float

    @property
    def uren_per_werkgever(self) -> dict[int, Decimal]:
        """Hours a week per employer: the basis for splitting the cost."""
        uren: dict[int, Decimal] = defaultdict(Decimal)
        for f in self.fragmenten:
            uren[f.werkgever_id] += f.uren
        return dict(sorted(uren.items()))


@dataclass
class BundelResultaat:
    """One run: the bundles, the leftover fragments, and the numbers staff see."""

    bundels: list[Bundel]
    over: list[Fragment]
    gebundelde_uren: Decimal
    totale_uren: Decimal
    bovengrens_uren: Decimal
    per_grootte: dict[str, int] = field(default_factory=dict)

    @property
    def over_uren(self) -> Decimal:
        return self.totale_uren - self.gebundelde_uren


def _uren(minuten: int) -> Decimal:
    return Decimal(minuten) / Decimal(60)


def _minuten(uren: Decimal, veld: str) -> int:
    minuten = uren * 60
    if minuten != minuten.to_integral_value():
        raise BundelFout(veld, f"{fmt_uren(uren)} uur is geen geheel aantal minuten.")
    return int(minuten)


def _controleer_config(config: BundelConfig, van: date, tot: date | None) -> Decimal:
    """Validate the configuration for jobs running from `van` to `tot` (None: open); returns
    the hours a member's day may hold. The legal maximum is the working-time table's for those
    dates (the lowest, should the law change within them)."""
    if config.min_uren <= 0:
        raise BundelFout("min_uren", "Een vaste baan moet minstens enkele uren per week hebben.")
    if config.max_uren < config.min_uren:
        raise BundelFout(
            "max_uren",
            f"Het maximum ({fmt_uren(config.max_uren)} uur) ligt onder het minimum "
            f"({fmt_uren(config.min_uren)} uur).",
        )
    try:
        wettelijk = max_dienst_uren_volwassen(van, tot)
    except GeenRegelVoorDatum as exc:
        raise BundelFout("max_uren_per_dag", str(exc)) from None
    per_dag = wettelijk if config.max_uren_per_dag is None else config.max_uren_per_dag
    if not 0 < per_dag <= wettelijk:
        raise BundelFout(
            "max_uren_per_dag",
            f"Uren per dag moeten tussen 0 en de wettelijke {fmt_uren(wettelijk)} liggen.",
        )
    if not (math.isfinite(config.reissnelheid_kmh) and config.reissnelheid_kmh > 0):
        raise BundelFout("reissnelheid_kmh", "De reissnelheid moet groter dan nul zijn.")
    if not (math.isfinite(config.max_afstand_km) and config.max_afstand_km >= 0):
        raise BundelFout("max_afstand_km", "De maximale afstand mag niet negatief zijn.")
    return per_dag


def _controleer_fragmenten(fragmenten: list[Fragment]) -> None:
    gezien: set[int] = set()
    for f in fragmenten:
        if f.id in gezien:
            raise BundelFout("fragmenten", f"Fragment {f.id} komt twee keer voor.")
        gezien.add(f.id)
        if not (-90 <= f.latitude <= 90 and -180 <= f.longitude <= 180):
            raise BundelFout("fragmenten", f"Fragment {f.id} heeft geen geldige coördinaten.")


class _Probleem:
    """The fragments as arrays, with cached exact distances and pair compatibility."""

    def __init__(self, fragmenten: list[Fragment], config: BundelConfig, per_dag: Decimal) -> None:
        self.fragmenten = sorted(fragmenten, key=lambda f: f.id)
        self.config = config
        tv = [f.tijdvak for f in self.fragmenten]
        self.dag = [t.weekdag for t in tv]
        self.begin = [t.begin.hour * 60 + t.begin.minute for t in tv]
        self.eind = [t.eind.hour * 60 + t.eind.minute for t in tv]
        self.minuten = [e - b for b, e in zip(self.begin, self.eind, strict=True)]
        self.min_min = _minuten(config.min_uren, "min_uren")
        self.max_min = _minuten(config.max_uren, "max_uren")
        self.dag_max = _minuten(per_dag, "max_uren_per_dag")
        self._afstanden: dict[tuple[int, int], float] = {}
        self._past: dict[tuple[int, int], bool] = {}
        self.buren = self._kandidaten()

    def afstand(self, i: int, j: int) -> float:
        sleutel = (i, j) if i < j else (j, i)
        km = self._afstanden.get(sleutel)
        if km is None:
            a, b = self.fragmenten[i], self.fragmenten[j]
            km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
            self._afstanden[sleutel] = km
        return km

    def reisminuten(self, km: float) -> int:
        """Travel time rounded up to whole minutes (the epsilon absorbs float noise)."""
        return max(0, math.ceil(km / self.config.reissnelheid_kmh * 60 - 1e-9))

    def past(self, i: int, j: int) -> bool:
        """Whether one member can work both fragments in the same week."""
        sleutel = (i, j) if i < j else (j, i)
        antwoord = self._past.get(sleutel)
        if antwoord is None:
            antwoord = self._bereken_past(i, j)
            self._past[sleutel] = antwoord
        return antwoord

    def _bereken_past(self, i: int, j: int) -> bool:
        km = self.afstand(i, j)
        if km > self.config.max_afstand_km:
            return False
        if self.dag[i] != self.dag[j]:
            return True
        a, b = sorted((i, j), key=lambda k: (self.begin[k], self.eind[k]))
        return self.eind[a] + self.reisminuten(km) <= self.begin[b]

    def _kandidaten(self) -> list[np.ndarray]:
        """Per fragment: the others it may be compatible with, nearest first (a superset)."""
        n = len(self.fragmenten)
        lat = np.radians([f.latitude for f in self.fragmenten])
        lon = np.radians([f.longitude for f in self.fragmenten])
        dag, begin, eind = np.array(self.dag), np.array(self.begin), np.array(self.eind)
        bruikbaar = np.array(self.minuten) <= min(self.max_min, self.dag_max)
        snelheid = self.config.reissnelheid_kmh
        buren = []
        for i in range(n):
            km = haversine_km_rij(lat[i], lon[i], lat, lon)
            reis = np.maximum(0.0, (km - _MARGE_KM) / snelheid * 60 - 1e-6)  # never more
            botst = (dag == dag[i]) & (begin < eind[i] + reis) & (begin[i] < eind + reis)
            ok = bruikbaar & (km <= self.config.max_afstand_km + _MARGE_KM) & ~botst
            ok[i] = False
            idx = np.nonzero(ok)[0]
            buren.append(idx[np.lexsort((idx, km[idx]))].astype(np.int32))
        return buren


def bundelbaar(p: _Probleem) -> list[bool]:
    """Which fragments could be in some feasible bundle (a relaxation, so an upper bound).

    A fragment qualifies only when its hours plus the hours of all still-qualifying fragments
    compatible with it reach the minimum; repeated until stable.
    """
    minuten = np.array(p.minuten, dtype=np.int64)
    levend = minuten <= min(p.max_min, p.dag_max)  # a fragment alone must fit a day
    veranderd = True
    while veranderd:
        veranderd = False
        for i in np.nonzero(levend)[0]:
            buren = p.buren[i]
            if minuten[i] + minuten[buren][levend[buren]].sum() < p.min_min:
                levend[i] = False
                veranderd = True
    uitkomst: list[bool] = levend.tolist()
    return uitkomst


class _Bundel:
    """A bundle under construction: members, minutes a week and per weekday."""

    def __init__(self, nummer: int) -> None:
        self.nummer = nummer
        self.leden: list[int] = []
        self.minuten = 0
        self.per_dag: dict[int, int] = defaultdict(int)
        self.volgorde: dict[int, list[tuple[int, int]]] = defaultdict(list)  # (begin, i) a day


class _Oplossing:
    """The assignment of fragments to bundles and the moves that improve it."""

    def __init__(self, p: _Probleem, levend: list[bool]) -> None:
        self.p = p
        self.levend = levend
        self.bundel_van: list[int | None] = [None] * len(p.fragmenten)
        self.bundels: dict[int, _Bundel] = {}
        self._volgnummer = 0

    # -- basic operations

    def kan_erbij(self, i: int, b: _Bundel, zonder: int | None = None) -> bool:
        """Whether fragment i fits in bundle b (optionally with member `zonder` taken out)."""
        p = self.p
        eruit = p.minuten[zonder] if zonder is not None else 0
        op_dag = p.minuten[zonder] if zonder is not None and p.dag[zonder] == p.dag[i] else 0
        if b.minuten - eruit + p.minuten[i] > p.max_min:
            return False
        if b.per_dag[p.dag[i]] - op_dag + p.minuten[i] > p.dag_max:
            return False
        return all(p.past(i, j) for j in b.leden if j != zonder)

    def nieuw(self) -> _Bundel:
        self._volgnummer += 1
        return _Bundel(self._volgnummer)

    def voeg_toe(self, i: int, b: _Bundel) -> None:
        b.leden.append(i)
        b.minuten += self.p.minuten[i]
        b.per_dag[self.p.dag[i]] += self.p.minuten[i]
        bisect.insort(b.volgorde[self.p.dag[i]], (self.p.begin[i], i))
        self.bundel_van[i] = b.nummer

    def haal_weg(self, i: int, b: _Bundel) -> None:
        b.leden.remove(i)
        b.minuten -= self.p.minuten[i]
        b.per_dag[self.p.dag[i]] -= self.p.minuten[i]
        b.volgorde[self.p.dag[i]].remove((self.p.begin[i], i))
        self.bundel_van[i] = None

    def vrij(self, i: int) -> bool:
        return self.levend[i] and self.bundel_van[i] is None

    def gebundeld(self) -> int:
        return sum(b.minuten for b in self.bundels.values())

    def reis(self, b: _Bundel) -> float:
        """Kilometres between consecutive fragments of each day, summed over the week."""
        km = 0.0
        for dag in sorted(b.volgorde):
            lijst = [i for _, i in b.volgorde[dag]]
            km += sum(self.p.afstand(x, y) for x, y in zip(lijst, lijst[1:], strict=False))
        return km

    def _omweg(self, i: int, vorige: int | None, volgende: int | None) -> float:
        """Extra kilometres for visiting i between two fragments of the same day."""
        km = 0.0
        if vorige is not None:
            km += self.p.afstand(vorige, i)
        if volgende is not None:
            km += self.p.afstand(i, volgende)
        if vorige is not None and volgende is not None:
            km -= self.p.afstand(vorige, volgende)
        return km

    def reis_erbij(self, i: int, b: _Bundel) -> float:
        """How much the travel of bundle b grows when i joins it."""
        lijst = b.volgorde[self.p.dag[i]]
        plek = bisect.bisect(lijst, (self.p.begin[i], i))
        vorige = lijst[plek - 1][1] if plek > 0 else None
        volgende = lijst[plek][1] if plek < len(lijst) else None
        return self._omweg(i, vorige, volgende)

    def reis_eraf(self, i: int, b: _Bundel) -> float:
        """How much the travel of bundle b shrinks when member i leaves it."""
        lijst = b.volgorde[self.p.dag[i]]
        plek = lijst.index((self.p.begin[i], i))
        vorige = lijst[plek - 1][1] if plek > 0 else None
        volgende = lijst[plek + 1][1] if plek + 1 < len(lijst) else None
        return self._omweg(i, vorige, volgende)

    def buurbundels(self, i: int, limiet: int | None = None) -> list[_Bundel]:
        """Bundles holding fragments near i, nearest first, each once."""
        gezien: dict[int, _Bundel] = {}
        for j in self.p.buren[i][:limiet].tolist():
            nummer = self.bundel_van[j]
            if nummer is not None and nummer not in gezien:
                gezien[nummer] = self.bundels[nummer]
        return list(gezien.values())

    def neem_over(self, leden_per_bundel: list[list[int]]) -> bool:
        """Adopt bundles found elsewhere (the exact solver), re-checking every rule."""
        gemaakt: list[_Bundel] = []
        geldig = True
        for leden in leden_per_bundel:
            b = self.nieuw()
            gemaakt.append(b)
            for i in leden:
                if not (geldig and self.vrij(i) and self.kan_erbij(i, b)):
                    geldig = False
                    break
                self.voeg_toe(i, b)
            geldig = geldig and b.minuten >= self.p.min_min
        for b in gemaakt:
            if geldig:
                self.bundels[b.nummer] = b
            else:
                for j in list(b.leden):
                    self.haal_weg(j, b)
        return geldig

    # -- construction

    def groei(self, zaad: int) -> None:
        """Grow a bundle from a seed with its nearest free compatible fragments."""
        b = self.nieuw()
        self.voeg_toe(zaad, b)
        for j in self.p.buren[zaad].tolist():
            if b.minuten >= self.p.max_min:
                break
            if self.vrij(j) and self.kan_erbij(j, b):
                self.voeg_toe(j, b)
        self.bewaar_of_los(b)

    def bewaar_of_los(self, b: _Bundel) -> bool:
        if b.minuten >= self.p.min_min:
            self.bundels[b.nummer] = b
            return True
        for j in list(b.leden):
            self.haal_weg(j, b)
        return False

    def greedy(self) -> None:
        p = self.p
        kandidaten = [i for i in range(len(p.fragmenten)) if self.levend[i]]
        minuten, levend = np.array(p.minuten), np.array(self.levend)
        omgeving = {
            i: int(minuten[p.buren[i]][levend[p.buren[i]]].sum()) + p.minuten[i] for i in kandidaten
        }
        for zaad in sorted(kandidaten, key=lambda i: (omgeving[i], i)):
            if self.vrij(zaad):
                self.groei(zaad)

    # -- improvement of the bundled hours

    def over(self) -> list[int]:
        """Free fragments that could be bundled, longest first."""
        vrij = [i for i in range(len(self.p.fragmenten)) if self.vrij(i)]
        return sorted(vrij, key=lambda i: (-self.p.minuten[i], i))

    def voeg_over_in(self) -> None:
        """Put leftovers into existing bundles with room, where travel grows least."""
        for i in self.over():
            beste = None
            for b in self.buurbundels(i):
                if self.kan_erbij(i, b):
                    extra = self.reis_erbij(i, b)
                    if beste is None or extra < beste[0] - 1e-9:
                        beste = (extra, b)
            if beste is not None:
                self.voeg_toe(i, beste[1])

    def herstel(self) -> None:
        """New bundles from leftovers, topped up with fragments other bundles can spare."""
        for zaad in self.over():
            if not self.vrij(zaad):
                continue
            b = self.nieuw()
            self.voeg_toe(zaad, b)
            buren = self.p.buren[zaad].tolist()
            for j in buren:
                if self.vrij(j) and self.kan_erbij(j, b):
                    self.voeg_toe(j, b)
            if b.minuten < self.p.min_min:
                self.leen(b, buren)
            self.bewaar_of_los(b)

    def leen(self, b: _Bundel, buren: list[int]) -> None:
        """Take fragments from bundles that stay at or above the minimum without them.

        When the new bundle still does not reach the minimum, every borrowed fragment goes
        back to its own bundle (in reverse order, so it always fits again).
        """
        geleend: list[tuple[int, _Bundel]] = []
        for j in buren:
            if b.minuten >= self.p.min_min:
                return
            nummer = self.bundel_van[j]
            if nummer is None or nummer == b.nummer:
                continue
            donor = self.bundels[nummer]
            if donor.minuten - self.p.minuten[j] >= self.p.min_min and self.kan_erbij(j, b):
                self.haal_weg(j, donor)
                self.voeg_toe(j, b)
                geleend.append((j, donor))
        if b.minuten < self.p.min_min:
            for j, donor in reversed(geleend):
                self.haal_weg(j, b)
                self.voeg_toe(j, donor)

    def ruil(self) -> None:
        """Swap a leftover into a bundle for a shorter member, which becomes leftover."""
        p = self.p
        for i in self.over():
            if not self.vrij(i):
                continue
            beste = None
            for b in self.buurbundels(i):
                for g in b.leden:
                    winst = p.minuten[i] - p.minuten[g]
                    if winst > 0 and (beste is None or winst > beste[0]):
                        if self.kan_erbij(i, b, zonder=g):
                            beste = (winst, g, b)
            if beste is not None:
                _, g, b = beste
                self.haal_weg(g, b)
                self.voeg_toe(i, b)

    def verbeter(self) -> None:
        vorige = -1
        for _ in range(_MAX_RONDES):
            self.voeg_over_in()
            self.herstel()
            self.ruil()
            self.voeg_over_in()
            huidige = self.gebundeld()
            if huidige <= vorige:
                break
            vorige = huidige

    # -- improvement of travel at equal bundled hours

    def verhuis(self) -> None:
        """Move a fragment to another bundle when that shortens the total travel."""
        for _ in range(_MAX_RONDES):
            verbeterd = False
            for i in range(len(self.p.fragmenten)):
                verbeterd |= self._verhuis_een(i)
            if not verbeterd:
                return

    def _verhuis_een(self, i: int) -> bool:
        nummer = self.bundel_van[i]
        if nummer is None:
            return False
        bron = self.bundels[nummer]
        if bron.minuten - self.p.minuten[i] < self.p.min_min:
            return False
        winst = self.reis_eraf(i, bron)
        if winst <= 1e-9:
            return False  # inserting elsewhere never costs less than nothing (triangle)
        for doel in self.buurbundels(i, limiet=_VERHUIS_BUREN):
            if doel.nummer == nummer:
                continue
            kosten = self.reis_erbij(i, doel)
            if kosten < winst - 1e-9 and self.kan_erbij(i, doel):
                self.haal_weg(i, bron)
                self.voeg_toe(i, doel)
                return True
        return False


def _per_grootte(bundels: list[Bundel], config: BundelConfig) -> dict[str, int]:
    """Count bundles per size class: min..g1, g1..g2, .., gn..max (upper bound exclusive)."""
    grenzen = [config.min_uren]
    grenzen += [g for g in sorted(config.grootte_grenzen) if config.min_uren < g < config.max_uren]
    grenzen.append(config.max_uren)
    klassen = {
        f"{fmt_uren(a)}-{fmt_uren(b)}": (a, b) for a, b in zip(grenzen, grenzen[1:], strict=False)
    }
    telling = dict.fromkeys(klassen, 0)
    for bundel in bundels:
        for naam, (a, b) in klassen.items():
            if a <= bundel.uren_per_week < b or (b == config.max_uren == bundel.uren_per_week):
                telling[naam] += 1
                break
    return telling


def _resultaat(o: _Oplossing, bovengrens: int, config: BundelConfig) -> BundelResultaat:
    p = o.p
    bundels = []
    for b in o.bundels.values():
        leden = [i for dag in sorted(b.volgorde) for _, i in b.volgorde[dag]]
        bundels.append(
            Bundel(
                fragmenten=[p.fragmenten[k] for k in leden],
                uren_per_week=_uren(b.minuten),
                reis_km=o.reis(b),
            )
        )
    bundels.sort(key=lambda b: min(f.id for f in b.fragmenten))
    over = [f for k, f in enumerate(p.fragmenten) if o.bundel_van[k] is None]
    return BundelResultaat(
        bundels=bundels,
        over=over,
        gebundelde_uren=_uren(o.gebundeld()),
        totale_uren=_uren(sum(p.minuten)),
        bovengrens_uren=_uren(bovengrens),
        per_grootte=_per_grootte(bundels, config),
    )


def componenten(p: _Probleem, levend: list[bool]) -> list[list[int]]:
    """Groups of bundlable fragments that no bundle can cross, smallest fragment id first."""
    n = len(p.fragmenten)
    bron = [i for i in range(n) if levend[i]]
    rijen = np.repeat(bron, [len(p.buren[i]) for i in bron]).astype(np.int64)
    kolommen = np.concatenate([p.buren[i] for i in bron] or [np.zeros(0, np.int32)])
    graaf = csr_matrix((np.ones(len(rijen)), (rijen, kolommen)), shape=(n, n))
    _, label = connected_components(graaf, directed=False)
    groepen: dict[int, list[int]] = defaultdict(list)
    for i in bron:
        groepen[int(label[i])].append(i)
    return sorted(groepen.values(), key=lambda g: g[0])


def exact(p: _Probleem, groep: list[int]) -> tuple[list[list[int]], int | None]:
    """Solve one small component exactly: the best bundles and the proven optimum in minutes.

    A MILP over bundle slots: x[a, k] puts fragment a in slot k (only k <= a, which removes
    relabelled copies of the same solution), y[k] opens slot k. When the solver stops at
    its node limit the optimum is None and the caller falls back to the heuristic.
    """
    n = len(groep)
    m = [p.minuten[i] for i in groep]
    slots = max(1, min(n, sum(m) // p.min_min))
    x = [[a * slots + k for k in range(slots)] for a in range(n)]
    y = [n * slots + k for k in range(slots)]
    rijen: list[tuple[dict[int, float], float, float]] = []
    for a in range(n):
        rijen.append(({x[a][k]: 1 for k in range(slots)}, 0, 1))
        for b in range(a + 1, n):
            if not p.past(groep[a], groep[b]):
                rijen += [({x[a][k]: 1, x[b][k]: 1}, 0, 1) for k in range(slots)]
    for k in range(slots):
        uren = {x[a][k]: m[a] for a in range(n)}
        rijen.append(({**uren, y[k]: -p.min_min}, 0, np.inf))
        rijen.append(({**uren, y[k]: -p.max_min}, -np.inf, 0))
        for dag in range(7):
            op_dag: dict[int, float] = {x[a][k]: m[a] for a in range(n) if p.dag[groep[a]] == dag}
            if sum(op_dag.values()) > p.dag_max:
                rijen.append((op_dag, -np.inf, p.dag_max))
    boven = np.ones(n * slots + slots)
    for a in range(n):
        for k in range(a + 1, slots):
            boven[x[a][k]] = 0
    kosten = np.zeros(n * slots + slots)
    for a in range(n):
        kosten[x[a]] = -m[a]
    r, c, v = zip(
        *((r, c, v) for r, (co, _, _) in enumerate(rijen) for c, v in co.items()), strict=True
    )
    matrix = coo_matrix((v, (r, c)), shape=(len(rijen), len(kosten))).tocsr()
    res = milp(
        kosten,
        constraints=LinearConstraint(
            matrix, [lo for _, lo, _ in rijen], [hi for _, _, hi in rijen]
        ),
        integrality=np.ones(len(kosten)),
        bounds=Bounds(0, boven),
        options={"node_limit": _EXACT_MAX_KNOPEN},
    )
    if res.status != 0 or res.x is None:
        return [], None
    bundels = [[groep[a] for a in range(n) if res.x[x[a][k]] > 0.5] for k in range(slots)]
    return [b for b in bundels if b], round(-res.fun)


def _los_op(p: _Probleem, levend: list[bool]) -> tuple[_Oplossing, int]:
    """Exact bundles for small components, the heuristic for the rest; returns the bound."""
    oplossing = _Oplossing(p, levend)
    bovengrens = 0
    for groep in componenten(p, levend):
        relaxatie = sum(p.minuten[i] for i in groep)
        if 1 < len(groep) <= _EXACT_MAX_FRAGMENTEN:
            bundels, optimum = exact(p, groep)
            if optimum is not None and oplossing.neem_over(bundels):
                bovengrens += optimum
                continue
        bovengrens += relaxatie
    oplossing.greedy()
    oplossing.verbeter()
    oplossing.verhuis()
    # moving for travel can free room; one more pass for leftovers never lowers the hours
    oplossing.voeg_over_in()
    return oplossing, bovengrens


def bundle(
    fragmenten: list[Fragment],
    config: BundelConfig = STANDAARD_CONFIG,
    *,
    van: date,
    tot: date | None = None,
) -> BundelResultaat:
    """Bundle fragments into permanent jobs of min..max hours a week; see the module docstring.

    The jobs run from `van` to `tot` (None: open): the legal maximum of a day is the
    working-time table's for those dates. Every fragment ends up in exactly one bundle or in
    `over`; `bovengrens_uren` is an upper bound on the hours any solution could bundle. Raises
    BundelFout on invalid input.
    """
    per_dag = _controleer_config(config, van, tot)
    _controleer_fragmenten(fragmenten)
    p = _Probleem(fragmenten, config, per_dag)
    oplossing, bovengrens = _los_op(p, bundelbaar(p))
    return _resultaat(oplossing, bovengrens, config)
