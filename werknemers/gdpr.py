"""The member's data export (GDPR right of access), extensible by other apps.

The registry must not import the broker, yet the export has to contain the broker's data
about a member too (assignments, hours, contracts). So other apps register a section from
their AppConfig.ready():

    from werknemers.gdpr import register_export_section
    register_export_section("inzetten", lambda werknemer: [...])

A section function takes the Werknemer and returns something JSON-serialisable (dates and
Decimals are fine: the export is encoded with DjangoJSONEncoder).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError
from coop.core.models import AuditLog
from werknemers.models import Werknemer

logger = logging.getLogger(__name__)

ExportSection = Callable[[Werknemer], Any]

_SECTIONS: dict[str, ExportSection] = {}

EIGEN_SECTIES = (
    "persoonsgegevens",
    "vaardigheden",
    "certificaten",
    "beschikbaarheid",
    "afwezigheden",
    "inzagelog",
)

# Exported field by field so a new model field is a conscious choice (bsn_index, a keyed
# hash, is derived data and means nothing to the member).
PERSOONSVELDEN = (
    "id",
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "bsn",
    "iban",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "latitude",
    "longitude",
    "wijk",
    "buurt",
    "telefoon",
    "email",
    "talen",
    "max_reisafstand_km",
    "uren_per_week_min",
    "uren_per_week_max",
    "lid_sinds",
    "lid_tot",
    "inleg_betaald",
    "status",
    "sroi_toestemming",
    "sroi_doelgroep",
    "created_at",
    "updated_at",
)


def register_export_section(name: str, func: ExportSection) -> None:
    """Add a section to every member's export; registering the same function twice is a no-op."""
    if name in EIGEN_SECTIES:
        raise ValueError(f"export section {name!r} is reserved by the werknemers app")
    bestaand = _SECTIONS.get(name)
    if bestaand is not None and bestaand is not func:
        raise ValueError(f"export section {name!r} is already registered by {bestaand!r}")
    _SECTIONS[name] = func


def unregister_export_section(name: str) -> None:
    """For tests: remove a registered section."""
    _SECTIONS.pop(name, None)


def registered_sections() -> list[str]:
    return sorted(_SECTIONS)


def build_export(werknemer: Werknemer) -> dict[str, Any]:
    """Everything stored about the member, own sections first, then the registered ones."""
    export: dict[str, Any] = {
        "gemaakt_op": timezone.now(),
        "persoonsgegevens": {veld: getattr(werknemer, veld) for veld in PERSOONSVELDEN},
        "vaardigheden": _vaardigheden(werknemer),
        "certificaten": _certificaten(werknemer),
        "beschikbaarheid": list(
            werknemer.beschikbaarheid.order_by("weekdag", "begin").values(
                "weekdag", "begin", "eind"
            )
        ),
        "afwezigheden": list(
            werknemer.afwezigheden.order_by("van").values(
                "van", "tot_en_met", "reden", "toelichting"
            )
        ),
        "inzagelog": _inzagelog(werknemer),
    }
    for name in registered_sections():
        export[name] = _run_section(name, werknemer)
    return export


def _run_section(name: str, werknemer: Werknemer) -> Any:
    # An incomplete export would silently withhold data the member has a right to: refuse.
    try:
        return _SECTIONS[name](werknemer)
    except Exception as exc:
        logger.exception("GDPR export section %s failed for werknemer %s", name, werknemer.pk)
        raise ApplicationError(
            _("De export kon niet volledig worden gemaakt. Probeer het later opnieuw."),
            status_code=503,
        ) from exc


def _vaardigheden(werknemer: Werknemer) -> list[dict[str, Any]]:
    return [
        {"code": wv.vaardigheid.code, "naam": wv.vaardigheid.naam, "niveau": wv.niveau}
        for wv in werknemer.vaardigheden.select_related("vaardigheid").order_by("vaardigheid__naam")
    ]


def _certificaten(werknemer: Werknemer) -> list[dict[str, Any]]:
    return [
        {
            "soort": c.soort.naam,
            "nummer": c.nummer,
            "geldig_van": c.geldig_van,
            "geldig_tot": c.geldig_tot,
        }
        for c in werknemer.certificaten.select_related("soort").order_by("geldig_van")
    ]


def _inzagelog(werknemer: Werknemer) -> list[dict[str, Any]]:
    """Who looked at or changed the member's sensitive data, and when."""
    rows = AuditLog.objects.filter(
        object_type=werknemer._meta.label, object_id=str(werknemer.pk)
    ).select_related("user")
    return [
        {
            "tijdstip": row.at,
            "door": row.user.get_username() if row.user else "",
            "handeling": row.action,
            "velden": row.fields,
            "toelichting": row.detail,
        }
        for row in rows.order_by("at")
    ]
