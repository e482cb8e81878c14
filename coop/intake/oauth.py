"""OAuth2 client credentials for the OHD endpoints (see README, VERA OHD)."""

from __future__ import annotations

from coop.intake.models import Koppeling


def koppeling_van_token(token: str, scopes: tuple[str, ...]) -> Koppeling:
    from coop.intake.views import NietGeautoriseerd

    raise NietGeautoriseerd(
        "OAuth2 is voor deze koppeling nog niet beschikbaar; gebruik X-API-KEY."
    )
