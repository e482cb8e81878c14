"""The supply side: worker members, their skills, certificates and availability."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.core.fields import EncryptedCharField, blind_index, mask
from coop.core.models import Adres, TimeStampedModel


class Niveau(models.IntegerChoices):
    BASIS = 1, _("basis")
    GEVORDERD = 2, _("gevorderd")
    VAKKUNDIG = 3, _("vakkundig")


class Vaardigheid(TimeStampedModel):
    """A skill in the catalogue; `omvat` lists the skills that holding this one implies."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    omvat = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="onderdeel_van",
        verbose_name=_("omvat"),
    )

    class Meta:
        verbose_name = _("vaardigheid")
        verbose_name_plural = _("vaardigheden")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class CertificaatSoort(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("soort certificaat")
        verbose_name_plural = _("soorten certificaten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Werknemer(TimeStampedModel, Adres):
    class Status(models.TextChoices):
        ACTIEF = "actief", _("actief")
        GEPAUZEERD = "gepauzeerd", _("gepauzeerd")
        UITGETREDEN = "uitgetreden", _("uitgetreden")

    class Doelgroep(models.TextChoices):
        GEEN = "", _("niet vastgelegd")
        PARTICIPATIEWET = "participatiewet", _("Participatiewet")
        BANENAFSPRAAK = "banenafspraak", _("doelgroep banenafspraak")
        WW = "ww", _("WW (langer dan 12 maanden of 50+)")
        WIA = "wia", _("WIA/WGA, WAZ, IOAW of IOAZ")
        BBL = "bbl", _("BBL-leerling")
        NUGGER = "nugger", _("werkzoekende zonder uitkering")
        VSV = "vsv", _("voortijdig schoolverlater")
        STATUSHOUDER = "statushouder", _("statushouder")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="werknemer",
        verbose_name=_("gebruiker"),
    )
    voornaam = models.CharField(_("voornaam"), max_length=100)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=100)
    geboortedatum = models.DateField(_("geboortedatum"))
    bsn = EncryptedCharField(_("BSN"))
    bsn_index = models.CharField(_("BSN-index"), max_length=64, unique=True, editable=False)
    iban = EncryptedCharField(_("IBAN"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    talen = models.CharField(
        _("talen"), max_length=200, blank=True, help_text=_("Komma-gescheiden, bijv. nl,ar,tr")
    )
    max_reisafstand_km = models.DecimalField(
        _("maximale reisafstand (km)"), max_digits=5, decimal_places=1, default=5
    )
    uren_per_week_min = models.PositiveSmallIntegerField(
        _("gewenste uren per week (min)"), default=0
    )
    uren_per_week_max = models.PositiveSmallIntegerField(
        _("gewenste uren per week (max)"), default=24
    )
    lid_sinds = models.DateField(_("lid sinds"))
    lid_tot = models.DateField(_("lid tot"), null=True, blank=True)
    inleg_betaald = models.DecimalField(
        _("ledeninleg betaald (€)"), max_digits=8, decimal_places=2, default=0
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF, db_index=True
    )
    sroi_toestemming = models.BooleanField(
        _("toestemming doelgroepstatus vast te leggen"), default=False
    )
    sroi_doelgroep = models.CharField(
        _("SROI-doelgroep"), max_length=20, choices=Doelgroep.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("werknemer")
        verbose_name_plural = _("werknemers")
        ordering = ["achternaam", "voornaam"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="werknemer_coord_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(uren_per_week_min__lte=F("uren_per_week_max")),
                name="werknemer_uren_bereik",
                violation_error_message=_("Minimum uren per week is groter dan het maximum."),
            ),
            models.CheckConstraint(
                condition=Q(sroi_toestemming=True) | Q(sroi_doelgroep=""),
                name="werknemer_doelgroep_alleen_met_toestemming",
                violation_error_message=_(
                    "De doelgroepstatus mag alleen worden vastgelegd met toestemming van het lid."
                ),
            ),
            models.CheckConstraint(
                condition=Q(lid_tot__isnull=True) | Q(lid_tot__gte=F("lid_sinds")),
                name="werknemer_lidmaatschap_volgorde",
                violation_error_message=_("'Lid tot' ligt vóór 'lid sinds'."),
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in (self.voornaam, self.tussenvoegsel, self.achternaam) if p)

    @property
    def korte_naam(self) -> str:
        """First name and the surname's initial ('Fatima E.'): what an employer sees."""
        initiaal = f" {self.achternaam[:1].upper()}." if self.achternaam else ""
        return f"{self.voornaam}{initiaal}"

    @property
    def bsn_gemaskeerd(self) -> str:
        return mask(self.bsn, keep=3)

    @property
    def iban_gemaskeerd(self) -> str:
        return mask(self.iban, keep=4)

    def save(self, *args, **kwargs):
        self.bsn_index = blind_index(self.bsn)
        super().save(*args, **kwargs)


class WerknemerVaardigheid(TimeStampedModel):
    werknemer = models.ForeignKey(
        Werknemer,
        on_delete=models.CASCADE,
        related_name="vaardigheden",
        verbose_name=_("werknemer"),
    )
    vaardigheid = models.ForeignKey(
        Vaardigheid,
        on_delete=models.PROTECT,
        related_name="houders",
        verbose_name=_("vaardigheid"),
    )
    niveau = models.PositiveSmallIntegerField(
        _("niveau"), choices=Niveau.choices, default=Niveau.BASIS
    )

    class Meta:
        verbose_name = _("vaardigheid van werknemer")
        verbose_name_plural = _("vaardigheden van werknemers")
        constraints = [
            models.UniqueConstraint(
                fields=["werknemer", "vaardigheid"],
                name="werknemer_vaardigheid_uniek",
                violation_error_message=_("Deze werknemer heeft deze vaardigheid al."),
            ),
        ]
        indexes = [models.Index(fields=["vaardigheid", "niveau"], name="wv_vaardigheid_niveau_idx")]

    def __str__(self) -> str:
        return f"{self.vaardigheid} ({self.get_niveau_display()})"


class Certificaat(TimeStampedModel):
    werknemer = models.ForeignKey(
        Werknemer,
        on_delete=models.CASCADE,
        related_name="certificaten",
        verbose_name=_("werknemer"),
    )
    soort = models.ForeignKey(
        CertificaatSoort,
        on_delete=models.PROTECT,
        related_name="certificaten",
        verbose_name=_("soort"),
    )
    nummer = models.CharField(_("nummer"), max_length=50, blank=True)
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        ordering = ["werknemer", "soort", "-geldig_van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="certificaat_geldigheid_volgorde",
                violation_error_message=_("'Geldig tot' ligt vóór 'geldig van'."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.nummer}".strip()

    def geldig_op(self, dag: date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class Beschikbaarheid(TimeStampedModel):
    """One block of the weekly pattern: available on this weekday between these times."""

    werknemer = models.ForeignKey(
        Werknemer,
        on_delete=models.CASCADE,
        related_name="beschikbaarheid",
        verbose_name=_("werknemer"),
    )
    weekdag = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekdag.choices)
    begin = models.TimeField(_("van"))
    eind = models.TimeField(_("tot"))

    class Meta:
        verbose_name = _("beschikbaarheid (weekpatroon)")
        verbose_name_plural = _("beschikbaarheid (weekpatroon)")
        ordering = ["werknemer", "weekdag", "begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(begin__lt=F("eind")),
                name="beschikbaarheid_begin_voor_eind",
                violation_error_message=_("Het begin ligt niet vóór het eind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekdag_display()} {self.begin:%H:%M}-{self.eind:%H:%M}"


class Afwezigheid(TimeStampedModel):
    """A dated exception to the weekly pattern (leave, illness, other)."""

    class Reden(models.TextChoices):
        VERLOF = "verlof", _("verlof")
        ZIEK = "ziek", _("ziek")
        ANDERS = "anders", _("anders")

    werknemer = models.ForeignKey(
        Werknemer,
        on_delete=models.CASCADE,
        related_name="afwezigheden",
        verbose_name=_("werknemer"),
    )
    van = models.DateField(_("van"))
    tot_en_met = models.DateField(_("tot en met"))
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices, default=Reden.VERLOF)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")
        ordering = ["werknemer", "van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(van__lte=F("tot_en_met")),
                name="afwezigheid_van_voor_tot",
                violation_error_message=_("'Van' ligt na 'tot en met'."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reden_display()} {self.van} – {self.tot_en_met}"
