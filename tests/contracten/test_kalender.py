"""Calendar counting shared by every rule: months, inclusive ends, ages, 29 February."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.regels import (
    contractmaanden,
    duurt_langer_dan,
    hele_maanden,
    leeftijd_op,
    periode_einde,
    plus_maanden,
)

D = date


@pytest.mark.parametrize(
    ("begin", "maanden", "einde"),
    [
        (D(2026, 1, 1), 6, D(2026, 6, 30)),
        (D(2026, 1, 15), 6, D(2026, 7, 14)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),  # no 30/31 February: month end
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 6, D(2024, 8, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2025, 3, 1), 1, D(2025, 3, 31)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 1), 36, D(2026, 12, 31)),
        (D(2025, 12, 1), 2, D(2026, 1, 31)),  # over a year end
    ],
)
def test_periode_einde(begin, maanden, einde):
    assert periode_einde(begin, maanden) == einde


def test_periode_van_nul_maanden_is_een_fout():
    with pytest.raises(ValueError):
        periode_einde(D(2026, 1, 1), 0)


@pytest.mark.parametrize(
    ("begin", "eind", "hele"),
    [
        (D(2026, 1, 1), D(2026, 6, 30), 6),
        (D(2026, 1, 1), D(2026, 6, 29), 5),
        (D(2025, 8, 31), D(2026, 2, 28), 6),
        (D(2024, 1, 1), D(2026, 12, 31), 36),
        (D(2026, 1, 1), D(2026, 1, 30), 0),
        (D(2026, 1, 2), D(2026, 1, 1), 0),
    ],
)
def test_hele_maanden(begin, eind, hele):
    assert hele_maanden(begin, eind) == hele


@pytest.mark.parametrize(
    ("geboren", "dag", "leeftijd"),
    [
        (D(2005, 6, 15), D(2026, 6, 15), 21),  # birthday on the work day counts
        (D(2005, 6, 15), D(2026, 6, 14), 20),
        (D(2004, 2, 29), D(2025, 2, 28), 20),  # leap-day birth: not yet on 28 Feb
        (D(2004, 2, 29), D(2025, 3, 1), 21),  # ... but on 1 March
        (D(2004, 2, 29), D(2024, 2, 29), 20),  # leap year: on the day itself
        (D(2005, 12, 31), D(2026, 1, 1), 20),
        (D(2005, 1, 1), D(2026, 1, 1), 21),
    ],
)
def test_leeftijd_op(geboren, dag, leeftijd):
    assert leeftijd_op(geboren, dag) == leeftijd


def test_leeftijd_voor_geboorte_is_een_fout():
    with pytest.raises(ValueError, match="vóór de geboortedatum"):
        leeftijd_op(D(2020, 1, 2), D(2020, 1, 1))


def test_contractmaanden_sluiten_aan():
    maanden = list(contractmaanden(D(2025, 8, 31), 3))
    assert maanden == [
        (D(2025, 8, 31), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 10, 30)),
        (D(2025, 10, 31), D(2025, 11, 30)),
    ]


def test_plus_maanden_klemt_op_maandeinde():
    assert plus_maanden(D(2026, 12, 31), -1) == D(2026, 11, 30)
    assert plus_maanden(D(2026, 3, 31), -1) == D(2026, 2, 28)


datums = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))


@given(datums, st.integers(min_value=1, max_value=60))
def test_periode_is_precies_n_hele_maanden(begin, n):
    einde = periode_einde(begin, n)
    assert hele_maanden(begin, einde) == n
    assert not duurt_langer_dan(begin, einde, n)


@given(datums, st.integers(min_value=1, max_value=24))
def test_contractmaanden_dekken_de_periode_zonder_gat(begin, n):
    maanden = list(contractmaanden(begin, n))
    assert maanden[0][0] == begin and maanden[-1][1] == periode_einde(begin, n)
    for (_, tot), (van, _) in zip(maanden, maanden[1:], strict=False):
        assert (van - tot).days == 1
