"""Reads of invoices and import runs, scoped to the asking user: an employer sees its own,
staff see all."""

from django.db.models import QuerySet

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.models import Factuur, Importrun


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


def importrun_list(user) -> QuerySet[Importrun]:
    """Excel import runs, newest first: staff all; an employer user those of its own
    organisation's users (their rows and messages name its packages and locations)."""
    qs = Importrun.objects.select_related("user").order_by("-pk")
    if is_staff(user):
        return qs
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is None:
        raise PermissionDenied("Alleen werkgevers en medewerkers van de makelaar zien imports.")
    return qs.filter(user__werkgever_gebruiker__werkgever_id=werkgever_id)


def importrun_get(user, pk: int) -> Importrun:
    run = importrun_list(user).filter(pk=pk).first()
    if run is None:
        raise NotFound("Import niet gevonden.")
    return run
