"""Absence on the member pages: report sick or "kan niet" for a range of days, see every
record with its reason and the released work, through the same service as the API."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from coop.models import Afwezigheidsmelding, Dienst, Inzet, Urenregel
from coop.notificaties.models import Notificatie, Soort
from coop.services.werk import aanbod as aanbod_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingepland(publiceer, fatima, daan, staff):
    """Fatima holds a shift in 2 days (inside the call term); Daan could stand in."""
    dienst = publiceer(dagen_vooruit=2)[0]
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    return aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)


def _dag(dagen: int) -> str:
    return (timezone.localdate() + timedelta(days=dagen)).isoformat()


def test_page_needs_a_login_and_is_in_the_menu(client, fatima, ingelogd):
    assert client.get("/afwezigheid/").status_code == 302
    tekst = ingelogd(fatima).get("/").content.decode()
    assert 'href="/afwezigheid/"' in tekst


def test_kan_niet_releases_the_shift_and_the_record_shows_it(ingepland, fatima, daan, ingelogd):
    client = ingelogd(fatima)
    antwoord = client.post(
        "/afwezigheid/",
        {"soort": "kan_niet", "van": _dag(2), "tot": _dag(2), "reden": "tandarts"},
        follow=True,
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Uw melding is vastgelegd" in tekst
    # The employer's shift stays, open again, and goes to Daan; no pay for "kan niet".
    ingepland.refresh_from_db()
    assert ingepland.status == Inzet.Status.VRIJGEGEVEN
    assert (
        Dienst.objects.get(pk=ingepland.dienst_id).aanbiedingen.get(status="open").werknemer == daan
    )
    assert not Urenregel.objects.filter(inzet=ingepland).exists()
    # The member sees the record, its reason and the released shift within the call term.
    melding = Afwezigheidsmelding.objects.get(werknemer=fatima)
    assert f"afwezigheid-{melding.pk}" in tekst
    assert "tandarts" in tekst and "Geen loon." in tekst
    assert "gemeld binnen de oproeptermijn van 4 dagen" in tekst
    assert "er hoort geen score of straf bij" in tekst
    # ... and hears of it, with a link to this page.
    bericht = Notificatie.objects.get(werknemer=fatima, soort=Soort.AFWEZIGHEID)
    assert bericht.pad == "/afwezigheid/" and bericht.gegevens["korte_termijn"] is True


def test_the_same_report_twice_changes_nothing(ingepland, fatima, ingelogd):
    client = ingelogd(fatima)
    melding = {"soort": "ziek", "van": _dag(1), "tot": _dag(3)}
    client.post("/afwezigheid/", melding)
    antwoord = client.post("/afwezigheid/", melding, follow=True)
    assert "Deze melding had u al gedaan" in antwoord.content.decode()
    assert Afwezigheidsmelding.objects.filter(werknemer=fatima).count() == 1
    regel = Urenregel.objects.get(inzet=ingepland)
    assert regel.soort == Urenregel.Soort.ZIEK and regel.ziek_uren > 0


@pytest.mark.parametrize(
    "invoer, woord",
    [
        (
            {"soort": "ziek", "van": _dag(5), "tot": _dag(2)},
            "De laatste dag ligt vóór de eerste dag",
        ),
        ({"soort": "kan_niet", "van": _dag(2), "tot": _dag(2)}, "Geef een reden op"),
        ({"soort": "ziek", "van": _dag(-40)}, "dagen terug"),
        ({"soort": "ziek"}, "Eerste dag"),
    ],
)
def test_bad_input_is_a_sentence_and_changes_nothing(ingepland, fatima, ingelogd, invoer, woord):
    antwoord = ingelogd(fatima).post("/afwezigheid/", invoer)
    assert antwoord.status_code == 400
    assert woord in antwoord.content.decode()
    assert not Afwezigheidsmelding.objects.exists()
    ingepland.refresh_from_db()
    assert ingepland.status == Inzet.Status.ACTIEF


def test_a_member_sees_only_their_own_record(ingepland, fatima, daan, ingelogd):
    ingelogd(fatima).post("/afwezigheid/", {"soort": "ziek", "van": _dag(1)})
    tekst = ingelogd(daan).get("/afwezigheid/").content.decode()
    assert "Er is niets over afwezigheid vastgelegd" in tekst


def test_hours_page_shows_the_sick_line_without_an_hours_button(ingepland, fatima, ingelogd):
    ingelogd(fatima).post("/afwezigheid/", {"soort": "ziek", "van": _dag(1)})
    with time_machine.travel(ingepland.eind + timedelta(hours=1), tick=False):
        tekst = ingelogd(fatima).get("/uren/").content.decode()
    assert "afwezig gemeld" in tekst and "70% doorbetaald" in tekst
    assert f"/uren/{ingepland.pk}/" not in tekst


def test_the_page_follows_the_members_language(fatima, ingelogd):
    from coop.notificaties.services import meldingsvoorkeur_update

    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    tekst = ingelogd(fatima).get("/afwezigheid/").content.decode()
    assert "Ill, or can you not come?" in tekst and "I cannot work" in tekst


def test_the_record_and_its_confirmation_are_named_in_the_members_language(
    ingepland, fatima, ingelogd
):
    """The kind and state of a record and the kind of the sick-report confirmation are
    labels of other apps: the member's catalogue has them too."""
    from coop.notificaties.services import meldingsvoorkeur_update

    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    client = ingelogd(fatima)
    client.post("/afwezigheid/", {"soort": "ziek", "van": _dag(1)})
    tekst = client.get("/afwezigheid/").content.decode()
    assert "<h3>Ill: " in tekst and "<dd>reported" in tekst
    assert "Ziek:" not in tekst and "gemeld<" not in tekst
    bevestiging = fatima.documenten.get(soort="bevestiging_ziekmelding")
    documenten = client.get("/documenten/").content.decode()
    assert f"Confirmation of sick report {bevestiging.nummer}" in documenten
