"""Money: the one rounding rule for wages, invoices and the report.

**The rule.** An amount is rounded to the cent once, half away from zero (ROUND_HALF_UP,
as the government rounds the published minimum wages and payroll packages round), at the
unit that is paid or charged:

* a wage amount per hours line and per wage component (hours worked, hours kept at a late
  cancellation, the top-up to the minimum per call): ``bedrag(uren, uurloon)``; a correction
  line's amount is that of its hours minus those of the line it corrects, per component;
* an invoice line: its hours times the tariff;
* a percentage of a total (holiday pay, VAT): once, on the total.

Every total (per member, per employer, per invoice, per wijk, the report's and the payroll
export's grand totals) is the sum of amounts already rounded, and is never rounded again.
So the payroll export, the report and every document that names an amount for the same
hours (a call, a cancellation) agree to the cent.

``cent`` is the rounding itself; ``bedrag`` the wage amount of one component;
``bedrag_centen`` the same in whole numbers (hundredths of an hour x cents per hour) for
the payroll's vectorised computation: it also takes numpy arrays.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


def cent(bedrag: Decimal) -> Decimal:
    """Round an amount to the cent, halves away from zero (ROUND_HALF_UP)."""
    return Decimal(bedrag).quantize(CENT, rounding=ROUND_HALF_UP)


def bedrag(uren: Decimal, uurloon: Decimal) -> Decimal:
    """The wage (or charge) for `uren` hours at `uurloon` per hour, rounded once to the cent."""
    return cent(uren * uurloon)


def bedrag_centen(honderdsten: Any, centen: Any) -> Any:
    """`bedrag` in whole numbers: hundredths of an hour x cents per hour -> cents.

    The product is in ten-thousandths of a euro; halves go away from zero, as in `cent`.
    Works element-wise on numpy integer arrays as well as on Python ints (hence `Any`: this
    module does not import numpy).
    """
    product = honderdsten * centen
    grootte = (abs(product) + 50) // 100
    return grootte * ((product > 0) * 1 - (product < 0) * 1)
