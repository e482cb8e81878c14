"""What a work package may hold: only the allowed choices, and work that can still be done."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coop.models import Dienst, Job, Werkpakket
from tests import factories as f
from tests.coop.test_broker_flow import eenmalig

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, wijk="Kanaleneiland")


@pytest.mark.parametrize(
    "veld, waarde",
    [("regie", "iedereen"), ("categorie", "sloopwerk"), ("soort", "soms"), ("regie", "")],
)
def test_a_value_outside_the_choices_is_refused(
    api_as, werkgever_user, locatie, catalogus, veld, waarde
):
    response = api_as(werkgever_user).post("werkpakketten/", {**eenmalig(locatie), veld: waarde})
    assert response.status_code == 422, response.body
    assert response.body["fields"] == {veld: ["Kies een van de toegestane waarden."]}
    assert not Werkpakket.objects.exists()


def test_both_regie_values_are_stored(api_as, werkgever_user, locatie, catalogus):
    for regie in ("makelaar", "opdrachtgever"):
        response = api_as(werkgever_user).post(
            "werkpakketten/", {**eenmalig(locatie), "regie": regie}
        )
        assert response.status_code == 201, response.body
        assert response.body["regie"] == regie


@pytest.mark.parametrize(
    "pad, parameter, waarde",
    [
        ("werkpakketten/", "status", "weg"),
        ("jobs/", "soort", "halfvast"),
        ("aanbiedingen/", "status", "misschien"),
        ("inzetten/", "status", "bijna"),
        ("uren/", "status", "ooit"),
    ],
)
def test_an_unknown_filter_value_is_refused(api_as, staff, pad, parameter, waarde):
    response = api_as(staff).get(f"{pad}?{parameter}={waarde}")
    assert response.status_code == 422, response.body
    assert response.body["fields"] == {parameter: ["Kies een van de toegestane waarden."]}


def test_openapi_lists_the_allowed_values(api_as, db):
    doc = api_as(None).get("openapi.json").body
    schemas = doc["components"]["schemas"]

    def enum(schema):
        if "$ref" in schema:
            return enum(schemas[schema["$ref"].rsplit("/", 1)[1]])
        if "anyOf" in schema:
            return next(e for s in schema["anyOf"] if (e := enum(s)))
        return schema.get("enum")

    velden = schemas["WerkpakketIn"]["properties"]
    assert set(enum(velden["regie"])) == set(Werkpakket.Regie.values)
    assert set(enum(velden["categorie"])) == {
        "schoonmaak",
        "schilderwerk",
        "verhuishulp",
        "tuinonderhoud",
        "gebouwbeheer",
        "reparaties",
        "huismeester",
        "overig",
    }
    assert set(enum(velden["soort"])) == {"eenmalig", "terugkerend"}
    operatie = doc["paths"]["/api/v1/werkpakketten/"]["get"]
    (status,) = [p for p in operatie["parameters"] if p["name"] == "status"]
    assert set(enum(status["schema"])) == set(Werkpakket.Status.values)


def test_work_wholly_in_the_past_is_refused_with_the_reason(
    api_as, werkgever_user, locatie, catalogus
):
    response = api_as(werkgever_user).post("werkpakketten/", eenmalig(locatie, dagen_vooruit=-30))
    assert response.status_code == 422, response.body
    assert "helemaal in het verleden" in response.body["detail"]
    assert list(response.body["fields"]) == ["uiterlijk_eind"]
    assert not Werkpakket.objects.exists()


def test_recurring_work_that_ended_is_refused(api_as, werkgever_user, locatie, catalogus):
    vandaag = timezone.localdate()
    response = api_as(werkgever_user).post(
        "werkpakketten/",
        {
            **eenmalig(locatie),
            "soort": "terugkerend",
            "startdatum": (vandaag - timedelta(weeks=20)).isoformat(),
            "einddatum": (vandaag - timedelta(days=1)).isoformat(),
            "tijdvakken": [{"weekdag": 1, "begin": "09:00", "eind": "13:00"}],
        },
    )
    assert response.status_code == 422, response.body
    assert list(response.body["fields"]) == ["einddatum"]


def test_a_draft_whose_time_passed_is_not_published(api_as, werkgever_user, locatie, catalogus):
    created = api_as(werkgever_user).post("werkpakketten/", eenmalig(locatie, dagen_vooruit=1))
    assert created.status_code == 201, created.body
    later = timezone.now() + timedelta(days=30)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = api_as(werkgever_user).post(f"werkpakketten/{created.body['id']}/publiceer")
    assert response.status_code == 422, response.body
    assert "helemaal in het verleden" in response.body["detail"]
    assert not Job.objects.exists() and not Dienst.objects.exists()
    assert Werkpakket.objects.get().status == "concept"


def test_publishing_work_that_began_makes_only_shifts_still_to_come(
    api_as, werkgever_user, locatie, catalogus
):
    """Work from five days ago to nine days ahead, published at 06:00 (before today's first
    shift): no shift before now, all hours planned."""
    payload = eenmalig(locatie, dagen_vooruit=-5, uren="20")
    created = api_as(werkgever_user).post("werkpakketten/", payload)
    assert created.status_code == 201, created.body
    vroeg = datetime.combine(timezone.localdate(), time(6, 0), AMS)
    with time_machine.travel(vroeg, tick=False):
        response = api_as(werkgever_user).post(f"werkpakketten/{created.body['id']}/publiceer")
        assert response.status_code == 200, response.body
        diensten = Dienst.objects.filter(job__werkpakket_id=created.body["id"])
        assert diensten.exists()
        assert min(d.start for d in diensten) > timezone.now()
        assert min(d.start for d in diensten).astimezone(AMS).date() >= timezone.localdate()
    assert sum(d.uren for d in diensten) == Decimal("20")


def test_publishing_drops_todays_shift_that_already_began(
    api_as, werkgever_user, locatie, catalogus
):
    """Work for today only, published at 15:00: the 08:00 shift cannot be staffed."""
    vandaag = timezone.localdate() + timedelta(days=2)
    middag = datetime.combine(vandaag, time(15, 0), AMS)
    payload = {
        **eenmalig(locatie),
        "vroegste_start": vandaag.isoformat(),
        "uiterlijk_eind": vandaag.isoformat(),
        "totaal_uren": "4",
    }
    created = api_as(werkgever_user).post("werkpakketten/", payload)
    assert created.status_code == 201, created.body
    with mock.patch("django.utils.timezone.now", return_value=middag):
        response = api_as(werkgever_user).post(f"werkpakketten/{created.body['id']}/publiceer")
    assert response.status_code == 422, response.body
    assert "al voorbij" in response.body["detail"]
    assert not Dienst.objects.exists()
