"""System checks on the legal figures: `manage.py check` warns four weeks before a table runs
out, and `check --deploy` refuses demo figures in production."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.utils import timezone

from contracten import gegevens
from contracten.feiten import BEHEER_PAD

WAARSCHUWEN_BINNEN = timedelta(weeks=4)


def gegevens_lopen_af(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    vandaag = timezone.localdate()
    return [
        checks.Warning(
            f"Het gegeven '{tabel.onderwerp}' is bekend tot en met {eind:%d-%m-%Y}.",
            hint=f"Voer de gegevens per {eind + timedelta(days=1):%d-%m-%Y} in onder {BEHEER_PAD}.",
            id="contracten.W001",
        )
        for tabel, eind in gegevens.aflopend(vandaag, WAARSCHUWEN_BINNEN)
    ]


def geen_demo_in_productie(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if getattr(settings, "COOP_DEMO", False) and not settings.DEBUG:
        return [
            checks.Error(
                "COOP_DEMO staat aan: demogegevens (verzonnen bedragen) zouden worden gebruikt.",
                hint="Zet COOP_DEMO uit buiten de demo.",
                id="contracten.E001",
            )
        ]
    return []


def register() -> None:
    checks.register(gegevens_lopen_af, "contracten")
    checks.register(geen_demo_in_productie, checks.Tags.security, deploy=True)
