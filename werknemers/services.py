"""Every change to the supply registry: one function per use case, atomic, permission-checked.

Validation collects all field errors of a request and raises one Django ValidationError
({veld: [melding]}), which the API turns into a 400 naming the fields. Nothing is saved
unless everything is valid: each service runs in one transaction.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from coop.core import geo
from coop.core.auth import vereis_staff
from coop.core.exceptions import Conflict
from coop.core.fields import blind_index
from coop.core.models import audit
from coop.core.validators import normalize_bsn, normalize_iban
from werknemers import gdpr
from werknemers.controles import Fouten, vereis_staff_of_zelf
from werknemers.models import Werknemer
from werknemers.onderdelen import (
    afwezigheid_new,
    beschikbaarheid_set,
    certificaat_new,
    vaardigheid_new,
)

# What a worker may change about themself: contact details and wishes, never identity,
# status or membership (those are staff's, with the member's papers at hand).
EIGEN_VELDEN = frozenset(
    {
        "telefoon",
        "email",
        "straat",
        "huisnummer",
        "toevoeging",
        "postcode",
        "plaats",
        "talen",
        "max_reisafstand_km",
        "uren_per_week_min",
        "uren_per_week_max",
    }
)
COORDINAAT_VELDEN = frozenset({"latitude", "longitude"})
GEVOELIGE_VELDEN = ("bsn", "iban")


# --- the member ------------------------------------------------------------------------


@transaction.atomic
def werknemer_create(*, user, data: dict[str, Any]) -> Werknemer:
    """Register a member, with optional skills, certificates, availability and absences."""
    vereis_staff(user)
    data = dict(data)
    nested = {k: data.pop(k, None) or [] for k in _NESTED}
    werknemer = Werknemer()
    _apply_fields(werknemer, data)
    _save(werknemer)
    _create_nested(werknemer, nested)
    return werknemer


@transaction.atomic
def werknemer_update(*, user, werknemer: Werknemer, data: dict[str, Any]) -> Werknemer:
    """Staff's partial update of a member; a new BSN or IBAN is audited."""
    vereis_staff(user)
    _apply_fields(werknemer, data)
    _save(werknemer)
    gewijzigd = [v for v in GEVOELIGE_VELDEN if v in data and data[v] is not None]
    if gewijzigd:
        audit(user=user, action="wijziging", obj=werknemer, fields=",".join(gewijzigd))
    return werknemer


@transaction.atomic
def werknemer_update_eigen(*, user, werknemer: Werknemer, data: dict[str, Any]) -> Werknemer:
    """A worker changes their own contact details, wishes and weekly availability."""
    vereis_staff_of_zelf(user, werknemer)
    data = dict(data)
    blokken = data.pop("beschikbaarheid", None)
    verboden = set(data) - EIGEN_VELDEN
    if verboden:
        raise ValidationError(
            {v: [_("Dit gegeven kunt u niet zelf wijzigen.")] for v in sorted(verboden)}
        )
    _apply_fields(werknemer, data)
    _save(werknemer)
    if blokken is not None:
        beschikbaarheid_set(werknemer, blokken)
    return werknemer


def _apply_fields(werknemer: Werknemer, data: dict[str, Any]) -> None:
    """Set and validate the member's own fields (not the nested lists); raises on errors."""
    fouten = Fouten()
    oude_postcode = werknemer.postcode
    for veld, waarde in data.items():
        try:
            setattr(werknemer, veld, _normalize(veld, waarde))
        except ValidationError as exc:
            fouten.merge(exc, prefix="" if hasattr(exc, "error_dict") else f"{veld}.")
    fouten.raise_if_any()
    _check_rules(werknemer, fouten)
    fouten.raise_if_any()
    _fill_address(werknemer, data, oude_postcode=oude_postcode, fouten=fouten)
    werknemer.bsn_index = blind_index(werknemer.bsn)
    try:
        werknemer.full_clean(validate_unique=False)
    except ValidationError as exc:
        fouten.merge(exc)
    fouten.raise_if_any()
    _check_unique(werknemer)


def _normalize(veld: str, waarde: Any) -> Any:
    """One incoming value in the form the model stores; ValidationError names the field."""
    if waarde is None:
        field = Werknemer._meta.get_field(veld if veld != "user_id" else "user")
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        raise ValidationError({veld: [_("Dit veld mag niet leeg zijn.")]})
    if veld == "bsn":
        return normalize_bsn(waarde)
    if veld == "iban":
        return normalize_iban(waarde) if waarde.strip() else ""
    if veld == "talen":
        return _normalize_talen(waarde)
    if veld == "user_id":
        return _check_user(waarde)
    if isinstance(waarde, str):
        return waarde.strip()
    return waarde


def _normalize_talen(talen: Iterable[str]) -> str:
    """ISO 639 codes ('nl', 'ar', 'tr'), lower case, once each, stored comma-separated."""
    codes: list[str] = []
    for taal in talen:
        code = taal.strip().lower()
        if not (2 <= len(code) <= 3 and code.isalpha() and code.isascii()):
            raise ValidationError(
                {"talen": [_("Gebruik taalcodes van twee of drie letters, zoals nl, ar, tr.")]}
            )
        if code not in codes:
            codes.append(code)
    return ",".join(codes)


def _check_user(user_id: int) -> int:
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise ValidationError({"user_id": [_("Deze gebruiker bestaat niet.")]})
    return user_id


def _check_rules(werknemer: Werknemer, fouten: Fouten) -> None:
    """The model's invariants, reported on the field a user should correct."""
    if werknemer.uren_per_week_min > werknemer.uren_per_week_max:
        fouten.add("uren_per_week_min", _("Het minimum aantal uren is groter dan het maximum."))
    if werknemer.lid_tot and werknemer.lid_sinds and werknemer.lid_tot < werknemer.lid_sinds:
        fouten.add("lid_tot", _("'Lid tot' ligt vóór 'lid sinds'."))
    if werknemer.sroi_doelgroep and not werknemer.sroi_toestemming:
        fouten.add(
            "sroi_doelgroep",
            _("De doelgroepstatus mag alleen worden vastgelegd met toestemming van het lid."),
        )


def _fill_address(
    werknemer: Werknemer, data: dict[str, Any], *, oude_postcode: str, fouten: Fouten
) -> None:
    """Coordinates given directly are kept; otherwise they follow from the postcode."""
    verhuisd = "postcode" in data and _postcode_key(werknemer.postcode) != _postcode_key(
        oude_postcode
    )
    coordinaten_gegeven = bool(COORDINAAT_VELDEN & set(data))
    if not (werknemer._state.adding or verhuisd or coordinaten_gegeven):
        return
    if verhuisd and not coordinaten_gegeven:
        # A move makes the old position and wijk wrong: look them up afresh.
        werknemer.latitude = werknemer.longitude = None
        for veld in ("wijk", "buurt"):
            if veld not in data:
                setattr(werknemer, veld, "")
    try:
        geo.fill_address(werknemer)
    except ValidationError as exc:
        fouten.merge(exc)
    fouten.raise_if_any()


def _postcode_key(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def _check_unique(werknemer: Werknemer) -> None:
    andere = Werknemer.objects.filter(bsn_index=werknemer.bsn_index).exclude(pk=werknemer.pk)
    if andere.exists():
        raise Conflict(
            _("Er is al een werknemer met dit BSN."),
            fields={"bsn": [_("Dit BSN is al geregistreerd.")]},
        )
    if werknemer.user_id:
        gekoppeld = Werknemer.objects.filter(user_id=werknemer.user_id).exclude(pk=werknemer.pk)
        if gekoppeld.exists():
            raise Conflict(
                _("Deze gebruiker is al aan een andere werknemer gekoppeld."),
                fields={"user_id": [_("Al gekoppeld aan een andere werknemer.")]},
            )


def _save(werknemer: Werknemer) -> None:
    # The checks above ran in this transaction; a concurrent insert can still win the race.
    try:
        with transaction.atomic():
            werknemer.save()
    except IntegrityError as exc:
        raise Conflict(_("Deze werknemer botst met een bestaande (BSN of gebruiker).")) from exc


# --- nested lists on create ------------------------------------------------------------

_NESTED = ("vaardigheden", "certificaten", "beschikbaarheid", "afwezigheden")


def _create_nested(werknemer: Werknemer, nested: dict[str, list[dict]]) -> None:
    fouten = Fouten()
    for i, item in enumerate(nested["vaardigheden"]):
        _collect(fouten, f"vaardigheden.{i}.", vaardigheid_new, werknemer, item)
    for i, item in enumerate(nested["certificaten"]):
        _collect(fouten, f"certificaten.{i}.", certificaat_new, werknemer, item)
    for i, item in enumerate(nested["afwezigheden"]):
        _collect(fouten, f"afwezigheden.{i}.", afwezigheid_new, werknemer, item)
    fouten.raise_if_any()
    beschikbaarheid_set(werknemer, nested["beschikbaarheid"])


def _collect(fouten: Fouten, prefix: str, maker, werknemer: Werknemer, item: dict) -> None:
    try:
        maker(werknemer, item)
    except ValidationError as exc:
        fouten.merge(exc, prefix=prefix)


# --- personal data: reveal and export --------------------------------------------------


@transaction.atomic
def persoonsgegevens_inzien(*, user, werknemer: Werknemer) -> dict[str, Any]:
    """Staff reveal a member's clear BSN and IBAN; every reveal is written to the audit log."""
    vereis_staff(user)
    audit(user=user, action="inzage", obj=werknemer, fields="bsn,iban")
    return {"id": werknemer.pk, "bsn": werknemer.bsn, "iban": werknemer.iban}


@transaction.atomic
def werknemer_export(*, user, werknemer: Werknemer) -> dict[str, Any]:
    """Everything stored about a member (GDPR art. 15/20), for the member or staff; audited."""
    vereis_staff_of_zelf(user, werknemer)
    audit(
        user=user,
        action="inzage",
        obj=werknemer,
        fields="bsn,iban",
        detail="AVG-export van alle gegevens",
    )
    return gdpr.build_export(werknemer)
