"""Prepared statements on PostgreSQL (DB_PREPARE_THRESHOLD): on by default with server-side
binding, off on request, a clear Dutch error for a value that is no number. Each case loads
the settings module fresh in its own process with its own environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEES = (
    "import json, coop.settings as s; print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
)


def _opties(database_url: str, drempel: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DB_PREPARE_THRESHOLD"}
    env.update({"DATABASE_URL": database_url, "DEBUG": "1"})
    if drempel is not None:
        env["DB_PREPARE_THRESHOLD"] = drempel
    return subprocess.run(
        [sys.executable, "-c", LEES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


PG = "postgres://postgres@127.0.0.1:5432/coop"


@pytest.mark.parametrize(
    ("drempel", "verwacht"),
    [
        (None, {"server_side_binding": True, "prepare_threshold": 2}),
        ("5", {"server_side_binding": True, "prepare_threshold": 5}),
        ("0", {"server_side_binding": True, "prepare_threshold": 0}),
        ("uit", {}),
        ("", {}),
    ],
)
def test_prepared_statements_on_postgresql(drempel, verwacht):
    uit = _opties(PG, drempel)
    assert uit.returncode == 0, uit.stderr
    assert json.loads(uit.stdout.strip().splitlines()[-1]) == verwacht


def test_a_threshold_that_is_no_number_is_refused_in_dutch():
    uit = _opties(PG, "twee")
    assert uit.returncode != 0
    assert "DB_PREPARE_THRESHOLD moet een geheel getal of 'uit' zijn" in uit.stderr


def test_sqlite_is_left_as_it_was():
    uit = _opties("sqlite:///var/niet-gebruikt.sqlite3", "5")
    assert uit.returncode == 0, uit.stderr
    opties = json.loads(uit.stdout.strip().splitlines()[-1])
    assert "prepare_threshold" not in opties and opties["transaction_mode"] == "IMMEDIATE"
