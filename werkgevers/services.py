"""Every state change of the demand registry: werkgevers, their locaties and their users.

Services take the acting user, check what that user may do (through the selectors, which
scope every read), validate, and write inside one transaction: a refused request leaves no
half-saved record behind.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.core.auth import vereis_staff
from coop.core.exceptions import Conflict, NotFound
from coop.core.geo import fill_address
from coop.core.models import audit
from coop.core.validators import normalize_kvk, normalize_postcode
from werkgevers import selectors
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker

WERKGEVER_FIELDS = (
    "naam",
    "kvk_nummer",
    "soort",
    "lid_sinds",
    "lid_tot",
    "status",
    "email",
    "telefoon",
)
LOCATIE_FIELDS = (
    "naam",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "latitude",
    "longitude",
    "wijk",
    "buurt",
)
# Text columns are NOT NULL: a JSON null in a PATCH means "empty", not NULL.
TEXT_FIELDS = {
    "naam",
    "kvk_nummer",
    "email",
    "telefoon",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "wijk",
    "buurt",
}
COORDINATE_KEYS = ("latitude", "longitude")


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {
        k: ("" if v is None and k in TEXT_FIELDS else v) for k, v in data.items() if k in allowed
    }


# --- werkgevers --------------------------------------------------------------------------


def _clean_kvk(werkgever: Werkgever) -> None:
    """Normalize the KvK number; another organisation with the same number is a conflict."""
    try:
        werkgever.kvk_nummer = normalize_kvk(werkgever.kvk_nummer)
    except ValidationError as exc:
        raise ValidationError({"kvk_nummer": exc.messages}) from exc
    if Werkgever.objects.filter(kvk_nummer=werkgever.kvk_nummer).exclude(pk=werkgever.pk).exists():
        raise _kvk_conflict(werkgever.kvk_nummer)


def _kvk_conflict(kvk: str) -> Conflict:
    melding = f"Er is al een werkgever met KvK-nummer {kvk}."
    return Conflict(melding, fields={"kvk_nummer": [melding]})


def _clean_lidmaatschap(werkgever: Werkgever) -> None:
    if werkgever.lid_tot and werkgever.lid_sinds and werkgever.lid_tot < werkgever.lid_sinds:
        raise ValidationError({"lid_tot": ["'Lid tot' ligt vóór 'lid sinds'."]})


def _save_werkgever(werkgever: Werkgever) -> Werkgever:
    if not werkgever.naam or not werkgever.naam.strip():
        raise ValidationError({"naam": ["Vul de naam van de organisatie in."]})
    werkgever.naam = werkgever.naam.strip()
    _clean_kvk(werkgever)
    _clean_lidmaatschap(werkgever)
    werkgever.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            werkgever.save()
    except IntegrityError as exc:  # a concurrent request registered the same KvK number
        raise _kvk_conflict(werkgever.kvk_nummer) from exc
    return werkgever


@transaction.atomic
def werkgever_create(*, user, data: dict[str, Any]) -> Werkgever:
    """Register a member organisation (staff only); 409 when the KvK number is taken."""
    vereis_staff(user, "Alleen medewerkers van de makelaar mogen dit.")
    werkgever = Werkgever(**_only(data, WERKGEVER_FIELDS))
    werkgever = _save_werkgever(werkgever)
    audit(user=user, action="werkgever_aangemaakt", obj=werkgever)
    return werkgever


@transaction.atomic
def werkgever_update(*, user, werkgever_id: int, data: dict[str, Any]) -> Werkgever:
    """Change a member organisation (staff only): details, membership dates and status."""
    werkgever = selectors.werkgever_get(user, werkgever_id)
    vereis_staff(user, "Alleen medewerkers van de makelaar mogen dit.")
    for key, value in _only(data, WERKGEVER_FIELDS).items():
        setattr(werkgever, key, value)
    if data.get("status") == Werkgever.Status.UITGETREDEN and not werkgever.lid_tot:
        werkgever.lid_tot = (
            timezone.localdate()
        )  # leaving ends the membership unless a date is given
    werkgever = _save_werkgever(werkgever)
    audit(user=user, action="werkgever_gewijzigd", obj=werkgever, fields=",".join(sorted(data)))
    return werkgever


# --- locaties ----------------------------------------------------------------------------


def _save_locatie(locatie: Locatie) -> Locatie:
    """Geocode when needed, validate every field, save atomically."""
    if not locatie.naam or not locatie.naam.strip():
        raise ValidationError({"naam": ["Vul een naam voor de locatie in."]})
    locatie.naam = locatie.naam.strip()
    fill_address(locatie)
    locatie.full_clean()
    with transaction.atomic():
        locatie.save()
    return locatie


@transaction.atomic
def locatie_create(*, user, werkgever_id: int, data: dict[str, Any]) -> Locatie:
    """Add a location to an organisation: staff for any, an employer user for its own.

    Without coordinates the address is geocoded from the postcode; an unknown postcode is
    refused (400 on `postcode`) until coordinates are given.
    """
    werkgever = selectors.werkgever_get(user, werkgever_id)
    locatie = Locatie(werkgever=werkgever, **_only(data, LOCATIE_FIELDS))
    return _save_locatie(locatie)


def _address_moved(locatie: Locatie, data: dict[str, Any]) -> bool:
    """True when the postcode or house number really changes ('3527tm' is '3527 TM')."""

    def same_postcode(new: str) -> bool:
        try:
            return normalize_postcode(new) == locatie.postcode
        except ValidationError:
            return False  # a malformed postcode is a change; fill_address will refuse it

    if "postcode" in data and not same_postcode(data["postcode"]):
        return True
    return "huisnummer" in data and data["huisnummer"].strip() != locatie.huisnummer


@transaction.atomic
def locatie_update(*, user, locatie_id: int, data: dict[str, Any]) -> Locatie:
    """Change a location. A new postcode or house number without new coordinates re-geocodes."""
    locatie = selectors.locatie_get(user, locatie_id)
    data = _only(data, LOCATIE_FIELDS)
    moved = _address_moved(locatie, data)
    for key, value in data.items():
        setattr(locatie, key, value)
    if moved and not any(k in data for k in COORDINATE_KEYS):
        # The old coordinates, wijk and buurt belong to the old address.
        locatie.latitude = locatie.longitude = None
        if "wijk" not in data:
            locatie.wijk = ""
        if "buurt" not in data:
            locatie.buurt = ""
    return _save_locatie(locatie)


@transaction.atomic
def locatie_set_actief(*, user, locatie_id: int, actief: bool) -> Locatie:
    """(De)activate a location; inactive ones stay for history but get no new work."""
    locatie = selectors.locatie_get(user, locatie_id)
    if locatie.actief != actief:
        locatie.actief = actief
        locatie.save(update_fields=["actief", "updated_at"])
    return locatie


# --- gebruikers --------------------------------------------------------------------------


def _validate_new_user(username: str, email: str, password: str):
    User = get_user_model()
    username = (username or "").strip()
    candidate = User(username=username, email=(email or "").strip().lower())
    try:
        candidate.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(
            {k: v for k, v in exc.message_dict.items() if k in ("username", "email")}
            or exc.message_dict
        ) from exc
    if not candidate.email:
        raise ValidationError({"email": ["Vul een e-mailadres in."]})
    if User.objects.filter(username__iexact=username).exists():
        melding = f"De gebruikersnaam '{username}' is al in gebruik."
        raise Conflict(melding, fields={"username": [melding]})
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationError({"password": _password_messages(exc)}) from exc
    return candidate


# Django 5.2's Dutch catalogue lacks some validator texts (the length rule comes out in
# English); users of this API read Dutch, so the known codes get their own text.
PASSWORD_MESSAGES = {
    "password_too_short": _("Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens."),
    "password_too_common": _("Dit wachtwoord is te algemeen."),
    "password_entirely_numeric": _("Dit wachtwoord bevat alleen cijfers."),
    "password_too_similar": _("Dit wachtwoord lijkt te veel op de %(verbose_name)s."),
}


def _password_messages(exc: ValidationError) -> list[str]:
    messages = []
    for error in exc.error_list:
        template = PASSWORD_MESSAGES.get(error.code or "")
        if template is None:
            messages.extend(error.messages)
        else:
            messages.append(str(template) % (error.params or {}))
    return messages


@transaction.atomic
def gebruiker_create(
    *,
    user,
    werkgever_id: int,
    username: str,
    email: str,
    password: str,
    is_beheerder: bool,
    voornaam: str = "",
    achternaam: str = "",
) -> WerkgeverGebruiker:
    """Give an organisation a new login (staff or that organisation's beheerder)."""
    werkgever = selectors.werkgever_get(user, werkgever_id)
    selectors.ensure_can_manage_users(user, werkgever)
    account = _validate_new_user(username, email, password)
    account.first_name, account.last_name = voornaam.strip()[:150], achternaam.strip()[:150]
    account.set_password(password)
    account.save()
    gebruiker = WerkgeverGebruiker.objects.create(
        user=account, werkgever=werkgever, is_beheerder=is_beheerder
    )
    audit(
        user=user,
        action="gebruiker_aangemaakt",
        obj=gebruiker,
        detail=f"{account.username} voor {werkgever.naam}",
    )
    return gebruiker


@transaction.atomic
def gebruiker_set_actief(
    *, user, werkgever_id: int, gebruiker_id: int, actief: bool
) -> WerkgeverGebruiker:
    """(De)activate a login of an organisation (staff or that organisation's beheerder).

    A login of another organisation is not found (404). The organisation always keeps an
    active beheerder: the last one is not deactivated, not even by themselves.
    """
    werkgever = selectors.werkgever_get(user, werkgever_id)
    selectors.ensure_can_manage_users(user, werkgever)
    # Lock the organisation: two beheerders deactivating each other queue here.
    Werkgever.objects.select_for_update().filter(pk=werkgever.pk).first()
    gebruiker = (
        WerkgeverGebruiker.objects.select_related("user")
        .filter(werkgever=werkgever, pk=gebruiker_id)
        .first()
    )
    if gebruiker is None:
        raise NotFound("Gebruiker niet gevonden.")
    account = gebruiker.user
    if account.is_active == actief:
        return gebruiker
    if not actief and gebruiker.is_beheerder:
        andere = WerkgeverGebruiker.objects.filter(
            werkgever=werkgever, is_beheerder=True, user__is_active=True
        ).exclude(pk=gebruiker.pk)
        if not andere.exists():
            wie = "U bent" if account.pk == user.pk else f"{account.username} is"
            raise Conflict(
                f"{wie} de laatste actieve beheerder van {werkgever.naam}; maak eerst een "
                "andere gebruiker beheerder."
            )
    account.is_active = actief
    account.save(update_fields=["is_active"])
    audit(
        user=user,
        action="gebruiker_geactiveerd" if actief else "gebruiker_gedeactiveerd",
        obj=gebruiker,
        detail=f"{account.username} van {werkgever.naam}",
    )
    return gebruiker
