"""/api/v1/notificaties/: the member's own inbox and preferences; another member's message
is a 404, staff and employers have no inbox."""

import datetime

import pytest
from django.utils import timezone

from coop.notificaties import services
from coop.notificaties.models import Meldingsvoorkeur, Soort


def _melding(werknemer, sleutel="inzet-1", soort=Soort.OPROEP):
    start = timezone.now() + datetime.timedelta(days=2)
    return services.notificatie_create(
        werknemer=werknemer,
        soort=soort,
        sleutel=sleutel,
        gegevens={
            "start": start.isoformat(),
            "eind": (start + datetime.timedelta(hours=4)).isoformat(),
            "plaats": "Flat Marshallaan",
        },
        pad="/rooster/",
    )


def test_member_lists_reads_and_marks_own_messages(api_as, werknemer, andere_werknemer):
    eerste = _melding(werknemer, "inzet-1")
    tweede = _melding(werknemer, "inzet-2", soort=Soort.OPROEP_GEANNULEERD)
    _melding(andere_werknemer, "inzet-3")
    lid = api_as(werknemer.user)

    lijst = lid.get("notificaties/")
    assert lijst.status_code == 200, lijst.body
    assert lijst.body["count"] == 2
    assert [n["id"] for n in lijst.body["items"]] == [tweede.pk, eerste.pk]
    item = lijst.body["items"][1]
    assert item["titel"] == "Je bent ingepland"
    assert item["tekst"].startswith("Je werkt op ") and "Flat Marshallaan" in item["tekst"]
    assert item["pad"] == "/rooster/" and item["gelezen_op"] is None
    assert item["soort_label"] == "oproep"

    gelezen = lid.post(f"notificaties/{eerste.pk}/gelezen")
    assert gelezen.status_code == 200 and gelezen.body["gelezen_op"] is not None
    assert [n["id"] for n in lid.get("notificaties/?ongelezen=true").body["items"]] == [tweede.pk]
    # marking again keeps the first moment
    assert (
        lid.post(f"notificaties/{eerste.pk}/gelezen").body["gelezen_op"]
        == gelezen.body["gelezen_op"]
    )
    assert lid.post("notificaties/gelezen").body == {"aantal": 1}
    assert lid.get("notificaties/?ongelezen=true").body["count"] == 0


def test_another_members_message_is_not_found(api_as, werknemer, andere_werknemer):
    van_ander = _melding(andere_werknemer)
    lid = api_as(werknemer.user)
    assert lid.get(f"notificaties/{van_ander.pk}").status_code == 404
    assert lid.post(f"notificaties/{van_ander.pk}/gelezen").status_code == 404
    van_ander.refresh_from_db()
    assert van_ander.gelezen_op is None
    assert lid.post("notificaties/gelezen").body == {"aantal": 0}
    van_ander.refresh_from_db()
    assert van_ander.gelezen_op is None


@pytest.mark.parametrize("wie", ["staff", "werkgever_user"])
def test_only_members_have_an_inbox(api_as, request, wie):
    gebruiker = request.getfixturevalue(wie)
    antwoord = api_as(gebruiker).get("notificaties/")
    assert antwoord.status_code == 403
    assert antwoord.body["detail"] == "Alleen leden hebben berichten."


def test_anonymous_is_refused(api_as):
    assert api_as(None).get("notificaties/").status_code == 401


def test_member_sets_channels_quiet_hours_and_language(api_as, werknemer):
    lid = api_as(werknemer.user)
    standaard = lid.get("notificaties/voorkeuren")
    assert standaard.status_code == 200
    assert standaard.body == {
        "email": True,
        "sms": True,
        "stil_van": "22:00:00",
        "stil_tot": "07:00:00",
        "taal": "nl",
    }
    gewijzigd = lid.put(
        "notificaties/voorkeuren",
        {"sms": False, "stil_van": "21:00", "stil_tot": "08:30", "taal": "tr"},
    )
    assert gewijzigd.status_code == 200, gewijzigd.body
    assert gewijzigd.body == {
        "email": True,
        "sms": False,
        "stil_van": "21:00:00",
        "stil_tot": "08:30:00",
        "taal": "tr",
    }
    voorkeur = Meldingsvoorkeur.objects.get(werknemer=werknemer)
    assert (voorkeur.sms, voorkeur.taal) == (False, "tr")

    uit = lid.put("notificaties/voorkeuren", {"geen_stille_uren": True})
    assert (uit.body["stil_van"], uit.body["stil_tot"], uit.body["taal"]) == (None, None, "tr")


def test_bad_preferences_are_refused_in_dutch(api_as, werknemer):
    lid = api_as(werknemer.user)
    half = lid.put("notificaties/voorkeuren", {"geen_stille_uren": True})
    assert half.status_code == 200
    half = lid.put("notificaties/voorkeuren", {"stil_van": "21:00"})
    assert half.status_code == 400
    assert "zowel 'vanaf' als 'tot'" in half.body["detail"]
    taal = lid.put("notificaties/voorkeuren", {"taal": "xx"})
    assert taal.status_code == 422
    assert "Kies een van de toegestane waarden." in str(taal.body["fields"])
    assert lid.get("notificaties/voorkeuren").body["stil_van"] is None


def test_member_export_contains_the_messages(api_as, werknemer):
    _melding(werknemer)
    export = api_as(werknemer.user).get("werknemers/mij/export")
    assert export.status_code == 200
    meldingen = export.json()["meldingen"] if export.body is None else export.body["meldingen"]
    assert [n["soort"] for n in meldingen["notificaties"]] == ["oproep"]
