"""Leave on the member's page: this year's holiday hours, and asking for leave through the
same service as the API (a permanent job needed; staff decide)."""
# ruff: noqa: F811  (fixtures imported from other modules)

import pytest
from django.test import Client

from coop.models import Afwezigheidsmelding
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_afwezigheid_verhaal import fatima, verhaal  # noqa: F401
from tests.coop.test_vast_flow import gebundeld, terugkerend  # noqa: F401

pytestmark = pytest.mark.django_db


def _client(werknemer) -> Client:
    client = Client()
    client.force_login(werknemer.user)
    return client


def test_balance_shown_and_leave_asked_for(fatima, verhaal):
    client = _client(fatima)
    pagina = client.get("/afwezigheid/").content.decode()
    assert "Verlof 2026" in pagina and "Recht op vakantie-uren" in pagina
    assert 'id="id_verlof-van"' in pagina and 'id="id_van"' in pagina  # two forms, no clash

    antwoord = client.post(
        "/afwezigheid/verlof/",
        {"verlof-van": "2027-01-04", "verlof-tot": "2027-01-08", "verlof-reden": "familie"},
        follow=True,
    )
    tekst = antwoord.content.decode()
    assert "Uw verlofaanvraag is verstuurd" in tekst
    [aanvraag] = Afwezigheidsmelding.objects.filter(werknemer=fatima, soort="verlof")
    assert (aanvraag.status, str(aanvraag.van), aanvraag.reden) == (
        "aangevraagd",
        "2027-01-04",
        "familie",
    )
    assert f'id="afwezigheid-{aanvraag.pk}"' in tekst
    # the same request again changes nothing
    nogmaals = client.post(
        "/afwezigheid/verlof/",
        {"verlof-van": "2027-01-04", "verlof-tot": "2027-01-08"},
        follow=True,
    )
    assert "Deze aanvraag had u al gedaan" in nogmaals.content.decode()
    assert Afwezigheidsmelding.objects.filter(soort="verlof").count() == 1


def test_without_a_permanent_job_it_is_a_sentence_and_nothing_is_stored(catalogus):
    oproepkracht = lid(catalogus, f.UserFactory(username="youssef"), voornaam="Youssef")
    antwoord = _client(oproepkracht).post(
        "/afwezigheid/verlof/", {"verlof-van": "2027-01-04", "verlof-tot": "2027-01-08"}
    )
    assert antwoord.status_code == 400
    assert "Verlof aanvragen kan met een vaste baan" in antwoord.content.decode()
    assert not Afwezigheidsmelding.objects.exists()


@pytest.mark.parametrize(
    "invoer", [{"verlof-van": "2027-01-08", "verlof-tot": "2027-01-04"}, {"verlof-van": "x"}]
)
def test_bad_dates_are_a_sentence(fatima, verhaal, invoer):
    antwoord = _client(fatima).post("/afwezigheid/verlof/", invoer)
    assert (
        antwoord.status_code == 400
        and 'class="fout"' in antwoord.content.decode()
        or ('role="alert"' in antwoord.content.decode())
    )
    assert not Afwezigheidsmelding.objects.filter(soort="verlof").exists()


def test_leave_page_needs_a_login(client):
    assert client.post("/afwezigheid/verlof/", {})["Location"].startswith("/inloggen/")
