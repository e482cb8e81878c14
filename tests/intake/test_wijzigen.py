"""A repeat of an order: the same message again changes nothing; a changed order updates its
work package in place (the broker's werkpakket_update: the same package, open offers
withdrawn, the work split again) until a member has taken it on, and is refused after, in
the specification's error shape, saying why and whom to call."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from coop.core.exceptions import Conflict
from coop.intake.models import Onderhoudsorder, Pakketbriefing, Statusmelding
from coop.models import Aanbod, Dienst, Gebeurtenis, Inzet, Job, Werkpakket
from coop.notificaties.models import Notificatie
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import inzet as inzet_services
from tests.intake.conftest import order
from werkgevers.models import Locatie

AMS = ZoneInfo("Europe/Amsterdam")
MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=AMS)
PAD = "onderhoudsorders/WO-2026-0412"


@pytest.fixture(autouse=True)
def tijd():
    with time_machine.travel(MAANDAG, tick=False):
        yield


@pytest.fixture
def terugmelden(koppeling):
    """The corporation has a callback address: every status change would be queued."""
    koppeling.callback_url = "http://127.0.0.1:9/ohd/v4"
    koppeling.save()


def _rijen() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Onderhoudsorder,
            Werkpakket,
            Job,
            Dienst,
            Aanbod,
            Inzet,
            Gebeurtenis,
            Locatie,
            Pakketbriefing,
            Statusmelding,
            Notificatie,
        )
    }


def _diensten(pakket, status=Dienst.Status.OPEN):
    return [
        (d.start.astimezone(AMS), d.eind.astimezone(AMS))
        for d in Dienst.objects.filter(job__werkpakket=pakket, status=status).order_by("start")
    ]


def _gewijzigd(blok=("2026-11-05T12:00:00Z", "2026-11-05T17:00:00Z")):
    """The same order, its work changed: a sink too (4 hours), a later block and deadline."""
    bericht = order(
        omschrijving="Mengkraan en sifon keuken vervangen",
        uitersteGereeddatum="2026-11-20T16:00:00Z",
        blok=blok,
    )
    bericht["onderhoudstaken"][0]["voorcalculaties"][0]["aantal"] = 4
    return bericht


def test_the_same_order_again_changes_nothing(
    ohd, sleutel, terugmelden, django_capture_on_commit_callbacks
):
    klant = ohd(sleutel)
    with django_capture_on_commit_callbacks(execute=False):
        eerste = klant.post("onderhoudsorders", order())
    assert eerste.status_code == 201
    voor = _rijen()
    assert voor["Statusmelding"] == 1  # the first status (GUN) is queued for the corporation
    pakket = Werkpakket.objects.get()
    with django_capture_on_commit_callbacks(execute=False) as wachtrij:
        nogmaals = klant.post("onderhoudsorders", order())
        via_put = klant.put(PAD, order())
    assert (nogmaals.status_code, via_put.status_code) == (201, 200)
    assert nogmaals.body == via_put.body == eerste.body
    assert wachtrij == []  # no status push queued
    assert _rijen() == voor  # no new rows of any kind
    bewaard = Onderhoudsorder.objects.get()
    assert bewaard.versie == 1
    assert Werkpakket.objects.get().updated_at == pakket.updated_at


def test_a_changed_order_updates_its_package_in_place(ohd, sleutel, terugmelden, werknemer_user):
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    pakket = Werkpakket.objects.get()
    oude_dienst = Dienst.objects.get(job__werkpakket=pakket)
    aanbod = aanbod_services.aanbod_create(dienst=oude_dienst, werknemer=werknemer_user.werknemer)
    meldingen = Statusmelding.objects.count()

    antwoord = klant.post("onderhoudsorders", _gewijzigd())
    assert antwoord.status_code == 201, antwoord.body
    assert antwoord.body["omschrijving"] == "Mengkraan en sifon keuken vervangen"
    assert antwoord.body["status"]["code"] == "GUN"

    # The same package, changed: no second package, the order still points at it.
    assert Werkpakket.objects.count() == 1
    bijgewerkt = Werkpakket.objects.get()
    assert bijgewerkt.pk == pakket.pk and bijgewerkt.status == Werkpakket.Status.GESPLITST
    assert bijgewerkt.omschrijving == "Mengkraan en sifon keuken vervangen"
    assert (bijgewerkt.uiterlijk_eind, bijgewerkt.totaal_uren) == (date(2026, 11, 20), Decimal(4))
    assert [(v.datum, v.begin, v.eind) for v in bijgewerkt.vensters.all()] == [
        (date(2026, 11, 5), time(13, 0), time(18, 0))
    ]
    bewaard = Onderhoudsorder.objects.get()
    assert (bewaard.werkpakket_id, bewaard.versie) == (pakket.pk, 2)
    assert bewaard.bericht["omschrijving"] == "Mengkraan en sifon keuken vervangen"
    assert "05-11-2026 13:00 tot 18:00" in Pakketbriefing.objects.get(werkpakket=pakket).tekst

    # The open offer is withdrawn and its member told; the old shift is cancelled and the
    # work split again as publishing does, inside the new block.
    aanbod.refresh_from_db()
    assert aanbod.status == Aanbod.Status.INGETROKKEN
    assert Notificatie.objects.filter(
        werknemer=werknemer_user.werknemer, soort="aanbod_ingetrokken"
    ).exists()
    assert _diensten(pakket, Dienst.Status.GEANNULEERD) == [
        (datetime(2026, 11, 3, 9, 0, tzinfo=AMS), datetime(2026, 11, 3, 12, 0, tzinfo=AMS))
    ]
    assert _diensten(pakket) == [
        (datetime(2026, 11, 5, 13, 0, tzinfo=AMS), datetime(2026, 11, 5, 17, 0, tzinfo=AMS))
    ]
    assert set(Job.objects.filter(werkpakket=pakket).values_list("status", flat=True)) == {
        Job.Status.GEANNULEERD,
        Job.Status.OPEN,
    }
    wijziging = Gebeurtenis.objects.get(werkpakket=pakket, soort=Gebeurtenis.Soort.GEWIJZIGD)
    assert "1 open aanbieding(en) ingetrokken" in wijziging.tekst
    # Still accepted (GUN) for the corporation: no status push.
    assert Statusmelding.objects.count() == meldingen
    # The member can no longer accept the withdrawn offer.
    with pytest.raises(Conflict, match="ingetrokken: het werk gaat niet door"):
        aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)


def test_a_changed_order_by_put_updates_a_package_staff_publish_later(ohd, sleutel, koppeling):
    koppeling.direct_publiceren = False
    koppeling.save()
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    antwoord = klant.put(PAD, _gewijzigd())
    assert antwoord.status_code == 200, antwoord.body
    assert antwoord.body["status"]["code"] == "REG"
    pakket = Werkpakket.objects.get()
    assert pakket.status == Werkpakket.Status.CONCEPT and pakket.totaal_uren == Decimal(4)
    assert not Job.objects.exists()
    assert Gebeurtenis.objects.filter(soort=Gebeurtenis.Soort.GEWIJZIGD).count() == 1


def test_once_staffed_a_changed_order_is_refused_saying_why_and_whom_to_call(
    ohd, sleutel, terugmelden, werknemer_user
):
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    dienst = Dienst.objects.get()
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    voor = _rijen()
    pakket = Werkpakket.objects.get()

    for geweigerd in (
        klant.post("onderhoudsorders", _gewijzigd()),
        klant.put(PAD, _gewijzigd()),
    ):
        assert geweigerd.status_code == 409
        assert set(geweigerd.body) == {"code", "omschrijving"}  # the spec's Foutbericht
        assert geweigerd.body["code"] == "AL_INGEPLAND"
        tekst = geweigerd.body["omschrijving"]
        assert "Order WO-2026-0412 is niet gewijzigd" in tekst
        assert "al ingepland bij een lid" in tekst
        assert "eerste afspraak 03-11-2026 om 09:00" in tekst
        assert f"Bel {settings.COOP_MAKELAAR['naam']} (de makelaar)" in tekst

    # Nothing changed: the package, its shift and the member's assignment, the stored order.
    assert _rijen() == voor
    assert Werkpakket.objects.get().updated_at == pakket.updated_at
    assert Inzet.objects.get().status == Inzet.Status.ACTIEF
    assert _diensten(pakket, Dienst.Status.BEZET) == [
        (datetime(2026, 11, 3, 9, 0, tzinfo=AMS), datetime(2026, 11, 3, 12, 0, tzinfo=AMS))
    ]
    bewaard = Onderhoudsorder.objects.get()
    assert bewaard.versie == 1 and bewaard.bericht == order()

    # A change outside the work (the corporation's own status) is still stored.
    eigen_status = order(status={"code": "PLN", "naam": "Order gepland"})
    assert klant.post("onderhoudsorders", eigen_status).status_code == 201
    bewaard.refresh_from_db()
    assert bewaard.versie == 2 and bewaard.bericht["status"]["code"] == "PLN"
    assert Werkpakket.objects.get().updated_at == pakket.updated_at


def test_an_accepted_offer_counts_as_staffed_even_after_the_assignment_was_cancelled(
    ohd, sleutel, werknemer_user, werkgever_user
):
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    dienst = Dienst.objects.get()
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    inzet = aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    inzet_services.inzet_cancel(user=werkgever_user, inzet_id=inzet.pk, reden="huurder ziek")
    geweigerd = klant.post("onderhoudsorders", _gewijzigd())
    assert geweigerd.status_code == 409 and geweigerd.body["code"] == "AL_INGEPLAND"


def test_a_cancelled_package_is_not_changed(ohd, sleutel, api_as, staff):
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    pakket = Werkpakket.objects.get()
    assert api_as(staff).post(f"werkpakketten/{pakket.pk}/annuleer").status_code == 200
    geweigerd = klant.post("onderhoudsorders", _gewijzigd())
    assert geweigerd.status_code == 409
    assert geweigerd.body["code"] == "NIET_WIJZIGBAAR"
    assert "geannuleerd" in geweigerd.body["omschrijving"]
    assert Werkpakket.objects.count() == 1
    assert Onderhoudsorder.objects.get().versie == 1


def test_a_changed_order_that_does_not_fit_its_block_changes_nothing(ohd, sleutel):
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    voor = _rijen()
    te_kort = _gewijzigd(blok=("2026-11-05T12:00:00Z", "2026-11-05T14:00:00Z"))
    geweigerd = klant.post("onderhoudsorders", te_kort)
    assert geweigerd.status_code == 422 and geweigerd.body["code"] == "BLOK_TE_KORT"
    assert _rijen() == voor
    assert Onderhoudsorder.objects.get().versie == 1


def test_another_corporations_key_changes_none_of_it(ohd, sleutel, andere_sleutel):
    ohd(sleutel).post("onderhoudsorders", order())
    voor = _rijen()
    ander = ohd(andere_sleutel)
    niet = ander.put(PAD, _gewijzigd())
    assert niet.status_code == 404 and niet.body["code"] == "NIET_GEVONDEN"
    assert ander.get(PAD).status_code == 404
    assert _rijen() == voor
    assert Onderhoudsorder.objects.get().versie == 1


def test_put_and_patch_at_the_specifications_other_paths(ohd, sleutel, werknemer_user):
    """PUT /onderhoudsorders replaces an order by the id in the body; PATCH, at either path,
    changes only the attributes it holds. Both are a (changed) repeat; an unknown id is a
    404, and once staffed a change of the work is refused with nothing changed."""
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())

    vervangen = klant.put("onderhoudsorders", _gewijzigd())
    assert vervangen.status_code == 200, vervangen.body
    pakket = Werkpakket.objects.get()
    assert pakket.totaal_uren == Decimal(4) and pakket.uiterlijk_eind == date(2026, 11, 20)
    onbekend = klant.put("onderhoudsorders", order("WO-ONBEKEND"))
    assert onbekend.status_code == 404 and onbekend.body["code"] == "NIET_GEVONDEN"
    assert klant.put("onderhoudsorders", {"omschrijving": "zonder id"}).status_code == 400

    # PATCH by id: only the description changes; the blocks, hours and tenant stay.
    gewijzigd = klant.patch(PAD, {"omschrijving": "Mengkraan, sifon en afvoer vervangen"})
    assert gewijzigd.status_code == 200, gewijzigd.body
    pakket.refresh_from_db()
    assert pakket.omschrijving == "Mengkraan, sifon en afvoer vervangen"
    assert pakket.totaal_uren == Decimal(4)
    bewaard = Onderhoudsorder.objects.get()
    assert bewaard.versie == 3 and bewaard.bericht["afspraken"] == _gewijzigd()["afspraken"]
    assert "Samira Bouzid" in Pakketbriefing.objects.get().tekst
    # PATCH at the collection with the key field; a PATCH that moves the key is refused.
    assert klant.patch("onderhoudsorders", {"id": "WO-2026-0412"}).status_code == 200
    verplaatst = klant.patch(PAD, {"id": "WO-ANDERS"})
    assert verplaatst.status_code == 400 and "WO-2026-0412" in verplaatst.body["omschrijving"]
    assert klant.patch("onderhoudsorders/WO-ONBEKEND", {"omschrijving": "x"}).status_code == 404
    slecht = klant.patch(PAD, {"uitersteGereeddatum": "morgen"})
    assert slecht.status_code == 400 and "uitersteGereeddatum" in slecht.body["omschrijving"]

    aanbod = aanbod_services.aanbod_create(
        dienst=Dienst.objects.get(status=Dienst.Status.OPEN), werknemer=werknemer_user.werknemer
    )
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    voor = _rijen()
    for geweigerd in (
        klant.patch(PAD, {"omschrijving": "Toch de hele keuken"}),
        klant.put("onderhoudsorders", order()),
    ):
        assert geweigerd.status_code == 409 and geweigerd.body["code"] == "AL_INGEPLAND"
    assert _rijen() == voor
    assert Onderhoudsorder.objects.get().versie == 3
