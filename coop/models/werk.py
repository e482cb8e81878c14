"""The broker's records of posted work: settings, categories, work packages and their needs.

Jobs and shifts are in werk_diensten, offers, assignments and their history in werk_inzet;
all belong to the app `coop`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracten.arbeidstijd import NORMEN_VOLWASSEN
from contracten.feiten import GeenRegelVoorDatum
from coop.core.models import TimeStampedModel


class Instellingen(TimeStampedModel):
    """The broker's configurable defaults (one row); staff change them in the admin."""

    structureel_min_weken = models.PositiveSmallIntegerField(
        _("structureel vanaf (weken)"),
        default=13,
        help_text=_(
            "Terugkerend werk van minstens zoveel weken (of zonder einde) wordt vast werk."
        ),
    )
    max_dienst_uren = models.DecimalField(
        _("maximale dienstlengte incidenteel (uren)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("8"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("Nooit boven het wettelijke maximum per dienst (Arbeidstijdenwet)."),
    )
    bundel_min_uren = models.DecimalField(
        _("vaste baan minimaal (uren/week)"), max_digits=4, decimal_places=1, default=Decimal("12")
    )
    bundel_max_uren = models.DecimalField(
        _("vaste baan maximaal (uren/week)"), max_digits=4, decimal_places=1, default=Decimal("32")
    )
    reissnelheid_kmh = models.DecimalField(
        _("reissnelheid tussen locaties (km/u)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("15"),
    )
    bundel_max_afstand_km = models.DecimalField(
        _("maximale afstand binnen een bundel (km)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("5"),
    )
    gewicht_afstand = models.FloatField(_("gewicht afstand"), default=1.0)
    gewicht_zelfde_wijk = models.FloatField(_("gewicht zelfde wijk"), default=1.0)
    gewicht_eerlijkheid = models.FloatField(_("gewicht eerlijke verdeling"), default=1.0)
    doelgroep_bonus = models.FloatField(_("bonus SROI-doelgroep"), default=0.5)
    gewicht_continuiteit = models.FloatField(_("gewicht continuïteit"), default=0.5)
    aanbod_geldig_uren = models.PositiveSmallIntegerField(
        _("reactietijd op een aanbod (uren)"), default=24
    )

    class Meta:
        verbose_name = _("instellingen van de makelaar")
        verbose_name_plural = _("instellingen van de makelaar")

    def __str__(self) -> str:
        return str(_("Instellingen"))

    def clean(self) -> None:
        # Shifts are planned in whole quarters of an hour (coop/engines/splitting.py).
        if self.max_dienst_uren is not None and (self.max_dienst_uren * 4) % 1:
            raise ValidationError(
                {"max_dienst_uren": _("Geef de dienstlengte in hele kwartieren, zoals 7,75.")}
            )
        self._controleer_wettelijke_dienstlengte()
        if (
            self.bundel_min_uren
            and self.bundel_max_uren
            and self.bundel_min_uren > self.bundel_max_uren
        ):
            raise ValidationError({"bundel_max_uren": _("Het maximum ligt onder het minimum.")})

    def _controleer_wettelijke_dienstlengte(self) -> None:
        """The legal maximum of an adult's shift today, from the working-time table."""
        if self.max_dienst_uren is None:
            return
        try:
            wettelijk = NORMEN_VOLWASSEN.op(timezone.localdate()).max_dienst_uren
        except GeenRegelVoorDatum as exc:
            raise ValidationError({"max_dienst_uren": str(exc)}) from None
        if self.max_dienst_uren > wettelijk:
            raise ValidationError(
                {
                    "max_dienst_uren": _(
                        "Een dienst duurt volgens de Arbeidstijdenwet hoogstens %(max)s uur."
                    )
                    % {"max": f"{wettelijk.normalize():f}".replace(".", ",")}
                }
            )

    @classmethod
    def huidig(cls) -> "Instellingen":
        return cls.objects.order_by("pk").first() or cls.objects.create()


class Categorie(models.TextChoices):
    SCHOONMAAK = "schoonmaak", _("schoonmaak")
    SCHILDERWERK = "schilderwerk", _("schilderwerk")
    VERHUISHULP = "verhuishulp", _("verhuishulp")
    TUINONDERHOUD = "tuinonderhoud", _("tuinonderhoud")
    GEBOUWBEHEER = "gebouwbeheer", _("gebouwbeheer")
    REPARATIES = "reparaties", _("reparaties")
    HUISMEESTER = "huismeester", _("huismeesterwerk")
    OVERIG = "overig", _("overig")


class Werkpakket(TimeStampedModel):
    """Work an employer posts: one-off volume in a window, or a recurring weekly pattern."""

    class Soort(models.TextChoices):
        EENMALIG = "eenmalig", _("eenmalig")
        TERUGKEREND = "terugkerend", _("terugkerend")

    class Regie(models.TextChoices):
        MAKELAAR = "makelaar", _("makelaar stuurt het werk aan (aanneming van werk)")
        OPDRACHTGEVER = (
            "opdrachtgever",
            _("werk onder leiding van de opdrachtgever (terbeschikkingstelling)"),
        )

    class Feestdagen(models.TextChoices):
        VRIJ = "vrij", _("vrij: op feestdagen wordt niet gewerkt")
        DOORWERKEN = "doorwerken", _("doorwerken: ook op feestdagen")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        GEPUBLICEERD = "gepubliceerd", _("gepubliceerd")
        GESPLITST = "gesplitst", _("gesplitst")
        DEELS_GEVULD = "deels_gevuld", _("deels gevuld")
        GEVULD = "gevuld", _("gevuld")
        AFGEROND = "afgerond", _("afgerond")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

    werkgever = models.ForeignKey(
        "werkgevers.Werkgever",
        on_delete=models.PROTECT,
        related_name="werkpakketten",
        verbose_name=_("werkgever"),
    )
    locatie = models.ForeignKey(
        "werkgevers.Locatie",
        on_delete=models.PROTECT,
        related_name="werkpakketten",
        verbose_name=_("locatie"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    categorie = models.CharField(_("categorie"), max_length=20, choices=Categorie.choices)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    vroegste_start = models.DateField(_("vroegste start"), null=True, blank=True)
    uiterlijk_eind = models.DateField(_("uiterlijk klaar"), null=True, blank=True)
    totaal_uren = models.DecimalField(
        _("totaal uren"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    max_uren_per_dag = models.DecimalField(
        _("maximaal uren per dag"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    max_personen = models.PositiveSmallIntegerField(_("maximaal tegelijk"), default=1)
    dag_begin = models.TimeField(
        _("begintijd"),
        null=True,
        blank=True,
        help_text=_("Eenmalig werk: de diensten beginnen om deze tijd; leeg: 08:00."),
    )
    dagen = models.JSONField(
        _("toegestane weekdagen"),
        default=list,
        blank=True,
        help_text=_("0 = maandag … 6 = zondag; leeg: maandag tot en met vrijdag."),
    )
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    tarief_per_uur = models.DecimalField(_("tarief per uur (€)"), max_digits=7, decimal_places=2)
    regie = models.CharField(
        _("regie"), max_length=20, choices=Regie.choices, default=Regie.MAKELAAR
    )
    feestdagen = models.CharField(
        _("feestdagen"),
        max_length=12,
        choices=Feestdagen.choices,
        default=Feestdagen.VRIJ,
        db_default=Feestdagen.VRIJ,
        help_text=_("Wat er op een algemeen erkende feestdag met het vaste werk gebeurt."),
    )
    feestdagtoeslag_procent = models.DecimalField(
        _("toeslag op feestdagen (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        db_default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("300"))],
        help_text=_(
            "Afgesproken toeslag op het loon voor uren gewerkt op een feestdag "
            "(een afspraak met de werkgever, geen wettelijk gegeven)."
        ),
    )
    vereiste_certificaten = models.ManyToManyField(
        "werknemers.CertificaatSoort",
        blank=True,
        related_name="+",
        verbose_name=_("vereiste certificaten"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True
    )
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("werkpakket")
        verbose_name_plural = _("werkpakketten")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tarief_per_uur__gt=0),
                name="werkpakket_tarief_positief",
                violation_error_message=_("Het tarief moet groter dan nul zijn."),
            ),
            models.CheckConstraint(
                condition=Q(max_personen__gte=1),
                name="werkpakket_max_personen_min_1",
                violation_error_message=_("Minstens één persoon."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.werkgever})"


class PakketVaardigheid(models.Model):
    werkpakket = models.ForeignKey(
        Werkpakket,
        on_delete=models.CASCADE,
        related_name="vaardigheden",
        verbose_name=_("werkpakket"),
    )
    vaardigheid = models.ForeignKey(
        "werknemers.Vaardigheid",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vaardigheid"),
    )
    min_niveau = models.PositiveSmallIntegerField(
        _("minimaal niveau"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        verbose_name = _("vereiste vaardigheid")
        verbose_name_plural = _("vereiste vaardigheden")
        constraints = [
            models.UniqueConstraint(
                fields=["werkpakket", "vaardigheid"], name="pakket_vaardigheid_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vaardigheid} ≥ {self.min_niveau}"


class PakketTijdvak(models.Model):
    """One block of a recurring package's weekly pattern."""

    werkpakket = models.ForeignKey(
        Werkpakket,
        on_delete=models.CASCADE,
        related_name="tijdvakken",
        verbose_name=_("werkpakket"),
    )
    weekdag = models.PositiveSmallIntegerField(
        _("weekdag"), validators=[MinValueValidator(0), MaxValueValidator(6)]
    )
    begin = models.TimeField(_("van"))
    eind = models.TimeField(_("tot"))

    class Meta:
        verbose_name = _("tijdvak")
        verbose_name_plural = _("weekpatroon")
        ordering = ["weekdag", "begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(begin__lt=F("eind")),
                name="pakket_tijdvak_begin_voor_eind",
                violation_error_message=_("Het begin ligt niet vóór het eind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekdag} {self.begin:%H:%M}-{self.eind:%H:%M}"


class PakketVenster(models.Model):
    """A time window on one date in which a one-off package's work must happen (say the block
    a tenant agreed to be at home); with windows, every shift falls inside one of them."""

    werkpakket = models.ForeignKey(
        Werkpakket,
        on_delete=models.CASCADE,
        related_name="vensters",
        verbose_name=_("werkpakket"),
    )
    datum = models.DateField(_("datum"))
    begin = models.TimeField(_("van"))
    eind = models.TimeField(_("tot"))

    class Meta:
        verbose_name = _("tijdvenster")
        verbose_name_plural = _("tijdvensters (eenmalig werk)")
        ordering = ["datum", "begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(begin__lt=F("eind")),
                name="pakket_venster_begin_voor_eind",
                violation_error_message=_("Het begin ligt niet vóór het eind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.begin:%H:%M}-{self.eind:%H:%M}"
