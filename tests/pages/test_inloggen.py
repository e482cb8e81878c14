"""Logging in on the member pages: password, one-time code, rate limits, CSRF."""

import re

import pytest
from django.core import mail
from django.test import Client

from coop.notificaties.kanalen import GeheugenSms
from coop.pages.models import Inlogcode
from tests import factories as f
from tests.pages.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db


def test_root_shows_the_login_page_to_a_visitor(client):
    antwoord = client.get("/")
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Inloggen met een code" in tekst and "Inloggen met een wachtwoord" in tekst
    assert 'lang="nl"' in tekst and 'dir="ltr"' in tekst
    assert "htmx-2.min.js" in tekst


def test_member_logs_in_with_password_and_sees_their_start_page(client, fatima):
    antwoord = client.post("/inloggen/", {"gebruikersnaam": "fatima", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"
    start = client.get("/")
    assert "Hallo Fatima" in start.content.decode()


def test_member_may_log_in_with_phone_number_instead_of_user_name(client, fatima):
    antwoord = client.post(
        "/inloggen/", {"gebruikersnaam": "+31 6 1234 5678", "wachtwoord": WACHTWOORD}
    )
    assert antwoord.status_code == 302


def test_wrong_password_is_told_in_words(client, fatima):
    antwoord = client.post("/inloggen/", {"gebruikersnaam": "fatima", "wachtwoord": "fout"})
    assert antwoord.status_code == 400
    assert "Deze gegevens kloppen niet" in antwoord.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_without_a_place_here_is_not_logged_in(client, db):
    """Not a member, not an employer's user, not staff: the pages have nothing for them."""
    f.UserFactory(username="niemand")
    antwoord = client.post("/inloggen/", {"gebruikersnaam": "niemand", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 400
    assert "Deze gegevens kloppen niet" in antwoord.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.fixture
def vraag_code(django_capture_on_commit_callbacks):
    """Ask for a code as a client would; the mail goes out when the request commits."""

    def vraag(client, identificatie, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/inloggen/code/", {"identificatie": identificatie}, **kwargs)

    return vraag


def _code_uit_mail() -> str:
    assert len(mail.outbox) == 1
    return re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)


def test_code_by_email_logs_in_once(fatima, vraag_code):
    client = Client()
    antwoord = vraag_code(client, "Fatima@Example.nl")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/code/invoeren/"
    assert mail.outbox[0].to == ["fatima@example.nl"]
    code = _code_uit_mail()
    assert code not in Inlogcode.objects.get().code_hash  # only a keyed hash is stored
    ingelogd = client.post("/inloggen/code/invoeren/", {"code": code})
    assert ingelogd.status_code == 302
    assert client.get("/aanbiedingen/").status_code == 200
    # The same code a second time (new visitor) does not work.
    ander = Client()
    vraag_code(ander, "fatima@example.nl")
    mail.outbox.clear()
    opnieuw = ander.post("/inloggen/code/invoeren/", {"code": code})
    assert opnieuw.status_code == 400
    assert "klopt niet of is verlopen" in opnieuw.content.decode()


def test_code_asked_by_phone_number_comes_by_sms(fatima, vraag_code, settings):
    settings.SMS_BACKEND = "coop.notificaties.kanalen.GeheugenSms"
    GeheugenSms.outbox.clear()
    client = Client()
    vraag_code(client, "0612345678")
    assert mail.outbox == []
    (sms,) = GeheugenSms.outbox
    assert sms["aan"] == "0031612345678"
    code = re.search(r"\b(\d{6})\b", sms["tekst"]).group(1)
    assert len(sms["tekst"]) <= 160
    assert client.post("/inloggen/code/invoeren/", {"code": code}).status_code == 302


def test_code_asked_by_phone_number_is_mailed_when_sms_is_off(fatima, vraag_code, settings):
    settings.SMS_BACKEND = ""
    client = Client()
    vraag_code(client, "06 12 34 56 78")
    code = _code_uit_mail()
    assert client.post("/inloggen/code/invoeren/", {"code": code}).status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(fatima, vraag_code):
    client = Client()
    bekend = vraag_code(client, "fatima@example.nl", follow=True)
    mail.outbox.clear()
    onbekend = vraag_code(Client(), "x@example.nl", follow=True)
    assert mail.outbox == []
    zin = "Als dit nummer of adres bij ons bekend is"
    assert zin in bekend.content.decode() and zin in onbekend.content.decode()


def test_a_code_dies_after_five_wrong_tries(fatima, vraag_code, settings):
    client = Client()
    vraag_code(client, "fatima@example.nl")
    code = _code_uit_mail()
    fout = "000000" if code != "000000" else "111111"
    for _ in range(settings.INLOGCODE_POGINGEN):
        assert client.post("/inloggen/code/invoeren/", {"code": fout}).status_code == 400
    assert Inlogcode.objects.get().pogingen == settings.INLOGCODE_POGINGEN
    assert client.post("/inloggen/code/invoeren/", {"code": code}).status_code == 400


def test_password_attempts_are_rate_limited(fatima):
    client = Client()
    for _ in range(8):
        client.post("/inloggen/", {"gebruikersnaam": "fatima", "wachtwoord": "fout"})
    geblokt = client.post("/inloggen/", {"gebruikersnaam": "fatima", "wachtwoord": WACHTWOORD})
    assert geblokt.status_code == 429
    assert "te vaak geprobeerd" in geblokt.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_form_needs_the_csrf_token(fatima):
    client = Client(enforce_csrf_checks=True)
    antwoord = client.post("/inloggen/", {"gebruikersnaam": "fatima", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 403


def test_pages_send_a_content_security_policy(client):
    beleid = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in beleid and "script-src 'self'" in beleid
    assert "unsafe-inline" not in beleid
    assert "Content-Security-Policy" not in client.get("/api/v1/openapi.json")


def test_a_user_who_is_no_member_is_told_so(client):
    f.UserFactory(username="planner2")
    client.post("/inloggen/", {"gebruikersnaam": "planner2", "wachtwoord": WACHTWOORD})
    client.login(username="planner2", password=WACHTWOORD)
    antwoord = client.get("/aanbiedingen/")
    assert antwoord.status_code == 403
    assert "Alleen voor leden" in antwoord.content.decode()


def test_logging_out_ends_the_session(fatima, ingelogd):
    client = ingelogd(fatima)
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/aanbiedingen/").status_code == 302  # to the login page
