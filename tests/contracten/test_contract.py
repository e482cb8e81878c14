"""Probation (7:652), notice of (non-)renewal (7:668) and notice periods (7:672)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.regels import (
    RegelFout,
    aanzegdatum,
    aanzegvergoeding,
    einde_na_opzegging,
    max_proeftijd,
    opzegtermijn_werkgever,
    opzegtermijn_werknemer,
    periode_einde,
    plus_maanden,
    proeftijd_einde,
)

D = date


@pytest.mark.parametrize(
    ("begin", "eind", "maanden"),
    [
        (D(2026, 1, 1), D(2026, 6, 30), 0),  # exactly 6 months: none
        (D(2026, 1, 1), D(2026, 7, 1), 1),  # 6 months and a day
        (D(2025, 8, 31), D(2026, 2, 28), 0),  # 31 Aug + 6 months ends 28 Feb
        (D(2025, 8, 31), D(2026, 3, 1), 1),
        (D(2023, 8, 31), D(2024, 2, 29), 0),  # leap year
        (D(2024, 2, 29), D(2024, 8, 28), 0),
        (D(2024, 2, 29), D(2024, 8, 29), 1),
        (D(2026, 1, 1), D(2027, 12, 30), 1),  # a day short of 2 years
        (D(2026, 1, 1), D(2027, 12, 31), 2),  # exactly 2 years
        (D(2026, 1, 1), None, 2),  # indefinite
        (D(2026, 1, 1), D(2026, 1, 1), 0),  # one day
    ],
)
def test_max_proeftijd(begin, eind, maanden):
    assert max_proeftijd(begin, eind, vervolgcontract_zelfde_werk=False) == maanden


def test_geen_proeftijd_in_vervolgcontract_voor_hetzelfde_werk():
    assert max_proeftijd(D(2026, 1, 1), None, vervolgcontract_zelfde_werk=True) == 0


def test_tijdelijk_zonder_kalenderdatum_een_maand():
    kwestie = max_proeftijd(
        D(2026, 1, 1), None, vervolgcontract_zelfde_werk=False, zonder_kalenderdatum=True
    )
    assert kwestie == 1


def test_einde_voor_begin_is_een_fout():
    with pytest.raises(RegelFout, match="einddatum ligt vóór de begindatum") as fout:
        max_proeftijd(D(2026, 2, 1), D(2026, 1, 31), vervolgcontract_zelfde_werk=False)
    assert fout.value.veld == "eind"


def test_proeftijd_einde():
    assert proeftijd_einde(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert proeftijd_einde(D(2026, 3, 1), 2) == D(2026, 4, 30)
    assert proeftijd_einde(D(2026, 3, 1), 0) is None


begins = st.dates(min_value=D(2015, 1, 1), max_value=D(2040, 12, 31))


@given(begins, st.none() | st.integers(0, 2000), st.booleans(), st.booleans())
def test_proeftijd_nooit_boven_wettelijk_maximum(begin, dagen, vervolg, zonder_datum):
    eind = None if dagen is None else begin + timedelta(days=dagen)
    maanden = max_proeftijd(
        begin, eind, vervolgcontract_zelfde_werk=vervolg, zonder_kalenderdatum=zonder_datum
    )
    assert 0 <= maanden <= 2
    if vervolg:
        assert maanden == 0
    if eind is not None:
        einde = proeftijd_einde(begin, maanden)
        # A probation never outlasts the contract, and none at all up to 6 months.
        assert einde is None or einde <= eind
        if eind <= periode_einde(begin, 6):
            assert maanden == 0
        if eind < periode_einde(begin, 24):
            assert maanden <= 1


@pytest.mark.parametrize(
    ("begin", "eind", "uiterlijk"),
    [
        (D(2026, 1, 1), D(2026, 12, 31), D(2026, 11, 30)),
        (D(2025, 10, 1), D(2026, 3, 31), D(2026, 2, 28)),  # exactly 6 months, Feb end
        (D(2023, 10, 1), D(2024, 3, 31), D(2024, 2, 29)),  # leap year
        (D(2026, 1, 1), D(2026, 6, 30), D(2026, 5, 30)),  # exactly 6 months: required
        (D(2026, 1, 2), D(2026, 6, 30), None),  # a day short: not required
        (D(2026, 1, 16), D(2026, 7, 15), D(2026, 6, 15)),
        (D(2026, 1, 1), D(2026, 10, 30), D(2026, 9, 29)),  # a whole month must remain
        (D(2025, 8, 1), D(2026, 2, 28), D(2026, 1, 28)),  # same date a month earlier
    ],
)
def test_aanzegdatum(begin, eind, uiterlijk):
    assert aanzegdatum(eind, begin) == uiterlijk


@given(begins, st.integers(0, 2000))
def test_aanzegdatum_laat_een_volle_maand(begin, dagen):
    eind = begin + timedelta(days=dagen)
    uiterlijk = aanzegdatum(eind, begin)
    if uiterlijk is not None:
        assert periode_einde(uiterlijk + timedelta(days=1), 1) <= eind
        assert uiterlijk <= plus_maanden(eind, -1)


MAANDLOON = Decimal("3100.00")


@pytest.mark.parametrize(
    ("aangezegd_op", "vergoeding"),
    [
        (D(2026, 11, 1), Decimal("0.00")),  # early
        (D(2026, 11, 30), Decimal("0.00")),  # on the last allowed day
        (D(2026, 12, 1), Decimal("100.00")),  # one day late: 1/31 of 3100
        (D(2026, 12, 11), Decimal("1100.00")),  # eleven days late
        (D(2026, 12, 30), Decimal("3000.00")),
        (D(2026, 12, 31), Decimal("3100.00")),  # on the last day: as never given
        (None, Decimal("3100.00")),  # never: one month's wage
    ],
)
def test_aanzegvergoeding(aangezegd_op, vergoeding):
    assert aanzegvergoeding(MAANDLOON, D(2026, 12, 31), D(2026, 1, 1), aangezegd_op) == vergoeding


def test_aanzegvergoeding_rondt_af_op_centen():
    # Last day 1 October, deadline 1 September: a 30-day notice month. One day late:
    # 2000 / 30 = 66.666... -> 66.67.
    bedrag = aanzegvergoeding(Decimal("2000"), D(2026, 10, 1), D(2026, 1, 1), D(2026, 9, 2))
    assert bedrag == Decimal("66.67")


def test_geen_aanzegvergoeding_onder_zes_maanden():
    assert aanzegvergoeding(MAANDLOON, D(2026, 6, 29), D(2026, 1, 1), None) == Decimal("0.00")


@pytest.mark.parametrize(
    ("jaren", "maanden"),
    [(0, 1), (4, 1), (5, 2), (9, 2), (10, 3), (14, 3), (15, 4), (40, 4)],
)
def test_opzegtermijn_werkgever(jaren, maanden):
    assert opzegtermijn_werkgever(jaren, dag=D(2026, 1, 1)) == maanden


def test_opzegtermijn_met_uwv_toestemming_een_maand_korter_maar_minstens_een():
    assert opzegtermijn_werkgever(12, dag=D(2026, 1, 1), uwv_toestemming=True) == 2
    assert opzegtermijn_werkgever(2, dag=D(2026, 1, 1), uwv_toestemming=True) == 1


def test_opzegtermijn_werknemer_en_negatieve_dienstjaren():
    assert opzegtermijn_werknemer(dag=D(2026, 1, 1)) == 1
    with pytest.raises(RegelFout, match="dienstjaren"):
        opzegtermijn_werkgever(-1, dag=D(2026, 1, 1))


@pytest.mark.parametrize(
    ("opgezegd", "maanden", "einde"),
    [
        (D(2026, 3, 15), 1, D(2026, 4, 30)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),  # term 1-30 April, end of month
        (D(2026, 3, 1), 1, D(2026, 4, 30)),  # term 2 Mar - 1 Apr, then month end
        (D(2026, 2, 28), 1, D(2026, 3, 31)),
        (D(2026, 10, 31), 3, D(2027, 1, 31)),
    ],
)
def test_einde_na_opzegging(opgezegd, maanden, einde):
    assert einde_na_opzegging(opgezegd, maanden) == einde
