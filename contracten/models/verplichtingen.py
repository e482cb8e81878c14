"""Staff's worklist of labour-law deadlines: one item per natural key, marked done by staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contracten.models.arbeidscontracten import Arbeidscontract
from contracten.models.documenten import Document
from coop.core.models import TimeStampedModel


class VerplichtingSoort(models.TextChoices):
    AANZEGGING = "aanzegging", _("aanzegging (voortzetting of einde)")
    AANBOD_VASTE_UREN = "aanbod_vaste_uren", _("aanbod vaste uren")
    KETENOMZETTING = "ketenomzetting", _("omzetting naar onbepaalde tijd (ketenregeling)")
    CERTIFICAAT = "certificaat", _("certificaat verloopt")
    DOCUMENT_WEERGAVE = "document_weergave", _("PDF van een document kon niet worden gemaakt")
    WETTELIJK_GEGEVEN = "wettelijk_gegeven", _("wettelijk gegeven loopt af")
    VOORLOPIG_GEGEVEN = "voorlopig_gegeven", _("voorlopig wettelijk gegeven bevestigen")
    BERICHT = "bericht", _("bericht aan lid niet bezorgd")
    VERA_STATUS = "vera_status", _("statusbericht aan corporatie niet aangekomen")


# Worklist items about the legal figures themselves: no member, no contract.
GEGEVEN_SOORTEN = (VerplichtingSoort.WETTELIJK_GEGEVEN, VerplichtingSoort.VOORLOPIG_GEGEVEN)


class Verplichting(TimeStampedModel):
    """One item on staff's worklist of labour-law deadlines; created once per natural key.

    The key is (soort, contract, vervaldatum) for contract items and (soort, certificaat,
    vervaldatum) for certificates, so a daily run that finds the same item again adds nothing.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        AFGEHANDELD = "afgehandeld", _("afgehandeld")

    soort = models.CharField(_("soort"), max_length=30, choices=VerplichtingSoort.choices)
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("werknemer"),
    )
    gegeven = models.CharField(
        _("wettelijk gegeven"),
        max_length=60,
        blank=True,
        help_text=_("Bij een item over een wettelijk gegeven: de sleutel van de tabel."),
    )
    contract = models.ForeignKey(
        Arbeidscontract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("contract"),
    )
    certificaat = models.ForeignKey(
        "werknemers.Certificaat",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("certificaat"),
    )
    # A message to the member that could not be delivered (coop/notificaties).
    levering = models.ForeignKey(
        "notificaties.Levering",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("bericht"),
    )
    # A status message to a housing corporation that failed after its last attempt
    # (coop/intake, VERA OHD).
    statusmelding = models.ForeignKey(
        "intake.Statusmelding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("statusbericht (VERA)"),
    )
    vervaldatum = models.DateField(_("uiterlijk op"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    toelichting = models.CharField(_("toelichting"), max_length=500)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("brief"),
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    afhandeling = models.CharField(_("afhandeling"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("verplichting")
        verbose_name_plural = _("werklijst arbeidsrecht")
        ordering = ["status", "vervaldatum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    soort="certificaat",
                    contract__isnull=True,
                    certificaat__isnull=False,
                    werknemer__isnull=False,
                )
                | Q(
                    soort__in=GEGEVEN_SOORTEN,
                    contract__isnull=True,
                    certificaat__isnull=True,
                    werknemer__isnull=True,
                )
                & ~Q(gegeven="")
                | (
                    ~Q(
                        soort__in=(
                            "certificaat",
                            "bericht",
                            "document_weergave",
                            "vera_status",
                            *GEGEVEN_SOORTEN,
                        )
                    )
                    & Q(contract__isnull=False, certificaat__isnull=True, werknemer__isnull=False)
                )
                | Q(
                    soort="bericht",
                    contract__isnull=True,
                    certificaat__isnull=True,
                    werknemer__isnull=False,
                    levering__isnull=False,
                )
                | Q(
                    soort="document_weergave",
                    contract__isnull=True,
                    certificaat__isnull=True,
                    werknemer__isnull=False,
                    document__isnull=False,
                )
                | Q(
                    soort="vera_status",
                    contract__isnull=True,
                    certificaat__isnull=True,
                    werknemer__isnull=True,
                    statusmelding__isnull=False,
                ),
                name="verplichting_contract_of_certificaat",
            ),
            models.UniqueConstraint(
                fields=["soort", "document"],
                condition=Q(soort="document_weergave"),
                name="verplichting_weergave_uniek",
            ),
            models.UniqueConstraint(
                fields=["soort", "gegeven", "vervaldatum"],
                condition=Q(soort__in=GEGEVEN_SOORTEN),
                name="verplichting_gegeven_uniek",
            ),
            models.UniqueConstraint(
                fields=["soort", "contract", "vervaldatum"],
                condition=Q(contract__isnull=False),
                name="verplichting_contract_uniek",
            ),
            models.UniqueConstraint(
                fields=["soort", "certificaat", "vervaldatum"],
                condition=Q(certificaat__isnull=False),
                name="verplichting_certificaat_uniek",
            ),
            models.UniqueConstraint(
                fields=["soort", "levering"],
                condition=Q(levering__isnull=False),
                name="verplichting_bericht_uniek",
            ),
            models.UniqueConstraint(
                fields=["soort", "statusmelding"],
                condition=Q(statusmelding__isnull=False),
                name="verplichting_vera_status_uniek",
            ),
            models.CheckConstraint(
                condition=Q(status="open", afgehandeld_op__isnull=True)
                | Q(status="afgehandeld", afgehandeld_op__isnull=False),
                name="verplichting_afgehandeld_op_bij_status",
            ),
        ]

    def __str__(self) -> str:
        wie = self.werknemer or self.gegeven
        return f"{self.get_soort_display()}: {wie} uiterlijk {self.vervaldatum:%d-%m-%Y}"
