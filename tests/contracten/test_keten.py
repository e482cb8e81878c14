"""The chain rule (7:668a): 3 contracts, 36 months, gaps of 6 months reset."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import ContractPeriode, RegelFout, ketenregeling

D = date
P = ContractPeriode

TWEE_JAARCONTRACTEN = [P(D(2024, 1, 1), D(2024, 12, 31)), P(D(2025, 1, 1), D(2025, 12, 31))]
DRIE_HALFJAREN = [
    P(D(2024, 1, 1), D(2024, 6, 30)),
    P(D(2024, 7, 1), D(2024, 12, 31)),
    P(D(2025, 1, 1), D(2025, 6, 30)),
]


def test_eerste_contract_mag_tijdelijk():
    uitkomst = ketenregeling([], D(2026, 1, 1), D(2026, 12, 31))
    assert (uitkomst.tijdelijk_toegestaan, uitkomst.vast, uitkomst.nummer_in_keten) == (
        True,
        False,
        1,
    )
    assert uitkomst.reden == (
        "Contract 1 van ten hoogste 3 in de keten sinds 01-01-2026; "
        "de keten mag tot en met 31-12-2028 tijdelijk blijven."
    )


def test_precies_36_maanden_mag_nog():
    uitkomst = ketenregeling(TWEE_JAARCONTRACTEN, D(2026, 1, 1), D(2026, 12, 31))
    assert uitkomst.tijdelijk_toegestaan and uitkomst.nummer_in_keten == 3
    assert uitkomst.vast_vanaf is None


def test_een_dag_over_36_maanden_is_vast_vanaf_die_dag():
    uitkomst = ketenregeling(TWEE_JAARCONTRACTEN, D(2026, 1, 1), D(2027, 1, 1))
    assert not uitkomst.tijdelijk_toegestaan
    assert uitkomst.vast_vanaf == D(2027, 1, 1)
    assert "onbepaalde tijd vanaf 01-01-2027" in uitkomst.reden


def test_36_maanden_al_voorbij_bij_begin():
    eerder = [P(D(2023, 1, 1), D(2025, 12, 31))]  # 36 months, then a 3-month gap
    uitkomst = ketenregeling(eerder, D(2026, 4, 1), D(2026, 6, 30))
    assert uitkomst.vast_vanaf == D(2026, 4, 1)


def test_vierde_contract_is_vast_vanaf_begin():
    uitkomst = ketenregeling(DRIE_HALFJAREN, D(2025, 7, 1), D(2025, 9, 30))
    assert uitkomst.nummer_in_keten == 4
    assert uitkomst.vast_vanaf == D(2025, 7, 1)
    assert uitkomst.reden.startswith("Dit is het 4e tijdelijke contract in een keten sinds 01-01")


@pytest.mark.parametrize(
    ("nieuw_begin", "nummer", "vast_vanaf"),
    [
        (D(2026, 1, 1), 4, D(2026, 1, 1)),  # gap 1 Jul - 31 Dec: exactly 6 months, chain holds
        (D(2026, 1, 2), 1, None),  # gap 6 months and one day: a new chain
    ],
)
def test_tussenpoos_van_precies_zes_maanden(nieuw_begin, nummer, vast_vanaf):
    uitkomst = ketenregeling(DRIE_HALFJAREN, nieuw_begin, nieuw_begin + timedelta(days=90))
    assert (uitkomst.nummer_in_keten, uitkomst.vast_vanaf) == (nummer, vast_vanaf)


def test_tussenpoos_over_maandeinde_31_augustus():
    eerder = [P(D(2025, 3, 1), D(2025, 8, 31))]
    # Gap from 1 September: six months end on 28 February 2026.
    assert ketenregeling(eerder, D(2026, 3, 1), D(2026, 5, 31)).nummer_in_keten == 2
    assert ketenregeling(eerder, D(2026, 3, 2), D(2026, 5, 31)).nummer_in_keten == 1


def test_oude_keten_telt_niet_na_reset():
    eerder = [
        P(D(2022, 1, 1), D(2022, 12, 31)),
        P(D(2023, 1, 1), D(2023, 12, 31)),
        P(D(2024, 7, 1), D(2024, 12, 31)),  # after a 6-month gap: still the same chain
        P(D(2025, 8, 1), D(2025, 12, 31)),  # gap of 7 months: new chain starts here
    ]
    uitkomst = ketenregeling(eerder, D(2026, 1, 1), D(2026, 6, 30))
    assert (uitkomst.nummer_in_keten, uitkomst.keten_begin) == (2, D(2025, 8, 1))
    assert uitkomst.tijdelijk_toegestaan


def test_onbepaalde_tijd_overeengekomen():
    uitkomst = ketenregeling(TWEE_JAARCONTRACTEN, D(2026, 1, 1), None)
    assert uitkomst.vast_vanaf == D(2026, 1, 1) and not uitkomst.tijdelijk_toegestaan


def test_jongere_met_weinig_uren_telt_niet_mee():
    geboren = D(2008, 6, 1)  # 18 on 1 June 2026
    eerder = [
        P(D(2025, 1, 1), D(2025, 4, 30), Decimal("10")),
        P(D(2025, 5, 1), D(2025, 8, 31), Decimal("12")),
        P(D(2025, 9, 1), D(2025, 12, 31), Decimal("8")),
    ]
    met = ketenregeling(eerder, D(2026, 6, 1), D(2026, 12, 31), geboortedatum=geboren)
    zonder = ketenregeling(eerder, D(2026, 6, 1), D(2026, 12, 31))
    assert met.nummer_in_keten == 1 and met.tijdelijk_toegestaan
    assert zonder.nummer_in_keten == 4 and zonder.vast


def test_jongere_boven_12_uur_telt_wel_mee():
    eerder = [P(D(2025, 9, 1), D(2025, 12, 31), Decimal("12.5"))]
    uitkomst = ketenregeling(eerder, D(2026, 1, 1), D(2026, 3, 31), geboortedatum=D(2010, 1, 1))
    assert uitkomst.nummer_in_keten == 2


@pytest.mark.parametrize(
    ("eerder", "begin", "eind", "veld"),
    [
        ([P(D(2025, 1, 1), D(2026, 1, 1))], D(2026, 1, 1), D(2026, 3, 1), "begin"),
        ([P(D(2025, 2, 1), D(2025, 1, 1))], D(2026, 1, 1), D(2026, 3, 1), "eerdere"),
        (
            [P(D(2025, 1, 1), D(2025, 6, 30)), P(D(2025, 6, 1), D(2025, 8, 31))],
            D(2026, 1, 1),
            D(2026, 3, 1),
            "eerdere",
        ),
        ([], D(2026, 3, 1), D(2026, 1, 1), "eind"),
    ],
)
def test_onmogelijke_invoer(eerder, begin, eind, veld):
    with pytest.raises(RegelFout) as fout:
        ketenregeling(eerder, begin, eind)
    assert fout.value.veld == veld


def test_keten_na_2027_nog_niet_vastgesteld():
    with pytest.raises(GeenRegelVoorDatum, match="ketenregeling"):
        ketenregeling([], D(2028, 1, 1), D(2028, 6, 30))


@st.composite
def ketens(draw, min_contracten=0, max_tussenpoos=184):
    """Earlier contracts with random lengths and gaps, and a next start date.

    Bounded so the next start stays inside the chain-rule table (2020-2027).
    """
    dag = draw(st.dates(min_value=D(2020, 1, 1), max_value=D(2020, 12, 31)))
    eerder = []
    for _ in range(draw(st.integers(min_contracten, 5))):
        eind = dag + timedelta(days=draw(st.integers(0, 250)))
        eerder.append(P(dag, eind))
        dag = eind + timedelta(days=draw(st.integers(1, max_tussenpoos)))
    return eerder, dag


# Gaps of at most 181 days are always within 6 months, so the chain never breaks.
@given(ketens(min_contracten=3, max_tussenpoos=181), st.integers(0, 400))
def test_vierde_contract_is_altijd_vast(keten, duur):
    eerder, begin = keten
    uitkomst = ketenregeling(eerder, begin, begin + timedelta(days=duur))
    assert uitkomst.nummer_in_keten >= 4
    assert uitkomst.vast_vanaf == begin and not uitkomst.tijdelijk_toegestaan


@given(ketens(), st.integers(0, 2000))
def test_uitkomst_is_samenhangend(keten, duur):
    eerder, begin = keten
    eind = begin + timedelta(days=duur)
    uitkomst = ketenregeling(eerder, begin, eind)
    assert uitkomst.tijdelijk_toegestaan == (uitkomst.vast_vanaf is None)
    assert 1 <= uitkomst.nummer_in_keten <= len(eerder) + 1
    assert uitkomst.keten_begin <= begin
    if uitkomst.vast_vanaf is not None:
        assert begin <= uitkomst.vast_vanaf <= eind
