"""Holiday pay and hours (WML 15, 7:634, 7:640a) and the transition payment (7:673)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import (
    RegelFout,
    dienstduur,
    transitievergoeding,
    vakantie_uren_opbouw,
    vakantie_uren_per_jaar,
    vakantie_uren_vervallen_na,
    vakantiegeld,
    vakantiegeld_reservering,
)
from contracten.tabellen import TRANSITIEVERGOEDING_MAXIMUM

D = date
DAG = D(2026, 5, 1)


@pytest.mark.parametrize(
    ("loon", "geld"),
    [
        (Decimal("1000.00"), Decimal("80.00")),
        (Decimal("2543.21"), Decimal("203.46")),  # 203.4568
        (Decimal("0.06"), Decimal("0.00")),  # 0.0048
        (Decimal("0.07"), Decimal("0.01")),  # 0.0056
        (Decimal("10.5625"), Decimal("0.85")),  # exactly 0.845: half up
        (Decimal("0"), Decimal("0.00")),
    ],
)
def test_vakantiegeld(loon, geld):
    assert vakantiegeld(loon, DAG) == geld


def test_negatief_loon_is_een_fout():
    with pytest.raises(RegelFout, match="brutoloon") as fout:
        vakantiegeld(Decimal("-1"), DAG)
    assert fout.value.veld == "brutoloon"


def test_reservering_per_maand_telt_op_tot_het_jaarbedrag():
    lonen = [Decimal("10.5625")] * 4  # 0.845 each: rounding each alone would give 3.40
    reservering = vakantiegeld_reservering(lonen, DAG)
    assert reservering == [Decimal("0.85"), Decimal("0.84"), Decimal("0.85"), Decimal("0.84")]
    assert sum(reservering) == vakantiegeld(sum(lonen), DAG) == Decimal("3.38")


@given(st.lists(st.decimals(min_value=0, max_value=100000, places=4), max_size=60))
def test_reservering_behoudt_centen(lonen):
    reservering = vakantiegeld_reservering(lonen, DAG)
    assert sum(reservering, Decimal(0)) == vakantiegeld(sum(lonen, Decimal(0)), DAG)
    assert all(r.as_tuple().exponent == -2 for r in reservering)


@pytest.mark.parametrize(
    ("gewerkt", "opbouw"),
    [
        (Decimal("48"), Decimal("4.00")),
        (Decimal("1920"), Decimal("160.00")),  # 48 weeks x 40 h -> 4 x 40 h
        (Decimal("10"), Decimal("0.83")),  # 0.8333
        (Decimal("7.5"), Decimal("0.63")),  # 0.625: half up
        (Decimal("0"), Decimal("0.00")),
    ],
)
def test_vakantie_uren_opbouw(gewerkt, opbouw):
    assert vakantie_uren_opbouw(gewerkt, DAG) == opbouw


def test_wettelijke_vakantie_is_vier_keer_de_week_en_vervalt_half_jaar_later():
    assert vakantie_uren_per_jaar(Decimal("24"), DAG) == Decimal("96")
    assert vakantie_uren_vervallen_na(2025) == D(2026, 6, 30)


@pytest.mark.parametrize(
    ("in_dienst", "laatste", "duur"),
    [
        (D(2020, 1, 1), D(2025, 12, 31), (6, 0, 0)),
        (D(2020, 1, 15), D(2025, 3, 20), (5, 2, 6)),
        (D(2026, 1, 1), D(2026, 1, 10), (0, 0, 10)),
        (D(2024, 2, 29), D(2025, 2, 28), (1, 0, 0)),
    ],
)
def test_dienstduur(in_dienst, laatste, duur):
    assert dienstduur(in_dienst, laatste) == duur


@pytest.mark.parametrize(
    ("maandloon", "in_dienst", "laatste", "bedrag"),
    [
        (Decimal("3000"), D(2020, 1, 1), D(2025, 12, 31), Decimal("6000.00")),  # 6 x 1000
        (Decimal("3000"), D(2025, 1, 1), D(2025, 6, 30), Decimal("500.00")),  # 6/12 x 1000
        (Decimal("3650"), D(2026, 1, 1), D(2026, 1, 10), Decimal("33.33")),  # 10/365 of 1216.67
        # 1 year, 1 month, 15 days: 833.33... x (1 + 1/12 + 15/365) = 937.0243
        (Decimal("2500"), D(2025, 3, 1), D(2026, 4, 15), Decimal("937.02")),
    ],
)
def test_transitievergoeding(maandloon, in_dienst, laatste, bedrag):
    assert transitievergoeding(maandloon, in_dienst, laatste) == bedrag


def test_transitievergoeding_gemaximeerd_of_jaarloon_als_dat_hoger_is():
    hoog = Decimal("40000")  # 30 years x 13,333.33 = 400,000 without a cap
    assert transitievergoeding(hoog, D(1996, 1, 1), D(2025, 12, 31)) == Decimal("98000.00")
    assert transitievergoeding(hoog, D(1996, 1, 1), D(2026, 1, 1)) == Decimal("102000.00")
    # A yearly wage above the cap lifts it: 30 years and a day = 13,333.33 x (30 + 1/365).
    jaarloon = Decimal("518400")
    bedrag = transitievergoeding(hoog, D(1996, 1, 1), D(2026, 1, 1), jaarloon=jaarloon)
    assert bedrag == Decimal("400036.53")


def test_transitievergoeding_na_de_tabel_niet_vastgesteld():
    na_de_tabel = TRANSITIEVERGOEDING_MAXIMUM.bekend_tot() + timedelta(days=1)
    with pytest.raises(GeenRegelVoorDatum, match="maximum transitievergoeding"):
        transitievergoeding(Decimal("3000"), D(2020, 1, 1), na_de_tabel)
