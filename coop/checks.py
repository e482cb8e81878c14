"""The broker's identity on invoices: what is missing or invalid, for the invoice service and
for the deploy check (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import btw as stdnum_btw

from coop.core.validators import normalize_iban, normalize_kvk

# key in settings.COOP_MAKELAAR -> (environment variable, what it is, validator)
IDENTITEIT = {
    "kvk_nummer": ("COOP_MAKELAAR_KVK", "het KvK-nummer", normalize_kvk),
    "btw_nummer": ("COOP_MAKELAAR_BTW", "het btw-nummer", stdnum_btw.validate),
    "iban": ("COOP_MAKELAAR_IBAN", "het IBAN", normalize_iban),
}


def _gebrek(sleutel: str) -> str | None:
    instelling, wat, valideer = IDENTITEIT[sleutel]
    waarde = (settings.COOP_MAKELAAR.get(sleutel) or "").strip()
    if not waarde:
        return f"{wat} van de makelaar ontbreekt (instelling {instelling})"
    try:
        valideer(waarde)
    except (StdnumError, ValidationError):
        return f"{wat} van de makelaar is ongeldig (instelling {instelling})"
    return None


def makelaar_gebreken() -> list[str]:
    """Dutch phrases, one per missing or invalid identity setting (empty: all is well)."""
    return [g for g in map(_gebrek, IDENTITEIT) if g is not None]


@checks.register("coop", deploy=True)
def check_makelaar_identiteit(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Production must be able to issue invoices: a Dutch invoice needs these three."""
    fouten = []
    for nummer, sleutel in enumerate(IDENTITEIT, start=1):
        gebrek = _gebrek(sleutel)
        if gebrek is not None:
            fouten.append(
                checks.Error(
                    f"{gebrek[0].upper()}{gebrek[1:]}: zonder kan geen factuur worden uitgegeven.",
                    hint=f"Zet {IDENTITEIT[sleutel][0]} (zie de instellingen in de README).",
                    id=f"coop.E00{nummer}",
                )
            )
    return fouten
