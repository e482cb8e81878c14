"""Documents for the people they concern: list, detail and the verified PDF."""

from django.http import HttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from contracten import selectors
from contracten.documenten import document_inhoud
from contracten.models import DocumentSoort
from contracten.schemas import DocumentOut
from coop.models import audit

router = Router(tags=["documenten"])


class DocumentFilter(Schema):
    soort: DocumentSoort | None = None
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
    response["X-Document-SHA256"] = document.sha256
    response["Cache-Control"] = "private, no-store"
    return response
