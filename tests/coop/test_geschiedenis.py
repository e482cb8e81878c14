"""The one helper that writes the broker's history (coop.services.werk.geschiedenis)."""

import pytest
from django.contrib.auth.models import AnonymousUser, User

from coop.models import Gebeurtenis
from coop.services.werk.geschiedenis import gebeurtenis_create, gebeurtenissen_create

pytestmark = pytest.mark.django_db


def test_an_entry_with_its_soort_user_and_text():
    staf = User.objects.create_user("staf", is_staff=True)
    g = gebeurtenis_create(soort=Gebeurtenis.Soort.PLANNING, tekst="Planning gedaan.", user=staf)
    g.refresh_from_db()
    assert (g.soort, g.tekst, g.user) == ("planning", "Planning gedaan.", staf)
    assert g.get_soort_display() == "planning"


def test_an_anonymous_or_missing_user_is_no_one_and_the_text_fits_the_column():
    g = gebeurtenis_create(soort="verlopen", tekst="x" * 600, user=AnonymousUser())
    assert g.user is None
    assert len(g.tekst) == 500


def test_an_unknown_soort_or_link_writes_nothing():
    with pytest.raises(ValueError):
        gebeurtenis_create(soort="onbekend", tekst="?")
    with pytest.raises(TypeError, match="koppeling"):
        gebeurtenis_create(soort="planning", tekst="?", dienst=1)
    assert not Gebeurtenis.objects.exists()


def test_the_existing_values_are_the_choices():
    """Rows written before the choices keep their meaning: the values did not change."""
    assert set(Gebeurtenis.Soort.values) >= {
        "aangemaakt",
        "gepubliceerd",
        "geannuleerd",
        "afgerond",
        "gebundeld",
        "planning",
        "planning_conflict",
        "aangeboden",
        "geaccepteerd",
        "afgewezen",
        "verlopen",
        "geen_kandidaat",
        "kandidaat_overgeslagen",
        "melding_werknemer",
    }
    assert Gebeurtenis.MELDING_WERKNEMER == "melding_werknemer"


def test_many_packages_at_once():
    assert gebeurtenissen_create(soort="afgerond", tekst="Klaar.", werkpakket_ids=[]) == []
