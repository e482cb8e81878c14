"""Working-time law: each limit just inside and just outside, the 18th birthday, DST."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from contracten.arbeidstijd import (
    AMSTERDAM,
    Dienstvenster,
    betaalde_seconden,
    conflict_tussen,
    controleer_diensten,
    diensten_van,
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


# 2026-03-09 is a Monday. The limits count worked hours: a window less its statutory break
# (45 min over 10 h for an adult, 30 min over 4.5 h under 18), as the hours line deducts it.
@pytest.mark.parametrize(
    ("geboren", "start", "uren", "verwacht"),
    [
        (VOLWASSEN, t(9, 8), 12.75, []),  # 12 h worked
        (VOLWASSEN, t(9, 8), 12.75 + 1 / 60, ["max_dienst"]),  # 12 h 1 min worked
        (MINDERJARIG, t(9, 8), 9.5, []),  # 9 h worked
        (MINDERJARIG, t(9, 8), 9.5 + 1 / 60, ["max_dienst"]),
        (JARIG, t(9, 8), 10, ["max_dienst"]),  # the day before the 18th birthday: 9 h 30
        (JARIG, t(10, 8), 10, []),  # on the birthday: adult, 12 h
        (JARIG, t(10, 8), 12.75 + 1 / 60, ["max_dienst"]),
    ],
)
def test_max_dienst(geboren, start, uren, verwacht):
    assert codes(controleer_diensten(geboren, [], [dienst(start, uren)])) == verwacht


def test_max_dienst_melding_names_the_numbers():
    (fout,) = controleer_diensten(VOLWASSEN, [], [dienst(t(9, 8), 12.75 + 1 / 60)])
    assert fout.melding == (
        "Dienst van 12 uur 1 min gewerkt (wettelijke pauze van 45 min niet meegeteld) op "
        "09-03-2026 is langer dan de toegestane 12 uur gewerkt per dienst (leeftijd 35)."
    )
    (fout,) = controleer_diensten(JARIG, [], [dienst(t(9, 8), 10)])
    assert "9 uur 30 min gewerkt (wettelijke pauze van 30 min niet meegeteld)" in fout.melding
    assert "toegestane 9 uur gewerkt per dienst (leeftijd 17)" in fout.melding


def test_a_minors_week_of_48_hours_at_work_is_45_hours_worked():
    # Monday to Saturday 8 h at work (the last day until 16:00): 48 h at work, each window
    # less the 30 min break an hours line deducts, 45 h worked: the youth cap exactly.
    week = [dienst(t(9 + i, 8), 8) for i in range(6)]
    assert controleer_diensten(MINDERJARIG, week[:5], week[5:]) == []
    fouten = controleer_diensten(MINDERJARIG, week, [dienst(t(15, 8), 1 / 60)])
    # A seventh day in a row also leaves no 36 h of weekly rest (art. 5:2).
    assert sorted(codes(fouten)) == ["max_week", "wekelijkse_rust"]
    (fout,) = [f for f in fouten if f.code == "max_week"]
    assert fout.melding == (
        "In de week van 09-03-2026 45 uur 1 min gewerkt als minderjarige (wettelijke pauzes "
        "niet meegeteld), meer dan de toegestane 45 uur gewerkt per week."
    )


def test_worked_time_is_the_window_less_the_break_the_hours_line_deducts():
    from contracten.arbeidstijd import pauze_seconden, werktijd_seconden
    from coop.services.uren.berekening import Oproepvoorwaarden, bereken_gewerkt

    for geboren in (VOLWASSEN, MINDERJARIG):
        for uren in (4, 4.75, 5.75, 8, 9.5, 10.25, 12):
            venster = dienst(t(9, 8), uren)
            regel = bereken_gewerkt(
                venster.start, venster.eind, 0, geboren, Oproepvoorwaarden(Decimal(0), True)
            )
            assert pauze_seconden(geboren, venster) == 60 * regel.pauze_toegepast_minuten
            assert werktijd_seconden(geboren, venster) == regel.gewerkte_uren * 3600


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
        (VOLWASSEN, t(9, 22), t(10, 8, 45), []),  # a night shift of 10 h worked (45 min break)
        (VOLWASSEN, t(9, 22), t(10, 8, 46), ["max_nachtdienst"]),
    ],
)
def test_night_rules(geboren, start, eind, verwacht):
    assert codes(controleer_diensten(geboren, [], [Dienstvenster(start, eind)])) == verwacht


@pytest.mark.parametrize(
    ("geboren", "bestaand", "nieuw_start", "verwacht"),
    [
        (VOLWASSEN, (t(9, 8), t(9, 17)), t(10, 4), []),  # 11 h exactly: two diensten
        # 10 h 59 is a break: one dienst of 13 h worked, 2 h 1 of them at night, no rest in 24 h
        (VOLWASSEN, (t(9, 8), t(9, 17)), t(10, 3, 59), ["max_dienst", "max_nachtdienst", "rust"]),
        # 12 h rest exactly, but at night
        (MINDERJARIG, (t(9, 6), t(9, 15)), t(10, 3), ["nacht_minderjarig"]),
        # After an adult night shift ending after 02:00: 14 h.
        (VOLWASSEN, (t(9, 22), t(10, 7)), t(10, 21), []),
        (VOLWASSEN, (t(9, 22), t(10, 7)), t(10, 20, 59), ["rust"]),
        # A night shift ending at 02:00 needs the ordinary 11 h.
        (VOLWASSEN, (t(9, 20), t(10, 2)), t(10, 13), []),
        # 10 h 59 after it: one dienst of 10 h worked (the night limit exactly), 21 h long
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
    bestaand = [Dienstvenster(t(10, 8), t(10, 10))]
    (fout,) = controleer_diensten(VOLWASSEN, bestaand, [Dienstvenster(t(9, 19), t(9, 21, 1))])
    assert fout.code == "rust"
    assert "10 uur 59 min" in fout.melding and "minimaal 11 uur" in fout.melding
    assert "09-03-2026 19:00 (19:00-21:01 en 08:00-10:00)" in fout.melding


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


# Split shifts: windows with a gap shorter than the daily rest form one dienst (art. 1:7).


def v(dag: int, van: float, tot: float, maand: int = 3) -> Dienstvenster:
    """A window on a day in March 2026, hours as 13.5 for 13:30 (24 or more: the next day)."""
    begin = t(dag, 0, maand=maand)
    return Dienstvenster(begin + timedelta(hours=van), begin + timedelta(hours=tot))


def test_the_demo_split_shift_is_one_dienst():
    # 09-12 at one employer, 13-17 at another: one dienst of 7 h with a break, not two shifts.
    assert controleer_diensten(date(1990, 1, 1), [v(2, 9, 12)], [v(2, 13, 17)]) == []
    assert conflict_tussen(date(1990, 1, 1), v(2, 9, 12), v(2, 13, 17)) is None


def test_split_shift_adult_12_hours_worked():
    # 08-14 and 15-21: 12 h at work, 11 h worked (30 min break in each block), span 13 h.
    assert controleer_diensten(VOLWASSEN, [v(9, 8, 14)], [v(9, 15, 21)]) == []
    fouten = controleer_diensten(VOLWASSEN, [v(9, 8, 14)], [v(9, 15, 21 + 1 / 60)])
    assert codes(fouten) == ["rust"]  # 11 h 1 worked; span 13 h 1
    assert "is de langste rust 10 uur 59 min, minimaal 11 uur" in fouten[0].melding
    # Blocks of 5.5 h need no break of their own, but the dienst of 12 h at work needs 45 min
    # (art. 5:4): gaps of 15 and 30 min give it. 5.5 + 5.5 + 1 is 12 h worked, span 12.75 h.
    blokken = [v(9, 8, 13.5), v(9, 13.75, 19.25)]
    assert controleer_diensten(VOLWASSEN, blokken, [v(9, 19.75, 20.75)]) == []
    (fout,) = controleer_diensten(VOLWASSEN, blokken, [v(9, 19.75, 20.75 + 1 / 60)])
    assert fout.melding == (
        "Dienst van 12 uur 1 min gewerkt (08:00-13:30, 13:45-19:15 en 19:45-20:46) op "
        "09-03-2026 is langer dan de toegestane 12 uur gewerkt per dienst (leeftijd 35)."
    )


def test_matching_example_07_13_and_14_21_is_12_hours_worked():
    # 13 h at work less two breaks of 30 min: 12 h worked (the limit), over a span of 14 h.
    fouten = controleer_diensten(VOLWASSEN, [v(9, 7, 13)], [v(9, 14, 21)])
    assert codes(fouten) == ["rust"]
    assert conflict_tussen(VOLWASSEN, v(9, 7, 13), v(9, 14, 21)).code == "rust"
    fouten = controleer_diensten(VOLWASSEN, [v(9, 7, 13)], [v(9, 14, 21.5)])
    assert codes(fouten) == ["max_dienst", "rust"]
    assert "Dienst van 12 uur 30 min gewerkt (07:00-13:00 en 14:00-21:30; wettelijke pauze " in (
        fouten[0].melding
    )


def test_split_shift_minor_9_hours_worked():
    # 4 h (no break) and 5.5 h less 30 min: 9 h worked.
    assert controleer_diensten(MINDERJARIG, [v(9, 8, 12)], [v(9, 13, 18.5)]) == []
    (fout,) = controleer_diensten(MINDERJARIG, [v(9, 8, 12)], [v(9, 13, 18.5 + 1 / 60)])
    assert fout.code == "max_dienst"
    assert (
        "9 uur 1 min gewerkt" in fout.melding
        and "toegestane 9 uur gewerkt per dienst (leeftijd 17)" in fout.melding
    )


@pytest.mark.parametrize(
    ("geboren", "tweede", "verwacht"),
    [
        (VOLWASSEN, v(9, 21, 22), []),  # 11 h after 10:00: a rest, two diensten
        (VOLWASSEN, v(9, 21 - 1 / 60, 22), ["rust"]),  # 10 h 59: a break, span 13 h 59
        (MINDERJARIG, v(9, 22, 23), []),  # 12 h for a minor
        (MINDERJARIG, v(9, 22 - 1 / 60, 23 - 1 / 60), ["rust"]),
    ],
)
def test_a_gap_of_the_rest_exactly_and_one_minute_less(geboren, tweede, verwacht):
    assert codes(controleer_diensten(geboren, [v(9, 8, 10)], [tweede])) == verwacht
    assert (conflict_tussen(geboren, v(9, 8, 10), tweede) is None) == (verwacht == [])


def test_a_long_break_inside_a_dienst_needs_the_rest_within_24_hours():
    # 07-10 and 17-20: a 7 h break, then 11 h rest within the 24 h from 07:00.
    assert controleer_diensten(VOLWASSEN, [v(9, 7, 10)], [v(9, 17, 20)]) == []
    (fout,) = controleer_diensten(VOLWASSEN, [v(9, 7, 10)], [v(9, 17, 20 + 1 / 60)])
    assert fout.code == "rust"
    assert fout.melding == (
        "Te weinig rust: binnen 24 uur na het begin van de dienst om 09-03-2026 07:00 "
        "(07:00-10:00 en 17:00-20:01) is de langste rust 10 uur 59 min, minimaal 11 uur "
        "aaneengesloten vereist; een kortere onderbreking is een pauze binnen de dienst."
    )


def test_a_dienst_started_at_17_keeps_the_youth_rest_past_the_18th_birthday():
    # JARIG turns 18 on 10 March. 21:00 on the 9th until 00:30 is one dienst started at 17.
    assert controleer_diensten(JARIG, [v(9, 8, 10)], [v(9, 22, 23)]) == []
    assert codes(controleer_diensten(JARIG, [v(9, 8, 10)], [v(9, 21.5, 22.5)])) == ["rust"]
    # The same as an adult: 11.5 h is a rest, two diensten.
    assert controleer_diensten(VOLWASSEN, [v(9, 8, 10)], [v(9, 21.5, 22.5)]) == []


def test_night_rules_on_a_merged_dienst():
    # 22-02 and 03-09.30 less its 30 min break: a night dienst of 10 h worked (the limit).
    assert controleer_diensten(VOLWASSEN, [v(9, 22, 26)], [v(10, 3, 9.5)]) == []
    (fout,) = controleer_diensten(VOLWASSEN, [v(9, 22, 26)], [v(10, 3, 9.5 + 1 / 60)])
    assert fout.code == "max_nachtdienst"
    assert fout.melding == (
        "Nachtdienst van 10 uur 1 min gewerkt (22:00-02:00 en 03:00-09:31; wettelijke pauze "
        "van 30 min niet meegeteld) vanaf 09-03-2026 22:00 is langer dan de toegestane 10 uur "
        "gewerkt."
    )


def test_two_windows_with_40_night_minutes_each_make_a_night_dienst():
    # Neither window alone is a night shift (40 minutes in 00-06), together they are (80):
    # the dienst ends at 08:00, after 02:00, so 14 h rest follow instead of 11.
    nacht = [v(9, 22, 24 + 2 / 3), v(10, 5 + 1 / 3, 8)]
    assert controleer_diensten(VOLWASSEN, nacht, [v(10, 22, 23)]) == []
    (fout,) = controleer_diensten(VOLWASSEN, nacht, [v(10, 21, 22)])
    assert fout.code == "rust"
    assert fout.melding == (
        "Te weinig rust tussen diensten: 13 uur na de nachtdienst die om 10-03-2026 08:00 "
        "eindigt, minimaal 14 uur vereist."
    )
    # Without the second window the same gap is plenty: an ordinary dienst needs 11 h.
    assert controleer_diensten(VOLWASSEN, nacht[:1], [v(10, 12, 13)]) == []


def test_the_youth_night_ban_holds_for_every_window_of_a_dienst():
    (fout,) = controleer_diensten(MINDERJARIG, [v(9, 14, 18)], [v(9, 19, 23 + 1 / 60)])
    assert fout.code == "nacht_minderjarig"


def test_overlap_inside_a_dienst_stays_a_violation():
    assert codes(controleer_diensten(VOLWASSEN, [v(9, 9, 12)], [v(9, 12 - 1 / 60, 14)])) == [
        "overlap"
    ]


def test_a_new_window_bridging_two_diensten_makes_one():
    # 06-10 and 21-23 are two diensten (11 h rest); 14-16 between them joins them into one
    # dienst of 8 h worked spanning 17 h: no daily rest within 24 h of 06:00.
    bestaand = [v(9, 6, 10), v(9, 21, 23)]
    assert controleer_diensten(VOLWASSEN, [], bestaand) == []
    assert codes(controleer_diensten(VOLWASSEN, bestaand, [v(9, 14, 16)])) == ["rust"]
    # Each pair alone is fine: only the three together break the rule.
    assert all(conflict_tussen(VOLWASSEN, b, v(9, 14, 16)) is None for b in bestaand)


def test_existing_split_dienst_violations_are_not_reported_again():
    bestaand = [v(9, 7, 13), v(9, 14, 21)]  # 13 h worked, assigned before
    assert controleer_diensten(VOLWASSEN, bestaand, [v(11, 8, 12)]) == []
    # A new window joining that dienst is reported: it adds to it.
    assert codes(controleer_diensten(VOLWASSEN, bestaand, [v(9, 21.5, 22)])) == [
        "max_dienst",
        "rust",
    ]


def test_week_hours_count_worked_hours_not_spans():
    # Monday to Friday 08-14 and 15-21: 11 h worked a day (13 h span, two 30 min breaks),
    # 55 h; a Saturday of 5 h (no break) makes 60 h worked in the week.
    week = [w for d in range(9, 14) for w in (v(d, 8, 14), v(d, 15, 21))]
    assert controleer_diensten(VOLWASSEN, week, [v(14, 8, 13)]) == []
    (fout,) = controleer_diensten(VOLWASSEN, week, [v(14, 8, 13 + 1 / 60)])
    assert fout.code == "max_week" and "60 uur 1 min" in fout.melding
    # A minor: 5 x (08-12 + 13-18) is 42.5 h worked; a Saturday of 2.5 h is the youth cap.
    jong = [w for d in range(9, 14) for w in (v(d, 8, 12), v(d, 13, 18))]
    assert controleer_diensten(MINDERJARIG, jong, [v(14, 8, 10.5)]) == []
    (fout,) = controleer_diensten(MINDERJARIG, jong, [v(14, 8, 10.5 + 1 / 60)])
    assert fout.code == "max_week" and "45 uur 1 min gewerkt als minderjarige" in fout.melding


def test_diensten_van_groups_and_measures():
    (dienst,) = diensten_van(VOLWASSEN, [v(9, 13, 17), v(9, 9, 12), v(9, 11, 12.5)])
    assert dienst.vensters == (v(9, 9, 12), v(9, 11, 12.5), v(9, 13, 17))
    assert dienst.venstertijd == 7.5 * 3600  # 09-12.30 once, then 13-17
    assert dienst.werktijd(VOLWASSEN) == 7.5 * 3600  # no block over 5.5 h: no break
    assert dienst.spanne == 8 * 3600
    assert [d.vensters for d in diensten_van(VOLWASSEN, [v(9, 8, 17), v(10, 4, 6)])] == [
        (v(9, 8, 17),),
        (v(10, 4, 6),),
    ]


def test_a_split_dienst_over_the_dst_change_counts_real_hours():
    # 25 October 2026: clocks go back at 03:00. 20:00-01:00 and 02:30-06:00 wall clock:
    # 5 h + 4.5 h real = 9.5 h, well within 12 h, and a night dienst of 9.5 h (limit 10).
    eerste = Dienstvenster(t(24, 20, maand=10), t(25, 1, maand=10))
    tweede = Dienstvenster(t(25, 2, 30, maand=10), t(25, 6, maand=10))
    (dienst,) = diensten_van(VOLWASSEN, [eerste, tweede])
    assert dienst.venstertijd == 9.5 * 3600 and dienst.spanne == 11 * 3600
    assert controleer_diensten(VOLWASSEN, [eerste], [tweede]) == []
    later = Dienstvenster(t(25, 2, 30, maand=10), t(25, 7, 1, maand=10))
    assert codes(controleer_diensten(VOLWASSEN, [eerste], [later])) == ["max_nachtdienst"]


def _werkweek(uren: float, dagen: int = 5) -> list[Dienstvenster]:
    return [dienst(t(9 + i, 8), uren) for i in range(dagen)]


def test_week_limit_adult_60_hours():
    week = _werkweek(12.75)  # 5 x 12 h worked (45 min break each), 11 h 15 rest between
    assert controleer_diensten(VOLWASSEN, week[:4], week[4:]) == []
    (fout,) = controleer_diensten(VOLWASSEN, week, [dienst(t(14, 8), 1 / 60)])
    assert fout.code == "max_week"
    assert "week van 09-03-2026 60 uur 1 min" in fout.melding
    assert "toegestane 60 uur gewerkt per week." in fout.melding


def test_week_limit_minor_45_hours():
    week = _werkweek(9.5)  # 5 x 9 h worked
    assert controleer_diensten(MINDERJARIG, week[:4], week[4:]) == []
    (fout,) = controleer_diensten(MINDERJARIG, week, [dienst(t(14, 8), 1 / 60)])
    assert fout.code == "max_week" and "als minderjarige" in fout.melding


def test_week_limit_counts_only_minor_hours_against_45():
    # JARIG is 17 on Monday 9 March and 18 from Tuesday: 9 h as a minor, 4 x 11 as an adult.
    week = [dienst(t(9, 8), 9)] + [dienst(t(10 + i, 8), 11) for i in range(4)]
    assert controleer_diensten(JARIG, week[:4], week[4:]) == []


def test_the_week_is_configurable():
    maandag_tot_vrijdag = _werkweek(12.75)  # 60 h worked
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
    # 10 h on the wall clock (9 h 30 worked) but 11 h real: 10 h 15 worked, over the night limit.
    terug = Dienstvenster(t(24, 22, maand=10), t(25, 8, maand=10))
    assert terug.seconden == 11 * 3600
    assert codes(controleer_diensten(VOLWASSEN, [], [terug])) == ["max_nachtdienst"]


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


leeftijden = st.sampled_from([VOLWASSEN, MINDERJARIG])


@given(leeftijden, shifts, shifts)
def test_pair_conflict_is_symmetric_and_matches_the_full_check(geboren, a, b):
    # For windows that are fine on their own, the pair conflicts exactly when the full check
    # of the two together finds something.
    assume(controleer_diensten(geboren, [], [a]) == [] == controleer_diensten(geboren, [], [b]))
    fout = conflict_tussen(geboren, a, b)
    assert (fout is None) == (conflict_tussen(geboren, b, a) is None)
    assert (fout is None) == (controleer_diensten(geboren, [a], [b]) == [])
    assert (fout is None) == (controleer_diensten(geboren, [], [a, b]) == [])


@given(leeftijden, st.lists(shifts, min_size=2, max_size=6))
def test_a_pair_conflict_always_fails_the_full_check(geboren, vensters):
    # Pairwise conflicts are sound for planning: a set holding a conflicting pair is refused.
    paar = any(
        conflict_tussen(geboren, a, b) is not None
        for i, a in enumerate(vensters)
        for b in vensters[i + 1 :]
    )
    if paar:
        assert controleer_diensten(geboren, [], vensters) != []


@pytest.mark.parametrize(
    ("gepland", "betaald_uren"),
    [(None, 7.5), (0, 7.5), (15, 7.5), (30, 7.5), (60, 7.0)],
)
def test_a_window_not_worked_pays_its_hours_less_the_break_the_call_states(gepland, betaald_uren):
    """Late cancellation, sickness, leave: the planned break, at least the statutory one
    (8 h for an adult: 30 min)."""
    venster = Dienstvenster(t(10, 8), t(10, 16), None if gepland is None else 60 * gepland)
    assert betaalde_seconden(VOLWASSEN, venster) == int(betaald_uren * 3600)
