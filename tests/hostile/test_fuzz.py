"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis).

Every operation gets generated requests, valid and invalid, as each role (staff, an
employer's planner, a member) on a database with the personas, an open offer, an accepted
assignment and a claimed hours line. Whatever comes in, the API must never answer
with a 5xx, a documented answer must match its declared schema, and every 4xx must carry a
Dutch message in the shared error shape ({"detail": ..., "fields": {...}}).

Generated text includes control characters (NUL and others) in a drawn variant of every
body with text and every query string: the API refuses them with a Dutch 422.

Bounded and deterministic (5 examples per operation, mode and role, no example database):
it runs in the ordinary `make test` and in CI's PostgreSQL pass, each about 80 s of CPU on
the 2-core machine, and the same inputs every run.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
)

from coop.core.invoer import MELDING_OBJECT
from coop.core.models import ApiToken
from coop.services.uren import urenregels as uren_services
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.hostile.conftest import plaatsen, toekomst, verleden_inzet

# Per operation, mode and role; COOP_FUZZ_VOORBEELDEN=100 for a long local hunt.
VOORBEELDEN = int(os.environ.get("COOP_FUZZ_VOORBEELDEN", "5"))
ROLLEN = ("staff", "werkgever", "werknemer")

CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {
            "mode": "all",
            "max-examples": VOORBEELDEN,
            "database": "none",
            "deterministic": True,
            # Unknown query parameters are ignored, as everywhere on the web; not a defect.
            "allow-extra-parameters": False,
            # The bearer token is ours (per role), not generated.
            "with-security-parameters": False,
        },
    }
)


# Generated text gets control characters too: every string of a body and every query
# parameter, in one of the drawn variants of each case (NUL, SOH, VT, ESC, DEL, NEL).
STUURTEKENS = ("\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85")

# Loaded at collection (pytest-django has set Django up by then); the document is served
# by the API itself, so the fuzzing follows every router the moment it is registered.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


def _met_stuurteken(waarde, teken: str):
    if isinstance(waarde, str):
        return waarde[:1] + teken + waarde[1:]
    if isinstance(waarde, dict):
        return {k: _met_stuurteken(v, teken) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_met_stuurteken(v, teken) for v in waarde]
    return waarde


def _als_tekst(waarde):
    """A query parameter is text on the wire: a number or a boolean becomes its text."""
    if isinstance(waarde, list):
        return [_als_tekst(w) for w in waarde]
    if isinstance(waarde, bool):
        return str(waarde).lower()
    return waarde if isinstance(waarde, str) or waarde is None else str(waarde)


def _heeft_tekst(waarde) -> bool:
    if isinstance(waarde, str):
        return True
    if isinstance(waarde, dict):
        return any(_heeft_tekst(v) for v in waarde.values())
    if isinstance(waarde, list):
        return any(_heeft_tekst(v) for v in waarde)
    return False


@schema.hook("flatmap_query")
def _stuurtekens_in_query(ctx, query):
    if not query:
        return st.just(query)
    return st.one_of(
        st.just(query),
        st.sampled_from(STUURTEKENS).map(lambda t: _met_stuurteken(_als_tekst(query), t)),
    )


@schema.hook("flatmap_body")
def _stuurtekens_in_body(ctx, body):
    if not _heeft_tekst(body):
        return st.just(body)
    return st.one_of(
        st.just(body), st.sampled_from(STUURTEKENS).map(lambda t: _met_stuurteken(body, t))
    )


@pytest.fixture(autouse=True)
def _verbinding_blijft_open():
    """Serve through the real WSGI app while the test's transaction stays open.

    Django closes the connection when a request ends (CONN_MAX_AGE 0); inside the test's
    transaction that would end it. Django's own test client unhooks this signal handler
    for the same reason; schemathesis calls the WSGI app directly, so it is done here.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLLEN)
def sleutel(request, staff, werkgever_user, werknemer_user, andere_werknemer, werkgever):
    """A real bearer token for the role, on a database with a little real work in it."""
    locatie = f.LocatieFactory(werkgever=werkgever)
    open_plek, bezette_plek = plaatsen(locatie, 2, toekomst())
    aanbod_services.aanbod_create(dienst=open_plek, werknemer=werknemer_user.werknemer)
    aanbod = aanbod_services.aanbod_create(dienst=bezette_plek, werknemer=andere_werknemer)
    aanbod_services.aanbod_accept(user=staff, aanbod_id=aanbod.pk)
    gewerkt = verleden_inzet(werknemer_user.werknemer, locatie, date(2026, 11, 2))
    uren_services.urenregel_indienen(
        user=werknemer_user, inzet_id=gewerkt.pk, start=gewerkt.start, eind=gewerkt.eind
    )
    gebruiker = {"staff": staff, "werkgever": werkgever_user, "werknemer": werknemer_user}
    return ApiToken.issue(user=gebruiker[request.param])[1]


def foutmelding_in_het_nederlands(ctx, response, case) -> bool | None:
    """Every 4xx answers in the shared error shape with a non-empty message."""
    if not 400 <= response.status_code < 500:
        return None
    body = response.json()
    assert isinstance(body, dict), f"4xx zonder JSON-object: {response.text[:200]}"
    assert isinstance(body.get("detail"), str) and body["detail"].strip(), body
    assert isinstance(body.get("fields", {}), dict), body
    return True


CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    negative_data_rejection,
    foutmelding_in_het_nederlands,
]


@schema.parametrize()
@settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_survives_hostile_input(case, sleutel):
    case.call_and_validate(headers={"Authorization": f"Bearer {sleutel}"}, checks=CHECKS)


def test_wrong_method_answers_in_the_shared_error_shape(api_as, werknemer_user):
    response = api_as(werknemer_user).delete("auth/me")
    assert response.status_code == 405
    assert response.body["detail"]
    assert response.body["fields"] == {}


def test_an_id_that_is_no_number_answers_in_the_shared_error_shape(api_as, staff):
    response = api_as(staff).get("werkgevers/abc")
    assert response.status_code in (404, 422)
    assert response.body["detail"]


@pytest.mark.parametrize("body", ["[null, null]", "[]", '"x"', "5", "null"])
def test_patch_with_a_body_that_is_no_object_is_refused(api_as, werknemer_user, body):
    lid = api_as(werknemer_user)
    response = lid.patch("werknemers/mij", body, content_type="application/json")
    assert response.status_code == 422, response.body
    assert response.body["fields"] == {"verzoek": [MELDING_OBJECT]}


@pytest.mark.parametrize(
    "pad", ["facturen/?periode_id=", "uren/?inzet_id=", "werknemers/?vaardigheid="]
)
def test_a_huge_number_in_a_filter_is_no_server_error(api_as, staff, pad):
    response = api_as(staff).get(f"{pad}-101965313575350205781737868361728")
    assert response.status_code in (200, 422), response.status_code
