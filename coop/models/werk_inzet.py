"""The broker's records of who works: offers, assignments and the history of both."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.core.models import TimeStampedModel
from coop.models.werk import Werkpakket
from coop.models.werk_diensten import Dienst, Job


class Aanbod(TimeStampedModel):
    """An offer of a shift (incidental) or a permanent job to one member, with a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("openstaand")
        GEACCEPTEERD = "geaccepteerd", _("geaccepteerd")
        AFGEWEZEN = "afgewezen", _("afgewezen")
        VERLOPEN = "verlopen", _("verlopen")
        INGETROKKEN = "ingetrokken", _("ingetrokken")

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.CASCADE,
        related_name="aanbiedingen",
        verbose_name=_("werknemer"),
    )
    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="aanbiedingen", verbose_name=_("baan of klus")
    )
    dienst = models.ForeignKey(
        Dienst,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aanbiedingen",
        verbose_name=_("dienst"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    deadline = models.DateTimeField(_("reageren vóór"), db_index=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    korte_termijn = models.BooleanField(
        _("binnen de oproeptermijn gevraagd"),
        default=False,
        help_text=_("Mag zonder gevolgen worden geweigerd (oproeptermijn)."),
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    toelichting = models.JSONField(_("toelichting op de score"), default=dict, blank=True)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbiedingen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["werknemer", "dienst"],
                condition=Q(dienst__isnull=False),
                name="aanbod_een_per_dienst_per_werknemer",
            ),
        ]

    def __str__(self) -> str:
        return f"Aanbod #{self.pk} aan {self.werknemer} ({self.get_status_display()})"


class Inzet(TimeStampedModel):
    """A member assigned to a shift. Never two active ones overlapping for the same member."""

    class Status(models.TextChoices):
        ACTIEF = "actief", _("actief")
        GEANNULEERD = "geannuleerd", _("geannuleerd")
        # Released by the member's absence: the employer's shift stays and goes to another.
        VRIJGEGEVEN = "vrijgegeven", _("vrijgegeven (afwezig)")

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="inzetten",
        verbose_name=_("werknemer"),
    )
    dienst = models.ForeignKey(
        Dienst, on_delete=models.PROTECT, related_name="inzetten", verbose_name=_("dienst")
    )
    aanbod = models.ForeignKey(
        Aanbod,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inzetten",
        verbose_name=_("aanbod"),
    )
    start = models.DateTimeField(_("begin"))
    eind = models.DateTimeField(_("eind"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF, db_index=True
    )
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    late_annulering = models.BooleanField(_("geannuleerd binnen de oproeptermijn"), default=False)
    uren_doorbetaald = models.DecimalField(
        _("uren doorbetaald bij annulering"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
    )

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzetten")
        ordering = ["start"]
        indexes = [models.Index(fields=["werknemer", "start"], name="inzet_werknemer_start_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["dienst"],
                condition=Q(status="actief"),
                name="inzet_een_actieve_per_dienst",
                violation_error_message=_("Deze dienst is al bezet."),
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("eind")),
                name="inzet_start_voor_eind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.werknemer} — {self.dienst}"


class Gebeurtenis(models.Model):
    """The history staff read: every offer, acceptance, expiry and cancellation, in words.
    Written through coop.services.werk.geschiedenis (gebeurtenis_create), never directly."""

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("werkpakket geplaatst")
        GEPUBLICEERD = "gepubliceerd", _("werkpakket gepubliceerd")
        GEANNULEERD = "geannuleerd", _("geannuleerd")
        AFGEROND = "afgerond", _("werkpakket afgerond")
        GEBUNDELD = "gebundeld", _("gebundeld tot vaste baan")
        PLANNING = "planning", _("planning")
        PLANNING_CONFLICT = "planning_conflict", _("planningsconflict")
        AANGEBODEN = "aangeboden", _("aangeboden")
        GEACCEPTEERD = "geaccepteerd", _("aangenomen")
        AFGEWEZEN = "afgewezen", _("afgewezen")
        VERLOPEN = "verlopen", _("verlopen")
        GEEN_KANDIDAAT = "geen_kandidaat", _("geen kandidaat")
        KANDIDAAT_OVERGESLAGEN = "kandidaat_overgeslagen", _("kandidaat overgeslagen")
        MELDING_WERKNEMER = "melding_werknemer", _("bericht aan werknemer")
        # Absence (coop.services.werk.afwezigheid): an offer withdrawn because its member
        # reported absence, the record told to the member, the employer told their shift stays.
        INGETROKKEN = "ingetrokken", _("aanbod ingetrokken")
        AFWEZIGHEID = "afwezigheid", _("afwezigheid vastgelegd")
        MELDING_WERKGEVER = "melding_werkgever", _("bericht aan werkgever")
        GEWIJZIGD = "gewijzigd", _("werkpakket gewijzigd")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    werkpakket = models.ForeignKey(
        Werkpakket, null=True, blank=True, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    aanbod = models.ForeignKey(
        Aanbod, null=True, blank=True, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    inzet = models.ForeignKey(
        Inzet, null=True, blank=True, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    tekst = models.CharField(_("omschrijving"), max_length=500)
    # A message owed to a member (soort MELDING_WERKNEMER), e.g. a new version of one of
    # their documents: whom it is for and what it is about, for a notification channel.
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("voor werknemer"),
    )
    document = models.ForeignKey(
        "contracten.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document"),
    )
    # A message to the employer (soort MELDING_WERKGEVER) e-mailed to the employer's users
    # (coop.services.werk.werkgeverbericht): when, so a rerun of the task sends it once.
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    MELDING_WERKNEMER = Soort.MELDING_WERKNEMER

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%d-%m-%Y %H:%M} {self.tekst}"
