"""Encrypted model fields for personal data (BSN, IBAN) and the helpers around them."""

import hashlib
import hmac
from functools import cache, lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.encode()) for k in sleutels(keys)])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY is geen geldige Fernet-sleutel (32 bytes, url-safe base64)."
        ) from exc


def encrypt(value: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Versleutelde gegevens kunnen niet worden ontsleuteld met FIELD_ENCRYPTION_KEY."
        ) from exc


def sleutels(keys: str | None = None) -> list[str]:
    """The configured keys, first (the one that encrypts) first."""
    keys = settings.FIELD_ENCRYPTION_KEY if keys is None else keys
    return [k.strip() for k in keys.split(",") if k.strip()]


def blind_index(value: str) -> str:
    """A keyed hash to find or deduplicate an encrypted value without decrypting. Keyed by the
    first key only, so dropping an old key after a rotation leaves the index as it is; a new
    first key changes it (`manage.py sleutel_roteren` recomputes it)."""
    key = hashlib.sha256(("blind-index:" + sleutels()[0]).encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def herversleutel(token: str) -> str | None:
    """The ciphertext under the first key, or None when it already is (rotation)."""
    eerste = Fernet(sleutels()[0].encode())
    try:
        eerste.decrypt(token.encode())
        return None
    except InvalidToken:
        pass
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Versleutelde gegevens kunnen niet worden ontsleuteld met FIELD_ENCRYPTION_KEY."
        ) from exc


def mask(value: str | None, keep: int = 4) -> str:
    """Show only the last `keep` characters: '*****6789'."""
    if not value:
        return ""
    compact = value.replace(" ", "")
    return "*" * max(len(compact) - keep, 0) + compact[-keep:]


class EncryptedCharField(models.TextField):  # type: ignore[type-arg]
    """Stores Fernet ciphertext; Python code sees plain text. Not searchable: use a blind index."""

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: object) -> str | None:
        tekst: str | None = super().get_prep_value(value)
        if tekst is None or tekst == "":
            return tekst
        return encrypt(tekst)


@cache
def versleuteld_via(model: type[models.Model], pad: str) -> tuple[str, ...]:
    """The encrypted fields of the model at the end of a relation path from `model`, as
    `defer()` names (`versleuteld_via(Aanbod, "werknemer")` gives `werknemer__bsn`, …): a read
    that joins a member for their name or preferences leaves their BSN and IBAN encrypted,
    not even decrypted in memory, and a field encrypted later is left out by itself."""
    doel = model
    for deel in pad.split("__"):
        verder = doel._meta.get_field(deel).related_model
        if not isinstance(verder, type):  # not a relation ("self" is resolved by Django)
            raise ValueError(f"{pad!r}: {deel!r} is geen relatie van {doel.__name__}")
        doel = verder
    return tuple(
        f"{pad}__{veld.name}"
        for veld in doel._meta.concrete_fields
        if isinstance(veld, EncryptedCharField)
    )
