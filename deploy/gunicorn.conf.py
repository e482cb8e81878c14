"""gunicorn configuration for coop: `gunicorn -c deploy/gunicorn.conf.py` from the project
folder, with the environment of the production settings (see README, "Running in
production"). Every value can be set from the environment."""

import os
import tempfile
from pathlib import Path

from coop.core.logboek import logging_config

wsgi_app = "coop.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, 2 × cores + 1 (the usual size): requests are short; PDFs are rendered by the
# django-q2 workers after the commit, or here only at a first download before that.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle a worker now and then (memory held by large exports or imports).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# The reverse proxy's address: X-Forwarded-Proto from it marks a request as HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# Django logs every request with its request id; gunicorn's own access log stays off and its
# messages use the same format (LOG_FORMAT=json|tekst) as the application.
accesslog = None
errorlog = "-"
logconfig_dict = logging_config(
    os.environ.get("LOG_FORMAT", "tekst").strip().lower() or "tekst",
    os.environ.get("LOG_LEVEL", "INFO"),
)
logconfig_dict["loggers"] = {
    "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
    "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
}

# Prometheus multiprocess mode: every worker writes its metrics into this folder and a scrape
# of /metrics by any worker adds them up. It must be set before a worker imports
# prometheus-client, be private to this gunicorn, and be emptied at each start.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="coop-prometheus-")

# Imported here, after the folder is set and once, in the arbiter before any worker exists:
# imported inside child_exit it ran in the SIGCHLD handler, and two workers exiting at once
# re-entered the half-done import (ImportError, gunicorn stopped with code 1).
from prometheus_client import multiprocess  # noqa: E402


def on_starting(server):
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for bestand in folder.glob("*.db"):
        bestand.unlink()


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
