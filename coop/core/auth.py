"""Bearer-token authentication for the API and the three roles."""

from django.utils import timezone
from ninja.security import HttpBearer

from coop.core.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        try:
            # The member or employer link in the same query: nearly every endpoint asks for it.
            api_token = ApiToken.objects.select_related(
                "user", "user__werknemer", "user__werkgever_gebruiker"
            ).get(key_hash=ApiToken.hash(token))
        except ApiToken.DoesNotExist:
            return None
        if not api_token.is_active or not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


def is_staff(user) -> bool:
    """Broker staff: sees and manages everything."""
    return bool(user and user.is_authenticated and user.is_staff)


def role_of(user) -> str:
    if is_staff(user):
        return "staff"
    if hasattr(user, "werknemer"):
        return "werknemer"
    if hasattr(user, "werkgever_gebruiker"):
        return "werkgever"
    return "geen"
