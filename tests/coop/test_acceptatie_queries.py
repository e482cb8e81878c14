"""An acceptance asks the database a bounded number of questions (issue 12: under load
every statement waits for a core). The member's contracts and wage agreements are read once
for the legal check and both documents; the counts are upper bounds, measured through the
API as the bench sends them (token, acceptance, answer)."""

from __future__ import annotations

import json
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop.schemas.werk.diensten import InzetOut
from coop.selectors import werk as selectors
from coop.services.werk import aanbod as aanbod_services
from tests.coop.test_papieren import dienst, locatie  # noqa: F401

pytestmark = pytest.mark.django_db

# Statements per acceptance through the API (PostgreSQL, SQLite), at most: SQLite draws a
# document number from a counter row (three to six statements), PostgreSQL with one nextval.
# A first call (on-call contract and call) was 72 and 82 statements, a later one 54 and 56,
# before the member's contracts and wage agreements were read once per acceptance, the
# shift's job and package read with its lock, the places counted in one query and the
# nested services' savepoints dropped; then 48 and 36 (PostgreSQL) until the offer's scope
# was checked without loading it and a notification stopped opening a second savepoint;
# then 44 and 34 until the answer was built from the rows the acceptance holds; then 43 and
# 33 until the locks before the recount, the other offers and a package's VERA orders were
# asked by key alone and the call's notification (new by construction) stopped looking for
# an earlier one; then 41 and 31 until the offer's scope was checked in the statement that
# locks its shift, the offer and its member (with their message preferences) were locked in
# one statement, the recount locked the package alone and the notification about a document
# made in the same transaction stopped looking for an earlier one.
EERSTE = {"postgresql": 36, "sqlite": 46}
VOLGENDE = {"postgresql": 27, "sqlite": 29}


def _accepteer(api_as, werknemer, locatie, dagen):  # noqa: F811
    aanbod = aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=dagen), werknemer=werknemer)
    client = api_as(werknemer.user)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert antwoord.status_code == 200, antwoord.body
    return [q["sql"] for q in ctx.captured_queries]


def _gelezen(statements: list[str]) -> Counter:
    tabellen: Counter = Counter()
    for sql in statements:
        if sql.startswith("SELECT"):
            tabellen.update(re.findall(r'FROM "([a-z_]+)"', sql)[:1])
    return tabellen


def test_first_acceptance_reads_contracts_and_wages_once(api_as, werknemer, locatie):  # noqa: F811
    statements = _accepteer(api_as, werknemer, locatie, dagen=10)
    gelezen = _gelezen(statements)
    assert gelezen["contracten_arbeidscontract"] == 1
    assert gelezen["coop_loonafspraak"] == 1
    assert werknemer.documenten.count() == 2  # the on-call contract and the call
    assert len(statements) <= EERSTE[connection.vendor], "\n".join(statements)


def test_a_later_acceptance_under_the_running_contract(api_as, werknemer, locatie):  # noqa: F811
    _accepteer(api_as, werknemer, locatie, dagen=10)
    statements = _accepteer(api_as, werknemer, locatie, dagen=12)
    gelezen = _gelezen(statements)
    assert gelezen["contracten_arbeidscontract"] == 1
    assert gelezen["coop_loonafspraak"] == 1
    assert werknemer.documenten.count() == 3  # one more: the call
    assert len(statements) <= VOLGENDE[connection.vendor], "\n".join(statements)


def test_the_answer_is_the_assignment_as_stored(api_as, werknemer, locatie):  # noqa: F811
    """The answer is built from the rows the acceptance holds, not read again: it must be
    what a fresh read of the assignment shows (the shift taken, the amounts as stored)."""
    aanbod = aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=10), werknemer=werknemer)
    antwoord = api_as(werknemer.user).post(f"aanbiedingen/{aanbod.pk}/accepteer")
    gelezen = selectors.inzet_get(werknemer.user, antwoord.body["id"])
    verwacht = InzetOut.model_validate(
        gelezen, context={"request": SimpleNamespace(user=werknemer.user)}
    ).model_dump_json()
    assert antwoord.body == json.loads(verwacht)
    assert antwoord.body["dienst"]["status"] == "bezet"


def test_an_acceptance_never_decrypts_a_bsn_or_iban(api_as, werknemer, locatie, monkeypatch):  # noqa: F811
    """No paper of an acceptance states the member's BSN or IBAN: they are not even
    decrypted in memory, for an on-call contract with its call or a later call."""
    from coop.core import fields

    ontsleuteld = []
    echt = fields.decrypt
    monkeypatch.setattr(fields, "decrypt", lambda token: ontsleuteld.append(1) or echt(token))
    _accepteer(api_as, werknemer, locatie, dagen=10)
    _accepteer(api_as, werknemer, locatie, dagen=12)
    assert werknemer.documenten.count() == 3
    assert ontsleuteld == []
