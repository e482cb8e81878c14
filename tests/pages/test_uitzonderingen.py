"""Dated exceptions to the weekly pattern on the member pages (werknemers.Afwezigheid): days
the member cannot work although their pattern says they can. Recorded, listed and deleted
through the same service as /api/v1/werknemers/{id}/afwezigheden; a refusal is told on the
page and writes nothing; another member's exception is a 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coop.notificaties.services import meldingsvoorkeur_update
from werknemers.models import Afwezigheid

pytestmark = pytest.mark.django_db


def _dag(dagen: int) -> str:
    return (timezone.localdate() + timedelta(days=dagen)).isoformat()


def test_reached_from_the_profile_and_needs_a_login(client, fatima, ingelogd):
    assert client.get("/profiel/uitzonderingen/").status_code == 302
    profiel = ingelogd(fatima).get("/profiel/").content.decode()
    assert 'href="/profiel/uitzonderingen/"' in profiel


def test_record_list_and_delete_without_javascript(fatima, ingelogd):
    client = ingelogd(fatima)
    antwoord = client.post(
        "/profiel/uitzonderingen/",
        {"van": _dag(10), "tot_en_met": _dag(14), "reden": "verlof", "toelichting": "Marokko"},
        follow=True,
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Op deze dagen krijgt u geen nieuw werk aangeboden" in tekst
    uitzondering = Afwezigheid.objects.get(werknemer=fatima)
    assert (uitzondering.van.isoformat(), uitzondering.tot_en_met.isoformat()) == (
        _dag(10),
        _dag(14),
    )
    assert f"uitzondering-{uitzondering.pk}" in tekst and "Marokko" in tekst
    assert "Vrij of op vakantie" in tekst

    weg = client.post(f"/profiel/uitzonderingen/{uitzondering.pk}/verwijderen/", follow=True)
    assert (
        weg.status_code == 200 and "Op die dagen geldt weer uw weekpatroon" in weg.content.decode()
    )
    assert not Afwezigheid.objects.filter(werknemer=fatima).exists()


def test_with_htmx_the_block_is_answered_in_place(fatima, ingelogd):
    client = ingelogd(fatima)
    antwoord = client.post(
        "/profiel/uitzonderingen/",
        {"van": _dag(3), "tot_en_met": _dag(3), "reden": "anders"},
        HTTP_HX_REQUEST="true",
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert tekst.lstrip().startswith('<div id="uitzonderingen">') and "<html" not in tekst
    uitzondering = Afwezigheid.objects.get(werknemer=fatima)
    assert f"uitzondering-{uitzondering.pk}" in tekst

    weg = client.post(
        f"/profiel/uitzonderingen/{uitzondering.pk}/verwijderen/", HTTP_HX_REQUEST="true"
    )
    assert weg.status_code == 200 and "<html" not in weg.content.decode()
    assert not Afwezigheid.objects.exists()


@pytest.mark.parametrize(
    ("van", "tot", "zin"),
    [
        (12, 10, "De laatste dag ligt vóór de eerste dag."),
        (-30, -20, "Deze dagen zijn al voorbij; kies dagen die nog komen."),
        (-4000, 5, "Dit is langer dan een jaar; kies een kortere periode."),
    ],
)
def test_bad_days_are_refused_in_words_and_nothing_is_written(fatima, ingelogd, van, tot, zin):
    antwoord = ingelogd(fatima).post(
        "/profiel/uitzonderingen/", {"van": _dag(van), "tot_en_met": _dag(tot), "reden": "verlof"}
    )
    assert antwoord.status_code == 400
    assert zin in antwoord.content.decode()
    assert not Afwezigheid.objects.exists()


def test_a_refusal_is_in_the_members_language(fatima, ingelogd):
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    antwoord = ingelogd(fatima).post(
        "/profiel/uitzonderingen/", {"van": _dag(-30), "tot_en_met": _dag(-20), "reden": "anders"}
    )
    assert antwoord.status_code == 400
    assert "These days are already over; choose days still to come." in antwoord.content.decode()
    assert not Afwezigheid.objects.exists()


def test_another_members_exception_is_not_found(fatima, daan, ingelogd):
    van = timezone.localdate() + timedelta(days=5)
    zijne = Afwezigheid.objects.create(werknemer=daan, van=van, tot_en_met=van)
    client = ingelogd(fatima)
    assert client.post(f"/profiel/uitzonderingen/{zijne.pk}/verwijderen/").status_code == 404
    assert Afwezigheid.objects.filter(pk=zijne.pk).exists()
    assert f"uitzondering-{zijne.pk}" not in client.get("/profiel/uitzonderingen/").content.decode()


def test_illness_goes_to_the_absence_page_not_here(fatima, ingelogd):
    """Being ill is reported on the absence page (planned work released, sick pay); this
    page does not offer it, so no member records an illness that releases nothing. A record
    staff made with that reason is still named."""
    client = ingelogd(fatima)
    pagina = client.get("/profiel/uitzonderingen/").content.decode()
    assert 'value="ziek"' not in pagina and 'href="/afwezigheid/"' in pagina
    antwoord = client.post(
        "/profiel/uitzonderingen/", {"van": _dag(3), "tot_en_met": _dag(4), "reden": "ziek"}
    )
    assert antwoord.status_code == 400
    assert not Afwezigheid.objects.filter(werknemer=fatima).exists()
    Afwezigheid.objects.create(
        werknemer=fatima,
        van=timezone.localdate() + timedelta(days=5),
        tot_en_met=timezone.localdate() + timedelta(days=6),
        reden="ziek",
    )
    assert ": Ziek" in " ".join(client.get("/profiel/uitzonderingen/").content.decode().split())
