"""Invoices, the neighbourhood-economy report and Excel imports.

Employers see their own invoices (another's is a 404); staff make and credit them. The
report is scoped the same way. Imports take an XLSX upload (multipart, field `bestand`).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from coop.core.invoer import keuze
from coop.core.schemas import ERRORS
from coop.exports import rapport_xlsx
from coop.models import Importrun
from coop.schemas.facturen import (
    CrediteerIn,
    FactuurIn,
    FactuurOut,
    ImportGeweigerdOut,
    ImportOut,
    PeriodeIn,
)
from coop.selectors.facturen import factuur_get, factuur_list
from coop.services.facturen import facturen as factuur_services
from coop.services.facturen import factuurbestanden, import_sjabloon, import_upload
from coop.services.facturen import importeren as import_services
from coop.services.facturen import rapport as rapport_services

router = Router(tags=["facturen, rapport en import"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- invoices -------------------------------------------------------------------------------


@router.get("/facturen/", response={200: list[FactuurOut], **ERRORS})
def list_facturen(request, periode_id: int | None = None, werkgever_id: int | None = None):
    """Your organisation's invoices (staff: all), newest first."""
    qs = factuur_list(request.user)
    if periode_id:
        qs = qs.filter(periode_id=periode_id)
    return qs.filter(werkgever_id=werkgever_id) if werkgever_id else qs


@router.post("/facturen/", response={200: FactuurOut, 201: FactuurOut, **ERRORS})
def create_factuur(request, payload: FactuurIn):
    """Issue the invoice of a period for one employer (staff); an existing one is returned."""
    factuur, nieuw = factuur_services.factuur_create(
        user=request.user, periode_id=payload.periode_id, werkgever_id=payload.werkgever_id
    )
    return Status(201 if nieuw else 200, factuur_get(request.user, factuur.pk))


@router.post("/facturen/periode", response={200: list[FactuurOut], **ERRORS})
def create_facturen_periode(request, payload: PeriodeIn):
    """Issue every employer's invoice for a period (staff); idempotent."""
    facturen = factuur_services.facturen_create_voor_periode(
        user=request.user, periode_id=payload.periode_id
    )
    return [factuur_get(request.user, f.pk) for f in facturen]


@router.get("/facturen/{factuur_id}", response={200: FactuurOut, **ERRORS})
def get_factuur(request, factuur_id: int):
    return factuur_get(request.user, factuur_id)


@router.post("/facturen/{factuur_id}/crediteer", response={201: FactuurOut, **ERRORS})
def credit_factuur(request, factuur_id: int, payload: CrediteerIn):
    """Credit an invoice in full (staff); the hours can then be invoiced again."""
    factuur_get(request.user, factuur_id)
    credit = factuur_services.factuur_credit(
        user=request.user, factuur_id=factuur_id, reden=payload.reden
    )
    return Status(201, factuur_get(request.user, credit.pk))


def _download(data: bytes, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@router.get("/facturen/{factuur_id}/pdf", response={200: None, **ERRORS})
def download_factuur_pdf(request, factuur_id: int):
    factuur = factuur_get(request.user, factuur_id)
    data = factuurbestanden.factuur_bestand(factuur, "pdf")
    return _download(data, "application/pdf", f"{factuur.nummer}.pdf")


@router.get("/facturen/{factuur_id}/xlsx", response={200: None, **ERRORS})
def download_factuur_xlsx(request, factuur_id: int):
    factuur = factuur_get(request.user, factuur_id)
    data = factuurbestanden.factuur_bestand(factuur, "xlsx")
    return _download(data, XLSX, f"{factuur.nummer}.xlsx")


# --- the neighbourhood-economy report ----------------------------------------------------------


@router.get("/rapport/buurteconomie", response={200: dict, **ERRORS})
def get_rapport(request, van: date, tot: date):
    """Per wijk and per employer: hours, wages, local share, money kept in the wijk, SROI."""
    return rapport_services.als_json(
        rapport_services.rapport_create(user=request.user, van=van, tot=tot)
    )


@router.get("/rapport/buurteconomie.xlsx", response={200: None, **ERRORS})
def download_rapport(request, van: date, tot: date):
    rapport = rapport_services.rapport_create(user=request.user, van=van, tot=tot)
    return _download(rapport_xlsx.render(rapport), XLSX, f"buurteconomie-{van}-{tot}.xlsx")


# --- imports --------------------------------------------------------------------------------


def _importeer(request, soort: str, bestand: UploadedFile, proef: bool, alles_of_niets: bool):
    uitkomst = import_services.import_run(
        user=request.user,
        soort=soort,
        bestandsnaam=bestand.name or "",
        inhoud=import_upload.lees_upload(bestand),
        proef=proef,
        alles_of_niets=alles_of_niets,
    )
    if uitkomst.geweigerd:
        return Status(400, uitkomst.als_fout())
    return Status(200 if proef else 201, uitkomst.als_dict())


@router.post(
    "/importeren/werkpakketten",
    response={
        200: ImportOut,
        201: ImportOut,
        400: ImportGeweigerdOut,
        **{k: v for k, v in ERRORS.items() if k != 400},
    },
)
def import_werkpakketten(
    request,
    bestand: File[UploadedFile],
    proef: Form[bool] = False,
    alles_of_niets: Form[bool] = True,
):
    """Import work packages from an XLSX (the template: GET /importeren/sjablonen/werkpakketten).

    By default nothing is imported unless every row is valid; `proef` shows what would be
    made and saves nothing.
    """
    return _importeer(request, "werkpakketten", bestand, proef, alles_of_niets)


@router.post(
    "/importeren/werknemers",
    response={
        200: ImportOut,
        201: ImportOut,
        400: ImportGeweigerdOut,
        **{k: v for k, v in ERRORS.items() if k != 400},
    },
)
def import_werknemers(
    request,
    bestand: File[UploadedFile],
    proef: Form[bool] = False,
    alles_of_niets: Form[bool] = True,
):
    """Import members from an XLSX (staff only)."""
    return _importeer(request, "werknemers", bestand, proef, alles_of_niets)


@router.get("/importeren/sjablonen/{soort}", response={200: None, **ERRORS})
def download_sjabloon(request, soort: keuze(Importrun.Soort)):
    """The template workbook for `werkpakketten` or `werknemers`."""
    data = import_sjabloon.sjabloon(soort)
    return _download(data, XLSX, f"sjabloon_{soort}.xlsx")
