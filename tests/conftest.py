"""The suite's reference clock, named personas and an authenticated API client for each.

Every test runs at one fixed, stated moment, PEILMOMENT, not at today's date. Tests build
work "from today" (`timezone.localdate()`, `timezone.now()`), and the legal tables end at
a dated row: on the real calendar the suite would start failing the day its work lands in a
year no table covers, and a date-dependent bug would show only on some days. So the clock is
moved to PEILMOMENT once, in pytest_configure (before collection, for the whole session, in
every xdist worker), with time-machine and tick=True: time still runs from there, so
durations, timeouts and ordering by time behave as on a real clock. PEILMOMENT is a Monday
at 08:00 Amsterdam time (07:00 UTC, the same date in both), inside every legal table and
after the fixed dates the tests use as finished work (October and early November 2026).
Once per session rather than per test: collection-time dates (parametrize) see the same
day too, and nothing is started per test (starting a travel costs ~10 us, a clock read
under travel ~9 us more). A test may travel elsewhere itself (time_machine.travel or the
time_machine fixture): that nests, and on leaving, the clock is back on PEILMOMENT's.
Python processes the tests start get the same clock through tests/peilklok. CI runs the
suite once more with the whole process clock moved years ahead (libfaketime, .ci/run) to
prove that nothing reads the real date past this clock.
"""

import json
import os
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from coop.core.models import ApiToken
from tests import factories as f
from tests.peilklok import sitecustomize as peilklok

PEILMOMENT = datetime(2026, 11, 16, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def pytest_configure(config):
    from django.core.signals import request_finished, request_started

    request_started.connect(_lopend.begonnen, dispatch_uid="tests-lopend-begonnen")
    request_finished.connect(_lopend.klaar, dispatch_uid="tests-lopend-klaar")
    peilklok.zet_omgeving(PEILMOMENT)
    peilklok.start()


def pytest_unconfigure(config):
    peilklok.stop()


# Property tests check correctness, not speed: no per-example deadline, so a loaded machine
# (two xdist workers on two cores in CI) cannot fail them. Speed lives in bench/.
hypothesis_settings.register_profile("coop", deadline=None)
hypothesis_settings.load_profile("coop")


class ApiClient:
    """Calls /api/v1/ as one user with a bearer token; returns (status, json body)."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _, key = ApiToken.issue(user=user)
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"

    def _call(self, method: str, path: str, data=None, **extra):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        kwargs = {**self.headers, **extra}
        if method in ("post", "put", "patch") and data is not None and "content_type" not in extra:
            kwargs["content_type"] = "application/json"
            data = json.dumps(data, default=str)
        response = (
            getattr(self.client, method)(url, data, **kwargs)
            if data is not None
            else (getattr(self.client, method)(url, **kwargs))
        )
        body = None
        if response.get("Content-Type", "").startswith("application/json") and response.content:
            body = response.json()
        response.body = body
        return response

    def get(self, path, data=None, **extra):
        return self._call("get", path, data, **extra)

    def post(self, path, data=None, **extra):
        return self._call("post", path, data, **extra)

    def put(self, path, data=None, **extra):
        return self._call("put", path, data, **extra)

    def patch(self, path, data=None, **extra):
        return self._call("patch", path, data, **extra)

    def delete(self, path, **extra):
        return self._call("delete", path, None, **extra)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _taal_per_test():
    """Each test starts in Dutch: a member page activates the member's language for the rest
    of its request (the next request's middleware sets it anew), which in a test process is
    the rest of the worker's thread, so a service called directly later spoke English."""
    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _wettelijke_gegevens_per_test():
    """Each test reads the legal figures afresh: rows a previous test added were rolled back,
    and this process must not keep them."""
    from contracten import gegevens

    gegevens.vergeten()
    yield
    gegevens.vergeten()
    gegevens.demo_modus(False)


@pytest.fixture(autouse=True)
def _documentnummers_per_test(request):
    """On PostgreSQL document numbers come from sequences, which a rolled-back test does not
    reset: each test starts them at 1 again, as on a fresh database."""
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    database = {"db", "transactional_db"} & set(request.fixturenames)
    if not database:
        return
    request.getfixturevalue(database.pop())
    from contracten import nummers

    nummers.sequences_terugzetten()


@pytest.fixture
def staff(db):
    """Broker staff: sees and manages everything."""
    return f.UserFactory(username="medewerker", is_staff=True, is_superuser=True)


@pytest.fixture
def werkgever(db):
    return f.WerkgeverFactory(naam="Woonstichting Kanaleneiland", kvk_nummer="30123456")


@pytest.fixture
def andere_werkgever(db):
    return f.WerkgeverFactory(naam="Bo-Ex Utrecht", kvk_nummer="30654321")


@pytest.fixture
def werkgever_user(werkgever):
    """A housing corporation's planner."""
    return f.WerkgeverGebruikerFactory(
        user=f.UserFactory(username="planner"), werkgever=werkgever
    ).user


@pytest.fixture
def andere_werkgever_user(andere_werkgever):
    """Another organisation's user: must never see the first one's data."""
    return f.WerkgeverGebruikerFactory(
        user=f.UserFactory(username="andere-planner"), werkgever=andere_werkgever
    ).user


@pytest.fixture
def werknemer(db):
    """A coop member with a login."""
    return f.WerknemerFactory(
        user=f.UserFactory(username="fatima"), voornaam="Fatima", achternaam="El Amrani"
    )


@pytest.fixture
def andere_werknemer(db):
    return f.WerknemerFactory(
        user=f.UserFactory(username="daan"), voornaam="Daan", achternaam="de Vries"
    )


@pytest.fixture
def werknemer_user(werknemer):
    return werknemer.user


@pytest.fixture
def andere_werknemer_user(andere_werknemer):
    return andere_werknemer.user


@pytest.fixture
def api_as():
    """api_as(user) -> an ApiClient authenticated as that user; api_as(None) is anonymous."""
    return ApiClient


class _LopendeVerzoeken:
    """Requests the live server is still handling, counted with Django's request signals
    in the server's request threads (an idle keep-alive connection of the browser is not a
    running request; the test client's requests run in the test's own thread)."""

    def __init__(self) -> None:
        self.aantal = 0
        self.slot = threading.Condition()

    @staticmethod
    def _van_server() -> bool:
        return "process_request_thread" in threading.current_thread().name

    def begonnen(self, **kwargs) -> None:
        if not self._van_server():
            return
        with self.slot:
            self.aantal += 1

    def klaar(self, **kwargs) -> None:
        if not self._van_server():
            return
        with self.slot:
            self.aantal -= 1
            self.slot.notify_all()

    def wacht(self, seconden: float = 120) -> None:
        with self.slot:
            self.slot.wait_for(lambda: self.aantal <= 0, timeout=seconden)


_lopend = _LopendeVerzoeken()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test against the live server ends only when the server has answered every request
    it was sent: a request still running (a client that hung up, a browser's last click,
    the renders after an acceptance) would otherwise overlap the database flush. On the
    in-memory SQLite test database the server shares the test's connection, so its rollback
    could undo the flush and leave the test's rows behind.

    After a test on a flushed (transactional) database nothing of it may remain: a row left
    behind would fail every later test on the worker with a confusing duplicate-key error.
    Say which test left it, and clear it so the rest of the run still means something."""
    namen = getattr(item, "fixturenames", ())
    if "live_server" in namen:
        _lopend.wacht()
    uitkomst = yield
    markering = item.get_closest_marker("django_db")
    transactioneel = "transactional_db" in namen or "live_server" in namen
    if nextitem is None or not (
        transactioneel or (markering and markering.kwargs.get("transaction"))
    ):
        return uitkomst  # after the last test the test database is gone
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from pytest_django.plugin import blocking_manager_key

    from werkgevers.models import Werkgever

    with item.config.stash[blocking_manager_key].unblock():
        over = Werkgever.objects.exists() or get_user_model().objects.exists()
        if over:
            call_command("flush", interactive=False, verbosity=0)
    if over:
        pytest.fail(f"{item.nodeid} liet rijen achter in de testdatabase", pytrace=False)
    return uitkomst


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL features: skip them on SQLite (an error
    instead when COOP_REQUIRE_POSTGRES is set)."""
    from django.conf import settings

    if "multi" not in (config.getoption("markexpr") or ""):
        # Minutes of servers and clusters: only when asked for (.ci/run: pytest -m multi).
        alleen_gevraagd = pytest.mark.skip(reason="runs only with -m multi")
        for item in items:
            if "multi" in item.keywords:
                item.add_marker(alleen_gevraagd)
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    if os.environ.get("COOP_REQUIRE_POSTGRES"):  # CI's PostgreSQL run must not skip them
        raise pytest.UsageError("COOP_REQUIRE_POSTGRES is set but the database is not PostgreSQL")
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
