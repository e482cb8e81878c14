"""Legal figures staff enter for dates the code's tables do not yet cover, and provisional ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import Conflict
from coop.core.models import TimeStampedModel


class Zekerheid(models.TextChoices):
    HOOG = "H", _("H: hoog (meerdere bronnen, of de bekendmaking zelf)")
    MIDDEL = "M", _("M: middel (een goede bron, of afgeleid)")
    LAAG = "L", _("L: laag (niet bevestigd; voorlopig)")


class WettelijkGegevenGebruikt(Conflict):
    """A figure that a document, hours line or export used was about to be changed."""


# The columns that state the figure; once the row is used they never change (the database
# refuses it too, migration 0003). Metadata (source, confidence, provisional) may be improved.
GEGEVEN_INHOUD = ("tabel", "geldig_van", "geldig_tot", "waarde", "demo")


class WettelijkGegeven(TimeStampedModel):
    """One dated legal figure (a row of a table in contracten/tabellen.py), kept in the database
    so that staff can add the figures of a new period without a release.

    The rows written in code are loaded here (`herkomst=code`, command
    `wettelijke_gegevens_laden`, idempotent, also after every migrate); staff add rows in the
    admin (`herkomst=beheer`), audited. A row starting on the same day as another replaces it
    (`vervangt`), which is how a provisional figure that was already used is corrected: the old
    row stays, as the record of what was applied.
    """

    class Herkomst(models.TextChoices):
        CODE = "code", _("meegeleverd")
        BEHEER = "beheer", _("ingevoerd door een medewerker")
        DEMO = "demo", _("demo")

    tabel = models.CharField(_("gegeven"), max_length=60, db_index=True)
    geldig_van = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg: geldt tot een volgende rij begint."),
    )
    waarde = models.JSONField(_("waarde"))
    bron = models.CharField(_("bron"), max_length=500)
    zekerheid = models.CharField(_("zekerheid"), max_length=1, choices=Zekerheid.choices)
    voorlopig = models.BooleanField(
        _("voorlopig"),
        default=False,
        help_text=_("Berekend (indexering) omdat het bedrag nog niet bekend was; te bevestigen."),
    )
    demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Alleen voor de demo; nooit daarbuiten gebruikt.")
    )
    herkomst = models.CharField(_("herkomst"), max_length=10, choices=Herkomst.choices)
    vervangt = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangen_door",
        verbose_name=_("vervangt"),
    )
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    gebruikt_op = models.DateTimeField(
        _("eerst gebruikt op"),
        null=True,
        blank=True,
        help_text=_(
            "Sinds een document, urenregel of export dit gegeven gebruikte: onveranderlijk."
        ),
    )

    class Meta:
        verbose_name = _("wettelijk gegeven")
        verbose_name_plural = _("wettelijke gegevens")
        ordering = ["tabel", "-geldig_van", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="wettelijk_gegeven_periode",
                violation_error_message=_("'Geldig tot' ligt voor 'geldig vanaf'."),
            ),
            models.CheckConstraint(
                condition=Q(zekerheid__in=["H", "M", "L"]), name="wettelijk_gegeven_zekerheid"
            ),
            models.CheckConstraint(
                condition=~Q(vervangt=F("id")), name="wettelijk_gegeven_vervangt_niet_zichzelf"
            ),
        ]
        indexes = [models.Index(fields=["tabel", "geldig_van"], name="wettelijk_gegeven_dag")]

    def __str__(self) -> str:
        tot = f" t/m {self.geldig_tot:%d-%m-%Y}" if self.geldig_tot else ""
        kenmerk = " (voorlopig)" if self.voorlopig else (" (demo)" if self.demo else "")
        return f"{self.tabel} vanaf {self.geldig_van:%d-%m-%Y}{tot}{kenmerk}"

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk:
            opgeslagen = (
                type(self).objects.filter(pk=self.pk).values(*GEGEVEN_INHOUD, "gebruikt_op").first()
            )
            if opgeslagen and opgeslagen["gebruikt_op"] is not None:
                gewijzigd = [v for v in GEGEVEN_INHOUD if opgeslagen[v] != getattr(self, v)]
                if gewijzigd:
                    raise WettelijkGegevenGebruikt(
                        _(
                            "Dit wettelijk gegeven is al gebruikt (document, urenregel of "
                            "export) en kan niet meer worden gewijzigd; voer een nieuwe rij in "
                            "die het vervangt."
                        ),
                        fields={v: [_("Kan niet worden gewijzigd.")] for v in gewijzigd},
                    )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.gebruikt_op is not None or self.herkomst == self.Herkomst.CODE:
            raise WettelijkGegevenGebruikt(
                _("Een meegeleverd of al gebruikt wettelijk gegeven kan niet worden verwijderd.")
            )
        return super().delete(*args, **kwargs)
