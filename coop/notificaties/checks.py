"""Checks of the notification settings: links need the site's address, SMS needs a gateway
that can send (`manage.py check`, and `--deploy` for what production must have)."""

from urllib.parse import urlparse

from django.conf import settings
from django.core import checks

from coop.notificaties.berichten import LANGSTE_BASIS_URL
from coop.notificaties.kanalen import SMS_BACKENDS

ONTWIKKEL_SMS = {"console", "bestand", "geheugen"}


@checks.register("notificaties")
def check_basis_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    basis = (settings.COOP_BASIS_URL or "").rstrip("/")
    if len(basis) > LANGSTE_BASIS_URL:
        return [
            checks.Warning(
                f"COOP_BASIS_URL is {len(basis)} tekens: langer dan {LANGSTE_BASIS_URL} past een "
                "sms met link niet altijd heel in 160 tekens (de tekst wordt dan ingekort).",
                hint="Gebruik een kort adres voor de ledenpagina's.",
                id="notificaties.W001",
            )
        ]
    return []


@checks.register("notificaties", deploy=True)
def check_productie(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    meldingen = []
    basis = urlparse(settings.COOP_BASIS_URL or "")
    if basis.scheme != "https" or not basis.netloc:
        meldingen.append(
            checks.Error(
                "COOP_BASIS_URL ontbreekt of is geen https-adres: links in e-mail en sms "
                "kunnen niet gemaakt worden.",
                hint="Zet COOP_BASIS_URL=https://<adres van de ledenpagina's>.",
                id="notificaties.E001",
            )
        )
    backend = (settings.SMS_BACKEND or "").strip()
    if backend == "cm" and not settings.SMS_CM_PRODUCTTOKEN:
        meldingen.append(
            checks.Error(
                "SMS_BACKEND=cm zonder SMS_CM_PRODUCTTOKEN: er gaat geen sms weg.",
                hint="Zet de product token van CM.com in SMS_CM_PRODUCTTOKEN.",
                id="notificaties.E002",
            )
        )
    elif backend in ONTWIKKEL_SMS:
        meldingen.append(
            checks.Warning(
                f"SMS_BACKEND={backend} is voor ontwikkeling: leden krijgen geen sms.",
                hint="Gebruik SMS_BACKEND=cm, of laat het leeg (geen sms).",
                id="notificaties.W002",
            )
        )
    elif backend and backend not in SMS_BACKENDS and "." not in backend:
        meldingen.append(
            checks.Error(
                f"SMS_BACKEND={backend} bestaat niet.",
                hint=f"Kies uit {', '.join(sorted(SMS_BACKENDS))} of een importpad.",
                id="notificaties.E003",
            )
        )
    elif not backend:
        meldingen.append(
            checks.Info(
                "Sms staat uit (SMS_BACKEND is leeg): leden krijgen e-mail en de inbox.",
                id="notificaties.I001",
            )
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        meldingen.append(
            checks.Warning(
                "E-mail gaat naar de console: leden krijgen geen e-mail.",
                hint="Laat EMAIL_BACKEND leeg (SMTP) en zet EMAIL_HOST en de andere EMAIL_-"
                "instellingen.",
                id="notificaties.W003",
            )
        )
    return meldingen
