"""The member's profile (contact, address, travel radius, hours a week wanted, languages,
weekly availability), their certificates, skills and wage agreements (as the API gives them), and
the download of everything stored about them."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError
from coop.notificaties.services import meldingsvoorkeur_update, meldingsvoorkeur_van
from coop.pages.forms import ADRES, UREN_GEWENST, ProfielForm
from coop.pages.views.basis import (
    TAAL_COOKIE,
    lid_pagina,
    melding,
    taal_activeren,
    validatiefouten_op_formulier,
)
from coop.selectors.uren import loonafspraak_list
from werknemers import selectors as werknemer_selectors
from werknemers import services as werknemer_services
from werknemers.models import Weekdag

CONTACT = ("telefoon", "email", "max_reisafstand_km")


def _begin(werknemer) -> dict:
    voorkeur = meldingsvoorkeur_van(werknemer)
    begin = {veld: getattr(werknemer, veld) for veld in (*CONTACT, *UREN_GEWENST, *ADRES)}
    begin["talen"] = werknemer.talen.replace(",", ", ")
    begin |= {
        "taal": voorkeur.taal,
        "per_email": voorkeur.email,
        "per_sms": voorkeur.sms,
        "stil_van": voorkeur.stil_van,
        "stil_tot": voorkeur.stil_tot,
    }
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
        data |= {v: form.cleaned_data[v] for v in UREN_GEWENST if form.cleaned_data[v] is not None}
        # The address through the same service as the API (a new postcode is looked up
        # again); left empty altogether, it stays as it is.
        adres = {v: form.cleaned_data[v] for v in ADRES}
        if set(ADRES) & set(form.changed_data) and any(adres.values()):
            data |= adres
        if "talen" in form.changed_data:
            data["talen"] = form.talen_lijst()
        # The weekly pattern is replaced only when the member changed it (a day may hold
        # several blocks that this one-block-per-day form does not show).
        if _dag_velden() & set(form.changed_data):
            data["beschikbaarheid"] = form.blokken()
        try:
            _opslaan(request, werknemer, form, data)
        except ValidationError as exc:
            validatiefouten_op_formulier(form, exc)
        except ApplicationError as exc:
            form.add_error(None, melding(exc))
        else:
            taal = form.cleaned_data["taal"]
            taal_activeren(request, taal)
            messages.success(request, _("Uw gegevens zijn opgeslagen."))
            antwoord = redirect("pages:profiel")
            antwoord.set_cookie(TAAL_COOKIE, taal, samesite="Lax")
            return antwoord
    return render(
        request,
        "pages/leden/profiel.html",
        {
            "form": form,
            "werknemer": werknemer,
            "certificaten": _certificaten(werknemer),
            "vaardigheden": werknemer_selectors.werknemer_vaardigheden_overzicht(werknemer)[
                "effectief"
            ],
            "loonafspraken": loonafspraak_list(request.user).filter(werknemer=werknemer),
        },
        status=400 if form.errors else 200,
    )


def _certificaten(werknemer) -> list:
    """The member's certificates (as GET /api/v1/werknemers/{id}/certificaten gives them),
    each marked when it has ended: the message 'certificaat verloopt' leads here."""
    vandaag = timezone.localdate()
    certificaten = list(werknemer.certificaten.select_related("soort").order_by("soort__naam"))
    for c in certificaten:
        c.verlopen = c.geldig_tot is not None and c.geldig_tot < vandaag
    return certificaten


@transaction.atomic
def _opslaan(request, werknemer, form: ProfielForm, data: dict) -> None:
    """The member's record and their message preferences: both saved, or neither."""
    werknemer_services.werknemer_update_eigen(user=request.user, werknemer=werknemer, data=data)
    meldingsvoorkeur_update(
        werknemer=werknemer,
        email=form.cleaned_data["per_email"],
        sms=form.cleaned_data["per_sms"],
        stil_van=form.cleaned_data["stil_van"],
        stil_tot=form.cleaned_data["stil_tot"],
        taal=form.cleaned_data["taal"],
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
