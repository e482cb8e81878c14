"""Reads of hours lines, pay periods and exports, scoped to the asking user."""

from django.db.models import QuerySet

from coop.core.auth import actor_van, is_staff, vereis_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.models import Loonafspraak, Loonexport, Loonperiode, Urenregel


def urenregel_list(user) -> QuerySet[Urenregel]:
    """Staff: all lines; a member: their own; an employer user: lines of its own shifts."""
    qs = Urenregel.objects.select_related(
        "inzet",
        "inzet__werknemer",
        "inzet__dienst",
        "inzet__dienst__locatie",
        "inzet__dienst__locatie__werkgever",
        "periode",
        "corrigeert",
    )
    if is_staff(user):
        return qs
    werknemer_id = actor_van(user).werknemer_id
    if werknemer_id is not None:
        return qs.filter(inzet__werknemer_id=werknemer_id)
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is not None:
        # Sick and leave lines are the member's and the broker's business, not the employer's.
        return qs.filter(inzet__dienst__locatie__werkgever_id=werkgever_id).exclude(
            soort__in=(Urenregel.Soort.ZIEK, Urenregel.Soort.VERLOF)
        )
    raise PermissionDenied("Geen toegang tot urenregels.")


def urenregel_get(user, pk: int) -> Urenregel:
    try:
        return urenregel_list(user).get(pk=pk)
    except Urenregel.DoesNotExist as exc:
        raise NotFound("Urenregel niet gevonden.") from exc


def loonperiode_list(user) -> QuerySet[Loonperiode]:
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    return Loonperiode.objects.all()


def loonperiode_get(user, pk: int) -> Loonperiode:
    try:
        return loonperiode_list(user).get(pk=pk)
    except Loonperiode.DoesNotExist as exc:
        raise NotFound("Loonperiode niet gevonden.") from exc


def loonexport_list(user) -> QuerySet[Loonexport]:
    """Payroll exports, newest first: staff only (they hold everyone's wages)."""
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    return Loonexport.objects.select_related("periode").order_by("-pk")


def loonexport_get(user, pk: int) -> Loonexport:
    try:
        return loonexport_list(user).get(pk=pk)
    except Loonexport.DoesNotExist as exc:
        raise NotFound("Loonexport niet gevonden.") from exc


def loonafspraak_list(user) -> QuerySet[Loonafspraak]:
    """Staff: every wage agreement; a member: their own; employer users: none (a member's
    wage is not the employer's business)."""
    qs = Loonafspraak.objects.order_by("werknemer_id", "-geldig_van", "-pk")
    if is_staff(user):
        return qs
    werknemer_id = actor_van(user).werknemer_id
    if werknemer_id is not None:
        return qs.filter(werknemer_id=werknemer_id)
    raise PermissionDenied("Alleen de werknemer zelf en de makelaar zien loonafspraken.")
