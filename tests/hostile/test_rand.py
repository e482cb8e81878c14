"""The API's edge: control characters, wrong methods, unknown paths, broken bodies.

Whatever a client sends, the answer is the shared JSON error shape with a Dutch message,
never a 500 (PostgreSQL refuses NUL outright) and never Django's or django-ninja's own
English or HTML page. Runs on SQLite and on PostgreSQL alike.
"""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coop.api import api
from coop.core.invoer import MELDING, MELDING_REGEL
from coop.models import Werkpakket
from tests import factories as f
from werkgevers.models import Werkgever

STUURTEKENS = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\ud800"]


def _pakket(locatie, **velden) -> dict:
    start = timezone.localdate() + timedelta(days=10)
    return {
        "locatie_id": locatie.pk,
        "titel": "Trappenhuizen",
        "categorie": "schoonmaak",
        "soort": "eenmalig",
        "tarief_per_uur": "32.50",
        "vroegste_start": start.isoformat(),
        "uiterlijk_eind": (start + timedelta(days=5)).isoformat(),
        "totaal_uren": "8",
        **velden,
    }


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever)


def _fout(response, status: int, veld: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "fields"} and body["detail"].strip()
    if veld is not None:
        assert veld in body["fields"], body
    return body


# --- control characters --------------------------------------------------------------------


@pytest.mark.parametrize("teken", STUURTEKENS, ids=[f"U+{ord(t):04X}" for t in STUURTEKENS])
def test_a_control_character_in_a_text_field_is_a_dutch_422(api_as, werkgever_user, locatie, teken):
    response = api_as(werkgever_user).post(
        "werkpakketten/", _pakket(locatie, titel=f"Trap{teken}huis")
    )
    body = _fout(response, 422, "titel")
    assert body["fields"]["titel"] == [MELDING]
    assert not Werkpakket.objects.exists()


@pytest.mark.parametrize("teken", STUURTEKENS, ids=[f"U+{ord(t):04X}" for t in STUURTEKENS])
def test_a_control_character_in_a_multiline_field_is_refused_too(
    api_as, werkgever_user, locatie, teken
):
    response = api_as(werkgever_user).post(
        "werkpakketten/", _pakket(locatie, omschrijving=f"Eerst{teken}dan")
    )
    _fout(response, 422, "omschrijving")


def test_tab_and_newline_may_stand_in_a_multiline_field_only(api_as, werkgever_user, locatie):
    planner = api_as(werkgever_user)
    tekst = "Trap A en B.\n\tSleutel bij de huismeester.\r\nBel aan."
    response = planner.post("werkpakketten/", _pakket(locatie, omschrijving=tekst))
    assert response.status_code == 201, response.body
    assert Werkpakket.objects.get().omschrijving == tekst
    for titel in ("Trap\nhuis", "Trap\thuis"):
        fout = _fout(planner.post("werkpakketten/", _pakket(locatie, titel=titel)), 422, "titel")
        assert fout["fields"]["titel"] == [MELDING_REGEL]
    assert Werkpakket.objects.count() == 1


def test_a_control_character_deep_in_a_body_names_its_place(api_as, werkgever_user, locatie):
    response = api_as(werkgever_user).post(
        "werkpakketten/",
        _pakket(locatie, vaardigheden=[{"code": "schoon\x00maak", "min_niveau": 1}]),
    )
    _fout(response, 422, "vaardigheden.0.code")


def test_a_control_character_in_a_key_is_refused(api_as, werkgever_user, locatie):
    response = api_as(werkgever_user).post("werkpakketten/", {**_pakket(locatie), "ti\x00tel": 1})
    _fout(response, 422)


def test_nul_in_a_single_line_field_of_the_registries(api_as, staff):
    response = api_as(staff).post(
        "werkgevers/",
        {
            "naam": "Bo\x00Ex",
            "kvk_nummer": "30111111",
            "soort": "corporatie",
            "lid_sinds": "2026-01-01",
        },
    )
    _fout(response, 422, "naam")
    assert not Werkgever.objects.filter(kvk_nummer="30111111").exists()


QUERIES = [
    "werknemers/?zoek=",
    "werkpakketten/?status=",
    "documenten/?nummer=",
    "werkgevers/?zoek=",
    "werkgevers/?onbekend=",
    "uren/?status=",
    "documenten/verplichtingen?soort=",
]


@pytest.mark.parametrize("pad", QUERIES)
@pytest.mark.parametrize("teken", ["\x00", "\x01", "\n", "\x7f"], ids=["NUL", "SOH", "LF", "DEL"])
def test_a_control_character_in_a_query_parameter_is_a_dutch_422(api_as, staff, pad, teken):
    response = api_as(staff).get(pad + quote(f"a{teken}b"))
    naam = pad.split("?")[1].rstrip("=")
    assert _fout(response, 422, naam)["fields"][naam] == [MELDING]


def test_a_control_character_in_the_path_is_a_dutch_422(api_as, staff):
    _fout(api_as(staff).get("importeren/sjablonen/werk%00pakketten"), 422, "pad")
    _fout(api_as(staff).get("werkgevers/%01"), 422, "pad")


def _operaties():
    doc = api.get_openapi_schema()
    for pad, operaties in doc["paths"].items():
        for methode, operatie in operaties.items():
            yield pad, methode, operatie


def _invullen(pad: str, operatie: dict) -> str:
    for p in operatie.get("parameters", []):
        if p["in"] == "path":
            schema = p["schema"]
            waarde = schema["enum"][0] if "enum" in schema else "1"
            pad = pad.replace("{" + p["name"] + "}", str(waarde))
    return pad


QUERY_OPERATIES = [
    (pad, methode, p["name"])
    for pad, methode, operatie in _operaties()
    for p in operatie.get("parameters", [])
    if p["in"] == "query"
]


@pytest.mark.parametrize("rol", ["staff", "werkgever_user", "werknemer_user"])
def test_nul_in_every_query_parameter_of_the_api_is_no_server_error(api_as, request, rol):
    """Every query parameter the OpenAPI document names, as each role: NUL is a 422."""
    klant = api_as(request.getfixturevalue(rol))
    operaties = {(pad, methode): operatie for pad, methode, operatie in _operaties()}
    assert len(QUERY_OPERATIES) >= 20
    for pad, methode, naam in QUERY_OPERATIES:
        url = _invullen(pad, operaties[pad, methode]) + "?" + naam + "=a%00b"
        response = getattr(klant.client, methode)(url, **klant.headers)
        assert response.status_code == 422, (methode, url, response.status_code)
        assert response.json()["fields"] == {naam: [MELDING]}


@pytest.fixture
def admin_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def test_nul_in_an_admin_search_is_a_400_not_a_500(admin_client):
    url = reverse("admin:werkgevers_werkgever_changelist")
    assert admin_client.get(url, {"q": "Bo\x00Ex"}).status_code == 400
    assert admin_client.get(url, {"q": "Bo-Ex"}).status_code == 200


def test_nul_in_an_admin_form_is_a_400_and_stores_nothing(admin_client):
    response = admin_client.post(
        reverse("admin:werkgevers_werkgever_add"),
        {"naam": "Bo\x00Ex", "kvk_nummer": "30111111", "soort": "corporatie"},
    )
    assert response.status_code == 400
    assert not Werkgever.objects.filter(kvk_nummer="30111111").exists()


def test_nul_as_a_json_escape_in_an_admin_json_field_is_a_400(admin_client, werkgever, locatie):
    """PostgreSQL's jsonb refuses \\u0000 too: the admin form answered a 500."""
    response = admin_client.post(
        reverse("admin:coop_werkpakket_add"),
        {
            "werkgever": werkgever.pk,
            "locatie": locatie.pk,
            "titel": "Trappenhuizen",
            "categorie": "schoonmaak",
            "soort": "eenmalig",
            "max_personen": 1,
            "dagen": '["\\u0000"]',
            "tarief_per_uur": "30",
            "regie": "makelaar",
            **{
                f"{inline}-{teller}": 0
                for inline in ("vaardigheden", "tijdvakken", "gebeurtenissen")
                for teller in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 400
    assert not Werkpakket.objects.exists()


# --- errors in the shared shape ------------------------------------------------------------


def test_a_wrong_method_is_a_dutch_405_with_the_allowed_methods(api_as, werknemer_user):
    response = api_as(werknemer_user).delete("auth/me")
    body = _fout(response, 405)
    assert "DELETE" in body["detail"] and "niet toegestaan" in body["detail"]
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("debug", [False, True], ids=["productie", "debug"])
def test_an_unknown_api_path_is_a_json_404(api_as, staff, settings, debug):
    settings.DEBUG = debug
    for pad in ("bestaat-niet/", "werkgevers/1/bestaat-niet", "/api/v2/werkgevers/"):
        assert _fout(api_as(staff).get(pad), 404)["detail"] == "Niet gevonden."


@pytest.mark.parametrize("debug", [False, True], ids=["productie", "debug"])
@pytest.mark.parametrize("methode", ["get", "post"])
def test_an_api_path_without_its_slash_is_a_json_404_not_a_redirect(
    api_as, werkgever_user, settings, debug, methode
):
    settings.DEBUG = debug
    response = getattr(api_as(werkgever_user), methode)("werkpakketten")
    assert _fout(response, 404)["detail"] == "Niet gevonden."


@pytest.mark.parametrize("debug", [False, True], ids=["productie", "debug"])
@pytest.mark.parametrize("inhoud", [b"{bad", b'{"titel": "a"', b"\xff\xfe", b"{'a': 1}"])
def test_a_malformed_json_body_is_a_dutch_400(api_as, werkgever_user, settings, debug, inhoud):
    settings.DEBUG = debug
    response = api_as(werkgever_user).post(
        "werkpakketten/", inhoud, content_type="application/json"
    )
    body = _fout(response, 400)
    assert body["detail"] == "De inhoud van het verzoek is geen geldige JSON."


@pytest.mark.parametrize("inhoud", ["[]", "[1, 2]", '"x"', "5", "null", "true"])
def test_a_body_that_is_no_object_is_a_422(api_as, werkgever_user, inhoud):
    response = api_as(werkgever_user).post(
        "werkpakketten/", inhoud, content_type="application/json"
    )
    _fout(response, 422, "verzoek")


def test_a_list_body_stays_a_list_where_a_list_is_asked(api_as, werknemer_user):
    lid = api_as(werknemer_user)
    pad = f"werknemers/{werknemer_user.werknemer.pk}/beschikbaarheid"
    blok = {"weekdag": 0, "begin": "09:00", "eind": "17:00"}
    assert lid.put(pad, [blok]).status_code == 200
    assert lid.put(pad, blok).status_code == 422


def test_every_operation_declares_its_4xx_in_the_shared_error_shape():
    fout = {"$ref": "#/components/schemas/ErrorOut"}
    gezien = 0
    for pad, methode, operatie in _operaties():
        antwoorden = operatie["responses"]
        verwacht = set()
        if operatie.get("security"):
            verwacht |= {"401", "403", "404"}
        if operatie.get("parameters") or "requestBody" in operatie:
            verwacht.add("422")
        if methode != "get":
            verwacht |= {"400", "409"}
        for code in verwacht:
            assert code in antwoorden, (methode, pad, code)
            schema = antwoorden[code]["content"]["application/json"]["schema"]
            if code != "400" or "ImportGeweigerdOut" not in str(schema):
                assert schema == fout, (methode, pad, code, schema)
        gezien += 1
    assert gezien >= 80


def test_pages_outside_the_api_keep_the_slash_redirect(db):
    response = Client().get("/admin")
    assert response.status_code == 301 and response["Location"] == "/admin/"
