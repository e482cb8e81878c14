"""coop.engines.splitting: packages into permanent and incidental jobs (pure, no database)."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracten import arbeidstijd
from contracten.arbeidstijd import max_dienst_uren_volwassen
from contracten.feiten import DatedTable, Feit
from coop.engines.splitting import (
    INCIDENTEEL,
    VAST,
    Dienst,
    EenmaligWerk,
    SplitConfig,
    SplitFout,
    TerugkerendWerk,
    Tijdvak,
    Venster,
    split,
)

MA, DI, WO, DO, VR, ZA = 0, 1, 2, 3, 4, 5


def blok(weekdag, van, tot):
    return Tijdvak(weekdag, time(*van), time(*tot))


def d(iso):
    return date.fromisoformat(iso)


# --- recurring work: permanent or incidental ------------------------------------------------


def test_issue_example_26_weeks_is_one_permanent_job():
    werk = TerugkerendWerk(
        patroon=(blok(DI, (9, 0), (11, 0)), blok(DO, (13, 0), (16, 0))),
        startdatum=d("2025-01-06"),
        einddatum=d("2025-07-06"),  # 182 days = 26 weeks
    )
    [job] = split(werk)
    assert job.soort == VAST
    assert job.reden == "wekelijks terugkerend, 26 weken: structureel"
    assert job.patroon == werk.patroon
    assert job.diensten == ()
    assert (job.startdatum, job.einddatum) == (d("2025-01-06"), d("2025-07-06"))
    assert job.uren_per_week == D("5")
    assert job.totaal_uren == D("130")  # 26 Tuesdays x 2 + 26 Thursdays x 3


def test_open_ended_is_permanent_without_total():
    [job] = split(TerugkerendWerk((blok(MA, (8, 0), (12, 30)),), d("2025-03-03"), None))
    assert job.soort == VAST
    assert job.reden == "wekelijks terugkerend, zonder einddatum: structureel"
    assert job.uren_per_week == D("4.5")
    assert job.totaal_uren is None


def test_exactly_13_weeks_is_structural_one_day_less_is_not():
    patroon = (blok(WO, (10, 0), (12, 0)),)
    [vast] = split(TerugkerendWerk(patroon, d("2025-01-06"), d("2025-04-06")))
    assert vast.soort == VAST
    assert vast.reden == "wekelijks terugkerend, 13 weken: structureel"

    [kort] = split(TerugkerendWerk(patroon, d("2025-01-06"), d("2025-04-05")))
    assert kort.soort == INCIDENTEEL
    assert kort.reden == (
        "wekelijks terugkerend, 12 weken en 6 dagen (korter dan 13 weken): incidenteel, "
        "13 diensten van hoogstens 8 uur"
    )
    assert [x.datum for x in kort.diensten] == [
        d("2025-01-08") + timedelta(weeks=i) for i in range(13)
    ]
    assert {(x.begin, x.eind, x.plek) for x in kort.diensten} == {(time(10), time(12), 0)}
    assert kort.totaal_uren == D("26")
    assert kort.uren_per_week == D("2")


def test_staff_can_lower_the_structural_threshold():
    werk = TerugkerendWerk((blok(VR, (9, 0), (13, 0)),), d("2025-01-06"), d("2025-02-02"))
    assert split(werk)[0].soort == INCIDENTEEL
    [job] = split(werk, SplitConfig(structureel_min_weken=4))
    assert job.soort == VAST
    assert job.reden == "wekelijks terugkerend, 4 weken: structureel"


def test_short_recurring_block_above_shift_limit_is_cut_for_two_people():
    werk = TerugkerendWerk((blok(DO, (8, 0), (18, 0)),), d("2025-01-06"), d("2025-01-12"))
    [job] = split(werk)
    # 10 hours: 8 + 2 would leave a 2-hour shift, so the cut is 7 + 3 (minimum 3 preferred)
    assert job.diensten == (
        Dienst(d("2025-01-09"), time(8), time(15), plek=0),
        Dienst(d("2025-01-09"), time(15), time(18), plek=1),
    )
    assert job.reden.endswith("2 diensten van hoogstens 8 uur, tot 2 mensen tegelijk")
    assert job.totaal_uren == D("10")


def test_permanent_pattern_with_overlapping_blocks_needs_two_jobs():
    werk = TerugkerendWerk(
        (blok(MA, (8, 0), (12, 0)), blok(MA, (9, 0), (11, 0)), blok(WO, (8, 0), (10, 0))),
        d("2025-01-06"),
        None,
    )
    eerste, tweede = split(werk)
    assert eerste.patroon == (blok(MA, (8, 0), (12, 0)), blok(WO, (8, 0), (10, 0)))
    assert tweede.patroon == (blok(MA, (9, 0), (11, 0)),)
    assert eerste.reden == tweede.reden
    assert "verdeeld over 2 vaste banen" in eerste.reden
    assert (eerste.uren_per_week, tweede.uren_per_week) == (D("6"), D("2"))


def test_permanent_day_above_the_shift_limit_goes_to_two_jobs():
    werk = TerugkerendWerk((blok(DI, (7, 0), (17, 30)),), d("2025-01-06"), None)
    eerste, tweede = split(werk, SplitConfig(max_dienst_uren=D("8")))
    assert eerste.patroon == (blok(DI, (7, 0), (14, 30)),)
    assert tweede.patroon == (blok(DI, (14, 30), (17, 30)),)
    # with the legal maximum as shift limit, one person can do it
    [job] = split(werk, SplitConfig(max_dienst_uren=D("12")))
    assert job.patroon == werk.patroon


# --- one-off work ------------------------------------------------------------------------------


def test_one_off_fills_earliest_days_one_person_per_day():
    werk = EenmaligWerk(d("2025-06-05"), d("2025-06-20"), D("20"))  # Thursday .. Friday
    [job] = split(werk)
    assert job.soort == INCIDENTEEL
    assert [(x.datum, x.begin, x.eind, x.plek) for x in job.diensten] == [
        (d("2025-06-05"), time(8), time(16), 0),  # Thursday
        (d("2025-06-06"), time(8), time(16), 0),  # Friday
        (d("2025-06-09"), time(8), time(12), 0),  # weekend skipped: Monday
    ]
    assert job.reden == (
        "eenmalig werk, 20 uur tussen 05-06-2025 en 20-06-2025: incidenteel, "
        "3 diensten van hoogstens 8 uur"
    )
    assert (job.startdatum, job.einddatum) == (d("2025-06-05"), d("2025-06-09"))
    assert job.totaal_uren == D("20")
    assert job.uren_per_week == D("16")


def test_one_off_people_at_once_work_in_parallel():
    werk = EenmaligWerk(d("2025-06-02"), d("2025-06-04"), D("41.5"), max_personen=2)
    [job] = split(werk)
    assert [(x.datum.day, x.eind, x.plek) for x in job.diensten] == [
        (2, time(16), 0),
        (2, time(16), 1),
        (3, time(16), 0),
        (3, time(16), 1),
        (4, time(14, 30), 0),  # 40 + 1.5 is cut 8 + 6.5 + 3, not 8 + 8 + 1.5
        (4, time(11), 1),
    ]
    assert sum(x.uren for x in job.diensten) == D("41.5")
    assert job.reden.endswith("6 diensten van hoogstens 8 uur, tot 2 mensen tegelijk")


def test_one_off_two_people_at_once_for_forty_hours():
    """Two people at once with a long window: side by side, not one person for five days."""
    werk = EenmaligWerk(d("2025-06-02"), d("2025-06-30"), D("40"), max_personen=2)
    [job] = split(werk)
    assert [(x.datum.day, x.begin, x.eind, x.plek) for x in job.diensten] == [
        (2, time(8), time(16), 0),
        (2, time(8), time(16), 1),
        (3, time(8), time(16), 0),
        (3, time(8), time(16), 1),
        (4, time(8), time(16), 0),
    ]


def test_one_off_respects_day_limit_days_and_start_time():
    werk = EenmaligWerk(
        d("2025-06-02"),
        d("2025-06-30"),
        D("10"),
        max_uren_per_dag=D("4"),
        dagen=frozenset({ZA}),
        dag_begin=time(9, 30),
    )
    [job] = split(werk)
    assert [(x.datum, x.begin, x.eind) for x in job.diensten] == [
        (d("2025-06-07"), time(9, 30), time(13, 30)),
        (d("2025-06-14"), time(9, 30), time(12, 30)),
        (d("2025-06-21"), time(9, 30), time(12, 30)),
    ]
    assert job.reden.endswith("3 diensten van hoogstens 4 uur")


def test_one_off_remainder_is_not_cut_shorter_than_needed():
    [job] = split(EenmaligWerk(d("2025-06-02"), d("2025-06-13"), D("17")))
    assert [x.uren for x in job.diensten] == [D("8"), D("6"), D("3")]
    [job] = split(
        EenmaligWerk(d("2025-06-02"), d("2025-06-13"), D("17")), SplitConfig(min_dienst_uren=D("0"))
    )
    assert [x.uren for x in job.diensten] == [D("8"), D("8"), D("1")]


def test_one_off_small_job_is_one_short_shift():
    [job] = split(EenmaligWerk(d("2025-06-02"), d("2025-06-02"), D("1.25")))
    assert job.diensten == (Dienst(d("2025-06-02"), time(8), time(9, 15)),)


def venster(iso, van, tot):
    return Venster(d(iso), time(*van), time(*tot))


def test_one_off_in_agreed_windows_starts_when_each_window_opens():
    # A tenant is home on Tuesday afternoon and Thursday morning: 6 hours of work.
    werk = EenmaligWerk(
        d("2026-11-02"),
        d("2026-11-13"),
        D("6"),
        vensters=(venster("2026-11-05", (8, 0), (12, 0)), venster("2026-11-03", (13, 0), (17, 0))),
    )
    [job] = split(werk)
    assert [(x.datum, x.begin, x.eind) for x in job.diensten] == [
        (d("2026-11-03"), time(13), time(17)),
        (d("2026-11-05"), time(8), time(10)),
    ]
    assert "in de afgesproken tijdvensters" in job.reden


def test_one_off_windows_leave_days_and_start_time_aside_and_keep_the_shift_limit():
    werk = EenmaligWerk(
        d("2026-11-02"),
        d("2026-11-13"),
        D("10"),
        dagen=frozenset({MA}),
        dag_begin=time(7),
        vensters=(venster("2026-11-07", (9, 0), (19, 0)), venster("2026-11-08", (10, 0), (14, 0))),
    )
    [job] = split(werk)
    assert [(x.datum, x.begin, x.eind) for x in job.diensten] == [
        (d("2026-11-07"), time(9), time(17)),  # a shift is at most 8 hours
        (d("2026-11-08"), time(10), time(12)),
    ]


def test_one_off_windows_on_one_date_and_people_at_once():
    # Three windows on one day, the second overlapping the first: two people work the first
    # side by side, no one the second (both are busy then), the afternoon one is free again.
    werk = EenmaligWerk(
        d("2026-11-02"),
        d("2026-11-13"),
        D("10"),
        max_personen=2,
        vensters=(
            venster("2026-11-04", (9, 0), (12, 0)),
            venster("2026-11-04", (10, 0), (12, 0)),
            venster("2026-11-04", (13, 0), (17, 0)),
        ),
    )
    [job] = split(werk)
    assert [(x.begin, x.eind, x.plek) for x in job.diensten] == [
        (time(9), time(12), 0),
        (time(9), time(12), 1),
        (time(13), time(17), 0),
    ]


def test_one_off_work_longer_than_its_windows_is_refused_saying_how_much_fits():
    werk = EenmaligWerk(
        d("2026-11-02"),
        d("2026-11-13"),
        D("3"),
        vensters=(venster("2026-11-03", (9, 0), (11, 0)), venster("2026-11-20", (9, 0), (17, 0))),
    )
    with pytest.raises(SplitFout) as fout:
        split(werk)
    assert fout.value.veld == "vensters"
    assert fout.value.melding.startswith(
        "3 uur werk past niet in de tijdvensters (03-11-2026 09:00-11:00; 20-11-2026 "
        "09:00-17:00): daarin is ruimte voor hoogstens 2 uur"
    )  # the window after the last day does not count


@pytest.mark.parametrize(
    ("vensters", "tekst"),
    [
        (lambda: (venster("2026-11-03", (11, 0), (9, 0)),), "eindigt (09:00) niet na het begin"),
        (lambda: (venster("2026-11-03", (9, 10), (12, 0)),), "niet op een kwartier"),
    ],
)
def test_bad_window_is_refused(vensters, tekst):
    with pytest.raises(SplitFout) as fout:
        split(EenmaligWerk(d("2026-11-02"), d("2026-11-13"), D("1"), vensters=vensters()))
    assert fout.value.veld == "vensters" and tekst in fout.value.melding


# --- impossible input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("werk", "veld", "tekst"),
    [
        (
            EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("41")),
            "totaal_uren",
            "41 uur past niet tussen 02-06-2025 en 06-06-2025: er is ruimte voor hoogstens 40 uur "
            "(5 dagen x 1 persoon x 8 uur).",
        ),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("0")), "totaal_uren", "groter dan nul"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("2.1")), "totaal_uren", "kwartier"),
        (EenmaligWerk(d("2025-06-06"), d("2025-06-02"), D("4")), "uiterlijk_eind", "vóór"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4"), max_personen=0), "max_personen", "persoon"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4"), dagen=frozenset()), "dagen", "weekdag"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4"), dagen=frozenset({7})), "dagen", "weekdag"),
        (EenmaligWerk(d("2025-06-07"), d("2025-06-08"), D("4")), "totaal_uren", "0 dagen"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4"), max_uren_per_dag=D("0")), "max_uren_per_dag", "boven nul"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4"), dag_begin=time(8, 10)), "dag_begin", "kwartier"),
        (EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4"), dag_begin=time(23, 45)), "dag_begin", "geen dienst"),
        (TerugkerendWerk((), d("2025-01-06"), None), "patroon", "leeg"),
        (TerugkerendWerk((blok(MA, (8, 5), (9, 0)),), d("2025-01-06"), None), "patroon", "kwartier"),
        (TerugkerendWerk((blok(MA, (8, 0), (9, 0)),), d("2025-01-06"), d("2025-01-05")), "einddatum", "vóór de startdatum"),
        (TerugkerendWerk((blok(MA, (8, 0), (9, 0)),), d("2025-01-07"), d("2025-01-12")), "patroon", "Geen enkel blok"),
    ],
)  # fmt: skip
def test_impossible_input_names_the_field(werk, veld, tekst):
    with pytest.raises(SplitFout) as fout:
        split(werk)
    assert fout.value.veld == veld
    assert tekst in fout.value.melding
    assert fout.value.fields == {veld: [fout.value.melding]}
    assert isinstance(fout.value, ValueError)


@pytest.mark.parametrize(
    ("weekdag", "van", "tot"), [(7, (8, 0), (9, 0)), (-1, (8, 0), (9, 0)), (MA, (9, 0), (9, 0))]
)
def test_bad_block_is_refused_when_made(weekdag, van, tot):
    with pytest.raises(SplitFout) as fout:
        blok(weekdag, van, tot)
    assert fout.value.veld == "patroon"


@pytest.mark.parametrize(
    ("config", "veld"),
    [
        (
            SplitConfig(
                max_dienst_uren=max_dienst_uren_volwassen(d("2025-06-02"), d("2025-06-06"))
                + D("0.25")
            ),
            "max_dienst_uren",
        ),
        (SplitConfig(max_dienst_uren=D("0")), "max_dienst_uren"),
        (SplitConfig(max_dienst_uren=D("7.3")), "max_dienst_uren"),
        (SplitConfig(structureel_min_weken=0), "structureel_min_weken"),
        (SplitConfig(min_dienst_uren=D("-1")), "min_dienst_uren"),
    ],
)
def test_bad_config_is_refused(config, veld):
    with pytest.raises(SplitFout) as fout:
        split(EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("4")), config)
    assert fout.value.veld == veld


def test_legal_maximum_is_twelve_hours():
    assert max_dienst_uren_volwassen(d("2025-06-02"), d("2025-06-06")) == D("12")
    [job] = split(
        EenmaligWerk(d("2025-06-02"), d("2025-06-06"), D("24")),
        SplitConfig(max_dienst_uren=D("12")),
    )
    assert [x.uren for x in job.diensten] == [D("12"), D("12")]


def test_legal_maximum_follows_the_dates_of_the_work(monkeypatch):
    # From 2027 an adult's shift may last 10 hours: 12-hour shifts for work before then, not
    # for work after it, nor for work that runs into it.
    oud = arbeidstijd.NORMEN_VOLWASSEN
    rij = oud.code_rijen[-1]
    tien = Feit(replace(rij.waarde, max_dienst_uren=D("10")), d("2027-01-01"), None, "test")
    tabel = DatedTable(oud.onderwerp, [replace(rij, geldig_tot=d("2026-12-31")), tien])
    monkeypatch.setattr(arbeidstijd, "NORMEN_VOLWASSEN", tabel)
    twaalf = SplitConfig(max_dienst_uren=D("12"))
    [job] = split(EenmaligWerk(d("2026-06-01"), d("2026-06-05"), D("24")), twaalf)
    assert [x.uren for x in job.diensten] == [D("12"), D("12")]
    for van, tot in [("2027-06-07", "2027-06-11"), ("2026-12-28", "2027-01-08")]:
        with pytest.raises(SplitFout) as fout:
            split(EenmaligWerk(d(van), d(tot), D("24")), twaalf)
        assert fout.value.veld == "max_dienst_uren"
        assert "wettelijke 10 uur" in fout.value.melding
    [job] = split(
        EenmaligWerk(d("2027-06-07"), d("2027-06-11"), D("24")),
        SplitConfig(max_dienst_uren=D("10")),
    )
    assert [x.uren for x in job.diensten] == [D("10"), D("10"), D("4")]


# --- properties -------------------------------------------------------------------------------

kwartiertijden = st.integers(0, 95).map(lambda q: time(q // 4, q % 4 * 15))
configs = st.builds(
    SplitConfig,
    structureel_min_weken=st.integers(1, 30),
    max_dienst_uren=st.integers(1, 48).map(lambda q: D(q) / 4),
    min_dienst_uren=st.integers(0, 20).map(lambda q: D(q) / 4),
)


@st.composite
def eenmalig_werk(draw):
    start = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    return EenmaligWerk(
        vroegste_start=start,
        uiterlijk_eind=start + timedelta(days=draw(st.integers(0, 30))),
        totaal_uren=D(draw(st.integers(1, 600))) / 4,
        max_uren_per_dag=draw(st.none() | st.integers(1, 48).map(lambda q: D(q) / 4)),
        max_personen=draw(st.integers(1, 4)),
        dagen=draw(st.frozensets(st.integers(0, 6), min_size=1)),
        dag_begin=draw(st.integers(0, 80).map(lambda q: time(q // 4, q % 4 * 15))),
    )


@st.composite
def tijdvakken(draw):
    begin = draw(st.integers(0, 94))
    eind = draw(st.integers(begin + 1, 95))
    return Tijdvak(
        draw(st.integers(0, 6)), time(begin // 4, begin % 4 * 15), time(eind // 4, eind % 4 * 15)
    )


@st.composite
def terugkerend_werk(draw):
    start = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    lengte = draw(st.none() | st.integers(0, 200))
    return TerugkerendWerk(
        patroon=tuple(draw(st.lists(tijdvakken(), min_size=1, max_size=6))),
        startdatum=start,
        einddatum=None if lengte is None else start + timedelta(days=lengte),
    )


def _minuten(t):
    return t.hour * 60 + t.minute


def _ruimte_eenmalig(werk, config):
    """Independent count of the hours that fit in a one-off package's window."""
    lengte = min(config.max_dienst_uren, werk.max_uren_per_dag or config.max_dienst_uren)
    lengte = min(lengte, D(23 * 60 + 45 - _minuten(werk.dag_begin)) / 60)
    dagen = sum(
        1
        for i in range((werk.uiterlijk_eind - werk.vroegste_start).days + 1)
        if (werk.vroegste_start + timedelta(days=i)).weekday() in werk.dagen
    )
    return dagen * werk.max_personen * lengte


def _check_per_plek_per_dag(diensten, max_uren):
    per_plek = defaultdict(list)
    for x in diensten:
        per_plek[(x.datum, x.plek)].append(x)
    for lijst in per_plek.values():
        lijst.sort(key=lambda x: x.begin)
        assert sum(x.uren for x in lijst) <= max_uren
        for a, b in zip(lijst, lijst[1:], strict=False):
            assert a.eind <= b.begin


@settings(max_examples=300, deadline=None)
@given(werk=eenmalig_werk(), config=configs)
def test_one_off_properties(werk, config):
    if _ruimte_eenmalig(werk, config) < werk.totaal_uren:
        with pytest.raises(SplitFout) as fout:
            split(werk, config)
        assert fout.value.veld == "totaal_uren"
        return
    jobs = split(werk, config)
    assert jobs == split(werk, config)  # deterministic
    [job] = jobs
    assert job.soort == INCIDENTEEL
    assert sum(x.uren for x in job.diensten) == werk.totaal_uren  # exactly conserved
    wettelijk = max_dienst_uren_volwassen(werk.vroegste_start, werk.uiterlijk_eind)
    grens = min(config.max_dienst_uren, werk.max_uren_per_dag or wettelijk)
    grens = min(grens, D(23 * 60 + 45 - _minuten(werk.dag_begin)) / 60)  # ends by 23:45
    for x in job.diensten:
        assert D(0) < x.uren <= grens
        assert werk.vroegste_start <= x.datum <= werk.uiterlijk_eind
        assert x.datum.weekday() in werk.dagen
        assert x.begin == werk.dag_begin and x.eind.minute % 15 == 0
        assert 0 <= x.plek < werk.max_personen
    assert len({(x.datum, x.plek) for x in job.diensten}) == len(job.diensten)
    assert list(job.diensten) == sorted(job.diensten, key=lambda x: (x.datum, x.begin, x.plek))
    # large and small chunks: all but the last two shifts are full length
    assert all(x.uren == grens for x in job.diensten[:-2])
    # people at once: every day but the last holds max_personen parallel shifts, the earliest
    # allowed days are used, and a day's shifts run side by side (places 0, 1, ...)
    per_dag = defaultdict(list)
    for x in job.diensten:
        per_dag[x.datum].append(x.plek)
    dagen = sorted(per_dag)
    assert all(per_dag[dag] == list(range(werk.max_personen)) for dag in dagen[:-1])
    assert per_dag[dagen[-1]] == list(range(len(per_dag[dagen[-1]])))
    toegestaan = [
        werk.vroegste_start + timedelta(days=i)
        for i in range((werk.uiterlijk_eind - werk.vroegste_start).days + 1)
        if (werk.vroegste_start + timedelta(days=i)).weekday() in werk.dagen
    ]
    assert dagen == toegestaan[: len(dagen)]


@st.composite
def werk_in_vensters(draw):
    """One-off work with windows on distinct dates (some outside the window of dates)."""
    start = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    eind = start + timedelta(days=draw(st.integers(0, 20)))
    vensters = []
    for dag in sorted(set(draw(st.lists(st.integers(-3, 25), min_size=1, max_size=6)))):
        begin = draw(st.integers(0, 94))
        einde = draw(st.integers(begin + 1, 95))
        vensters.append(
            Venster(
                start + timedelta(days=dag),
                time(begin // 4, begin % 4 * 15),
                time(einde // 4, einde % 4 * 15),
            )
        )
    return EenmaligWerk(
        vroegste_start=start,
        uiterlijk_eind=eind,
        totaal_uren=D(draw(st.integers(1, 200))) / 4,
        max_personen=draw(st.integers(1, 3)),
        vensters=tuple(draw(st.permutations(vensters))),
    )


@settings(max_examples=300, deadline=None)
@given(werk=werk_in_vensters(), config=configs)
def test_one_off_in_windows_properties(werk, config):
    binnen = [v for v in werk.vensters if werk.vroegste_start <= v.datum <= werk.uiterlijk_eind]
    ruimte = werk.max_personen * sum(
        (min(D(_minuten(v.eind) - _minuten(v.begin)) / 60, config.max_dienst_uren) for v in binnen),
        D(0),
    )
    if ruimte < werk.totaal_uren:
        with pytest.raises(SplitFout) as fout:
            split(werk, config)
        assert fout.value.veld == "vensters"
        return
    [job] = split(werk, config)
    assert sum(x.uren for x in job.diensten) == werk.totaal_uren  # exactly conserved
    per_datum = {v.datum: v for v in binnen}
    for x in job.diensten:
        v = per_datum[x.datum]  # only on a window's date, inside the window of dates
        assert x.begin == v.begin and x.eind <= v.eind  # inside the agreed window
        assert D(0) < x.uren <= config.max_dienst_uren
        assert 0 <= x.plek < werk.max_personen
    _check_per_plek_per_dag(job.diensten, config.max_dienst_uren)
    # earliest windows first: a later window is used only when the earlier ones are full
    gebruikt = sorted({x.datum for x in job.diensten})
    assert gebruikt == sorted(per_datum)[: len(gebruikt)]


def _bezetting(werk):
    """Minutes of work per weekday and minute-of-day count, for comparing patterns."""
    teller = defaultdict(int)
    for t in werk:
        for m in range(_minuten(t.begin), _minuten(t.eind)):
            teller[(t.weekdag, m)] += 1
    return dict(teller)


@settings(max_examples=300, deadline=None)
@given(werk=terugkerend_werk(), config=configs)
def test_recurring_properties(werk, config):
    structureel = werk.einddatum is None or (
        (werk.einddatum - werk.startdatum).days + 1 >= 7 * config.structureel_min_weken
    )
    voorkomens = []
    if not structureel:
        dagen = (werk.einddatum - werk.startdatum).days + 1
        datums = [werk.startdatum + timedelta(days=i) for i in range(dagen)]
        voorkomens = [
            (dag, t) for dag in datums for t in werk.patroon if t.weekdag == dag.weekday()
        ]
        if not voorkomens:
            with pytest.raises(SplitFout):
                split(werk, config)
            return
    jobs = split(werk, config)
    assert jobs == split(werk, config)  # deterministic
    if structureel:
        assert {j.soort for j in jobs} == {VAST}
        # the jobs together cover the pattern exactly, minute by minute
        alle = [t for j in jobs for t in j.patroon]
        assert _bezetting(alle) == _bezetting(werk.patroon)
        assert sum(j.uren_per_week for j in jobs) == sum(t.uren for t in werk.patroon)
        for j in jobs:
            assert j.reden.startswith("wekelijks terugkerend")
            diensten = [
                Dienst(date(2025, 1, 6) + timedelta(days=t.weekdag), t.begin, t.eind)
                for t in j.patroon
            ]
            _check_per_plek_per_dag(diensten, config.max_dienst_uren)
        return
    [job] = jobs
    assert job.soort == INCIDENTEEL
    assert job.totaal_uren == sum(t.uren for _, t in voorkomens)  # exactly conserved
    assert all(x.uren <= config.max_dienst_uren for x in job.diensten)
    _check_per_plek_per_dag(job.diensten, config.max_dienst_uren)
    assert {x.datum for x in job.diensten} == {dag for dag, _ in voorkomens}
