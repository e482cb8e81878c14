"""Reads of documents, always scoped to the asking user: the one place isolation is decided."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from contracten.models import SOORTEN_VOOR_WERKGEVER, Arbeidscontract, Document, Verplichting
from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import NotFound, PermissionDenied


def documenten_voor(user) -> QuerySet[Document]:
    """Staff see all; a member their own; an employer user only the calls for their employer.

    A user who is both a member and an employer's planner sees the union of both.
    """
    qs = Document.objects.select_related("werknemer", "werkgever", "vervangen_door")
    if is_staff(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    zichtbaar = Q(werknemer__user=user)
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is not None:
        zichtbaar |= Q(werkgever_id=werkgever_id, soort__in=SOORTEN_VOOR_WERKGEVER)
    return qs.filter(zichtbaar)


def document_voor(user, document_id: int) -> Document:
    """One document the user may see; others' documents are "not found", never "forbidden"."""
    try:
        return documenten_voor(user).get(pk=document_id)
    except Document.DoesNotExist as exc:
        raise NotFound("Document niet gevonden.") from exc


def contracten_voor(user) -> QuerySet[Arbeidscontract]:
    """Contract records: staff see all, a member their own; employers none (they are not party)."""
    qs = Arbeidscontract.objects.select_related("werknemer", "document")
    if is_staff(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(werknemer__user=user)


def verplichtingen_voor(user) -> QuerySet[Verplichting]:
    """The labour-law worklist is for broker staff only."""
    if not is_staff(user):
        raise PermissionDenied("Alleen medewerkers van de makelaar zien de werklijst.")
    return Verplichting.objects.select_related("werknemer", "contract__document", "document")


def verplichting_voor(user, verplichting_id: int) -> Verplichting:
    try:
        return verplichtingen_voor(user).get(pk=verplichting_id)
    except Verplichting.DoesNotExist as exc:
        raise NotFound("Verplichting niet gevonden.") from exc
