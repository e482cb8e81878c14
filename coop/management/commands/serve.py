"""Serve the API and admin with a django-q2 worker beside it (the `make run` main job)."""

import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start de webserver en een django-q2-worker (qcluster) ernaast."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr: str, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"])
        # A TERM to the server also stops the worker (the finally below), not only Ctrl-C.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(
            f"\ncoop draait op http://{addr}/\n"
            f"  API-documentatie: http://{addr}/api/v1/docs\n"
            f"  OpenAPI:          http://{addr}/api/v1/openapi.json\n"
            f"  Beheer (admin):   http://{addr}/admin/\n"
        )
        try:
            call_command("runserver", addr, use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
