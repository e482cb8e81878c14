"""Wage continuation during sickness (art. 7:629 BW) and the presumed working hours of on-call
work (art. 7:610b BW). Pure rules over dates, hours and amounts; figures from
`tabellen.ZIEKTE` (contracten/BRONNEN.md §16).

Decisions:

* **Which weeks**: sickness periods less than 4 weeks apart add up (7:629 lid 10); the week
  of sickness a day falls in counts the sick days of that chain up to and including it.
* **How much**: at least 70% of the wage per hour, and in the first 52 weeks not below the
  statutory minimum wage for the member's age on the day (never above the wage itself);
  from week 53 to 104 the 70% alone; after 104 weeks nothing.
* **Waiting days** (wachtdagen): only as many as the contract states, at most 2; they are
  the first calendar days of a chain of sickness, so a relapse within 4 weeks has none.
* **Presumed hours** (7:610b): once an on-call relation has lasted 3 months, the hours per
  week it is presumed to have are the average over the 3 months before the first sick day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from contracten import tabellen as t
from contracten.regels.fouten import RegelFout
from contracten.regels.geld import cent
from contracten.regels.kalender import plus_maanden
from contracten.regels.uren import honderdste_uur


def _controleer(perioden: Sequence[tuple[date, date | None]]) -> list[tuple[date, date | None]]:
    gesorteerd = sorted(perioden, key=lambda p: p[0])
    for van, tot in gesorteerd:
        if tot is not None and tot < van:
            raise RegelFout("Een ziekteperiode eindigt vóór haar begin.", veld="tot")
    return gesorteerd


def keten_begin(perioden: Sequence[tuple[date, date | None]], dag: date) -> date | None:
    """The first day of the chain of sickness `dag` belongs to (None: not sick that day)."""
    gesorteerd = _controleer(perioden)
    keten: list[tuple[date, date | None]] = []
    for van, tot in gesorteerd:
        if van > dag:
            break
        grens = t.ZIEKTE.op(van).samentellen_binnen_weken
        vorige_eind = keten[-1][1] if keten else None
        if not keten or (vorige_eind is not None and (van - vorige_eind).days - 1 >= 7 * grens):
            keten = []
        keten.append((van, tot))
    if not keten or (keten[-1][1] is not None and keten[-1][1] < dag):
        return None
    return keten[0][0]


def ziektedag(perioden: Sequence[tuple[date, date | None]], dag: date) -> int:
    """The number of the sick day `dag` is in its chain (1 = the first), 0 if not sick."""
    begin = keten_begin(perioden, dag)
    if begin is None:
        return 0
    dagen = 0
    for van, tot in _controleer(perioden):
        if van < begin or van > dag:
            continue
        eind = min(tot or dag, dag)
        dagen += (eind - van).days + 1
    return dagen


def ziekteweek(perioden: Sequence[tuple[date, date | None]], dag: date) -> int:
    """The week of sickness (1-based) `dag` falls in, periods less than 4 weeks apart added."""
    nummer = ziektedag(perioden, dag)
    return 0 if nummer == 0 else (nummer - 1) // 7 + 1


@dataclass(frozen=True)
class Doorbetaling:
    """What one sick hour is paid: the legal percentage, the hourly amount and why."""

    procent: Decimal  # the percentage the line shows (70, or 0 on a waiting day)
    uurbedrag: Decimal  # per hour, to the cent
    minimumloon_garantie: bool  # the minimum-wage floor applies (first 52 weeks)
    toelichting: str


def doorbetaling(
    *,
    uurloon: Decimal,
    minimumloon: Decimal,
    week: int,
    wachtdag: bool,
    dag: date,
) -> Doorbetaling:
    """The pay for one hour of sickness on `dag` in week `week` of the chain (7:629 lid 1)."""
    if uurloon < 0 or minimumloon < 0:
        raise RegelFout("Een uurloon kan niet negatief zijn.", veld="uurloon")
    if week < 1:
        raise RegelFout("De ziekteweek begint bij 1.", veld="week")
    f = t.ZIEKTE.op(dag)
    if wachtdag:
        return Doorbetaling(
            Decimal(0),
            Decimal(0),
            False,
            "Wachtdag volgens de arbeidsovereenkomst (art. 7:629 lid 9 BW): geen loon.",
        )
    if week > f.max_weken:
        return Doorbetaling(
            Decimal(0),
            Decimal(0),
            False,
            f"Na {f.max_weken} weken ziekte geen loondoorbetaling meer (art. 7:629 lid 1 BW).",
        )
    bedrag = cent(uurloon * f.doorbetaling_procent / 100)
    garantie = week <= f.minimumloon_weken
    tekst = (
        f"Loondoorbetaling bij ziekte, week {week}: {f.doorbetaling_procent:.0f}% van het "
        f"uurloon (art. 7:629 lid 1 BW)"
    )
    if garantie and bedrag < minimumloon:
        bedrag = min(minimumloon, uurloon)
        tekst += f", aangevuld tot het wettelijk minimumloon van € {_nl(minimumloon)} per uur"
    return Doorbetaling(f.doorbetaling_procent, bedrag, garantie, tekst + ".")


def ziekteloon_per_uur(
    uurloon: Decimal, procent: Decimal, minimumloon: Decimal | None = None
) -> Decimal:
    """The hourly pay of a recorded sick line, as payroll pays it: `procent` of the wage to
    the cent (halves up), raised to the day's minimum wage but never above the wage while
    the line's minimum-wage floor applies (`minimumloon` given); nothing at 0% (a waiting
    day, or past the maximum weeks)."""
    if procent <= 0:
        return Decimal(0)
    bedrag = cent(uurloon * procent / 100)
    if minimumloon is not None:
        bedrag = max(bedrag, min(minimumloon, uurloon))
    return bedrag


def _nl(bedrag: Decimal) -> str:
    return f"{bedrag:.2f}".replace(".", ",")


def is_wachtdag(
    perioden: Sequence[tuple[date, date | None]], dag: date, *, overeengekomen: int
) -> bool:
    """Whether `dag` is a waiting day: one of the first `overeengekomen` (at most the legal
    maximum) days of a chain of sickness; without a written agreement there are none."""
    if overeengekomen < 0:
        raise RegelFout("Het aantal wachtdagen kan niet negatief zijn.", veld="wachtdagen")
    if overeengekomen == 0:
        return False
    begin = keten_begin(perioden, dag)
    if begin is None:
        return False
    toegestaan = min(overeengekomen, t.ZIEKTE.op(begin).max_wachtdagen)
    return (dag - begin).days < toegestaan


def vermoede_uren_per_week(
    *, contract_begin: date, ziek_vanaf: date, uren_per_dag: Mapping[date, Decimal]
) -> Decimal | None:
    """The presumed weekly hours of an on-call relation on its first sick day (7:610b BW).

    None before the relation has lasted the legal 3 months; otherwise the paid hours of the
    3 months before `ziek_vanaf` (from `uren_per_dag`) averaged per week, to 0.01 hour.
    """
    if ziek_vanaf < contract_begin:
        raise RegelFout("De ziekmelding ligt vóór het begin van het contract.", veld="van")
    f = t.ZIEKTE.op(ziek_vanaf)
    if plus_maanden(contract_begin, f.vermoeden_na_maanden) > ziek_vanaf:
        return None
    van = plus_maanden(ziek_vanaf, -f.vermoeden_over_maanden)
    totaal = sum(
        (uren for dag, uren in uren_per_dag.items() if van <= dag < ziek_vanaf), Decimal(0)
    )
    if any(uren < 0 for uren in uren_per_dag.values()):
        raise RegelFout("Betaalde uren kunnen niet negatief zijn.", veld="uren")
    weken = Decimal((ziek_vanaf - van).days) / 7
    return honderdste_uur(totaal / weken)


def week_van(dag: date) -> date:
    """The Monday of `dag`'s week (the unit the presumed hours are counted in)."""
    return dag - timedelta(days=dag.weekday())
