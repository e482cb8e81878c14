"""Fixtures for the demand registry tests: postcodes to geocode with, and locations."""

from decimal import Decimal

import pytest

from coop.core.models import Postcode
from tests import factories as f


@pytest.fixture
def postcodes(db):
    """Two rows of the offline geocoding table (Kanaleneiland)."""
    return [
        Postcode.objects.create(
            postcode="3527 TM",
            latitude=Decimal("52.073400"),
            longitude=Decimal("5.094900"),
            plaats="Utrecht",
            gemeente="Utrecht",
            wijk="Zuidwest",
            buurt="Kanaleneiland-Zuid",
        ),
        Postcode.objects.create(
            postcode="3526 EP",
            latitude=Decimal("52.075800"),
            longitude=Decimal("5.099500"),
            plaats="Utrecht",
            gemeente="Utrecht",
            wijk="Zuidwest",
            buurt="Kanaleneiland-Noord",
        ),
    ]


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, naam="Marshallaan-flats")


@pytest.fixture
def andere_locatie(andere_werkgever):
    return f.LocatieFactory(werkgever=andere_werkgever, naam="Bo-Ex Rivierenwijk")


@pytest.fixture
def planner_zonder_beheer(werkgever):
    """A user of the first organisation who is not its beheerder."""
    return f.WerkgeverGebruikerFactory(
        user=f.UserFactory(username="collega"), werkgever=werkgever, is_beheerder=False
    ).user
