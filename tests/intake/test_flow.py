"""A corporation's order from POST to financially complete: the package it becomes, the
status as the broker's work proceeds, bestedingen equal to the approved hours, the invoice
line citing the order; a repeat; isolation between corporations. (Changed repeats:
test_wijzigen.py.)"""

import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from coop.intake.models import GereedmeldingFoto, Onderhoudsorder, Pakketbriefing
from coop.models import Dienst, Factuurregel, Loonperiode, Werkpakket
from coop.services.facturen import facturen as factuur_services
from coop.services.uren import loonperioden
from coop.services.werk import aanbod as aanbod_services
from tests.intake.conftest import order

AMS = ZoneInfo("Europe/Amsterdam")
MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=AMS)
FOTO = b"\xff\xd8\xff\xe0 een foto van de nieuwe kraan"
NA_DE_KLUS = datetime(2026, 11, 3, 13, 0, tzinfo=AMS)


@pytest.fixture
def tijd():
    with time_machine.travel(MAANDAG, tick=False) as reis:
        yield reis


def _plannen(werknemer_user) -> Dienst:
    dienst = Dienst.objects.get(job__werkpakket__vera_orders__order_id="WO-2026-0412")
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    dienst.refresh_from_db()
    return dienst


def test_order_becomes_a_published_package_of_the_corporation(tijd, ohd, sleutel, werkgever):
    antwoord = ohd(sleutel).post("onderhoudsorders", order())
    assert antwoord.status_code == 201, antwoord.body
    assert antwoord["Location"] == "/vera/ohd/v4/onderhoudsorders/WO-2026-0412"
    assert antwoord.body["status"] == {"code": "GUN", "naam": "Order gegund"}
    assert antwoord.body["onderhoudstaken"][0]["status"]["code"] == "CON"

    pakket = Werkpakket.objects.get(vera_orders__order_id="WO-2026-0412")
    assert pakket.werkgever == werkgever
    assert pakket.categorie == "reparaties"
    assert pakket.status == Werkpakket.Status.GESPLITST
    assert pakket.titel.startswith("VERA-order WO-2026-0412")
    assert pakket.tarief_per_uur == Decimal("42.50")
    # The window: from the appointment's day, on its weekday, until the latest completion.
    assert (pakket.vroegste_start, pakket.uiterlijk_eind) == (date(2026, 11, 3), date(2026, 11, 13))
    assert pakket.dagen == [1]
    assert pakket.totaal_uren == Decimal("3")
    # The tenant's block (08:00-12:00Z: 09:00-13:00 in Utrecht) is the package's time window,
    # and the member's shift falls inside it: the hours of the work from the block's start.
    assert [(v.datum, v.begin, v.eind) for v in pakket.vensters.all()] == [
        (date(2026, 11, 3), time(9, 0), time(13, 0))
    ]
    dienst = Dienst.objects.get(job__werkpakket=pakket)
    assert (dienst.start.astimezone(AMS), dienst.eind.astimezone(AMS)) == (
        datetime(2026, 11, 3, 9, 0, tzinfo=AMS),
        datetime(2026, 11, 3, 12, 0, tzinfo=AMS),
    )
    assert {(v.vaardigheid.code, v.min_niveau) for v in pakket.vaardigheden.all()} == {
        ("loodgieterswerk", 2)
    }
    # The unit's address became a geocoded location of the corporation.
    locatie = pakket.locatie
    assert (locatie.straat, locatie.huisnummer, locatie.toevoeging) == ("Bernadottelaan", "15", "B")
    assert (locatie.postcode, locatie.wijk) == ("3526 KA", "Kanaleneiland")
    assert locatie.latitude is not None
    # The tenant's contact is in the briefing only, never in the package itself.
    briefing = Pakketbriefing.objects.get(werkpakket=pakket).tekst
    assert "Samira Bouzid" in briefing and "06-12345678" in briefing
    assert "06-12345678" not in pakket.omschrijving + pakket.titel


def test_from_post_to_financially_complete(
    tijd, ohd, sleutel, api_as, werknemer_user, werkgever_user, staff, werkgever, monkeypatch
):
    klant = ohd(sleutel)
    assert klant.post("onderhoudsorders", order()).status_code == 201

    dienst = _plannen(werknemer_user)
    gepland = klant.get("onderhoudsorders/WO-2026-0412").body
    assert gepland["status"]["code"] == "PLN"
    assert gepland["afspraken"][0]["status"]["code"] == "GEP"
    assert gepland["afspraken"][0]["begindatum"] == dienst.start.astimezone(
        ZoneInfo("UTC")
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert gepland["begindatum"] == gepland["afspraken"][0]["begindatum"]
    assert gepland["onderhoudstaken"][0]["status"]["code"] == "GEP"

    tijd.move_to(NA_DE_KLUS)
    lid = api_as(werknemer_user)
    lokaal = dienst.start.astimezone(AMS)
    uren = lid.post(
        "uren/",
        {
            "inzet_id": dienst.inzetten.get().pk,
            "start": lokaal.isoformat(),
            "eind": lokaal.replace(hour=lokaal.hour + 3, minute=15).isoformat(),
            "pauze_minuten": 0,
        },
    )
    assert uren.status_code == 201, uren.body
    assert klant.get("onderhoudsorders/WO-2026-0412").body["status"]["code"] == "INB"

    gemeld = lid.post(
        f"intake/werkpakketten/{dienst.job.werkpakket_id}/gereedmelding",
        {
            "notitie": "Kraan vervangen, lekt niet meer.",
            "reistijd_minuten": "20",
            "fotos": [SimpleUploadedFile("kraan.jpg", FOTO, content_type="image/jpeg")],
        },
        content_type=MULTIPART_CONTENT,
    )
    assert gemeld.status_code == 201, gemeld.body
    assert gemeld.body["fotos"] == 1
    foto = GereedmeldingFoto.objects.get()
    assert foto.sha256 == hashlib.sha256(FOTO).hexdigest()
    assert (Path(settings.MEDIA_ROOT) / foto.bestand).read_bytes() == FOTO
    # The member's own data export lists the report and its photo.
    export = lid.get("werknemers/mij/export").json()
    assert [(m["notitie"], m["reistijd_minuten"]) for m in export["gereedmeldingen"]] == [
        ("Kraan vervangen, lekt niet meer.", 20)
    ]
    assert export["gereedmeldingen"][0]["fotos"][0]["sha256"] == foto.sha256
    # Done, but the hours are not approved yet: still in progress.
    assert klant.get("onderhoudsorders/WO-2026-0412").body["status"]["code"] == "INB"

    goed = api_as(werkgever_user).post(f"uren/{uren.body['id']}/goedkeuren")
    assert goed.status_code == 200, goed.body
    gereed = klant.get("onderhoudsorders/WO-2026-0412").body
    assert gereed["status"] == {"code": "TEC", "naam": "Technisch gereed"}
    assert gereed["technischGereeddatum"]
    taak = gereed["onderhoudstaken"][0]
    assert taak["status"]["code"] == "GER"
    bestedingen = taak["onderhoudsbestedingen"]
    assert sum(Decimal(str(b["aantal"])) for b in bestedingen) == Decimal(
        uren.body["betaalde_uren"]
    )
    werktijd = [b for b in bestedingen if b["soort"]["code"] == "WER"]
    assert sum(Decimal(str(b["aantal"])) for b in werktijd) == Decimal(uren.body["gewerkte_uren"])
    assert werktijd[0]["meeteenheid"]["code"] == "UUR"
    assert werktijd[0]["reistijd"] == "PT20M"

    periode = Loonperiode.objects.create(
        soort="maand", begin=date(2026, 11, 1), eind=date(2026, 11, 30)
    )
    # invoices are made once the month has ended
    monkeypatch.setattr(loonperioden, "vandaag", lambda: date(2026, 12, 1))
    factuur, _ = factuur_services.factuur_create(
        user=staff, periode_id=periode.pk, werkgever_id=werkgever.pk
    )
    regel = Factuurregel.objects.get(factuur=factuur)
    assert "VERA-order WO-2026-0412" in regel.omschrijving
    klaar = klant.get("onderhoudsorders/WO-2026-0412").body
    assert klaar["status"] == {"code": "AFG", "naam": "Afgehandeld"}
    assert klaar["financieelGereeddatum"]
    assert klaar["onderhoudstaken"][0]["status"]["code"] == "GES"


def test_repeat_creates_nothing(tijd, ohd, sleutel):
    klant = ohd(sleutel)
    eerste = klant.post("onderhoudsorders", order())
    tweede = klant.post("onderhoudsorders", order())
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert eerste.body == tweede.body
    assert Onderhoudsorder.objects.count() == 1
    assert Werkpakket.objects.count() == 1


def test_another_corporation_sees_none_of_it(tijd, ohd, sleutel, andere_sleutel):
    assert ohd(sleutel).post("onderhoudsorders", order()).status_code == 201
    ander = ohd(andere_sleutel)
    niet = ander.get("onderhoudsorders/WO-2026-0412")
    assert niet.status_code == 404
    assert niet.body["code"] == "NIET_GEVONDEN"
    assert ander.get("onderhoudsorders").body == []
    # The same order id from another corporation is its own order.
    assert ander.post("onderhoudsorders", order()).status_code == 201
    assert Onderhoudsorder.objects.count() == 2
    assert ohd(sleutel).get("onderhoudsorders").body[0]["id"] == "WO-2026-0412"


def test_without_or_with_a_wrong_key_nothing(tijd, ohd, sleutel):
    zonder = ohd().post("onderhoudsorders", order())
    assert zonder.status_code == 401
    fout = ohd("geen-echte-sleutel").get("onderhoudsorders")
    assert fout.status_code == 401
    assert Onderhoudsorder.objects.count() == 0


def test_briefing_only_for_the_assigned_member(
    tijd, ohd, sleutel, api_as, werknemer_user, andere_werknemer_user, werkgever_user, staff
):
    ohd(sleutel).post("onderhoudsorders", order())
    pakket = Werkpakket.objects.get()
    pad = f"intake/werkpakketten/{pakket.pk}/briefing"
    assert api_as(werknemer_user).get(pad).status_code == 404  # not yet assigned
    _plannen(werknemer_user)
    mijn = api_as(werknemer_user).get(pad)
    assert mijn.status_code == 200
    assert "06-12345678" in mijn.body["tekst"]
    for ander in (andere_werknemer_user, werkgever_user, staff):
        assert api_as(ander).get(pad).status_code == 404
    # The package as employer and staff read it carries no tenant data.
    for wie in (werkgever_user, staff):
        tekst = str(api_as(wie).get(f"werkpakketten/{pakket.pk}").body)
        assert "06-12345678" not in tekst and "Bouzid" not in tekst


def test_only_the_assigned_member_reports_done_and_only_photos(
    tijd, ohd, sleutel, api_as, werknemer_user, andere_werknemer_user, werkgever_user
):
    ohd(sleutel).post("onderhoudsorders", order())
    _plannen(werknemer_user)
    pakket = Werkpakket.objects.get()
    pad = f"intake/werkpakketten/{pakket.pk}/gereedmelding"
    for ander in (andere_werknemer_user, werkgever_user):
        geweigerd = api_as(ander).post(pad, {"notitie": "klaar"}, content_type=MULTIPART_CONTENT)
        assert geweigerd.status_code == 404
    geen_foto = api_as(werknemer_user).post(
        pad,
        {
            "notitie": "klaar",
            "fotos": [
                SimpleUploadedFile("factuur.pdf", b"%PDF-1.4", content_type="application/pdf")
            ],
        },
        content_type=MULTIPART_CONTENT,
    )
    assert geen_foto.status_code == 400
    assert "fotos" in geen_foto.body["fields"]
    # A label alone does not make a photo.
    vermomd = api_as(werknemer_user).post(
        pad,
        {
            "notitie": "klaar",
            "fotos": [
                SimpleUploadedFile("kraan.jpg", FOTO, content_type="image/jpeg"),
                SimpleUploadedFile("script.jpg", b"#!/bin/sh", content_type="image/jpeg"),
            ],
        },
        content_type=MULTIPART_CONTENT,
    )
    assert vermomd.status_code == 400 and "script.jpg" in vermomd.body["detail"]
    assert not (Path(settings.MEDIA_ROOT) / "gereedmeldingen").exists()
    leeg = api_as(werknemer_user).post(pad, {"notitie": "  "}, content_type=MULTIPART_CONTENT)
    assert leeg.status_code == 400 and "notitie" in leeg.body["fields"]
    assert not GereedmeldingFoto.objects.exists()
    assert Onderhoudsorder.objects.get().status == "PLN"


def test_pay_kept_on_a_late_cancellation_is_reported_as_besteding(
    tijd, ohd, sleutel, api_as, werknemer_user, werkgever_user
):
    from coop.services.uren import urenregels as uren_services

    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    dienst = _plannen(werknemer_user)
    inzet = dienst.inzetten.get()
    geannuleerd = api_as(werkgever_user).post(
        f"inzetten/{inzet.pk}/annuleer", {"reden": "huurder ziek"}
    )
    assert geannuleerd.status_code == 200 and geannuleerd.body["late_annulering"] is True
    inzet.refresh_from_db()
    regel = uren_services.annuleringsregel(inzet)
    assert regel.doorbetaalde_uren > 0
    body = klant.get("onderhoudsorders/WO-2026-0412").body
    bestedingen = body["onderhoudstaken"][0]["onderhoudsbestedingen"]
    assert [(b["soort"]["code"], b["omschrijving"]) for b in bestedingen] == [
        ("OVE", "Doorbetaald bij late annulering")
    ]
    assert Decimal(str(bestedingen[0]["aantal"])) == regel.betaalde_uren


def test_an_order_id_with_a_slash_and_a_space_is_found_again(tijd, ohd, sleutel):
    klant = ohd(sleutel)
    antwoord = klant.post("onderhoudsorders", order("WO/2026 0413"))
    assert antwoord.status_code == 201
    assert antwoord["Location"] == "/vera/ohd/v4/onderhoudsorders/WO%2F2026%200413"
    assert klant.get("onderhoudsorders/WO/2026%200413").body["id"] == "WO/2026 0413"
    assert klant.get("onderhoudsorders/WO%2F2026%200413").body["id"] == "WO/2026 0413"


def test_ping_answers_a_known_corporation(ohd, sleutel):
    assert ohd(sleutel).get("ping").status_code == 200
    assert ohd("onbekend").get("ping").status_code == 401
