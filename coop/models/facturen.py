"""Invoices to employers, the SROI valuation model of the neighbourhood report, and imports.

Decisions (the rules themselves are in coop/services/facturen.py):

* An invoice covers one employer and one pay period (Loonperiode) and carries every approved
  hours line up to the period's last day that no live invoice of that employer holds yet;
  a late approval lands on the next invoice. Each line's hours are billed once: the
  `Factuurpost` rows say which hours line (or which share of it) is on which invoice.
* An issued invoice is immutable: its lines and amounts never change, only its status
  (gecrediteerd). A correction is a credit invoice with the negated lines, after which the
  hours can be invoiced again. Numbers are sequential per year without gaps (the number is
  drawn in the transaction that stores the invoice).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coop.core.models import TimeStampedModel

NUL = Decimal("0")


class FactuurOnveranderlijk(Exception):
    """An issued invoice or one of its lines was about to be changed or deleted."""


def _bedrag(label: str) -> models.DecimalField:
    return models.DecimalField(label, max_digits=12, decimal_places=2, default=NUL)


class Factuurreeks(TimeStampedModel):
    """The last invoice number used in a year; the row is locked while a number is drawn."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    laatste = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("factuurnummerreeks")
        verbose_name_plural = _("factuurnummerreeksen")

    def __str__(self) -> str:
        return f"{self.jaar}: {self.laatste}"


class Factuur(TimeStampedModel):
    """An invoice (or credit invoice) to one employer for one period; immutable once issued."""

    class Soort(models.TextChoices):
        FACTUUR = "factuur", _("factuur")
        CREDIT = "credit", _("creditfactuur")

    class Status(models.TextChoices):
        UITGEGEVEN = "uitgegeven", _("uitgegeven")
        GECREDITEERD = "gecrediteerd", _("gecrediteerd")

    # Only the status may change after issuing (a credit invoice marks its original).
    VERANDERLIJK = frozenset({"status", "updated_at"})

    nummer = models.CharField(_("factuurnummer"), max_length=20, unique=True)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.UITGEGEVEN
    )
    werkgever = models.ForeignKey(
        "werkgevers.Werkgever",
        on_delete=models.PROTECT,
        related_name="facturen",
        verbose_name=_("werkgever"),
    )
    periode = models.ForeignKey(
        "coop.Loonperiode",
        on_delete=models.PROTECT,
        related_name="facturen",
        verbose_name=_("periode"),
    )
    crediteert = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="creditfactuur",
        verbose_name=_("crediteert factuur"),
    )
    reden = models.CharField(_("reden (creditfactuur)"), max_length=300, blank=True)
    factuurdatum = models.DateField(_("factuurdatum"))
    vervaldatum = models.DateField(_("te betalen vóór"))
    # A snapshot: the invoice shows the employer as it was when it was issued.
    werkgever_naam = models.CharField(_("naam werkgever"), max_length=200)
    werkgever_kvk = models.CharField(_("KvK-nummer werkgever"), max_length=8, blank=True)
    bedrag_excl = _bedrag(_("totaal excl. btw (€)"))
    btw_percentage = models.DecimalField(_("btw-tarief"), max_digits=5, decimal_places=4)
    btw_bron = models.CharField(_("bron btw-tarief"), max_length=200)
    btw_bedrag = _bedrag(_("btw (€)"))
    bedrag_incl = _bedrag(_("totaal incl. btw (€)"))
    bestanden = models.JSONField(
        _("bestanden"), default=dict, blank=True, help_text=_("soort → {pad, sha256, grootte}")
    )
    uitgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uitgegeven door"),
    )

    class Meta:
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        ordering = ["-jaar", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["jaar", "volgnummer"], name="factuur_nummer_uniek"),
            # Idempotent per (period, employer): one live invoice at a time.
            models.UniqueConstraint(
                fields=["periode", "werkgever"],
                condition=Q(soort="factuur", status="uitgegeven"),
                name="factuur_een_per_periode_werkgever",
                violation_error_message=_("Voor deze periode en werkgever is al een factuur."),
            ),
            models.CheckConstraint(
                condition=Q(soort="factuur", crediteert__isnull=True)
                | Q(soort="credit", crediteert__isnull=False),
                name="factuur_credit_verwijst",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display().capitalize()} {self.nummer} ({self.werkgever_naam})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            velden = kwargs.get("update_fields")
            if velden is None or set(velden) - self.VERANDERLIJK:
                raise FactuurOnveranderlijk(
                    f"Factuur {self.nummer} is uitgegeven en kan niet meer worden gewijzigd; "
                    "maak een creditfactuur."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FactuurOnveranderlijk(f"Factuur {self.nummer} kan niet worden verwijderd.")


class _AlleenToevoegen(models.Model):
    """Rows of an issued invoice: written once with it, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise FactuurOnveranderlijk("Een regel van een uitgegeven factuur blijft zoals hij is.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FactuurOnveranderlijk("Een regel van een uitgegeven factuur blijft zoals hij is.")


class UrenSoort(models.TextChoices):
    GEWERKT = "gewerkt", _("gewerkte uren")
    DOORBETAALD = "doorbetaald", _("doorbetaald bij late annulering")
    AANVULLING = "aanvulling", _("aanvulling tot minimum per oproep")


class Factuurregel(_AlleenToevoegen):
    """One amount on the invoice: hours of one kind on one work package at its tariff."""

    factuur = models.ForeignKey(
        Factuur, on_delete=models.PROTECT, related_name="regels", verbose_name=_("factuur")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    werkpakket = models.ForeignKey(
        "coop.Werkpakket",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("werkpakket"),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    regie = models.CharField(_("regie"), max_length=20)
    uren_soort = models.CharField(_("soort uren"), max_length=15, choices=UrenSoort.choices)
    uren = models.DecimalField(_("uren"), max_digits=9, decimal_places=2)
    tarief = models.DecimalField(_("tarief per uur (€)"), max_digits=7, decimal_places=2)
    bedrag = _bedrag(_("bedrag (€)"))
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("factuurregel")
        verbose_name_plural = _("factuurregels")
        ordering = ["factuur", "volgorde"]

    def __str__(self) -> str:
        return f"{self.omschrijving}: {self.uren} × € {self.tarief} = € {self.bedrag}"


class Factuurpost(_AlleenToevoegen):
    """The specification: which hours line (or share of one) a factuurregel is made of."""

    factuur = models.ForeignKey(
        Factuur, on_delete=models.PROTECT, related_name="posten", verbose_name=_("factuur")
    )
    regel = models.ForeignKey(
        Factuurregel, on_delete=models.PROTECT, related_name="posten", verbose_name=_("regel")
    )
    urenregel = models.ForeignKey(
        "coop.Urenregel",
        on_delete=models.PROTECT,
        related_name="factuurposten",
        verbose_name=_("urenregel"),
    )
    datum = models.DateField(_("werkdag"))
    werknemer_naam = models.CharField(_("werknemer"), max_length=200)
    locatie = models.CharField(_("locatie"), max_length=200)
    uren_soort = models.CharField(_("soort uren"), max_length=15, choices=UrenSoort.choices)
    uren = models.DecimalField(_("uren"), max_digits=7, decimal_places=2)
    aandeel = models.DecimalField(
        _("aandeel"),
        max_digits=7,
        decimal_places=6,
        default=Decimal("1"),
        help_text=_("Deel van de urenregel voor deze werkgever (gebundelde vaste baan)."),
    )

    class Meta:
        verbose_name = _("factuurpost")
        verbose_name_plural = _("factuurposten")
        ordering = ["factuur", "datum", "pk"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.werknemer_naam}: {self.uren} uur"


# --- the neighbourhood-economy report --------------------------------------------------------

# Utrecht's "bouwblokken" SROI model: the value of one full-time year (36 hours a week) of
# work by a member of each target group, plus extras. Source: contracten/BRONNEN.md §12 (gemeente
# Utrecht, bouwblokkenmodel SROI), confidence M: staff check and change them in the admin.
# Target groups the model (as we know it) gives no value get 0 and a note in the report.
SROI_WAARDEN_UTRECHT = {
    "participatiewet": 40000,
    "banenafspraak": 50000,
    "ww": 20000,
    "bbl": 35000,
    "wia": 0,
    "nugger": 0,
    "vsv": 0,
    "statushouder": 0,
}
SROI_BONUS_UTRECHT = 10000  # each of: aged 50+, status holder, permanent contract (M)


# Said for the reader of the report: where the values come from and how sure they are.
SROI_BRON = "Gemeente Utrecht, SROI-bouwblokkenmodel (waarden met middelmatige zekerheid)"


class SroiModel(TimeStampedModel):
    """How the report values target-group hours (one row in use); defaults: Utrecht (M)."""

    naam = models.CharField(_("naam"), max_length=100, default="Utrecht bouwblokken")
    waarden = models.JSONField(
        _("waarde per voltijdjaar per doelgroep (€)"), default=dict, blank=True
    )
    uren_per_week = models.DecimalField(
        _("voltijd (uren per week)"), max_digits=4, decimal_places=1, default=Decimal("36")
    )
    weken_per_jaar = models.PositiveSmallIntegerField(_("weken per jaar"), default=52)
    bonus_50plus = models.DecimalField(
        _("extra voor 50+ (€ per jaar)"), max_digits=9, decimal_places=2, default=Decimal("10000")
    )
    bonus_statushouder = models.DecimalField(
        _("extra voor statushouders (€ per jaar)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("10000"),
    )
    bonus_vast_contract = models.DecimalField(
        _("extra voor een vaste baan (€ per jaar)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("10000"),
    )
    bron = models.CharField(
        _("bron"),
        max_length=300,
        default=SROI_BRON,
    )

    class Meta:
        verbose_name = _("SROI-model")
        verbose_name_plural = _("SROI-model")

    def __str__(self) -> str:
        return self.naam

    @classmethod
    def huidig(cls) -> "SroiModel":
        model = cls.objects.order_by("pk").first()
        if model is None:
            model = cls.objects.create(waarden=dict(SROI_WAARDEN_UTRECHT))
        return model

    @property
    def jaaruren(self) -> Decimal:
        return self.uren_per_week * self.weken_per_jaar


# --- imports ----------------------------------------------------------------------------


class Importrun(TimeStampedModel):
    """One upload of a workbook: who, what, and every refused row (kept for staff)."""

    class Soort(models.TextChoices):
        WERKPAKKETTEN = "werkpakketten", _("werkpakketten")
        WERKNEMERS = "werknemers", _("werknemers")

    class Uitkomst(models.TextChoices):
        GEIMPORTEERD = "geimporteerd", _("geïmporteerd")
        PROEF = "proef", _("proefrun (niets opgeslagen)")
        GEWEIGERD = "geweigerd", _("geweigerd")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    bestandsnaam = models.CharField(_("bestand"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    proef = models.BooleanField(_("proefrun"), default=False)
    alles_of_niets = models.BooleanField(_("alles of niets"), default=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    rijen = models.PositiveIntegerField(_("rijen"), default=0)
    aangemaakt = models.PositiveIntegerField(_("aangemaakt"), default=0)
    melding = models.TextField(_("melding"), blank=True)
    fouten = models.JSONField(_("fouten"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.bestandsnaam} ({self.get_uitkomst_display()})"
