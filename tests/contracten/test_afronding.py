"""The shared arithmetic of the rules: one money rounding (`cent`), one hours rounding
(`honderdste_uur`) and one age (`leeftijd_op`, `verjaardag`), with examples and properties."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten import arbeidstijd
from contracten.regels import (
    cent,
    honderdste_uur,
    leeftijd_op,
    uren_van_duur,
    uren_van_seconden,
)
from contracten.regels.kalender import verjaardag

D = Decimal


# --- money -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bedrag", "verwacht"),
    [
        ("2.345", "2.35"),  # a half goes up, not to the even 2.34
        ("2.355", "2.36"),
        ("2.344999", "2.34"),
        ("-2.345", "-2.35"),  # away from zero: a credit mirrors its debit
        ("0.005", "0.01"),
        ("14.7096", "14.71"),  # the published minimum wage of 2026-01-01 (BRONNEN §14)
        ("10", "10.00"),
    ],
)
def test_cent_voorbeelden(bedrag, verwacht):
    assert cent(D(bedrag)) == D(verwacht)
    assert cent(D(bedrag)).as_tuple().exponent == -2


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=4))
def test_cent_wijkt_hoogstens_een_halve_cent_af_en_is_symmetrisch(bedrag):
    afgerond = cent(bedrag)
    assert afgerond.as_tuple().exponent == -2
    assert abs(afgerond - bedrag) <= D("0.005")
    assert cent(-bedrag) == -afgerond
    assert cent(afgerond) == afgerond


# --- hours -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uren", "verwacht"),
    [
        ("0.005", "0.01"),  # 18 seconds: half-even would give 0.00
        ("7.125", "7.13"),  # half-even: 7.12
        ("7.135", "7.14"),
        ("-0.125", "-0.13"),  # a correction line mirrors the line it corrects
        ("7.5", "7.50"),
        (8, "8.00"),
    ],
)
def test_honderdste_uur_voorbeelden(uren, verwacht):
    assert honderdste_uur(D(uren) if isinstance(uren, str) else uren) == D(verwacht)


@pytest.mark.parametrize(
    ("seconden", "verwacht"),
    [(18, "0.01"), (17, "0.00"), (27_000, "7.50"), (27_018, "7.51"), (3599, "1.00")],
)
def test_uren_van_seconden(seconden, verwacht):
    assert uren_van_seconden(seconden) == D(verwacht)


def test_uren_van_duur_is_uren_van_seconden():
    assert uren_van_duur(timedelta(hours=7, minutes=30, seconds=18)) == D("7.51")
    assert uren_van_duur(timedelta(hours=-1, seconds=-18)) == D("-1.01")


@given(st.decimals(min_value=-1000, max_value=1000, places=6))
def test_uren_afronding_is_half_up_zoals_geld(uren):
    afgerond = honderdste_uur(uren)
    assert afgerond == cent(uren)  # one rule for hours and money: a document and payroll agree
    assert abs(afgerond - uren) <= D("0.005")
    assert honderdste_uur(-uren) == -afgerond
    # It differs from Python's default (half-even) only at an exact tie, and then upwards
    # in size: the member never gets less than banker's rounding would give.
    even = uren.quantize(D("0.01"), rounding=ROUND_HALF_EVEN)
    assert abs(afgerond) >= abs(even)
    if abs(uren - even) != D("0.005"):
        assert afgerond == even


@given(st.integers(min_value=0, max_value=24 * 60))
def test_hele_minuten_kennen_geen_gelijke_stand(minuten):
    """Durations in whole minutes never tie, so half-up and half-even agree on them."""
    uren = D(minuten) / 60
    assert honderdste_uur(uren) == uren.quantize(D("0.01"), rounding=ROUND_HALF_EVEN)
    assert uren_van_seconden(minuten * 60) == honderdste_uur(uren)


@given(st.integers(min_value=0, max_value=16 * 3600))
def test_seconden_en_duur_geven_dezelfde_uren(seconden):
    assert uren_van_duur(timedelta(seconds=seconden)) == uren_van_seconden(seconden)


# --- age -------------------------------------------------------------------------------

datums = st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31))


@pytest.mark.parametrize(
    ("geboren", "jaar", "verwacht"),
    [
        (date(2008, 2, 29), 2026, date(2026, 3, 1)),  # no 29 February: one day later
        (date(2008, 2, 29), 2028, date(2028, 2, 29)),
        (date(2009, 11, 16), 2026, date(2026, 11, 16)),
        (date(2009, 2, 28), 2026, date(2026, 2, 28)),
    ],
)
def test_verjaardag(geboren, jaar, verwacht):
    assert verjaardag(geboren, jaar) == verwacht


@given(datums, st.integers(min_value=1, max_value=90))
def test_op_de_verjaardag_een_jaar_ouder(geboren, jaren):
    dag = verjaardag(geboren, geboren.year + jaren)
    assert leeftijd_op(geboren, dag) == jaren
    assert leeftijd_op(geboren, dag - timedelta(days=1)) == jaren - 1


@given(datums, datums)
def test_leeftijd_telt_hele_jaren(geboren, dag):
    if dag < geboren:
        with pytest.raises(ValueError):
            leeftijd_op(geboren, dag)
        return
    jaren = leeftijd_op(geboren, dag)
    assert verjaardag(geboren, geboren.year + jaren) <= dag
    assert dag < verjaardag(geboren, geboren.year + jaren + 1)


def test_arbeidstijd_rekent_met_dezelfde_leeftijd():
    assert arbeidstijd.leeftijd_op is leeftijd_op
    geboren = date(2008, 2, 29)
    assert not calendar.isleap(2026)
    # 18 on 1 March 2026, not on 28 February: the youth limits hold one day longer.
    assert arbeidstijd.max_dienst_uren(geboren, date(2026, 2, 28)) == D(9)
    assert arbeidstijd.max_dienst_uren(geboren, date(2026, 3, 1)) == D(12)
