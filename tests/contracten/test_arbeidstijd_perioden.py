"""The rest of the working-time law: breaks per dienst, the weekly rest and the 4- and 16-week
averages (contracten/BRONNEN.md §17), each just inside and just outside, with properties."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from contracten import tabellen as t
from contracten.arbeidstijd import AMSTERDAM, Dienstvenster, controleer_diensten
from contracten.feiten import DatedTable, Feit
from contracten.regels import arbeidstijd_perioden as perioden

VOLWASSEN = date(1990, 5, 17)
MINDERJARIG = date(2009, 1, 1)  # 17 throughout 2026


def om(dag: int, uur: float, maand: int = 3) -> datetime:
    return datetime(2026, maand, 1, tzinfo=AMSTERDAM) + timedelta(days=dag - 1, hours=uur)


def v(dag: int, van: float, tot: float, pauze_min: int | None = None) -> Dienstvenster:
    return Dienstvenster(om(dag, van), om(dag, tot), None if pauze_min is None else 60 * pauze_min)


def codes(fouten) -> list[str]:
    return sorted(f.code for f in fouten)


geboren_ = geboren = st.sampled_from([VOLWASSEN, MINDERJARIG])


# --- breaks (art. 5:4) --------------------------------------------------------------------------


def test_the_break_figures_are_dated_and_sourced():
    feit = t.ARBEIDSTIJD_PAUZE.feit_op(date(2026, 11, 16))
    assert feit.waarde.volwassen == ((t.D("5.5"), 30), (t.D(10), 45))
    assert feit.waarde.jeugdig == ((t.D("4.5"), 30),)
    assert "art. 5:4" in feit.bron and feit.zekerheid == "H"


def test_a_planned_break_shorter_than_the_statutory_one_is_refused():
    # 6 h: an adult needs 30 min (more than 5.5 h), a minor too (more than 4.5 h).
    assert controleer_diensten(VOLWASSEN, [], [v(9, 8, 14, pauze_min=30)]) == []
    (fout,) = controleer_diensten(VOLWASSEN, [], [v(9, 8, 14, pauze_min=15)])
    assert fout.code == "pauze"
    assert fout.melding == (
        "De dienst van 09-03-2026 08:00 tot 14:00 (6 uur) heeft 15 min pauze gepland; een "
        "werknemer van 35 jaar heeft bij deze dienstlengte recht op ten minste 30 min pauze "
        "(Arbeidstijdenwet art. 5:4)."
    )
    # 5 h: no break for an adult, 30 min for a minor; "geen pauze" when none is planned.
    assert controleer_diensten(VOLWASSEN, [], [v(9, 8, 13, pauze_min=0)]) == []
    (fout,) = controleer_diensten(MINDERJARIG, [], [v(9, 8, 13, pauze_min=0)])
    assert "heeft geen pauze gepland; een werknemer van 17 jaar" in fout.melding
    # More than 10 h: 45 min.
    assert codes(controleer_diensten(VOLWASSEN, [], [v(9, 8, 18.5, pauze_min=30)])) == ["pauze"]
    assert controleer_diensten(VOLWASSEN, [], [v(9, 8, 18.5, pauze_min=45)]) == []


def test_without_a_planned_break_the_statutory_one_is_planned():
    assert controleer_diensten(MINDERJARIG, [], [v(9, 8, 13)]) == []


def test_windows_of_one_dienst_are_no_work_in_one_go_without_a_break():
    # 08-12 and 12-16 back to back: 8 h at work, neither window needs a break of its own.
    (fout,) = controleer_diensten(VOLWASSEN, [v(9, 8, 12)], [v(9, 12, 16)])
    assert fout.code == "pauze"
    assert fout.melding == (
        "Dienst 08:00-12:00 en 12:00-16:00 op 09-03-2026: 8 uur werk achter elkaar zonder "
        "pauze; bij meer dan 5 uur 30 min werk is ten minste 30 min pauze verplicht "
        "(Arbeidstijdenwet art. 5:4); een onderbreking telt als pauze vanaf 15 min."
    )
    # 5.5 h in one go is allowed; a gap of 15 min is a break, one of 14 min is not.
    assert controleer_diensten(VOLWASSEN, [v(9, 8, 11)], [v(9, 11, 13.5)]) == []
    assert controleer_diensten(VOLWASSEN, [v(9, 8, 11)], [v(9, 11.25, 14.25)]) == []
    bijna = controleer_diensten(VOLWASSEN, [v(9, 8, 11)], [v(9, 11 + 14 / 60, 14.25)])
    assert codes(bijna) == ["pauze"]
    # 16-17: 4.5 h.
    assert codes(controleer_diensten(MINDERJARIG, [v(9, 8, 10)], [v(9, 10, 12.75)])) == ["pauze"]
    assert controleer_diensten(MINDERJARIG, [v(9, 8, 10)], [v(9, 10, 12.5)]) == []
    # A planned break in one of the windows ends the work in one go.
    assert controleer_diensten(VOLWASSEN, [v(9, 8, 12, pauze_min=30)], [v(9, 12, 16)]) == []


@given(
    geboren_,
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 24)), min_size=2, max_size=6),
    st.integers(0, 5),
)
def test_adding_a_window_never_cures_work_without_a_break(geb, delen, extra):
    """Work in one go stays work in one go when a window is added (the planner relies on it)."""
    vensters = [
        Dienstvenster(
            om(9, 6) + timedelta(minutes=15 * a), om(9, 6) + timedelta(minutes=15 * (a + b))
        )
        for a, b in delen
    ]
    zonder = vensters[:1] + vensters[2:]
    if not any(f.code == "pauze" for f in controleer_diensten(geb, zonder[:-1], zonder[-1:])):
        return
    alle = controleer_diensten(geb, vensters[:-1], vensters[-1:])
    assert {"pauze", "overlap"} & {f.code for f in alle}


# --- weekly rest (art. 5:5, youth art. 5:2) -------------------------------------------------------


def werkweek(eerste_dag: int, dagen: int, van: float = 8, tot: float = 16) -> list[Dienstvenster]:
    return [v(eerste_dag + i, van, tot) for i in range(dagen)]


def test_a_monday_to_friday_week_keeps_its_weekly_rest():
    # 2026-03-09 is a Monday: two weeks of five days, the weekend between them 64 h.
    week = werkweek(9, 5) + werkweek(16, 5)
    assert controleer_diensten(VOLWASSEN, week[:-1], week[-1:]) == []
    assert controleer_diensten(MINDERJARIG, week[:-1], week[-1:]) == []


def test_a_stretch_may_span_132_hours():
    # Monday 08:00 to Saturday 20:00 is 132 h: the 36 h after it still lie within 7 x 24 h.
    week = werkweek(9, 5)
    assert controleer_diensten(MINDERJARIG, week, [v(14, 16, 20)]) == []
    fouten = controleer_diensten(MINDERJARIG, week, [v(14, 16, 20 + 1 / 60)])
    assert codes(fouten) == ["wekelijkse_rust"]
    assert fouten[0].melding == (
        "Te weinig wekelijkse rust: van 09-03-2026 08:00 tot 14-03-2026 20:01 (132 uur 1 min) "
        "zonder 36 uur aaneengesloten rust; in elke 7 x 24 uur is ten minste 36 uur "
        "onafgebroken rust vereist (Arbeidstijdenwet art. 5:2)."
    )


def test_adults_may_take_72_hours_in_14_days_in_parts_of_32():
    # Ten days in a row (240 h), then 80 h off: within 14 x 24 h of the start 80 h of rest.
    tien = werkweek(2, 10)
    assert controleer_diensten(VOLWASSEN, tien[:-1], tien[-1:]) == []
    # The same for a minor: only the 7-day rule.
    assert codes(controleer_diensten(MINDERJARIG, tien[:-1], tien[-1:])) == ["wekelijkse_rust"]
    # Work again after 72 h of rest (Saturday 16:00), then Sunday 08-16: the 14 x 24 h from
    # the start (to Monday 16 March 08:00) hold 72 h of rest in a part of at least 32 h; the
    # 12 h and 16 h after the new work are shorter parts and do not count.
    zondag = v(15, 8, 16)
    assert controleer_diensten(VOLWASSEN, tien, [v(14, 16, 20), zondag]) == []
    fouten = controleer_diensten(VOLWASSEN, tien, [v(14, 16 - 1 / 60, 20), zondag])
    assert codes(fouten) == ["wekelijkse_rust"]
    assert fouten[0].melding == (
        "Te weinig wekelijkse rust: van 02-03-2026 08:00 tot 11-03-2026 16:00 (224 uur) zonder "
        "36 uur aaneengesloten rust; in elke 7 x 24 uur is ten minste 36 uur onafgebroken rust "
        "vereist (Arbeidstijdenwet art. 5:5), of 72 uur in 14 x 24 uur in delen van ten minste "
        "32 uur: hier 71 uur 59 min."
    )


def test_existing_work_alone_is_not_reported():
    tien = werkweek(2, 10)
    # New work three weeks later: the old stretch was checked when it was given.
    assert controleer_diensten(MINDERJARIG, tien, [v(30, 8, 12)]) == []


# --- averages (art. 5:7, youth art. 5:2) ----------------------------------------------------------


def test_sixteen_weeks_of_48_hours_are_allowed_and_a_minute_more_is_not():
    # 16 weeks x 48 h worked (windows of 4 h: no break), the last window new.
    vensters = []
    for w in range(16):
        maandag = date(2026, 1, 5) + timedelta(weeks=w)
        for d in range(6):
            for van in (7, 12):  # 2 x 4 h a day, Monday to Saturday
                start = datetime.combine(
                    maandag + timedelta(days=d), datetime.min.time(), AMSTERDAM
                )
                vensters.append(
                    Dienstvenster(start + timedelta(hours=van), start + timedelta(hours=van + 4))
                )
    assert controleer_diensten(VOLWASSEN, vensters[:-1], vensters[-1:]) == []
    langer = Dienstvenster(vensters[-1].start, vensters[-1].eind + timedelta(minutes=1))
    (fout,) = controleer_diensten(VOLWASSEN, vensters[:-1], [langer])
    assert fout.code == "gemiddelde_week"
    assert fout.melding == (
        "Gemiddeld te veel uren: in de 16 weken van 05-01-2026 tot en met 26-04-2026 gemiddeld "
        "48 uur per week gewerkt (wettelijke pauzes niet meegeteld), meer dan het toegestane "
        "gemiddelde van 48 uur per week over 16 weken (Arbeidstijdenwet art. 5:7)."
    )


def test_a_minor_averages_at_most_40_hours_over_4_weeks():
    # Four weeks of 40 h (8 windows of 5 h a week over Monday to Friday twice... as 2 x 4 h
    # plus 2 h is not needed: 5 days x 2 windows of 4 h = 40 h worked, no break of 4 h).
    vensters = []
    for w in range(4):
        maandag = date(2026, 3, 2) + timedelta(weeks=w)
        for d in range(5):
            for van in (7, 12):
                start = datetime.combine(
                    maandag + timedelta(days=d), datetime.min.time(), AMSTERDAM
                )
                vensters.append(
                    Dienstvenster(start + timedelta(hours=van), start + timedelta(hours=van + 4))
                )
    assert controleer_diensten(MINDERJARIG, vensters[:-1], vensters[-1:]) == []
    extra = Dienstvenster(om(28, 9), om(28, 10))  # Saturday of the fourth week, one hour
    fouten = controleer_diensten(MINDERJARIG, vensters, [extra])
    assert codes(fouten) == ["gemiddelde_week"]
    assert "in de 4 weken van 02-03-2026 tot en met 29-03-2026 gemiddeld 40 uur 15 min" in (
        fouten[0].melding
    )
    assert "gewerkt als minderjarige" in fouten[0].melding
    assert "40 uur per week over 4 weken (Arbeidstijdenwet art. 5:2)" in fouten[0].melding
    # An adult may: 55 h over 4 weeks.
    assert controleer_diensten(VOLWASSEN, vensters, [extra]) == []


def test_the_average_follows_the_row_of_the_date():
    # A staff row from 2026-03-02 lowering the youth average to 30 h: the same month refused
    # from then on; a run that starts before it keeps the old figure.
    oud = t.ARBEIDSTIJD_GEMIDDELDE
    nieuw = DatedTable(
        oud.onderwerp,
        [
            replace(oud.code_rijen[0], geldig_tot=date(2026, 3, 1)),
            Feit(
                replace(oud.code_rijen[0].waarde, jeugdig=((4, t.D(30)),)),
                date(2026, 3, 2),
                None,
                "test",
            ),
        ],
    )
    weken = {date(2026, 3, 2) + timedelta(weeks=w): (35 * 3600, 35 * 3600) for w in range(4)}
    try:
        perioden.ARBEIDSTIJD_GEMIDDELDE = nieuw
        (fout,) = perioden.gemiddelde_weekuren(weken, [date(2026, 3, 23)])
        assert "gemiddelde van 30 uur per week over 4 weken" in fout.melding
    finally:
        perioden.ARBEIDSTIJD_GEMIDDELDE = oud
    assert perioden.gemiddelde_weekuren(weken, [date(2026, 3, 23)]) == []


# --- properties -----------------------------------------------------------------------------------

begins = st.integers(0, 60 * 24 * 4 * 7).map(lambda q: om(2, 0) + timedelta(minutes=15 * q))
lengtes = st.integers(1, 12 * 4).map(lambda q: timedelta(minutes=15 * q))
vensters = st.builds(lambda b, duur: Dienstvenster(b, b + duur), begins, lengtes)
PERIODE_CODES = {"wekelijkse_rust", "gemiddelde_week"}


@settings(max_examples=60, deadline=None)
@given(
    geboren, st.lists(vensters, max_size=25), st.lists(vensters, min_size=1, max_size=4), vensters
)
def test_more_work_never_cures_a_weekly_rest_or_average_violation(geb, bestaand, nieuw, extra):
    """Adding a window to the existing work never makes a weekly-rest or average finding of
    the new work go away: both rules only lose rest or gain hours."""
    voor = {f.code for f in controleer_diensten(geb, bestaand, nieuw)} & PERIODE_CODES
    na = {f.code for f in controleer_diensten(geb, [*bestaand, extra], nieuw)} & PERIODE_CODES
    assert voor <= na


@settings(max_examples=60, deadline=None)
@given(geboren, st.lists(vensters, max_size=20), st.lists(vensters, min_size=1, max_size=3))
def test_work_far_apart_is_judged_alone(geb, bestaand, nieuw):
    """Work 20 weeks away changes no weekly-rest or average finding: both look at most 16
    weeks around the new work."""
    ver = [
        Dienstvenster(x.start + timedelta(weeks=40), x.eind + timedelta(weeks=40)) for x in bestaand
    ]
    alleen = {f.code for f in controleer_diensten(geb, [], nieuw)} & PERIODE_CODES
    met_ver = {f.code for f in controleer_diensten(geb, ver, nieuw)} & PERIODE_CODES
    assert alleen == met_ver


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 70 * 3600), min_size=1, max_size=20), st.integers(0, 19))
def test_an_average_finding_means_some_run_is_over(seconden, index):
    """A finding exactly when a run of 4 (or 16) consecutive weeks holding the new week is
    over the figure; never for a run below it."""
    maandagen = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(len(seconden))]
    weken = {m: (s, 0) for m, s in zip(maandagen, seconden, strict=True)}
    week = maandagen[min(index, len(maandagen) - 1)]
    gevonden = perioden.gemiddelde_weekuren(weken, [week])
    i = maandagen.index(week)

    def over(aantal: int, uren: int) -> bool:
        return any(
            sum(seconden[max(0, s) : s + aantal]) > aantal * uren * 3600
            for s in range(i - aantal + 1, i + 1)
        )

    assert bool(gevonden) == (over(4, 55) or over(16, 48))
    assert len(gevonden) == over(4, 55) + over(16, 48)
