"""Every change to the supply registry: one function per use case, atomic, permission-checked.

Validation collects all field errors of a request and raises one Django ValidationError
({veld: [melding]}), which the API turns into a 400 naming the fields. Nothing is saved
unless everything is valid: each service runs in one transaction.
"""

from collections.abc import Iterable
from datetime import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from coop.core import geo
from coop.core.auth import actor_van, vereis_staff
from coop.core.exceptions import Conflict, NotFound, PermissionDenied
from coop.core.fields import blind_index
from coop.core.models import audit
from coop.core.validators import normalize_bsn, normalize_iban
from werknemers import gdpr
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Niveau,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
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


class Fouten(dict[str, list[str]]):
    """Field errors collected over a whole request, raised at once."""

    def add(self, veld: str, melding: str) -> None:
        self.setdefault(veld, []).append(str(melding))

    def merge(self, exc: ValidationError, prefix: str = "") -> None:
        if hasattr(exc, "error_dict"):
            for veld, meldingen in exc.message_dict.items():
                for melding in meldingen:
                    self.add(f"{prefix}{veld}", melding)
        else:
            for melding in exc.messages:
                self.add(prefix.rstrip(".") or "__all__", melding)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def vereis_staff_of_zelf(user, werknemer: Werknemer) -> None:
    """Staff, or the member themself (availability and absences are the member's own)."""
    actor = actor_van(user)
    if actor.is_staff or (actor.werknemer_id is not None and actor.werknemer_id == werknemer.pk):
        return
    raise PermissionDenied(_("U mag alleen uw eigen gegevens wijzigen."))


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
        _replace_beschikbaarheid(werknemer, blokken)
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
        _collect(fouten, f"vaardigheden.{i}.", _new_vaardigheid, werknemer, item)
    for i, item in enumerate(nested["certificaten"]):
        _collect(fouten, f"certificaten.{i}.", _new_certificaat, werknemer, item)
    for i, item in enumerate(nested["afwezigheden"]):
        _collect(fouten, f"afwezigheden.{i}.", _new_afwezigheid, werknemer, item)
    fouten.raise_if_any()
    _replace_beschikbaarheid(werknemer, nested["beschikbaarheid"])


def _collect(fouten: Fouten, prefix: str, maker, werknemer: Werknemer, item: dict) -> None:
    try:
        maker(werknemer, item)
    except ValidationError as exc:
        fouten.merge(exc, prefix=prefix)


# --- skills held -----------------------------------------------------------------------


def _new_vaardigheid(werknemer: Werknemer, item: dict) -> WerknemerVaardigheid:
    vaardigheid_id, niveau = item["vaardigheid_id"], item.get("niveau", Niveau.BASIS)
    if niveau not in Niveau.values:
        raise ValidationError({"niveau": [_("Kies niveau 1, 2 of 3.")]})
    if not Vaardigheid.objects.filter(pk=vaardigheid_id).exists():
        raise ValidationError({"vaardigheid_id": [_("Deze vaardigheid bestaat niet.")]})
    obj, _created = WerknemerVaardigheid.objects.update_or_create(
        werknemer=werknemer, vaardigheid_id=vaardigheid_id, defaults={"niveau": niveau}
    )
    return obj


@transaction.atomic
def werknemer_vaardigheid_set(
    *, user, werknemer: Werknemer, vaardigheid_id: int, niveau: int
) -> WerknemerVaardigheid:
    """Give a member a skill at a level, or change the level of one they hold."""
    vereis_staff(user)
    return _new_vaardigheid(werknemer, {"vaardigheid_id": vaardigheid_id, "niveau": niveau})


@transaction.atomic
def werknemer_vaardigheid_remove(*, user, werknemer: Werknemer, vaardigheid_id: int) -> None:
    vereis_staff(user)
    deleted, _n = werknemer.vaardigheden.filter(vaardigheid_id=vaardigheid_id).delete()
    if not deleted:
        raise NotFound(_("Deze werknemer heeft deze vaardigheid niet."))


# --- certificates ----------------------------------------------------------------------


def _apply_certificaat(obj: Certificaat, item: dict) -> Certificaat:
    fouten = Fouten()
    for veld, waarde in item.items():
        if veld == "soort_id" and not CertificaatSoort.objects.filter(pk=waarde).exists():
            fouten.add("soort_id", _("Deze soort certificaat bestaat niet."))
        elif waarde is None and veld != "geldig_tot":
            fouten.add(veld, _("Dit veld mag niet leeg zijn."))
        else:
            setattr(obj, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    fouten.raise_if_any()
    if obj.geldig_tot and obj.geldig_tot < obj.geldig_van:
        fouten.add("geldig_tot", _("'Geldig tot' ligt vóór 'geldig van'."))
    fouten.raise_if_any()
    obj.full_clean()
    obj.save()
    return obj


def _new_certificaat(werknemer: Werknemer, item: dict) -> Certificaat:
    return _apply_certificaat(Certificaat(werknemer=werknemer), item)


@transaction.atomic
def certificaat_create(*, user, werknemer: Werknemer, data: dict[str, Any]) -> Certificaat:
    """Record a certificate (VCA, BHV, driving licence) a member holds."""
    vereis_staff(user)
    return _new_certificaat(werknemer, data)


@transaction.atomic
def certificaat_update(*, user, certificaat: Certificaat, data: dict[str, Any]) -> Certificaat:
    vereis_staff(user)
    return _apply_certificaat(certificaat, data)


@transaction.atomic
def certificaat_delete(*, user, certificaat: Certificaat) -> None:
    vereis_staff(user)
    certificaat.delete()


# --- availability: weekly pattern and dated absences -----------------------------------


def _check_blokken(blokken: list[dict]) -> None:
    """Each block begins before it ends, and blocks on one weekday do not overlap."""
    fouten = Fouten()
    per_dag: dict[int, list[tuple[time, time, int]]] = {}
    for i, blok in enumerate(blokken):
        if blok["begin"] >= blok["eind"]:
            fouten.add(f"beschikbaarheid.{i}.eind", _("Het eind ligt niet na het begin."))
        per_dag.setdefault(blok["weekdag"], []).append((blok["begin"], blok["eind"], i))
    for reeks in per_dag.values():
        reeks.sort()
        for (_b1, eind1, _i), (begin2, _e2, i2) in zip(reeks, reeks[1:], strict=False):
            if begin2 < eind1:
                fouten.add(
                    f"beschikbaarheid.{i2}.begin",
                    _("Overlapt met een ander blok op dezelfde dag."),
                )
    fouten.raise_if_any()


def _replace_beschikbaarheid(werknemer: Werknemer, blokken: list[dict]) -> None:
    _check_blokken(blokken)
    werknemer.beschikbaarheid.all().delete()
    Beschikbaarheid.objects.bulk_create(
        Beschikbaarheid(werknemer=werknemer, **blok) for blok in blokken
    )


@transaction.atomic
def beschikbaarheid_replace(*, user, werknemer: Werknemer, blokken: list[dict]) -> None:
    """Replace a member's whole weekly pattern (staff or the member themself)."""
    vereis_staff_of_zelf(user, werknemer)
    _replace_beschikbaarheid(werknemer, blokken)


def _new_afwezigheid(werknemer: Werknemer, item: dict) -> Afwezigheid:
    if item["van"] > item["tot_en_met"]:
        raise ValidationError({"tot_en_met": [_("'Tot en met' ligt vóór 'van'.")]})
    obj = Afwezigheid(werknemer=werknemer, **item)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def afwezigheid_create(*, user, werknemer: Werknemer, data: dict[str, Any]) -> Afwezigheid:
    """Record leave, illness or another absence (staff or the member themself)."""
    vereis_staff_of_zelf(user, werknemer)
    return _new_afwezigheid(werknemer, data)


@transaction.atomic
def afwezigheid_delete(*, user, afwezigheid: Afwezigheid) -> None:
    vereis_staff_of_zelf(user, afwezigheid.werknemer)
    afwezigheid.delete()


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


# --- the catalogues --------------------------------------------------------------------


def _check_omvat(vaardigheid: Vaardigheid, ids: list[int]) -> list[int]:
    ids = list(dict.fromkeys(ids))
    bestaand = set(Vaardigheid.objects.filter(pk__in=ids).values_list("pk", flat=True))
    onbekend = [i for i in ids if i not in bestaand]
    if onbekend:
        raise ValidationError({"omvat": [_("Onbekende vaardigheid: %(ids)s.") % {"ids": onbekend}]})
    if vaardigheid.pk in ids:
        raise ValidationError({"omvat": [_("Een vaardigheid kan zichzelf niet omvatten.")]})
    return ids


def _save_catalogus_item(obj: models.Model, data: dict[str, Any]) -> None:
    fouten = Fouten()
    for veld, waarde in data.items():
        if waarde is None:
            fouten.add(veld, _("Dit veld mag niet leeg zijn."))
        else:
            setattr(obj, veld, waarde.strip())
    fouten.raise_if_any()
    try:
        obj.full_clean()
    except ValidationError as exc:
        if "code" in getattr(exc, "error_dict", {}) and any(
            e.code == "unique" for e in exc.error_dict["code"]
        ):
            raise Conflict(
                _("Deze code bestaat al."), fields={"code": [_("Deze code bestaat al.")]}
            ) from exc
        raise
    obj.save()


@transaction.atomic
def vaardigheid_create(*, user, data: dict[str, Any]) -> Vaardigheid:
    """Add a skill to the catalogue, with the skills it includes."""
    vereis_staff(user)
    return vaardigheid_update(user=user, vaardigheid=Vaardigheid(), data=data)


@transaction.atomic
def vaardigheid_update(*, user, vaardigheid: Vaardigheid, data: dict[str, Any]) -> Vaardigheid:
    """Change a catalogue skill; `omvat` (when given) replaces the included skills."""
    vereis_staff(user)
    data = dict(data)
    omvat = data.pop("omvat", None)
    _save_catalogus_item(vaardigheid, data)
    if omvat is not None:
        vaardigheid.omvat.set(_check_omvat(vaardigheid, omvat))
    return vaardigheid


@transaction.atomic
def vaardigheid_delete(*, user, vaardigheid: Vaardigheid) -> None:
    vereis_staff(user)
    if vaardigheid.houders.exists():
        raise Conflict(_("Deze vaardigheid is nog aan werknemers gekoppeld."))
    vaardigheid.delete()


@transaction.atomic
def certificaatsoort_create(*, user, data: dict[str, Any]) -> CertificaatSoort:
    vereis_staff(user)
    soort = CertificaatSoort()
    _save_catalogus_item(soort, data)
    return soort


@transaction.atomic
def certificaatsoort_update(
    *, user, soort: CertificaatSoort, data: dict[str, Any]
) -> CertificaatSoort:
    vereis_staff(user)
    _save_catalogus_item(soort, data)
    return soort


@transaction.atomic
def certificaatsoort_delete(*, user, soort: CertificaatSoort) -> None:
    vereis_staff(user)
    if soort.certificaten.exists():
        raise Conflict(_("Er zijn nog certificaten van deze soort."))
    soort.delete()
