"""Faults around an acceptance and its PDFs: a client that leaves, a worker killed while it
writes, the queue's Redis down. The acceptance is complete or absent; a PDF is whole or
absent and is made later; a Dutch 503 only where nothing can be done."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from contracten import weergave
from contracten.documenten import (
    document_herrender,
    document_inhoud,
    relatief_pad,
    verweesde_bestanden_opruimen,
)
from contracten.models import Document
from coop.models import Aanbod, Inzet
from coop.services.werk import aanbod as aanbod_services
from tests.coop.test_papieren import dienst

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def locatie(werkgever):
    from tests import factories as f

    return f.LocatieFactory(werkgever=werkgever, plaats="Utrecht")


def _stand(aanbod_id: int) -> tuple[str, int, int]:
    return (
        Aanbod.objects.get(pk=aanbod_id).status,
        Inzet.objects.filter(aanbod_id=aanbod_id).count(),
        Document.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_a_client_that_hangs_up_mid_acceptance_leaves_all_or_nothing(
    live_server, werknemer, locatie
):
    from coop.models import ApiToken

    _, sleutel = ApiToken.issue(user=werknemer.user)
    aanbod = aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=10), werknemer=werknemer)
    host, poort = live_server.thread.host, live_server.thread.port
    with socket.create_connection((host, poort), timeout=10) as s:
        s.sendall(
            (
                f"POST /api/v1/aanbiedingen/{aanbod.pk}/accepteer HTTP/1.1\r\n"
                f"Host: {host}\r\nAuthorization: Bearer {sleutel}\r\n"
                "Content-Length: 0\r\nConnection: close\r\n\r\n"
            ).encode()
        )
        # Hang up at once, before any answer: the server must not stop halfway.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    tot = time.monotonic() + 60
    while time.monotonic() < tot and _stand(aanbod.pk)[0] == "open":
        time.sleep(0.2)
    time.sleep(0.5)  # anything the request still had to write
    status, inzetten, documenten = _stand(aanbod.pk)
    assert (status, inzetten, documenten) in {("geaccepteerd", 1, 2), ("open", 0, 0)}
    if status == "geaccepteerd":  # complete: both documents, and their PDFs follow
        for document in Document.objects.all():
            assert document_inhoud(document).startswith(b"%PDF")


def test_an_acceptance_failing_after_its_documents_leaves_none(werknemer, locatie, monkeypatch):
    aanbod = aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=10), werknemer=werknemer)

    def weg(*args, **kwargs):
        raise ConnectionResetError("verbinding met de database weg")

    monkeypatch.setattr(aanbod_services, "_log", weg)  # the last step of the acceptance
    with pytest.raises(ConnectionResetError):
        aanbod_services.aanbod_accept(user=werknemer.user, aanbod_id=aanbod.pk)

    assert _stand(aanbod.pk) == ("open", 0, 0)


_SCHRIJVER = """
import os, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from coop.core import files

def traag(fd):
    print("schrijft", flush=True)
    time.sleep(60)

os.fsync = traag
files.schrijf_atomair(Path({pad!r}), b"%PDF-1.4 " + b"x" * 200_000)
"""


def test_a_worker_killed_while_writing_leaves_no_partial_file_and_the_render_is_retried(
    werknemer, locatie
):
    aanbod = aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=10), werknemer=werknemer)
    aanbod_services.aanbod_accept(user=werknemer.user, aanbod_id=aanbod.pk)
    oproep = Document.objects.get(soort="oproep")
    data = document_herrender(oproep)
    doel = Path(settings.MEDIA_ROOT) / relatief_pad(hashlib.sha256(data).hexdigest())
    # A real process writes the PDF the way the render does and is killed (SIGKILL: no
    # cleanup runs) after the bytes are written, before the rename.
    schrijver = subprocess.Popen(
        [sys.executable, "-c", _SCHRIJVER.format(root=str(ROOT), pad=str(doel))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert schrijver.stdout.readline().strip() == "schrijft"
    schrijver.kill()
    schrijver.wait(timeout=10)

    assert not doel.exists()  # never a partial PDF under its name
    resten = list(doel.parent.glob(".tmp-*"))
    assert resten and resten[0].stat().st_size > 0
    assert Document.objects.get(pk=oproep.pk).weergave == "wacht"
    # The sweep renders what is still waiting after a while, and the daily one removes the
    # killed worker's temporary file.
    later = timezone.now() + weergave.WACHTTIJD + timedelta(seconds=1)
    assert weergave.weergaven_inhalen(nu=later)["gemaakt"] == 2
    oproep.refresh_from_db()
    assert oproep.weergave == "klaar" and oproep.weergave_pogingen == 1
    assert document_inhoud(oproep) == data
    oud = time.time() - 2 * 86400
    os.utime(resten[0], (oud, oud))
    assert resten[0] in verweesde_bestanden_opruimen(ouder_dan=timedelta(days=1))
    assert doel.exists()


@pytest.fixture
def redis_onbereikbaar(monkeypatch):
    """The queue's broker is Redis, and Redis does not answer (nothing listens there)."""
    from django_q.conf import Conf

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "REDIS", f"redis://127.0.0.1:{poort}/0")
    return poort


def test_redis_down_the_acceptance_commits_and_the_pdfs_follow_later(
    api_as, werknemer, locatie, redis_onbereikbaar, django_capture_on_commit_callbacks
):
    aanbod = aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=10), werknemer=werknemer)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(werknemer.user).post(f"aanbiedingen/{aanbod.pk}/accepteer")

    assert response.status_code == 200, response.body
    assert _stand(aanbod.pk) == ("geaccepteerd", 1, 2)
    assert set(Document.objects.values_list("weergave", flat=True)) == {"wacht"}
    # A member who downloads meanwhile gets the PDF, rendered there and then.
    oproep = Document.objects.get(soort="oproep")
    pdf = api_as(werknemer.user).get(f"documenten/{oproep.pk}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # The sweep makes the rest once it is due (it needs no broker to render).
    later = timezone.now() + weergave.WACHTTIJD + timedelta(seconds=1)
    assert weergave.weergaven_inhalen(nu=later) == {
        "gemaakt": 1,
        "klaar": 0,
        "bezet": 0,
        "mislukt": 0,
    }
    assert set(Document.objects.values_list("weergave", flat=True)) == {"klaar"}


def test_queueing_a_render_with_redis_down_is_logged_not_raised(redis_onbereikbaar, caplog):
    assert weergave.inplannen(12345) is False
    assert "niet in de wachtrij gezet" in caplog.text
