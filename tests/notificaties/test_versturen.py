"""Sending: a real SMTP server receives the e-mail, the SMS goes to the gateway, each once;
quiet hours hold back what is not urgent; a failed channel is retried with a growing pause
and ends on staff's worklist."""

import datetime
import json
import re

import pytest
import time_machine
from django.utils import timezone

from contracten.models import Verplichting
from coop.notificaties import services, versturen
from coop.notificaties.kanalen import GeheugenSms
from coop.notificaties.links import use_link
from coop.notificaties.models import Levering, Notificatie, Soort
from tests.notificaties.conftest import opname

LINK = re.compile(r"https://werk\.example\.nl(/l/[^/\s]+/)")


def _aanbod_gegevens(**extra):
    start = timezone.now() + datetime.timedelta(days=1, hours=1)
    return {
        "aanbod_id": None,
        "start": start.isoformat(),
        "eind": (start + datetime.timedelta(hours=4)).isoformat(),
        "plaats": "Flat Marshallaan",
        "adres": "Marshallaan 2, 3527 TM Utrecht",
        "uurloon": "14.40",
        "deadline": (timezone.now() + datetime.timedelta(hours=20)).isoformat(),
        **extra,
    }


def _maak(werknemer, soort=Soort.OPROEP, sleutel="inzet-1", **kwargs):
    kwargs.setdefault("gegevens", _aanbod_gegevens())
    kwargs.setdefault("pad", "/rooster/")
    return services.notificatie_create(werknemer=werknemer, soort=soort, sleutel=sleutel, **kwargs)


@pytest.fixture
def overdag():
    """A weekday at 10:00, outside the default quiet hours (22:00-07:00)."""
    with time_machine.travel(
        datetime.datetime(2026, 11, 16, 10, 0, tzinfo=timezone.get_current_timezone())
    ):
        yield


def test_email_arrives_at_the_smtp_server_with_a_working_link(
    bereikbaar, smtp_server, overdag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)

    [bericht] = smtp_server.berichten
    assert smtp_server.enveloppen == [("berichten@werk.example.nl", ["fatima@example.nl"])]
    assert bericht["Subject"] == "Je bent ingepland"
    assert bericht["To"] == "fatima@example.nl"
    tekst = bericht.get_content()
    assert tekst.startswith("Hallo Fatima,")
    assert "Flat Marshallaan" in tekst and "Marshallaan 2, 3527 TM Utrecht" in tekst
    [pad] = LINK.findall(tekst)
    werknemer, volgende = use_link(token=pad[len("/l/") : -1])
    assert werknemer == bereikbaar and volgende == "/rooster/"

    email = notificatie.leveringen.get(kanaal="email")
    assert email.status == Levering.Status.VERZONDEN and email.pogingen == 1
    assert email.extern_id == bericht["Message-ID"]
    sms = notificatie.leveringen.get(kanaal="sms")
    assert sms.status == Levering.Status.VERZONDEN
    [verzonden] = GeheugenSms.outbox
    assert verzonden["aan"] == "06-12345678"
    assert len(verzonden["tekst"]) <= 160
    assert LINK.search(verzonden["tekst"])


@pytest.mark.parametrize(
    "taal, onderwerp, sms_begin",
    [
        ("tr", "Plana alındın", "Plana alindin: "),  # Turkish SMS without ı and ş
        ("en", "You are scheduled", "You are scheduled: "),
        ("ar", "تم إدراجك في الجدول", "Je bent ingepland: "),  # Arabic needs UCS-2: Dutch SMS
    ],
)
def test_member_is_told_in_their_own_language(
    bereikbaar, smtp_server, overdag, django_capture_on_commit_callbacks, taal, onderwerp, sms_begin
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, taal=taal)
    with django_capture_on_commit_callbacks(execute=True):
        _maak(bereikbaar)

    [bericht] = smtp_server.berichten
    assert bericht["Subject"] == onderwerp
    [verzonden] = GeheugenSms.outbox
    assert verzonden["tekst"].startswith(sms_begin)
    assert len(verzonden["tekst"]) <= 160 and LINK.search(verzonden["tekst"])


def test_a_rerun_sends_nothing_twice(
    bereikbaar, smtp_server, overdag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)
    assert len(smtp_server.berichten) == 1 and len(GeheugenSms.outbox) == 1

    assert versturen.notificatie_versturen(notificatie_id=notificatie.pk) == {
        "email": "verzonden",
        "sms": "verzonden",
    }
    assert versturen.wachtende_versturen() == 0
    # the same event again is the same notification: nothing new is recorded or sent
    with django_capture_on_commit_callbacks(execute=True):
        assert _maak(bereikbaar) is None
    assert len(smtp_server.berichten) == 1 and len(GeheugenSms.outbox) == 1
    assert Notificatie.objects.count() == 1


def test_quiet_hours_hold_back_until_they_end(
    bereikbaar, smtp_server, django_capture_on_commit_callbacks
):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 23, 30, tzinfo=tz), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            notificatie = _maak(bereikbaar)
        assert smtp_server.berichten == [] and GeheugenSms.outbox == []
        volgende = {lev.volgende_poging for lev in notificatie.leveringen.all()}
        assert volgende == {datetime.datetime(2026, 11, 17, 7, 0, tzinfo=tz)}
        assert versturen.wachtende_versturen() == 0
    with time_machine.travel(datetime.datetime(2026, 11, 17, 7, 1, tzinfo=tz), tick=False):
        assert versturen.wachtende_versturen() == 2
    assert len(smtp_server.berichten) == 1 and len(GeheugenSms.outbox) == 1


def test_urgent_message_ignores_quiet_hours(
    bereikbaar, smtp_server, django_capture_on_commit_callbacks
):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 23, 30, tzinfo=tz), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            _maak(bereikbaar, soort=Soort.OPROEP_GEANNULEERD, dringend=True)
    assert len(smtp_server.berichten) == 1 and len(GeheugenSms.outbox) == 1


def test_member_without_quiet_hours_is_told_at_night(
    bereikbaar, smtp_server, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, stil_van=None, stil_tot=None)
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 3, 0, tzinfo=tz), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            _maak(bereikbaar)
    assert len(smtp_server.berichten) == 1


@pytest.mark.parametrize(
    "van, tot, moment, einde",
    [
        ((22, 0), (7, 0), (21, 59), None),
        ((22, 0), (7, 0), (22, 0), (1, 7, 0)),
        ((22, 0), (7, 0), (6, 59), (0, 7, 0)),
        ((22, 0), (7, 0), (7, 0), None),
        ((12, 0), (13, 30), (12, 15), (0, 13, 30)),
        ((12, 0), (13, 30), (13, 30), None),
    ],
)
def test_end_of_quiet_hours(bereikbaar, van, tot, moment, einde):
    voorkeur = services.meldingsvoorkeur_update(
        werknemer=bereikbaar, stil_van=datetime.time(*van), stil_tot=datetime.time(*tot)
    )
    tz = timezone.get_current_timezone()
    nu = datetime.datetime(2026, 11, 16, *moment, tzinfo=tz)
    verwacht = (
        None
        if einde is None
        else datetime.datetime(2026, 11, 16 + einde[0], einde[1], einde[2], tzinfo=tz)
    )
    assert services.einde_stilte(voorkeur, nu) == verwacht


def test_channels_follow_the_preferences(
    bereikbaar, smtp_server, overdag, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, sms=False)
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)
    assert [lev.kanaal for lev in notificatie.leveringen.all()] == ["email"]
    assert GeheugenSms.outbox == [] and len(smtp_server.berichten) == 1


def test_member_without_address_or_number_has_the_inbox_only(werknemer, overdag):
    notificatie = _maak(werknemer)
    assert notificatie is not None and not notificatie.leveringen.exists()


def test_channel_switched_off_before_sending_is_skipped(
    bereikbaar, smtp_server, django_capture_on_commit_callbacks
):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 23, 0, tzinfo=tz), tick=False):
        notificatie = _maak(bereikbaar)
        services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    with time_machine.travel(datetime.datetime(2026, 11, 17, 8, 0, tzinfo=tz), tick=False):
        versturen.wachtende_versturen()
    assert notificatie.leveringen.get(kanaal="email").status == Levering.Status.OVERGESLAGEN
    assert smtp_server.berichten == [] and len(GeheugenSms.outbox) == 1


def test_message_past_its_moment_is_not_sent(
    bereikbaar, smtp_server, django_capture_on_commit_callbacks
):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 23, 0, tzinfo=tz), tick=False):
        notificatie = _maak(bereikbaar, geldig_tot=datetime.datetime(2026, 11, 17, 2, 0, tzinfo=tz))
    with time_machine.travel(datetime.datetime(2026, 11, 17, 7, 0, tzinfo=tz), tick=False):
        assert versturen.wachtende_versturen() == 0
    assert set(notificatie.leveringen.values_list("status", flat=True)) == {"overgeslagen"}
    assert smtp_server.berichten == [] and GeheugenSms.outbox == []


def test_failed_sms_is_retried_with_growing_pauses_then_on_the_worklist(
    bereikbaar, cm_gateway, settings, overdag, api_as, staff, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIES_POGINGEN = 3
    settings.NOTIFICATIES_PAUZE_SECONDEN = 60
    services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    cm_gateway.antwoorden += [opname("storing"), opname("storing"), opname("storing")]
    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            notificatie = _maak(bereikbaar)
    sms = notificatie.leveringen.get(kanaal="sms")
    assert (sms.status, sms.pogingen) == ("wacht", 1)
    assert sms.volgende_poging == begin + datetime.timedelta(minutes=1)
    assert "HTTP 500" in sms.laatste_fout

    with time_machine.travel(begin + datetime.timedelta(seconds=59), tick=False):
        assert versturen.wachtende_versturen() == 0  # not due yet
    assert len(cm_gateway.verzoeken) == 1
    with time_machine.travel(begin + datetime.timedelta(minutes=1), tick=False):
        versturen.wachtende_versturen()
    sms.refresh_from_db()
    assert sms.pogingen == 2
    assert sms.volgende_poging == begin + datetime.timedelta(minutes=1 + 4)
    assert not Verplichting.objects.exists()

    with time_machine.travel(begin + datetime.timedelta(minutes=5), tick=False):
        versturen.wachtende_versturen()
    sms.refresh_from_db()
    assert (sms.status, sms.pogingen) == ("mislukt", 3)
    assert len(cm_gateway.verzoeken) == 3
    [item] = Verplichting.objects.all()
    assert item.soort == "bericht" and item.werknemer == bereikbaar and item.levering == sms
    assert "Fatima" in item.toelichting and "3 poging" in item.toelichting

    lijst = api_as(staff).get("documenten/verplichtingen?soort=bericht")
    assert lijst.status_code == 200, lijst.body
    assert [(v["id"], v["soort_label"]) for v in lijst.body["items"]] == [
        (item.pk, "bericht aan lid niet bezorgd")
    ]
    # the sweep leaves a failed delivery alone: nothing is sent again
    with time_machine.travel(begin + datetime.timedelta(hours=5), tick=False):
        assert versturen.wachtende_versturen() == 0
    assert len(cm_gateway.verzoeken) == 3 and Verplichting.objects.count() == 1


def test_a_retry_that_succeeds_leaves_nothing_for_staff(
    bereikbaar, cm_gateway, overdag, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    cm_gateway.antwoorden += [opname("storing"), opname("geaccepteerd")]
    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            notificatie = _maak(bereikbaar)
    with time_machine.travel(begin + datetime.timedelta(minutes=2), tick=False):
        assert versturen.wachtende_versturen() == 1
    sms = notificatie.leveringen.get()
    assert (sms.status, sms.pogingen, sms.laatste_fout) == ("verzonden", 2, "")
    assert not Verplichting.objects.exists()


def test_wrong_number_goes_to_the_worklist_at_once(
    bereikbaar, cm_gateway, overdag, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    cm_gateway.antwoorden.append(opname("ongeldig_nummer"))
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)
    sms = notificatie.leveringen.get()
    assert (sms.status, sms.pogingen) == ("mislukt", 1)
    assert Verplichting.objects.get().levering == sms


def test_staff_correct_the_number_and_send_again(
    bereikbaar,
    cm_gateway,
    overdag,
    api_as,
    staff,
    werknemer_user,
    werkgever_user,
    django_capture_on_commit_callbacks,
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    cm_gateway.antwoorden += [opname("ongeldig_nummer"), opname("geaccepteerd")]
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)
    sms = notificatie.leveringen.get()
    [item] = Verplichting.objects.all()
    pad = f"notificaties/leveringen/{sms.pk}/opnieuw"

    # nobody but staff may, and they do not learn it exists
    for ander in (werknemer_user, werkgever_user, None):
        assert api_as(ander).post(pad, {}).status_code in (401, 404)
    bereikbaar.telefoon = "06-87654321"  # staff correct the number on the member
    bereikbaar.save()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = api_as(staff).post(pad, {})
    assert antwoord.status_code == 200, antwoord.body
    assert antwoord.body["adres"] == "*******4321"  # masked
    sms.refresh_from_db()
    assert (sms.status, sms.pogingen, sms.adres) == ("verzonden", 1, "06-87654321")
    assert "87654321" in json.dumps(cm_gateway.verzoeken[-1]["body"])
    item.refresh_from_db()
    assert item.status == "afgehandeld" and "nieuw adres" in item.afhandeling
    assert item.afgehandeld_door == staff

    # sent once: a second resend is a conflict with its reason
    nogmaals = api_as(staff).post(pad, {})
    assert nogmaals.status_code == 409 and "niet aankwam" in nogmaals.body["detail"]
    assert api_as(staff).post("notificaties/leveringen/999999/opnieuw", {}).status_code == 404


def test_resend_of_a_message_that_no_longer_matters_is_refused(
    bereikbaar, cm_gateway, overdag, api_as, staff, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    cm_gateway.antwoorden.append(opname("ongeldig_nummer"))
    tz = timezone.get_current_timezone()
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(
            bereikbaar, geldig_tot=datetime.datetime(2026, 11, 16, 12, 0, tzinfo=tz)
        )
    sms = notificatie.leveringen.get()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 13, 0, tzinfo=tz)):
        antwoord = api_as(staff).post(f"notificaties/leveringen/{sms.pk}/opnieuw", {})
    assert antwoord.status_code == 409 and "niet meer actueel" in antwoord.body["detail"]
    sms.refresh_from_db()
    assert sms.status == "mislukt" and Verplichting.objects.get().status == "open"


def test_resend_from_the_admin(
    bereikbaar, cm_gateway, overdag, client, staff, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_update(werknemer=bereikbaar, email=False)
    cm_gateway.antwoorden += [opname("ongeldig_nummer"), opname("geaccepteerd")]
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)
    sms = notificatie.leveringen.get()
    client.force_login(staff)
    lijst = client.get("/admin/notificaties/levering/?status=mislukt").content.decode()
    assert "06-12345678" not in lijst and "*****5678" in lijst
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            "/admin/notificaties/levering/",
            {"action": "opnieuw_versturen", "_selected_action": [sms.pk]},
            follow=True,
        )
    assert "1 bericht(en) opnieuw in de wachtrij" in antwoord.content.decode()
    sms.refresh_from_db()
    assert sms.status == "verzonden"


def test_smtp_server_down_is_retried(
    bereikbaar, settings, overdag, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _maak(bereikbaar)
    email = notificatie.leveringen.get(kanaal="email")
    assert (email.status, email.pogingen) == ("wacht", 1)
    assert "ConnectionRefusedError" in email.laatste_fout
    assert notificatie.leveringen.get(kanaal="sms").status == "verzonden"


def test_rolled_back_decision_notifies_nobody(bereikbaar, smtp_server, overdag):
    from django.db import transaction

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            _maak(bereikbaar)
            raise RuntimeError("de beslissing mislukt")
    assert not Notificatie.objects.exists()
    assert smtp_server.berichten == []
