"""Statutory holiday (art. 7:634 BW): what a member accrues in a calendar year and what is
left. Pure rules; figures from `tabellen.VAKANTIE` (contracten/BRONNEN.md §5 and §16).

Decisions:

* **A fixed job** (agreed weekly hours) gives 4 x those hours for a whole year, pro rata of
  the days of the year the job runs (a job from 1 July gives about half). The year's right is
  known at its start, so leave may be taken before it has been "worked for" (the usual
  practice; 7:638 lets the member take it when they ask).
* **On-call work** accrues 4/48 of every paid hour as it is paid (`vakantie_uren_opbouw`).
* The balance is accrual minus hours taken; it is never refused below zero by the rule
  itself — the service decides what it allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from contracten import tabellen as t
from contracten.regels.fouten import RegelFout
from contracten.regels.uren import honderdste_uur


def _dagen_in(jaar: int) -> int:
    return (date(jaar + 1, 1, 1) - date(jaar, 1, 1)).days


def recht_vaste_baan(
    *, uren_per_week: Decimal, begin: date, eind: date | None, jaar: int
) -> Decimal:
    """Holiday hours a fixed job of `uren_per_week` gives in calendar year `jaar` (7:634)."""
    if uren_per_week < 0:
        raise RegelFout("Het aantal uren per week kan niet negatief zijn.", veld="uren_per_week")
    if eind is not None and eind < begin:
        raise RegelFout("De baan eindigt vóór haar begin.", veld="einddatum")
    van = max(begin, date(jaar, 1, 1))
    tot = min(eind or date(jaar, 12, 31), date(jaar, 12, 31))
    if tot < van:
        return Decimal(0)
    deel = Decimal((tot - van).days + 1) / _dagen_in(jaar)
    weken = t.VAKANTIE.op(van).weken_per_jaar
    return honderdste_uur(uren_per_week * weken * deel)


def opbouw_oproep(*, betaalde_uren: Iterable[tuple[date, Decimal]]) -> Decimal:
    """Holiday hours accrued by on-call hours paid (4/48 of each hour, by the day's rule)."""
    totaal = Decimal(0)
    for dag, uren in betaalde_uren:
        if uren < 0:
            raise RegelFout("Betaalde uren kunnen niet negatief zijn.", veld="uren")
        totaal += uren * t.VAKANTIE.op(dag).opbouw_per_gewerkt_uur
    return honderdste_uur(totaal)


def saldo(*, recht: Decimal, opgenomen: Decimal) -> Decimal:
    """What is left of a year's holiday hours."""
    if opgenomen < 0:
        raise RegelFout("Opgenomen uren kunnen niet negatief zijn.", veld="opgenomen")
    return recht - opgenomen
