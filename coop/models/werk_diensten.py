"""The broker's records of planned work: jobs, their fragments, shifts and the bundling runs."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracten.regels.uren import uren_van_duur
from coop.core.models import TimeStampedModel
from coop.models.werk import Werkpakket


class Job(TimeStampedModel):
    """A unit of work for one member: a permanent weekly job or incidental shifts."""

    class Soort(models.TextChoices):
        VAST = "vast", _("vast")
        INCIDENTEEL = "incidenteel", _("incidenteel")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        VERVULD = "vervuld", _("vervuld")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, db_index=True)
    reden = models.CharField(_("reden van de indeling"), max_length=300)
    werkpakket = models.ForeignKey(
        Werkpakket,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("werkpakket"),
        help_text=_("Leeg bij een gebundelde vaste baan."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    uren_per_week = models.DecimalField(
        _("uren per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vaste_jobs",
        verbose_name=_("werknemer (vaste baan)"),
    )

    class Meta:
        verbose_name = _("baan of klus")
        verbose_name_plural = _("banen en klussen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} #{self.pk}: {self.reden}"


class Fragment(TimeStampedModel):
    """A recurring weekly block of structural work; bundled fragments form a permanent job."""

    werkpakket = models.ForeignKey(
        Werkpakket,
        on_delete=models.CASCADE,
        related_name="fragmenten",
        verbose_name=_("werkpakket"),
    )
    job = models.ForeignKey(
        Job,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fragmenten",
        verbose_name=_("vaste baan"),
    )
    weekdag = models.PositiveSmallIntegerField(_("weekdag"))
    begin = models.TimeField(_("van"))
    eind = models.TimeField(_("tot"))
    uren = models.DecimalField(_("uren per week"), max_digits=5, decimal_places=2)
    reden = models.CharField(_("reden van de indeling"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("fragment")
        verbose_name_plural = _("fragmenten")
        ordering = ["werkpakket", "weekdag", "begin"]

    def __str__(self) -> str:
        return f"{self.werkpakket.titel}: dag {self.weekdag} {self.begin:%H:%M}-{self.eind:%H:%M}"


class Dienst(TimeStampedModel):
    """One shift for one person at one location."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        BEZET = "bezet", _("bezet")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="diensten", verbose_name=_("baan of klus")
    )
    locatie = models.ForeignKey(
        "werkgevers.Locatie",
        on_delete=models.PROTECT,
        related_name="diensten",
        verbose_name=_("locatie"),
    )
    fragment = models.ForeignKey(
        Fragment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="diensten",
        verbose_name=_("fragment"),
    )
    start = models.DateTimeField(_("begin"), db_index=True)
    eind = models.DateTimeField(_("eind"))
    # The break planned in the shift; empty: the statutory break (Arbeidstijdenwet art. 5:4)
    # for whoever works it. A planned break shorter than that is refused
    # (coop/services/werk/wettig.py).
    pauze_minuten = models.PositiveSmallIntegerField(
        _("geplande pauze (min)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(180)],
        help_text=_("Leeg: de wettelijke pauze voor wie de dienst doet."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("eind")),
                name="dienst_start_voor_eind",
                violation_error_message=_("De dienst begint niet vóór het eind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.start):%d-%m-%Y %H:%M} ({self.locatie})"

    @property
    def uren(self) -> Decimal:
        return uren_van_duur(self.eind - self.start)

    @property
    def pauze_seconden(self) -> int | None:
        """The planned break as the working-time rules take it (None: the statutory one)."""
        return None if self.pauze_minuten is None else 60 * self.pauze_minuten


class Bundelrun(models.Model):
    """One bundling run: what was bundled into jobs of which sizes, and what was left over."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    fragmenten = models.PositiveIntegerField(_("fragmenten"))
    totale_uren = models.DecimalField(_("structurele uren"), max_digits=8, decimal_places=2)
    gebundelde_uren = models.DecimalField(_("gebundeld"), max_digits=8, decimal_places=2)
    bovengrens_uren = models.DecimalField(_("bovengrens"), max_digits=8, decimal_places=2)
    banen = models.PositiveIntegerField(_("vaste banen"))
    per_grootte = models.JSONField(_("banen per omvang"), default=dict)
    over_uren = models.DecimalField(_("over"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("bundelrun")
        verbose_name_plural = _("bundelruns")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d-%m-%Y %H:%M}: {self.gebundelde_uren} van {self.totale_uren} uur"
