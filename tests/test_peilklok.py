"""The suite's reference clock: fixed, ticking, nestable, and shared with child processes."""

import glob
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import PEILMOMENT
from tests.peilklok import sitecustomize as peilklok


def test_the_suite_runs_at_the_reference_moment():
    assert PEILMOMENT.weekday() == 0  # a Monday, as stated
    assert timezone.localdate() == PEILMOMENT.date()
    assert PEILMOMENT <= timezone.now() < PEILMOMENT + timedelta(hours=12)
    assert datetime.now(ZoneInfo("Europe/Amsterdam")).date() == PEILMOMENT.date()


def test_the_reference_clock_ticks():
    eerst = timezone.now()
    time.sleep(0.02)
    assert timezone.now() - eerst >= timedelta(milliseconds=20)


def test_a_test_may_travel_elsewhere_and_return_to_the_reference_clock():
    voor = timezone.now()
    with time_machine.travel(datetime(2031, 2, 3, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        assert timezone.localdate().isoformat() == "2031-02-03"
        with time_machine.travel(datetime(2024, 2, 29, 9, 0, tzinfo=ZoneInfo("UTC"))):
            assert timezone.localdate().isoformat() == "2024-02-29"
        assert timezone.localdate().isoformat() == "2031-02-03"
    assert timezone.localdate() == PEILMOMENT.date()
    assert timezone.now() >= voor


def test_the_time_machine_fixture_works_inside_the_reference_clock(time_machine):
    time_machine.move_to(datetime(2029, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    assert timezone.localdate().isoformat() == "2029-06-01"
    time_machine.shift(timedelta(days=1))
    assert timezone.localdate().isoformat() == "2029-06-02"


def test_a_child_python_process_runs_on_the_same_clock():
    voor = time.time()
    kind = subprocess.run(
        [sys.executable, "-c", "import time; print(repr(time.time()))"],
        capture_output=True,
        text=True,
        check=True,
    )
    na = time.time()
    assert voor <= float(kind.stdout) <= na
    assert PEILMOMENT.timestamp() <= voor


def _libfaketime() -> str | None:
    gevonden = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    return gevonden[0] if gevonden else None


@pytest.mark.skipif(_libfaketime() is None, reason="libfaketime not installed (Debian: faketime)")
def test_sleep_and_waits_work_under_libfaketime_with_the_real_monotonic_clock():
    """As in the CI run with the process clock moved years ahead: sleeping and timed lock
    waits must neither fail nor hang."""
    code = (
        "import threading, time; time.sleep(0.01); "
        "threading.Event().wait(0.01); print(repr(time.time()))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAKETIME", "COOP_PEIL"))}
    env |= {
        "LD_PRELOAD": _libfaketime(),
        "FAKETIME": "@2031-01-06 12:00:00",  # starts there and ticks
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        "TZ": "UTC",
    }
    kind = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert kind.returncode == 0, kind.stderr
    # libfaketime was really loaded: the child's own clock is at its start.
    begin = datetime(2031, 1, 6, 12, 0, tzinfo=ZoneInfo("UTC")).timestamp()
    assert begin <= float(kind.stdout) < begin + 60


def test_the_child_clock_is_published_once_for_all_processes():
    assert os.environ[peilklok.PEILMOMENT_VAR] == PEILMOMENT.isoformat()
    assert os.environ["PYTHONPATH"].split(os.pathsep)[0] == peilklok.MAP
    vanaf = os.environ[peilklok.VANAF_VAR]
    peilklok.zet_omgeving(PEILMOMENT)  # again (an xdist worker): the clock is not restarted
    assert os.environ[peilklok.VANAF_VAR] == vanaf
    assert os.environ["PYTHONPATH"].split(os.pathsep).count(peilklok.MAP) == 1
