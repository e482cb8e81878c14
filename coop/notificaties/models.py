"""Signed one-time links, notifications, their deliveries and members' preferences."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EenmaligeLink(models.Model):
    """A link that logs a member in once and leads to one page, until it expires.

    The token in the message is this row's random key signed with the SECRET_KEY (short
    enough for an SMS); the row says for whom, where to and until when, and when it was used.
    """

    sleutel = models.CharField(_("sleutel"), max_length=32, unique=True)
    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("werknemer"),
    )
    pad = models.CharField(_("pagina"), max_length=500)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verloopt_op = models.DateTimeField(_("verloopt op"), db_index=True)
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("eenmalige link")
        verbose_name_plural = _("eenmalige links")

    def __str__(self) -> str:
        return f"{self.werknemer_id} → {self.pad}"


class Soort(models.TextChoices):
    """The events a member hears about."""

    AANBOD = "aanbod", _("werk aangeboden")
    AANBOD_VERLOOPT = "aanbod_verloopt", _("aanbod verloopt bijna")
    AANBOD_INGETROKKEN = "aanbod_ingetrokken", _("aanbod ingetrokken")
    OPROEP = "oproep", _("oproep")
    OPROEP_GEANNULEERD = "oproep_geannuleerd", _("oproep geannuleerd")
    DOCUMENT = "document", _("contract of document klaar")
    UREN_BEVESTIGEN = "uren_bevestigen", _("uren bevestigen")
    CERTIFICAAT_VERLOOPT = "certificaat_verloopt", _("certificaat verloopt")
    AFWEZIGHEID = "afwezigheid", _("afwezigheid vastgelegd")


class Kanaal(models.TextChoices):
    """Ways a notification leaves the inbox. The inbox itself is the Notificatie row."""

    EMAIL = "email", _("e-mail")
    SMS = "sms", _("sms")


class Taal(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"
    TR = "tr", "Türkçe"
    AR = "ar", "العربية"


class Meldingsvoorkeur(models.Model):
    """How a member wants to hear from the broker: channels, quiet hours and language.

    Without a row the defaults hold: e-mail and SMS where an address or number is known,
    quiet from 22:00 to 07:00, Dutch."""

    werknemer = models.OneToOneField(
        "werknemers.Werknemer",
        on_delete=models.CASCADE,
        related_name="meldingsvoorkeur",
        verbose_name=_("werknemer"),
    )
    email = models.BooleanField(_("per e-mail"), default=True)
    sms = models.BooleanField(_("per sms"), default=True)
    stil_van = models.TimeField(
        _("stil vanaf"),
        null=True,
        blank=True,
        default=datetime.time(22, 0),
        help_text=_("Geen e-mail of sms tussen deze tijden, behalve als het dringend is."),
    )
    stil_tot = models.TimeField(_("stil tot"), null=True, blank=True, default=datetime.time(7, 0))
    taal = models.CharField(_("taal"), max_length=10, choices=Taal.choices, default=Taal.NL)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.CheckConstraint(
                condition=(Q(stil_van__isnull=True) & Q(stil_tot__isnull=True))
                | (Q(stil_van__isnull=False) & Q(stil_tot__isnull=False)),
                name="meldingsvoorkeur_stil_beide_of_geen",
                violation_error_message=_("Vul bij stille uren zowel 'vanaf' als 'tot' in."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.werknemer}"


class Notificatie(models.Model):
    """One message owed to one member about one event: the inbox entry, and the source of
    its e-mail and SMS deliveries. Created once per (member, soort, sleutel)."""

    werknemer = models.ForeignKey(
        "werknemers.Werknemer",
        on_delete=models.CASCADE,
        related_name="notificaties",
        verbose_name=_("werknemer"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    sleutel = models.CharField(
        _("sleutel"), max_length=100, help_text=_("Waarover het gaat, bijv. aanbod-12.")
    )
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    pad = models.CharField(_("pagina"), max_length=300, blank=True)
    dringend = models.BooleanField(_("dringend"), default=False)
    geldig_tot = models.DateTimeField(
        _("actueel tot"),
        null=True,
        blank=True,
        help_text=_("Na dit moment wordt het bericht niet meer verstuurd (bijv. de deadline)."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["werknemer", "soort", "sleutel"], name="notificatie_eenmaal_per_gebeurtenis"
            ),
        ]
        indexes = [
            models.Index(fields=["werknemer", "gelezen_op"], name="notificatie_ongelezen_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} voor {self.werknemer} ({self.sleutel})"


class Levering(models.Model):
    """One notification through one channel: sent once, retried with a growing pause,
    and on staff's worklist when the last try failed."""

    class Status(models.TextChoices):
        WACHT = "wacht", _("wacht")
        VERZONDEN = "verzonden", _("verzonden")
        MISLUKT = "mislukt", _("mislukt")
        OVERGESLAGEN = "overgeslagen", _("overgeslagen")

    notificatie = models.ForeignKey(
        Notificatie, on_delete=models.CASCADE, related_name="leveringen"
    )
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHT, db_index=True
    )
    adres = models.CharField(_("adres of nummer"), max_length=254, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging = models.DateTimeField(_("volgende poging"), db_index=True)
    laatste_fout = models.CharField(_("laatste fout"), max_length=500, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    extern_id = models.CharField(_("kenmerk bij de aanbieder"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("levering")
        verbose_name_plural = _("leveringen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notificatie", "kanaal"], name="levering_eenmaal_per_kanaal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()}: {self.get_status_display()}"
