"""Fixtures for the member pages: members who can do the work, a published one-off package
with shifts, and a logged-in browser session (Django's test client) per member."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from coop.models import Dienst
from tests import factories as f
from tests.coop.conftest import catalogus, lid  # noqa: F401

WACHTWOORD = "geheim-wachtwoord-1"


@pytest.fixture(autouse=True)
def _schone_telling():
    """Rate-limit counts live in the cache: each test starts without earlier attempts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, wijk="Kanaleneiland")


@pytest.fixture
def fatima(catalogus):  # noqa: F811
    return lid(
        catalogus,
        f.UserFactory(username="fatima"),
        voornaam="Fatima",
        achternaam="El Amrani",
        email="fatima@example.nl",
        telefoon="06-12345678",
    )


@pytest.fixture
def daan(catalogus):  # noqa: F811
    return lid(
        catalogus,
        f.UserFactory(username="daan"),
        voornaam="Daan",
        achternaam="de Vries",
        email="daan@example.nl",
        telefoon="+31 6 87654321",
    )


def pakket(locatie, *, dagen_vooruit=10, uren="8", personen=1):
    start = timezone.localdate() + timedelta(days=dagen_vooruit)
    return {
        "locatie_id": locatie.pk,
        "titel": "Trappenhuizen schoonmaken",
        "omschrijving": "Trappen vegen en dweilen in twee flats.",
        "categorie": "schoonmaak",
        "soort": "eenmalig",
        "tarief_per_uur": "32.50",
        "vroegste_start": start.isoformat(),
        "uiterlijk_eind": start.isoformat(),
        "totaal_uren": uren,
        "max_uren_per_dag": uren,
        "max_personen": personen,
        "dagen": [0, 1, 2, 3, 4, 5, 6],
        "vaardigheden": [{"code": "schoonmaak", "min_niveau": 2}],
        "certificaten": ["vca"],
    }


@pytest.fixture
def publiceer(api_as, werkgever_user, locatie, catalogus):  # noqa: F811
    """publiceer(**opties) -> the open shifts of a freshly published one-off package."""

    def maak(**opties):
        planner = api_as(werkgever_user)
        gemaakt = planner.post("werkpakketten/", pakket(locatie, **opties))
        assert gemaakt.status_code == 201, gemaakt.body
        gepubliceerd = planner.post(f"werkpakketten/{gemaakt.body['id']}/publiceer")
        assert gepubliceerd.status_code == 200, gepubliceerd.body
        return list(Dienst.objects.filter(job__werkpakket_id=gemaakt.body["id"]).order_by("start"))

    return maak


@pytest.fixture
def ingelogd():
    """ingelogd(werknemer) -> a test client with a session for that member (password login)."""

    def maak(werknemer):
        client = Client(enforce_csrf_checks=False)
        antwoord = client.post(
            "/inloggen/", {"gebruikersnaam": werknemer.user.username, "wachtwoord": WACHTWOORD}
        )
        assert antwoord.status_code == 302, antwoord.content.decode()[:500]
        return client

    return maak
