"""On-call rules (7:628a): 4-day call term, late cancellation, 3-hour minimum, offer."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import (
    RegelFout,
    contractmaanden,
    minimum_oproep_uren,
    oproep_termijn_ok,
    uren_bij_late_annulering,
    vaste_uren_aanbod,
)

AMS = ZoneInfo("Europe/Amsterdam")
D = date


def t(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize(
    ("oproep", "werk", "ok"),
    [
        (t(2026, 3, 2, 14, 0), t(2026, 3, 6, 14, 0), True),  # Monday 14:00 -> Friday 14:00
        (t(2026, 3, 2, 14, 0), t(2026, 3, 6, 13, 59), False),
        (t(2026, 3, 2, 23, 59), t(2026, 3, 6, 8, 0), False),
        # Over the clock change (29 March 2026): only 95 real hours, still 4 calendar days.
        (t(2026, 3, 26, 14, 0), t(2026, 3, 30, 14, 0), True),
        (t(2026, 10, 22, 9, 0), t(2026, 10, 26, 9, 0), True),  # 97 real hours
        (t(2026, 10, 22, 9, 0), t(2026, 10, 26, 8, 30), False),
        (t(2026, 2, 25, 10, 0), t(2026, 3, 1, 10, 0), True),  # over a month end
    ],
)
def test_oproeptermijn_vier_kalenderdagen(oproep, werk, ok):
    assert oproep_termijn_ok(oproep, werk) is ok


def test_oproeptermijn_in_utc_gegeven_telt_op_amsterdamse_klok():
    utc = ZoneInfo("UTC")
    oproep = datetime(2026, 3, 26, 13, 0, tzinfo=utc)  # 14:00 in Amsterdam (CET)
    werk = datetime(2026, 3, 30, 12, 0, tzinfo=utc)  # 14:00 in Amsterdam (CEST)
    assert oproep_termijn_ok(oproep, werk)


def test_cao_mag_inkorten_tot_24_uur():
    assert oproep_termijn_ok(t(2026, 3, 2, 8), t(2026, 3, 3, 8), cao_termijn=timedelta(hours=24))
    with pytest.raises(RegelFout, match="niet korter maken dan 24 uur") as fout:
        oproep_termijn_ok(t(2026, 3, 2, 8), t(2026, 3, 3, 8), cao_termijn=timedelta(hours=23))
    assert fout.value.veld == "cao_termijn"


def test_tijdstip_zonder_tijdzone_is_een_fout():
    with pytest.raises(RegelFout, match="zonder tijdzone") as fout:
        oproep_termijn_ok(datetime(2026, 3, 2, 8), t(2026, 3, 9, 8))
    assert fout.value.veld == "oproep_moment"


def test_oproepregels_na_2027_nog_niet_vastgesteld():
    with pytest.raises(GeenRegelVoorDatum, match="regels oproepovereenkomst"):
        oproep_termijn_ok(t(2028, 1, 3, 8), t(2028, 1, 10, 8))


WERK = t(2026, 3, 6, 9, 0)


@pytest.mark.parametrize(
    ("gewijzigd_op", "opgeroepen", "gewerkt", "betaald"),
    [
        (t(2026, 3, 2, 9, 0), Decimal("6"), Decimal("0"), Decimal("0")),  # in time: nothing
        (t(2026, 3, 2, 9, 1), Decimal("6"), Decimal("0"), Decimal("6")),  # a minute late
        (t(2026, 3, 5, 18, 0), Decimal("6"), Decimal("2"), Decimal("6")),  # shortened late
        (t(2026, 3, 5, 18, 0), Decimal("6"), Decimal("7.5"), Decimal("7.5")),  # worked more
        (t(2026, 3, 1, 9, 0), Decimal("6"), Decimal("2"), Decimal("2")),  # shortened in time
    ],
)
def test_uren_bij_late_annulering(gewijzigd_op, opgeroepen, gewerkt, betaald):
    uren = uren_bij_late_annulering(opgeroepen, WERK, gewijzigd_op, gewerkte_uren=gewerkt)
    assert uren == betaald


@pytest.mark.parametrize(
    ("gewerkt", "per_week", "vaste_tijden", "betaald"),
    [
        (Decimal("1.5"), Decimal("0"), False, Decimal("3")),  # zero-hours contract
        (Decimal("2.75"), Decimal("14.99"), False, Decimal("3")),
        (Decimal("2.75"), Decimal("15"), False, Decimal("2.75")),  # 15 agreed: no minimum
        (Decimal("2.75"), Decimal("8"), True, Decimal("2.75")),  # fixed times: no minimum
        (Decimal("3"), Decimal("0"), False, Decimal("3")),
        (Decimal("4.25"), Decimal("0"), False, Decimal("4.25")),
        (Decimal("0"), Decimal("0"), False, Decimal("3")),  # came, sent home at once
    ],
)
def test_minimum_drie_uur_per_oproep(gewerkt, per_week, vaste_tijden, betaald):
    assert minimum_oproep_uren(gewerkt, per_week, vaste_tijden, dag=D(2026, 3, 6)) == betaald


def test_late_annulering_van_korte_oproep_wordt_drie_uur():
    behouden = uren_bij_late_annulering(Decimal("2"), WERK, t(2026, 3, 5, 12, 0))
    assert minimum_oproep_uren(behouden, Decimal("0"), False, dag=WERK.date()) == Decimal("3")


def test_negatieve_uren_zijn_een_fout():
    with pytest.raises(RegelFout) as fout:
        minimum_oproep_uren(Decimal("-1"), Decimal("0"), False, dag=D(2026, 3, 6))
    assert fout.value.veld == "gewerkte_uren"


def test_vaste_uren_aanbod_niet_voor_12_maanden():
    assert vaste_uren_aanbod(D(2025, 1, 15), [Decimal("40")] * 11) is None


def test_vaste_uren_aanbod_na_12_maanden_naar_boven_afgerond():
    uren = [Decimal("40")] * 11 + [Decimal("41")]  # 481 / 12 = 40.083...
    aanbod = vaste_uren_aanbod(D(2025, 1, 15), uren)
    assert aanbod.nummer == 1
    assert (aanbod.periode_van, aanbod.periode_tot) == (D(2025, 1, 15), D(2026, 1, 14))
    assert aanbod.uiterlijk == D(2026, 2, 14)  # within the 13th month
    assert aanbod.gemiddelde_per_maand == Decimal("40.08")
    assert aanbod.uren_per_maand == 41
    assert aanbod.uren_per_week == 10  # 481 h over 365/7 weeks = 9.22 -> 10


def test_vaste_uren_aanbod_herhaalt_elke_12_maanden():
    uren = [Decimal("20")] * 12 + [Decimal("30")] * 12 + [Decimal("99")] * 3
    aanbod = vaste_uren_aanbod(D(2024, 2, 29), uren)
    assert aanbod.nummer == 2
    # 29 Feb 2024 + 12 months ends 28 Feb 2025, + 24 months ends 28 Feb 2026.
    assert (aanbod.periode_van, aanbod.periode_tot) == (D(2025, 3, 1), D(2026, 2, 28))
    assert aanbod.uiterlijk == D(2026, 3, 28)
    assert aanbod.uren_per_maand == 30
    assert aanbod.uren_per_week == 7  # 360 h over 365/7 weeks = 6.90 -> 7


def test_vaste_uren_periode_sluit_aan_op_contractmaanden():
    aanbod = vaste_uren_aanbod(D(2025, 8, 31), [Decimal("10")] * 24)
    maanden = list(contractmaanden(D(2025, 8, 31), 24))
    assert (aanbod.periode_van, aanbod.periode_tot) == (maanden[12][0], maanden[23][1])


@given(st.lists(st.decimals(min_value=0, max_value=300, places=2), min_size=12, max_size=40))
def test_aanbod_nooit_onder_het_gemiddelde_en_minder_dan_een_uur_erboven(uren):
    aanbod = vaste_uren_aanbod(D(2025, 1, 1), uren)
    blok = uren[(aanbod.nummer - 1) * 12 : aanbod.nummer * 12]
    gemiddelde = sum(blok, Decimal(0)) / 12
    assert gemiddelde <= aanbod.uren_per_maand < gemiddelde + 1
