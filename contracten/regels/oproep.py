"""On-call contracts (oproepovereenkomst, art. 7:628a BW): notice, cancellation, minimum
hours per call and the yearly fixed-hours offer. The rules as they read on the work day.

Decisions:

* **Four calendar days**: the work may start at the earliest at the same clock time
  (Europe/Amsterdam) four days after the call: a call on Monday 14:00 allows work from
  Friday 14:00. Counted on the wall clock, so a daylight-saving change in between neither
  shortens nor lengthens the term. A CAO may shorten it to no less than 24 hours.
* **Late cancellation or change**: within that term the member keeps the pay for the hours
  originally called, or for the hours worked if more.
* **3-hour minimum**: only where fewer than 15 hours a week are agreed (zero-hours: 0) and
  the working times are not fixed; then a call that took place with under 3 hours worked is
  paid as 3. A late-cancelled call of under 3 hours is paid as 3 too (the member kept the
  time free; the protective reading).
* **Fixed-hours offer**: after every 12 contract months, within the 13th, an offer of at
  least the average paid hours per month over those 12 months (worked, cancelled-but-paid,
  sick and leave hours all count), rounded up to a whole hour; also given per week
  (total / weeks in those 12 months, rounded up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from zoneinfo import ZoneInfo

from contracten import tabellen as t
from contracten.regels.fouten import RegelFout
from contracten.regels.kalender import periode_einde
from contracten.regels.uren import honderdste_uur

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _lokaal(moment: datetime, veld: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise RegelFout("Tijdstip zonder tijdzone; geef een tijdstip met tijdzone.", veld=veld)
    return moment.astimezone(AMSTERDAM)


def oproeptermijn_dagen(dag: date) -> int:
    """The statutory call term on `dag` in calendar days (7:628a lid 2-3): what every text
    that names the term says (documents, messages), read from `tabellen.OPROEP`."""
    return t.OPROEP.op(dag).oproeptermijn_dagen


def vroegste_werkbegin(
    oproep_moment: datetime, *, cao_termijn: timedelta | None = None
) -> datetime:
    """The earliest start of work a call at `oproep_moment` may demand (7:628a lid 2-3, 9)."""
    oproep = _lokaal(oproep_moment, "oproep_moment")
    f = t.OPROEP.op(oproep.date())
    if cao_termijn is None:
        # Same tzinfo: adding days keeps the wall-clock time (the calendar-day reading).
        return oproep + timedelta(days=f.oproeptermijn_dagen)
    if cao_termijn < timedelta(hours=f.cao_oproeptermijn_min_uren):
        raise RegelFout(
            f"Een cao mag de oproeptermijn niet korter maken dan "
            f"{f.cao_oproeptermijn_min_uren} uur.",
            veld="cao_termijn",
        )
    return oproep + cao_termijn


def oproep_termijn_ok(
    oproep_moment: datetime, werk_begin: datetime, *, cao_termijn: timedelta | None = None
) -> bool:
    """Whether a call was made in time: at least the call term (`oproeptermijn_dagen`, in
    calendar days) before the work starts.

    A call that is too late may be refused by the member without consequence. Both moments
    must be timezone-aware; they are compared on the Amsterdam wall clock.
    """
    begin = _lokaal(werk_begin, "werk_begin")
    grens = vroegste_werkbegin(oproep_moment, cao_termijn=cao_termijn)
    # Both in AMSTERDAM: Python compares same-tzinfo datetimes by wall-clock time.
    return begin >= grens


def _controleer_uren(**uren: Decimal) -> None:
    for veld, waarde in uren.items():
        if waarde < 0:
            raise RegelFout("Een aantal uren kan niet negatief zijn.", veld=veld)


def uren_bij_late_annulering(
    opgeroepen_uren: Decimal,
    werk_begin: datetime,
    gewijzigd_op: datetime,
    *,
    gewerkte_uren: Decimal = Decimal(0),
    cao_termijn: timedelta | None = None,
) -> Decimal:
    """The hours to pay for a call that was cancelled or shortened at `gewijzigd_op`.

    Within the call term before `werk_begin` (the statutory days, or the CAO's) the member keeps the
    pay for the hours originally called, or the hours worked if more (7:628a lid 4).
    In time: only the hours worked.
    """
    _controleer_uren(opgeroepen_uren=opgeroepen_uren, gewerkte_uren=gewerkte_uren)
    if oproep_termijn_ok(gewijzigd_op, werk_begin, cao_termijn=cao_termijn):
        return gewerkte_uren
    return max(opgeroepen_uren, gewerkte_uren)


def minimum_oproep_uren(
    gewerkte_uren: Decimal,
    afgesproken_uren_per_week: Decimal,
    vaste_tijden: bool,
    *,
    dag: date,
) -> Decimal:
    """The hours to pay for one call that took place on `dag` (7:628a lid 1).

    With fewer than 15 hours a week agreed and working times not fixed, a call of under
    3 hours is paid as 3 hours; otherwise the hours worked. Pass the hours a late
    cancellation keeps (uren_bij_late_annulering) as `gewerkte_uren` to combine both rules.
    """
    _controleer_uren(
        gewerkte_uren=gewerkte_uren, afgesproken_uren_per_week=afgesproken_uren_per_week
    )
    f = t.OPROEP.op(dag)
    geldt = afgesproken_uren_per_week < f.grens_uren_per_week and not vaste_tijden
    return max(gewerkte_uren, f.min_uren_per_oproep) if geldt else gewerkte_uren


@dataclass(frozen=True)
class VasteUrenAanbod:
    """The fixed-hours offer due after one block of 12 contract months."""

    nummer: int  # 1 after the first 12 months, 2 after 24, ...
    periode_van: date
    periode_tot: date  # last day of the 12 months averaged
    uiterlijk: date  # the offer must be made in writing by this day (end of the 13th month)
    gemiddelde_per_maand: Decimal  # the average, to 0.01 hour, for the record
    uren_per_maand: int  # the minimum to offer, rounded up to a whole hour
    uren_per_week: int


def _naar_boven(uren: Decimal) -> int:
    return int(uren.to_integral_value(rounding=ROUND_CEILING))


def _begin_van_maand(begin_contract: date, maand: int) -> date:
    """The first day of contract month `maand` (1-based)."""
    if maand == 1:
        return begin_contract
    return periode_einde(begin_contract, maand - 1) + timedelta(days=1)


def vaste_uren_aanbod(
    begin_contract: date, betaalde_uren_per_maand: Sequence[Decimal]
) -> VasteUrenAanbod | None:
    """The latest fixed-hours offer due under 7:628a lid 5, or None before 12 months.

    `betaalde_uren_per_maand`: paid hours per contract month from `begin_contract`
    (kalender.contractmaanden gives each month's bounds), oldest first. The offer repeats
    every 12 months; this returns the one for the last complete block of 12.
    """
    if any(uren < 0 for uren in betaalde_uren_per_maand):
        raise RegelFout("Betaalde uren kunnen niet negatief zijn.", veld="betaalde_uren")
    f = t.OPROEP.op(begin_contract)
    nummer = len(betaalde_uren_per_maand) // f.aanbod_na_maanden
    if nummer == 0:
        return None
    eind_maand = nummer * f.aanbod_na_maanden
    blok = betaalde_uren_per_maand[eind_maand - f.aanbod_na_maanden : eind_maand]
    van = _begin_van_maand(begin_contract, eind_maand - f.aanbod_na_maanden + 1)
    tot = periode_einde(begin_contract, eind_maand)
    totaal = sum(blok, Decimal(0))
    weken = Decimal((tot - van).days + 1) / 7
    return VasteUrenAanbod(
        nummer=nummer,
        periode_van=van,
        periode_tot=tot,
        uiterlijk=periode_einde(
            begin_contract, eind_maand + f.aanbod_in_maand - f.aanbod_na_maanden
        ),
        gemiddelde_per_maand=honderdste_uur(totaal / f.aanbod_na_maanden),
        uren_per_maand=_naar_boven(totaal / f.aanbod_na_maanden),
        uren_per_week=_naar_boven(totaal / weken),
    )
