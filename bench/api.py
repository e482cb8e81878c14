"""api: requests per second and p95 latency of the offer list and accept endpoints.

A real server process (gunicorn, gthread workers) serves the throwaway benchmark database
over loopback; 50 clients (threads with keep-alive connections, standard library only)
send a bounded number of requests. The baseline is measured in the same run on the same
server with the same clients: GET /api/v1/auth/me, the cheapest authenticated endpoint
(token check and one JSON object), so the ratio says what the endpoint's own work costs on
top of the request cycle. It is measured twice, before the list and after the
acceptances, and counted as one (each burst's rate is recorded too).

Targets, checked and printed per run (DOELEN): every answer is 200 or 409 (no timeouts, no
5xx; here every member accepts their own shift, so all are 200); acceptances at least 25%
of the baseline's requests per second and a p95 at most 5x the baseline's; the offer list
at least 0.7 of the baseline's requests per second. The PDFs of the accepted shifts are
rendered after the commit by django-q2; no cluster runs during the burst (the renders wait in
the queue: Redis when REDIS_URL is set, as in production, else the database), so the figure
is the acceptance itself. The machine's load average is recorded
with each run: on a shared machine it moves the absolute numbers, less so the ratios.

Entry point: `run(maten)`, where maten is a size name ("tiny", "small", "default"), a
dict with `maten["api"] = [(offers, clients), ...]` (as bench/__main__.py's GROOTTES), or
one such tuple; it returns a list of `Resultaat` (verz/s and p95 for each endpoint).
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time as klok
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from bench import db
from bench.data import AMSTERDAM, Punt, leden
from bench.resultaat import Resultaat, p95
from coop.core.models import ApiToken
from coop.models import Aanbod, Dienst, Job, Werkpakket
from werknemers.models import Werknemer

ROOT = Path(__file__).resolve().parent.parent
# Offers (= requests per endpoint) and clients, one run each.
GROOTTES = {
    "tiny": [(200, 50)],
    "small": [(200, 50), (500, 50)],
    "default": [(200, 50), (500, 50), (1_000, 50)],
}
ACCEPT = "POST /aanbiedingen/{id}/accepteer"
LIJST = "GET /aanbiedingen/"
TOEGESTAAN = {200, 409}
# Minimum share of the baseline's requests per second, and the most p95 may be of its p95.
DOELEN = {LIJST: {"verz/s": 0.7}, ACCEPT: {"verz/s": 0.25, "p95": 5.0}}
BASIS = "GET /auth/me"
START_TIMEOUT_S = 60
VERZOEK_TIMEOUT_S = 60


@dataclass(frozen=True)
class Verzoek:
    method: str
    path: str
    token: str


@dataclass
class Meting:
    """One burst: wall time and every request's latency and status."""

    seconden: float
    latenties: list[float] = field(default_factory=list)
    statussen: Counter = field(default_factory=Counter)
    delen: list[float] = field(default_factory=list)  # per burst, when several are one

    @property
    def per_seconde(self) -> float:
        return len(self.latenties) / self.seconden if self.seconden else 0.0

    @property
    def p95_ms(self) -> float:
        return 1000 * p95(self.latenties)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Gegevens:
    tokens: list[str]  # one member per token
    aanbod_ids: list[int]  # the open offer of the member with the same index


@transaction.atomic
def bouw(n: int) -> Gegevens:
    """n members with a login and a token, each with one open offer for their own shift."""
    pks, _ = db.bouw_leden(leden(n, seed=11), db.catalogus())
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"bench-lid-{i}", password="!") for i in range(n)]
    )
    for pk, user in zip(pks, users, strict=True):  # one UPDATE each: n is at most thousands
        Werknemer.objects.filter(pk=pk).update(user=user)
    tokens = _tokens(users)
    wg = db.werkgever(9100, "Benchmark-API")
    loc = db.locatie(wg, Punt(52.0907, 5.1214, "Utrecht", "Utrecht Centrum"), "API-locatie")
    start = datetime.combine(timezone.localdate() + timedelta(days=10), time(9), AMSTERDAM)
    aanbod_ids = _aanbiedingen(wg, loc, pks, start)
    return Gegevens(tokens=tokens, aanbod_ids=aanbod_ids)


def _tokens(users) -> list[str]:
    sleutels = [f"bench-{i}-{os.urandom(16).hex()}" for i in range(len(users))]
    verloopt = timezone.now() + timedelta(days=1)
    ApiToken.objects.bulk_create(
        ApiToken(user=u, key_hash=ApiToken.hash(s), prefix=s[:8], expires_at=verloopt)
        for u, s in zip(users, sleutels, strict=True)
    )
    return sleutels


def _aanbiedingen(wg, loc, pks: list[int], start: datetime) -> list[int]:
    """One package, job and shift per member (separate work, as in real use), one offer each."""
    pakketten = Werkpakket.objects.bulk_create(
        Werkpakket(
            werkgever=wg,
            locatie=loc,
            titel=f"Klus {i}",
            categorie="schoonmaak",
            soort="eenmalig",
            tarief_per_uur=Decimal("30.00"),
            status="gesplitst",
        )
        for i in range(len(pks))
    )
    jobs = Job.objects.bulk_create(
        Job(soort="incidenteel", reden="Benchmark", werkpakket=p) for p in pakketten
    )
    diensten = Dienst.objects.bulk_create(
        Dienst(job=j, locatie=loc, start=start, eind=start + timedelta(hours=4)) for j in jobs
    )
    deadline = timezone.now() + timedelta(days=2)
    aanbiedingen = Aanbod.objects.bulk_create(
        Aanbod(werknemer_id=pk, job=d.job, dienst=d, deadline=deadline)
        for pk, d in zip(pks, diensten, strict=True)
    )
    return [a.pk for a in aanbiedingen]


# --------------------------------------------------------------------------- server


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    gebruiker = quote(s.get("USER") or "", safe="")
    wachtwoord = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    return (
        f"postgres://{gebruiker}{wachtwoord}@{s.get('HOST') or '127.0.0.1'}:"
        f"{s.get('PORT') or 5432}/{s['NAME']}"
    )


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(poort: int) -> subprocess.Popen:
    """gunicorn on 127.0.0.1 against the benchmark database; returns when it answers."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        # Production settings (DEBUG off: no query log), plain HTTP on loopback.
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + os.urandom(32).hex(),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "60",  # persistent connections, as a production server runs
        "FIELD_ENCRYPTION_KEY": settings.FIELD_ENCRYPTION_KEY,
        "DJANGO_SETTINGS_MODULE": "coop.settings",
    }
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "coop.wsgi:application",
        f"--bind=127.0.0.1:{poort}",
        f"--workers={os.cpu_count() or 2}",
        "--worker-class=gthread",
        "--threads=8",
        "--keep-alive=30",
        "--log-level=warning",
    ]
    proces = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    tot = klok.monotonic() + START_TIMEOUT_S
    while klok.monotonic() < tot:
        if proces.poll() is not None:
            raise RuntimeError(f"gunicorn stopte meteen (code {proces.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return proces
        except OSError:
            klok.sleep(0.2)
    stop_server(proces)
    raise RuntimeError(f"gunicorn antwoordde niet binnen {START_TIMEOUT_S} s")


def stop_server(proces: subprocess.Popen) -> None:
    proces.terminate()
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait(timeout=10)


# --------------------------------------------------------------------------- load


def _client(poort: int, verzoeken: list[Verzoek]) -> list[tuple[float, int]]:
    """One client: its requests one after another over one keep-alive connection."""
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=VERZOEK_TIMEOUT_S)
    uit = []
    try:
        for v in verzoeken:
            begin = klok.perf_counter()
            try:
                verbinding.request(
                    v.method, f"/api/v1/{v.path}", headers={"Authorization": f"Bearer {v.token}"}
                )
                antwoord = verbinding.getresponse()
                antwoord.read()
                status = antwoord.status
            except (OSError, http.client.HTTPException):
                verbinding.close()  # reconnects on the next request
                status = 0
            uit.append((klok.perf_counter() - begin, status))
    finally:
        verbinding.close()
    return uit


def belast(poort: int, verzoeken: list[Verzoek], clients: int) -> Meting:
    """All requests spread round-robin over `clients` concurrent clients."""
    delen = [verzoeken[i::clients] for i in range(clients)]
    begin = klok.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        uitslagen = list(pool.map(lambda deel: _client(poort, deel), delen))
    meting = Meting(seconden=klok.perf_counter() - begin)
    for uitslag in uitslagen:
        for latentie, status in uitslag:
            meting.latenties.append(latentie)
            meting.statussen[status] += 1
    return meting


# --------------------------------------------------------------------------- run


def _maten(maten) -> list[tuple[int, int]]:
    if isinstance(maten, tuple):
        return [maten]
    if isinstance(maten, str):
        return GROOTTES[maten]
    if isinstance(maten, dict) and "api" in maten:
        waarde = maten["api"]
        return [tuple(waarde)] if isinstance(waarde, tuple) else [tuple(m) for m in waarde]
    return GROOTTES["default"]


def run(maten=None) -> list[Resultaat]:
    """Per size: build the data, start gunicorn, measure baseline, list and accept; stop."""
    uit = []
    for i, (n, clients) in enumerate(_maten(maten)):
        if i:
            from django.core.management import call_command

            call_command("flush", interactive=False, verbosity=0)
        uit.extend(_run_een(n, clients))
    return uit


def _run_een(n: int, clients: int) -> list[Resultaat]:
    gegevens = bouw(n)
    poort = _vrije_poort()
    proces = start_server(poort)
    belasting_voor = os.getloadavg()
    try:
        metingen = _meet(poort, gegevens, clients)
    finally:
        stop_server(proces)
    belasting = {"voor": belasting_voor, "na": os.getloadavg()}
    return _resultaten(metingen, n, clients, belasting)


def _meet(poort: int, g: Gegevens, clients: int) -> dict[str, Meting]:
    ik = [Verzoek("GET", "auth/me", t) for t in g.tokens]
    lijst = [Verzoek("GET", "aanbiedingen/", t) for t in g.tokens]
    accepteer = [
        Verzoek("POST", f"aanbiedingen/{a}/accepteer", t)
        for a, t in zip(g.aanbod_ids, g.tokens, strict=True)
    ]
    # Warm-up: workers, connections, imports, and every token's first use (a token's "last
    # used" is written at most once a minute), so the bursts meet the same state.
    belast(poort, ik, clients)
    # The baseline is a burst of cheap requests of a second or two: on a shared machine the
    # noisiest figure of the run, and every ratio divides by it. It is measured before and
    # after the other two bursts and counted as one (all requests over both durations).
    voor = belast(poort, ik, clients)
    gemeten = {
        LIJST: belast(poort, lijst, clients),
        ACCEPT: belast(poort, accepteer, clients),
    }
    return {BASIS: samen(voor, belast(poort, ik, clients)), **gemeten}


def samen(*metingen: Meting) -> Meting:
    """Several bursts of the same requests as one measurement (each burst's rate kept)."""
    uit = Meting(seconden=sum(m.seconden for m in metingen))
    for m in metingen:
        uit.latenties.extend(m.latenties)
        uit.statussen.update(m.statussen)
        uit.delen.append(round(m.per_seconde, 1))
    return uit


def _resultaten(
    metingen: dict[str, Meting], n: int, clients: int, belasting: dict | None = None
) -> list[Resultaat]:
    basis = metingen[BASIS]
    uit = []
    for naam, m in metingen.items():
        if naam == BASIS:
            continue
        doelen = DOELEN.get(naam, {})
        statussen_ok = set(m.statussen) <= TOEGESTAAN and set(basis.statussen) == {200}
        details = {
            "verzoeken": len(m.latenties),
            "clients": clients,
            "statussen": dict(m.statussen),
            "basis_statussen": dict(basis.statussen),
            "basis_verz_s_per_burst": basis.delen,
            "database": connection.vendor,
            "server": f"gunicorn gthread, {os.cpu_count() or 2} workers x 8 threads",
            "belasting_1_5_15min": {
                k: [round(x, 2) for x in v] for k, v in (belasting or {}).items()
            },
        }
        maat = f"{n} verzoeken, {clients} clients"
        ratio = m.per_seconde / basis.per_seconde if basis.per_seconde else 0.0
        minimum = doelen.get("verz/s")
        doel = "alleen 200/409" + (f", >= {minimum:g} x basis" if minimum else "")
        uit.append(
            Resultaat(
                "api",
                maat,
                f"{naam} verz/s",
                m.per_seconde,
                basis.per_seconde,
                BASIS,
                hoger_beter=True,
                doel=doel,
                gehaald=statussen_ok and (minimum is None or ratio >= minimum),
                details=details,
            )
        )
        maximum = doelen.get("p95")
        keer = m.p95_ms / basis.p95_ms if basis.p95_ms else float("inf")
        doel = "alleen 200/409" + (f", p95 <= {maximum:g} x basis" if maximum else "")
        uit.append(
            Resultaat(
                "api",
                maat,
                f"{naam} p95 (ms)",
                m.p95_ms,
                basis.p95_ms,
                BASIS,
                doel=doel,
                gehaald=statussen_ok and (maximum is None or keer <= maximum),
                details=details | {"p95_keer_basis": round(keer, 3)},
            )
        )
    return uit


def samenvatting(resultaten: list[Resultaat]) -> list[str]:
    """The ratios the targets speak of, one line per size (printed by bench/__main__.py)."""
    regels = []
    for maat in dict.fromkeys(r.maat for r in resultaten if r.benchmark == "api"):
        per = {r.meting: r for r in resultaten if r.maat == maat and r.benchmark == "api"}
        accept, lijst = per.get(f"{ACCEPT} verz/s"), per.get(f"{LIJST} verz/s")
        accept_p95 = per.get(f"{ACCEPT} p95 (ms)")
        if not (accept and lijst and accept_p95):
            continue
        belasting = accept.details.get("belasting_1_5_15min", {})
        regels.append(
            f"api {maat}: accepteer/basis verz/s {accept.ratio:.3f} (doel >= 0.25), "
            f"accepteer p95 = {accept_p95.details['p95_keer_basis']:.2f} x basis (doel <= 5), "
            f"lijst/basis verz/s {lijst.ratio:.3f} (doel >= 0.7); statussen accepteer "
            f"{accept.details['statussen']}, lijst {lijst.details['statussen']}; basis verz/s "
            f"voor en na {accept.details.get('basis_verz_s_per_burst')}; "
            f"belasting (1/5/15 min) voor {belasting.get('voor')}, na {belasting.get('na')}"
        )
    return regels
