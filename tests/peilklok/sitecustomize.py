"""The suite's reference clock in this process and in every Python process a test starts.

tests/conftest.py calls `zet_omgeving` once, before any test: it writes the reference moment
(COOP_PEILMOMENT) and the real time at which the suite's clock started at that moment
(COOP_PEILMOMENT_VANAF) into os.environ and puts this folder first on PYTHONPATH. Every
Python child (gunicorn, `manage.py qcluster`, `manage.py shell`, `python -c`, xdist workers)
inherits both, so Python imports this file as `sitecustomize` at start-up, before Django or
the WSGI app is loaded, and travels to the same moment on the same ticking clock:

    nu = COOP_PEILMOMENT + (echte tijd - COOP_PEILMOMENT_VANAF)

so parent and child agree on "now" to within the time it takes to read the clock. A test that
travels elsewhere itself (nested time-machine travel) does not move its children: start
children only under the suite's own clock.

Only the standard library and time-machine are imported here: at start-up the project
is not yet on sys.path. Without the two variables this module does nothing but the
libfaketime repair below.
"""

from __future__ import annotations

import os
import select
import sys
import time
from datetime import datetime
from pathlib import Path

PEILMOMENT_VAR = "COOP_PEILMOMENT"
VANAF_VAR = "COOP_PEILMOMENT_VANAF"
MAP = str(Path(__file__).resolve().parent)

_reis = None  # the travel this module started in this process, if any


def zet_omgeving(peilmoment: datetime) -> None:
    """Publish the reference clock to this process's children (once: an inherited one stays,
    so xdist workers and their children run on the controller's clock)."""
    if peilmoment.tzinfo is None:
        raise ValueError("het peilmoment moet een tijdzone hebben")
    if os.environ.get(PEILMOMENT_VAR) != peilmoment.isoformat():
        os.environ[PEILMOMENT_VAR] = peilmoment.isoformat()
        os.environ[VANAF_VAR] = repr(_echte_tijd())
    paden = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if MAP not in paden:
        os.environ["PYTHONPATH"] = os.pathsep.join([MAP, *filter(None, paden)])


def _echte_tijd() -> float:
    """The process clock, also while travelling (libfaketime may have moved it: that is the
    clock every process of the run shares)."""
    import time_machine

    hatch = time_machine.escape_hatch
    return hatch.time.time() if hatch.is_travelling() else time.time()


def bestemming() -> float | None:
    """The reference clock's present as a POSIX timestamp, or None without the variables."""
    peilmoment, vanaf = os.environ.get(PEILMOMENT_VAR), os.environ.get(VANAF_VAR)
    if not peilmoment or not vanaf:
        return None
    verstreken = _echte_tijd() - float(vanaf)
    return datetime.fromisoformat(peilmoment).timestamp() + verstreken


def start() -> bool:
    """Travel to the reference clock (ticking) unless already there; True when travelling."""
    global _reis
    opstart = sys.modules.get("sitecustomize")  # this file, run at start-up (xdist workers)
    if _reis is not None or getattr(opstart, "_reis", None) is not None:
        return True
    doel = bestemming()
    if doel is None:
        return False
    import time_machine

    _reis = time_machine.travel(doel, tick=True)
    _reis.start()
    time.time()  # the first read fixes the travel's start: from here on it ticks
    return True


def stop() -> None:
    global _reis
    if _reis is not None:
        import time_machine

        if time_machine.escape_hatch.is_travelling():
            _reis.stop()
        _reis = None


def _slaap(seconden: float) -> None:
    if seconden < 0:
        raise ValueError("sleep length must be non-negative")
    select.select([], [], [], seconden)


def herstel_sleep_onder_libfaketime() -> None:
    """Debian 12's libfaketime (0.9.10) with FAKETIME_DONT_FAKE_MONOTONIC=1 still rewrites the
    absolute CLOCK_MONOTONIC deadline of clock_nanosleep, which Python 3.11's time.sleep uses,
    so every sleep fails with EINVAL (fixed upstream after 0.9.10). Faking the monotonic clock
    instead hangs every lock wait with a timeout (sem_clockwait is not intercepted). So the
    clock-moved CI run keeps the real monotonic clock, and time.sleep waits in select(),
    which takes a relative timeout. Only done when sleeping really fails."""
    if "faketime" not in os.environ.get("LD_PRELOAD", ""):
        return
    try:
        time.sleep(0)
    except OSError:
        time.sleep = _slaap


herstel_sleep_onder_libfaketime()
if __name__ == "sitecustomize":
    start()
