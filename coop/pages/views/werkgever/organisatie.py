"""The organisation: its locations, and for a beheerder its users (invite a colleague,
remove one, let one back in) through the registry's services; and the page where an
invited colleague chooses a password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop.core.exceptions import ApplicationError, NotFound, PermissionDenied
from coop.pages.forms_werkgever import UitnodigenForm
from coop.pages.uitnodigen import collega_uitnodigen
from coop.pages.views.basis import validatiefouten_op_formulier
from coop.pages.views.werkgever.basis import fouten_naar_formulier, terug_met, werkgever_pagina
from werkgevers import selectors as werkgever_selectors
from werkgevers import services as werkgever_services

# The service's field names as the invitation form calls them.
VELDEN = {"username": "gebruikersnaam", "password": "__all__"}


@werkgever_pagina
def organisatie(request):
    werkgever = werkgever_selectors.werkgever_get(request.user, request.werkgever.pk)
    beheerder = request.werkgever_gebruiker.is_beheerder
    return render(
        request,
        "pages/werkgever/organisatie.html",
        {
            "werkgever": werkgever,
            "locaties": werkgever_selectors.locatie_list(request.user, werkgever_id=werkgever.pk),
            "beheerder": beheerder,
            "gebruikers": werkgever_selectors.gebruiker_list(request.user, werkgever.pk)
            if beheerder
            else [],
        },
    )


@werkgever_pagina
def uitnodigen(request):
    """A beheerder invites a colleague: the login is made and an e-mail says how to set a
    password. Others are refused by the service (a 403 page)."""
    werkgever = werkgever_selectors.werkgever_get(request.user, request.werkgever.pk)
    werkgever_selectors.ensure_can_manage_users(request.user, werkgever)
    form = UitnodigenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            gebruiker = collega_uitnodigen(
                request,
                gebruikersnaam=d["gebruikersnaam"].strip(),
                email=d["email"],
                voornaam=d["voornaam"],
                achternaam=d["achternaam"],
                beheerder=d["is_beheerder"],
            )
        except ApplicationError as exc:
            fouten_naar_formulier(form, exc, VELDEN)
        except ValidationError as exc:
            validatiefouten_op_formulier(form, exc, VELDEN)
        else:
            messages.success(
                request,
                _("%(naam)s is uitgenodigd; de uitnodiging is gestuurd naar %(email)s.")
                % {"naam": gebruiker.user.get_full_name(), "email": gebruiker.user.email},
            )
            return redirect("pages:werkgever_organisatie")
    return render(
        request,
        "pages/werkgever/uitnodigen.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _actief_zetten(request, gebruiker_id: int, actief: bool, gelukt: str):
    terug = reverse("pages:werkgever_organisatie")
    try:
        gebruiker = werkgever_services.gebruiker_set_actief(
            user=request.user,
            werkgever_id=request.werkgever.pk,
            gebruiker_id=gebruiker_id,
            actief=actief,
        )
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        return terug_met(request, terug, fout=exc)
    return terug_met(request, terug, gelukt=gelukt % {"naam": gebruiker.user.username})


@require_POST
@werkgever_pagina
def gebruiker_verwijderen(request, gebruiker_id: int):
    """Remove a colleague: the login stops working (kept, deactivated, for the history of
    what they did); the organisation always keeps an active beheerder."""
    return _actief_zetten(request, gebruiker_id, False, _("%(naam)s kan niet meer inloggen."))


@require_POST
@werkgever_pagina
def gebruiker_terugzetten(request, gebruiker_id: int):
    return _actief_zetten(request, gebruiker_id, True, _("%(naam)s kan weer inloggen."))


class WachtwoordKiezen(PasswordResetConfirmView):
    """The invited colleague (or one who asked again) chooses a password. Only logins of an
    employer organisation: the member pages have their own ways in."""

    template_name = "pages/werkgever/wachtwoord.html"
    success_url = reverse_lazy("pages:start")
    reset_url_token = "instellen"  # noqa: S105 (a URL segment, not a password)

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or getattr(user, "werkgever_gebruiker", None) is None:
            return None
        return user

    def form_valid(self, form):
        antwoord = super().form_valid(form)
        messages.success(self.request, _("Uw wachtwoord is ingesteld. U kunt nu inloggen."))
        return antwoord
