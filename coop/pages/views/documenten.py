"""The member's documents: contracts, calls and cancellations to read and download."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from contracten import selectors as contract_selectors
from contracten.documenten import document_inhoud
from contracten.models import Document, DocumentSoort
from contracten.regels import oproeptermijn_dagen
from contracten.weergave import DocumentNogNietKlaar
from coop.core.models import audit
from coop.pages.views.basis import lid_pagina, melding

# A short summary per kind in the member's language; the Dutch document is the binding text.
# %(dagen)s: the call term the document itself states (`_samenvatting`).
SAMENVATTING: dict[str, Promise] = {
    DocumentSoort.OPROEPOVEREENKOMST: _(
        "Dit is uw oproepovereenkomst: de afspraak dat de coöperatie u oproept voor werk. U "
        "bent niet verplicht te komen als een oproep korter dan %(dagen)s dagen van tevoren komt."
    ),
    DocumentSoort.OPROEP: _(
        "Dit is een oproep: waar en wanneer u werkt, en hoeveel u per uur verdient."
    ),
    DocumentSoort.ANNULERING_OPROEP: _(
        "Dit is een annulering: het werk gaat niet door. Was dat minder dan %(dagen)s dagen van "
        "tevoren, dan krijgt u de uren toch betaald."
    ),
    DocumentSoort.ARBEIDSOVEREENKOMST: _(
        "Dit is uw arbeidsovereenkomst: uw vaste werk, uw uren en uw loon."
    ),
    DocumentSoort.AANBOD_VASTE_UREN: _(
        "Dit is een aanbod voor vaste uren. U mag het aannemen; u hoeft niet."
    ),
    DocumentSoort.AANZEGGING: _(
        "Dit is een aanzegging: de coöperatie laat weten of uw contract wordt verlengd."
    ),
}


def _samenvatting(doc: Document) -> str:
    """The kind's summary, naming the call term the document states (stored in its context;
    for a document without one, the statutory term of the day it was issued)."""
    tekst = SAMENVATTING.get(doc.soort)
    if tekst is None:
        return ""
    dagen = (doc.gegevens or {}).get("oproeptermijn_dagen")
    if dagen is None and "%(dagen)s" in str(tekst):
        dagen = oproeptermijn_dagen(timezone.localtime(doc.uitgegeven_op).date())
    return str(tekst) % {"dagen": dagen}


def _eigen(request):
    return contract_selectors.documenten_voor(request.user).filter(werknemer=request.werknemer)


@lid_pagina
def documenten(request):
    return render(request, "pages/leden/documenten.html", {"documenten": _eigen(request)[:100]})


def _document_pagina(request, doc, *, status: int = 200):
    return render(
        request,
        "pages/leden/document.html",
        {"document": doc, "samenvatting": _samenvatting(doc)},
        status=status,
    )


@lid_pagina
def document(request, document_id: int):
    return _document_pagina(request, get_object_or_404(_eigen(request), pk=document_id))


@lid_pagina
def document_pdf(request, document_id: int):
    """The PDF after its SHA-256 check, as the API serves it; the download is audit-logged.

    The PDF is made after the decision commits (contracten/weergave.py); a download before
    the worker got to it renders it here, once. Only when that fails too does the member
    read, on the document's page, that it is still being made (503)."""
    doc = get_object_or_404(_eigen(request), pk=document_id)
    try:
        data = document_inhoud(doc)
    except DocumentNogNietKlaar as exc:
        messages.error(request, melding(exc))
        return _document_pagina(request, doc, status=503)
    audit(user=request.user, action="document_gedownload", obj=doc, detail=str(doc))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.bestandsnaam}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Document-SHA256"] = doc.sha256 or ""  # set: the bytes were read
    return response
