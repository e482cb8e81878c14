"""A real django-q2 cluster on Redis picks up a task and stores its result."""

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _manage(env, *args, timeout=120) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


@pytest.mark.redis
def test_cluster_on_redis_runs_a_task(tmp_path):
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not _redis_answers(url):
        if os.environ.get("COOP_REQUIRE_REDIS"):
            pytest.fail(f"Redis answers not at {url}")
        pytest.skip(f"no Redis at {url}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coop.settings",
        "DEBUG": "1",
        "REDIS_URL": url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'q.sqlite3'}",
        "Q_WORKERS": "1",
    }
    _manage(env, "migrate", "--noinput")
    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        task_id = _manage(
            env,
            "shell",
            "-c",
            "from django_q.tasks import async_task;"
            "print(async_task('coop.schedules.apply_schedules'))",
        )
        deadline = time.monotonic() + 60
        outcome = ""
        while time.monotonic() < deadline:
            outcome = _manage(
                env,
                "shell",
                "-c",
                "from django_q.models import Task;"
                f"t = Task.objects.filter(id='{task_id}').first();"
                "print('' if t is None else ('ok' if t.success else 'failed'))",
            )
            if outcome:
                break
            time.sleep(0.5)
        assert outcome == "ok", f"task {task_id} not processed by the Redis cluster ({outcome!r})"
        # The cluster runs on the suite's reference clock, as this process does.
        gestopt = _manage(
            env,
            "shell",
            "-c",
            f"from django_q.models import Task; print(Task.objects.get(id='{task_id}').stopped)",
        )
        assert abs(datetime.fromisoformat(gestopt) - timezone.now()) < timedelta(minutes=5)
    finally:
        cluster.terminate()
        try:
            cluster.wait(timeout=15)
        except subprocess.TimeoutExpired:
            cluster.kill()
