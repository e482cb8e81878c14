"""The member pages' catalogues (with the VERA order page's, coop/intake): English, Turkish
and Arabic, compiled, marked unreviewed, chosen by the member and right-to-left for Arabic."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from contracten.models import DocumentSoort
from coop.models import Aanbod, Afwezigheidsmelding, Urenregel
from coop.notificaties.services import meldingsvoorkeur_update
from werknemers.models import Weekdag

LOCALE = Path(settings.BASE_DIR) / "coop" / "pages" / "locale"
# The member pages' catalogue, the notifications' (inbox, e-mail, SMS) and the VERA order
# page's (coop/intake), with how many entries each translates at least.
CATALOGI = [
    (LOCALE, 150),
    (Path(settings.BASE_DIR) / "coop" / "notificaties" / "locale", 65),
    (Path(settings.BASE_DIR) / "coop" / "intake" / "locale", 13),
]
NIET_NAGEKEKEN = "niet nagekeken door een moedertaalspreker"


@pytest.mark.parametrize("locale, minimum", CATALOGI)
@pytest.mark.parametrize("taal", ["en", "tr", "ar"])
def test_committed_mo_matches_the_po_and_unreviewed_entries_are_marked(taal, locale, minimum):
    with open(locale / taal / "LC_MESSAGES" / "django.po", "rb") as fh:
        catalogus = read_po(fh, locale=taal)
    with open(locale / taal / "LC_MESSAGES" / "django.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    vertaald = [m for m in catalogus if m.id and m.string and not isinstance(m.id, tuple)]
    assert len(vertaald) > minimum
    for m in vertaald:
        assert mo.gettext(m.id) == m.string, f"{taal}: run the catalogue compile for {m.id!r}"
        assert NIET_NAGEKEKEN in m.user_comments or "fuzzy" not in m.flags


@pytest.mark.parametrize(
    "taal, verwacht",
    [
        ("en", "Yes, I take this work"),
        ("tr", "Evet, bu işi alıyorum"),
        ("ar", "نعم، آخذ هذا العمل"),
    ],
)
def test_one_tap_button_in_each_language(taal, verwacht):
    with translation.override(taal):
        assert translation.gettext("Ja, ik neem dit werk") == verwacht


@pytest.mark.django_db
def test_arabic_member_gets_right_to_left_pages(fatima, ingelogd):
    meldingsvoorkeur_update(werknemer=fatima, taal="ar")
    tekst = ingelogd(fatima).get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in tekst
    assert "مرحبًا Fatima" in tekst


@pytest.mark.django_db
def test_visitor_chooses_a_language_before_logging_in(client):
    antwoord = client.post("/i18n/setlang/", {"language": "tr", "next": "/"}, follow=True)
    assert "Kodla giriş yap" in antwoord.content.decode()


@pytest.mark.parametrize("taal", ["en", "tr", "ar"])
def test_every_label_of_another_app_a_member_page_shows_is_translated(taal):
    """Kinds of document and absence and the states of offers, hours and absence are
    labels of other apps' models that the member pages print (get_..._display)."""
    for keuze in (
        DocumentSoort,
        Aanbod.Status,
        Urenregel.Status,
        Afwezigheidsmelding.Soort,
        Afwezigheidsmelding.Status,
        Weekdag,
    ):
        for waarde in keuze.values:
            with translation.override("nl"):
                nl = str(keuze(waarde).label)
            with translation.override(taal):
                assert str(keuze(waarde).label) != nl, f"{taal}: {keuze.__qualname__} {nl!r}"
