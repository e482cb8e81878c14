"""The inbox on the pages and the signed one-time link from an e-mail or SMS."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from coop.notificaties.links import make_link
from coop.notificaties.models import Notificatie
from coop.services.werk import aanbod as aanbod_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(publiceer, fatima, staff, django_capture_on_commit_callbacks):
    dienst = publiceer(dagen_vooruit=6)[0]
    with django_capture_on_commit_callbacks(execute=True):
        return aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)


def test_link_logs_the_member_in_once_at_its_page(aanbod, fatima):
    pad = f"/aanbiedingen/{aanbod.pk}/"
    link = make_link(werknemer=fatima, next_path=pad, ttl=timedelta(hours=24))
    client = Client()
    antwoord = client.get(link)
    assert antwoord.status_code == 302 and antwoord["Location"] == pad
    assert "Ja, ik neem dit werk" in client.get(pad).content.decode()
    tweede = Client().get(link)
    assert tweede.status_code == 410
    assert "maar één keer" in tweede.content.decode()


def test_changed_or_expired_link_is_explained(aanbod, fatima, time_machine):
    link = make_link(werknemer=fatima, next_path="/rooster/", ttl=timedelta(hours=1))
    veranderd = Client().get(link[:-3] + "xx/")
    assert veranderd.status_code == 404 and "Deze link klopt niet" in veranderd.content.decode()
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    verlopen = Client().get(link)
    assert verlopen.status_code == 410 and "verlopen" in verlopen.content.decode()


def test_link_for_another_member_replaces_the_session(aanbod, fatima, daan, ingelogd):
    client = ingelogd(daan)
    link = make_link(werknemer=fatima, next_path="/profiel/", ttl=timedelta(hours=1))
    client.get(link)
    assert "Fatima" in client.get("/profiel/").content.decode()


def test_inbox_shows_the_offer_and_opens_it(aanbod, fatima, daan, ingelogd):
    notificatie = Notificatie.objects.get(werknemer=fatima, soort="aanbod")
    client = ingelogd(fatima)
    inbox = client.get("/meldingen/").content.decode()
    assert "Nieuw" in inbox and f"/meldingen/{notificatie.pk}/" in inbox
    geopend = client.get(f"/meldingen/{notificatie.pk}/")
    assert geopend.status_code == 302 and geopend["Location"] == f"/aanbiedingen/{aanbod.pk}/"
    notificatie.refresh_from_db()
    assert notificatie.gelezen_op is not None
    assert ingelogd(daan).get(f"/meldingen/{notificatie.pk}/").status_code == 404
