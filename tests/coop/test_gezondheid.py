"""The health endpoint: 200 while usable, 503 naming the failing parts, JSON, no login."""

import os
from datetime import datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import OperationalError, connection
from django.utils import timezone
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.signing import SignedPackage
from django_q.tasks import async_task

from contracten.checks import WAARSCHUWEN_BINNEN
from contracten.tabellen import REGISTER

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def gezond(client, db):
    def vraag(streng=False):
        response = client.get("/gezondheid/" + ("?streng=1" if streng else ""))
        assert response["Content-Type"] == "application/json"
        return response

    return vraag


def test_all_parts_ok_is_200_without_login(gezond, settings):
    settings.REDIS_URL = ""
    response = gezond()
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["onderdelen"]) == {"database", "wachtrij", "wettelijke_gegevens"}
    assert body["onderdelen"]["wachtrij"] == {
        "status": "ok",
        "broker": "database",
        "lengte": 0,
        "oudste_seconden": None,
        "grens_seconden": 600,
    }
    assert "no-cache" in response["Cache-Control"]


def test_database_down_is_503_naming_the_database_without_details(gezond, settings):
    settings.REDIS_URL = ""
    geheim = 'connection to server at "10.1.2.3", port 5432 failed'
    with mock.patch.object(connection, "cursor", side_effect=OperationalError(geheim)):
        response = gezond()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["onderdelen"]["database"] == {"status": "fout", "melding": "Database onbereikbaar."}
    assert "database" in body["falend"]
    assert "10.1.2.3" not in response.content.decode()


def test_redis_unreachable_is_503(gezond, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = gezond()
    assert response.status_code == 503
    body = response.json()
    assert body["onderdelen"]["redis"]["status"] == "fout"
    assert body["onderdelen"]["database"]["status"] == "ok"
    assert "redis" in body["falend"]


def _wachtende_taak(settings, leeftijd: timedelta):
    """A real django-q2 task put on the database queue `leeftijd` ago (not run inline)."""
    settings.REDIS_URL = ""
    toen = timezone.now() - leeftijd
    with mock.patch.object(Conf, "SYNC", False), time_machine.travel(toen, tick=False):
        async_task("math.floor", 1.5, sync=False, broker=ORM())


def test_a_stale_queued_task_warns_and_fails_the_strict_check(gezond, settings):
    _wachtende_taak(settings, timedelta(seconds=settings.GEZONDHEID_WACHTRIJ_SECONDEN + 300))
    response = gezond()
    assert response.status_code == 200  # a stuck worker must not take every web instance out
    wachtrij = response.json()["onderdelen"]["wachtrij"]
    assert wachtrij["status"] == "waarschuwing"
    assert wachtrij["lengte"] == 1
    assert wachtrij["oudste_seconden"] > settings.GEZONDHEID_WACHTRIJ_SECONDEN
    assert "qcluster" in wachtrij["melding"]
    streng = gezond(streng=True)
    assert streng.status_code == 503
    assert streng.json()["falend"] == ["wachtrij"]


def test_a_fresh_queued_task_is_fine(gezond, settings):
    _wachtende_taak(settings, timedelta(seconds=5))
    response = gezond(streng=True)
    wachtrij = response.json()["onderdelen"]["wachtrij"]
    assert wachtrij["lengte"] == 1
    assert 0 <= wachtrij["oudste_seconden"] < settings.GEZONDHEID_WACHTRIJ_SECONDEN
    assert wachtrij["status"] == "ok"


def test_a_table_running_out_within_four_weeks_warns(gezond, settings):
    settings.REDIS_URL = ""
    eindes = {t.sleutel: t.bekend_tot() for t in REGISTER.values() if t.bekend_tot()}
    eerste, eind = min(eindes.items(), key=lambda item: item[1])
    with time_machine.travel(datetime.combine(eind - timedelta(days=7), time(8), AMSTERDAM)):
        response = gezond()
        streng = gezond(streng=True)
    assert response.status_code == 200
    deel = response.json()["onderdelen"]["wettelijke_gegevens"]
    assert deel["status"] == "waarschuwing"
    assert deel["waarschuwen_binnen_dagen"] == WAARSCHUWEN_BINNEN.days
    genoemd = {a["tabel"]: a for a in deel["aflopend"]}
    assert genoemd[eerste]["bekend_tot"] == eind.isoformat()
    assert genoemd[eerste]["verlopen"] is False
    assert streng.status_code == 503
    assert "wettelijke_gegevens" in streng.json()["falend"]

    # Eight weeks ahead of the same end nothing warns about that table.
    with time_machine.travel(datetime.combine(eind - timedelta(weeks=8), time(8), AMSTERDAM)):
        vroeg = gezond().json()["onderdelen"]["wettelijke_gegevens"]
    assert eerste not in {a["tabel"] for a in vroeg["aflopend"]}


def test_only_get(client, db):
    assert client.post("/gezondheid/").status_code == 405


def test_exempt_from_the_https_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.REDIS_URL = ""
    assert client.get("/gezondheid/").status_code == 200
    assert client.get("/api/v1/auth/me").status_code == 301


@pytest.mark.redis
def test_stale_task_on_the_redis_queue(gezond, settings):
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("COOP_REQUIRE_REDIS"):
            pytest.fail(f"Redis answers not at {url}")
        pytest.skip(f"no Redis at {url}")
    settings.REDIS_URL = url
    client = redis.Redis.from_url(url)
    with mock.patch.object(Conf, "CLUSTER_NAME", "coop-gezondheid-test"):
        sleutel = "django_q:coop-gezondheid-test:q"
        client.delete(sleutel)
        oud = timezone.now() - timedelta(seconds=settings.GEZONDHEID_WACHTRIJ_SECONDEN + 60)
        try:
            # What the django-q2 Redis broker's enqueue does: RPUSH of the signed task.
            client.rpush(sleutel, SignedPackage.dumps({"id": "a", "started": oud}))
            client.rpush(sleutel, SignedPackage.dumps({"id": "b", "started": timezone.now()}))
            response = gezond()
        finally:
            client.delete(sleutel)
    body = response.json()
    assert response.status_code == 200
    assert body["onderdelen"]["redis"]["status"] == "ok"
    wachtrij = body["onderdelen"]["wachtrij"]
    assert wachtrij["broker"] == "redis" and wachtrij["lengte"] == 2
    assert wachtrij["status"] == "waarschuwing"
    assert wachtrij["oudste_seconden"] > settings.GEZONDHEID_WACHTRIJ_SECONDEN
