"""Reads of invoices, scoped to the asking user: an employer sees its own, staff see all."""

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.models import Factuur


def factuur_list(user):
    qs = Factuur.objects.select_related("periode", "crediteert").prefetch_related("regels")
    if is_staff(user):
        return qs
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is None:
        raise PermissionDenied("Alleen werkgevers en medewerkers van de makelaar zien facturen.")
    return qs.filter(werkgever_id=werkgever_id)


def factuur_get(user, pk: int) -> Factuur:
    factuur = factuur_list(user).filter(pk=pk).first()
    if factuur is None:
        raise NotFound("Factuur niet gevonden.")
    return factuur
