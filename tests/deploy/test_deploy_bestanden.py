"""The deploy files agree with the settings: every variable they set is one the settings or
the gunicorn configuration read, and the units start what exists."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
GELEZEN = (ROOT / "coop" / "settings.py").read_text() + (DEPLOY / "gunicorn.conf.py").read_text()
# Read by the libraries or the container itself, not by our settings.
ANDERS = {"PROMETHEUS_MULTIPROC_DIR", "DJANGO_SETTINGS_MODULE"}


def _gelezen(naam: str) -> bool:
    return naam in ANDERS or f'"{naam}"' in GELEZEN


def test_every_variable_in_the_example_env_is_read():
    namen = [
        regel.split("=", 1)[0]
        for regel in (DEPLOY / "coop.env.voorbeeld").read_text().splitlines()
        if regel.strip() and not regel.startswith("#")
    ]
    assert "SECRET_KEY" in namen and "FIELD_ENCRYPTION_KEY" in namen
    assert [n for n in namen if not _gelezen(n)] == []


def test_compose_sets_only_variables_the_settings_read():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert set(compose["services"]) == {"db", "redis", "web", "worker"}
    for naam in ("web", "worker"):
        dienst = compose["services"][naam]
        assert dienst["env_file"] == "coop.env"
        assert [n for n in dienst["environment"] if not _gelezen(n)] == []
    assert "qcluster" in " ".join(compose["services"]["worker"]["command"])
    assert "deploy/gunicorn.conf.py" in compose["services"]["web"]["command"]


def test_systemd_units_run_existing_commands():
    commands = {p.stem for p in (ROOT / "coop" / "management" / "commands").glob("*.py")}
    web = (DEPLOY / "systemd" / "coop-web.service").read_text()
    worker = (DEPLOY / "systemd" / "coop-worker.service").read_text()
    assert "gunicorn -c deploy/gunicorn.conf.py" in web
    assert "PROMETHEUS_MULTIPROC_DIR=/run/coop-web/" in web and "RuntimeDirectory=coop-web" in web
    gebruikt = re.findall(r"^ExecStart\w*=\S+ manage\.py (\w+)$", worker, re.M)
    assert gebruikt == ["apply_schedules", "qcluster"]
    assert "apply_schedules" in commands
