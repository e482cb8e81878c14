"""The API's output schemas of contracten, and the document kinds' contexts by kind (CONTEXTEN).

The contexts themselves: the shared blocks in contracten.contexten, the contracts in
contexten_overeenkomsten, calls and cancellations in contexten_oproepen, the letters in
contexten_brieven.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from contracten.contexten import DocumentContext
from contracten.contexten_brieven import (
    AanbodVasteUrenContext,
    AanzeggingContext,
    BevestigingZiekmeldingContext,
)
from contracten.contexten_oproepen import AnnuleringOproepContext, OproepContext
from contracten.contexten_overeenkomsten import (
    ArbeidsovereenkomstContext,
    OproepovereenkomstContext,
)
from contracten.models import DocumentSoort

CONTEXTEN: dict[str, type[DocumentContext]] = {
    DocumentSoort.ARBEIDSOVEREENKOMST: ArbeidsovereenkomstContext,
    DocumentSoort.OPROEPOVEREENKOMST: OproepovereenkomstContext,
    DocumentSoort.OPROEP: OproepContext,
    DocumentSoort.ANNULERING_OPROEP: AnnuleringOproepContext,
    DocumentSoort.AANBOD_VASTE_UREN: AanbodVasteUrenContext,
    DocumentSoort.AANZEGGING: AanzeggingContext,
    DocumentSoort.BEVESTIGING_ZIEKMELDING: BevestigingZiekmeldingContext,
}


# --- API output ------------------------------------------------------------------------


class DocumentOut(Schema):
    """A document's record as its readers see it; the PDF is at `download_url`."""

    id: int
    soort: str
    soort_label: str
    nummer: str
    versie: int
    titel: str
    werknemer_id: int
    werknemer_naam: str
    werkgever_id: int | None
    werkgever_naam: str | None
    uitgegeven_op: datetime
    # The PDF is rendered after the decision commits: until then no hash or size (`weergave`
    # "wacht"); downloading it meanwhile renders it on the spot.
    weergave: str
    gegevens_sha256: str
    sha256: str | None
    grootte: int | None
    vervangt_id: int | None
    vervangen_door_id: int | None
    actueel: bool
    download_url: str

    @staticmethod
    def resolve_soort_label(obj) -> str:
        return obj.get_soort_display()

    @staticmethod
    def resolve_titel(obj) -> str:
        return CONTEXTEN[obj.soort].TITEL

    @staticmethod
    def resolve_werknemer_naam(obj) -> str:
        return obj.werknemer.volledige_naam

    @staticmethod
    def resolve_werkgever_naam(obj) -> str | None:
        return obj.werkgever.naam if obj.werkgever_id else None

    @staticmethod
    def resolve_vervangen_door_id(obj) -> int | None:
        opvolger = getattr(obj, "vervangen_door", None)
        return opvolger.pk if opvolger else None

    @staticmethod
    def resolve_actueel(obj) -> bool:
        return getattr(obj, "vervangen_door", None) is None

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("api-v1:download_document_pdf", args=[obj.pk])


class ArbeidscontractOut(Schema):
    """A contract record: its term, chain position, probation, hours, wage and document."""

    id: int
    werknemer_id: int
    werknemer_naam: str
    soort: str
    functie: str
    begin: date
    eind: date | None
    bepaalde_tijd: bool
    nummer_in_keten: int
    keten_begin: date
    keten_toelichting: str
    proeftijd_maanden: int
    uren_per_week: Decimal | None
    uurloon: Decimal
    status: str
    document_id: int
    document_nummer: str

    @staticmethod
    def resolve_werknemer_naam(obj) -> str:
        return obj.werknemer.volledige_naam

    @staticmethod
    def resolve_document_nummer(obj) -> str:
        return obj.document.nummer


class VerplichtingOut(Schema):
    """One worklist item for staff; `document_id` is the generated letter, if any."""

    id: int
    soort: str
    soort_label: str
    werknemer_id: int | None
    werknemer_naam: str | None
    gegeven: str
    contract_id: int | None
    contract_nummer: str | None
    certificaat_id: int | None
    vervaldatum: date
    status: str
    toelichting: str
    document_id: int | None
    afgehandeld_op: datetime | None
    afhandeling: str

    @staticmethod
    def resolve_soort_label(obj) -> str:
        return obj.get_soort_display()

    @staticmethod
    def resolve_werknemer_naam(obj) -> str | None:
        return obj.werknemer.volledige_naam if obj.werknemer_id else None

    @staticmethod
    def resolve_contract_nummer(obj) -> str | None:
        return obj.contract.document.nummer if obj.contract_id else None


class AfhandelingIn(Schema):
    afhandeling: str = Field("", max_length=500)
