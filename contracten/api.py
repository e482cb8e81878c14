"""Documents for the people they concern: list, detail and the verified PDF."""

import re
from datetime import date
from typing import Annotated

from django.http import HttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BeforeValidator

from contracten import selectors, werklijst
from contracten.documenten import document_inhoud
from contracten.models import DocumentSoort, Verplichting, VerplichtingSoort
from contracten.schemas import AfhandelingIn, ArbeidscontractOut, DocumentOut, VerplichtingOut
from coop.core.invoer import keuze
from coop.core.models import audit

router = Router(tags=["documenten"])


class DocumentFilter(Schema):
    soort: keuze(DocumentSoort) | None = None
    werknemer_id: int | None = None
    nummer: str | None = None


@router.get("/", response=list[DocumentOut])
@paginate
def list_documenten(request, filters: Query[DocumentFilter]):
    """The documents the caller may see, newest first (a member: their own; an employer: its calls)."""
    qs = selectors.documenten_voor(request.user)
    if filters.soort:
        qs = qs.filter(soort=filters.soort)
    if filters.werknemer_id:
        qs = qs.filter(werknemer_id=filters.werknemer_id)
    if filters.nummer:
        qs = qs.filter(nummer=filters.nummer)
    return qs


@router.get("/{int:document_id}", response=DocumentOut)
def get_document(request, document_id: int):
    """One document's record: number, version, hash and its place in the version chain."""
    return selectors.document_voor(request.user, document_id)


@router.get("/{int:document_id}/pdf", url_name="download_document_pdf")
def download_document_pdf(request, document_id: int):
    """The PDF itself, after its SHA-256 is checked; the hash is also sent in a header."""
    document = selectors.document_voor(request.user, document_id)
    data = document_inhoud(document)
    audit(user=request.user, action="document_gedownload", obj=document, detail=str(document))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.bestandsnaam}"'
    response["Content-Length"] = str(len(data))
    response["X-Document-SHA256"] = document.sha256 or ""  # set: the bytes were read
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/contracten", response=list[ArbeidscontractOut])
@paginate
def list_arbeidscontracten(request, werknemer_id: int | None = None):
    """Contract records (staff: all; a member: their own), newest first."""
    qs = selectors.contracten_voor(request.user).order_by("-begin", "-pk")
    return qs.filter(werknemer_id=werknemer_id) if werknemer_id else qs


def _iso_datum(waarde):
    # Pydantic would also take a number as a timestamp (0 = 1 January 1970): only a date.
    if isinstance(waarde, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde):
        raise ValueError("Vul een datum in als JJJJ-MM-DD.")
    return waarde


class VerplichtingFilter(Schema):
    soort: keuze(VerplichtingSoort) | None = None
    status: keuze(Verplichting.Status) | None = Verplichting.Status.OPEN
    vervaldatum_tot: Annotated[date, BeforeValidator(_iso_datum)] | None = None
    werknemer_id: int | None = None


@router.get("/verplichtingen", response=list[VerplichtingOut])
@paginate
def list_verplichtingen(request, filters: Query[VerplichtingFilter]):
    """Staff's worklist of labour-law deadlines, most urgent first (default: open items)."""
    qs = selectors.verplichtingen_voor(request.user)
    if filters.soort:
        qs = qs.filter(soort=filters.soort)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.vervaldatum_tot:
        qs = qs.filter(vervaldatum__lte=filters.vervaldatum_tot)
    if filters.werknemer_id:
        qs = qs.filter(werknemer_id=filters.werknemer_id)
    return qs.order_by("vervaldatum", "pk")


@router.post("/verplichtingen/{int:verplichting_id}/afhandelen", response=VerplichtingOut)
def afhandelen_verplichting(request, verplichting_id: int, payload: AfhandelingIn):
    """Mark one worklist item done (409 if it already was)."""
    item = selectors.verplichting_voor(request.user, verplichting_id)
    return werklijst.verplichting_afhandelen(
        verplichting=item, user=request.user, afhandeling=payload.afhandeling
    )
