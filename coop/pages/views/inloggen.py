"""Logging in: by password, by a one-time code, or (coop/pages/views/link.py) by a signed
link. Attempts are rate-limited per address and per number or e-mail tried."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from coop.core.exceptions import ApplicationError
from coop.pages import inloggen
from coop.pages.forms import CodeAanvragenForm, CodeInvoerenForm, WachtwoordForm
from coop.pages.views.basis import TAAL_COOKIE, taal_activeren, taal_van
from werknemers.models import Werknemer

SESSIE_IDENTIFICATIE = "pages_inlogcode_voor"
# Per client address, and per account tried, within the window (django-ratelimit).
PER_ADRES = "20/10m"
PER_ACCOUNT = "8/10m"


def te_veel_pogingen(request, exception):
    """django-ratelimit's answer when a limit is passed (settings.RATELIMIT_VIEW)."""
    return render(request, "pages/leden/te_veel.html", status=429)


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        return volgende
    return "pages:start"


def inloggen_als(request, werknemer: Werknemer, backend: str):
    """Log the member in (a new session id) and show the pages in their language."""
    login(request, werknemer.user, backend=backend)
    taal = taal_van(werknemer)
    taal_activeren(request, taal)
    antwoord = redirect(_volgende(request))
    antwoord.set_cookie(TAAL_COOKIE, taal, samesite="Lax")
    return antwoord


def _gebruikersnaam(invoer: str) -> str:
    """A member may type their e-mail or phone number instead of their user name."""
    if "@" in invoer or re.fullmatch(r"[+\d\s()-]{9,}", invoer):
        werknemer = inloggen.werknemer_zoeken(invoer)
        if werknemer is not None:
            return werknemer.user.username
    return invoer


def _account(group, request) -> str:
    return (
        (
            request.POST.get("gebruikersnaam")
            or request.POST.get("identificatie")
            or request.session.get(SESSIE_IDENTIFICATIE, "")
        )
        .strip()
        .lower()
    )


@ratelimit(key="ip", rate=PER_ADRES, method="POST", block=True)
@ratelimit(key=_account, rate=PER_ACCOUNT, method="POST", block=True)
def wachtwoord(request):
    """Log in with user name (or e-mail, or phone) and password."""
    form = WachtwoordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=_gebruikersnaam(form.cleaned_data["gebruikersnaam"].strip()),
            password=form.cleaned_data["wachtwoord"],
        )
        werknemer = getattr(user, "werknemer", None) if user is not None else None
        if werknemer is not None:
            return inloggen_als(request, werknemer, "django.contrib.auth.backends.ModelBackend")
        if user is not None and startpagina(user) is not None:
            # not a member: their own pages, in Dutch
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            volgende = _volgende(request)
            return redirect(startpagina(user) if volgende == "pages:start" else volgende)
        form.add_error(None, _("Deze gegevens kloppen niet. Probeer het opnieuw."))
    return render(
        request,
        "pages/leden/inloggen.html",
        {"form": form, "code_form": CodeAanvragenForm(), "next": _volgende_veld(request)},
        status=400 if form.errors else 200,
    )


def startpagina(user) -> str | None:
    """Where a user who is not a member starts: broker staff on the planning board, an
    employer organisation's user on the employer pages."""
    if user.is_staff:
        return "pages:planning"
    if getattr(user, "werkgever_gebruiker", None) is not None:
        return "pages:werkgever_start"
    return None


def _volgende_veld(request) -> str:
    volgende = _volgende(request)
    return "" if volgende == "pages:start" else volgende


@ratelimit(key="ip", rate=PER_ADRES, method="POST", block=True)
@ratelimit(key=_account, rate=PER_ACCOUNT, method="POST", block=True)
def code_aanvragen(request):
    """Ask for a code by phone number or e-mail address."""
    form = CodeAanvragenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identificatie = form.cleaned_data["identificatie"].strip()
        inloggen.inlogcode_request(identificatie=identificatie)
        request.session[SESSIE_IDENTIFICATIE] = identificatie
        messages.info(
            request,
            _(
                "Als dit nummer of adres bij ons bekend is, ontvangt u nu een code. "
                "De code werkt 10 minuten."
            ),
        )
        return redirect("pages:code_invoeren")
    return render(
        request,
        "pages/leden/inloggen.html",
        {"form": WachtwoordForm(), "code_form": form, "next": _volgende_veld(request)},
        status=400 if form.errors else 200,
    )


@ratelimit(key="ip", rate=PER_ADRES, method="POST", block=True)
@ratelimit(key=_account, rate=PER_ACCOUNT, method="POST", block=True)
def code_invoeren(request):
    """Type the code that was sent; it works once."""
    identificatie = request.session.get(SESSIE_IDENTIFICATIE)
    if not identificatie:
        return redirect("pages:start")
    form = CodeInvoerenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            werknemer = inloggen.inlogcode_verify(
                identificatie=identificatie, code=form.cleaned_data["code"]
            )
        except ApplicationError as exc:
            form.add_error("code", exc.message)
        else:
            request.session.pop(SESSIE_IDENTIFICATIE, None)
            return inloggen_als(request, werknemer, "django.contrib.auth.backends.ModelBackend")
    return render(
        request,
        "pages/leden/code.html",
        {"form": form, "identificatie": identificatie},
        status=400 if form.errors else 200,
    )


@require_POST
def uitloggen(request):
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("pages:start")
