"""Wages: the statutory minimum per hour, holiday pay, holiday hours, transition payment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from contracten import tabellen as t
from contracten.regels.fouten import RegelFout
from contracten.regels.geld import cent
from contracten.regels.kalender import (
    EEN_DAG,
    hele_maanden,
    leeftijd_op,
    periode_einde,
)
from contracten.regels.uren import honderdste_uur


def minimumloon_per_uur(geboortedatum: date, dag: date, *, bbl: bool = False) -> Decimal:
    """The statutory gross minimum wage per hour for work on `dag` (holiday pay excluded).

    The age that counts is the age on the day worked (the birthday itself already counts,
    so the 21+ rate applies from the 21st birthday). `bbl`: a work-based vocational learner;
    only ages 18-20 have lower rates, derived from the adult rate and rounded half up to
    the cent as the published tables are. Under 15 there is no statutory minimum: that is
    a RegelFout, not zero, so payroll never silently pays nothing. A day that no published
    table covers (2027 onwards, for now) raises GeenRegelVoorDatum.
    """
    leeftijd = leeftijd_op(geboortedatum, dag)
    if leeftijd < t.MINIMUMLOON_VANAF_LEEFTIJD:
        raise RegelFout(
            f"Voor een werknemer van {leeftijd} jaar geldt geen wettelijk minimumloon "
            f"(pas vanaf {t.MINIMUMLOON_VANAF_LEEFTIJD} jaar).",
            veld="geboortedatum",
        )
    bedragen = t.MINIMUMLOON_PER_UUR.op(dag)
    rij = min(leeftijd, 21)
    if bbl and rij in t.BBL_PERCENTAGES.op(dag):
        return cent(bedragen[21] * t.BBL_PERCENTAGES.op(dag)[rij])
    return bedragen[rij]


def minimumloon_kenmerk(dag: date) -> str:
    """What a wage check says beside the minimum of `dag` when that figure is provisional
    (computed by indexation, not yet published) or a demo figure; '' otherwise."""
    feit = t.MINIMUMLOON_PER_UUR.feit_op(dag)
    if feit.demo:
        return " (demobedrag, alleen voor de demo)"
    if feit.voorlopig:
        return " (voorlopig bedrag: berekend, nog niet bekendgemaakt)"
    return ""


def vakantiegeld(brutoloon: Decimal, dag: date) -> Decimal:
    """Statutory holiday pay (8% of the gross wage earned around `dag`), to the cent.

    Rounded half up once on the total; to spread it over pay periods without losing or
    creating cents, use `vakantiegeld_reservering`.
    """
    if brutoloon < 0:
        raise RegelFout("Het brutoloon kan niet negatief zijn.", veld="brutoloon")
    return cent(brutoloon * t.VAKANTIEGELD_PERCENTAGE.op(dag))


def vakantiegeld_reservering(lonen: Sequence[Decimal], dag: date) -> list[Decimal]:
    """Holiday pay reserved per pay period, summing exactly to the holiday pay of the total.

    Each period gets the rounded cumulative amount minus what earlier periods got, so the
    rounding differences never add up to a cent too many or too few over the year.
    """
    reservering: list[Decimal] = []
    cumulatief = Decimal(0)
    al_gereserveerd = Decimal(0)
    for loon in lonen:
        cumulatief += loon
        tot_nu = vakantiegeld(cumulatief, dag)
        reservering.append(tot_nu - al_gereserveerd)
        al_gereserveerd = tot_nu
    return reservering


def vakantie_uren_per_jaar(uren_per_week: Decimal, dag: date) -> Decimal:
    """Statutory holiday hours a year for a full year at `uren_per_week` (4 x the week)."""
    if uren_per_week < 0:
        raise RegelFout("Het aantal uren per week kan niet negatief zijn.", veld="uren_per_week")
    return uren_per_week * t.VAKANTIE.op(dag).weken_per_jaar


def vakantie_uren_opbouw(gewerkte_uren: Decimal, dag: date) -> Decimal:
    """Statutory holiday hours accrued by `gewerkte_uren` worked (hourly and on-call work).

    4/48 of each hour worked: 48 working weeks earn 4 weeks off, so a year at a steady
    week accrues 4 x that week (7:634). Rounded half up to 0.01 hour, the unit payroll
    imports use. Derived figure (confidence M, contracten/BRONNEN.md §5).
    """
    if gewerkte_uren < 0:
        raise RegelFout("Het aantal gewerkte uren kan niet negatief zijn.", veld="gewerkte_uren")
    opbouw = gewerkte_uren * t.VAKANTIE.op(dag).opbouw_per_gewerkt_uur
    return honderdste_uur(opbouw)


def vakantie_uren_vervallen_na(opbouwjaar: int) -> date:
    """The last day statutory holiday hours earned in `opbouwjaar` can be taken (7:640a)."""
    figuren = t.VAKANTIE.op(date(opbouwjaar, 12, 31))
    return periode_einde(date(opbouwjaar + 1, 1, 1), figuren.verval_maanden_na_jaar)


def dienstduur(in_dienst: date, laatste_dag: date) -> tuple[int, int, int]:
    """Years, months and days of service from `in_dienst` to `laatste_dag` (inclusive)."""
    if laatste_dag < in_dienst:
        raise RegelFout("De laatste dag ligt vóór de datum van indiensttreding.", veld="eind")
    maanden = hele_maanden(in_dienst, laatste_dag)
    dagen = (laatste_dag - _einde_na_maanden(in_dienst, maanden)).days
    return maanden // 12, maanden % 12, dagen


def _einde_na_maanden(begin: date, maanden: int) -> date:
    # Zero whole months: the "end" of nothing is the day before the start, so the days
    # of service are then counted from `begin` itself.
    return periode_einde(begin, maanden) if maanden else begin - EEN_DAG


def transitievergoeding(
    maandloon: Decimal, in_dienst: date, laatste_dag: date, *, jaarloon: Decimal | None = None
) -> Decimal:
    """The statutory transition payment (7:673) when the contract ends on `laatste_dag`.

    1/3 of the monthly wage per year of service, pro rata from day one: full months count
    as 1/12 year and remaining days as 1/365 year (the Besluit loonbegrip's formula;
    confidence M for the days part). Capped at the year's maximum, or the yearly wage
    (`jaarloon`) if that is higher. Rounded half up to the cent once, at the end.
    """
    if maandloon < 0:
        raise RegelFout("Het maandloon kan niet negatief zijn.", veld="maandloon")
    jaren, maanden, dagen = dienstduur(in_dienst, laatste_dag)
    deel = t.TRANSITIEVERGOEDING_DEEL_PER_JAAR.op(laatste_dag)
    duur_in_jaren = jaren + Decimal(maanden) / 12 + Decimal(dagen) / 365
    bedrag = maandloon * deel * duur_in_jaren
    maximum = max(t.TRANSITIEVERGOEDING_MAXIMUM.op(laatste_dag), jaarloon or Decimal(0))
    return cent(min(bedrag, maximum))
