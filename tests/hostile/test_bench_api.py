"""The api benchmark at a tiny size against a real gunicorn process (no timing asserts)."""

import pytest

from coop.models import Aanbod, Inzet

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_api_benchmark_serves_and_accepts_every_offer():
    pytest.importorskip("gunicorn", reason="gunicorn is the benchmark's server")
    from bench import api

    resultaten = api.run((20, 5))

    assert [r.meting for r in resultaten] == [
        "GET /aanbiedingen/ verz/s",
        "GET /aanbiedingen/ p95 (ms)",
        "POST /aanbiedingen/{id}/accepteer verz/s",
        "POST /aanbiedingen/{id}/accepteer p95 (ms)",
    ]
    # every answer 200 or 409, none timed out (the speed targets are the bench's, not a test's)
    assert all(set(r.details["statussen"]) <= {200, 409} for r in resultaten), [
        r.details for r in resultaten
    ]
    assert all(r.project > 0 and r.basis > 0 for r in resultaten)
    assert resultaten[2].details["statussen"] == {200: 20}
    # The server really accepted: every offer became an assignment in the database.
    assert Inzet.objects.filter(status="actief").count() == 20
    assert set(Aanbod.objects.values_list("status", flat=True)) == {"geaccepteerd"}
