"""OAuth2 client credentials for the OHD endpoints (django-oauth-toolkit): a corporation's
client is an application of its system account; the token must carry one of the
specification's scopes for the operation."""

from __future__ import annotations

from oauth2_provider.oauth2_backends import get_oauthlib_core

from coop.intake.models import Koppeling


class NietGeautoriseerd(Exception):
    """The request's key or token does not let it in (answered with `status`)."""

    def __init__(self, omschrijving: str, status: int = 401):
        super().__init__(omschrijving)
        self.omschrijving = omschrijving
        self.status = status


def koppeling_van_token(request, scopes: tuple[str, ...]) -> Koppeling:
    geldig, verzoek = get_oauthlib_core().verify_request(request, scopes=[])
    token = getattr(verzoek, "access_token", None) if geldig else None
    if token is None or token.application is None:
        raise NietGeautoriseerd("Het OAuth2-token is onbekend of verlopen.")
    koppeling = (
        Koppeling.objects.select_related("werkgever", "gebruiker")
        .filter(gebruiker_id=token.application.user_id)
        .first()
    )
    if koppeling is None:
        raise NietGeautoriseerd("Dit OAuth2-token hoort bij geen corporatie.")
    if not set(token.scope.split()) & set(scopes):
        raise NietGeautoriseerd(
            f"Het token mist de scope voor deze handeling: een van {', '.join(scopes)}.",
            status=403,
        )
    return koppeling
