"""Signed one-time links, notifications, their deliveries and members' preferences."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EenmaligeLink(models.Model):
    """A link that logs a member in once and leads to one page, until it expires.

    The token in the message is this row's random key signed with the SECRET_KEY (short
    enough for an SMS); the row says for whom, where to and until when, and when it was used.
    """

    sleutel = models.CharField(_("sleutel"), max_length=32, unique=True)
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("werknemer"),
    )
    pad = models.CharField(_("pagina"), max_length=500)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verloopt_op = models.DateTimeField(_("verloopt op"), db_index=True)
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("eenmalige link")
        verbose_name_plural = _("eenmalige links")

    def __str__(self) -> str:
        return f"{self.werknemer_id} → {self.pad}"
