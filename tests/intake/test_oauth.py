"""OAuth2 client credentials with the specification's scopes: a corporation's client gets a
token at /vera/ohd/v4/oauth/token; writing needs a ReadWrite scope; another corporation's
token sees nothing."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from oauth2_provider.models import AccessToken

from coop.intake import koppelingen as koppeling_services
from coop.intake.models import Onderhoudsorder
from tests.intake.conftest import order

MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def tijd():
    with time_machine.travel(MAANDAG, tick=True):
        yield


def token(client_id: str, geheim: str, scope: str) -> dict:
    antwoord = Client().post(
        "/vera/ohd/v4/oauth/token",
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=_basic(client_id, geheim),
    )
    return {"status": antwoord.status_code, **antwoord.json()}


def _basic(client_id: str, geheim: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{client_id}:{geheim}".encode()).decode()


def _bearer(waarde: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {waarde}"}


def test_client_credentials_with_read_write_scope_posts_and_reads(ohd, koppeling):
    client, geheim = koppeling_services.oauth_client_maken(werkgever=koppeling.werkgever)
    uitgegeven = token(client.client_id, geheim, "OHD.Onderhoudsorders.ReadWrite")
    assert uitgegeven["status"] == 200, uitgegeven
    assert uitgegeven["scope"] == "OHD.Onderhoudsorders.ReadWrite"
    # The token is not stored in plaintext.
    assert not AccessToken.objects.filter(token=uitgegeven["access_token"]).exists()
    klant = ohd(**_bearer(uitgegeven["access_token"]))
    assert klant.post("onderhoudsorders", order()).status_code == 201
    assert klant.get("onderhoudsorders/WO-2026-0412").body["status"]["code"] == "GUN"
    assert Onderhoudsorder.objects.get().koppeling == koppeling


def test_read_scope_cannot_write(ohd, koppeling):
    client, geheim = koppeling_services.oauth_client_maken(werkgever=koppeling.werkgever)
    lezen = token(client.client_id, geheim, "OHD.Onderhoudsorders.Read")["access_token"]
    klant = ohd(**_bearer(lezen))
    geweigerd = klant.post("onderhoudsorders", order())
    assert geweigerd.status_code == 403
    assert "OHD.Onderhoudsorders.ReadWrite" in geweigerd.body["omschrijving"]
    assert Onderhoudsorder.objects.count() == 0
    assert klant.get("onderhoudsorders").status_code == 200


def test_unknown_scope_and_wrong_secret_get_no_token(koppeling):
    client, geheim = koppeling_services.oauth_client_maken(werkgever=koppeling.werkgever)
    assert token(client.client_id, geheim, "OHD.Onderhoudsverzoeken.Lezen")["status"] == 400
    assert token(client.client_id, "fout", "OHD.All.Read")["status"] == 401


def test_another_corporations_token_sees_none_of_it(ohd, sleutel, andere_werkgever, koppelingen):
    ohd(sleutel).post("onderhoudsorders", order())
    client, geheim = koppeling_services.oauth_client_maken(werkgever=andere_werkgever)
    ander = ohd(**_bearer(token(client.client_id, geheim, "OHD.All.ReadWrite")["access_token"]))
    assert ander.get("onderhoudsorders/WO-2026-0412").status_code == 404
    assert ander.get("onderhoudsorders").body == []


def test_unknown_token_is_refused(ohd, koppeling):
    assert ohd(**_bearer("geen-echt-token")).get("onderhoudsorders").status_code == 401


def test_command_makes_an_oauth_client(koppeling):
    uit = StringIO()
    call_command("vera_sleutel", "--kvk", koppeling.werkgever.kvk_nummer, "--oauth", stdout=uit)
    regels = dict(r.split("=", 1) for r in uit.getvalue().splitlines() if "=" in r)
    assert token(regels["client_id"], regels["client_secret"], "OHD.All.Read")["status"] == 200
