"""/metrics: protected by a token or an allowed network; latency per route, acceptances and
their 409s, the queue."""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.tasks import async_task
from prometheus_client import REGISTRY

from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.test_broker_flow import eenmalig


def _waarde(naam, **labels):
    return REGISTRY.get_sample_value(naam, labels) or 0.0


def _scrape(client, **extra) -> dict[str, float]:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    waarden = {}
    for regel in response.content.decode().splitlines():
        if regel and not regel.startswith("#"):
            naam, _, waarde = regel.rpartition(" ")
            waarden[naam] = float(waarde)
    return waarden


def test_closed_when_nothing_is_configured(client, db, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_NETWERKEN = []
    response = client.get("/metrics")
    assert response.status_code == 403
    assert "netwerk" in response.json()["detail"]


def test_token_required(client, db, settings):
    settings.METRICS_TOKEN = "geheim-token-123"
    settings.METRICS_NETWERKEN = []
    assert client.get("/metrics").status_code == 401
    fout = client.get("/metrics", headers={"Authorization": "Bearer ander-token"})
    assert fout.status_code == 401
    assert fout["WWW-Authenticate"] == "Bearer"
    assert "coop_" not in fout.content.decode()
    goed = client.get("/metrics", headers={"Authorization": "Bearer geheim-token-123"})
    assert goed.status_code == 200
    assert "coop_http_requests_total" in goed.content.decode()


def test_allowed_network_without_token(client, db, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_NETWERKEN = ["10.20.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_latency_per_route_not_per_path(client, db, settings):
    settings.METRICS_TOKEN = "t"
    route = "api/v1/aanbiedingen/<aanbod_id>/accepteer"
    voor = _waarde("coop_http_request_duration_seconds_count", route=route, method="POST")
    client.post("/api/v1/aanbiedingen/101/accepteer")
    client.post("/api/v1/aanbiedingen/202/accepteer")
    waarden = _scrape(client, headers={"Authorization": "Bearer t"})
    sleutel = f'coop_http_request_duration_seconds_count{{method="POST",route="{route}"}}'
    assert waarden[sleutel] == voor + 2
    assert not any("/101/" in naam for naam in waarden)


@pytest.fixture
def gepubliceerd(api_as, werkgever_user, werkgever, catalogus):
    locatie = f.LocatieFactory(werkgever=werkgever, wijk="Kanaleneiland")
    created = api_as(werkgever_user).post("werkpakketten/", eenmalig(locatie, uren="8"))
    api_as(werkgever_user).post(f"werkpakketten/{created.body['id']}/publiceer")
    from coop.models import Dienst

    return Dienst.objects.get(job__werkpakket_id=created.body["id"])


def test_acceptances_and_their_409s_are_counted(
    api_as, gepubliceerd, werknemer_user, andere_werknemer_user
):
    eerste = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=werknemer_user.werknemer)
    tweede = aanbod_services.aanbod_create(
        dienst=gepubliceerd, werknemer=andere_werknemer_user.werknemer
    )
    gelukt, conflict = (
        _waarde("coop_acceptaties_total", status="200"),
        _waarde("coop_acceptaties_total", status="409"),
    )
    assert api_as(werknemer_user).post(f"aanbiedingen/{eerste.pk}/accepteer").status_code == 200
    assert (
        api_as(andere_werknemer_user).post(f"aanbiedingen/{tweede.pk}/accepteer").status_code == 409
    )
    assert _waarde("coop_acceptaties_total", status="200") == gelukt + 1
    assert _waarde("coop_acceptaties_total", status="409") == conflict + 1
    # Other POSTs are no acceptances.
    voor = _waarde("coop_acceptaties_total", status="404")
    api_as(werknemer_user).post("aanbiedingen/999999/afwijzen")
    assert _waarde("coop_acceptaties_total", status="404") == voor


def test_queue_length_and_age(client, db, settings):
    settings.METRICS_TOKEN = "t"
    settings.REDIS_URL = ""
    with mock.patch.object(Conf, "SYNC", False):
        async_task("math.floor", 1.5, sync=False, broker=ORM())
        async_task("math.floor", 2.5, sync=False, broker=ORM())
    waarden = _scrape(client, headers={"Authorization": "Bearer t"})
    assert waarden["coop_wachtrij_lengte"] == 2
    assert 0 <= waarden["coop_wachtrij_oudste_seconden"] < 60


def test_several_workers_are_summed_in_multiprocess_mode(tmp_path, monkeypatch):
    """Two worker processes count into PROMETHEUS_MULTIPROC_DIR; one scrape adds them up."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    programma = (
        "from prometheus_client import Counter;"
        "Counter('coop_acceptaties', 'x', ['status']).labels('409').inc()"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", programma], check=True, env=dict(os.environ))
    from coop.ops.metriek import registry

    with mock.patch("coop.ops.gezondheid.wachtrij_stand", side_effect=RuntimeError("weg")):
        assert registry().get_sample_value("coop_acceptaties_total", {"status": "409"}) == 2


def test_exempt_from_the_https_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.METRICS_TOKEN = "t"
    assert client.get("/metrics", headers={"Authorization": "Bearer t"}).status_code == 200
