"""The member's inbox (the notifications coop/notificaties writes) and the signed one-time
link from an e-mail or SMS that logs the member in at one page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from coop.notificaties import berichten, links
from coop.notificaties import services as notificatie_services
from coop.pages.views.basis import TAAL_COOKIE, lid_pagina, melding, taal_activeren, taal_van


@lid_pagina
def meldingen(request):
    """Newest first, in the member's language, each leading to its page."""
    taal = taal_van(request.werknemer)
    rijen = [
        (n, berichten.opstellen(n, taal=taal))
        for n in notificatie_services.notificaties_van(request.user)[:50]
    ]
    return render(request, "pages/leden/meldingen.html", {"rijen": rijen})


@lid_pagina
def melding_openen(request, notificatie_id: int):
    """Open a notification: marked read, then to the page it is about."""
    notificatie = notificatie_services.notificatie_mark_read(
        user=request.user, notificatie_id=notificatie_id
    )
    return redirect(notificatie.pad or "pages:meldingen")


@require_POST
@lid_pagina
def meldingen_gelezen(request):
    notificatie_services.notificaties_mark_all_read(user=request.user)
    messages.success(request, _("Alle berichten zijn gelezen."))
    return redirect("pages:meldingen")


@ratelimit(key="ip", rate="30/10m", block=True)
def link(request, token: str):
    """A link from a message: logs its member in once and opens its page. A changed,
    expired or used link says so in words, with the way to log in."""
    try:
        werknemer, pad = links.use_link(token=token)
    except links.LinkOngeldig as exc:
        return render(
            request,
            "pages/leden/link_ongeldig.html",
            {"reden": melding(exc)},
            status=exc.status_code,
        )
    if request.user.is_authenticated and request.user.pk != werknemer.user_id:
        logout(request)
    login(request, werknemer.user, backend="django.contrib.auth.backends.ModelBackend")
    taal = taal_van(werknemer)
    taal_activeren(request, taal)
    antwoord = redirect(pad)
    antwoord.set_cookie(TAAL_COOKIE, taal, samesite="Lax")
    return antwoord
