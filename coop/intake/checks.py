"""Deploy check of the VERA OHD intake (`manage.py check --deploy`): a corporation that has
been given a key or an OAuth2 client can only send orders when the specification is there."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from oauth2_provider.models import get_application_model

from coop.intake.models import Sleutel


def _in_gebruik() -> bool:
    """Whether the intake is in use: a corporation has an active X-API-KEY or an OAuth2
    client. Unknown (no database yet, say before the first migrate) counts as not."""
    try:
        return (
            Sleutel.objects.filter(ingetrokken_op__isnull=True).exists()
            or get_application_model().objects.filter(user__vera_koppeling__isnull=False).exists()
        )
    except DatabaseError:
        return False


def check_specificatie(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    pad = (getattr(settings, "VERA_OHD_SPEC", "") or "").strip()
    if pad:
        if not Path(pad).is_file():
            return [
                checks.Error(
                    f"VERA_OHD_SPEC wijst naar {pad}, maar dat bestand bestaat niet: de "
                    "VERA-koppeling antwoordt corporaties met 503.",
                    hint="Zet VERA_OHD_SPEC op het pad van OHD.yaml (VERA OHD 4.3.0).",
                    id="intake.E001",
                )
            ]
        return []
    if not _in_gebruik():
        return []
    return [
        checks.Warning(
            "VERA_OHD_SPEC is leeg terwijl corporaties een sleutel of OAuth2-client voor de "
            "VERA-koppeling hebben: hun orders krijgen 503 (niet ingericht).",
            hint="Zet VERA_OHD_SPEC op het pad van OHD.yaml (VERA OHD 4.3.0); zie de README, "
            "VERA OHD.",
            id="intake.W001",
        )
    ]


def register() -> None:
    checks.register(check_specificatie, "intake", deploy=True)
