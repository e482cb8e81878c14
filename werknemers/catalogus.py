"""Changes to the registry's catalogue: skills (with what each includes) and kinds of certificate.

Staff only; each use case is atomic.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from coop.core.auth import vereis_staff
from coop.core.exceptions import Conflict
from werknemers.controles import Fouten
from werknemers.models import CertificaatSoort, Vaardigheid


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
