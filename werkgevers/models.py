"""The demand side: employer members, their users and their locations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coop.core.models import Adres, TimeStampedModel
from coop.core.validators import validate_kvk


class Werkgever(TimeStampedModel):
    class Soort(models.TextChoices):
        WONINGCORPORATIE = "woningcorporatie", _("woningcorporatie")
        INSTELLING = "instelling", _("instelling")
        KLEIN_BEDRIJF = "klein_bedrijf", _("klein bedrijf")
        OVERIG = "overig", _("overig")

    class Status(models.TextChoices):
        ACTIEF = "actief", _("actief")
        GESCHORST = "geschorst", _("geschorst")
        UITGETREDEN = "uitgetreden", _("uitgetreden")

    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk]
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    lid_sinds = models.DateField(_("lid sinds"))
    lid_tot = models.DateField(_("lid tot"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF
    )
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lid_tot__isnull=True) | Q(lid_tot__gte=models.F("lid_sinds")),
                name="werkgever_lidmaatschap_volgorde",
                violation_error_message=_("'Lid tot' ligt vóór 'lid sinds'."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class WerkgeverGebruiker(TimeStampedModel):
    """A login that acts for one employer; a beheerder also manages the organisation's users."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="werkgever_gebruiker",
        verbose_name=_("gebruiker"),
    )
    werkgever = models.ForeignKey(
        Werkgever,
        on_delete=models.CASCADE,
        related_name="gebruikers",
        verbose_name=_("werkgever"),
    )
    is_beheerder = models.BooleanField(_("beheerder van de organisatie"), default=False)

    class Meta:
        verbose_name = _("gebruiker van werkgever")
        verbose_name_plural = _("gebruikers van werkgevers")

    def __str__(self) -> str:
        return f"{self.user} ({self.werkgever})"


class Locatie(TimeStampedModel, Adres):
    werkgever = models.ForeignKey(
        Werkgever,
        on_delete=models.CASCADE,
        related_name="locaties",
        verbose_name=_("werkgever"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["werkgever__naam", "naam"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="locatie_coord_idx")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.werkgever})"
