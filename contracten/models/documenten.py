"""Issued documents: immutable once written, versioned by replacement, verified by hash."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import Conflict
from coop.core.models import TimeStampedModel


class DocumentSoort(models.TextChoices):
    ARBEIDSOVEREENKOMST = "arbeidsovereenkomst", _("arbeidsovereenkomst")
    OPROEPOVEREENKOMST = "oproepovereenkomst", _("oproepovereenkomst")
    OPROEP = "oproep", _("oproep")
    ANNULERING_OPROEP = "annulering_oproep", _("annulering van een oproep")
    AANBOD_VASTE_UREN = "aanbod_vaste_uren", _("aanbod vaste uren")
    AANZEGGING = "aanzegging", _("aanzegging")
    BEVESTIGING_ZIEKMELDING = "bevestiging_ziekmelding", _("bevestiging ziekmelding")


# The prefix of each kind's number (e.g. OPR-2026-000123): readable on the phone and on paper.
NUMMER_PREFIX = {
    DocumentSoort.ARBEIDSOVEREENKOMST: "AOK",
    DocumentSoort.OPROEPOVEREENKOMST: "OOK",
    DocumentSoort.OPROEP: "OPR",
    DocumentSoort.ANNULERING_OPROEP: "ANN",
    DocumentSoort.AANBOD_VASTE_UREN: "AVU",
    DocumentSoort.AANZEGGING: "AZG",
    DocumentSoort.BEVESTIGING_ZIEKMELDING: "ZKM",
}

# Documents an employer user may see (their calls); contracts stay between member and broker.
SOORTEN_VOOR_WERKGEVER = (DocumentSoort.OPROEP, DocumentSoort.ANNULERING_OPROEP)


class DocumentOnveranderlijk(Conflict):
    """An issued document was about to be changed or deleted: make a new version instead."""


class DocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Bulk updates bypass save(); refuse them for the content as well.
        geraakt = set(kwargs) & {*Document.INHOUD_VELDEN, *Document.BESTAND_VELDEN}
        if geraakt:
            raise DocumentOnveranderlijk(
                "Een uitgegeven document kan niet worden gewijzigd; maak een nieuwe versie.",
                fields={veld: ["Kan niet worden gewijzigd."] for veld in sorted(geraakt)},
            )
        return super().update(**kwargs)

    def bestand_vastleggen(self, *, pk: int, sha256: str, bestand: str, grootte: int) -> bool:
        """Record the rendered file of a document that has none yet (once: True if this did)."""
        nog_zonder = self.filter(pk=pk, sha256__isnull=True)
        return bool(
            models.QuerySet.update(
                nog_zonder,
                sha256=sha256,
                bestand=bestand,
                grootte=grootte,
                weergave=Document.Weergave.KLAAR,
                weergave_fout="",
            )
        )

    def delete(self):
        raise DocumentOnveranderlijk("Een uitgegeven document kan niet worden verwijderd.")


class Document(TimeStampedModel):
    """One issued version of a document; a change is a new row that `vervangt` this one.

    What the document states is fixed when it is issued, in the deciding transaction: its
    number, kind, version and the full snapshot of facts (`gegevens`, with its SHA-256). The
    PDF is rendered from that snapshot after the commit (contracten/weergave.py) and its file
    recorded once (`sha256`, `bestand`, `grootte`); neither ever changes afterwards.
    """

    INHOUD_VELDEN = (
        "soort",
        "werknemer_id",
        "werkgever_id",
        "nummer",
        "versie",
        "vervangt_id",
        "gegevens",
        "gegevens_sha256",
        "uitgegeven_op",
    )
    # Set once by the render (DocumentQuerySet.bestand_vastleggen), never by save().
    BESTAND_VELDEN = ("sha256", "bestand", "grootte")

    class Weergave(models.TextChoices):
        WACHT = "wacht", _("wordt gemaakt")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt, wordt opnieuw geprobeerd")

    soort = models.CharField(_("soort"), max_length=30, choices=DocumentSoort.choices)
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="documenten",
        verbose_name=_("werknemer"),
    )
    werkgever = models.ForeignKey(
        "werkgevers.Werkgever",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
        verbose_name=_("werkgever"),
        help_text=_("Bij een oproep: de werkgever die het document mag inzien."),
    )
    nummer = models.CharField(_("nummer"), max_length=20, db_index=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    vervangt = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangen_door",
        verbose_name=_("vervangt"),
    )
    # unique: one file, one record; empty until the PDF is rendered after the commit
    sha256 = models.CharField(_("SHA-256"), max_length=64, null=True, blank=True)
    bestand = models.CharField(_("bestand"), max_length=200, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    gegevens = models.JSONField(_("gegevens"), encoder=DjangoJSONEncoder)
    gegevens_sha256 = models.CharField(
        _("SHA-256 van de gegevens"),
        max_length=64,
        blank=True,
        help_text=_("Van de vastgelegde gegevens waaruit de PDF wordt gemaakt."),
    )
    weergave = models.CharField(
        _("PDF"), max_length=10, choices=Weergave.choices, default=Weergave.WACHT, db_index=True
    )
    weergave_pogingen = models.PositiveSmallIntegerField(
        _("pogingen om de PDF te maken"), default=0
    )
    weergave_fout = models.CharField(_("laatste fout bij het maken"), max_length=500, blank=True)
    uitgegeven_op = models.DateTimeField(_("uitgegeven op"))
    uitgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgegeven door"),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-uitgegeven_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nummer", "versie"],
                name="document_nummer_versie_uniek",
                violation_error_message=_("Deze versie van dit document bestaat al."),
            ),
            models.CheckConstraint(condition=Q(versie__gte=1), name="document_versie_vanaf_1"),
            models.UniqueConstraint(
                fields=["sha256"],
                name="document_sha256_uniek",
                violation_error_message=_("Dit bestand hoort al bij een ander document."),
            ),
            models.CheckConstraint(
                condition=(Q(versie=1) & Q(vervangt__isnull=True))
                | (Q(versie__gt=1) & Q(vervangt__isnull=False)),
                name="document_versie_volgt_vervanging",
                violation_error_message=_("Alleen een latere versie vervangt een document."),
            ),
            models.CheckConstraint(
                condition=~Q(vervangt=F("id")), name="document_vervangt_niet_zichzelf"
            ),
        ]
        indexes = [models.Index(fields=["werkgever", "soort"], name="document_werkgever_soort")]

    def __str__(self) -> str:
        return f"{self.nummer} v{self.versie} ({self.get_soort_display()})"

    @property
    def bestandsnaam(self) -> str:
        return f"{self.nummer}-v{self.versie}.pdf"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self._weiger_wijziging()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentOnveranderlijk("Een uitgegeven document kan niet worden verwijderd.")

    def _weiger_wijziging(self) -> None:
        velden = (*self.INHOUD_VELDEN, *self.BESTAND_VELDEN)
        opgeslagen = type(self).objects.filter(pk=self.pk).values(*velden).first()
        if opgeslagen is None:
            return
        if opgeslagen["sha256"] is not None and self.sha256 is None:
            # An instance loaded before the render: take the recorded file, never undo it.
            for veld in self.BESTAND_VELDEN:
                setattr(self, veld, opgeslagen[veld])
        gewijzigd = [veld for veld in velden if opgeslagen[veld] != getattr(self, veld)]
        if gewijzigd:
            raise DocumentOnveranderlijk(
                "Een uitgegeven document kan niet worden gewijzigd; maak een nieuwe versie.",
                fields={
                    veld.removesuffix("_id"): ["Kan niet worden gewijzigd."] for veld in gewijzigd
                },
            )


class Nummerreeks(TimeStampedModel):
    """The last number used per prefix and year; locked while a number is drawn."""

    prefix = models.CharField(_("prefix"), max_length=5)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    laatste = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("nummerreeks")
        verbose_name_plural = _("nummerreeksen")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "jaar"], name="nummerreeks_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.jaar}: {self.laatste}"
