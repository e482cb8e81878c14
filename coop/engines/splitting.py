"""Splitting a work package into jobs: permanent ("vast") or incidental ("incidenteel").

One module on purpose: the one-off and the recurring split share the quarter-hour arithmetic
and the place assignment, and reading them together is how their equal treatment is checked.

Pure: frozen dataclasses in, dataclasses out; no Django, no database, no clock. The same input
always gives the same jobs in the same order.

Decisions (see also the docstrings of `split` and the helpers):
- Recurring work that runs at least `structureel_min_weken` weeks, or has no end date, is
  structural: it becomes permanent work, one JobSpec "vast" per person the weekly pattern needs
  (normally one; more only when blocks overlap or one day holds more than `max_dienst_uren`).
- All other work is incidental: one JobSpec "incidenteel" per package, holding every shift
  (`Dienst`). The broker offers each shift to one person. Shifts worked at the same time by
  different people are separate `Dienst` entries with a different `plek` (0, 1, ...): within
  a JobSpec one plek never has two overlapping shifts nor more than the day limit on one date.
- One-off work with agreed time windows (`Venster`: a date, a begin and an end, say the
  block a tenant is at home) is placed only inside them: each shift starts when its window
  opens and ends inside it; work that does not fit is refused, saying how much does.
- All times are on quarter-hour boundaries and hours are counted in whole quarters internally,
  so the hours of the shifts add up exactly to the hours of the package.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from contracten.arbeidstijd import max_dienst_uren_volwassen
from contracten.feiten import GeenRegelVoorDatum
from coop.engines.fouten import InvoerFout

VAST = "vast"
INCIDENTEEL = "incidenteel"

_KWARTIER_MINUTEN = 15
_LAATSTE_EIND_MINUTEN = 23 * 60 + 45  # a shift in a day ends by 23:45: `time` has no 24:00


class SplitFout(InvoerFout):
    """Input that cannot be split. `veld` names the offending field, `melding` is Dutch."""


def _minuten(t: time) -> int:
    return t.hour * 60 + t.minute


def _tijd(minuten: int) -> time:
    return time(minuten // 60, minuten % 60)


def _uren_tussen(begin: time, eind: time) -> Decimal:
    return Decimal(_minuten(eind) - _minuten(begin)) / Decimal(60)


def _uren(kwartieren: int) -> Decimal:
    return Decimal(kwartieren) / Decimal(4)  # exact: a quarter is 0.25


def _op_kwartier(t: time) -> bool:
    return t.minute % _KWARTIER_MINUTEN == 0 and t.second == 0 and t.microsecond == 0


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def fmt_uren(uren: Decimal) -> str:
    """Hours the Dutch way: 8, 12,5, 0,25."""
    return f"{uren.normalize():f}".replace(".", ",")


@dataclass(frozen=True)
class Tijdvak:
    """One block of a weekly pattern: weekdag 0 = maandag .. 6 = zondag, begin before eind."""

    weekdag: int
    begin: time
    eind: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekdag <= 6:
            raise SplitFout("patroon", f"Weekdag {self.weekdag} bestaat niet (0 = maandag .. 6).")
        if self.eind <= self.begin:
            raise SplitFout(
                "patroon",
                f"Een blok in het patroon eindigt ({self.eind:%H:%M}) niet na het begin "
                f"({self.begin:%H:%M}); werk over middernacht past niet in één blok.",
            )

    @property
    def uren(self) -> Decimal:
        return _uren_tussen(self.begin, self.eind)

    @property
    def minuten(self) -> int:
        return _minuten(self.eind) - _minuten(self.begin)


@dataclass(frozen=True)
class Venster:
    """A time window on one date in which one-off work must happen (say the block a tenant
    agreed to be at home): begin before eind, both on the same date."""

    datum: date
    begin: time
    eind: time

    def __post_init__(self) -> None:
        if self.eind <= self.begin:
            raise SplitFout(
                "vensters",
                f"Het tijdvenster op {self.datum:%d-%m-%Y} eindigt ({self.eind:%H:%M}) niet na "
                f"het begin ({self.begin:%H:%M}).",
            )

    @property
    def kwartieren(self) -> int:
        return (_minuten(self.eind) - _minuten(self.begin)) // _KWARTIER_MINUTEN

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.begin:%H:%M}-{self.eind:%H:%M}"


@dataclass(frozen=True)
class EenmaligWerk:
    """A one-off package: `totaal_uren` of work somewhere in a window of dates.

    With `vensters` the work happens only inside those time windows (those in the window of
    dates); `dagen` and `dag_begin` then play no part."""

    vroegste_start: date
    uiterlijk_eind: date
    totaal_uren: Decimal
    max_uren_per_dag: Decimal | None = None  # per person per day
    max_personen: int = 1  # people working at once: parallel shifts on each day
    dagen: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # allowed weekdays
    dag_begin: time = time(8, 0)  # shifts start at this time
    vensters: tuple[Venster, ...] = ()


@dataclass(frozen=True)
class TerugkerendWerk:
    """A recurring package: the weekly pattern from startdatum to einddatum (None: open)."""

    patroon: tuple[Tijdvak, ...]
    startdatum: date
    einddatum: date | None


@dataclass(frozen=True)
class SplitConfig:
    """Staff-configurable defaults (coop Instellingen)."""

    structureel_min_weken: int = 13
    # Never above the legal maximum of a shift on the package's dates (`_controleer_config`,
    # from the dated working-time table in contracten/arbeidstijd.py).
    max_dienst_uren: Decimal = Decimal("8")
    # A planning preference, not a limit: split a remainder so that no shift is shorter than
    # this when there is more work (an on-call shift under 3 hours still costs 3 hours' pay).
    min_dienst_uren: Decimal = Decimal("3")


STANDAARD_CONFIG = SplitConfig()


@dataclass(frozen=True)
class Dienst:
    """One incidental shift for one person; `plek` tells parallel shifts apart."""

    datum: date
    begin: time
    eind: time
    plek: int = 0

    @property
    def uren(self) -> Decimal:
        return _uren_tussen(self.begin, self.eind)


@dataclass(frozen=True)
class JobSpec:
    """A job to create: "vast" carries a weekly pattern, "incidenteel" carries shifts."""

    soort: str
    reden: str
    diensten: tuple[Dienst, ...] = ()
    patroon: tuple[Tijdvak, ...] = ()
    startdatum: date | None = None
    einddatum: date | None = None

    @property
    def uren_per_week(self) -> Decimal:
        """Vast: the hours of the weekly pattern. Incidenteel: the busiest calendar week."""
        if self.soort == VAST:
            return sum((t.uren for t in self.patroon), Decimal(0))
        per_week: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        for d in self.diensten:
            per_week[d.datum.isocalendar()[:2]] += d.uren
        return max(per_week.values(), default=Decimal(0))

    @property
    def totaal_uren(self) -> Decimal | None:
        """All hours of the job; None for open-ended permanent work."""
        if self.soort == INCIDENTEEL:
            return sum((d.uren for d in self.diensten), Decimal(0))
        if self.startdatum is None or self.einddatum is None:
            return None
        return sum(
            (
                t.uren * _aantal_weekdagen(self.startdatum, self.einddatum, t.weekdag)
                for t in self.patroon
            ),
            Decimal(0),
        )


def _aantal_weekdagen(van: date, tot: date, weekdag: int) -> int:
    """How many dates in van..tot (inclusive) fall on `weekdag`."""
    eerste = van + timedelta(days=(weekdag - van.weekday()) % 7)
    return 0 if eerste > tot else (tot - eerste).days // 7 + 1


def _datums(van: date, tot: date, weekdagen: Iterable[int]) -> Iterator[date]:
    toegestaan = set(weekdagen)
    dag = van
    while dag <= tot:
        if dag.weekday() in toegestaan:
            yield dag
        dag += timedelta(days=1)


def _kwartieren(uren: Decimal, veld: str, naam: str) -> int:
    kwartieren = uren * 4
    if kwartieren != kwartieren.to_integral_value():
        raise SplitFout(veld, f"{naam} ({fmt_uren(uren)}) is geen veelvoud van een kwartier.")
    return int(kwartieren)


def stukken(totaal: int, grootste: int, kleinste: int) -> list[int]:
    """Cut `totaal` quarters into chunks of at most `grootste`: large ones first, then a small one.

    The remainder chunk is made at least `kleinste` (when there is more than one chunk) by
    taking from the chunk before it, so work is not cut into needlessly short shifts.
    """
    if totaal <= 0:
        return []
    aantal = -(-totaal // grootste)
    rest = totaal - (aantal - 1) * grootste
    delen = [grootste] * (aantal - 1) + [rest]
    if aantal > 1 and rest < kleinste:
        laatste = max(rest, min(kleinste, (grootste + rest) // 2))
        delen[-2:] = [grootste + rest - laatste, laatste]
    return delen


def _controleer_config(config: SplitConfig, van: date, tot: date | None) -> tuple[int, int]:
    """Validate the configuration for work from `van` to `tot` (None: open); returns (max,
    min) shift length in quarters. The legal maximum is the working-time table's for those
    dates (the lowest, should the law change within them)."""
    if config.structureel_min_weken < 1:
        raise SplitFout("structureel_min_weken", "Structureel vanaf moet minstens 1 week zijn.")
    try:
        wettelijk = max_dienst_uren_volwassen(van, tot)
    except GeenRegelVoorDatum as exc:
        raise SplitFout("max_dienst_uren", str(exc)) from None
    grootste = _kwartieren(config.max_dienst_uren, "max_dienst_uren", "Maximale dienstlengte")
    if grootste <= 0 or config.max_dienst_uren > wettelijk:
        raise SplitFout(
            "max_dienst_uren",
            f"Maximale dienstlengte moet tussen 0 en de wettelijke "
            f"{fmt_uren(wettelijk)} uur liggen, niet {fmt_uren(config.max_dienst_uren)}.",
        )
    kleinste = _kwartieren(config.min_dienst_uren, "min_dienst_uren", "Minimale dienstlengte")
    if kleinste < 0:
        raise SplitFout("min_dienst_uren", "Minimale dienstlengte mag niet negatief zijn.")
    return grootste, min(kleinste, grootste)


def split(
    werk: EenmaligWerk | TerugkerendWerk, config: SplitConfig = STANDAARD_CONFIG
) -> list[JobSpec]:
    """Split a package into jobs, each with its kind and the reason in Dutch for staff.

    Recurring work of at least `structureel_min_weken` weeks or without end: permanent.
    Shorter recurring work and one-off work: incidental shifts of at most `max_dienst_uren`.
    Raises SplitFout (a ValueError) naming the field when the input cannot be split.
    """
    if isinstance(werk, TerugkerendWerk):
        grootste, kleinste = _controleer_config(config, werk.startdatum, werk.einddatum)
        return _split_terugkerend(werk, config, grootste, kleinste)
    if isinstance(werk, EenmaligWerk):
        grootste, kleinste = _controleer_config(config, werk.vroegste_start, werk.uiterlijk_eind)
        return [_split_eenmalig(werk, grootste, kleinste)]
    raise TypeError(f"Onbekende soort werk: {type(werk).__name__}")


# --- recurring work ---------------------------------------------------------------------------


def _looptijd(start: date, eind: date | None) -> str:
    if eind is None:
        return "zonder einddatum"
    weken, dagen = divmod((eind - start).days + 1, 7)
    delen = []
    if weken:
        delen.append(_aantal(weken, "week", "weken"))
    if dagen:
        delen.append(_aantal(dagen, "dag", "dagen"))
    return " en ".join(delen)


def _controleer_terugkerend(werk: TerugkerendWerk) -> None:
    if not werk.patroon:
        raise SplitFout("patroon", "Het patroon is leeg: geef minstens één blok per week op.")
    for blok in werk.patroon:
        if not (_op_kwartier(blok.begin) and _op_kwartier(blok.eind)):
            raise SplitFout(
                "patroon",
                f"Blok {blok.begin:%H:%M}-{blok.eind:%H:%M} begint of eindigt niet op een kwartier.",
            )
    if werk.einddatum is not None and werk.einddatum < werk.startdatum:
        raise SplitFout(
            "einddatum",
            f"De einddatum ({werk.einddatum:%d-%m-%Y}) ligt vóór de startdatum "
            f"({werk.startdatum:%d-%m-%Y}).",
        )


def _is_structureel(werk: TerugkerendWerk, config: SplitConfig) -> bool:
    if werk.einddatum is None:
        return True
    return (werk.einddatum - werk.startdatum).days + 1 >= 7 * config.structureel_min_weken


def _split_terugkerend(
    werk: TerugkerendWerk, config: SplitConfig, grootste: int, kleinste: int
) -> list[JobSpec]:
    _controleer_terugkerend(werk)
    looptijd = _looptijd(werk.startdatum, werk.einddatum)
    if _is_structureel(werk, config):
        return _vaste_jobs(
            werk, f"wekelijks terugkerend, {looptijd}: structureel", grootste, kleinste
        )
    reden = (
        f"wekelijks terugkerend, {looptijd} (korter dan {config.structureel_min_weken} weken): "
        "incidenteel"
    )
    return [_incidentele_job(werk, reden, grootste, kleinste)]


def _blokstukken(blok: Tijdvak, grootste: int, kleinste: int) -> list[tuple[int, int]]:
    """A block as consecutive pieces (begin, end in minutes) of at most `grootste` quarters."""
    begin = _minuten(blok.begin)
    delen = []
    for kwartieren in stukken(blok.minuten // _KWARTIER_MINUTEN, grootste, kleinste):
        eind = begin + kwartieren * _KWARTIER_MINUTEN
        delen.append((begin, eind))
        begin = eind
    return delen


def verdeel_over_plekken(stukken_van_dag: list[tuple[int, int]], max_minuten: int) -> list[int]:
    """Give each piece (begin, end in minutes) of one day the lowest plek (person) it fits.

    A plek never gets overlapping pieces nor more than `max_minuten` in the day, so the pieces
    of a block that was cut at the shift limit always go to different people. Pieces must come
    sorted by (begin, end); the result lists the plek of each piece in that order.
    """
    plekken: list[list[tuple[int, int]]] = []
    toewijzing = []
    for begin, eind in stukken_van_dag:
        for nummer, bezet in enumerate(plekken):
            vrij = all(e <= begin or eind <= b for b, e in bezet)
            if vrij and sum(e - b for b, e in bezet) + eind - begin <= max_minuten:
                bezet.append((begin, eind))
                toewijzing.append(nummer)
                break
        else:
            plekken.append([(begin, eind)])
            toewijzing.append(len(plekken) - 1)
    return toewijzing


def _dag_indeling(
    blokken: Iterable[Tijdvak], grootste: int, kleinste: int
) -> list[tuple[int, int, int]]:
    """The blocks of one weekday as (plek, begin, end) pieces, sorted by begin."""
    delen = sorted(d for blok in blokken for d in _blokstukken(blok, grootste, kleinste))
    plekken = verdeel_over_plekken(delen, grootste * _KWARTIER_MINUTEN)
    return [(p, b, e) for p, (b, e) in zip(plekken, delen, strict=True)]


def _vaste_jobs(werk: TerugkerendWerk, reden: str, grootste: int, kleinste: int) -> list[JobSpec]:
    """One permanent job per person the weekly pattern needs (normally exactly one)."""
    per_plek: dict[int, list[Tijdvak]] = defaultdict(list)
    for weekdag in range(7):
        blokken = [t for t in werk.patroon if t.weekdag == weekdag]
        for plek, begin, eind in _dag_indeling(blokken, grootste, kleinste):
            per_plek[plek].append(Tijdvak(weekdag, _tijd(begin), _tijd(eind)))
    aantal = len(per_plek)
    if aantal > 1:
        reden += (
            f"; patroon verdeeld over {aantal} vaste banen (blokken tegelijk of meer dan "
            f"{fmt_uren(_uren(grootste))} uur op een dag)"
        )
    return [
        JobSpec(
            soort=VAST,
            reden=reden,
            patroon=tuple(per_plek[plek]),
            startdatum=werk.startdatum,
            einddatum=werk.einddatum,
        )
        for plek in sorted(per_plek)
    ]


def _incidentele_job(werk: TerugkerendWerk, reden: str, grootste: int, kleinste: int) -> JobSpec:
    """Every occurrence of the pattern in the period as shifts, cut at the shift limit."""
    assert werk.einddatum is not None  # open-ended work is always structural
    indeling = {
        wd: _dag_indeling([t for t in werk.patroon if t.weekdag == wd], grootste, kleinste)
        for wd in range(7)
    }
    diensten = [
        Dienst(datum, _tijd(begin), _tijd(eind), plek)
        for datum in _datums(werk.startdatum, werk.einddatum, range(7))
        for plek, begin, eind in indeling[datum.weekday()]
    ]
    if not diensten:
        raise SplitFout(
            "patroon",
            f"Geen enkel blok van het patroon valt tussen {werk.startdatum:%d-%m-%Y} en "
            f"{werk.einddatum:%d-%m-%Y}.",
        )
    return _incidenteel(reden, diensten, grootste)


def _incidenteel(reden: str, diensten: list[Dienst], grootste: int) -> JobSpec:
    diensten.sort(key=lambda d: (d.datum, d.begin, d.plek))
    reden += f", {len(diensten)} diensten van hoogstens {fmt_uren(_uren(grootste))} uur"
    tegelijk = max(d.plek for d in diensten) + 1
    if tegelijk > 1:
        reden += f", tot {tegelijk} mensen tegelijk"
    return JobSpec(
        soort=INCIDENTEEL,
        reden=reden,
        diensten=tuple(diensten),
        startdatum=diensten[0].datum,
        einddatum=diensten[-1].datum,
    )


# --- one-off work -----------------------------------------------------------------------------


def _controleer_eenmalig(werk: EenmaligWerk) -> int:
    """Validate a one-off package; returns its hours in quarters."""
    if werk.totaal_uren <= 0:
        raise SplitFout("totaal_uren", "Het aantal uren moet groter dan nul zijn.")
    totaal = _kwartieren(werk.totaal_uren, "totaal_uren", "Het aantal uren")
    if werk.uiterlijk_eind < werk.vroegste_start:
        raise SplitFout(
            "uiterlijk_eind",
            f"Uiterlijk klaar ({werk.uiterlijk_eind:%d-%m-%Y}) ligt vóór de vroegste start "
            f"({werk.vroegste_start:%d-%m-%Y}).",
        )
    if werk.max_personen < 1:
        raise SplitFout("max_personen", "Er moet minstens één persoon tegelijk kunnen werken.")
    if not werk.dagen or not set(werk.dagen) <= set(range(7)):
        raise SplitFout("dagen", "Kies minstens één weekdag (0 = maandag .. 6 = zondag).")
    if not _op_kwartier(werk.dag_begin):
        raise SplitFout("dag_begin", f"Begintijd {werk.dag_begin:%H:%M} valt niet op een kwartier.")
    if werk.max_uren_per_dag is not None and werk.max_uren_per_dag <= 0:
        raise SplitFout(
            "max_uren_per_dag", "Het maximum aantal uren per dag moet boven nul liggen."
        )
    for venster in werk.vensters:
        if not (_op_kwartier(venster.begin) and _op_kwartier(venster.eind)):
            raise SplitFout(
                "vensters", f"Tijdvenster {venster} begint of eindigt niet op een kwartier."
            )
    return totaal


def _dienstlengte(werk: EenmaligWerk, grootste: int) -> int:
    """The longest shift in quarters: shift limit, the package's day limit, the day's end."""
    lengte = grootste
    if werk.max_uren_per_dag is not None:
        per_dag = _kwartieren(werk.max_uren_per_dag, "max_uren_per_dag", "Uren per dag")
        lengte = min(lengte, per_dag)
    lengte = min(lengte, (_LAATSTE_EIND_MINUTEN - _minuten(werk.dag_begin)) // _KWARTIER_MINUTEN)
    if lengte <= 0:
        raise SplitFout("dag_begin", f"Na {werk.dag_begin:%H:%M} past geen dienst meer op de dag.")
    return lengte


def _eenmalige_datums(werk: EenmaligWerk, nodig: int) -> list[date]:
    """The first `nodig` allowed dates of the window (fewer if the window has fewer)."""
    datums = []
    for datum in _datums(werk.vroegste_start, werk.uiterlijk_eind, werk.dagen):
        datums.append(datum)
        if len(datums) == nodig:
            break
    return datums


def _split_eenmalig(werk: EenmaligWerk, grootste: int, kleinste: int) -> JobSpec:
    """One-off work as shifts of at most the shift length, earliest allowed days first.

    People come before days: `max_personen` people work at once, so each allowed day from the
    earliest date on gets that many parallel shifts (plek 0, 1, ...) until the hours are
    used up; the last day may have fewer. All shifts start at `dag_begin`; all are full
    length except the last one or two (large and small chunks).
    """
    totaal = _controleer_eenmalig(werk)
    if werk.vensters:
        return _split_in_vensters(werk, totaal, grootste)
    lengte = _dienstlengte(werk, grootste)
    delen = stukken(totaal, lengte, min(kleinste, lengte))
    datums = _eenmalige_datums(werk, -(-len(delen) // werk.max_personen))
    ruimte = len(datums) * werk.max_personen * lengte
    if not datums or totaal > ruimte:
        raise SplitFout(
            "totaal_uren",
            f"{fmt_uren(werk.totaal_uren)} uur past niet tussen {werk.vroegste_start:%d-%m-%Y} en "
            f"{werk.uiterlijk_eind:%d-%m-%Y}: er is ruimte voor hoogstens {fmt_uren(_uren(ruimte))} "
            f"uur ({_aantal(len(datums), 'dag', 'dagen')} x "
            f"{_aantal(werk.max_personen, 'persoon', 'personen')} x "
            f"{fmt_uren(_uren(lengte))} uur).",
        )
    begin = _minuten(werk.dag_begin)
    diensten = []
    for nummer, kwartieren in enumerate(delen):
        dag, plek = divmod(nummer, werk.max_personen)
        eind = begin + kwartieren * _KWARTIER_MINUTEN
        diensten.append(Dienst(datums[dag], werk.dag_begin, _tijd(eind), plek))
    reden = (
        f"eenmalig werk, {fmt_uren(werk.totaal_uren)} uur tussen {werk.vroegste_start:%d-%m-%Y} "
        f"en {werk.uiterlijk_eind:%d-%m-%Y}: incidenteel"
    )
    return _incidenteel(reden, diensten, lengte)


def _vensterruimte(werk: EenmaligWerk, grootste: int) -> list[tuple[Venster, int, int]]:
    """(window, place, quarters) for the most work the windows hold: per window one shift per
    person, from the window's start, no longer than the shift limit, and per person and date
    no more than the day limit. Windows outside the window of dates are left out; on one date
    a place takes a later window only when it does not overlap the one it already has."""
    per_dag = grootste
    if werk.max_uren_per_dag is not None:
        per_dag = _kwartieren(werk.max_uren_per_dag, "max_uren_per_dag", "Uren per dag")
    vensters = sorted(
        (v for v in werk.vensters if werk.vroegste_start <= v.datum <= werk.uiterlijk_eind),
        key=lambda v: (v.datum, v.begin, -v.kwartieren),
    )
    gebruikt: dict[tuple[date, int], int] = defaultdict(int)
    bezet_tot: dict[tuple[date, int], int] = {}
    ruimte = []
    for venster in vensters:
        for plek in range(werk.max_personen):
            sleutel = (venster.datum, plek)
            if bezet_tot.get(sleutel, -1) > _minuten(venster.begin):
                continue
            stuk = min(venster.kwartieren, grootste, per_dag - gebruikt[sleutel])
            if stuk <= 0:
                continue
            gebruikt[sleutel] += stuk
            bezet_tot[sleutel] = _minuten(venster.eind)
            ruimte.append((venster, plek, stuk))
    return ruimte


def _split_in_vensters(werk: EenmaligWerk, totaal: int, grootste: int) -> JobSpec:
    """One-off work inside agreed time windows, earliest first: each shift starts when its
    window opens and ends inside it; refused, saying how much fits, when the work does not."""
    ruimte = _vensterruimte(werk, grootste)
    past = sum(stuk for _, _, stuk in ruimte)
    if totaal > past:
        genoemd = "; ".join(map(str, sorted(werk.vensters, key=lambda v: (v.datum, v.begin))))
        raise SplitFout(
            "vensters",
            f"{fmt_uren(werk.totaal_uren)} uur werk past niet in de tijdvensters ({genoemd}): "
            f"daarin is ruimte voor hoogstens {fmt_uren(_uren(past))} uur (een dienst duurt "
            f"hoogstens {fmt_uren(_uren(grootste))} uur, tussen {werk.vroegste_start:%d-%m-%Y} "
            f"en {werk.uiterlijk_eind:%d-%m-%Y}, "
            f"{_aantal(werk.max_personen, 'persoon', 'personen')} tegelijk).",
        )
    diensten = []
    rest = totaal
    for venster, plek, stuk in ruimte:
        if rest <= 0:
            break
        deel = min(stuk, rest)
        eind = _minuten(venster.begin) + deel * _KWARTIER_MINUTEN
        diensten.append(Dienst(venster.datum, venster.begin, _tijd(eind), plek))
        rest -= deel
    reden = (
        f"eenmalig werk, {fmt_uren(werk.totaal_uren)} uur in de afgesproken tijdvensters "
        f"tussen {werk.vroegste_start:%d-%m-%Y} en {werk.uiterlijk_eind:%d-%m-%Y}: incidenteel"
    )
    return _incidenteel(reden, diensten, grootste)


@dataclass(frozen=True)
class Patroondienst:
    """One shift of a weekly pattern: weekday (0 = Monday), times, and the caller's key."""

    weekdag: int
    begin: time
    eind: time
    sleutel: int


def patroon_diensten(
    patroon: Iterable[Patroondienst],
    van: date,
    tot: date,
    *,
    tz: tzinfo,
    vrij: Callable[[date, Patroondienst], bool] = lambda dag, stuk: False,
) -> list[tuple[datetime, datetime, Patroondienst]]:
    """Every shift of a weekly pattern between van and tot (inclusive), ordered by start and
    key; `vrij(dag, stuk)` says a date is kept free for that piece (a public holiday)."""
    per_dag: dict[int, list[Patroondienst]] = defaultdict(list)
    for stuk in patroon:
        per_dag[stuk.weekdag].append(stuk)
    uit = [
        (
            datetime.combine(dag, stuk.begin, tzinfo=tz),
            datetime.combine(dag, stuk.eind, tzinfo=tz),
            stuk,
        )
        for dag in _datums(van, tot, per_dag)
        for stuk in per_dag[dag.weekday()]
        if not vrij(dag, stuk)
    ]
    return sorted(uit, key=lambda o: (o[0], o[2].sleutel))
