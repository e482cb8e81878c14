"""The member's profile (contact, travel radius, language, weekly availability) and the
download of everything stored about them."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coop.pages.forms import ProfielForm
from coop.pages.views.basis import TAAL_COOKIE, lid_pagina, taal_activeren
from werknemers import services as werknemer_services
from werknemers.models import Weekdag

CONTACT = ("telefoon", "email", "max_reisafstand_km", "taal")


def _begin(werknemer) -> dict:
    begin = {veld: getattr(werknemer, veld) for veld in CONTACT}
    for blok in werknemer.beschikbaarheid.order_by("weekdag", "begin"):
        begin.setdefault(f"van_{blok.weekdag}", blok.begin)
        begin.setdefault(f"tot_{blok.weekdag}", blok.eind)
    return begin


def _dag_velden() -> set[str]:
    return {f"{k}_{d.value}" for d in Weekdag for k in ("van", "tot")}


@lid_pagina
def profiel(request):
    werknemer = request.werknemer
    form = ProfielForm(request.POST or None, initial=_begin(werknemer))
    if request.method == "POST" and form.is_valid():
        data = {veld: form.cleaned_data[veld] for veld in CONTACT}
        # The weekly pattern is replaced only when the member changed it (a day may hold
        # several blocks that this one-block-per-day form does not show).
        if _dag_velden() & set(form.changed_data):
            data["beschikbaarheid"] = form.blokken()
        try:
            werknemer_services.werknemer_update_eigen(
                user=request.user, werknemer=werknemer, data=data
            )
        except ValidationError as exc:
            for veld, fouten in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                for fout in fouten:
                    form.add_error(veld if veld in form.fields else None, fout)
        else:
            taal_activeren(request, werknemer.taal)
            messages.success(request, _("Uw gegevens zijn opgeslagen."))
            antwoord = redirect("pages:profiel")
            antwoord.set_cookie(TAAL_COOKIE, werknemer.taal, samesite="Lax")
            return antwoord
    return render(
        request,
        "pages/leden/profiel.html",
        {"form": form, "werknemer": werknemer},
        status=400 if form.errors else 200,
    )


@lid_pagina
def mijn_gegevens(request):
    """Everything stored about the member, as JSON (GDPR), by the API's own service."""
    data = werknemer_services.werknemer_export(user=request.user, werknemer=request.werknemer)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    naam = f"mijn-gegevens-{request.werknemer.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "private, no-store"
    return response
