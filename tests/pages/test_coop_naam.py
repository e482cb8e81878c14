"""The cooperative's own name on its pages and in their e-mails (COOP_NAAM, else the broker's
name without its legal form): a name, the same in every language, never the project's
example name once a cooperative has set its own."""

import re

import pytest
from django.core import mail
from django.test import Client

from coop import settings as instellingen
from coop.notificaties.services import meldingsvoorkeur_update
from tests.pages.werkgever_hulp import *  # noqa: F403
from tests.pages.werkgever_hulp import ingelogd_als

NAAM = "Werkcoöperatie Overvecht"


@pytest.fixture
def eigen_naam(settings):
    settings.COOP_NAAM = NAAM


def _kop(html: str) -> tuple[str, str]:
    titel = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    merk = re.search(r'<p class="merk">(.*?)</p>', html, re.S).group(1)
    return titel, merk


def test_the_broker_name_without_its_legal_form_unless_set(monkeypatch):
    monkeypatch.delenv("COOP_NAAM", raising=False)
    assert instellingen._coop_naam("Buurtwerk Kanaleneiland U.A.") == "Buurtwerk Kanaleneiland"
    assert instellingen._coop_naam("Werk B.V.") == "Werk"
    assert instellingen._coop_naam("Buurtwerk") == "Buurtwerk"
    monkeypatch.setenv("COOP_NAAM", "  Overvecht Werkt  ")
    assert instellingen._coop_naam("Buurtwerk Kanaleneiland U.A.") == "Overvecht Werkt"


@pytest.mark.parametrize("taal", ["nl", "en", "tr", "ar"])
def test_member_pages_carry_the_name_in_every_language(eigen_naam, fatima, ingelogd, taal):
    meldingsvoorkeur_update(werknemer=fatima, taal=taal)
    titel, merk = _kop(ingelogd(fatima).get("/").content.decode())
    assert titel.strip().endswith(NAAM) and merk.strip() == NAAM


def test_the_login_page_before_anyone_logs_in(eigen_naam, db):
    titel, merk = _kop(Client().get("/inloggen/").content.decode())
    assert NAAM in titel and merk.strip() == NAAM


def test_employer_pages_name_the_cooperative_and_the_part(eigen_naam, werkgever_user):
    _titel, merk = _kop(ingelogd_als(werkgever_user).get("/werkgever/").content.decode())
    assert merk.strip() == f"{NAAM} · Werkgevers"


def test_the_login_code_mail_is_signed_with_the_name(
    eigen_naam, fatima, django_capture_on_commit_callbacks
):
    meldingsvoorkeur_update(werknemer=fatima, taal="ar")
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/inloggen/code/", {"identificatie": fatima.email})
    (bericht,) = mail.outbox
    assert bericht.body.rstrip().endswith(NAAM)
    assert "Buurtwerk" not in bericht.body


def test_the_invitation_names_the_cooperative(
    eigen_naam, werkgever_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ingelogd_als(werkgever_user).post(
            "/werkgever/organisatie/uitnodigen/",
            {
                "voornaam": "Ans",
                "achternaam": "de Boer",
                "email": "ans@example.nl",
                "gebruikersnaam": "ans",
            },
        )
    (bericht,) = mail.outbox
    assert f"bij {NAAM}. Daar plaatst u werk" in bericht.body
    assert bericht.body.rstrip().endswith(NAAM) and "Buurtwerk" not in bericht.body
