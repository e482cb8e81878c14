"""Excel imports of the organisation's own work packages: upload, a dry run first, every
refused row with its row, column and a Dutch message (coop/services/facturen/importeren.py,
the same use case the API and the admin run)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from coop.core.exceptions import ApplicationError, NotFound, PermissionDenied
from coop.pages.forms_werkgever import ImportForm
from coop.pages.views.werkgever.basis import werkgever_pagina
from coop.selectors.facturen import importrun_get, importrun_list
from coop.services.facturen import import_sjabloon, import_upload
from coop.services.facturen import importeren as import_services

SOORT = "werkpakketten"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pagina(request, form, *, uitkomst=None, status=200):
    return render(
        request,
        "pages/werkgever/importeren.html",
        {"form": form, "uitkomst": uitkomst, "eerder": importrun_list(request.user)[:20]},
        status=status,
    )


@werkgever_pagina
def importeren(request):
    """Upload a workbook; by default a dry run (nothing saved), and nothing at all unless
    every row is right. The outcome is shown at once, with each refused row."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _pagina(request, form, status=400 if form.errors else 200)
    bestand = form.cleaned_data["bestand"]
    try:
        uitkomst = import_services.import_run(
            user=request.user,
            soort=SOORT,
            bestandsnaam=bestand.name or "",
            inhoud=import_upload.lees_upload(bestand),
            proef=form.cleaned_data["proef"],
            alles_of_niets=not form.cleaned_data["deels"],
        )
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:  # the file as a whole cannot be read
        form.add_error("bestand", exc.message)
        return _pagina(request, form, status=400)
    return _pagina(
        request, ImportForm(), uitkomst=uitkomst, status=400 if uitkomst.geweigerd else 200
    )


@werkgever_pagina
def importrun(request, importrun_id: int):
    """An earlier run: what it read, made or refused, row by row."""
    return render(
        request,
        "pages/werkgever/importrun.html",
        {"run": importrun_get(request.user, importrun_id)},
    )


@werkgever_pagina
def sjabloon(request):
    response = HttpResponse(import_sjabloon.sjabloon(SOORT), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="sjabloon_{SOORT}.xlsx"'
    return response
