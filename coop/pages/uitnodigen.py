"""Inviting a colleague to an employer's pages: the login is made through the registry's
service (werkgevers.services.gebruiker_create) with a random password nobody sees, and the
colleague chooses their own through a link in an e-mail (Django's password-reset token:
signed with the SECRET_KEY, valid PASSWORD_RESET_TIMEOUT, void once the password changed)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from werkgevers import services as werkgever_services
from werkgevers.models import WerkgeverGebruiker


def wachtwoord_link(request, account) -> str:
    """The link at which `account` sets a password; the site address as the messages use it
    (COOP_BASIS_URL), else the address this request came in on."""
    pad = reverse(
        "pages:werkgever_wachtwoord",
        args=[
            urlsafe_base64_encode(force_bytes(account.pk)),
            default_token_generator.make_token(account),
        ],
    )
    basis = settings.COOP_BASIS_URL.rstrip("/")
    return f"{basis}{pad}" if basis else request.build_absolute_uri(pad)


@transaction.atomic
def collega_uitnodigen(
    request, *, gebruikersnaam: str, email: str, voornaam: str, achternaam: str, beheerder: bool
) -> WerkgeverGebruiker:
    """Make the colleague's login (the service checks the inviter is a beheerder of this
    organisation) and send the invitation once the login is saved."""
    gebruiker = werkgever_services.gebruiker_create(
        user=request.user,
        werkgever_id=request.werkgever.pk,
        username=gebruikersnaam,
        email=email,
        password=secrets.token_urlsafe(32),
        is_beheerder=beheerder,
        voornaam=voornaam,
        achternaam=achternaam,
    )
    account = gebruiker.user
    tekst = render_to_string(
        "pages/werkgever/uitnodiging_mail.txt",
        {
            "naam": account.first_name or account.username,
            "uitnodiger": request.user.get_full_name() or request.user.username,
            "organisatie": request.werkgever.naam,
            "gebruikersnaam": account.username,
            "link": wachtwoord_link(request, account),
            "dagen": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
        },
    )
    onderwerp = _("Uitnodiging voor de werkgeverspagina's van %(organisatie)s") % {
        "organisatie": request.werkgever.naam
    }
    transaction.on_commit(
        lambda: send_mail(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [account.email])
    )
    return gebruiker
