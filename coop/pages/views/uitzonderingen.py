"""Dated exceptions to the member's weekly pattern: days they cannot work although the
pattern says they can (werknemers.Afwezigheid). Recorded, listed and deleted through the
same selectors and services as GET/POST/DELETE /api/v1/werknemers/{id}/afwezigheden."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop.core.exceptions import ApplicationError
from coop.pages.forms import UITZONDERING_REDEN_NAMEN, UitzonderingForm
from coop.pages.views.basis import lid_pagina, melding, validatiefouten_op_formulier
from werknemers import onderdelen
from werknemers import selectors as werknemer_selectors


@lid_pagina
def uitzonderingen(request):
    """The form and the member's exceptions; a refusal is told on the page, nothing written."""
    form = UitzonderingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onderdelen.afwezigheid_create(
                user=request.user, werknemer=request.werknemer, data=form.cleaned_data
            )
        except ValidationError as exc:
            validatiefouten_op_formulier(form, exc, vertalen=True)
        except ApplicationError as exc:
            form.add_error(None, melding(exc))
        else:
            gelukt = _("Vastgelegd. Op deze dagen krijgt u geen nieuw werk aangeboden.")
            if request.htmx:
                return _blok(request, UitzonderingForm(), gelukt=gelukt)
            messages.success(request, gelukt)
            return redirect("pages:uitzonderingen")
    if request.htmx:
        return _blok(request, form)
    return render(
        request,
        "pages/leden/uitzonderingen.html",
        _inhoud(request, form),
        status=400 if form.errors else 200,
    )


@require_POST
@lid_pagina
def uitzondering_verwijderen(request, afwezigheid_id: int):
    """Delete one of the member's own exceptions; another member's is a 404."""
    afwezigheid = werknemer_selectors.afwezigheid_get(request.werknemer, afwezigheid_id)
    onderdelen.afwezigheid_delete(user=request.user, afwezigheid=afwezigheid)
    gelukt = _("Verwijderd. Op die dagen geldt weer uw weekpatroon.")
    if request.htmx:
        return _blok(request, UitzonderingForm(), gelukt=gelukt)
    messages.success(request, gelukt)
    return redirect("pages:uitzonderingen")


def _inhoud(request, form: UitzonderingForm, gelukt: str = "") -> dict:
    namen = UITZONDERING_REDEN_NAMEN
    lijst = list(request.werknemer.afwezigheden.order_by("van", "tot_en_met"))
    for a in lijst:
        a.reden_naam = namen.get(a.reden, a.reden)
    return {"form": form, "uitzonderingen": lijst, "gelukt": gelukt}


def _blok(request, form: UitzonderingForm, *, gelukt: str = ""):
    """htmx: the form and the list again, in place (a 200 also with a refusal: htmx swaps
    no 4xx answer)."""
    return render(request, "pages/leden/_uitzonderingen.html", _inhoud(request, form, gelukt))
