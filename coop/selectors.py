"""Reads for the broker, always scoped to the asking user (tenant isolation lives here)."""

from django.db.models import QuerySet

from coop.auth import is_staff
from coop.exceptions import NotFound, PermissionDenied
from coop.models import Aanbod, Dienst, Inzet, Job, Werkpakket


def werkgever_id_of(user) -> int | None:
    link = getattr(user, "werkgever_gebruiker", None)
    return link.werkgever_id if link is not None else None


def werknemer_id_of(user) -> int | None:
    werknemer = getattr(user, "werknemer", None)
    return werknemer.pk if werknemer is not None else None


def werkpakket_list(user) -> QuerySet[Werkpakket]:
    qs = Werkpakket.objects.select_related("werkgever", "locatie").prefetch_related(
        "vaardigheden", "tijdvakken", "vereiste_certificaten"
    )
    if is_staff(user):
        return qs
    werkgever_id = werkgever_id_of(user)
    if werkgever_id is None:
        raise PermissionDenied(
            "Alleen werkgevers en medewerkers van de makelaar zien werkpakketten."
        )
    return qs.filter(werkgever_id=werkgever_id)


def werkpakket_get(user, pk: int) -> Werkpakket:
    try:
        return werkpakket_list(user).get(pk=pk)
    except Werkpakket.DoesNotExist as exc:
        raise NotFound("Werkpakket niet gevonden.") from exc


def job_list(user) -> QuerySet[Job]:
    qs = Job.objects.select_related("werkpakket", "werknemer").prefetch_related("fragmenten")
    if is_staff(user):
        return qs
    werkgever_id = werkgever_id_of(user)
    if werkgever_id is None:
        raise PermissionDenied("Alleen werkgevers en medewerkers van de makelaar zien banen.")
    return qs.filter(diensten__locatie__werkgever_id=werkgever_id).distinct()


def dienst_get_for_staff(user, pk: int) -> Dienst:
    if not is_staff(user):
        raise PermissionDenied("Alleen medewerkers van de makelaar doen dit.")
    try:
        return Dienst.objects.select_related("job", "locatie", "locatie__werkgever").get(pk=pk)
    except Dienst.DoesNotExist as exc:
        raise NotFound("Dienst niet gevonden.") from exc


def aanbod_list(user) -> QuerySet[Aanbod]:
    qs = Aanbod.objects.select_related(
        "werknemer", "job", "dienst", "dienst__locatie", "dienst__locatie__werkgever"
    )
    if is_staff(user):
        return qs
    werknemer_id = werknemer_id_of(user)
    if werknemer_id is not None:
        return qs.filter(werknemer_id=werknemer_id)
    raise PermissionDenied("Alleen leden en medewerkers van de makelaar zien aanbiedingen.")


def aanbod_get(user, pk: int) -> Aanbod:
    try:
        return aanbod_list(user).get(pk=pk)
    except Aanbod.DoesNotExist as exc:
        raise NotFound("Aanbod niet gevonden.") from exc


def inzet_list(user) -> QuerySet[Inzet]:
    qs = Inzet.objects.select_related(
        "werknemer", "dienst", "dienst__locatie", "dienst__locatie__werkgever", "dienst__job"
    )
    if is_staff(user):
        return qs
    werknemer_id = werknemer_id_of(user)
    if werknemer_id is not None:
        return qs.filter(werknemer_id=werknemer_id)
    werkgever_id = werkgever_id_of(user)
    if werkgever_id is not None:
        return qs.filter(dienst__locatie__werkgever_id=werkgever_id)
    raise PermissionDenied("Geen toegang tot inzetten.")


def inzet_get(user, pk: int) -> Inzet:
    try:
        return inzet_list(user).get(pk=pk)
    except Inzet.DoesNotExist as exc:
        raise NotFound("Inzet niet gevonden.") from exc
