"""The health endpoint for a load balancer or a monitor: GET /gezondheid/ (no login, no
personal data, a handful of cheap look-ups).

Parts, each with a `status` of `ok`, `waarschuwing` or `fout`:

* `database`: `SELECT 1`.
* `redis` (only when REDIS_URL is set): PING, with a one-second timeout.
* `wachtrij`: the django-q2 queue (Redis or the database): its length and the age of the
  oldest task still waiting; a warning when that age passes GEZONDHEID_WACHTRIJ_SECONDEN.
* `wettelijke_gegevens`: every legal-figure table with its last known day; a warning for
  each that runs out within four weeks (the same rule and function as the system check
  contracten.W001).

HTTP 200 while this instance can serve requests, 503 when a part is `fout` (database or
Redis unreachable). A stale queue or a table running out is a warning, not a 503: every web
instance would report it alike and a load balancer would take them all out, turning a stuck
worker into an outage. A monitor that should alert on warnings asks `?streng=1`: then a
warning is a 503 too. Error details are logged, never returned.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK, WAARSCHUWING, FOUT = "ok", "waarschuwing", "fout"
ERNST = {OK: 0, WAARSCHUWING: 1, FOUT: 2}
REDIS_TIMEOUT = 1.0


def wachtrij_grens() -> int:
    return int(getattr(settings, "GEZONDHEID_WACHTRIJ_SECONDEN", 600))


@lru_cache(maxsize=2)
def _redis(url: str):
    import redis

    return redis.Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
    )


def redis_client():
    return _redis(settings.REDIS_URL)


def _queue_key() -> str:
    from django_q.conf import Conf

    return Conf.CLUSTER_NAME


def wachtrij_stand() -> dict:
    """The django-q2 queue now: its broker, length and the age in seconds of the oldest task
    still waiting (None when empty). Raises when the broker cannot be reached."""
    from django_q.signing import SignedPackage

    if settings.REDIS_URL:
        # The django-q2 Redis broker appends to the list `django_q:<cluster>:q` and takes
        # from its head: the head is the oldest task waiting.
        client = redis_client()
        sleutel = f"django_q:{_queue_key()}:q"
        lengte = client.llen(sleutel)
        oudste = client.lindex(sleutel, 0) if lengte else None
        broker = "redis"
    else:
        from django_q.models import OrmQ

        # The ORM broker: a row waits while its lock lies in the past; one in progress is
        # locked into the future.
        wachtend = OrmQ.objects.filter(key=_queue_key(), lock__lte=timezone.now())
        lengte = wachtend.count()
        oudste = wachtend.order_by("id").values_list("payload", flat=True).first()
        broker = "database"
    leeftijd = None
    if oudste is not None:
        try:
            gestart = SignedPackage.loads(oudste).get("started")
        except Exception:  # a task signed with another SECRET_KEY: its age is unknown
            gestart = None
        if isinstance(gestart, datetime):
            leeftijd = max(0.0, round((timezone.now() - gestart).total_seconds(), 1))
    return {"broker": broker, "lengte": int(lengte), "oudste_seconden": leeftijd}


def _database() -> dict:
    begin = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Gezondheid: database onbereikbaar")
        return {"status": FOUT, "melding": "Database onbereikbaar."}
    return {"status": OK, "duur_ms": round((time.perf_counter() - begin) * 1000, 1)}


def _redis_deel() -> dict | None:
    if not settings.REDIS_URL:
        return None
    begin = time.perf_counter()
    try:
        redis_client().ping()
    except Exception:
        logger.exception("Gezondheid: Redis onbereikbaar")
        return {"status": FOUT, "melding": "Redis onbereikbaar."}
    return {"status": OK, "duur_ms": round((time.perf_counter() - begin) * 1000, 1)}


def _wachtrij() -> dict:
    grens = wachtrij_grens()
    try:
        stand = wachtrij_stand()
    except Exception:
        logger.exception("Gezondheid: wachtrij onleesbaar")
        return {"status": FOUT, "melding": "Wachtrij onleesbaar.", "grens_seconden": grens}
    oud = stand["oudste_seconden"] is not None and stand["oudste_seconden"] > grens
    deel = {"status": WAARSCHUWING if oud else OK, **stand, "grens_seconden": grens}
    if oud:
        deel["melding"] = (
            f"De oudste taak wacht al {int(stand['oudste_seconden'])} seconden: "
            "draait er een worker (qcluster)?"
        )
    return deel


def _wettelijke_gegevens() -> dict:
    from contracten import gegevens
    from contracten.checks import WAARSCHUWEN_BINNEN

    vandaag = timezone.localdate()
    try:
        aflopend = gegevens.aflopend(vandaag, WAARSCHUWEN_BINNEN)
    except Exception:
        logger.exception("Gezondheid: wettelijke gegevens onleesbaar")
        return {"status": FOUT, "melding": "Wettelijke gegevens onleesbaar."}
    return {
        "status": WAARSCHUWING if aflopend else OK,
        "waarschuwen_binnen_dagen": WAARSCHUWEN_BINNEN.days,
        "aflopend": [
            {
                "tabel": tabel.sleutel,
                "onderwerp": tabel.onderwerp,
                "bekend_tot": eind.isoformat(),
                "verlopen": eind < vandaag,
            }
            for tabel, eind in aflopend
        ],
    }


def rapport() -> dict:
    delen = {"database": _database()}
    redis_deel = _redis_deel()
    if redis_deel is not None:
        delen["redis"] = redis_deel
    delen["wachtrij"] = _wachtrij()
    delen["wettelijke_gegevens"] = _wettelijke_gegevens()
    status = max((d["status"] for d in delen.values()), key=ERNST.__getitem__)
    return {"status": status, "onderdelen": delen}


@never_cache
@require_GET
def gezondheid(request):
    inhoud = rapport()
    streng = request.GET.get("streng") in {"1", "ja", "true"}
    drempel = WAARSCHUWING if streng else FOUT
    falend = [
        naam
        for naam, deel in inhoud["onderdelen"].items()
        if ERNST[deel["status"]] >= ERNST[drempel]
    ]
    if falend:
        inhoud["falend"] = falend
    return JsonResponse(inhoud, status=503 if falend else 200)
