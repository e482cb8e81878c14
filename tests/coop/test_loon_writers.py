"""The writers alone: equal data gives equal bytes whatever the clock says."""

import time
from datetime import date
from decimal import Decimal

import pytest

from coop.exports import Exportdata, Loonstaatregel, csv_export, nmbrs, xlsx


def _data() -> Exportdata:
    regel = Loonstaatregel(
        persnr=7,
        naam="Fatima El Amrani",
        werkgever="Woonstichting [Kanaleneiland]: Zuid/West en omstreken",
        werkgever_kvk="30123456",
        dagen=1,
        eerste_dag=date(2026, 10, 5),
        laatste_dag=date(2026, 10, 5),
        uren_normaal=Decimal("4.00"),
        bedrag_normaal=Decimal("62.00"),
        uren_doorbetaald=Decimal("0"),
        bedrag_doorbetaald=Decimal("0"),
        uren_aanvulling=Decimal("-1.00"),
        bedrag_aanvulling=Decimal("-15.50"),
        vakantiegeld=Decimal("3.72"),
        vakantie_uren=Decimal("0.25"),
    )
    return Exportdata("2026-10", "maand", date(2026, 10, 1), date(2026, 10, 31), (regel,))


@pytest.mark.parametrize("writer", [xlsx, nmbrs, csv_export])
def test_same_data_same_bytes_at_another_time(monkeypatch, writer):
    monkeypatch.setattr(time, "time", lambda: 1_600_000_000.0)
    eerst = writer.render(_data())
    monkeypatch.setattr(time, "time", lambda: 1_900_000_000.0)
    assert writer.render(_data()) == eerst


def test_sheet_names_are_valid_and_unique():
    gebruikt = {"overzicht"}
    eerste = xlsx._bladnaam("Woonstichting [Kanaleneiland]: Zuid/West en omstreken", gebruikt)
    tweede = xlsx._bladnaam("Woonstichting [Kanaleneiland]: Zuid/West en omstreken", gebruikt)
    assert eerste == "Woonstichting -Kanaleneiland--"
    assert tweede == "Woonstichting -Kanaleneilan (2)"  # unique, still 31 characters
    assert xlsx._bladnaam("'", gebruikt) == "Werkgever"


def test_csv_uses_decimal_comma_and_keeps_negative_corrections():
    regels = csv_export.render(_data()).decode().splitlines()
    assert regels[0] == "Periode;Persnr;Naam;Kostenplaats;Looncomponent;Code;Eenheid;Waarde"
    assert "2026-10;7;Fatima El Amrani;30123456;Gewerkte uren;U2100;uren;4,00" in regels
    assert (
        "2026-10;7;Fatima El Amrani;30123456;Loon aanvulling minimum per oproep;L5120;euro;-15,50"
        in regels
    )
    assert not any("doorbetaald" in r for r in regels)  # zero components are left out
