"""The abstract base every model extends, plus project-wide records (tokens, audit log)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.core.validators import validate_postcode


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class ApiToken(TimeStampedModel):
    """A bearer token; only its SHA-256 is stored, so a database leak reveals no token."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    key_hash = models.CharField(_("sleutel-hash"), max_length=64, unique=True)
    prefix = models.CharField(_("begin van de sleutel"), max_length=8)
    name = models.CharField(_("naam"), max_length=100, blank=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name: str = "") -> tuple["ApiToken", str]:
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            key_hash=cls.hash(key),
            prefix=key[:8],
            name=name,
            expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
        )
        return token, key

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditLog(models.Model):
    """Every read of revealed personal data and every sensitive action: who, what, when."""

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    action = models.CharField(_("handeling"), max_length=50)
    object_type = models.CharField(_("soort object"), max_length=100)
    object_id = models.CharField(_("object-id"), max_length=64)
    fields = models.CharField(_("velden"), max_length=200, blank=True)
    detail = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}#{self.object_id}"


def audit(*, user, action: str, obj: models.Model, fields: str = "", detail: str = "") -> AuditLog:
    return AuditLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        fields=fields,
        detail=detail,
    )


class Adres(models.Model):
    """A Dutch address with the coordinates and wijk/buurt the proximity matching needs."""

    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=10, blank=True)
    toevoeging = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, db_index=True, validators=[validate_postcode]
    )
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    wijk = models.CharField(_("wijk"), max_length=100, blank=True, db_index=True)
    buurt = models.CharField(_("buurt"), max_length=100, blank=True)

    class Meta:
        abstract = True

    @property
    def adresregel(self) -> str:
        nummer = f"{self.huisnummer}{('-' + self.toevoeging) if self.toevoeging else ''}"
        return f"{self.straat} {nummer}, {self.postcode} {self.plaats}".strip(" ,")

    @property
    def heeft_coordinaten(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Postcode(models.Model):
    """Offline geocoding table: one row per six-position postcode (CBS/PDOK shape)."""

    postcode = models.CharField(_("postcode"), max_length=7, unique=True)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.CharField(_("gemeente"), max_length=100, blank=True)
    wijk = models.CharField(_("wijk"), max_length=100, blank=True)
    buurt = models.CharField(_("buurt"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodetabel")
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
