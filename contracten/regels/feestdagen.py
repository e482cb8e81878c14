"""The public holidays of a year, computed (Algemene termijnenwet art. 3).

Sources and choices: contracten/BRONNEN.md §10.

Listed: New Year, Good Friday (treated as equal by decree), Easter Monday, King's Day,
Liberation Day (every year), Ascension, Whit Monday, Christmas and Boxing Day. Easter
Sunday and Whit Sunday are Sundays already and are not listed. Whether a holiday is paid
or carries a surcharge is a matter for the CAO or the contract, not for this module.
"""

from __future__ import annotations

from datetime import date, timedelta

from contracten import tabellen as t


def paaszondag(jaar: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher method)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """King's Day: 27 April, or 26 April when the 27th is a Sunday."""
    maand, dag = t.KONINGSDAG.op(date(jaar, 1, 1))
    gewoon = date(jaar, maand, dag)
    return gewoon - timedelta(days=1) if gewoon.isoweekday() == 7 else gewoon


def feestdagen(jaar: int) -> dict[date, str]:
    """The public holidays of `jaar`, by date, with their Dutch names, in date order."""
    pasen = paaszondag(jaar)
    dagen = {
        date(jaar, 1, 1): "Nieuwjaarsdag",
        pasen - timedelta(days=2): "Goede Vrijdag",
        pasen + timedelta(days=1): "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        date(jaar, 5, 5): "Bevrijdingsdag",
        pasen + timedelta(days=39): "Hemelvaartsdag",
        pasen + timedelta(days=50): "Tweede Pinksterdag",
        date(jaar, 12, 25): "Eerste Kerstdag",
        date(jaar, 12, 26): "Tweede Kerstdag",
    }
    # Ascension can fall on Liberation Day (5 May 2016): keep both names, not just one.
    if pasen + timedelta(days=39) == date(jaar, 5, 5):
        dagen[date(jaar, 5, 5)] = "Bevrijdingsdag en Hemelvaartsdag"
    return dict(sorted(dagen.items()))


def is_feestdag(dag: date) -> bool:
    """Whether `dag` is a public holiday."""
    return dag in feestdagen(dag.year)
