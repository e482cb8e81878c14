"""Working-time law: each limit just inside and just outside, the 18th birthday, DST."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten.arbeidstijd import (
    AMSTERDAM,
    Dienstvenster,
    conflict_tussen,
    controleer_diensten,
    leeftijd_op,
    max_dienst_uren,
    verplichte_pauze,
    week_seconden,
)
from contracten.feiten import GeenRegelVoorDatum

VOLWASSEN = date(1990, 5, 17)
MINDERJARIG = date(2009, 1, 1)  # 17 throughout 2026
JARIG = date(2008, 3, 10)  # turns 18 on Tuesday 2026-03-10


def t(dag: int, uur: int, minuut: int = 0, maand: int = 3, jaar: int = 2026) -> datetime:
    return datetime(jaar, maand, dag, uur, minuut, tzinfo=AMSTERDAM)


def dienst(start: datetime, uren: float) -> Dienstvenster:
    return Dienstvenster(start, start + timedelta(hours=uren))


def codes(fouten) -> list[str]:
    return sorted(f.code for f in fouten)


# 2026-03-09 is a Monday.
@pytest.mark.parametrize(
    ("geboren", "start", "uren", "verwacht"),
    [
        (VOLWASSEN, t(9, 8), 12, []),
        (VOLWASSEN, t(9, 8), 12 + 1 / 60, ["max_dienst"]),
        (MINDERJARIG, t(9, 8), 9, []),
        (MINDERJARIG, t(9, 8), 9 + 1 / 60, ["max_dienst"]),
        (JARIG, t(9, 8), 10, ["max_dienst"]),  # the day before the 18th birthday: 9 h
        (JARIG, t(10, 8), 10, []),  # on the birthday: adult, 12 h
        (JARIG, t(10, 8), 12 + 1 / 60, ["max_dienst"]),
    ],
)
def test_max_dienst(geboren, start, uren, verwacht):
    assert codes(controleer_diensten(geboren, [], [dienst(start, uren)])) == verwacht


def test_max_dienst_melding_names_the_numbers():
    (fout,) = controleer_diensten(VOLWASSEN, [], [dienst(t(9, 8), 12 + 1 / 60)])
    assert "12 uur 1 min" in fout.melding and "toegestane 12 uur" in fout.melding
    (fout,) = controleer_diensten(JARIG, [], [dienst(t(9, 8), 10)])
    assert "toegestane 9 uur (leeftijd 17)" in fout.melding


def test_max_dienst_uren_switches_on_the_18th_birthday():
    assert max_dienst_uren(JARIG, date(2026, 3, 9)) == Decimal(9)
    assert max_dienst_uren(JARIG, date(2026, 3, 10)) == Decimal(12)


@pytest.mark.parametrize(
    ("geboren", "start", "eind", "verwacht"),
    [
        (MINDERJARIG, t(9, 14), t(9, 23), []),
        (MINDERJARIG, t(9, 14, 1), t(9, 23, 1), ["nacht_minderjarig"]),
        (MINDERJARIG, t(9, 6), t(9, 15), []),
        (MINDERJARIG, t(9, 5, 59), t(9, 14, 59), ["nacht_minderjarig"]),
        (JARIG, t(9, 15), t(9, 23, 30), ["nacht_minderjarig"]),
        (JARIG, t(10, 15), t(10, 23, 30), []),  # 18 that day
        (VOLWASSEN, t(9, 22), t(10, 8), []),  # a night shift of exactly 10 h
        (VOLWASSEN, t(9, 22), t(10, 8, 1), ["max_nachtdienst"]),
    ],
)
def test_night_rules(geboren, start, eind, verwacht):
    assert codes(controleer_diensten(geboren, [], [Dienstvenster(start, eind)])) == verwacht


@pytest.mark.parametrize(
    ("geboren", "bestaand", "nieuw_start", "verwacht"),
    [
        (VOLWASSEN, (t(9, 8), t(9, 17)), t(10, 4), []),  # 11 h exactly
        (VOLWASSEN, (t(9, 8), t(9, 17)), t(10, 3, 59), ["rust"]),  # 10 h 59
        # 12 h rest exactly, but at night
        (MINDERJARIG, (t(9, 6), t(9, 15)), t(10, 3), ["nacht_minderjarig"]),
        # After an adult night shift ending after 02:00: 14 h.
        (VOLWASSEN, (t(9, 22), t(10, 7)), t(10, 21), []),
        (VOLWASSEN, (t(9, 22), t(10, 7)), t(10, 20, 59), ["rust"]),
        # A night shift ending at 02:00 needs the ordinary 11 h.
        (VOLWASSEN, (t(9, 20), t(10, 2)), t(10, 13), []),
        (VOLWASSEN, (t(9, 20), t(10, 2)), t(10, 12, 59), ["rust"]),
    ],
)
def test_rest_after_a_shift(geboren, bestaand, nieuw_start, verwacht):
    nieuw = dienst(nieuw_start, 4)
    assert codes(controleer_diensten(geboren, [Dienstvenster(*bestaand)], [nieuw])) == verwacht


def test_rest_of_a_minor_is_12_hours():
    bestaand = [Dienstvenster(t(9, 8), t(9, 10))]
    # 12 h after 10:00 is 22:00; a minor may work 22:00-23:00.
    assert controleer_diensten(MINDERJARIG, bestaand, [dienst(t(9, 22), 1)]) == []
    (fout,) = controleer_diensten(MINDERJARIG, bestaand, [dienst(t(9, 21, 59), 1)])
    assert fout.code == "rust"
    assert "11 uur 59 min" in fout.melding and "minimaal 12 uur" in fout.melding


def test_rest_message_and_new_shift_before_an_existing_one():
    bestaand = [Dienstvenster(t(10, 8), t(10, 16))]
    (fout,) = controleer_diensten(VOLWASSEN, bestaand, [Dienstvenster(t(9, 13), t(9, 21, 1))])
    assert fout.code == "rust"
    assert "10 uur 59 min" in fout.melding and "minimaal 11 uur" in fout.melding


def test_overlap_by_one_minute():
    bestaand = [Dienstvenster(t(9, 8), t(9, 12))]
    assert controleer_diensten(VOLWASSEN, bestaand, [dienst(t(9, 11, 59), 2)])[0].code == "overlap"
    assert conflict_tussen(VOLWASSEN, bestaand[0], dienst(t(9, 11, 59), 2)).code == "overlap"
    # Two new shifts overlapping each other are caught as well.
    fouten = controleer_diensten(VOLWASSEN, [], [dienst(t(9, 8), 2), dienst(t(9, 9), 2)])
    assert codes(fouten) == ["overlap"]


def test_existing_violations_are_not_reported_again():
    bestaand = [dienst(t(9, 8), 4), dienst(t(9, 10), 4)]
    assert controleer_diensten(VOLWASSEN, bestaand, [dienst(t(12, 8), 4)]) == []


def _werkweek(uren: float, dagen: int = 5) -> list[Dienstvenster]:
    return [dienst(t(9 + i, 8), uren) for i in range(dagen)]


def test_week_limit_adult_60_hours():
    week = _werkweek(12)  # 60 h, 12 h rest between
    assert controleer_diensten(VOLWASSEN, week[:4], week[4:]) == []
    (fout,) = controleer_diensten(VOLWASSEN, week, [dienst(t(14, 8), 1 / 60)])
    assert fout.code == "max_week"
    assert "week van 09-03-2026 60 uur 1 min" in fout.melding and "60 uur." in fout.melding


def test_week_limit_minor_45_hours():
    week = _werkweek(9)
    assert controleer_diensten(MINDERJARIG, week[:4], week[4:]) == []
    (fout,) = controleer_diensten(MINDERJARIG, week, [dienst(t(14, 8), 1 / 60)])
    assert fout.code == "max_week" and "als minderjarige" in fout.melding


def test_week_limit_counts_only_minor_hours_against_45():
    # JARIG is 17 on Monday 9 March and 18 from Tuesday: 9 h as a minor, 4 x 11 as an adult.
    week = [dienst(t(9, 8), 9)] + [dienst(t(10 + i, 8), 11) for i in range(4)]
    assert controleer_diensten(JARIG, week[:4], week[4:]) == []


def test_the_week_is_configurable():
    maandag_tot_vrijdag = _werkweek(12)
    zondag = [dienst(t(8, 8), 4)]  # the Sunday before
    assert controleer_diensten(VOLWASSEN, maandag_tot_vrijdag, zondag) == []
    (fout,) = controleer_diensten(VOLWASSEN, maandag_tot_vrijdag, zondag, weekstart=6)
    assert fout.code == "max_week" and "week van 08-03-2026 64 uur" in fout.melding


def test_a_shift_over_the_week_boundary_is_split():
    zondagnacht = Dienstvenster(t(15, 22), t(16, 4))
    assert week_seconden(zondagnacht) == {date(2026, 3, 9): 2 * 3600, date(2026, 3, 16): 4 * 3600}


def test_duration_is_real_time_over_dst():
    zomertijd = Dienstvenster(t(29, 0), t(29, 8))  # clocks go forward at 02:00
    assert zomertijd.seconden == 7 * 3600
    wintertijd = Dienstvenster(t(25, 6, maand=10), t(25, 17, 30, maand=10))
    assert wintertijd.seconden == 11.5 * 3600
    terug = Dienstvenster(t(24, 20, maand=10), t(25, 7, 30, maand=10))  # 11.5 h wall, 12.5 real
    assert terug.seconden == 12.5 * 3600
    assert "max_dienst" in codes(controleer_diensten(VOLWASSEN, [], [terug]))


@pytest.mark.parametrize(
    ("uren", "leeftijd", "minuten"),
    [
        (Decimal("5.5"), 18, 0),
        (Decimal("5.51"), 18, 30),
        (Decimal(10), 40, 30),
        (Decimal("10.01"), 40, 45),
        (Decimal("4.5"), 17, 0),
        (Decimal("4.51"), 17, 30),
        (Decimal(9), 16, 30),
        (8.0, 30, 30),
    ],
)
def test_verplichte_pauze(uren, leeftijd, minuten):
    assert verplichte_pauze(uren, leeftijd, dag=date(2026, 3, 9)) == minuten


def test_leeftijd_born_on_29_february():
    assert leeftijd_op(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert leeftijd_op(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_under_16_is_not_planned():
    (fout,) = controleer_diensten(date(2011, 1, 1), [], [dienst(t(9, 10), 2)])
    assert fout.code == "leeftijd" and "15 jaar" in fout.melding


def test_a_date_without_figures_is_refused():
    with pytest.raises(GeenRegelVoorDatum):
        controleer_diensten(VOLWASSEN, [], [dienst(t(9, 8, jaar=2006), 2)])


def test_shift_window_is_validated():
    with pytest.raises(ValueError, match="tijdzone"):
        Dienstvenster(datetime(2026, 3, 9, 8), datetime(2026, 3, 9, 9))
    with pytest.raises(ValueError, match="na het begin"):
        Dienstvenster(t(9, 9), t(9, 9))


starts = st.integers(min_value=0, max_value=14 * 24 * 4).map(
    lambda q: t(9, 0) + timedelta(minutes=15 * q)
)
shifts = st.builds(dienst, starts, st.sampled_from([1, 2, 4, 6, 8, 9.5, 12]))


@given(st.lists(shifts, max_size=6), st.lists(shifts, min_size=1, max_size=4))
def test_codes_do_not_depend_on_order(bestaand, nieuw):
    voor = controleer_diensten(VOLWASSEN, bestaand, nieuw)
    na = controleer_diensten(VOLWASSEN, bestaand[::-1], nieuw[::-1])
    assert codes(voor) == codes(na)


@given(shifts, shifts)
def test_pair_conflict_is_symmetric_and_matches_the_full_check(a, b):
    fout = conflict_tussen(VOLWASSEN, a, b)
    assert (fout is None) == (conflict_tussen(VOLWASSEN, b, a) is None)
    volledig = {f.code for f in controleer_diensten(VOLWASSEN, [a], [b])}
    assert (fout is not None) == bool(volledig & {"overlap", "rust"})
