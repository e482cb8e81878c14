"""Metrics for Prometheus (prometheus-client), exposed at /metrics for a scraper that shows a
token (METRICS_TOKEN, as `Authorization: Bearer <token>`) or comes from an allowed network
(METRICS_NETWERKEN, comma-separated CIDRs). With neither set the endpoint is closed.

* `coop_http_request_duration_seconds{route,method}`: latency per URL pattern (never a
  concrete path, so ids do not multiply the series; unmatched paths are `<geen>`).
* `coop_http_requests_total{route,method,status}`.
* `coop_acceptaties_total{status}`: `POST …/accepteer`, by status (409: someone else was
  first, or an overlap).
* `coop_wachtrij_lengte`, `coop_wachtrij_oudste_seconden`: the django-q2 queue, read at
  scrape time.

Several gunicorn workers: with PROMETHEUS_MULTIPROC_DIR set (deploy/gunicorn.conf.py sets it)
every worker writes its counts to files there and a scrape sums them over all workers
(prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

from coop.core.logboek import route_van

logger = logging.getLogger(__name__)

DUUR = Histogram(
    "coop_http_request_duration_seconds",
    "Duur van een verzoek per route",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
VERZOEKEN = Counter(
    "coop_http_requests", "Verzoeken per route en status", ["route", "method", "status"]
)
ACCEPTATIES = Counter(
    "coop_acceptaties", "Acceptaties van een aanbod (POST …/accepteer) per status", ["status"]
)


class MetriekMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin = time.perf_counter()
        response = self.get_response(request)
        route = route_van(request)
        DUUR.labels(route, request.method).observe(time.perf_counter() - begin)
        VERZOEKEN.labels(route, request.method, str(response.status_code)).inc()
        if request.method == "POST" and route.endswith("/accepteer"):
            ACCEPTATIES.labels(str(response.status_code)).inc()
        return response


class WachtrijCollector:
    """The queue, read when scraped (so every worker reports the same, current numbers)."""

    def collect(self):
        from coop.ops.gezondheid import wachtrij_stand

        try:
            stand = wachtrij_stand()
        except Exception:
            logger.exception("Metrics: wachtrij onleesbaar")
            return
        yield GaugeMetricFamily(
            "coop_wachtrij_lengte", "Taken in de django-q2-wachtrij", value=stand["lengte"]
        )
        yield GaugeMetricFamily(
            "coop_wachtrij_oudste_seconden",
            "Leeftijd van de oudste wachtende taak (0 bij een lege wachtrij)",
            value=stand["oudste_seconden"] or 0,
        )


class _Standaard:
    """This process's own metrics (single-process mode)."""

    def collect(self):
        yield from REGISTRY.collect()


def registry() -> CollectorRegistry:
    reg = CollectorRegistry(auto_describe=True)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(reg)
    else:
        reg.register(_Standaard())
    reg.register(WachtrijCollector())
    return reg


def _netwerken() -> list:
    return [
        ipaddress.ip_network(n.strip(), strict=False)
        for n in getattr(settings, "METRICS_NETWERKEN", [])
        if n.strip()
    ]


def toegestaan(request) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    if token:
        kop = request.headers.get("Authorization", "")
        if kop.startswith("Bearer ") and hmac.compare_digest(
            kop[len("Bearer ") :].strip().encode(), token.encode()
        ):
            return True
    try:
        adres = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(adres in netwerk for netwerk in _netwerken())


@never_cache
def metrics(request):
    if not toegestaan(request):
        if getattr(settings, "METRICS_TOKEN", ""):
            response = JsonResponse(
                {"detail": "Geef het metrics-token mee.", "fields": {}}, status=401
            )
            response["WWW-Authenticate"] = "Bearer"
            return response
        return JsonResponse(
            {
                "detail": "Metrics zijn alleen bereikbaar vanuit een toegestaan netwerk.",
                "fields": {},
            },
            status=403,
        )
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
