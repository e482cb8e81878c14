"""The member's work: the start page, offers, open shifts and the schedule."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop.core.exceptions import ApplicationError
from coop.models import Aanbod, Dienst, Inzet
from coop.pages.forms import AfwijzenForm, CodeAanvragenForm, WachtwoordForm
from coop.pages.views.basis import lid_pagina, melding, na_actie
from coop.pages.views.inloggen import startpagina
from coop.pages.weergave import opdracht_pakketten, werk_van_aanbod, werk_van_dienst
from coop.selectors import werk as selectors
from coop.selectors.open_werk import open_diensten_voor
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import claimen


def start(request):
    """The root: the login page for a visitor, the member's overview once logged in, and
    for others their own start page (`startpagina`)."""
    if request.user.is_authenticated and getattr(request.user, "werknemer", None) is None:
        elders = startpagina(request.user)
        if elders is not None:
            return redirect(elders)
    if not request.user.is_authenticated or getattr(request.user, "werknemer", None) is None:
        return render(
            request,
            "pages/leden/inloggen.html",
            {"form": WachtwoordForm(), "code_form": CodeAanvragenForm(), "next": ""},
        )
    return overzicht(request)


@lid_pagina
def overzicht(request):
    open_aanbod = selectors.aanbod_list(request.user).filter(status=Aanbod.Status.OPEN)
    komend = _komend(request).first()
    return render(
        request,
        "pages/leden/start.html",
        {
            "aantal_aanbod": open_aanbod.count(),
            "volgende": werk_van_dienst(komend.dienst, request.werknemer) if komend else None,
            "volgende_inzet": komend,
        },
    )


def _komend(request):
    return (
        selectors.inzet_list(request.user)
        .filter(status=Inzet.Status.ACTIEF, eind__gt=timezone.now())
        .select_related("dienst__job__werkpakket", "dienst__fragment__werkpakket")
        .order_by("start")
    )


def _aanbiedingen(request):
    return selectors.aanbod_list(request.user).select_related(
        "job__werkpakket", "dienst__fragment__werkpakket"
    )


@lid_pagina
def aanbiedingen(request):
    """Open offers first (answer before the deadline), then the last answered ones."""
    qs = _aanbiedingen(request)
    open_ = [(a, werk_van_aanbod(a)) for a in qs.filter(status=Aanbod.Status.OPEN)]
    eerder = [(a, werk_van_aanbod(a)) for a in qs.exclude(status=Aanbod.Status.OPEN)[:10]]
    return render(
        request,
        "pages/leden/aanbiedingen.html",
        {"open": open_, "eerder": eerder, "afwijzen_form": AfwijzenForm()},
    )


@lid_pagina
def aanbod(request, aanbod_id: int):
    a = selectors.aanbod_get(request.user, aanbod_id)
    a = _aanbiedingen(request).get(pk=a.pk)
    return render(
        request,
        "pages/leden/aanbod.html",
        {"aanbod": a, "werk": werk_van_aanbod(a), "afwijzen_form": AfwijzenForm()},
    )


def _kaart_antwoord(request, aanbod_id: int, *, gelukt: str = "", fout=None):
    """htmx: the offer's card again, with the sentence; without JavaScript: back (PRG)."""
    if not request.htmx:
        return na_actie(
            request, gelukt=gelukt, fout=fout, terug=reverse("pages:aanbod", args=[aanbod_id])
        )
    a = _aanbiedingen(request).get(pk=aanbod_id)
    return render(
        request,
        "pages/leden/_aanbod.html",
        {
            "a": a,
            "werk": werk_van_aanbod(a),
            "afwijzen_form": AfwijzenForm(),
            "gelukt": gelukt,
            "fout": melding(fout) if fout else "",
        },
    )


@require_POST
@lid_pagina
def aanbod_accepteren(request, aanbod_id: int):
    """One tap: the same service as the API; a lost race is told in words."""
    selectors.aanbod_get(request.user, aanbod_id)  # another member's offer: 404
    try:
        aanbod_services.aanbod_accept(user=request.user, aanbod_id=aanbod_id)
    except ApplicationError as exc:
        return _kaart_antwoord(request, aanbod_id, fout=exc)
    return _kaart_antwoord(
        request,
        aanbod_id,
        gelukt=_("U heeft het werk aangenomen. Het staat nu in uw rooster."),
    )


@require_POST
@lid_pagina
def aanbod_afwijzen(request, aanbod_id: int):
    selectors.aanbod_get(request.user, aanbod_id)
    form = AfwijzenForm(request.POST)
    reden = form.cleaned_data["reden"] if form.is_valid() else ""
    try:
        aanbod_services.aanbod_decline(user=request.user, aanbod_id=aanbod_id, reden=reden)
    except ApplicationError as exc:
        return _kaart_antwoord(request, aanbod_id, fout=exc)
    return _kaart_antwoord(
        request, aanbod_id, gelukt=_("U heeft het aanbod afgewezen. Dank voor uw antwoord.")
    )


@lid_pagina
def open_diensten(request):
    """Open shifts the member may take themself."""
    gevonden = [
        (o.dienst, werk_van_dienst(o.dienst, request.werknemer, uurloon=o.uurloon))
        for o in open_diensten_voor(request.werknemer)
    ]
    return render(request, "pages/leden/open_diensten.html", {"diensten": gevonden})


@require_POST
@lid_pagina
def dienst_claimen(request, dienst_id: int):
    get_object_or_404(Dienst, pk=dienst_id)
    try:
        claimen.dienst_claim(user=request.user, dienst_id=dienst_id)
    except ApplicationError as exc:
        fout, gelukt = exc, ""
    else:
        fout, gelukt = None, _("Deze dienst is van u. Hij staat nu in uw rooster.")
    if not request.htmx:
        terug = reverse("pages:rooster") if gelukt else reverse("pages:open_diensten")
        return na_actie(request, gelukt=gelukt, fout=fout, terug=terug)
    return render(
        request,
        "pages/leden/_uitkomst.html",
        {"gelukt": gelukt, "fout": melding(fout) if fout else ""},
    )


@lid_pagina
def rooster(request):
    """Coming shifts with the address and a map link."""
    komend = list(_komend(request))
    inzetten = [(i, werk_van_dienst(i.dienst, request.werknemer)) for i in komend]
    return render(
        request,
        "pages/leden/rooster.html",
        {"inzetten": inzetten, "opdrachten": opdracht_pakketten(komend)},
    )
