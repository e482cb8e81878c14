"""Probation (7:652), notice of (non-)renewal (7:668) and notice periods (7:672).

Durations are counted in calendar months with inclusive end dates (see kalender.py):
1 January - 30 June is exactly 6 months, 31 August 2025 - 28 February 2026 too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from contracten import tabellen as t
from contracten.regels.fouten import RegelFout
from contracten.regels.geld import cent
from contracten.regels.kalender import (
    EEN_DAG,
    duurt_langer_dan,
    duurt_ten_minste,
    laatste_dag_van_maand,
    periode_einde,
    plus_maanden,
)


def _controleer_periode(begin: date, eind: date | None) -> None:
    if eind is not None and eind < begin:
        raise RegelFout("De einddatum ligt vóór de begindatum.", veld="eind")


def max_proeftijd(
    begin: date,
    eind: date | None,
    *,
    vervolgcontract_zelfde_werk: bool,
    zonder_kalenderdatum: bool = False,
) -> int:
    """The longest probation (in months) the law allows for a contract (7:652).

    `eind` None is an indefinite contract: 2 months. A fixed term of at most 6 months: none;
    over 6 months and under 2 years: 1 month; 2 years or more: 2 months. A fixed term that
    ends on an event rather than a date (`zonder_kalenderdatum`, with `eind` None): 1 month.
    A follow-up contract for the same work: none (7:652 lid 8). "The same work" means: a
    new contract between the member and the broker (at any distance in time) that does not
    ask clearly different skills or responsibilities than an earlier one; the broker
    decides that from the jobs' skills and passes the answer in.
    """
    _controleer_periode(begin, eind)
    figuren = t.PROEFTIJD.op(begin)
    if vervolgcontract_zelfde_werk:
        return 0
    if eind is None:
        return figuren.kort_max if zonder_kalenderdatum else figuren.lang_max
    if not duurt_langer_dan(begin, eind, figuren.geen_tot_en_met_maanden):
        return 0
    if duurt_ten_minste(begin, eind, figuren.kort_tot_maanden):
        return figuren.lang_max
    return figuren.kort_max


def proeftijd_einde(begin: date, maanden: int) -> date | None:
    """The last day of a probation of `maanden` months from `begin` (None: no probation)."""
    if maanden < 0:
        raise RegelFout("Een proeftijd kan niet negatief zijn.", veld="proeftijd")
    return periode_einde(begin, maanden) if maanden else None


def aanzegplicht(begin: date, eind: date) -> bool:
    """Whether the employer must give notice of (non-)renewal: a fixed term of 6 months+."""
    _controleer_periode(begin, eind)
    return duurt_ten_minste(begin, eind, t.AANZEG.op(begin).min_duur_maanden)


def aanzegdatum(eind: date, begin: date) -> date | None:
    """The last day to give written notice of (non-)renewal (7:668), None if not required.

    "At least one month before the end" has two readings: the same date one month before
    the last day (last day 30 October: 30 September), or the last day that still leaves a
    whole calendar month before the end (29 September; 31 January for 28 February). We
    take the earlier of the two, so a notice by this date is in time under either.
    """
    if not aanzegplicht(begin, eind):
        return None
    maanden = t.AANZEG.op(begin).maanden_voor_einde
    zelfde_datum = plus_maanden(eind, -maanden)
    hele_maand_ervoor = plus_maanden(eind + EEN_DAG, -maanden) - EEN_DAG
    return min(zelfde_datum, hele_maand_ervoor)


def aanzegvergoeding(
    maandloon: Decimal, eind: date, begin: date, aangezegd_op: date | None
) -> Decimal:
    """What the employer owes for a missed or late notice of (non-)renewal (7:668 lid 3).

    Never given (or only on/after the last day): one month's wage. Late: pro rata, the days
    late as a share of the notice month (the days from the deadline to the end), so one day
    late on a 31-day notice month is 1/31 of the monthly wage. Rounded half up to the cent.
    """
    uiterlijk = aanzegdatum(eind, begin)
    if uiterlijk is None or (aangezegd_op is not None and aangezegd_op <= uiterlijk):
        return Decimal("0.00")
    volledig = maandloon * t.AANZEG.op(begin).vergoeding_maanden
    if aangezegd_op is None or aangezegd_op >= eind:
        return cent(volledig)
    te_laat = Decimal((aangezegd_op - uiterlijk).days)
    aanzegmaand = Decimal((eind - uiterlijk).days)
    return cent(volledig * te_laat / aanzegmaand)


def opzegtermijn_werkgever(dienstjaren: int, *, dag: date, uwv_toestemming: bool = False) -> int:
    """The employer's statutory notice period in months by completed years of service.

    Under 5 years 1 month, 5-10 2, 10-15 3, 15 or more 4 (7:672 lid 2), as the law read on
    `dag`. With a UWV permit one month less, but never under one month (7:672 lid 4).
    """
    if dienstjaren < 0:
        raise RegelFout("Het aantal dienstjaren kan niet negatief zijn.", veld="dienstjaren")
    maanden = max(m for vanaf, m in t.OPZEGTERMIJN_WERKGEVER.op(dag) if dienstjaren >= vanaf)
    return max(maanden - 1, 1) if uwv_toestemming else maanden


def opzegtermijn_werknemer(*, dag: date) -> int:
    """The employee's statutory notice period in months (7:672 lid 3)."""
    return t.OPZEGTERMIJN_WERKNEMER.op(dag)


def einde_na_opzegging(opgezegd_op: date, maanden: int) -> date:
    """The last day of the contract when notice of `maanden` months is given on a day.

    The term starts the day after the notice and the contract ends at the end of the month
    in which the term runs out (7:672 lid 1): notice on 15 March, 1 month: 30 April.
    """
    if maanden < 1:
        raise RegelFout("Een opzegtermijn is minstens één maand.", veld="opzegtermijn")
    termijn_einde = periode_einde(opgezegd_op + EEN_DAG, maanden)
    return laatste_dag_van_maand(termijn_einde.year, termijn_einde.month)
