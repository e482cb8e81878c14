"""Hours and payroll: the member's wage, hours lines per assignment, pay periods and exports.

Decisions (see coop/services/uren.py and coop/services/loon.py for the rules themselves):

* The hourly wage is a dated `Loonafspraak` per member (geldig_van); the one that holds on
  the day worked counts. The export checks it against the statutory minimum for the member's
  age on that day and refuses to run when it is lower or unknown.
* One `Urenregel` per assignment (Inzet) holds the hours as finally claimed; a change after
  the line was exported is a new line that `corrigeert` the old one and lands in a later
  period. Every line keeps full values, so what a correction adds is its values minus those
  of the line it corrects.
"""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.core.models import TimeStampedModel

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

NUL = Decimal("0")


def _uren_veld(label: "_StrOrPromise", **kwargs) -> models.DecimalField:
    return models.DecimalField(label, max_digits=6, decimal_places=2, default=NUL, **kwargs)


class Loonafspraak(TimeStampedModel):
    """A member's gross hourly wage from `geldig_van` until the next agreement starts."""

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="loonafspraken",
        verbose_name=_("werknemer"),
    )
    geldig_van = models.DateField(_("geldig vanaf"))
    uurloon = models.DecimalField(_("bruto uurloon (€)"), max_digits=7, decimal_places=2)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("loonafspraak")
        verbose_name_plural = _("loonafspraken")
        ordering = ["werknemer", "-geldig_van"]
        constraints = [
            models.UniqueConstraint(
                fields=["werknemer", "geldig_van"],
                name="loonafspraak_een_per_dag",
                violation_error_message=_("Er is al een loonafspraak vanaf deze datum."),
            ),
            models.CheckConstraint(
                condition=Q(uurloon__gt=0),
                name="loonafspraak_uurloon_positief",
                violation_error_message=_("Het uurloon moet groter dan nul zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.werknemer}: € {self.uurloon} vanaf {self.geldig_van:%d-%m-%Y}"


class Loonperiode(TimeStampedModel):
    """A pay period (week, four weeks or month); exported once, then its lines are locked."""

    class Soort(models.TextChoices):
        WEEK = "week", _("week")
        VIER_WEKEN = "vier_weken", _("vier weken")
        MAAND = "maand", _("maand")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        GEEXPORTEERD = "geexporteerd", _("geëxporteerd")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    begin = models.DateField(_("eerste dag"))
    eind = models.DateField(_("laatste dag"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    geexporteerd_op = models.DateTimeField(_("geëxporteerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("loonperiode")
        verbose_name_plural = _("loonperiodes")
        ordering = ["begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(begin__lte=F("eind")),
                name="loonperiode_begin_voor_eind",
                violation_error_message=_("De eerste dag ligt na de laatste dag."),
            ),
            models.UniqueConstraint(fields=["begin"], name="loonperiode_begin_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.begin:%d-%m-%Y} t/m {self.eind:%d-%m-%Y})"

    @property
    def nummer(self) -> int:
        """The period's number within its year, as payroll packages count them."""
        if self.soort == self.Soort.MAAND:
            return self.begin.month
        if self.soort == self.Soort.WEEK:
            return self.begin.isocalendar()[1]
        return (self.begin.timetuple().tm_yday - 1) // 28 + 1

    @property
    def code(self) -> str:
        """'2026-10': year and period number (the Nmbrs 'Periode' column)."""
        return f"{self.begin.year}-{self.nummer:02d}"


# The paid hours of a line, one field per wage component, in the order payroll
# (coop.services.uren.loonstaat) and the neighbourhood report read them.
LOONCOMPONENTEN = (
    "gewerkte_uren",
    "doorbetaalde_uren",
    "aanvulling_uren",
    "toeslag_uren",
    "ziek_uren",
    "verlof_uren",
)


class Urenregel(TimeStampedModel):
    """The hours of one assignment: claimed by the member, judged by the employer or staff.

    The computed parts are stored on the line so every user sees the same figures and the
    rule that produced them (`toelichting_regels`).
    """

    class Soort(models.TextChoices):
        GEWERKT = "gewerkt", _("gewerkt")
        ANNULERING = "annulering", _("doorbetaald bij late annulering")
        ZIEK = "ziek", _("ziek (loondoorbetaling)")
        VERLOF = "verlof", _("verlof")

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("ingediend")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        BETWIST = "betwist", _("betwist")
        VASTGESTELD = "vastgesteld", _("vastgesteld")

    inzet = models.ForeignKey(
        "coop.Inzet", on_delete=models.PROTECT, related_name="urenregels", verbose_name=_("inzet")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    corrigeert = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correctie",
        verbose_name=_("corrigeert regel"),
    )
    datum = models.DateField(_("werkdag"), db_index=True)
    start = models.DateTimeField(_("begin"), null=True, blank=True)
    eind = models.DateTimeField(_("eind"), null=True, blank=True)
    pauze_minuten = models.PositiveSmallIntegerField(_("opgegeven pauze (min)"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND, db_index=True
    )
    # Computed by coop.services.uren.urenregels.bereken (the rules), stored so all parties see the same.
    verplichte_pauze_minuten = models.PositiveSmallIntegerField(
        _("wettelijke pauze (min)"), default=0
    )
    pauze_toegepast_minuten = models.PositiveSmallIntegerField(
        _("afgetrokken pauze (min)"), default=0
    )
    gewerkte_uren = _uren_veld(_("gewerkte uren"))
    doorbetaalde_uren = _uren_veld(_("doorbetaald bij annulering (uren)"))
    aanvulling_uren = _uren_veld(_("aanvulling tot minimum per oproep (uren)"))
    betaalde_uren = _uren_veld(_("te betalen uren"))
    toelichting_regels = models.JSONField(_("toegepaste regels"), default=list, blank=True)
    # A public holiday (its name) and the surcharge the package's agreement sets for it,
    # stored on the line so payroll pays what was agreed when the work was done.
    feestdag = models.CharField(_("feestdag"), max_length=60, blank=True, db_default="")
    feestdagtoeslag_procent = models.DecimalField(
        _("toeslag op feestdagen (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        db_default=Decimal("0"),
    )
    toeslag_uren = _uren_veld(_("feestdagtoeslag (uren)"), db_default=NUL)
    # Absence (coop.services.werk.afwezigheid): the hours the member would have worked, paid
    # as sick pay at `doorbetaling_procent` (not below the minimum wage while
    # `minimumloon_garantie`), or as leave hours at the full wage.
    ziek_uren = _uren_veld(_("ziekte-uren"), db_default=NUL)
    verlof_uren = _uren_veld(_("verlofuren"), db_default=NUL)
    doorbetaling_procent = models.DecimalField(
        _("loondoorbetaling bij ziekte (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        db_default=Decimal("0"),
    )
    minimumloon_garantie = models.BooleanField(
        _("niet lager dan het minimumloon"), default=False, db_default=False
    )

    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    betwist_reden = models.CharField(_("reden van bezwaar"), max_length=500, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    vaststelling_toelichting = models.CharField(
        _("toelichting bij vaststelling"), max_length=500, blank=True
    )
    periode = models.ForeignKey(
        Loonperiode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="urenregels",
        verbose_name=_("uitbetaald in periode"),
    )
    vergrendeld_op = models.DateTimeField(_("vergrendeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("urenregel")
        verbose_name_plural = _("urenregels")
        ordering = ["datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inzet"],
                condition=Q(corrigeert__isnull=True),
                name="urenregel_een_per_inzet",
                violation_error_message=_("Voor deze inzet zijn al uren ingediend."),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(start__lt=F("eind")),
                name="urenregel_start_voor_eind",
                violation_error_message=_("Het begin ligt niet vóór het eind."),
            ),
        ]

    def __str__(self) -> str:
        return f"Urenregel #{self.pk} {self.datum:%d-%m-%Y}: {self.betaalde_uren} uur"

    @property
    def vergrendeld(self) -> bool:
        return self.vergrendeld_op is not None


class Loonexport(TimeStampedModel):
    """One run of the payroll export of a period: progress, counts and the files' hashes."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    periode = models.ForeignKey(
        Loonperiode, on_delete=models.PROTECT, related_name="exports", verbose_name=_("periode")
    )
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    voortgang = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    melding = models.TextField(_("melding"), blank=True)
    aantal_regels = models.PositiveIntegerField(_("urenregels"), default=0)
    aantal_werknemers = models.PositiveIntegerField(_("werknemers"), default=0)
    totaal_uren = models.DecimalField(
        _("betaalde uren"), max_digits=10, decimal_places=2, default=NUL
    )
    totaal_bruto = models.DecimalField(
        _("bruto loon (€)"), max_digits=12, decimal_places=2, default=NUL
    )
    bestanden = models.JSONField(
        _("bestanden"), default=dict, blank=True, help_text=_("soort → {pad, sha256, grootte}")
    )
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    voorschot = models.BooleanField(
        _("voorschot (proefrun)"),
        default=False,
        help_text=_("Een voorschot vergrendelt geen uren en sluit de periode niet."),
    )

    class Meta:
        verbose_name = _("loonexport")
        verbose_name_plural = _("loonexports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voortgang__lte=100), name="loonexport_voortgang_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Loonexport #{self.pk} {self.periode.code} ({self.get_status_display()})"
