"""Working-time law (Arbeidstijdenwet) over a member's shifts: pure functions, no database.

One module on purpose: `controleer_diensten` applies every working-time norm to one list of
shifts, and the norms share the windows and the age rules; split, each would re-derive them.

The figures are dated facts (contracten/feiten.py) so a change in the law is a new row, not an
edit. Every check takes the member's date of birth: the age that counts is the age on the
(local) date a shift starts. Durations are measured in real elapsed time (UTC), so a shift over
a daylight-saving change counts the hours actually worked.

Interpretations (contracten/BRONNEN.md §6), stated here so they can be revisited:
- Worked time is the time at work less the statutory break (art. 1:7 "arbeidstijd"; a
  break is no working time): a window (a planned shift) is the time at work, and its worked
  time is the window less the break art. 5:4 requires for it, computed exactly as an hours
  line deducts it (`verplichte_pauze` on the window's hours, coop.services.uren.urenregels). So an 8 h
  window of a minor is 7 h 30 worked. Every hour limit counts worked time: the maximum per
  dienst, the maximum of a night dienst and the week caps. A window crossing the start of a
  week has its break spread over both parts in proportion.
- A dienst (art. 1:7) is the work between two daily rests, not one window: a member's windows
  whose gap is shorter than the daily rest of the tables (11 h; 12 h for a dienst starting
  under 18) form ONE dienst, and the gaps inside it are breaks. So 09:00-12:00 and
  13:00-17:00 at two employers is one dienst of 7 h worked, not two shifts needing 11 h rest.
  The limits of a dienst apply to the dienst: worked hours (its windows without the gaps
  between them and without each window's statutory break) at most the maximum per dienst
  (12 h; 9 h under 18), the night-shift rules on its worked hours, the rules of the day the
  dienst starts (age included).
- Daily rest (art. 5:3: "in elke aaneengesloten periode van 24 uur"): read as every 24 hours
  from the start of a dienst (our conservative reading, to be confirmed). Since a gap shorter than
  the daily rest is no rest, the dienst must therefore end at most 24 h minus the daily rest
  after it starts (a span of 13 h for adults, 12 h under 18); a longer span is a rest
  violation ("rust") even when the hours are few. A literal sliding window over every 24 h
  would reject almost every regular rota and is not applied. So a long gap inside a dienst
  does matter: 07:00-10:00 plus 17:00-21:00 (span 14 h) is refused, 07:00-10:00 plus
  17:00-20:00 (span 13 h) is accepted.
- Rest after a dienst is set by that dienst: at least the daily rest (guaranteed, since a
  shorter gap would have merged the windows), 14 h after an adult night dienst ending after
  02:00 (art. 5:8). A gap of 11 h up to 14 h after such a night dienst is therefore a rest
  violation between two diensten rather than a merge: the outcome (refused) is the same as
  merging on 14 h, the message names the actual rule. A night dienst is one with more than an
  hour worked between 00:00 and 06:00, counted over its windows; the time of the break in a
  window is not planned, so the whole window counts there (it may be taken outside the
  night), as do the rest rules and the youth night ban, which measure presence, not hours.
- Overlapping windows are always a violation ("overlap"); a dienst's worked time counts an
  overlapped stretch once.
- The weekly limit counts worked hours (the windows less their breaks), never spans: all
  hours in the week count against the adult cap (60 h); the hours of windows worked under 18
  also count against the youth cap (45 h). A window crossing the start of a week is split over
  both weeks at local midnight. The youth night ban (23:00-06:00) applies to every window.
- Members under 16 are never planned: the rules for 15 and younger are not encoded.
- Breaks (art. 5:4, contracten/BRONNEN.md §17): a window may carry a planned break
  (`Dienstvenster.pauze`); one shorter than the statutory break for the member is refused
  ("pauze"). Windows of one dienst that follow each other with gaps under 15 min, none with
  a break of its own, are work in one go: at most 5.5 h (4.5 h at 16-17) without a break
  (`_pauzeregel`; stricter than the letter so that adding work never cures a violation).
  Not encoded: the 45 min of a dienst over 10 h made of windows with short breaks between
  them (each window's hours line deducts its own statutory break).
- The weekly rest (36 h per 7 x 24 h, or 72 h per 14 x 24 h in parts of 32 h) and the 4- and
  16-week averages (55 h, 48 h; 40 h for 16-17) are in contracten/regels/arbeidstijd_perioden.py.
- Not encoded: the once-a-week shortening of daily rest to 8 h (so conservative).
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
from contracten.regels import arbeidstijd_perioden as perioden
from contracten.regels.kalender import leeftijd_op
from contracten.tabellen import ARBEIDSTIJD_PAUZE

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UUR = 3600
MEERDERJARIG = 18  # the youth rules stop on the 18th birthday
MINIMUMLEEFTIJD = 16  # below this no rules are encoded: such members are not planned


@dataclass(frozen=True)
class Dienstvenster:
    """One shift: aware start and end, end after start; `pauze` the planned break in seconds
    (None: the statutory break for whoever works it is planned)."""

    start: datetime
    eind: datetime
    pauze: int | None = None

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
    def epoch(self) -> tuple[int, int]:
        """Start and end as Unix seconds: gaps between windows are then plain subtraction."""
        return int(self.start.timestamp()), int(self.eind.timestamp())

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
    rustperiode_uren: Decimal  # the daily rest must fall within this many hours of a start
    nachtverbod: tuple[time, time] | None = None  # no work at all in this window
    max_nachtdienst_uren: Decimal | None = None
    rust_na_nachtdienst_uren: Decimal | None = None


ATW_BRON = "Arbeidstijdenwet (stb. 1995, 598, gewijzigd per 2007-04-01); contracten/BRONNEN.md §6"

NORMEN_VOLWASSEN: DatedTable[Arbeidstijdnormen] = DatedTable(
    "arbeidstijdnormen 18 jaar en ouder",
    [
        Feit(
            Arbeidstijdnormen(
                max_dienst_uren=Decimal(12),
                max_week_uren=Decimal(60),
                min_rust_uren=Decimal(11),
                rustperiode_uren=Decimal(24),
                max_nachtdienst_uren=Decimal(10),
                rust_na_nachtdienst_uren=Decimal(14),
            ),
            geldig_van=date(2007, 4, 1),
            geldig_tot=None,
            bron=(
                f"{ATW_BRON}: art. 1:7 (dienst), 5:3 (rust per 24 uur), "
                "5:7 (dienst/week), 5:8 (nacht); pauze: contracten/tabellen.py ARBEIDSTIJD_PAUZE"
            ),
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
                rustperiode_uren=Decimal(24),
                nachtverbod=(time(23, 0), time(6, 0)),
            ),
            geldig_van=date(2007, 4, 1),
            geldig_tot=None,
            bron=(
                f"{ATW_BRON}: art. 1:7 (dienst), 5:2 e.v. (jeugdige werknemers van 16 en 17 "
                "jaar), 5:3 (rust per 24 uur)"
            ),
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


def normen_op(geboortedatum: date, dag: date) -> Arbeidstijdnormen:
    """The limits that hold for this member on this date."""
    if leeftijd_op(geboortedatum, dag) < MEERDERJARIG:
        return NORMEN_JEUGDIG.op(dag)
    return NORMEN_VOLWASSEN.op(dag)


def max_dienst_uren(geboortedatum: date, dag: date) -> Decimal:
    """The longest shift this member may work starting on `dag`."""
    return normen_op(geboortedatum, dag).max_dienst_uren


def max_dienst_uren_volwassen(van: date, tot: date | None) -> Decimal:
    """The lowest legal maximum of an adult's dienst on any day from `van` to `tot` (None:
    open); a day the table does not cover raises GeenRegelVoorDatum."""
    NORMEN_VOLWASSEN.op(van)
    rijen = [
        r
        for r in NORMEN_VOLWASSEN.rijen
        if (r.geldig_tot is None or r.geldig_tot >= van) and (tot is None or r.geldig_van <= tot)
    ]
    if tot is not None:
        NORMEN_VOLWASSEN.op(tot)
    return min(r.waarde.max_dienst_uren for r in rijen)


def verplichte_pauze(uren: Decimal | float, leeftijd: int, *, dag: date) -> int:
    """Minutes of break required for a shift of `uren` worked hours (more than the threshold;
    contracten/tabellen.py ARBEIDSTIJD_PAUZE, contracten/BRONNEN.md §17)."""
    figuren = ARBEIDSTIJD_PAUZE.op(dag)
    gewerkt = Decimal(str(uren))
    minuten = 0
    for drempel, pauze in figuren.jeugdig if leeftijd < MEERDERJARIG else figuren.volwassen:
        if gewerkt > drempel:
            minuten = max(minuten, pauze)
    return minuten


@lru_cache(maxsize=2**16)
def pauze_seconden(geboortedatum: date, venster: Dienstvenster) -> int:
    """The statutory break in a window, in seconds: what the hours line deducts for it when
    the member reports no longer break (the window's hours, the age on its first day)."""
    dag = venster.startdag
    uren = Decimal(venster.seconden) / UUR
    return 60 * verplichte_pauze(uren, leeftijd_op(geboortedatum, dag), dag=dag)


def werktijd_seconden(geboortedatum: date, venster: Dienstvenster) -> int:
    """Seconds worked in one window: the window less its statutory break."""
    return venster.seconden - pauze_seconden(geboortedatum, venster)


def duur_tekst(seconden: int) -> str:
    """Dutch duration for messages: '11 uur', '10 uur 59 min', '30 min'."""
    uren, rest = divmod(max(seconden, 0), UUR)
    minuten = rest // 60
    if not uren and minuten:
        return f"{minuten} min"
    return f"{uren} uur {minuten} min" if minuten else f"{uren} uur"


def _uren_seconden(uren: Decimal) -> int:
    return int(uren * UUR)


@lru_cache(maxsize=2**16)
def nacht_seconden(dienst: Dienstvenster, van: time, tot: time) -> int:
    """Seconds of the window inside the daily window van..tot (a window may cross midnight)."""
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


def _seconden_tussen(eerder: datetime, later: datetime) -> int:
    """Real elapsed seconds from `eerder` to `later` (negative when `later` comes first)."""
    return int((later.astimezone(UTC) - eerder.astimezone(UTC)).total_seconds())


def _instant(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _volgorde(venster: Dienstvenster) -> tuple[datetime, datetime]:
    # Aware datetimes compare by their instant, whatever their zone.
    return venster.start, venster.eind


@dataclass(frozen=True)
class AtwDienst:
    """A dienst in the sense of the Arbeidstijdenwet (art. 1:7): a member's windows between
    two daily rests, in time order. The gaps between the windows are breaks."""

    vensters: tuple[Dienstvenster, ...]

    def __post_init__(self) -> None:
        if not self.vensters:
            raise ValueError("Een dienst heeft minstens één werkblok.")
        object.__setattr__(self, "vensters", tuple(sorted(self.vensters, key=_volgorde)))

    @cached_property
    def start(self) -> datetime:
        return self.vensters[0].start

    @cached_property
    def eind(self) -> datetime:
        return max((v.eind for v in self.vensters), key=_instant)

    @cached_property
    def startdag(self) -> date:
        return self.vensters[0].startdag

    @cached_property
    def spanne(self) -> int:
        """Seconds from the first start to the last end, breaks included."""
        return max(v.epoch[1] for v in self.vensters) - self.vensters[0].epoch[0]

    @cached_property
    def venstertijd(self) -> int:
        """Seconds at work: the windows without the gaps between them, an overlapped stretch
        once. The statutory break inside each window is still in it (see `werktijd`)."""
        return self.spanne - sum(max(0, pauze) for _, _, pauze in self.pauzes)

    def wettelijke_pauze(self, geboortedatum: date) -> int:
        """Seconds of statutory break inside the windows, each window's as its hours line."""
        return sum(pauze_seconden(geboortedatum, v) for v in self.vensters)

    def werktijd(self, geboortedatum: date) -> int:
        """Seconds worked (arbeidstijd): the time at work less the statutory breaks."""
        return self.venstertijd - self.wettelijke_pauze(geboortedatum)

    @cached_property
    def pauzes(self) -> tuple[tuple[datetime, datetime, int], ...]:
        """The gaps inside the dienst: (from, to, seconds), each from the latest end so far."""
        gaten = []
        einde = self.vensters[0]
        for venster in self.vensters[1:]:
            gat = venster.epoch[0] - einde.epoch[1]
            if gat > 0:
                gaten.append((einde.eind, venster.start, gat))
            if venster.epoch[1] > einde.epoch[1]:
                einde = venster
        return tuple(gaten)

    @cached_property
    def nacht(self) -> int:
        """Seconds worked between 00:00 and 06:00, over all windows."""
        return sum(nacht_seconden(v, time(0, 0), time(6, 0)) for v in self.vensters)


def _als_dienst(dienst: Dienstvenster | AtwDienst) -> AtwDienst:
    return dienst if isinstance(dienst, AtwDienst) else AtwDienst((dienst,))


def is_nachtdienst(dienst: Dienstvenster | AtwDienst) -> bool:
    """A night dienst: more than one hour worked between 00:00 and 06:00 (art. 1:7 ATW)."""
    return _als_dienst(dienst).nacht > UUR


def _eindigt_na_twee_uur_s_nachts(dienst: AtwDienst) -> bool:
    # "eindigt na 02.00 uur": only a night dienst ending between midnight and 02:00 is spared
    eind = dienst.eind.astimezone(AMSTERDAM)
    return is_nachtdienst(dienst) and eind.time() > time(2, 0)


def dagrust_seconden(geboortedatum: date, dag: date) -> int:
    """The daily rest for a dienst starting on `dag`: a shorter gap is a break, not a rest."""
    return _uren_seconden(normen_op(geboortedatum, dag).min_rust_uren)


def vereiste_rust_seconden(geboortedatum: date, na: Dienstvenster | AtwDienst) -> int:
    """The rest required after dienst `na`, from the rules of the day it started: the daily
    rest, or the longer rest after an adult night dienst ending after 02:00."""
    dienst = _als_dienst(na)
    normen = normen_op(geboortedatum, dienst.startdag)
    rust = normen.min_rust_uren
    if normen.rust_na_nachtdienst_uren is not None and _eindigt_na_twee_uur_s_nachts(dienst):
        rust = max(rust, normen.rust_na_nachtdienst_uren)
    return _uren_seconden(rust)


def diensten_van(geboortedatum: date, vensters: Iterable[Dienstvenster]) -> list[AtwDienst]:
    """A member's windows grouped into diensten: a window starting less than the daily rest
    after the latest end so far belongs to the same dienst (overlap included).

    The daily rest is that of the day the dienst started, so a dienst started under 18 keeps
    the 12 h of the youth rules even past midnight on the 18th birthday.
    """
    diensten: list[AtwDienst] = []
    huidig: list[Dienstvenster] = []
    einde = 0  # Unix seconds of the latest end in the current dienst
    for venster in sorted(vensters, key=_volgorde):
        if huidig and venster.epoch[0] - einde < dagrust_seconden(
            geboortedatum, huidig[0].startdag
        ):
            huidig.append(venster)
            einde = max(einde, venster.epoch[1])
            continue
        if huidig:
            diensten.append(AtwDienst(tuple(huidig)))
        huidig, einde = [venster], venster.epoch[1]
    if huidig:
        diensten.append(AtwDienst(tuple(huidig)))
    return diensten


def conflict_tussen(geboortedatum: date, a: Dienstvenster, b: Dienstvenster) -> Overtreding | None:
    """Why one member cannot work both windows, or None: they overlap, or together as one
    dienst they break its limits (hours, night, rest within 24 h), or the gap is too short
    for the rest after a night dienst.

    Sound for planning: when two windows conflict, every set holding both breaks a rule too,
    since adding windows never splits a dienst. The converse does not hold: three windows
    can together exceed a dienst's hours while every pair fits (see coop.engines.planning).
    """
    eerste, tweede = sorted((a, b), key=_volgorde)
    gat = tweede.epoch[0] - eerste.epoch[1]
    if gat < 0:
        return _overlap(eerste, tweede)
    # The same grouping as diensten_van, for two windows without building it (planning
    # calls this for every nearby pair of every candidate).
    if gat >= dagrust_seconden(geboortedatum, eerste.startdag):
        return _rust_tussen(geboortedatum, AtwDienst((eerste,)), AtwDienst((tweede,)))
    dienst = AtwDienst((eerste, tweede))
    return next(iter(_dienstregels(geboortedatum, dienst)), None) or _pauzeregel(
        geboortedatum, dienst
    )


def _overlap(eerste: Dienstvenster, tweede: Dienstvenster) -> Overtreding:
    return Overtreding(
        "overlap",
        f"Diensten overlappen: {_tijd(tweede.start)} begint voor het einde van de "
        f"dienst die om {_tijd(eerste.eind)} eindigt.",
        tweede,
    )


def _rust_tussen(geboortedatum: date, eerder: AtwDienst, later: AtwDienst) -> Overtreding | None:
    """The rest between two consecutive diensten against the rest `eerder` requires."""
    gat = later.vensters[0].epoch[0] - max(v.epoch[1] for v in eerder.vensters)
    normen = normen_op(geboortedatum, eerder.startdag)
    if gat >= _uren_seconden(
        max(normen.min_rust_uren, normen.rust_na_nachtdienst_uren or Decimal(0))
    ):
        return None  # enough after any dienst: no need to look at its night hours
    nodig = vereiste_rust_seconden(geboortedatum, eerder)
    if gat >= nodig:
        return None
    soort = "nachtdienst" if is_nachtdienst(eerder) else "dienst"
    return Overtreding(
        "rust",
        f"Te weinig rust tussen diensten: {duur_tekst(gat)} na de {soort} die om "
        f"{_tijd(eerder.eind)} eindigt, minimaal {duur_tekst(nodig)} vereist.",
        later.vensters[0],
    )


def _tijd(moment: datetime) -> str:
    return f"{moment.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"


def _klok(moment: datetime) -> str:
    return f"{moment.astimezone(AMSTERDAM):%H:%M}"


def _blokken(dienst: AtwDienst) -> str:
    """'09:00-12:00 en 13:00-17:00': the windows of a dienst for a message."""
    delen = [f"{_klok(v.start)}-{_klok(v.eind)}" for v in dienst.vensters]
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def controleer_dienst(geboortedatum: date, dienst: Dienstvenster | AtwDienst) -> list[Overtreding]:
    """The rules for one dienst on its own: age, worked hours, night work, rest within 24 h."""
    dienst = _als_dienst(dienst)
    fouten = [f for v in dienst.vensters for f in _vensterregels(geboortedatum, v)]
    pauze = _pauzeregel(geboortedatum, dienst)
    return fouten + ([pauze] if pauze else []) + _dienstregels(geboortedatum, dienst)


def _vensterregels(geboortedatum: date, venster: Dienstvenster) -> list[Overtreding]:
    """The rules each window keeps on its own: the minimum age and the youth night ban."""
    dag = venster.startdag
    leeftijd = leeftijd_op(geboortedatum, dag)
    if leeftijd < MINIMUMLEEFTIJD:
        return [
            Overtreding(
                "leeftijd",
                f"Werknemer is op {dag:%d-%m-%Y} {leeftijd} jaar; diensten voor werknemers "
                f"jonger dan {MINIMUMLEEFTIJD} worden niet ingepland.",
                venster,
            )
        ]
    verbod = normen_op(geboortedatum, dag).nachtverbod
    if verbod is not None and nacht_seconden(venster, *verbod) > 0:
        van, tot = verbod
        return [
            Overtreding(
                "nacht_minderjarig",
                f"Werknemer van {leeftijd} jaar mag niet werken tussen {van:%H:%M} en "
                f"{tot:%H:%M}; de dienst van {_tijd(venster.start)} valt daarin.",
                venster,
            )
        ]
    fout = _geplande_pauze(geboortedatum, venster)
    return [fout] if fout is not None else []


def _geplande_pauze(geboortedatum: date, venster: Dienstvenster) -> Overtreding | None:
    """A planned break shorter than the statutory one for this member (art. 5:4)."""
    nodig = pauze_seconden(geboortedatum, venster)
    if venster.pauze is None or venster.pauze >= nodig:
        return None
    return _pauze_tekort(venster, nodig, f"{leeftijd_op(geboortedatum, venster.startdag)} jaar")


def geplande_pauze_tekort(
    venster: Dienstvenster, geboortedatum: date | None = None
) -> Overtreding | None:
    """A planned break shorter than the statutory one (art. 5:4), as offers and acceptance
    refuse it (`controleer_diensten`): for the member born on `geboortedatum`, or, with
    nobody known yet, for an adult, the shortest break any member is owed (a minor's longer
    one is refused when the shift is offered to them)."""
    if geboortedatum is not None:
        return _geplande_pauze(geboortedatum, venster)
    if venster.pauze is None:
        return None
    uren = Decimal(venster.seconden) / UUR
    nodig = 60 * verplichte_pauze(uren, MEERDERJARIG, dag=venster.startdag)
    if venster.pauze >= nodig:
        return None
    return _pauze_tekort(venster, nodig, f"{MEERDERJARIG} jaar of ouder")


def _pauze_tekort(venster: Dienstvenster, nodig: int, leeftijd: str) -> Overtreding:
    gepland = f"{duur_tekst(venster.pauze)} pauze" if venster.pauze else "geen pauze"
    return Overtreding(
        "pauze",
        f"De dienst van {_tijd(venster.start)} tot {_klok(venster.eind)} "
        f"({duur_tekst(venster.seconden)}) heeft {gepland} gepland; een werknemer van "
        f"{leeftijd} heeft bij deze dienstlengte recht op ten minste {duur_tekst(nodig)} pauze "
        "(Arbeidstijdenwet art. 5:4).",
        venster,
    )


def venster_pauze(geboortedatum: date, venster: Dienstvenster) -> int:
    """Seconds of break in a window: the planned break, at least the statutory one."""
    return max(venster.pauze or 0, pauze_seconden(geboortedatum, venster))


def betaalde_seconden(geboortedatum: date, venster: Dienstvenster) -> int:
    """Seconds of a planned window that are paid when it is not worked (a late cancellation,
    sickness, leave): the window less its break as the call states it, the planned one and
    at least the statutory one."""
    return venster.seconden - venster_pauze(geboortedatum, venster)


def _pauzeregel(geboortedatum: date, dienst: AtwDienst) -> Overtreding | None:
    """Work in one go without a break (art. 5:4, contracten/BRONNEN.md §17): windows of a
    dienst that follow each other with less than the smallest part of a break (15 min) between
    them, none with a break of its own, together at most the work after which the law asks a
    break (5.5 h; 4.5 h at 16-17).

    Stricter than the letter, which asks the break per dienst wherever it falls: read so, a
    later window after a long gap could supply a missing break, and adding work would cure a
    violation. Read as here, adding a window never does (the planner's cuts rely on that).
    """
    if len(dienst.vensters) < 2:
        return None  # a single window: its own break (`_geplande_pauze`)
    dag = dienst.startdag
    figuren = ARBEIDSTIJD_PAUZE.op(dag)
    jeugdig = leeftijd_op(geboortedatum, dag) < MEERDERJARIG
    drempel, minuten = (figuren.jeugdig if jeugdig else figuren.volwassen)[0]
    deel = 60 * figuren.min_deel_minuten
    keten: list[Dienstvenster] = []
    einde = duur = 0
    for venster in dienst.vensters:
        if venster_pauze(geboortedatum, venster):
            keten = []  # a window with a break of its own ends the work in one go
            continue
        if keten and venster.epoch[0] - einde < deel:
            keten.append(venster)
            duur, einde = duur + venster.seconden, max(einde, venster.epoch[1])
        else:
            keten, duur, einde = [venster], venster.seconden, venster.epoch[1]
        if len(keten) > 1 and duur > _uren_seconden(drempel):
            return Overtreding(
                "pauze",
                f"Dienst {_blokken(AtwDienst(tuple(keten)))} op {dag:%d-%m-%Y}: "
                f"{duur_tekst(duur)} werk achter elkaar zonder pauze; bij meer dan "
                f"{duur_tekst(_uren_seconden(drempel))} werk is ten minste {minuten} min pauze "
                f"verplicht (Arbeidstijdenwet art. 5:4); een onderbreking telt als pauze vanaf "
                f"{duur_tekst(deel)}.",
                venster,
            )
    return None


def _dienstregels(geboortedatum: date, dienst: AtwDienst) -> list[Overtreding]:
    """The limits of a whole dienst: worked hours, a night dienst's hours, rest within 24 h."""
    dag = dienst.startdag
    normen = normen_op(geboortedatum, dag)
    if dienst.spanne <= _kortste_grens(normen):
        return []  # worked time never exceeds the span: every limit below holds
    leeftijd = leeftijd_op(geboortedatum, dag)
    werktijd = dienst.werktijd(geboortedatum)
    fouten = []
    if werktijd > _uren_seconden(normen.max_dienst_uren):
        fouten.append(
            Overtreding(
                "max_dienst",
                f"Dienst van {duur_tekst(werktijd)} gewerkt{_gewerkt_in(geboortedatum, dienst)} "
                f"op {dag:%d-%m-%Y} is langer dan de toegestane {normen.max_dienst_uren} uur "
                f"gewerkt per dienst (leeftijd {leeftijd}).",
                dienst.vensters[-1],
            )
        )
    limiet = normen.max_nachtdienst_uren
    if limiet is not None and is_nachtdienst(dienst):
        if werktijd > _uren_seconden(limiet):
            fouten.append(
                Overtreding(
                    "max_nachtdienst",
                    f"Nachtdienst van {duur_tekst(werktijd)} gewerkt"
                    f"{_gewerkt_in(geboortedatum, dienst)} vanaf {_tijd(dienst.start)} is "
                    f"langer dan de toegestane {limiet} uur gewerkt.",
                    dienst.vensters[-1],
                )
            )
    fout = _rust_binnen_periode(normen, dienst)
    if fout is not None:
        fouten.append(fout)
    return fouten


@cache
def _kortste_grens(normen: Arbeidstijdnormen) -> int:
    """The shortest span at which some limit of a dienst could be broken, in seconds."""
    grenzen = [normen.max_dienst_uren, normen.rustperiode_uren - normen.min_rust_uren]
    if normen.max_nachtdienst_uren is not None:
        grenzen.append(normen.max_nachtdienst_uren)
    return _uren_seconden(min(grenzen))


def _gewerkt_in(geboortedatum: date, dienst: AtwDienst) -> str:
    """' (08:00-12:00 en 13:00-17:31; wettelijke pauze van 30 min niet meegeteld)'."""
    delen = [] if len(dienst.vensters) == 1 else [_blokken(dienst)]
    pauze = dienst.wettelijke_pauze(geboortedatum)
    if pauze:
        delen.append(f"wettelijke pauze van {duur_tekst(pauze)} niet meegeteld")
    return f" ({'; '.join(delen)})" if delen else ""


def _rust_binnen_periode(normen: Arbeidstijdnormen, dienst: AtwDienst) -> Overtreding | None:
    """The daily rest must fall within the 24 h from the dienst's start (art. 5:3). Gaps in
    the dienst are shorter than that rest, so the dienst must end early enough for it."""
    periode = _uren_seconden(normen.rustperiode_uren)
    rust = _uren_seconden(normen.min_rust_uren)
    if dienst.spanne <= periode - rust:
        return None
    # For the message: the longest rest the member does get within the period.
    grens = dienst.start + timedelta(seconds=periode)
    langste = max(
        [periode - dienst.spanne]
        + [_seconden_tussen(van, min(tot, grens, key=_instant)) for van, tot, _ in dienst.pauzes]
    )
    return Overtreding(
        "rust",
        f"Te weinig rust: binnen {normen.rustperiode_uren} uur na het begin van de dienst om {_tijd(dienst.start)} "
        f"({_blokken(dienst)}) is de langste rust {duur_tekst(langste)}, minimaal "
        f"{duur_tekst(rust)} aaneengesloten vereist; een kortere onderbreking is een pauze "
        f"binnen de dienst.",
        dienst.vensters[-1],
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


@lru_cache(maxsize=2**16)
def _week_werktijd(
    geboortedatum: date, dienst: Dienstvenster, weekstart: int
) -> tuple[tuple[date, int], ...]:
    """Worked seconds of a window per week: its statutory break spread over the parts in
    proportion (the last part takes the rounding), so the parts add up to its worked time."""
    delen = _week_delen(dienst, weekstart)
    pauze = pauze_seconden(geboortedatum, dienst)
    if not pauze:
        return delen
    uit, over = [], pauze
    for i, (week, sec) in enumerate(delen):
        aandeel = over if i == len(delen) - 1 else pauze * sec // dienst.seconden
        over -= aandeel
        uit.append((week, sec - aandeel))
    return tuple(uit)


def weekuren(
    geboortedatum: date, diensten: Iterable[Dienstvenster], weekstart: int = 0
) -> dict[date, Weekuren]:
    """Worked seconds per week (keyed by the week's first day), statutory breaks excluded."""
    totaal: dict[date, int] = defaultdict(int)
    jong: dict[date, int] = defaultdict(int)
    for dienst in diensten:
        minderjarig = leeftijd_op(geboortedatum, dienst.startdag) < MEERDERJARIG
        for week, sec in _week_werktijd(geboortedatum, dienst, weekstart):
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
                    f"In de week van {week:%d-%m-%Y} {duur_tekst(gewerkt)} gewerkt{wie} "
                    f"(wettelijke pauzes niet meegeteld), meer dan de toegestane "
                    f"{duur_tekst(limiet)} gewerkt per week.",
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
    """Every working-time rule the new windows would break, given the existing ones.

    The windows are grouped into diensten (`diensten_van`); only violations that involve a
    new window are reported: existing windows were checked when they were assigned. So the
    limits of every dienst holding a new window, the rest on either side of it, overlaps of a
    new window, and the hours of every week a new window touches.
    """
    fouten = [f for venster in nieuw for f in _vensterregels(geboortedatum, venster)]
    fouten.extend(_overlappen(bestaande, nieuw))
    fouten.extend(_dienstoverschrijdingen(geboortedatum, bestaande, nieuw))
    per_week = weekuren(geboortedatum, [*bestaande, *nieuw], weekstart)
    nieuwe_weken = {w for d in nieuw for w, _ in _week_delen(d, weekstart)}
    for week in sorted(nieuwe_weken):
        fouten.extend(_weekoverschrijdingen(per_week[week], week))
    fouten.extend(_perioderegels(geboortedatum, bestaande, nieuw, per_week, nieuwe_weken))
    return fouten


def _perioderegels(
    geboortedatum: date,
    bestaande: Sequence[Dienstvenster],
    nieuw: Sequence[Dienstvenster],
    per_week: dict[date, Weekuren],
    nieuwe_weken: set[date],
) -> list[Overtreding]:
    """The weekly rest and the 4- and 16-week averages (contracten/regels/arbeidstijd_perioden.py)."""
    nieuwe = set(nieuw)
    blokken = [
        perioden.Blok(
            v.epoch[0],
            v.epoch[1],
            v.startdag,
            jeugdig=leeftijd_op(geboortedatum, v.startdag) < MEERDERJARIG,
            nieuw=v in nieuwe,
            ref=v,
        )
        for v in [*bestaande, *nieuw]
    ]
    weken = {w: (u.totaal, u.minderjarig) for w, u in per_week.items()}
    gevonden = perioden.wekelijkse_rust(blokken) + perioden.gemiddelde_weekuren(weken, nieuwe_weken)
    return [
        Overtreding(b.code, b.melding, b.ref if isinstance(b.ref, Dienstvenster) else None)
        for b in gevonden
    ]


def _dienstoverschrijdingen(
    geboortedatum: date, bestaande: Sequence[Dienstvenster], nieuw: Sequence[Dienstvenster]
) -> list[Overtreding]:
    """The limits of each dienst holding a new window, and the rest before and after it."""
    nieuwe = set(nieuw)
    diensten = diensten_van(geboortedatum, [*bestaande, *nieuw])
    betrokken = [any(v in nieuwe for v in d.vensters) for d in diensten]
    fouten: list[Overtreding] = []
    for i, dienst in enumerate(diensten):
        if betrokken[i]:
            pauze = _pauzeregel(geboortedatum, dienst)
            fouten.extend([pauze] if pauze else [])
            fouten.extend(_dienstregels(geboortedatum, dienst))
        if i and (betrokken[i] or betrokken[i - 1]):
            fout = _rust_tussen(geboortedatum, diensten[i - 1], dienst)
            if fout is not None:
                fouten.append(fout)
    return fouten


def _overlappen(
    bestaande: Sequence[Dienstvenster], nieuw: Sequence[Dienstvenster]
) -> list[Overtreding]:
    """Every pair of overlapping windows with at least one new one, once per pair."""
    fouten: list[Overtreding] = []
    gezien: set[tuple[Dienstvenster, Dienstvenster]] = set()
    alle = [*bestaande, *nieuw]
    for i, venster in enumerate(nieuw):
        eigen = len(bestaande) + i
        for j, ander in enumerate(alle):
            if j == eigen or not (ander.start < venster.eind and venster.start < ander.eind):
                continue
            eerste, tweede = sorted((venster, ander), key=_volgorde)
            if (eerste, tweede) not in gezien:
                gezien.add((eerste, tweede))
                fouten.append(_overlap(eerste, tweede))
    return fouten
