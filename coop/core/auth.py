"""Who is asking: bearer-token authentication and the `Actor` every selector and service scopes by.

An `Actor` is decided once, at authentication (`TokenAuth` puts it on the request and on the
user object), and answers the three questions every read and write asks: is this broker
staff, which organisation does an employer user act for, which member is this. Selectors and
services take the user (or the Actor itself) and ask `actor_van`; they never look up roles
themselves. The kernel knows the registries only by the names of the user's relations
(`werkgever_gebruiker`, `werknemer`), not by importing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from coop.core.exceptions import NotFound, PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest
from coop.core.fields import versleuteld_via
from coop.core.models import ApiToken

Rol = Literal["staff", "werkgever", "werknemer", "geen"]


@dataclass(frozen=True)
class Actor:
    """Who is asking. A user who is both a member and an employer's planner has both ids;
    `rol` is the first that applies of staff, member, employer."""

    user_id: int | None
    rol: Rol
    werkgever_id: int | None = None
    werknemer_id: int | None = None
    beheerder: bool = False  # an employer user who manages its organisation's users

    @property
    def is_staff(self) -> bool:
        return self.rol == "staff"


ANONIEM = Actor(user_id=None, rol="geen")
_CACHE = "_coop_actor"
# A token's "last used" is written at most once a minute: it tells staff whether a token is
# in use, and one write (and commit) per request would double the cost of the cheapest one.
GEBRUIK_BIJWERKEN = timedelta(minutes=1)


def _maak_actor(user: Any) -> Actor:
    werkgever_id = werknemer_id = None
    beheerder = False
    gebruiker = _relatie(user, "werkgever_gebruiker")
    if gebruiker is not None:
        werkgever_id, beheerder = gebruiker.werkgever_id, bool(gebruiker.is_beheerder)
    werknemer = _relatie(user, "werknemer")
    if werknemer is not None:
        werknemer_id = werknemer.pk
    rol: Rol = (
        "staff"
        if user.is_staff
        else "werknemer"
        if werknemer_id is not None
        else "werkgever"
        if werkgever_id is not None
        else "geen"
    )
    return Actor(user.pk, rol, werkgever_id, werknemer_id, beheerder)


def _relatie(user: Any, naam: str) -> Any:
    """A reverse one-to-one relation of the user, or None when there is none (Django's
    RelatedObjectDoesNotExist is an AttributeError, so getattr's default applies)."""
    return getattr(user, naam, None)


def actor_van(user: Any) -> Actor:
    """The Actor of a user (or the Actor itself). Built once per request by `TokenAuth`;
    called without one (a shell, a task, a test) it is worked out from the user's relations."""
    if isinstance(user, Actor):
        return user
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONIEM
    return getattr(user, _CACHE, None) or _maak_actor(user)


def bind_actor(request: Any, user: Any) -> Actor:
    """Decide who is asking, once: on the request and on the user object for the services."""
    actor = _maak_actor(user)
    setattr(user, _CACHE, actor)
    request.actor = actor
    return actor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        try:
            # The member or employer link in the same query: nearly every endpoint asks for it.
            # The member's BSN and IBAN are not read here (not even decrypted in memory).
            api_token = (
                ApiToken.objects.select_related(
                    "user", "user__werknemer", "user__werkgever_gebruiker"
                )
                .defer(*versleuteld_via(ApiToken, "user__werknemer"))
                .get(key_hash=ApiToken.hash(token))
            )
        except ApiToken.DoesNotExist:
            return None
        if not api_token.is_active or not api_token.user.is_active:
            return None
        nu = timezone.now()
        if api_token.last_used_at is None or nu - api_token.last_used_at >= GEBRUIK_BIJWERKEN:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=nu)
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        bind_actor(request, api_token.user)
        return api_token.user


def is_staff(user: Any) -> bool:
    """Broker staff: sees and manages everything."""
    return actor_van(user).is_staff


def vereis_staff(user: Any, melding: str = "", *, verbergen: bool = False) -> None:
    """The one staff-only guard: 403 with a Dutch reason, or 404 where even the existence of
    the thing is not for others to know (`verbergen`)."""
    if actor_van(user).is_staff:
        return
    if verbergen:
        raise NotFound(melding or _("Niet gevonden."))
    raise PermissionDenied(melding or _("Alleen medewerkers van de makelaar mogen dit doen."))


def role_of(user: Any) -> str:
    return actor_van(user).rol
