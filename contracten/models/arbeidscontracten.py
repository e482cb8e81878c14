"""Contract records and calls: what was agreed with a member, each with its document."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from contracten.models.documenten import Document
from coop.core.models import TimeStampedModel


class ContractSoort(models.TextChoices):
    ARBEIDSOVEREENKOMST = "arbeidsovereenkomst", _("arbeidsovereenkomst")
    OPROEPOVEREENKOMST = "oproepovereenkomst", _("oproepovereenkomst")


class Arbeidscontract(TimeStampedModel):
    """One employment contract between the broker and a member, with the document that states it.

    The chain rule is computed from a member's earlier fixed-term records; the worklist
    finds notices and offers due from them. `kenmerk` names what the contract was made for
    (e.g. the permanent job), so the same decision never yields two contracts.
    """

    class Status(models.TextChoices):
        ACTIEF = "actief", _("actief")
        BEEINDIGD = "beeindigd", _("beëindigd")

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="arbeidscontracten",
        verbose_name=_("werknemer"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=ContractSoort.choices)
    kenmerk = models.CharField(_("kenmerk"), max_length=50, blank=True)
    functie = models.CharField(_("functie"), max_length=200)
    begin = models.DateField(_("ingangsdatum"))
    eind = models.DateField(_("einddatum"), null=True, blank=True)
    bepaalde_tijd = models.BooleanField(_("bepaalde tijd"))
    nummer_in_keten = models.PositiveSmallIntegerField(_("nummer in de keten"), default=1)
    keten_begin = models.DateField(_("begin van de keten"))
    keten_toelichting = models.CharField(_("ketenregeling"), max_length=500, blank=True)
    proeftijd_maanden = models.PositiveSmallIntegerField(_("proeftijd (maanden)"), default=0)
    uren_per_week = models.DecimalField(
        _("uren per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    uurloon = models.DecimalField(_("bruto uurloon (€)"), max_digits=7, decimal_places=2)
    wachtdagen = models.PositiveSmallIntegerField(
        _("wachtdagen bij ziekte"),
        default=0,
        db_default=0,
        help_text=_(
            "Alleen als de overeenkomst ze schriftelijk noemt; de wet staat er ten hoogste "
            "twee toe (art. 7:629 lid 9 BW)."
        ),
    )
    document = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        related_name="arbeidscontract",
        verbose_name=_("document"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF, db_index=True
    )

    class Meta:
        verbose_name = _("arbeidscontract")
        verbose_name_plural = _("arbeidscontracten")
        ordering = ["werknemer", "-begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("begin")),
                name="arbeidscontract_eind_na_begin",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            ),
            models.CheckConstraint(
                condition=Q(bepaalde_tijd=True, eind__isnull=False)
                | Q(bepaalde_tijd=False, eind__isnull=True),
                name="arbeidscontract_bepaalde_tijd_heeft_eind",
                violation_error_message=_("Alleen een contract voor bepaalde tijd heeft een eind."),
            ),
            models.CheckConstraint(
                condition=Q(uurloon__gt=0), name="arbeidscontract_uurloon_positief"
            ),
            models.UniqueConstraint(
                fields=["werknemer", "kenmerk"],
                condition=~Q(kenmerk=""),
                name="arbeidscontract_kenmerk_uniek",
                violation_error_message=_("Voor dit werk bestaat al een contract."),
            ),
        ]
        indexes = [models.Index(fields=["werknemer", "soort", "begin"], name="contract_wn_soort")]

    def __str__(self) -> str:
        eind = f"{self.eind:%d-%m-%Y}" if self.eind else _("onbepaalde tijd")
        return f"{self.get_soort_display()} {self.werknemer} {self.begin:%d-%m-%Y} – {eind}"

    def loopt_op(self, dag) -> bool:
        return self.begin <= dag and (self.eind is None or dag <= self.eind)


class Oproep(TimeStampedModel):
    """One written call under an on-call contract, and its cancellation if that follows.

    The called hours and the hours kept on a late cancellation are what the yearly
    fixed-hours offer averages (7:628a lid 5); `kenmerk` names the broker's assignment.
    """

    class Status(models.TextChoices):
        ACTIEF = "actief", _("actief")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

    contract = models.ForeignKey(
        Arbeidscontract,
        on_delete=models.PROTECT,
        related_name="oproepen",
        verbose_name=_("oproepovereenkomst"),
    )
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="oproepen",
        verbose_name=_("werknemer"),
    )
    werkgever = models.ForeignKey(
        "werkgevers.Werkgever",
        on_delete=models.PROTECT,
        related_name="oproepen",
        verbose_name=_("werkgever"),
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=50, unique=True)
    begin = models.DateTimeField(_("begin"))
    eind = models.DateTimeField(_("eind"))
    betaalde_uren = models.DecimalField(_("betaalde uren"), max_digits=5, decimal_places=2)
    uurloon = models.DecimalField(_("bruto uurloon (€)"), max_digits=7, decimal_places=2)
    opgeroepen_op = models.DateTimeField(_("opgeroepen op"))
    korte_termijn = models.BooleanField(_("korter dan de oproeptermijn"), default=False)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="oproep", verbose_name=_("oproep")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF, db_index=True
    )
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    uren_doorbetaald = models.DecimalField(
        _("uren doorbetaald"), max_digits=5, decimal_places=2, default=0
    )
    annulering = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annulering_van",
        verbose_name=_("annulering"),
    )

    class Meta:
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        ordering = ["-begin"]
        constraints = [
            models.CheckConstraint(condition=Q(begin__lt=F("eind")), name="oproep_begin_voor_eind"),
            models.CheckConstraint(
                condition=Q(status="actief", annulering__isnull=True)
                | Q(status="geannuleerd", annulering__isnull=False),
                name="oproep_annulering_bij_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.nummer} {self.werknemer} {self.begin:%d-%m-%Y %H:%M}"
