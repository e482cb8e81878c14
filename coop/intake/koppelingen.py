"""The corporations' links: an API key or an OAuth2 client per corporation, and the link of a key."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from coop.intake.models import Koppeling, Sleutel
from werkgevers.models import Werkgever, WerkgeverGebruiker


def koppeling_voor(werkgever: Werkgever) -> Koppeling:
    """The corporation's link, made on first use with its own system account: a login-less
    employer user, so the broker's services apply exactly an employer's rights."""
    bestaand = Koppeling.objects.filter(werkgever=werkgever).first()
    if bestaand is not None:
        return bestaand
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=f"vera-{werkgever.kvk_nummer}", password=None
        )
        WerkgeverGebruiker.objects.create(user=user, werkgever=werkgever, is_beheerder=False)
        return Koppeling.objects.create(werkgever=werkgever, gebruiker=user)


def sleutel_uitgeven(*, werkgever: Werkgever, naam: str = "") -> tuple[Sleutel, str]:
    """A new X-API-KEY for the corporation; the key itself is returned once, never stored."""
    return Sleutel.issue(koppeling=koppeling_voor(werkgever), naam=naam)


def oauth_client_maken(*, werkgever: Werkgever):
    """A new OAuth2 client (client credentials) for the corporation; returns (application,
    secret). The secret is stored hashed and shown only now."""
    application_model = get_application_model()
    koppeling = koppeling_voor(werkgever)
    geheim = generate_client_secret()
    client = application_model.objects.create(
        name=f"VERA OHD {werkgever.naam}"[:255],
        user=koppeling.gebruiker,
        client_type=application_model.CLIENT_CONFIDENTIAL,
        authorization_grant_type=application_model.GRANT_CLIENT_CREDENTIALS,
        client_secret=geheim,
        hash_client_secret=True,
    )
    return client, geheim


def koppeling_van_sleutel(key: str) -> Koppeling | None:
    if not key:
        return None
    sleutel = (
        Sleutel.objects.select_related("koppeling__werkgever", "koppeling__gebruiker")
        .filter(key_hash=Sleutel.hash(key), ingetrokken_op__isnull=True)
        .first()
    )
    if sleutel is None:
        return None
    Sleutel.objects.filter(pk=sleutel.pk).update(laatst_gebruikt_op=timezone.now())
    return sleutel.koppeling
