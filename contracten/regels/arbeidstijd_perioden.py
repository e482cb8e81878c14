"""Working-time rules over weeks: the weekly rest and the 4- and 16-week averages.

Pure functions over plain data (Unix seconds, dates); figures from contracten/tabellen.py
(`ARBEIDSTIJD_WEKELIJKSE_RUST`, `ARBEIDSTIJD_GEMIDDELDE`), sources and interpretations in
contracten/BRONNEN.md §17. contracten/arbeidstijd.py feeds them a member's windows and
worked hours per week and reports what they find together with its own rules.

- Weekly rest (art. 5:5; 16-17: art. 5:2): a stretch of work is the work between two rests of
  at least the weekly rest (36 h). Every 7 x 24 h from the start of a stretch must hold that
  rest, so a stretch spans at most 7 x 24 - 36 = 132 h. For 18 and older a longer stretch is
  allowed when the 14 x 24 h from its start hold rests of at least 32 h each that add up to
  72 h; the time after the last known work counts as rest (it is not planned yet).
- Averages (art. 5:7; 16-17: art. 5:2): in every run of consecutive weeks (4; 16 for adults)
  the worked hours at most the number of weeks times the average; the youth figure counts
  the hours worked at 16 or 17.

Only findings that involve new work are reported: the rest was checked when the existing
work was given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from contracten.feiten import Feit
from contracten.tabellen import (
    ARBEIDSTIJD_GEMIDDELDE,
    ARBEIDSTIJD_WEKELIJKSE_RUST,
    GemiddeldeFiguren,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UUR = 3600
ONEINDIG = 2**62  # "no later work known"


@dataclass(frozen=True)
class Blok:
    """One window of work: start and end in Unix seconds, its local start day, whether the
    youth rules hold on that day, whether it is new; `ref` is handed back in a finding."""

    start: int
    eind: int
    dag: date
    jeugdig: bool = False
    nieuw: bool = False
    ref: object = field(default=None, compare=False)


@dataclass(frozen=True)
class Bevinding:
    """A broken rule: `code` as the other working-time rules, `melding` Dutch with numbers."""

    code: str
    melding: str
    ref: object = None


def _sec(uren: Decimal) -> int:
    return int(uren * UUR)


def _moment(epoch: int) -> str:
    return f"{datetime.fromtimestamp(epoch, UTC).astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"


def _duur(seconden: int) -> str:
    uren, rest = divmod(max(seconden, 0), UUR)
    minuten = rest // 60
    if not uren:
        return f"{minuten} min"
    return f"{uren} uur {minuten} min" if minuten else f"{uren} uur"


@dataclass
class _Reeks:
    blokken: list[Blok]
    eind: int  # the latest end so far
    rust: int  # the weekly rest of its first day and age, seconds

    @property
    def start(self) -> int:
        return self.blokken[0].start


def werkreeksen(blokken: Iterable[Blok]) -> list[_Reeks]:
    """The windows in time order, grouped into stretches: a window starting less than the
    weekly rest (of the stretch's first day and age) after the latest end joins the stretch."""
    reeksen: list[_Reeks] = []
    for blok in sorted(blokken, key=lambda b: (b.start, b.eind)):
        if reeksen and blok.start - reeksen[-1].eind < reeksen[-1].rust:
            reeksen[-1].blokken.append(blok)
            reeksen[-1].eind = max(reeksen[-1].eind, blok.eind)
        else:
            reeksen.append(_Reeks([blok], blok.eind, _rust_7(blok)))
    return reeksen


def _rust_7(blok: Blok) -> int:
    f = ARBEIDSTIJD_WEKELIJKSE_RUST.op(blok.dag)
    return _sec(f.jeugdig_rust_uren if blok.jeugdig else f.rust_uren)


def _rusten(blokken: Sequence[Blok], van: int, tot: int) -> list[int]:
    """The uninterrupted rests between van and tot (seconds each, cut off at tot), the time
    after the last window included."""
    rusten, einde = [], van
    for blok in blokken:
        if blok.eind <= van:
            continue
        if blok.start >= tot:
            break
        if blok.start > einde:
            rusten.append(blok.start - einde)
        einde = max(einde, blok.eind)
    if einde < tot:
        rusten.append(tot - einde)
    return rusten


def wekelijkse_rust(blokken: Iterable[Blok]) -> list[Bevinding]:
    """Each stretch of work holding (or, for the 14-day rule, followed within its period by)
    a new window that lacks the weekly rest; one finding per stretch."""
    alle = sorted(blokken, key=lambda b: (b.start, b.eind))
    bevindingen = []
    for reeks in werkreeksen(alle):
        eerste = reeks.blokken[0]
        spanne, rust = reeks.eind - reeks.start, reeks.rust
        f = ARBEIDSTIJD_WEKELIJKSE_RUST.op(eerste.dag)
        periode = _sec(f.periode_uren)
        if spanne <= periode - rust:
            continue
        lang = 0 if eerste.jeugdig else _sec(f.lange_periode_uren)
        binnen = [
            b for b in alle if b.nieuw and b.start < reeks.start + lang and b.eind > reeks.start
        ]
        nieuw = next((b for b in reeks.blokken if b.nieuw), None) or next(iter(binnen), None)
        if nieuw is None:
            continue
        tekst = (
            f"Te weinig wekelijkse rust: van {_moment(reeks.start)} tot {_moment(reeks.eind)} "
            f"({_duur(spanne)}) zonder {_duur(rust)} aaneengesloten rust; in elke "
            f"{f.periode_uren / 24:.0f} x 24 uur is ten minste {_duur(rust)} onafgebroken rust "
            f"vereist (Arbeidstijdenwet art. {'5:2' if eerste.jeugdig else '5:5'})"
        )
        if lang:
            deel = _sec(f.min_deel_uren)
            tot = reeks.start + lang
            samen = sum(r for r in _rusten(alle, reeks.start, tot) if r >= deel)
            if samen >= _sec(f.lange_rust_uren):
                continue
            tekst += (
                f", of {_duur(_sec(f.lange_rust_uren))} in {f.lange_periode_uren / 24:.0f} x 24 "
                f"uur in delen van ten minste {_duur(deel)}: hier {_duur(samen)}"
            )
        bevindingen.append(Bevinding("wekelijkse_rust", tekst + ".", nieuw.ref))
    return bevindingen


def gemiddelde_weekuren(
    weken: Mapping[date, tuple[int, int]], nieuwe_weken: Iterable[date]
) -> list[Bevinding]:
    """Every run of consecutive weeks holding a new week whose worked hours pass the average.

    `weken`: per week (its first day) the worked seconds (all of them, those worked at 16 or
    17); `nieuwe_weken`: the weeks new work touches. One finding per rule, the first run.
    """
    bevindingen: list[Bevinding] = []
    gemeld: set[tuple[bool, int]] = set()
    for week in sorted(set(nieuwe_weken)):
        f = ARBEIDSTIJD_GEMIDDELDE.op(week)
        for jeugdig, regels in ((False, f.volwassen), (True, f.jeugdig)):
            for aantal, _ in regels:
                if (jeugdig, aantal) in gemeld:
                    continue
                fout = _te_veel(weken, week, aantal, jeugdig)
                if fout is not None:
                    gemeld.add((jeugdig, aantal))
                    bevindingen.append(fout)
    return bevindingen


def _te_veel(
    weken: Mapping[date, tuple[int, int]], week: date, aantal: int, jeugdig: bool
) -> Bevinding | None:
    """The first run of `aantal` weeks holding `week` over its average, or None."""
    deel = 1 if jeugdig else 0
    # Seconds per week offset from `week`, as far as a run holding it reaches.
    per_offset: dict[int, int] = {}
    for w, sec in weken.items():
        offset = (w - week).days // 7
        if -aantal < offset < aantal and sec[deel]:
            per_offset[offset] = sec[deel]
    feit = ARBEIDSTIJD_GEMIDDELDE.feit_op(week)
    overal = _grens(feit.waarde, aantal, jeugdig)
    if overal is not None and _overal(feit, week, aantal) and sum(per_offset.values()) <= overal:
        return None  # even all the weeks within reach together stay within the average
    for k in range(aantal - 1, -1, -1):
        begin = week - timedelta(weeks=k)
        grens = _grens(ARBEIDSTIJD_GEMIDDELDE.op(begin), aantal, jeugdig)
        if grens is None:
            continue
        gewerkt = sum(per_offset.get(i - k, 0) for i in range(aantal))
        if gewerkt <= grens:
            continue
        wie = " als minderjarige" if jeugdig else ""
        laatste = begin + timedelta(weeks=aantal, days=-1)
        gemiddelde = grens // aantal
        return Bevinding(
            "gemiddelde_week",
            f"Gemiddeld te veel uren: in de {aantal} weken van {begin:%d-%m-%Y} tot en met "
            f"{laatste:%d-%m-%Y} gemiddeld {_duur(gewerkt // aantal)} per "
            f"week gewerkt{wie} (wettelijke pauzes niet meegeteld), meer dan het toegestane "
            f"gemiddelde van {_duur(gemiddelde)} per week over {aantal} weken "
            f"(Arbeidstijdenwet art. {'5:2' if jeugdig else '5:7'}).",
        )
    return None


def _grens(figuren: GemiddeldeFiguren, aantal: int, jeugdig: bool) -> int | None:
    """Seconds a run of `aantal` weeks may hold under these figures (None: no such rule)."""
    regels = dict(figuren.jeugdig if jeugdig else figuren.volwassen)
    return _sec(regels[aantal]) * aantal if aantal in regels else None


def _overal(feit: Feit[GemiddeldeFiguren], week: date, aantal: int) -> bool:
    """Whether one row holds for every run of `aantal` weeks holding `week`."""
    van, tot = week - timedelta(weeks=aantal), week + timedelta(weeks=aantal)
    return feit.geldig_van <= van and (feit.geldig_tot is None or feit.geldig_tot >= tot)
