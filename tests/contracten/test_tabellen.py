"""The dated legal tables: each row sourced, rated, and ending where publication ends."""

import importlib
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from contracten import tabellen
from contracten.feiten import DatedTable, GeenRegelVoorDatum

TABELLEN = [waarde for waarde in vars(tabellen).values() if isinstance(waarde, DatedTable)]


def test_alle_tabellen_gevonden():
    assert len(TABELLEN) >= 14


@pytest.mark.parametrize("tabel", TABELLEN, ids=lambda tabel: tabel.onderwerp)
def test_elke_rij_heeft_bron_en_zekerheid(tabel):
    assert tabel.rijen
    for rij in tabel.rijen:
        assert len(rij.bron) > 10
        assert rij.zekerheid in {"H", "M", "L"}


EINDIGEND = [tabel for tabel in TABELLEN if tabel.bekend_tot() is not None]


def test_de_tabellen_die_per_periode_gelden_eindigen():
    namen = {tabel.sleutel for tabel in EINDIGEND}
    assert {"minimumloon_per_uur", "transitievergoeding_maximum"} <= namen


@pytest.mark.parametrize("tabel", EINDIGEND, ids=lambda tabel: tabel.onderwerp)
def test_tabel_eindigt_waar_de_kennis_eindigt(tabel):
    """The day after each table's last row the lookup refuses, in Dutch, naming the figure
    and what to do; the tables are never extended silently."""
    laatste_dag = tabel.bekend_tot()
    assert tabel.op(laatste_dag) is not None
    with pytest.raises(GeenRegelVoorDatum) as fout:
        tabel.op(laatste_dag + timedelta(days=1))
    tekst = str(fout.value)
    assert tabel.onderwerp in tekst
    assert f"bekend tot en met {laatste_dag:%d-%m-%Y}" in tekst
    assert "voert het gegeven vanaf die datum in" in tekst and "Wettelijke gegevens" in tekst


def test_2027_voorlopig_berekend_met_de_indexering():
    """No published 2027 figures were found: provisional rows, computed the documented way
    (the last half-year step applied once more), confidence L, marked provisional."""
    feit = tabellen.MINIMUMLOON_PER_UUR.feit_op(date(2027, 1, 1))
    assert feit.voorlopig and feit.zekerheid == "L" and feit.kenmerk == "voorlopig"
    stap = Decimal("14.99") / Decimal("14.71")
    assert feit.waarde[21] == (Decimal("14.99") * stap).quantize(Decimal("0.01"))
    assert feit.waarde[21] == Decimal("15.28")
    for leeftijd, pct in tabellen.JEUGDPERCENTAGES.op(date(2027, 1, 1)).items():
        assert feit.waarde[leeftijd] == (feit.waarde[21] * pct).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    assert tabellen.TRANSITIEVERGOEDING_MAXIMUM.feit_op(date(2027, 1, 1)).waarde == Decimal(
        "106000"
    )
    # The youth staffel rises and the BBL exception ends from 2027 (announced, M): the youth
    # amounts follow from the provisional adult amount, a learner gets the ordinary minimum.
    assert feit.waarde[20] == Decimal("13.37") and feit.waarde[18] == Decimal("9.55")
    assert tabellen.BBL_PERCENTAGES.op(date(2027, 1, 1)) == {}
    for tabel in (tabellen.JEUGDPERCENTAGES, tabellen.BBL_PERCENTAGES):
        rij = tabel.feit_op(date(2027, 1, 1))
        assert not rij.voorlopig and rij.zekerheid == "M" and "§14" in rij.bron


def test_voorlopig_betekent_zekerheid_laag():
    for tabel in TABELLEN:
        for rij in tabel.code_rijen:
            assert not rij.voorlopig or (rij.zekerheid == "L" and "Voorlopig" in rij.bron)


def test_minimumloon_halfjaren_sluiten_zonder_gat_aan():
    rijen = tabellen.MINIMUMLOON_PER_UUR.rijen
    for eerder, later in zip(rijen, rijen[1:], strict=False):
        assert (later.geldig_van - eerder.geldig_tot).days == 1


def test_regels_hebben_een_ingang():
    """The rules are imported from contracten.regels; the old alias module is gone."""
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("contracten.rules")
