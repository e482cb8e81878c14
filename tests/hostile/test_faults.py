"""Faults in the middle of an acceptance: the database going away, the paperwork failing.

Whatever breaks, the member gets a clean answer in Dutch and the records stay as they were:
no assignment without its offer and shift updated, no document without its assignment.
"""

from __future__ import annotations

import inspect
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client

from contracten.models import Document
from coop.models import Aanbod, Dienst, Gebeurtenis, Inzet, Job, Werkpakket
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.hostile.conftest import plaatsen, toekomst, token

ONBEREIKBAAR = "De database is even niet bereikbaar. Probeer het zo opnieuw."


@pytest.fixture
def aanbod(werkgever, werknemer_user):
    dienst = plaatsen(f.LocatieFactory(werkgever=werkgever), 1, toekomst())[0]
    return aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)


@contextmanager
def database_valt_weg(begin: str, tabel: str, *, na_uitvoeren: bool = False):
    """Raise OperationalError at the first statement starting with `begin` on `tabel`.

    With `na_uitvoeren` the statement runs first: the connection is lost after the
    database did the work, before the answer came back.
    """
    geraakt = []

    def wrapper(execute, sql, params, many, context):
        if not geraakt and sql.lstrip().upper().startswith(begin) and f'"{tabel}"' in sql:
            geraakt.append(sql)
            if na_uitvoeren:
                execute(sql, params, many, context)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield geraakt


def _niets_veranderd(aanbod: Aanbod) -> None:
    aanbod.refresh_from_db()
    assert aanbod.status == "open"
    assert aanbod.beantwoord_op is None
    assert Inzet.objects.count() == 0
    assert Dienst.objects.get(pk=aanbod.dienst_id).status == "open"
    assert Job.objects.get(pk=aanbod.job_id).status == "open"
    assert Werkpakket.objects.get().status == "gesplitst"
    assert Gebeurtenis.objects.filter(soort="geaccepteerd").count() == 0
    assert Document.objects.count() == 0


STAPPEN = [
    ("INSERT", "coop_inzet"),
    ("UPDATE", "coop_aanbod"),
    ("UPDATE", "coop_dienst"),
    ("UPDATE", "coop_job"),
    ("UPDATE", "coop_werkpakket"),
    ("INSERT", "coop_gebeurtenis"),
]


@pytest.mark.parametrize("na_uitvoeren", [False, True], ids=["voor", "na"])
@pytest.mark.parametrize("begin, tabel", STAPPEN, ids=[f"{b}-{t}" for b, t in STAPPEN])
def test_database_gone_mid_acceptance_gives_503_and_leaves_nothing(
    api_as, aanbod, werknemer_user, begin, tabel, na_uitvoeren
):
    lid = api_as(werknemer_user)
    with database_valt_weg(begin, tabel, na_uitvoeren=na_uitvoeren) as geraakt:
        response = lid.post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert geraakt, f"the acceptance never ran {begin} on {tabel}"
    assert response.status_code == 503
    assert response.body == {"detail": ONBEREIKBAAR, "fields": {}}
    _niets_veranderd(aanbod)
    # When the database is back the member simply tries again, and it works.
    opnieuw = lid.post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert opnieuw.status_code == 200, opnieuw.body
    assert Inzet.objects.get().werknemer_id == werknemer_user.werknemer.pk


def test_database_gone_before_anything_gives_503(api_as, aanbod, werknemer_user):
    """The very first query (the token check) fails: still a Dutch 503, not a 401 or 500."""
    lid = api_as(werknemer_user)
    with database_valt_weg("SELECT", "coop_apitoken"):
        response = lid.post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert response.status_code == 503
    assert response.body["detail"] == ONBEREIKBAAR
    _niets_veranderd(aanbod)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_refusing_connections_gives_503(aanbod, werknemer_user):
    """A real refused connect: the server's own connection is closed and cannot reopen."""
    sleutel = token(werknemer_user)
    connection.close()
    geweigerd = psycopg.OperationalError("connection refused: is the server running?")
    with mock.patch.object(connection, "get_new_connection", side_effect=geweigerd):
        response = Client().post(
            f"/api/v1/aanbiedingen/{aanbod.pk}/accepteer",
            HTTP_AUTHORIZATION=f"Bearer {sleutel}",
        )
    assert response.status_code == 503
    assert response.json()["detail"] == ONBEREIKBAAR
    _niets_veranderd(aanbod)


def _papieren_bij_acceptatie() -> bool:
    """Whether coop/services/werk/papieren.py issues documents yet (another helper is building it)."""
    from coop.services.werk import papieren

    return "contracten" in inspect.getsource(papieren)


needs_papieren = pytest.mark.skipif(
    not _papieren_bij_acceptatie(),
    reason="coop/services/werk/papieren.py issues no documents on acceptance yet",
)


@needs_papieren
def test_acceptance_issues_its_document(api_as, aanbod, werknemer_user):
    response = api_as(werknemer_user).post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert response.status_code == 200, response.body
    assert Document.objects.filter(werknemer=werknemer_user.werknemer).count() >= 1


@needs_papieren
@pytest.mark.parametrize(
    "stap", ["contracten.documenten.controleer_feiten", "contracten.documenten._registreer"]
)
def test_document_failure_undoes_the_acceptance(werknemer_user, aanbod, settings, stap):
    """Fixing the document (its text, its row) fails: no assignment, no document, no file."""
    client = Client(raise_request_exception=False)
    with mock.patch(stap, side_effect=OSError(28, "No space left on device")):
        response = client.post(
            f"/api/v1/aanbiedingen/{aanbod.pk}/accepteer",
            HTTP_AUTHORIZATION=f"Bearer {token(werknemer_user)}",
        )
    assert response.status_code >= 400
    _niets_veranderd(aanbod)
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


@needs_papieren
def test_a_full_disk_at_the_render_keeps_the_acceptance_and_leaves_no_file(
    api_as, werknemer_user, aanbod, settings
):
    """The PDF is written after the commit: a full disk then fails the render, not the work."""
    from contracten import weergave

    response = api_as(werknemer_user).post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert response.status_code == 200, response.body
    with mock.patch("coop.core.files.os.replace", side_effect=OSError(28, "No space left")):
        for document in Document.objects.all():
            with pytest.raises(OSError):
                weergave.weergeven(document.pk)
    assert Inzet.objects.filter(aanbod=aanbod).count() == 1
    assert set(Document.objects.values_list("weergave", flat=True)) == {"mislukt"}
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []
