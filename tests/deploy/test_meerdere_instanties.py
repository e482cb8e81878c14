"""Two app servers and two django-q2 clusters against one PostgreSQL database and one Redis.

The deployment grows into several gunicorn instances and several worker clusters on more
than one machine; this test builds that on one machine: a fresh PostgreSQL database, two
gunicorn instances (deploy/gunicorn.conf.py) on two ports, two `manage.py qcluster` on one
Redis queue. 200 members race for 50 places (four per place), their acceptances split over
both instances; 20 other offers run out while two expiry runs fire from the schedules. Then:
exactly 50 assignments, every document number unique, the calls and on-call contracts
numbered without gaps (a lost race is refused before a number is drawn), every PDF rendered
exactly once and stored under its hash, every expiry handled once, and both clusters worked.

Marked `multi`; .ci/run runs it with DATABASE_URL (PostgreSQL) and REDIS_URL set.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE = "tests.deploy.meerdere_gegevens"

pytestmark = pytest.mark.multi


def _vereist(reden: str) -> None:
    if os.environ.get("COOP_REQUIRE_MULTI"):
        pytest.fail(reden)
    pytest.skip(reden)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_urls() -> tuple[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        _vereist("needs DATABASE_URL=postgres://… (PostgreSQL)")
    delen = urlsplit(url)
    naam = f"coop_multi_{os.getpid()}"
    return (
        urlunsplit(delen._replace(path="/postgres")),
        urlunsplit(delen._replace(path=f"/{naam}")),
    )


def _redis_url() -> str:
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        _vereist(f"needs Redis at {url}")
    return url


def _sql(beheer_url: str, opdracht: str) -> None:
    import psycopg

    with psycopg.connect(beheer_url, autocommit=True) as verbinding:
        verbinding.execute(opdracht)


def _manage(env, *args, timeout=300) -> str:
    klaar = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    regels = klaar.stdout.strip().splitlines()
    return regels[-1] if regels else ""


def _shell(env, code: str):
    return json.loads(_manage(env, "shell", "-c", f"import {MODULE} as m; {code}"))


def _wacht_op_poort(poort: int, proces: subprocess.Popen, log: Path) -> None:
    tot = time.monotonic() + 120
    while time.monotonic() < tot:
        assert proces.poll() is None, log.read_text()[-3000:]
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"gunicorn op {poort} antwoordde niet: {log.read_text()[-3000:]}")


def _accepteer(poort: int, aanbod: int, token: str) -> int:
    # Generous: on a loaded 2-core machine a request may wait minutes in the listen queue of
    # four sync workers; the test is about every acceptance being answered, not how fast.
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=900)
    try:
        verbinding.request(
            "POST",
            f"/api/v1/aanbiedingen/{aanbod}/accepteer",
            headers={"Authorization": f"Bearer {token}"},
        )
        antwoord = verbinding.getresponse()
        antwoord.read()
        return antwoord.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        verbinding.close()


def _stop(processen: list[subprocess.Popen]) -> None:
    for p in processen:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in processen:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=10)


def test_two_app_servers_and_two_clusters_share_one_database(tmp_path):
    beheer_url, db_url = _database_urls()
    redis_url = _redis_url()
    naam = urlsplit(db_url).path.lstrip("/")
    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coop.settings",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "multi-" + os.urandom(32).hex(),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DB_CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
        "Q_WORKERS": "1",
        "LOG_FORMAT": "tekst",
        "LOG_LEVEL": "INFO",
        "COOP_MAKELAAR_KVK": "12345678",
        "COOP_MAKELAAR_BTW": "NL000099998B57",
        "COOP_MAKELAAR_IBAN": "NL91ABNA0417164300",
    }
    import redis

    redis.Redis.from_url(redis_url).delete("django_q:coop:q")
    _sql(beheer_url, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    _sql(beheer_url, f'CREATE DATABASE "{naam}"')
    processen: list[subprocess.Popen] = []
    logs: dict[str, Path] = {}
    try:
        _manage(env, "migrate", "--noinput", timeout=600)
        _manage(env, "apply_schedules")
        gegevens = _shell(env, "m.bouw(verloopt_over_s=20)")
        acceptaties, verlopend = gegevens["acceptaties"], gegevens["verlopend"]
        assert len(acceptaties) == 200 and len({a["dienst"] for a in acceptaties}) == 50
        _manage(env, "shell", "-c", f"import {MODULE} as m; m.schema_versnellen()")

        poorten = [_vrije_poort(), _vrije_poort()]
        for i, poort in enumerate(poorten):
            logs[f"web{i}"] = tmp_path / f"web{i}.log"
            processen.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                    cwd=ROOT,
                    env={
                        **env,
                        "GUNICORN_BIND": f"127.0.0.1:{poort}",
                        "GUNICORN_WORKERS": "2",
                        "GUNICORN_TIMEOUT": "600",
                        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"prometheus{i}"),
                    },
                    stdout=logs[f"web{i}"].open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
        for i in range(2):
            logs[f"cluster{i}"] = tmp_path / f"cluster{i}.log"
            processen.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "qcluster"],
                    cwd=ROOT,
                    env=env,
                    stdout=logs[f"cluster{i}"].open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
        for i, poort in enumerate(poorten):
            _wacht_op_poort(poort, processen[i], logs[f"web{i}"])

        # 200 acceptances, alternately to either instance, 20 at a time.
        with ThreadPoolExecutor(max_workers=20) as pool:
            statussen = list(
                pool.map(
                    lambda ia: _accepteer(poorten[ia[0] % 2], ia[1]["aanbod"], ia[1]["token"]),
                    enumerate(acceptaties),
                )
            )
        assert set(statussen) <= {200, 409}, statussen
        assert statussen.count(200) == 50, statussen
        per_instantie = [
            [s for i, s in enumerate(statussen) if i % 2 == kant].count(200) for kant in (0, 1)
        ]
        assert all(per_instantie), per_instantie  # both instances accepted some

        tot = time.monotonic() + 600
        while time.monotonic() < tot:
            stand = _shell(env, f"m.stand({verlopend})")
            if stand["wachtend"] == 0 and stand["open_verlopend"] == 0:
                break
            assert all(p.poll() is None for p in processen), "een proces stopte"
            time.sleep(3)
        uitkomst = _shell(env, f"m.uitkomst({verlopend})")
    finally:
        _stop(processen)
        for naam_log, pad in logs.items():
            if pad.exists():
                print(f"--- {naam_log}\n{pad.read_text()[-2000:]}")
        _sql(beheer_url, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')

    assert uitkomst["inzetten"] == uitkomst["diensten_met_inzet"] == 50
    assert uitkomst["bezet"] >= 50
    nummers = uitkomst["nummers"]
    assert len(nummers) == len(set(nummers))
    for prefix in ("OPR", "OOK"):
        reeks = sorted(int(n.rsplit("-", 1)[1]) for n in nummers if n.startswith(prefix))
        # Lost races are refused before a number is drawn: here the series have no holes.
        assert reeks == list(range(1, 51)), (prefix, reeks)
    assert uitkomst["soorten"] == {"oproepovereenkomst": 50, "oproep": 50}
    assert uitkomst["weergave"] == {"klaar": 100}
    assert uitkomst["pogingen"] == {"1": 100}  # every PDF rendered exactly once
    assert uitkomst["bestanden_ok"]
    assert uitkomst["status_verlopend"] == {"verlopen": 20}
    assert sorted(uitkomst["verlopen_per_aanbod"].values()) == [1] * 20
    for i in range(2):
        log = logs[f"cluster{i}"].read_text()
        assert "Processed" in log, f"cluster {i} verwerkte niets:\n{log[-2000:]}"
