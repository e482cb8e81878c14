"""The channels a notification leaves by: e-mail (Django's mail, SMTP in production) and SMS
(an adapter per gateway, chosen by the SMS_BACKEND setting). The inbox is the Notificatie
row itself and needs no channel.

A channel either returns the provider's reference for the message or raises KanaalFout;
`blijvend` marks a failure that retrying cannot fix (an invalid number), which goes to
staff's worklist at once instead of after the last try.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class KanaalFout(Exception):
    def __init__(self, melding: str, *, blijvend: bool = False) -> None:
        super().__init__(melding)
        self.melding = melding[:500]
        self.blijvend = blijvend


# --- E-mail -----------------------------------------------------------------------------


def email_versturen(*, aan: str, onderwerp: str, tekst: str, referentie: str) -> str:
    """Send one plain-text e-mail through the configured backend; returns its Message-ID."""
    bericht = EmailMessage(
        subject=onderwerp,
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[aan],
        headers={"X-Coop-Referentie": referentie},
    )
    message_id = bericht.message()["Message-ID"]
    bericht.extra_headers["Message-ID"] = message_id
    try:
        verzonden = bericht.send(fail_silently=False)
    except (OSError, UnicodeError, ValueError) as exc:  # smtplib errors are OSErrors
        raise KanaalFout(f"e-mail niet verstuurd: {type(exc).__name__}: {exc}") from exc
    if not verzonden:
        raise KanaalFout("e-mail niet verstuurd: de mailserver nam het bericht niet aan")
    return str(message_id)


# --- SMS ----------------------------------------------------------------------------------


def telefoon_internationaal(nummer: str) -> str:
    """A Dutch or international number as 00<country><number> ('06-1234 5678' ->
    '0031612345678'); KanaalFout (blijvend) when it is not a phone number."""
    kaal = re.sub(r"[\s\-().]", "", nummer or "")
    if kaal.startswith("+"):
        kaal = "00" + kaal[1:]
    elif kaal.startswith("0") and not kaal.startswith("00"):
        kaal = "0031" + kaal[1:]
    if not re.fullmatch(r"00[1-9]\d{7,13}", kaal):
        raise KanaalFout(f"ongeldig telefoonnummer: {nummer!r}", blijvend=True)
    return kaal


class SmsBackend:
    """Sends one text to one number; returns the gateway's reference."""

    def versturen(self, *, nummer: str, tekst: str, referentie: str) -> str:
        raise NotImplementedError


class CmSms(SmsBackend):
    """CM.com Business Messaging (Breda): POST https://gw.messaging.cm.com/v1.0/message.

    The body is {"messages": {"authentication": {"producttoken": …}, "msg": [{"from": …,
    "to": [{"number": "0031…"}], "body": {"type": "auto", "content": …}, "reference": …}]}}.
    The answer carries `errorCode` (0: accepted) and per message `status` ("Accepted" or
    "Rejected") with `messageErrorCode`; 3xx codes are about this message (a wrong number,
    a wrong body: retrying will not help), the rest about the account or the gateway.
    """

    BLIJVEND = {301, 302, 303, 304, 305, 401, 402, 403}

    def versturen(self, *, nummer: str, tekst: str, referentie: str) -> str:
        if not settings.SMS_CM_PRODUCTTOKEN:
            raise KanaalFout("SMS_CM_PRODUCTTOKEN ontbreekt: sms via CM.com kan niet")
        inhoud = {
            "messages": {
                "authentication": {"producttoken": settings.SMS_CM_PRODUCTTOKEN},
                "msg": [
                    {
                        "allowedChannels": ["SMS"],
                        "from": settings.SMS_AFZENDER,
                        "to": [{"number": telefoon_internationaal(nummer)}],
                        "body": {"type": "auto", "content": tekst},
                        "reference": referentie,
                    }
                ],
            }
        }
        verzoek = urllib.request.Request(
            settings.SMS_CM_URL,
            data=json.dumps(inhoud).encode(),
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(verzoek, timeout=settings.SMS_TIMEOUT) as antwoord:
                status, ruw = antwoord.status, antwoord.read()
        except urllib.error.HTTPError as exc:
            status, ruw = exc.code, exc.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise KanaalFout(f"CM.com niet bereikbaar: {type(exc).__name__}: {exc}") from exc
        try:
            body = json.loads(ruw or b"{}")
        except ValueError:
            body = {}
        berichten = body.get("messages") or [{}]
        eerste = berichten[0] if isinstance(berichten[0], dict) else {}
        if status < 300 and body.get("errorCode") == 0 and eerste.get("status") == "Accepted":
            return str(eerste.get("reference") or referentie)
        code = eerste.get("messageErrorCode") or body.get("errorCode")
        uitleg = eerste.get("messageDetails") or body.get("details") or ""
        raise KanaalFout(
            f"CM.com weigerde de sms (HTTP {status}, code {code}): {uitleg}".strip(),
            blijvend=code in self.BLIJVEND,
        )


class ConsoleSms(SmsBackend):
    """Development: writes the text to standard output (as Django's console e-mail)."""

    def versturen(self, *, nummer: str, tekst: str, referentie: str) -> str:
        sys.stdout.write(f"--- sms aan {nummer} ({referentie}) ---\n{tekst}\n")
        sys.stdout.flush()
        return referentie


class BestandSms(SmsBackend):
    """Development: appends each text to a file per day in SMS_BESTAND_PAD."""

    _lock = threading.Lock()

    def versturen(self, *, nummer: str, tekst: str, referentie: str) -> str:
        map_ = Path(settings.SMS_BESTAND_PAD)
        map_.mkdir(parents=True, exist_ok=True)
        nu = timezone.localtime()
        regel = json.dumps(
            {"tijd": nu.isoformat(), "aan": nummer, "referentie": referentie, "tekst": tekst},
            ensure_ascii=False,
        )
        with self._lock, open(map_ / f"sms-{nu:%Y-%m-%d}.jsonl", "a", encoding="utf-8") as f:
            f.write(regel + "\n")
        return referentie


class GeheugenSms(SmsBackend):
    """Tests: keeps every text in `GeheugenSms.outbox`, like Django's locmem mail."""

    outbox: list[dict] = []

    def versturen(self, *, nummer: str, tekst: str, referentie: str) -> str:
        GeheugenSms.outbox.append({"aan": nummer, "tekst": tekst, "referentie": referentie})
        return referentie


SMS_BACKENDS = {
    "cm": CmSms,
    "console": ConsoleSms,
    "bestand": BestandSms,
    "geheugen": GeheugenSms,
}


def sms_backend() -> SmsBackend | None:
    """The configured SMS gateway, or None when SMS is off (SMS_BACKEND empty)."""
    naam = (settings.SMS_BACKEND or "").strip()
    if not naam:
        return None
    klasse = SMS_BACKENDS.get(naam) or import_string(naam)
    return klasse()
