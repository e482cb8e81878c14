"""Encrypted model fields for personal data (BSN, IBAN) and the helpers around them."""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])
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


def blind_index(value: str) -> str:
    """A keyed hash to find or deduplicate an encrypted value without decrypting."""
    key = hashlib.sha256(("blind-index:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def mask(value: str | None, keep: int = 4) -> str:
    """Show only the last `keep` characters: '*****6789'."""
    if not value:
        return ""
    compact = value.replace(" ", "")
    return "*" * max(len(compact) - keep, 0) + compact[-keep:]


class EncryptedCharField(models.TextField):
    """Stores Fernet ciphertext; Python code sees plain text. Not searchable: use a blind index."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
