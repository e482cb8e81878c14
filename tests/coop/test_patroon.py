"""The weekly-pattern expansion of the splitting engine (pure)."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from coop.engines.splitting import Patroondienst, patroon_diensten

AMS = ZoneInfo("Europe/Amsterdam")


def test_a_pattern_gives_its_shifts_in_order_and_skips_free_days():
    patroon = [
        Patroondienst(0, time(9), time(12), sleutel=2),
        Patroondienst(0, time(9), time(11), sleutel=1),
        Patroondienst(2, time(13), time(17), sleutel=3),
    ]
    # Monday 2027-01-04 .. Sunday 2027-01-10; Wednesday kept free for key 3
    uit = patroon_diensten(
        patroon,
        date(2027, 1, 4),
        date(2027, 1, 10),
        tz=AMS,
        vrij=lambda dag, stuk: dag == date(2027, 1, 6) and stuk.sleutel == 3,
    )
    assert [(s.isoformat(), e.time(), p.sleutel) for s, e, p in uit] == [
        ("2027-01-04T09:00:00+01:00", time(11), 1),
        ("2027-01-04T09:00:00+01:00", time(12), 2),
    ]


def test_summer_time_is_local_time():
    uit = patroon_diensten(
        [Patroondienst(0, time(8), time(10), 1)], date(2027, 7, 5), date(2027, 7, 5), tz=AMS
    )
    assert uit[0][0].isoformat() == "2027-07-05T08:00:00+02:00"


@given(
    weekdagen=st.lists(st.integers(0, 6), min_size=1, max_size=5),
    van=st.dates(date(2026, 1, 1), date(2028, 12, 31)),
    dagen=st.integers(0, 60),
)
def test_every_date_of_each_weekday_once(weekdagen, van, dagen):
    tot = van + timedelta(days=dagen)
    patroon = [Patroondienst(w, time(9), time(10), i) for i, w in enumerate(weekdagen)]
    uit = patroon_diensten(patroon, van, tot, tz=AMS)
    verwacht = sum(
        1 for i in range(dagen + 1) for w in weekdagen if (van + timedelta(days=i)).weekday() == w
    )
    assert len(uit) == verwacht
    assert all(s.weekday() == p.weekdag and van <= s.date() <= tot for s, _, p in uit)
    assert uit == sorted(uit, key=lambda o: (o[0], o[2].sleutel))
