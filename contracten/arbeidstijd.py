"""Working-time law (Arbeidstijdenwet) over a member's shifts: pure functions, no database.

The figures are dated facts (contracten/feiten.py) so a change in the law is a new row, not an
edit. Every check takes the member's date of birth: the age that counts is the age on the
(local) date a shift starts. Durations are measured in real elapsed time (UTC), so a shift over
a daylight-saving change counts the hours actually worked.

Interpretations (LAW.md 6, brief of the coop project), stated here so they can be revisited:
- Rest is the gap between two consecutive shifts; the length required is set by the earlier
  shift (the rest follows it): 11 h, 12 h when that shift was worked under 18, 14 h after an
  adult night shift ending after 02:00. Two shifts on one day with a short gap (a split shift)
  therefore need the full rest between them: conservative.
- The weekly limit: all hours in the week count against the adult cap (60 h); the hours of
  shifts worked under 18 also count against the youth cap (45 h). A shift crossing the start
  of a week is split over both weeks at local midnight.
- Members under 16 are never planned: the rules for 15 and younger are not encoded.
- Not encoded yet: the 4- and 16-week averages (55 h, 48 h; 40 h for 16-17), weekly rest
  (36 h per 7 days), the once-a-week shortening of daily rest to 8 h.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from zoneinfo import ZoneInfo

from contracten.feiten import DatedTable, Feit

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UUR = 3600
MEERDERJARIG = 18  # the youth rules stop on the 18th birthday
MINIMUMLEEFTIJD = 16  # below this no rules are encoded: such members are not planned


@dataclass(frozen=True)
class Dienstvenster:
    """One shift: aware start and end, end after start."""

    start: datetime
    eind: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.eind.tzinfo is None:
            raise ValueError("Een dienst heeft tijden met tijdzone nodig (Europe/Amsterdam).")
        if self.eind <= self.start:
            raise ValueError("Het einde van een dienst moet na het begin liggen.")

    # Cached: the same job shifts are checked against thousands of candidates.
    @cached_property
    def seconden(self) -> int:
        """Real elapsed seconds (subtracting in UTC: same-zone subtraction ignores DST)."""
        return int((self.eind.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds())

    @cached_property
    def startdag(self) -> date:
        return self.lokaal()[0].date()

    @cached_property
    def _lokaal(self) -> tuple[datetime, datetime]:
        return self.start.astimezone(AMSTERDAM), self.eind.astimezone(AMSTERDAM)

    def lokaal(self) -> tuple[datetime, datetime]:
        """Start and end in Europe/Amsterdam."""
        return self._lokaal


@dataclass(frozen=True)
class Arbeidstijdnormen:
    """The limits for one age group; hours as Decimal, breaks as (more than X hours, minutes)."""

    max_dienst_uren: Decimal
    max_week_uren: Decimal
    min_rust_uren: Decimal
    pauzes: tuple[tuple[Decimal, int], ...]
    nachtverbod: tuple[time, time] | None = None  # no work at all in this window
    max_nachtdienst_uren: Decimal | None = None
    rust_na_nachtdienst_uren: Decimal | None = None


ATW_BRON = "Arbeidstijdenwet (stb. 1995, 598, gewijzigd per 2007-04-01); LAW.md 6, nov 2026"

NORMEN_VOLWASSEN: DatedTable[Arbeidstijdnormen] = DatedTable(
    "arbeidstijdnormen 18 jaar en ouder",
    [
        Feit(
            Arbeidstijdnormen(
                max_dienst_uren=Decimal(12),
                max_week_uren=Decimal(60),
                min_rust_uren=Decimal(11),
                pauzes=((Decimal("5.5"), 30), (Decimal(10), 45)),
                max_nachtdienst_uren=Decimal(10),
                rust_na_nachtdienst_uren=Decimal(14),
            ),
            geldig_van=date(2007, 4, 1),
            geldig_tot=None,
            bron=f"{ATW_BRON}: art. 5:3 (rust), 5:4 (pauze), 5:7 (dienst/week), 5:8 (nacht)",
            zekerheid="H",
        )
    ],
)

NORMEN_JEUGDIG: DatedTable[Arbeidstijdnormen] = DatedTable(
    "arbeidstijdnormen 16 en 17 jaar",
    [
        Feit(
            Arbeidstijdnormen(
                max_dienst_uren=Decimal(9),
                max_week_uren=Decimal(45),
                min_rust_uren=Decimal(12),
                pauzes=((Decimal("4.5"), 30),),
                nachtverbod=(time(23, 0), time(6, 0)),
            ),
            geldig_van=date(2007, 4, 1),
            geldig_tot=None,
            bron=f"{ATW_BRON}: art. 5:2 e.v. (jeugdige werknemers van 16 en 17 jaar)",
            zekerheid="H",
        )
    ],
)


@dataclass(frozen=True)
class Overtreding:
    """A broken working-time rule; `melding` is Dutch and gives the numbers."""

    code: str
    melding: str
    dienst: Dienstvenster | None = None


def leeftijd_op(geboortedatum: date, dag: date) -> int:
    """Age in whole years on `dag` (born 29 February: a year older on 1 March)."""
    nog_niet_jarig = (dag.month, dag.day) < (geboortedatum.month, geboortedatum.day)
    return dag.year - geboortedatum.year - int(nog_niet_jarig)


def normen_op(geboortedatum: date, dag: date) -> Arbeidstijdnormen:
    """The limits that hold for this member on this date."""
    if leeftijd_op(geboortedatum, dag) < MEERDERJARIG:
        return NORMEN_JEUGDIG.op(dag)
    return NORMEN_VOLWASSEN.op(dag)


def max_dienst_uren(geboortedatum: date, dag: date) -> Decimal:
    """The longest shift this member may work starting on `dag`."""
    return normen_op(geboortedatum, dag).max_dienst_uren


def verplichte_pauze(uren: Decimal | float, leeftijd: int, *, dag: date) -> int:
    """Minutes of break required for a shift of `uren` worked hours (more than the threshold)."""
    tabel = NORMEN_JEUGDIG if leeftijd < MEERDERJARIG else NORMEN_VOLWASSEN
    gewerkt = Decimal(str(uren))
    minuten = 0
    for drempel, pauze in tabel.op(dag).pauzes:
        if gewerkt > drempel:
            minuten = max(minuten, pauze)
    return minuten


def duur_tekst(seconden: int) -> str:
    """Dutch duration for messages: '11 uur', '10 uur 59 min'."""
    uren, rest = divmod(max(seconden, 0), UUR)
    minuten = rest // 60
    return f"{uren} uur {minuten} min" if minuten else f"{uren} uur"


def _uren_seconden(uren: Decimal) -> int:
    return int(uren * UUR)


@lru_cache(maxsize=2**16)
def nacht_seconden(dienst: Dienstvenster, van: time, tot: time) -> int:
    """Seconds of the shift inside the daily window van..tot (a window may cross midnight)."""
    start, eind = dienst.lokaal()
    totaal = 0
    dag = start.date() - timedelta(days=1)
    while dag <= eind.date():
        w_start = datetime.combine(dag, van, AMSTERDAM)
        w_eind_dag = dag + timedelta(days=1) if tot <= van else dag
        w_eind = datetime.combine(w_eind_dag, tot, AMSTERDAM)
        overlap = min(eind, w_eind).astimezone(UTC) - max(start, w_start).astimezone(UTC)
        totaal += max(0, int(overlap.total_seconds()))
        dag += timedelta(days=1)
    return totaal


def is_nachtdienst(dienst: Dienstvenster) -> bool:
    """A night shift: more than one hour worked between 00:00 and 06:00 (art. 1:7 ATW)."""
    return nacht_seconden(dienst, time(0, 0), time(6, 0)) > UUR


def _eindigt_na_twee_uur_s_nachts(dienst: Dienstvenster) -> bool:
    # "eindigt na 02.00 uur": only a night shift ending between midnight and 02:00 is spared
    eind = dienst.eind.astimezone(AMSTERDAM)
    return is_nachtdienst(dienst) and eind.time() > time(2, 0)


def vereiste_rust_seconden(geboortedatum: date, na: Dienstvenster) -> int:
    """The rest required after shift `na`, from the rules of the day it started."""
    normen = normen_op(geboortedatum, na.startdag)
    rust = normen.min_rust_uren
    if normen.rust_na_nachtdienst_uren is not None and _eindigt_na_twee_uur_s_nachts(na):
        rust = max(rust, normen.rust_na_nachtdienst_uren)
    return _uren_seconden(rust)


def conflict_tussen(geboortedatum: date, a: Dienstvenster, b: Dienstvenster) -> Overtreding | None:
    """Why one member cannot work both shifts (overlap or too little rest), or None."""
    eerste, tweede = (a, b) if (a.start, a.eind) <= (b.start, b.eind) else (b, a)
    if tweede.start < eerste.eind:
        return Overtreding(
            "overlap",
            f"Diensten overlappen: {_tijd(tweede.start)} begint voor het einde van de "
            f"dienst die om {_tijd(eerste.eind)} eindigt.",
            tweede,
        )
    gat = int((tweede.start.astimezone(UTC) - eerste.eind.astimezone(UTC)).total_seconds())
    nodig = vereiste_rust_seconden(geboortedatum, eerste)
    if gat >= nodig:
        return None
    return Overtreding(
        "rust",
        f"Te weinig rust tussen diensten: {duur_tekst(gat)} na de dienst die om "
        f"{_tijd(eerste.eind)} eindigt, minimaal {duur_tekst(nodig)} vereist.",
        tweede,
    )


def _tijd(moment: datetime) -> str:
    return f"{moment.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"


def controleer_dienst(geboortedatum: date, dienst: Dienstvenster) -> list[Overtreding]:
    """The rules for one shift on its own: age, length, night work."""
    dag = dienst.startdag
    leeftijd = leeftijd_op(geboortedatum, dag)
    if leeftijd < MINIMUMLEEFTIJD:
        return [
            Overtreding(
                "leeftijd",
                f"Werknemer is op {dag:%d-%m-%Y} {leeftijd} jaar; diensten voor werknemers "
                f"jonger dan {MINIMUMLEEFTIJD} worden niet ingepland.",
                dienst,
            )
        ]
    normen = normen_op(geboortedatum, dag)
    fouten = []
    if dienst.seconden > _uren_seconden(normen.max_dienst_uren):
        fouten.append(
            Overtreding(
                "max_dienst",
                f"Dienst van {duur_tekst(dienst.seconden)} op {dag:%d-%m-%Y} is langer dan "
                f"de toegestane {normen.max_dienst_uren} uur (leeftijd {leeftijd}).",
                dienst,
            )
        )
    fouten.extend(_nachtregels(normen, dienst, leeftijd))
    return fouten


def _nachtregels(normen: Arbeidstijdnormen, dienst: Dienstvenster, leeftijd: int):
    if normen.nachtverbod is not None:
        van, tot = normen.nachtverbod
        if nacht_seconden(dienst, van, tot) > 0:
            yield Overtreding(
                "nacht_minderjarig",
                f"Werknemer van {leeftijd} jaar mag niet werken tussen {van:%H:%M} en "
                f"{tot:%H:%M}; de dienst van {_tijd(dienst.start)} valt daarin.",
                dienst,
            )
    limiet = normen.max_nachtdienst_uren
    if limiet is not None and is_nachtdienst(dienst):
        if dienst.seconden > _uren_seconden(limiet):
            yield Overtreding(
                "max_nachtdienst",
                f"Nachtdienst van {duur_tekst(dienst.seconden)} vanaf {_tijd(dienst.start)} "
                f"is langer dan de toegestane {limiet} uur.",
                dienst,
            )


def week_van(dag: date, weekstart: int = 0) -> date:
    """The first day of the week holding `dag`; weekstart 0 is Monday (ISO), 6 is Sunday."""
    return dag - timedelta(days=(dag.weekday() - weekstart) % 7)


def week_seconden(dienst: Dienstvenster, weekstart: int = 0) -> dict[date, int]:
    """Seconds of a shift per week (a shift over the week boundary is split there)."""
    return dict(_week_delen(dienst, weekstart))


@lru_cache(maxsize=2**16)
def _week_delen(dienst: Dienstvenster, weekstart: int) -> tuple[tuple[date, int], ...]:
    start, eind = dienst.lokaal()
    delen = []
    week = week_van(start.date(), weekstart)
    while True:
        grens = datetime.combine(week + timedelta(days=7), time(0), AMSTERDAM)
        deel = min(eind, grens).astimezone(UTC) - start.astimezone(UTC)
        delen.append((week, int(deel.total_seconds())))
        if eind <= grens:
            return tuple(delen)
        start, week = grens, week + timedelta(days=7)


@dataclass(frozen=True)
class Weekuren:
    """Hours in one week: all of them, and those of shifts worked under 18 (seconds)."""

    totaal: int = 0
    minderjarig: int = 0


def weekuren(
    geboortedatum: date, diensten: Iterable[Dienstvenster], weekstart: int = 0
) -> dict[date, Weekuren]:
    """Worked seconds per week (keyed by the week's first day)."""
    totaal: dict[date, int] = defaultdict(int)
    jong: dict[date, int] = defaultdict(int)
    for dienst in diensten:
        minderjarig = leeftijd_op(geboortedatum, dienst.startdag) < MEERDERJARIG
        for week, sec in _week_delen(dienst, weekstart):
            totaal[week] += sec
            if minderjarig:
                jong[week] += sec
    return {week: Weekuren(totaal[week], jong.get(week, 0)) for week in totaal}


@cache
def weeklimieten(week: date) -> tuple[int, int]:
    """(adult cap, youth cap) in seconds for the week starting on `week`."""
    volwassen = NORMEN_VOLWASSEN.op(week).max_week_uren
    jeugdig = NORMEN_JEUGDIG.op(week).max_week_uren
    return _uren_seconden(volwassen), _uren_seconden(jeugdig)


def _weekoverschrijdingen(uren: Weekuren, week: date) -> list[Overtreding]:
    max_totaal, max_jong = weeklimieten(week)
    fouten = []
    for gewerkt, limiet, wie in (
        (uren.totaal, max_totaal, ""),
        (uren.minderjarig, max_jong, " als minderjarige"),
    ):
        if gewerkt > limiet:
            fouten.append(
                Overtreding(
                    "max_week",
                    f"In de week van {week:%d-%m-%Y} {duur_tekst(gewerkt)} gewerkt{wie}, "
                    f"meer dan de toegestane {duur_tekst(limiet)}.",
                )
            )
    return fouten


def controleer_diensten(
    geboortedatum: date,
    bestaande: Sequence[Dienstvenster],
    nieuw: Sequence[Dienstvenster],
    *,
    weekstart: int = 0,
) -> list[Overtreding]:
    """Every working-time rule the new shifts would break, given the existing ones.

    Only violations that involve a new shift are reported: existing shifts were checked when
    they were assigned. Rest is checked against the nearest shift before and after each new
    shift; week hours for every week a new shift touches.
    """
    fouten: list[Overtreding] = []
    for dienst in nieuw:
        fouten.extend(controleer_dienst(geboortedatum, dienst))
    fouten.extend(_paarconflicten(geboortedatum, bestaande, nieuw))
    alle = [*bestaande, *nieuw]
    per_week = weekuren(geboortedatum, alle, weekstart)
    nieuwe_weken = {w for d in nieuw for w, _ in _week_delen(d, weekstart)}
    for week in sorted(nieuwe_weken):
        fouten.extend(_weekoverschrijdingen(per_week[week], week))
    return fouten


def _paarconflicten(
    geboortedatum: date, bestaande: Sequence[Dienstvenster], nieuw: Sequence[Dienstvenster]
) -> list[Overtreding]:
    fouten: list[Overtreding] = []
    gezien: set[tuple[Dienstvenster, Dienstvenster]] = set()
    alle = [*bestaande, *nieuw]
    for i, dienst in enumerate(nieuw):
        anderen = [d for j, d in enumerate(alle) if j != len(bestaande) + i]
        for ander in _buren(dienst, anderen):
            paar = tuple(sorted((dienst, ander), key=lambda d: (d.start, d.eind)))
            if paar in gezien:
                continue
            gezien.add(paar)
            fout = conflict_tussen(geboortedatum, dienst, ander)
            if fout is not None:
                fouten.append(fout)
    return fouten


def _buren(dienst: Dienstvenster, anderen: Sequence[Dienstvenster]) -> list[Dienstvenster]:
    """The shifts overlapping this one, plus the nearest one before and after it."""
    overlappend = [d for d in anderen if d.start < dienst.eind and dienst.start < d.eind]
    ervoor = [d for d in anderen if d.eind <= dienst.start]
    erna = [d for d in anderen if d.start >= dienst.eind]
    buren = list(overlappend)
    # Full sort keys, so that the neighbour chosen among ties does not depend on input order.
    if ervoor:
        buren.append(max(ervoor, key=lambda d: (d.eind, d.start)))
    if erna:
        buren.append(min(erna, key=lambda d: (d.start, d.eind)))
    return buren
