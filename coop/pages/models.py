"""One-time login codes for members (sent by e-mail, later also by SMS)."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def code_hash(code: str) -> str:
    """A code is stored only as a keyed hash: a database copy does not reveal valid codes."""
    sleutel = settings.SECRET_KEY.encode()
    return hmac.new(sleutel, f"inlogcode:{code}".encode(), hashlib.sha256).hexdigest()


class Inlogcode(models.Model):
    """A six-digit code that logs one member in once, within minutes, after few tries."""

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.CASCADE,
        related_name="inlogcodes",
        verbose_name=_("werknemer"),
    )
    code_hash = models.CharField(_("code (gehasht)"), max_length=64)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"), db_index=True)
    pogingen = models.PositiveSmallIntegerField(_("foute pogingen"), default=0)
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inlogcode")
        verbose_name_plural = _("inlogcodes")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Inlogcode voor {self.werknemer_id} ({self.aangemaakt_op:%d-%m-%Y %H:%M})"
