"""Issued documents: immutable once written, versioned by replacement, verified by hash."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coop.exceptions import Conflict
from coop.models import TimeStampedModel


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
        geraakt = set(kwargs) & set(Document.INHOUD_VELDEN)
        if geraakt:
            raise DocumentOnveranderlijk(
                "Een uitgegeven document kan niet worden gewijzigd; maak een nieuwe versie.",
                fields={veld: ["Kan niet worden gewijzigd."] for veld in sorted(geraakt)},
            )
        return super().update(**kwargs)

    def delete(self):
        raise DocumentOnveranderlijk("Een uitgegeven document kan niet worden verwijderd.")


class Document(TimeStampedModel):
    """One issued version of a document; a change is a new row that `vervangt` this one."""

    INHOUD_VELDEN = (
        "soort",
        "werknemer_id",
        "werkgever_id",
        "nummer",
        "versie",
        "vervangt_id",
        "sha256",
        "bestand",
        "grootte",
        "gegevens",
        "uitgegeven_op",
    )

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
    sha256 = models.CharField(_("SHA-256"), max_length=64)  # unique: one file, one record
    bestand = models.CharField(_("bestand"), max_length=200)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    gegevens = models.JSONField(_("gegevens"), encoder=DjangoJSONEncoder)
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
        opgeslagen = type(self).objects.filter(pk=self.pk).values(*self.INHOUD_VELDEN).first()
        if opgeslagen is None:
            return
        gewijzigd = [veld for veld in self.INHOUD_VELDEN if opgeslagen[veld] != getattr(self, veld)]
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


# --- Contract records and the worklist -----------------------------------------------------


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


class VerplichtingSoort(models.TextChoices):
    AANZEGGING = "aanzegging", _("aanzegging (voortzetting of einde)")
    AANBOD_VASTE_UREN = "aanbod_vaste_uren", _("aanbod vaste uren")
    KETENOMZETTING = "ketenomzetting", _("omzetting naar onbepaalde tijd (ketenregeling)")
    CERTIFICAAT = "certificaat", _("certificaat verloopt")
    WETTELIJK_GEGEVEN = "wettelijk_gegeven", _("wettelijk gegeven loopt af")
    VOORLOPIG_GEGEVEN = "voorlopig_gegeven", _("voorlopig wettelijk gegeven bevestigen")


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
                    ~Q(soort__in=("certificaat", *GEGEVEN_SOORTEN))
                    & Q(contract__isnull=False, certificaat__isnull=True, werknemer__isnull=False)
                ),
                name="verplichting_contract_of_certificaat",
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
            models.CheckConstraint(
                condition=Q(status="open", afgehandeld_op__isnull=True)
                | Q(status="afgehandeld", afgehandeld_op__isnull=False),
                name="verplichting_afgehandeld_op_bij_status",
            ),
        ]

    def __str__(self) -> str:
        wie = self.werknemer or self.gegeven
        return f"{self.get_soort_display()}: {wie} uiterlijk {self.vervaldatum:%d-%m-%Y}"


# --- Legal figures that staff maintain --------------------------------------------------------


class Zekerheid(models.TextChoices):
    HOOG = "H", _("H: hoog (meerdere bronnen, of de bekendmaking zelf)")
    MIDDEL = "M", _("M: middel (een goede bron, of afgeleid)")
    LAAG = "L", _("L: laag (niet bevestigd; voorlopig)")


class WettelijkGegevenGebruikt(Conflict):
    """A figure that a document, hours line or export used was about to be changed."""


# The columns that state the figure; once the row is used they never change (the database
# refuses it too, migration 0003). Metadata (source, confidence, provisional) may be improved.
GEGEVEN_INHOUD = ("tabel", "geldig_van", "geldig_tot", "waarde", "demo")


class WettelijkGegeven(TimeStampedModel):
    """One dated legal figure (a row of a table in contracten/tabellen.py), kept in the database
    so that staff can add the figures of a new period without a release.

    The rows written in code are loaded here (`herkomst=code`, command
    `wettelijke_gegevens_laden`, idempotent, also after every migrate); staff add rows in the
    admin (`herkomst=beheer`), audited. A row starting on the same day as another replaces it
    (`vervangt`), which is how a provisional figure that was already used is corrected: the old
    row stays, as the record of what was applied.
    """

    class Herkomst(models.TextChoices):
        CODE = "code", _("meegeleverd")
        BEHEER = "beheer", _("ingevoerd door een medewerker")
        DEMO = "demo", _("demo")

    tabel = models.CharField(_("gegeven"), max_length=60, db_index=True)
    geldig_van = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg: geldt tot een volgende rij begint."),
    )
    waarde = models.JSONField(_("waarde"))
    bron = models.CharField(_("bron"), max_length=500)
    zekerheid = models.CharField(_("zekerheid"), max_length=1, choices=Zekerheid.choices)
    voorlopig = models.BooleanField(
        _("voorlopig"),
        default=False,
        help_text=_("Berekend (indexering) omdat het bedrag nog niet bekend was; te bevestigen."),
    )
    demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Alleen voor de demo; nooit daarbuiten gebruikt.")
    )
    herkomst = models.CharField(_("herkomst"), max_length=10, choices=Herkomst.choices)
    vervangt = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangen_door",
        verbose_name=_("vervangt"),
    )
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    gebruikt_op = models.DateTimeField(
        _("eerst gebruikt op"),
        null=True,
        blank=True,
        help_text=_(
            "Sinds een document, urenregel of export dit gegeven gebruikte: onveranderlijk."
        ),
    )

    class Meta:
        verbose_name = _("wettelijk gegeven")
        verbose_name_plural = _("wettelijke gegevens")
        ordering = ["tabel", "-geldig_van", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="wettelijk_gegeven_periode",
                violation_error_message=_("'Geldig tot' ligt voor 'geldig vanaf'."),
            ),
            models.CheckConstraint(
                condition=Q(zekerheid__in=["H", "M", "L"]), name="wettelijk_gegeven_zekerheid"
            ),
            models.CheckConstraint(
                condition=~Q(vervangt=F("id")), name="wettelijk_gegeven_vervangt_niet_zichzelf"
            ),
        ]
        indexes = [models.Index(fields=["tabel", "geldig_van"], name="wettelijk_gegeven_dag")]

    def __str__(self) -> str:
        tot = f" t/m {self.geldig_tot:%d-%m-%Y}" if self.geldig_tot else ""
        kenmerk = " (voorlopig)" if self.voorlopig else (" (demo)" if self.demo else "")
        return f"{self.tabel} vanaf {self.geldig_van:%d-%m-%Y}{tot}{kenmerk}"

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk:
            opgeslagen = (
                type(self).objects.filter(pk=self.pk).values(*GEGEVEN_INHOUD, "gebruikt_op").first()
            )
            if opgeslagen and opgeslagen["gebruikt_op"] is not None:
                gewijzigd = [v for v in GEGEVEN_INHOUD if opgeslagen[v] != getattr(self, v)]
                if gewijzigd:
                    raise WettelijkGegevenGebruikt(
                        _(
                            "Dit wettelijk gegeven is al gebruikt (document, urenregel of "
                            "export) en kan niet meer worden gewijzigd; voer een nieuwe rij in "
                            "die het vervangt."
                        ),
                        fields={v: [_("Kan niet worden gewijzigd.")] for v in gewijzigd},
                    )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.gebruikt_op is not None or self.herkomst == self.Herkomst.CODE:
            raise WettelijkGegevenGebruikt(
                _("Een meegeleverd of al gebruikt wettelijk gegeven kan niet worden verwijderd.")
            )
        return super().delete(*args, **kwargs)
