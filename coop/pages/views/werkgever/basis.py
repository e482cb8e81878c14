"""What every employer page shares: who is asking (a user of one organisation), the Dutch
language, and how a refusal reaches the user: another organisation's object is a 404, a
service's sentence is shown on the page, never a code or a 500."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from contracten import tabellen
from contracten.feiten import GeenRegelVoorDatum
from coop.core.exceptions import ApplicationError, NotFound, PermissionDenied
from coop.pages.views.basis import taal_activeren

# The employer pages are Dutch; the strings stay translatable for when others follow.
TAAL = "nl"


def werkgever_pagina(view):
    """A page for a logged-in user of an employer organisation. Every object of another
    organisation is a 404 (the selectors scope each read); a refusal of rights is a 403
    page with the reason."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        gebruiker = getattr(request.user, "werkgever_gebruiker", None)
        if gebruiker is None:
            return render(request, "pages/werkgever/geen_werkgever.html", status=403)
        request.werkgever_gebruiker = gebruiker
        request.werkgever = gebruiker.werkgever
        taal_activeren(request, TAAL)
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            return render(
                request, "pages/werkgever/geen_toegang.html", {"melding": exc.message}, status=403
            )

    return wrapper


def fouten_naar_formulier(form, exc: ApplicationError, velden: dict[str, str] | None = None):
    """A service's refusal on the form: each named field at its field (renamed through
    `velden` where the form calls it otherwise), the rest and the sentence above the form."""
    velden = velden or {}
    geplaatst = False
    for veld, meldingen in exc.fields.items():
        naam = velden.get(veld, veld)
        for melding in meldingen:
            if naam in form.fields:
                form.add_error(naam, melding)
                geplaatst = True
            else:
                form.add_error(None, melding)
    if not geplaatst and not exc.fields:
        form.add_error(None, exc.message)


def terug_met(request, terug: str, *, gelukt: str = "", fout: ApplicationError | None = None):
    """After a form without JavaScript: the sentence as a message, back to a page (PRG)."""
    if fout is not None:
        messages.error(request, fout.message)
    elif gelukt:
        messages.success(request, gelukt)
    return redirect(terug)


def oproepregels() -> tabellen.OproepFiguren | None:
    """Today's on-call figures from the dated table (art. 7:628a BW): the minimum hours per
    call and the call term in days, which the hours lines apply (None past the table: the
    pages then name no figure rather than guess one)."""
    try:
        return tabellen.OPROEP.op(timezone.localdate())
    except GeenRegelVoorDatum:
        return None
