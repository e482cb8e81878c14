"""Minimum wage by age and day: every published figure, the edges, the 2027 refusal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten import tabellen as t
from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import RegelFout, cent, minimumloon_per_uur
from contracten.tabellen import MINIMUMLOON_PER_UUR

D = date

# contracten/BRONNEN.md §1, verbatim: (first day, {age: rate}); 21 means 21 and over.
GEPUBLICEERD = [
    (D(2025, 1, 1), "14.06 11.25 8.44 7.03 5.55 4.85 4.22"),
    (D(2025, 7, 1), "14.40 11.52 8.64 7.20 5.69 4.97 4.32"),
    (D(2026, 1, 1), "14.71 11.77 8.83 7.36 5.81 5.07 4.41"),
    (D(2026, 7, 1), "14.99 11.99 8.99 7.50 5.92 5.17 4.50"),
]
GEVALLEN = [
    (dag, leeftijd, Decimal(bedrag))
    for dag, rij in GEPUBLICEERD
    for leeftijd, bedrag in zip((21, 20, 19, 18, 17, 16, 15), rij.split(), strict=True)
]


def geboren_voor(leeftijd: int, dag: date) -> date:
    """A date of birth that makes someone exactly `leeftijd` on `dag` (birthday that day)."""
    return dag.replace(year=dag.year - leeftijd)


@pytest.mark.parametrize(("dag", "leeftijd", "bedrag"), GEVALLEN)
def test_gepubliceerde_bedragen_op_de_eerste_en_laatste_dag(dag, leeftijd, bedrag):
    geboren = geboren_voor(leeftijd, dag)
    assert minimumloon_per_uur(geboren, dag) == bedrag
    laatste = t.MINIMUMLOON_PER_UUR.feit_op(dag).geldig_tot
    assert minimumloon_per_uur(geboren, laatste) == bedrag


@pytest.mark.parametrize(("dag", "leeftijd", "bedrag"), GEVALLEN)
def test_tabel_klopt_met_jeugdpercentages(dag, leeftijd, bedrag):
    """Guards a future table update against typos: youth rate = adult x percentage."""
    volwassen = t.MINIMUMLOON_PER_UUR.op(dag)[21]
    percentage = t.JEUGDPERCENTAGES.op(dag).get(leeftijd, Decimal(1))
    assert cent(volwassen * percentage) == bedrag


@pytest.mark.parametrize(
    ("geboren", "dag", "bedrag"),
    [
        (D(2005, 6, 15), D(2026, 6, 15), Decimal("14.71")),  # 21st birthday: 21+ rate
        (D(2005, 6, 15), D(2026, 6, 14), Decimal("11.77")),  # the day before: 20
        (D(2005, 6, 30), D(2026, 6, 30), Decimal("14.71")),  # birthday, last day of half-year
        (D(2005, 7, 1), D(2026, 7, 1), Decimal("14.99")),  # birthday and new rate together
        (D(2005, 7, 1), D(2026, 6, 30), Decimal("11.77")),
        (D(2004, 2, 29), D(2025, 2, 28), Decimal("11.25")),  # leap-day birth: still 20
        (D(2004, 2, 29), D(2025, 3, 1), Decimal("14.06")),  # 21 on 1 March
        (D(1960, 1, 1), D(2026, 12, 31), Decimal("14.99")),  # last covered day
    ],
)
def test_randgevallen(geboren, dag, bedrag):
    assert minimumloon_per_uur(geboren, dag) == bedrag


@pytest.mark.parametrize(
    ("leeftijd", "dag", "bedrag"),
    [
        # Rijksoverheid's BBL rates on an adult rate of 14.71 (2026-01): adult x 45.5/52.5/61.5%
        (18, D(2026, 1, 1), Decimal("6.69")),
        (19, D(2026, 1, 1), Decimal("7.72")),
        (20, D(2026, 1, 1), Decimal("9.05")),
        (18, D(2026, 7, 1), Decimal("6.82")),  # 14.99 x 0.455 = 6.820...
        (20, D(2026, 7, 1), Decimal("9.22")),  # 14.99 x 0.615 = 9.21885 -> half up
        (17, D(2026, 1, 1), Decimal("5.81")),  # no BBL reduction under 18
        (21, D(2026, 1, 1), Decimal("14.71")),  # nor from 21
    ],
)
def test_bbl(leeftijd, dag, bedrag):
    assert minimumloon_per_uur(geboren_voor(leeftijd, dag), dag, bbl=True) == bedrag


def test_bbl_nooit_hoger_dan_gewoon_en_stijgt_met_leeftijd():
    dag = D(2026, 3, 1)
    bbl = [minimumloon_per_uur(geboren_voor(a, dag), dag, bbl=True) for a in (18, 19, 20, 21)]
    gewoon = [minimumloon_per_uur(geboren_voor(a, dag), dag) for a in (18, 19, 20, 21)]
    assert bbl == sorted(bbl)
    assert all(b <= g for b, g in zip(bbl, gewoon, strict=True))


def test_na_de_tabel_is_niets_bekend():
    dag = MINIMUMLOON_PER_UUR.bekend_tot() + timedelta(days=1)
    with pytest.raises(GeenRegelVoorDatum, match="Geen vastgesteld gegeven") as fout:
        minimumloon_per_uur(D(1980, 1, 1), dag)
    assert f"{dag:%d-%m-%Y}" in str(fout.value)
    assert "minimumloon per uur" in str(fout.value)


def test_voor_2025_geen_tabel():
    with pytest.raises(GeenRegelVoorDatum):
        minimumloon_per_uur(D(1980, 1, 1), D(2024, 12, 31))


def test_onder_15_geen_minimumloon():
    with pytest.raises(RegelFout, match="14 jaar geldt geen wettelijk minimumloon") as fout:
        minimumloon_per_uur(D(2011, 3, 2), D(2026, 3, 1))
    assert fout.value.veld == "geboortedatum"


def test_vijftiende_verjaardag_is_de_eerste_dag_met_minimumloon():
    assert minimumloon_per_uur(D(2011, 3, 1), D(2026, 3, 1)) == Decimal("4.41")


werkdagen = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 12, 31))


@given(werkdagen, st.integers(min_value=15, max_value=70), st.integers(0, 70), st.booleans())
def test_minimumloon_daalt_nooit_met_leeftijd(dag, jonger, verschil, bbl):
    geboren_jong = geboren_voor(jonger, dag.replace(day=1))
    geboren_oud = geboren_voor(jonger + verschil, dag.replace(day=1))
    jong = minimumloon_per_uur(geboren_jong, dag, bbl=bbl)
    oud = minimumloon_per_uur(geboren_oud, dag, bbl=bbl)
    assert oud >= jong
    assert oud <= t.MINIMUMLOON_PER_UUR.op(dag)[21]
