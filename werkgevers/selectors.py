"""Reads of the demand registry, always scoped to the asking user.

This is the one place where tenant isolation is enforced: staff see everything, an employer
user sees only its own organisation, anyone else sees nothing. An object outside the user's
scope is reported as not found (404), so its existence is not revealed.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import NotFound, PermissionDenied
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker


def werkgever_list(
    user, *, zoek: str = "", soort: str = "", status: str = ""
) -> QuerySet[Werkgever]:
    """The organisations the user may see, optionally searched by naam/KvK and filtered."""
    qs = Werkgever.objects.annotate(
        aantal_locaties=Count("locaties", filter=Q(locaties__actief=True))
    )
    if not is_staff(user):
        own = actor_van(user).werkgever_id
        qs = qs.filter(pk=own) if own is not None else qs.none()
    if zoek:
        qs = qs.filter(Q(naam__icontains=zoek) | Q(kvk_nummer__startswith=zoek.replace(" ", "")))
    if soort:
        qs = qs.filter(soort=soort)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("naam", "pk")


def werkgever_get(user, werkgever_id: int) -> Werkgever:
    try:
        return werkgever_list(user).get(pk=werkgever_id)
    except Werkgever.DoesNotExist as exc:
        raise NotFound("Werkgever niet gevonden.") from exc


def locatie_list(
    user, *, werkgever_id: int | None = None, actief: bool | None = None, wijk: str = ""
) -> QuerySet[Locatie]:
    """The locations the user may see, optionally for one organisation, active or by wijk."""
    qs = Locatie.objects.select_related("werkgever")
    if not is_staff(user):
        own = actor_van(user).werkgever_id
        qs = qs.filter(werkgever_id=own) if own is not None else qs.none()
    if werkgever_id is not None:
        qs = qs.filter(werkgever_id=werkgever_id)
    if actief is not None:
        qs = qs.filter(actief=actief)
    if wijk:
        qs = qs.filter(wijk__iexact=wijk)
    return qs.order_by("naam", "pk")


def locatie_get(user, locatie_id: int) -> Locatie:
    try:
        return locatie_list(user).get(pk=locatie_id)
    except Locatie.DoesNotExist as exc:
        raise NotFound("Locatie niet gevonden.") from exc


def gebruiker_list(user, werkgever_id: int) -> QuerySet[WerkgeverGebruiker]:
    """The organisation's users; only staff and the organisation's own beheerders may see them."""
    werkgever = werkgever_get(user, werkgever_id)
    ensure_can_manage_users(user, werkgever)
    return (
        WerkgeverGebruiker.objects.filter(werkgever=werkgever)
        .select_related("user")
        .order_by("user__username")
    )


def ensure_can_manage_users(user, werkgever: Werkgever) -> None:
    """Staff, or a beheerder of this very organisation; others get 403 (they can see it)."""
    if is_staff(user):
        return
    actor = actor_van(user)
    if actor.werkgever_id != werkgever.pk or not actor.beheerder:
        raise PermissionDenied("Alleen een beheerder van de organisatie mag gebruikers beheren.")
