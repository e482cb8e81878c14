"""Public holidays by year (Algemene termijnenwet), Easter by the algorithm."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import feestdagen, is_feestdag, koningsdag, paaszondag

D = date


@pytest.mark.parametrize(
    ("jaar", "pasen"),
    [
        (2016, D(2016, 3, 27)),
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),  # latest possible date
        (2285, D(2285, 3, 22)),  # earliest possible date
    ],
)
def test_paaszondag(jaar, pasen):
    assert paaszondag(jaar) == pasen


def test_feestdagen_2026():
    assert feestdagen(2026) == {
        D(2026, 1, 1): "Nieuwjaarsdag",
        D(2026, 4, 3): "Goede Vrijdag",
        D(2026, 4, 6): "Tweede Paasdag",
        D(2026, 4, 27): "Koningsdag",
        D(2026, 5, 5): "Bevrijdingsdag",
        D(2026, 5, 14): "Hemelvaartsdag",
        D(2026, 5, 25): "Tweede Pinksterdag",
        D(2026, 12, 25): "Eerste Kerstdag",
        D(2026, 12, 26): "Tweede Kerstdag",
    }


def test_koningsdag_op_zondag_schuift_naar_zaterdag():
    assert koningsdag(2025) == D(2025, 4, 26)
    assert koningsdag(2031) == D(2031, 4, 26)
    assert koningsdag(2026) == D(2026, 4, 27)


def test_hemelvaart_op_bevrijdingsdag_houdt_beide_namen():
    assert feestdagen(2016)[D(2016, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"
    assert len(feestdagen(2016)) == 8


def test_is_feestdag():
    assert is_feestdag(D(2026, 5, 25)) and not is_feestdag(D(2026, 5, 24))


def test_voor_koningsdag_geen_tabel():
    with pytest.raises(GeenRegelVoorDatum, match="Koningsdag"):
        feestdagen(2013)


@given(st.integers(min_value=2014, max_value=2500))
def test_pasen_is_een_zondag_tussen_22_maart_en_25_april(jaar):
    pasen = paaszondag(jaar)
    assert pasen.isoweekday() == 7
    assert D(jaar, 3, 22) <= pasen <= D(jaar, 4, 25)
    dagen = feestdagen(jaar)
    assert list(dagen) == sorted(dagen)
    assert all(dag.year == jaar for dag in dagen)
