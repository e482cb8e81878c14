"""CI's guard on the suite itself: a PostgreSQL run that is not on PostgreSQL fails."""

import os
import subprocess
import sys

from django.conf import settings


def _collect(tmp_path, **env_extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COOP_REQUIRE_POSTGRES"}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}", **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/test_smoke.py"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_require_postgres_refuses_a_run_on_sqlite(tmp_path):
    gewoon = _collect(tmp_path)
    assert gewoon.returncode == 0, gewoon.stdout + gewoon.stderr
    geweigerd = _collect(tmp_path, COOP_REQUIRE_POSTGRES="1")
    assert geweigerd.returncode == 4, geweigerd.stdout + geweigerd.stderr  # a usage error
    assert "COOP_REQUIRE_POSTGRES" in geweigerd.stdout + geweigerd.stderr
