"""Validators for Dutch identifiers, built on python-stdnum; messages name what is wrong."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode
from stdnum.util import clean, isdigits


def normalize_bsn(value: str) -> str:
    try:
        return stdnum_bsn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Ongeldig BSN: negen cijfers die aan de elfproef voldoen.")
        ) from exc


def normalize_iban(value: str) -> str:
    try:
        return stdnum_iban.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Ongeldig IBAN: controleer land, lengte en controlegetal.")
        ) from exc


def normalize_postcode(value: str) -> str:
    """'3526kl' -> '3526 KL' (stdnum's NL postcode: four digits, two letters)."""
    try:
        return stdnum_postcode.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Ongeldige postcode: vier cijfers en twee letters, zoals 3526 KL.")
        ) from exc


def normalize_kvk(value: str) -> str:
    # The KvK number has no check digit (contracten/BRONNEN.md §10): eight digits is the whole rule.
    number = clean(value or "", " .-").strip()
    if len(number) != 8 or not isdigits(number):
        raise ValidationError(_("Ongeldig KvK-nummer: precies acht cijfers."))
    return number


def validate_bsn(value: str) -> None:
    normalize_bsn(value)


def validate_iban(value: str) -> None:
    normalize_iban(value)


def validate_postcode(value: str) -> None:
    if value:
        normalize_postcode(value)


def validate_kvk(value: str) -> None:
    normalize_kvk(value)


def bsn_from_number(n: int) -> str:
    """A valid, unique test BSN for each n < 10**7 (demo data, tests, benchmarks only)."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    for block in (1, 9, 8, 7, 6, 5, 4, 3, 2):
        base = f"{block * 10_000_000 + n:08d}"
        check = sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        if check < 10:
            return base + str(check)
    raise ValueError(n)
