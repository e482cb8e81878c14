"""Invoices (the PDF and XLSX as issued, after their SHA-256 check) and the
neighbourhood-economy report of the organisation's own work, as the API serves them."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from coop.core.exceptions import ApplicationError, NotFound
from coop.exports import rapport_xlsx
from coop.pages.forms_werkgever import RapportForm
from coop.pages.views.werkgever.basis import terug_met, werkgever_pagina
from coop.selectors.facturen import factuur_get, factuur_list
from coop.services.facturen import factuurbestanden
from coop.services.facturen import rapport as rapport_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOORTEN = {"pdf": "application/pdf", "xlsx": XLSX}


@werkgever_pagina
def facturen(request):
    return render(
        request, "pages/werkgever/facturen.html", {"facturen": factuur_list(request.user)[:100]}
    )


@werkgever_pagina
def factuur(request, factuur_id: int):
    f = factuur_get(request.user, factuur_id)
    return render(
        request,
        "pages/werkgever/factuur.html",
        {"factuur": f, "regels": f.regels.all(), "credit": getattr(f, "creditfactuur", None)},
    )


def _download(data: bytes, soort: str, naam: str) -> HttpResponse:
    response = HttpResponse(data, content_type=SOORTEN[soort])
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "private, no-store"
    return response


@werkgever_pagina
def factuur_bestand(request, factuur_id: int, soort: str):
    f = factuur_get(request.user, factuur_id)
    if soort not in SOORTEN:
        raise NotFound("Dit bestand is er niet.")
    try:
        data = factuurbestanden.factuur_bestand(f, soort)
    except NotFound:
        raise
    except ApplicationError as exc:  # a file missing or changed since issue: said, not served
        return terug_met(request, reverse("pages:werkgever_factuur", args=[f.pk]), fout=exc)
    return _download(data, soort, f"{f.nummer}.{soort}")


def _vorige_maand() -> tuple[date, date]:
    eind = timezone.localdate().replace(day=1) - timedelta(days=1)
    return eind.replace(day=1), eind


@werkgever_pagina
def rapport(request):
    """The report of a period (default: last month) for the organisation's own work."""
    van, tot = _vorige_maand()
    form = RapportForm(request.GET or None, initial={"van": van, "tot": tot})
    if form.is_bound and form.is_valid():
        van, tot = form.cleaned_data["van"], form.cleaned_data["tot"]
    uitkomst, fout = None, ""
    if not form.errors:
        try:
            uitkomst = rapport_services.rapport_create(user=request.user, van=van, tot=tot)
        except ApplicationError as exc:
            fout = exc.message
    return render(
        request,
        "pages/werkgever/rapport.html",
        {"form": form, "rapport": uitkomst, "fout": fout, "van": van, "tot": tot},
        status=400 if form.errors or fout else 200,
    )


@werkgever_pagina
def rapport_xlsx_download(request):
    form = RapportForm(request.GET)
    if not form.is_valid():
        return render(request, "pages/werkgever/rapport.html", {"form": form}, status=400)
    van, tot = form.cleaned_data["van"], form.cleaned_data["tot"]
    uitkomst = rapport_services.rapport_create(user=request.user, van=van, tot=tot)
    return _download(rapport_xlsx.render(uitkomst), "xlsx", f"buurteconomie-{van}-{tot}.xlsx")
