"""Work orders from housing corporations (VERA OHD): the link per corporation, its keys,
the mapping tables staff maintain, the orders, the members' completion reports and the
status messages pushed back."""

import hashlib
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.core.models import TimeStampedModel
from coop.intake import referentiedata as ref
from coop.models.werk import Categorie


def _keuzes(lijst: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, f"{code} – {naam}") for code, naam in sorted(lijst.items())]


class Koppeling(TimeStampedModel):
    """How one corporation (a Werkgever) sends orders: the account that acts for it in the
    broker's services, the tariff and default hours of its orders, and where status goes."""

    werkgever = models.OneToOneField(
        "werkgevers.Werkgever",
        on_delete=models.PROTECT,
        related_name="vera_koppeling",
        verbose_name=_("werkgever"),
    )
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="vera_koppeling",
        verbose_name=_("systeemgebruiker"),
        help_text=_("Handelt namens de corporatie, met precies de rechten van een werkgever."),
    )
    tarief_per_uur = models.DecimalField(
        _("tarief per uur (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Zonder tarief worden orders geweigerd."),
    )
    standaard_uren = models.DecimalField(
        _("uren per order zonder voorcalculatie"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    direct_publiceren = models.BooleanField(
        _("orders direct publiceren"),
        default=True,
        help_text=_("Uit: een medewerker publiceert het werkpakket zelf."),
    )
    callback_url = models.URLField(
        _("adres voor statusberichten"),
        blank=True,
        help_text=_(
            "Basisadres van de OHD-API van de corporatie; elke statuswijziging gaat als "
            "PUT naar <adres>/onderhoudsorders/<id>. Leeg: de corporatie haalt de status op."
        ),
    )
    callback_sleutel = models.CharField(
        _("API-sleutel bij de corporatie"),
        max_length=200,
        blank=True,
        help_text=_("Meegestuurd als X-API-KEY bij statusberichten."),
    )

    class Meta:
        verbose_name = _("VERA-koppeling")
        verbose_name_plural = _("VERA-koppelingen")

    def __str__(self) -> str:
        return str(self.werkgever)


class Sleutel(TimeStampedModel):
    """An X-API-KEY of a corporation; only its SHA-256 is stored."""

    koppeling = models.ForeignKey(
        Koppeling, on_delete=models.CASCADE, related_name="sleutels", verbose_name=_("koppeling")
    )
    key_hash = models.CharField(_("sleutel-hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("begin van de sleutel"), max_length=8, editable=False)
    naam = models.CharField(_("naam"), max_length=100, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("VERA-sleutel")
        verbose_name_plural = _("VERA-sleutels")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.koppeling})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, koppeling: Koppeling, naam: str = "") -> tuple["Sleutel", str]:
        key = secrets.token_urlsafe(32)
        sleutel = cls.objects.create(
            koppeling=koppeling, key_hash=cls.hash(key), prefix=key[:8], naam=naam
        )
        return sleutel, key

    @property
    def is_actief(self) -> bool:
        return self.ingetrokken_op is None


class OnderhoudsoortCategorie(TimeStampedModel):
    """Mapping table: the VERA kind of maintenance -> the broker's category."""

    code = models.CharField(
        _("onderhoudsoort (VERA)"),
        max_length=3,
        unique=True,
        choices=_keuzes(ref.ONDERHOUDSOORT),
    )
    categorie = models.CharField(_("categorie"), max_length=20, choices=Categorie.choices)

    class Meta:
        verbose_name = _("onderhoudsoort → categorie")
        verbose_name_plural = _("onderhoudsoorten → categorieën")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} → {self.categorie}"


class SpecialismeVaardigheid(TimeStampedModel):
    """Mapping table: the VERA specialism of a task -> a skill and its minimum level."""

    code = models.CharField(
        _("specialisme (VERA)"),
        max_length=3,
        unique=True,
        choices=_keuzes(ref.ONDERHOUDSPECIALISME),
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
        verbose_name = _("specialisme → vaardigheid")
        verbose_name_plural = _("specialismen → vaardigheden")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} → {self.vaardigheid}"


class Onderhoudsorder(TimeStampedModel):
    """One corporation's work order, as last received, and the work package it became."""

    koppeling = models.ForeignKey(
        Koppeling, on_delete=models.PROTECT, related_name="orders", verbose_name=_("koppeling")
    )
    order_id = models.CharField(_("id bij de corporatie"), max_length=200)
    bericht = models.JSONField(_("ontvangen bericht"))
    vingerafdruk = models.CharField(_("SHA-256 van het bericht"), max_length=64)
    werkafdruk = models.CharField(
        _("SHA-256 van het werk"),
        max_length=64,
        help_text=_("Van alles waaruit het werkpakket en de briefing bestaan."),
    )
    werkpakket = models.ForeignKey(
        "coop.Werkpakket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vera_orders",
        verbose_name=_("werkpakket"),
    )
    status = models.CharField(
        _("status (VERA)"),
        max_length=3,
        choices=_keuzes(ref.ONDERHOUDSORDERSTATUS),
        default="REG",
    )
    status_sinds = models.DateTimeField(_("status sinds"), default=timezone.now)
    begindatum = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    technisch_gereed_op = models.DateTimeField(_("technisch gereed op"), null=True, blank=True)
    financieel_gereed_op = models.DateTimeField(_("financieel gereed op"), null=True, blank=True)
    versie = models.PositiveIntegerField(_("aantal wijzigingen"), default=1)

    class Meta:
        verbose_name = _("onderhoudsorder")
        verbose_name_plural = _("onderhoudsorders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["koppeling", "order_id"], name="onderhoudsorder_uniek_per_corporatie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id} ({self.koppeling})"


class Pakketbriefing(TimeStampedModel):
    """What only the member assigned to a package reads: the work and the tenant's contact."""

    werkpakket = models.OneToOneField(
        "coop.Werkpakket",
        on_delete=models.CASCADE,
        related_name="briefing",
        verbose_name=_("werkpakket"),
    )
    tekst = models.TextField(_("briefing"))

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self) -> str:
        return f"Briefing bij {self.werkpakket}"


class Gereedmelding(TimeStampedModel):
    """The member reports the work of a package done, with a note and optional photos."""

    werkpakket = models.ForeignKey(
        "coop.Werkpakket",
        on_delete=models.PROTECT,
        related_name="gereedmeldingen",
        verbose_name=_("werkpakket"),
    )
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.PROTECT,
        related_name="gereedmeldingen",
        verbose_name=_("werknemer"),
    )
    notitie = models.TextField(_("notitie"))
    reistijd_minuten = models.PositiveSmallIntegerField(
        _("reistijd (minuten)"), default=0, validators=[MaxValueValidator(600)]
    )

    class Meta:
        verbose_name = _("gereedmelding")
        verbose_name_plural = _("gereedmeldingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.werkpakket} gereed ({self.werknemer})"


class GereedmeldingFoto(TimeStampedModel):
    """A photo with a completion report, stored by content hash like issued documents."""

    gereedmelding = models.ForeignKey(
        Gereedmelding, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("melding")
    )
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=50)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bestand = models.CharField(_("bestand"), max_length=200)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")

    def __str__(self) -> str:
        return self.naam


class Statusmelding(TimeStampedModel):
    """A status change to push to the corporation (outbox): sent once, retried, then on
    staff's worklist (contracten Verplichting, soort vera_status) when the last attempt
    failed."""

    class Verzending(models.TextChoices):
        WACHTEND = "wachtend", _("wachtend")
        VERZONDEN = "verzonden", _("verzonden")
        VERVANGEN = "vervangen", _("vervangen door een nieuwere")
        MISLUKT = "mislukt", _("mislukt")

    order = models.ForeignKey(
        Onderhoudsorder,
        on_delete=models.CASCADE,
        related_name="statusmeldingen",
        verbose_name=_("order"),
    )
    referentie = models.UUIDField(_("referentienummer"), default=uuid.uuid4, unique=True)
    status = models.CharField(_("status (VERA)"), max_length=3)
    bericht = models.JSONField(_("bericht"))
    verzending = models.CharField(
        _("verzending"),
        max_length=20,
        choices=Verzending.choices,
        default=Verzending.WACHTEND,
        db_index=True,
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("statusbericht")
        verbose_name_plural = _("statusberichten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(verzending="verzonden") | Q(verzonden_op__isnull=False),
                name="statusmelding_verzonden_op",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order.order_id}: {self.status} ({self.get_verzending_display()})"
