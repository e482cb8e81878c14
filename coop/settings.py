"""The one settings module, configured by environment variables (see README)."""

import base64
import hashlib
import os
import re
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from coop.core.logboek import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_dict(name: str) -> dict[str, str]:
    """`a=1,b=2` as {"a": "1", "b": "2"}; empty or unset gives {}."""
    paren = (item.partition("=") for item in env_list(name, ""))
    return {sleutel.strip(): waarde.strip() for sleutel, _, waarde in paren}


# DEBUG is the laptop/demo mode; production runs with DEBUG off and every secret set.
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt: zet SECRET_KEY (productie) of DEBUG=1 (laptop en demo)."
        )
    SECRET_KEY = "demo-only-" + "x" * 50

# Fernet key(s) for BSN and IBAN at rest; a comma-separated list allows key rotation
# (the first key encrypts, all keys decrypt).
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
if not FIELD_ENCRYPTION_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY ontbreekt: BSN en IBAN kunnen niet versleuteld worden. "
            "Maak een sleutel met: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        )
    FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(
        hashlib.sha256(b"coop-demo-key: never use in production").digest()
    ).decode()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_q",
    "oauth2_provider",
    "werkgevers",
    "werknemers",
    "contracten",
    "coop",
    "coop.intake",
    "coop.notificaties",
    "django_htmx",
    "coop.pages",
]

MIDDLEWARE = [
    "coop.core.logboek.VerzoekIdMiddleware",
    "coop.ops.metriek.MetriekMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "coop.core.middleware.CoopCommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coop.pages.middleware.PaginaCSPMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coop.core.middleware.GetalGrensMiddleware",
    "coop.core.middleware.StuurtekenMiddleware",
    "coop.core.middleware.ApiFoutvormMiddleware",
]

ROOT_URLCONF = "coop.urls"
WSGI_APPLICATION = "coop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing at once when the worker and the server both write.
    # IMMEDIATE: a transaction takes the write lock at its start, so a locked re-check (two
    # members racing for the last place) is serialised instead of failing on lock upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepared statements: a statement a connection runs for the second time is prepared on
    # the server and from then on executed without being parsed and planned again (an
    # acceptance or an offer list repeats the same few dozen statements on every call).
    # Needs server-side parameter binding. Off with DB_PREPARE_THRESHOLD=uit, e.g. behind a
    # pooler in transaction mode that does not keep prepared statements (PgBouncer < 1.21).
    _drempel = os.environ.get("DB_PREPARE_THRESHOLD", "2").strip().lower()
    if _drempel not in {"", "uit", "off"}:
        if not _drempel.isdigit():
            raise ImproperlyConfigured(
                f"DB_PREPARE_THRESHOLD moet een geheel getal of 'uit' zijn, niet {_drempel!r}."
            )
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": int(_drempel)}
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Dutch is the source; the member pages and messages also speak English, Turkish and Arabic.
LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("tr", "Türkçe"), ("ar", "العربية")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "coop" / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# Generated files (documents, exports) live here; never inside the code tree in production.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"

REDIS_URL = os.environ.get("REDIS_URL", "")
Q_CLUSTER = {
    "name": "coop",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 600,
    "retry": 900,
    "max_attempts": 3,
    "catch_up": False,
    "label": "Achtergrondtaken",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Optional PDOK Locatieserver geocoding; off by default (the offline postcode table is used).
PDOK_ENABLED = env_bool("PDOK_ENABLED", False)
PDOK_URL = os.environ.get("PDOK_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")

# The broker's legal identity as it appears on every contract, call, invoice and PDF: the
# one set of these values and their defaults (the documents read nothing else). Invoices are
# refused without the KvK number, VAT number and IBAN, and the deploy check fails without
# them; the demo (DEBUG) fills in example values that belong to no one, which CI's deploy
# check and deploy/rooktest.sh also use (`python -m coop.settings voorbeeld-makelaar`).
VOORBEELD_MAKELAAR = {
    "COOP_MAKELAAR_KVK": "12345678",
    "COOP_MAKELAAR_BTW": "NL000099998B57",
    "COOP_MAKELAAR_IBAN": "NL91ABNA0417164300",
}
_MAKELAAR_STANDAARD = {
    "COOP_MAKELAAR_NAAM": "Buurtwerk Coöperatie U.A.",
    "COOP_MAKELAAR_ADRES": "Marshallaan 2, 3527 TM Utrecht",
    "COOP_MAKELAAR_VERTEGENWOORDIGER": "",
    "COOP_MAKELAAR_PLAATS": "Utrecht",
    **{naam: waarde if DEBUG else "" for naam, waarde in VOORBEELD_MAKELAAR.items()},
}


def _makelaar(naam: str) -> str:
    """An identity variable; unset or empty gives its default (a line `COOP_MAKELAAR_NAAM=`
    in an environment file does not blank the name on every document)."""
    return os.environ.get(naam, "").strip() or _MAKELAAR_STANDAARD[naam]


COOP_MAKELAAR = {
    "naam": _makelaar("COOP_MAKELAAR_NAAM"),
    "adres": _makelaar("COOP_MAKELAAR_ADRES"),
    "kvk_nummer": _makelaar("COOP_MAKELAAR_KVK"),
    "vertegenwoordiger": _makelaar("COOP_MAKELAAR_VERTEGENWOORDIGER"),
    "plaats": _makelaar("COOP_MAKELAAR_PLAATS"),
    "btw_nummer": _makelaar("COOP_MAKELAAR_BTW"),
    "iban": _makelaar("COOP_MAKELAAR_IBAN"),
}


# The cooperative's name on the pages and in their e-mails: COOP_NAAM, else the broker's name
# without its legal form ("Buurtwerk Kanaleneiland U.A." shows as "Buurtwerk Kanaleneiland").
# A name, never translated.
def _coop_naam(makelaar_naam: str) -> str:
    return os.environ.get("COOP_NAAM", "").strip() or re.sub(
        r"\s+(U\.A\.|B\.A\.|W\.A\.|B\.V\.)$", "", makelaar_naam
    )


COOP_NAAM = _coop_naam(COOP_MAKELAAR["naam"])

# Legal figures (contracten/gegevens.py): a process re-reads the figures staff entered after
# this many seconds; the demo's invented figures are used only while COOP_DEMO is on
# (`make run`), never in production (a deploy check refuses it). The check warning that a
# table runs out within four weeks (contracten.W001) can be silenced where the calendar must
# not fail a build: COOP_SILENCED_CHECKS=contracten.W001.
WETTELIJKE_GEGEVENS_VERVERSEN = int(os.environ.get("WETTELIJKE_GEGEVENS_VERVERSEN", "60"))
COOP_DEMO = env_bool("COOP_DEMO", False)
SILENCED_SYSTEM_CHECKS = env_list("COOP_SILENCED_CHECKS", "")
# The broker's numbers in Nmbrs (Visma), filled into every row of the Nmbrs import file.
NMBRS_DEBITEURNR = os.environ.get("NMBRS_DEBITEURNR", "")
NMBRS_BEDRIJFNR = os.environ.get("NMBRS_BEDRIJFNR", "")
# Payroll export: the Nmbrs code of a wage component where the broker's Nmbrs uses another
# than the standard one (`bedrag_normaal=L6100,vakantiegeld=L6200`; the keys are the
# components of coop/exports/__init__.py), and how many hours lines are read per chunk.
LOON_NMBRS_CODES = env_dict("LOON_NMBRS_CODES")
LOON_CHUNK = int(os.environ.get("LOON_CHUNK", "5000"))
# Days after the invoice date that an invoice is due.
FACTUUR_BETAALTERMIJN = int(os.environ.get("FACTUUR_BETAALTERMIJN", "30"))

# VERA OHD intake (coop/intake): the specification file (OHD.yaml, VERA 4.3.0) the endpoints
# validate against, and the push of status changes to a corporation's callback address.
VERA_OHD_SPEC = os.environ.get("VERA_OHD_SPEC", "")
VERA_PUSH_POGINGEN = int(os.environ.get("VERA_PUSH_POGINGEN", "5"))
VERA_PUSH_PAUZE_SECONDEN = int(os.environ.get("VERA_PUSH_PAUZE_SECONDEN", "60"))
VERA_PUSH_TIMEOUT = int(os.environ.get("VERA_PUSH_TIMEOUT", "10"))
# OAuth2 client credentials for the OHD endpoints, with the specification's scopes.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "OHD.All.Read": "alleen lezen van alle resources",
        "OHD.All.ReadWrite": "lezen en schrijven van alle resources",
        "OHD.Onderhoudsorders.Read": "alleen lezen van Onderhoudsorders",
        "OHD.Onderhoudsorders.ReadWrite": "lezen en schrijven van Onderhoudsorders",
    },
    "DEFAULT_SCOPES": ["OHD.Onderhoudsorders.Read"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("VERA_OAUTH_TOKEN_SECONDEN", "3600")),
    # Only client credentials are used; every RFC 9700 (OAuth 2.0 security BCP) gate is on.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}

# Bearer tokens issued at login stay valid this many days unless revoked.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "30"))

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
# The load balancer and Prometheus reach each instance directly over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$", r"^metrics$"]

# Health endpoint (/gezondheid/): the oldest waiting task may be this many seconds old before
# the queue part warns.
GEZONDHEID_WACHTRIJ_SECONDEN = int(os.environ.get("GEZONDHEID_WACHTRIJ_SECONDEN", "600"))

# /metrics: open to a scraper with this bearer token, or from these networks (CIDRs).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_NETWERKEN = env_list("METRICS_NETWERKEN", "")

# Logs: readable text by default, one JSON object per line with LOG_FORMAT=json; every line
# carries the request id (coop/logboek.py).
LOGGING = logging_config(
    os.environ.get("LOG_FORMAT", "tekst").strip().lower() or "tekst",
    os.environ.get("LOG_LEVEL", "INFO"),
)

# Member pages (coop/pages): sessions with CSRF, a login page of their own, rate-limited login
# and code attempts (django-ratelimit, counted in the cache below), a Content Security Policy
# (django-csp) on every page that is not the API or the admin.
LOGIN_URL = "pages:inloggen"
LOGIN_REDIRECT_URL = "pages:start"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
# How long an invitation link for an employer's colleague works (Django's reset token).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(3 * 24 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Several server processes must count attempts together: production uses Redis; one process
# (the laptop, the tests) may count in memory.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.W001")
RATELIMIT_VIEW = "coop.pages.views.inloggen.te_veel_pogingen"
# A one-time login code: how long it lives and how many wrong tries it survives.
INLOGCODE_MINUTEN = int(os.environ.get("INLOGCODE_MINUTEN", "10"))
INLOGCODE_POGINGEN = int(os.environ.get("INLOGCODE_POGINGEN", "5"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Notifications to members (coop/notificaties, README "E-mail en sms instellen").
# E-mail through Django's mail: SMTP in production, the console in the demo.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Buurtwerk <noreply@localhost>")
# SMS: "cm" (CM.com, needs SMS_CM_PRODUCTTOKEN), "console" or "bestand" (development, files
# in SMS_BESTAND_PAD), or empty: no SMS. The demo prints texts to the console.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console" if DEBUG else "")
SMS_CM_URL = os.environ.get("SMS_CM_URL", "https://gw.messaging.cm.com/v1.0/message")
SMS_CM_PRODUCTTOKEN = os.environ.get("SMS_CM_PRODUCTTOKEN", "")
# The sender shown on the phone: at most 11 letters and digits, or a phone number.
SMS_AFZENDER = os.environ.get("SMS_AFZENDER", "Buurtwerk")
SMS_TIMEOUT = int(os.environ.get("SMS_TIMEOUT", "10"))
SMS_BESTAND_PAD = Path(os.environ.get("SMS_BESTAND_PAD", BASE_DIR / "var" / "sms"))
# Where members open the site: links in e-mail and SMS start with this address.
COOP_BASIS_URL = os.environ.get("COOP_BASIS_URL", "http://127.0.0.1:8000" if DEBUG else "")
# A failed e-mail or SMS is tried this many times, the pause growing fourfold from the first.
NOTIFICATIES_POGINGEN = int(os.environ.get("NOTIFICATIES_POGINGEN", "5"))
NOTIFICATIES_PAUZE_SECONDEN = int(os.environ.get("NOTIFICATIES_PAUZE_SECONDEN", "60"))

if __name__ == "__main__" and sys.argv[1:] == ["voorbeeld-makelaar"]:
    # For shell scripts (CI's deploy check, deploy/rooktest.sh): the example identity as
    # `NAME=value` words, from this one place.
    print(" ".join(f"{naam}={waarde}" for naam, waarde in VOORBEELD_MAKELAAR.items()))
