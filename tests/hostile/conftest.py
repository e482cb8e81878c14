"""Builders and a concurrent HTTP client for the race, fault and fuzz tests.

The race tests speak real HTTP to pytest-django's threaded `live_server` from a thread pool,
with the standard library only (urllib), so every request runs in its own server thread
with its own database connection, as in production.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from coop.core.models import ApiToken
from coop.models import Dienst, Inzet, Job, Werkpakket
from tests import factories as f

AMS = ZoneInfo("Europe/Amsterdam")
POOL = 32  # threads: 2 cores, so a modest pool, but every attempt is its own request
TIMEOUT = 180  # generous: these tests check answers, not speed, also on a busy machine


@dataclass(frozen=True)
class Verzoek:
    """One HTTP call to make: method, path under /api/v1/, bearer token, optional JSON body."""

    method: str
    path: str
    token: str
    body: dict | None = None
    label: object = None  # what the test wants to know the answer for (e.g. an offer id)


@dataclass
class Antwoord:
    verzoek: Verzoek
    status: int
    body: dict | list | None = None
    fout: str = ""


@dataclass
class Uitslag:
    """All answers of one burst, with the status counts a test asserts on."""

    antwoorden: list[Antwoord] = field(default_factory=list)

    @property
    def statussen(self) -> Counter:
        return Counter(a.status for a in self.antwoorden)

    def met_status(self, status: int) -> list[Antwoord]:
        return [a for a in self.antwoorden if a.status == status]


def _call(base_url: str, v: Verzoek) -> Antwoord:
    data = json.dumps(v.body).encode() if v.body is not None else None
    request = urllib.request.Request(
        f"{base_url}/api/v1/{v.path}",
        data=data,
        method=v.method,
        headers={"Authorization": f"Bearer {v.token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Antwoord(v, response.status, _json(response.read()))
    except urllib.error.HTTPError as exc:
        return Antwoord(v, exc.code, _json(exc.read()))
    except OSError as exc:
        # A refused or dropped connection is a failure of the server too: status 0.
        return Antwoord(v, 0, None, fout=repr(exc))


def _json(raw: bytes):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return {"raw": raw[:200].decode(errors="replace")}


def burst(base_url: str, verzoeken: list[Verzoek], threads: int = POOL) -> Uitslag:
    """Send all requests at once from a pool of threads; returns every answer."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return Uitslag(list(pool.map(lambda v: _call(base_url, v), verzoeken)))


def token(user) -> str:
    return ApiToken.issue(user=user)[1]


def leden(aantal: int, prefix: str) -> list:
    """`aantal` members, each with a login (user names prefix-0, prefix-1, ...)."""
    return [f.WerknemerFactory(user=f.UserFactory(username=f"{prefix}-{i}")) for i in range(aantal)]


def plaatsen(locatie, aantal: int, start: datetime, uren: int = 4) -> list[Dienst]:
    """`aantal` parallel open places (shifts) of one job, all at the same time."""
    pakket = Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel="Grote schoonmaak na de renovatie",
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal("32.50"),
        max_personen=aantal,
        status="gesplitst",
    )
    job = Job.objects.create(soort="incidenteel", reden="race", werkpakket=pakket)
    return [
        Dienst.objects.create(
            job=job, locatie=locatie, start=start, eind=start + timedelta(hours=uren)
        )
        for _ in range(aantal)
    ]


def toekomst(dagen: int = 10) -> datetime:
    """A start well beyond the 4-day call term, at 09:00 Amsterdam time."""
    dag = timezone.localdate() + timedelta(days=dagen)
    return datetime.combine(dag, time(9, 0), AMS)


def verleden_inzet(werknemer, locatie, dag: date) -> Inzet:
    """A finished active assignment 09:00-13:00 on `dag` (for hours lines)."""
    pakket = Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel="Trappenhuizen",
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal("32.50"),
        status="gevuld",
    )
    job = Job.objects.create(soort="incidenteel", reden="race", werkpakket=pakket, status="vervuld")
    start = datetime.combine(dag, time(9, 0), AMS)
    dienst = Dienst.objects.create(
        job=job, locatie=locatie, start=start, eind=start + timedelta(hours=4), status="bezet"
    )
    return Inzet.objects.create(
        werknemer=werknemer, dienst=dienst, start=dienst.start, eind=dienst.eind
    )
