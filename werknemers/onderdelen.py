"""Changes to the parts of a member's record: skills, certificates, availability and absences.

Each use case is atomic and permission-checked; a member may change their own availability
and absences, staff everything.
"""

from datetime import time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.core.auth import vereis_staff
from coop.core.exceptions import NotFound
from werknemers.controles import Fouten, vereis_staff_of_zelf
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

# --- skills held -----------------------------------------------------------------------


def vaardigheid_new(werknemer: Werknemer, item: dict) -> WerknemerVaardigheid:
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
    return vaardigheid_new(werknemer, {"vaardigheid_id": vaardigheid_id, "niveau": niveau})


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


def certificaat_new(werknemer: Werknemer, item: dict) -> Certificaat:
    return _apply_certificaat(Certificaat(werknemer=werknemer), item)


@transaction.atomic
def certificaat_create(*, user, werknemer: Werknemer, data: dict[str, Any]) -> Certificaat:
    """Record a certificate (VCA, BHV, driving licence) a member holds."""
    vereis_staff(user)
    return certificaat_new(werknemer, data)


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


def beschikbaarheid_set(werknemer: Werknemer, blokken: list[dict]) -> None:
    _check_blokken(blokken)
    werknemer.beschikbaarheid.all().delete()
    Beschikbaarheid.objects.bulk_create(
        Beschikbaarheid(werknemer=werknemer, **blok) for blok in blokken
    )


@transaction.atomic
def beschikbaarheid_replace(*, user, werknemer: Werknemer, blokken: list[dict]) -> None:
    """Replace a member's whole weekly pattern (staff or the member themself)."""
    vereis_staff_of_zelf(user, werknemer)
    beschikbaarheid_set(werknemer, blokken)


def afwezigheid_new(werknemer: Werknemer, item: dict) -> Afwezigheid:
    if item["van"] > item["tot_en_met"]:
        raise ValidationError({"tot_en_met": [_("'Tot en met' ligt vóór 'van'.")]})
    obj = Afwezigheid(werknemer=werknemer, **item)
    obj.full_clean()
    obj.save()
    return obj


# An exception to the weekly pattern spans at most this many days: a longer one is more
# likely a typed year (2062 for 2026) than a plan; a new one can follow it.
AFWEZIGHEID_MAX_DAGEN = 366


@transaction.atomic
def afwezigheid_create(*, user, werknemer: Werknemer, data: dict[str, Any]) -> Afwezigheid:
    """Record leave, illness or another absence (staff or the member themself). It keeps
    work away from coming days: one that has ended, or spans more than a year (a start
    far in the past, a mistyped year), is refused and nothing is written."""
    vereis_staff_of_zelf(user, werknemer)
    van, tot = data["van"], data["tot_en_met"]
    if tot >= van:
        if tot < timezone.localdate():
            raise ValidationError(
                {"tot_en_met": [_("Deze dagen zijn al voorbij; kies dagen die nog komen.")]}
            )
        if tot - van >= timedelta(days=AFWEZIGHEID_MAX_DAGEN):
            raise ValidationError(
                {"van": [_("Dit is langer dan een jaar; kies een kortere periode.")]}
            )
    return afwezigheid_new(werknemer, data)


@transaction.atomic
def afwezigheid_delete(*, user, afwezigheid: Afwezigheid) -> None:
    vereis_staff_of_zelf(user, afwezigheid.werknemer)
    afwezigheid.delete()
