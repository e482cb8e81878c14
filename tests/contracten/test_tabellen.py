"""The dated legal tables: each row sourced, rated, and ending where publication ends."""

from datetime import date

import pytest

from contracten import rules, tabellen
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


@pytest.mark.parametrize(
    ("tabel", "laatste_dag"),
    [
        (tabellen.MINIMUMLOON_PER_UUR, date(2026, 12, 31)),
        (tabellen.JEUGDPERCENTAGES, date(2026, 12, 31)),
        (tabellen.BBL_PERCENTAGES, date(2026, 12, 31)),
        (tabellen.TRANSITIEVERGOEDING_MAXIMUM, date(2026, 12, 31)),
        (tabellen.KETEN, date(2027, 12, 31)),
        (tabellen.OPROEP, date(2027, 12, 31)),
    ],
    ids=lambda x: getattr(x, "onderwerp", str(x)),
)
def test_tabel_eindigt_waar_de_kennis_eindigt(tabel, laatste_dag):
    assert tabel.op(laatste_dag) is not None
    with pytest.raises(GeenRegelVoorDatum) as fout:
        tabel.op(date(laatste_dag.year + 1, 1, 1))
    assert "moet eerst worden bijgewerkt" in str(fout.value)


def test_minimumloon_halfjaren_sluiten_zonder_gat_aan():
    rijen = tabellen.MINIMUMLOON_PER_UUR.rijen
    for eerder, later in zip(rijen, rijen[1:], strict=False):
        assert (later.geldig_van - eerder.geldig_tot).days == 1


def test_rules_module_geeft_dezelfde_functies():
    from contracten import regels

    for naam in regels.__all__:
        assert getattr(rules, naam) is getattr(regels, naam)
