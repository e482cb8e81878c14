"""The member's page of a VERA order (/opdracht/<id>/): the assigned member reads the
briefing and reports the work done with a note, travel time and photos, without the API;
the hours and schedule pages lead there; anyone else gets a 404."""

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coop.intake.models import Gereedmelding, GereedmeldingFoto, Onderhoudsorder
from coop.models import Dienst, Werkpakket
from coop.notificaties.services import meldingsvoorkeur_update
from coop.services.werk import aanbod as aanbod_services
from tests.intake.conftest import order

AMS = ZoneInfo("Europe/Amsterdam")
MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=AMS)
NA_DE_KLUS = datetime(2026, 11, 3, 13, 0, tzinfo=AMS)
FOTO = b"\xff\xd8\xff\xe0 de nieuwe kraan"


@pytest.fixture
def tijd():
    with time_machine.travel(MAANDAG, tick=False) as reis:
        yield reis


@pytest.fixture
def gepland(tijd, ohd, sleutel, werknemer_user) -> Werkpakket:
    assert ohd(sleutel).post("onderhoudsorders", order()).status_code == 201
    dienst = Dienst.objects.get(job__werkpakket__vera_orders__order_id="WO-2026-0412")
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    return dienst.job.werkpakket


def _als(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_assigned_member_reads_the_briefing_and_reports_done_with_a_photo(
    tijd, gepland, werknemer_user
):
    lid = _als(werknemer_user)
    url = f"/opdracht/{gepland.pk}/"
    assert url in lid.get("/rooster/").content.decode()
    pagina = lid.get(url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Samira Bouzid" in html and "06-12345678" in html and "Bernadottelaan" in html

    tijd.move_to(NA_DE_KLUS)
    assert url in lid.get("/uren/").content.decode()
    antwoord = lid.post(
        url,
        {
            "notitie": "Kraan vervangen, lekt niet meer.",
            "reistijd_minuten": "25",
            "fotos": [SimpleUploadedFile("kraan.jpg", FOTO, content_type="image/jpeg")],
        },
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == url
    melding = Gereedmelding.objects.get()
    assert (melding.werkpakket, melding.werknemer.user) == (gepland, werknemer_user)
    assert (melding.notitie, melding.reistijd_minuten) == ("Kraan vervangen, lekt niet meer.", 25)
    foto = GereedmeldingFoto.objects.get()
    assert foto.sha256 == hashlib.sha256(FOTO).hexdigest()
    assert (Path(settings.MEDIA_ROOT) / foto.bestand).read_bytes() == FOTO
    na = lid.get(url).content.decode()
    assert "Uw gereedmelding is bewaard" in na
    assert "Kraan vervangen, lekt niet meer." in na and "1 foto" in na


def test_a_bad_photo_or_no_note_is_said_on_the_page_and_nothing_is_stored(gepland, werknemer_user):
    lid = _als(werknemer_user)
    url = f"/opdracht/{gepland.pk}/"
    geen_foto = lid.post(
        url,
        {
            "notitie": "klaar",
            "fotos": [SimpleUploadedFile("script.jpg", b"#!/bin/sh", content_type="image/jpeg")],
        },
    )
    assert geen_foto.status_code == 400
    assert "alleen JPEG, PNG, HEIC of WebP" in geen_foto.content.decode()
    leeg = lid.post(url, {"notitie": "", "reistijd_minuten": "0"})
    assert leeg.status_code == 400
    te_lang = lid.post(url, {"notitie": "klaar", "reistijd_minuten": "9999"})
    assert te_lang.status_code == 400
    assert not Gereedmelding.objects.exists() and not GereedmeldingFoto.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "gereedmeldingen").exists()
    assert Onderhoudsorder.objects.get().status == "PLN"


def test_anyone_but_the_assigned_member_gets_a_404(
    tijd, ohd, sleutel, werknemer_user, andere_werknemer_user, werkgever_user, staff
):
    assert ohd(sleutel).post("onderhoudsorders", order()).status_code == 201
    pakket = Werkpakket.objects.get()
    url = f"/opdracht/{pakket.pk}/"
    assert _als(werknemer_user).get(url).status_code == 404  # not yet assigned
    dienst = Dienst.objects.get(job__werkpakket=pakket)
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    for ander in (andere_werknemer_user, werkgever_user, staff):
        assert _als(ander).get(url).status_code == 404
        assert _als(ander).post(url, {"notitie": "klaar"}).status_code == 404
    assert not Gereedmelding.objects.exists()
    assert Client().get(url).status_code == 302  # a visitor is asked to log in


@pytest.mark.parametrize(
    "taal, kop, link",
    [
        ("en", "Report the work done", "Work order and report done"),
        ("tr", "İşin tamamlandığını bildirin", "İş emri ve tamamlandı bildirimi"),
        ("ar", "الإبلاغ عن إنجاز العمل", "أمر العمل والإبلاغ عن الإنجاز"),
    ],
)
def test_the_order_page_and_its_link_speak_the_members_language(
    taal, kop, link, gepland, werknemer_user
):
    meldingsvoorkeur_update(werknemer=werknemer_user.werknemer, taal=taal)
    lid = _als(werknemer_user)
    assert link in lid.get("/rooster/").content.decode()
    html = lid.get(f"/opdracht/{gepland.pk}/").content.decode()
    richting = "rtl" if taal == "ar" else "ltr"
    assert f'<html lang="{taal}" dir="{richting}">' in html
    assert kop in html and "Werk gereed melden" not in html


@pytest.mark.parametrize(
    "taal, geen_foto",
    [
        ("en", "Photo 'script.jpg': only JPEG, PNG, HEIC or WebP."),
        ("tr", "'script.jpg' fotoğrafı: yalnızca JPEG, PNG, HEIC veya WebP."),
        ("ar", "الصورة 'script.jpg': فقط JPEG أو PNG أو HEIC أو WebP."),
    ],
)
def test_a_refused_photo_is_explained_in_the_members_language(
    taal, geen_foto, gepland, werknemer_user
):
    meldingsvoorkeur_update(werknemer=werknemer_user.werknemer, taal=taal)
    lid = _als(werknemer_user)
    script = SimpleUploadedFile("script.jpg", b"#!/bin/sh", content_type="image/jpeg")
    antwoord = lid.post(f"/opdracht/{gepland.pk}/", {"notitie": "klaar", "fotos": [script]})
    html = antwoord.content.decode().replace("&#x27;", "'")
    assert antwoord.status_code == 400
    assert geen_foto in html and "alleen JPEG" not in html
    assert not Gereedmelding.objects.exists()
