"""A real SMTP server (aiosmtpd), a local HTTP server answering as CM.com's gateway, and
members who can be reached.

The gateway's answers are stored in tests/notificaties/opnames/: the JSON shape and error
codes CM.com's Business Messaging API answers with (`details`, `errorCode`, per message
`status`, `messageErrorCode`, `messageDetails`), as its public SDKs read them; not captured
from a live account."""

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from coop.notificaties.kanalen import GeheugenSms
from tests.coop.conftest import catalogus  # noqa: F401  (fixtures of the broker's scenarios)
from tests.coop.test_broker_flow import gepubliceerd, locatie  # noqa: F401
from tests.coop.test_vast_flow import gebundeld  # noqa: F401

OPNAMES = Path(__file__).parent / "opnames"


@pytest.fixture(autouse=True)
def _sms_outbox_leeg():
    GeheugenSms.outbox.clear()
    yield
    GeheugenSms.outbox.clear()


class _Ontvanger:
    def __init__(self):
        self.berichten: list[email.message.EmailMessage] = []
        self.enveloppen: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):
        self.enveloppen.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.berichten.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend sends to it."""
    ontvanger = _Ontvanger()
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    controller = Controller(ontvanger, hostname="127.0.0.1", port=poort)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = poort
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "Buurtwerk <berichten@werk.example.nl>"
    yield ontvanger
    controller.stop()


class _CmGateway(BaseHTTPRequestHandler):
    antwoorden: list[tuple[int, bytes]] = []
    verzoeken: list[dict] = []

    def do_POST(self):  # noqa: N802
        lengte = int(self.headers.get("Content-Length", 0))
        ruw = self.rfile.read(lengte)
        type(self).verzoeken.append(
            {"pad": self.path, "type": self.headers.get("Content-Type"), "body": json.loads(ruw)}
        )
        status, body = type(self).antwoorden.pop(0) if type(self).antwoorden else (200, b"{}")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def opname(naam: str) -> tuple[int, bytes]:
    """A recorded gateway answer: {"status": …, "body": …} in opnames/<naam>.json."""
    gegevens = json.loads((OPNAMES / f"{naam}.json").read_text())
    return gegevens["status"], json.dumps(gegevens["body"]).encode()


@pytest.fixture
def cm_gateway(settings):
    """The CM.com gateway on 127.0.0.1: queue recorded answers in `.antwoorden`, read the
    requests in `.verzoeken`."""
    _CmGateway.antwoorden = []
    _CmGateway.verzoeken = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CmGateway)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    settings.SMS_BACKEND = "cm"
    settings.SMS_CM_URL = f"http://127.0.0.1:{server.server_address[1]}/v1.0/message"
    settings.SMS_CM_PRODUCTTOKEN = "00000000-0000-0000-0000-000000000000"
    settings.SMS_AFZENDER = "Buurtwerk"
    yield _CmGateway
    server.shutdown()
    server.server_close()


@pytest.fixture
def bereikbaar(werknemer):
    """The member with an e-mail address and a mobile number."""
    werknemer.email = "fatima@example.nl"
    werknemer.telefoon = "06-12345678"
    werknemer.save()
    return werknemer
