"""Bearer-token authentication for the API and the three roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from ninja.security import HttpBearer

from coop.core.models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        try:
            api_token = ApiToken.objects.select_related("user").get(key_hash=ApiToken.hash(token))
        except ApiToken.DoesNotExist:
            return None
        if not api_token.is_active or not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


def is_staff(user: User | AnonymousUser | None) -> bool:
    """Broker staff: sees and manages everything."""
    return bool(user and user.is_authenticated and user.is_staff)


def role_of(user: User | AnonymousUser | None) -> str:
    if is_staff(user):
        return "staff"
    if hasattr(user, "werknemer"):
        return "werknemer"
    if hasattr(user, "werkgever_gebruiker"):
        return "werkgever"
    return "geen"
