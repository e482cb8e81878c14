"""Hours: the one rounding rule for hours worked, paid, kept, accrued and shown.

**The rule.** An hours figure is kept to the hundredth of an hour (0.01 h, 36 seconds) and
rounded once, half away from zero (ROUND_HALF_UP), where it is first computed from a
duration or a fraction: a shift's worked hours from its seconds less the break, the hours
kept at a late cancellation, a surcharge's hours, holiday hours accrued, an average.

**Why the hundredth.** Payroll imports take hours as decimals with two places (Nmbrs: 2:30
is 2.5, contracten/BRONNEN.md §9), and an hours line is what the member confirms and the
employer approves: the figure on the line is the figure that is paid.

**Why half up, like money** (contracten/regels/geld.py). Hours are multiplied by a wage and
the amount is rounded half up (`geld.bedrag`); the documents (a call, a cancellation) name
the same hours as the hours line and the payroll export, so one rule must round them all or
a document and a payslip could differ by a cent. Half-up is the rule a member, an employer
or an auditor applies by hand; half-even (banker's rounding, Python's default) only evens
out ties over large sums, and our sums are sums of lines already rounded. At an exact tie
it gives the member the benefit (pay for worked time must reach at least the minimum wage
for every hour worked, WML art. 7 and 13), and it is symmetric, so a correction line
(negative hours) mirrors the line it corrects. Durations in whole minutes never tie
(minutes / 60 has no exact third decimal of 5); ties come from seconds and percentages.

The fixed-hours offer (7:628a lid 5) is a different, deliberate rule: its hours are rounded
**up** to a whole hour (`regels.oproep`), because the law asks for at least the average.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

HONDERDSTE_UUR = Decimal("0.01")
SECONDEN_PER_UUR = 3600


def honderdste_uur(uren: Decimal | int) -> Decimal:
    """Round hours to the hundredth of an hour, halves away from zero (ROUND_HALF_UP)."""
    return Decimal(uren).quantize(HONDERDSTE_UUR, rounding=ROUND_HALF_UP)


def uren_van_seconden(seconden: float | int) -> Decimal:
    """A duration in seconds as hours, rounded by `honderdste_uur` (exact: no float step)."""
    return honderdste_uur(Decimal(str(seconden)) / SECONDEN_PER_UUR)


def uren_van_duur(duur: timedelta) -> Decimal:
    """A `timedelta` as hours, rounded by `honderdste_uur`."""
    return honderdste_uur(Decimal(duur // timedelta(microseconds=1)) / (SECONDEN_PER_UUR * 10**6))
