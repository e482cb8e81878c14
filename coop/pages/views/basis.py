"""What every member page shares: who is asking, in which language, and how a refusal from
a service reaches the member (a sentence on the page, never a code or a 500)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError, NotFound
from coop.notificaties.services import meldingsvoorkeur_van

TAAL_COOKIE = "django_language"


def validatiefouten_op_formulier(
    form, exc: ValidationError, velden: dict[str, str] | None = None, *, vertalen: bool = False
) -> None:
    """A model's or service's ValidationError on the form: each message at its field (renamed
    through `velden` where the form calls it otherwise), the rest above the form. `vertalen`:
    the messages are entries of the page's catalogue, said in the reader's language."""
    velden = velden or {}
    for veld, fouten in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        naam = velden.get(veld, veld)
        for fout in fouten:
            form.add_error(naam if naam in form.fields else None, _(fout) if vertalen else fout)


def taal_van(werknemer) -> str:
    """The member's language, kept with their message preferences (coop/notificaties)."""
    return meldingsvoorkeur_van(werknemer).taal


def taal_activeren(request, taal: str) -> None:
    translation.activate(taal)
    request.LANGUAGE_CODE = taal


def lid_pagina(view):
    """A page for a logged-in member, in their language. Another member's object is a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        werknemer = getattr(request.user, "werknemer", None)
        if werknemer is None:
            return render(request, "pages/leden/geen_lid.html", status=403)
        request.werknemer = werknemer
        taal_activeren(request, taal_van(werknemer))
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def melding(exc: ApplicationError) -> str:
    """A service's Dutch sentence in the member's language (the catalogue holds the known
    ones, coop/pages/meldingen.py); an unknown one stays Dutch rather than becoming a code."""
    return _(exc.message)


def na_actie(
    request, *, gelukt: str | None = None, fout: ApplicationError | None = None, terug: str
):
    """After a form without JavaScript: the sentence as a message, back to a page (PRG)."""
    if fout is not None:
        messages.error(request, melding(fout))
    elif gelukt:
        messages.success(request, gelukt)
    return redirect(terug)
