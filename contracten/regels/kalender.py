"""Calendar arithmetic the labour-law rules share: ages, birthdays, periods in months.

Design decisions (one place, so every rule counts the same way):

* **Age**: a person reaches an age at the start of the birthday itself, so on the 21st
  birthday the 21+ rate already applies. Someone born on 29 February reaches the next age
  on 1 March in a non-leap year: the anniversary only exists once 28 February has passed
  (the usual Dutch legal reading, as German BGB 188(3) spells out).
* **A period of n months** starting on day d runs up to and including the day before the
  same date n months later; where that later month lacks the date, it ends on the last day
  of that month. So 1 January + 6 months ends on 30 June, 15 January + 6 months on 14 July,
  31 August + 6 months on 28 February (29 in a leap year), 29 February 2024 + 6 months on
  28 August 2024. Contract end dates are inclusive (the last day worked or paid).
* **Money** and **hours** are rounded elsewhere, once each: money to the cent in
  contracten/regels/geld.py (`cent`), hours to the hundredth in contracten/regels/uren.py
  (`honderdste_uur`), both half up; each module states its rule and why.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

EEN_DAG = timedelta(days=1)


def laatste_dag_van_maand(jaar: int, maand: int) -> date:
    return date(jaar, maand, calendar.monthrange(jaar, maand)[1])


def _verschuif_maand(jaar: int, maand: int, n: int) -> tuple[int, int]:
    index = jaar * 12 + (maand - 1) + n
    return index // 12, index % 12 + 1


def plus_maanden(dag: date, n: int) -> date:
    """The same date n calendar months later (or earlier); clamped to the month's last day."""
    jaar, maand = _verschuif_maand(dag.year, dag.month, n)
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def periode_einde(begin: date, maanden: int) -> date:
    """The last day (inclusive) of a period of `maanden` months starting on `begin`.

    The day before the same date `maanden` months later; if that month has no such date
    (31 August + 6 months), the period ends on that month's last day (28/29 February).
    """
    if maanden < 1:
        raise ValueError("Een periode moet minstens één maand lang zijn.")
    if begin.day == 1:
        jaar, maand = _verschuif_maand(begin.year, begin.month, maanden - 1)
        return laatste_dag_van_maand(jaar, maand)
    jaar, maand = _verschuif_maand(begin.year, begin.month, maanden)
    return date(jaar, maand, min(begin.day - 1, calendar.monthrange(jaar, maand)[1]))


def duurt_ten_minste(begin: date, eind: date, maanden: int) -> bool:
    """Whether begin..eind (both inclusive) covers at least `maanden` whole months."""
    return eind >= periode_einde(begin, maanden)


def duurt_langer_dan(begin: date, eind: date, maanden: int) -> bool:
    """Whether begin..eind (both inclusive) is longer than `maanden` whole months."""
    return eind > periode_einde(begin, maanden)


def hele_maanden(begin: date, eind: date) -> int:
    """The number of whole months in begin..eind (inclusive); 0 if less than one month."""
    if eind < begin:
        return 0
    # Start from a guess on the month numbers, then correct by at most a step or two.
    n = max((eind.year - begin.year) * 12 + eind.month - begin.month - 1, 0)
    while n > 0 and not duurt_ten_minste(begin, eind, n):
        n -= 1
    while duurt_ten_minste(begin, eind, n + 1):
        n += 1
    return n


def contractmaanden(begin: date, aantal: int) -> Iterator[tuple[date, date]]:
    """The first `aantal` contract months from `begin`, each as (first day, last day).

    Contract month k runs from the day after month k-1 ended; payroll aggregates the paid
    hours of an on-call worker per contract month with these bounds.
    """
    van = begin
    for k in range(1, aantal + 1):
        tot = periode_einde(begin, k)
        yield van, tot
        van = tot + EEN_DAG


def verjaardag(geboortedatum: date, jaar: int) -> date:
    """The day in `jaar` on which someone born on `geboortedatum` becomes a year older.

    Born on 29 February: 1 March in a non-leap year (see module doc), so that
    `leeftijd_op(geboortedatum, verjaardag(geboortedatum, jaar))` is `jaar - geboortejaar`.
    """
    if (geboortedatum.month, geboortedatum.day) == (2, 29) and not calendar.isleap(jaar):
        return date(jaar, 3, 1)
    return geboortedatum.replace(year=jaar)


def leeftijd_op(geboortedatum: date, dag: date) -> int:
    """Age in whole years on `dag`; the birthday itself already counts (see module doc).

    Born on 29 February: one year older on 1 March in non-leap years.
    """
    if dag < geboortedatum:
        raise ValueError("De dag ligt vóór de geboortedatum.")
    jaren = dag.year - geboortedatum.year
    # Comparing (month, day) tuples gives 1 March for 29 February births: (2, 28) < (2, 29).
    if (dag.month, dag.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren
