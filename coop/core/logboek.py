"""Request ids on every log line, and the log configuration (text on a laptop, JSON in
production: LOG_FORMAT=json|tekst).

A request keeps the `X-Request-ID` it came with (a load balancer or proxy made it) when that
id is plain (letters, digits, `._:-`, at most 128 characters), or gets a new one; the id is
returned in the response header and put on every log line written while the request runs,
Django's own and the libraries' included (a filter on the handler reads it from a context
variable). One line per request records method, route, status and duration; never the query
string, which may hold search terms about people.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished

HEADER = "X-Request-ID"
GELDIG_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
GEEN_ID = "-"

verzoek_id: ContextVar[str] = ContextVar("verzoek_id", default=GEEN_ID)
logger = logging.getLogger("coop.verzoek")


def nieuw_id() -> str:
    return uuid.uuid4().hex


def id_uit_header(waarde: str | None) -> str:
    """The incoming id when it is safe to log as is; a new one otherwise."""
    if waarde and GELDIG_ID.match(waarde):
        return waarde
    return nieuw_id()


class VerzoekIdFilter(logging.Filter):
    """Puts the current request id on every record as `request_id` ('-' outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = verzoek_id.get()
        return True


def route_van(request) -> str:
    """The URL pattern the request matched (bounded: no ids), or '<geen>' when none did."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else "<geen>"


class VerzoekIdMiddleware:
    """First in MIDDLEWARE: every later middleware and the view log with the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = id_uit_header(request.headers.get(HEADER))
        request.request_id = rid
        # Kept until the response is finished (request_finished below): Django logs a 4xx or
        # 5xx ("django.request") after the middleware has returned.
        verzoek_id.set(rid)
        begin = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = rid
        duur_ms = round((time.perf_counter() - begin) * 1000, 1)
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            route_van(request),
            response.status_code,
            duur_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "route": route_van(request),
                "status": response.status_code,
                "duur_ms": duur_ms,
            },
        )
        return response


def _verzoek_klaar(**kwargs) -> None:
    verzoek_id.set(GEEN_ID)


request_finished.connect(_verzoek_klaar, dispatch_uid="coop.core.logboek.verzoek_klaar")


TEKST = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_VELDEN = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"


def logging_config(formaat: str, niveau: str) -> dict:
    """The LOGGING dict for settings: `json` gives one JSON object per line, anything else
    readable text."""
    if formaat not in {"json", "tekst"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT moet 'json' of 'tekst' zijn, niet {formaat!r}.")
    formatters = {
        "tekst": {"format": TEKST},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_VELDEN,
            "rename_fields": {"asctime": "tijd", "levelname": "niveau", "name": "logger"},
            "json_ensure_ascii": False,
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "coop.core.logboek.VerzoekIdFilter"}},
        "formatters": {formaat: formatters[formaat]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": formaat,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": niveau},
    }
