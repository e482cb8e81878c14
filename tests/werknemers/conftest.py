"""Fixtures for the supply registry: postcodes to geocode, a small skill catalogue."""

from decimal import Decimal

import pytest

from coop.core.models import Postcode
from tests import factories as f


@pytest.fixture
def postcodes(db):
    """Two Utrecht postcodes in the offline table, in different wijken."""
    return [
        Postcode.objects.create(
            postcode="3526 EP",
            latitude=Decimal("52.075800"),
            longitude=Decimal("5.099500"),
            plaats="Utrecht",
            wijk="Zuidwest",
            buurt="Kanaleneiland-Noord",
        ),
        Postcode.objects.create(
            postcode="3531 AB",
            latitude=Decimal("52.093000"),
            longitude=Decimal("5.100000"),
            plaats="Utrecht",
            wijk="West",
            buurt="Lombok",
        ),
    ]


@pytest.fixture
def catalogus(db):
    """schilderen omvat kwasten; kwasten omvat schuren (so schilderen implies schuren)."""
    schuren = f.VaardigheidFactory(code="schuren", naam="Schuren")
    kwasten = f.VaardigheidFactory(code="kwasten", naam="Kwasten")
    schilderen = f.VaardigheidFactory(code="schilderen", naam="Schilderen")
    tuin = f.VaardigheidFactory(code="tuinonderhoud", naam="Tuinonderhoud")
    schilderen.omvat.add(kwasten)
    kwasten.omvat.add(schuren)
    return {"schuren": schuren, "kwasten": kwasten, "schilderen": schilderen, "tuin": tuin}


@pytest.fixture
def vca(db):
    return f.CertificaatSoortFactory(code="vca", naam="VCA Basis")


@pytest.fixture
def nieuw_lid(postcodes):
    """A valid create request (BSN 111222333 passes the 11-check)."""
    return {
        "voornaam": "Samira",
        "achternaam": "Bouzid",
        "geboortedatum": "1994-02-11",
        "bsn": "111222333",
        "iban": "NL91 ABNA 0417 1643 00",
        "straat": "Columbuslaan",
        "huisnummer": "12",
        "postcode": "3526ep",
        "plaats": "Utrecht",
        "email": "samira@example.nl",
        "talen": ["nl", "AR"],
        "uren_per_week_min": 8,
        "uren_per_week_max": 16,
        "lid_sinds": "2025-04-01",
    }
