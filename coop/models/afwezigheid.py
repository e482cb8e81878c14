"""Absence: a member reports sick or that they cannot come, staff record recovery, leave is
requested and approved. Each absence releases the member's assignments in its range (the
employer's shift stays and is offered to someone else); `Vrijgave` records each one.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.core.models import TimeStampedModel

_EEN_DAG = timedelta(days=1)


class Afwezigheidsmelding(TimeStampedModel):
    """One reported absence of a member over a range of days (the last day may be open)."""

    class Soort(models.TextChoices):
        ZIEK = "ziek", _("ziek")
        KAN_NIET = "kan_niet", _("kan niet")
        VERLOF = "verlof", _("verlof")

    class Status(models.TextChoices):
        GEMELD = "gemeld", _("gemeld")
        HERSTELD = "hersteld", _("hersteld")
        AANGEVRAAGD = "aangevraagd", _("aangevraagd")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="afwezigheidsmeldingen",
        verbose_name=_("werknemer"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    van = models.DateField(_("eerste dag"))
    tot = models.DateField(
        _("laatste dag"), null=True, blank=True, help_text=_("Leeg: ziek tot de betermelding.")
    )
    reden = models.CharField(_("reden"), max_length=500, blank=True)
    korte_termijn = models.BooleanField(
        _("binnen de oproeptermijn gemeld"),
        default=False,
        help_text=_("Gemeld binnen de oproeptermijn voor werk dat vrijkwam."),
    )
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    gemeld_op = models.DateTimeField(_("gemeld op"))
    hersteld_per = models.DateField(_("hersteld per"), null=True, blank=True)
    hersteld_gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("herstel gemeld door"),
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    uren = models.DecimalField(
        _("uren"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Verlof: de opgenomen uren (de vrijgegeven diensten)."),
    )
    bevestiging = models.ForeignKey(
        "contracten.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("schriftelijke bevestiging"),
    )

    class Meta:
        verbose_name = _("afwezigheidsmelding")
        verbose_name_plural = _("afwezigheidsmeldingen")
        ordering = ["-van", "-pk"]
        indexes = [models.Index(fields=["werknemer", "van"], name="afwezigheid_wn_van")]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="afwezigheid_tot_na_van",
                violation_error_message=_("De laatste dag ligt vóór de eerste dag."),
            ),
        ]

    def __str__(self) -> str:
        tot = f"{self.tot:%d-%m-%Y}" if self.tot else _("open")
        return f"{self.werknemer}: {self.get_soort_display()} {self.van:%d-%m-%Y} – {tot}"

    @property
    def laatste_dag(self):
        """The last day the absence covers: the recovery's eve, the stated end, or open."""
        if self.hersteld_per is not None:
            return min(self.tot or self.hersteld_per, self.hersteld_per - _EEN_DAG)
        return self.tot


class Vrijgave(models.Model):
    """One assignment an absence released, and what became of the shift."""

    afwezigheid = models.ForeignKey(
        Afwezigheidsmelding,
        on_delete=models.CASCADE,
        related_name="vrijgaven",
        verbose_name=_("afwezigheidsmelding"),
    )
    inzet = models.OneToOneField(
        "coop.Inzet", on_delete=models.PROTECT, related_name="vrijgave", verbose_name=_("inzet")
    )
    op = models.DateTimeField(_("vrijgegeven op"), auto_now_add=True)
    korte_termijn = models.BooleanField(_("binnen de oproeptermijn gemeld"), default=False)
    nieuw_aanbod = models.ForeignKey(
        "coop.Aanbod",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangeboden aan"),
    )

    class Meta:
        verbose_name = _("vrijgegeven inzet")
        verbose_name_plural = _("vrijgegeven inzetten")
        ordering = ["inzet__start"]

    def __str__(self) -> str:
        return f"{self.afwezigheid}: {self.inzet}"
