"""The words: every message in plain Dutch, each SMS within one message of 160 GSM
characters including its link, even with the longest facts; written in the member's
language when sent."""

import datetime

import pytest
from django.utils import timezone

from coop.notificaties import berichten
from coop.notificaties.models import Notificatie, Soort

# GSM 03.38 basic character set: a text with only these is one SMS of 160 characters.
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# A link as long as any the site gives: the longest base address the check allows, /l/,
# the key and its signature.
BASIS = "https://" + "w" * (berichten.LANGSTE_BASIS_URL - len("https://"))
LANGE_LINK = BASIS + "/l/" + "x" * 12 + ":" + "y" * 43 + "/"

TZ = timezone.get_fixed_timezone(60)


def _lang() -> dict:
    """The longest facts a message can carry: two-day shift, long names, big numbers."""
    start = datetime.datetime(2026, 11, 18, 23, 30, tzinfo=TZ)
    return {
        "aanbod_id": 1,
        "start": start.isoformat(),
        "eind": (start + datetime.timedelta(hours=8)).isoformat(),
        "deadline": (start - datetime.timedelta(hours=30)).isoformat(),
        "plaats": "Wooncomplex Kanaleneiland-Zuid, trappenhuizen blok A t/m F",
        "adres": "Aletta Jacobslaan 123-bis, 3527 KV Utrecht",
        "uurloon": "114.40",
        "uren_per_week": "32",
        "korte_termijn": True,
        "uren_doorbetaald": "11.75",
        "naam": "Veiligheid, Gezondheid en Milieu Checklist Aannemers",
        "nummer": "AOK-2026-000123",
        "versie": 2,
        "reden": "loon",
        "geldig_tot": "2026-12-31",
    }


def _varianten(soort: str) -> list[dict]:
    g = _lang()
    if soort in (Soort.AANBOD, Soort.AANBOD_VERLOOPT, Soort.AANBOD_INGETROKKEN):
        return [
            g,
            g | {"vast": True},
            g | {"reden": "vergeven"},
            g | {"reden": "vervallen", "korte_termijn": False},
        ]
    if soort == Soort.DOCUMENT:
        return [g, g | {"reden": "nieuw"}]
    if soort == Soort.OPROEP_GEANNULEERD:
        return [g, g | {"uren_doorbetaald": ""}]
    if soort == Soort.AFWEZIGHEID:
        a = g | {"van": "2026-11-18", "tot": "2026-12-31", "hersteld_per": "2026-12-02"}
        a |= {"diensten": 12, "bevestiging": True}
        return [
            a | {"soort": "ziek", "status": "gemeld"},
            a | {"soort": "ziek", "status": "gemeld", "tot": "", "diensten": 0},
            a | {"soort": "ziek", "status": "hersteld"},
            a | {"soort": "kan_niet", "status": "gemeld"},
            a | {"soort": "verlof", "status": "goedgekeurd", "diensten": 1},
            a | {"soort": "verlof", "status": "afgewezen"},
        ]
    return [g]


@pytest.mark.parametrize("soort", Soort.values)
def test_every_sms_fits_in_one_message_with_its_link(soort):
    for gegevens in _varianten(soort):
        bericht = berichten.opstellen(Notificatie(soort=soort, gegevens=gegevens), taal="nl")
        link = "" if soort == Soort.AANBOD_INGETROKKEN else LANGE_LINK  # no page of its own
        sms = berichten.sms_tekst(bericht, link)
        assert len(sms) <= berichten.SMS_LENGTE, sms
        assert sms.endswith(" " + link if link else ".")
        assert set(sms) <= GSM7, set(sms) - GSM7
        # nothing cut off in the middle of the essential text
        assert bericht.sms in sms, (bericht.sms, sms)
        for tekst in (bericht.titel, bericht.tekst, bericht.actie, sms):
            assert "%(" not in tekst and "None" not in tekst, tekst


def test_facts_are_in_the_words():
    g = _lang()
    aanbod = berichten.opstellen(Notificatie(soort=Soort.AANBOD, gegevens=g), taal="nl")
    assert aanbod.tekst.startswith("Er is werk voor je: wo 18 nov 23:30-do 19 nov 07:30 bij ")
    assert "€ 114,40 per uur" in aanbod.tekst
    assert "je mag nee zeggen, zonder gevolgen" in aanbod.tekst
    assert "vóór di 17 nov 17:30" in aanbod.tekst
    geannuleerd = berichten.opstellen(
        Notificatie(soort=Soort.OPROEP_GEANNULEERD, gegevens=g), taal="nl"
    )
    assert "Je krijgt wel 11,75 uur betaald" in geannuleerd.tekst
    certificaat = berichten.opstellen(
        Notificatie(soort=Soort.CERTIFICAAT_VERLOOPT, gegevens=g), taal="nl"
    )
    assert "tot en met 31 dec 2026" in certificaat.tekst


def test_words_follow_the_members_language():
    g = _lang()
    nl = berichten.opstellen(Notificatie(soort=Soort.OPROEP, gegevens=g), taal="nl")
    en = berichten.opstellen(Notificatie(soort=Soort.OPROEP, gegevens=g), taal="en")
    assert "wo 18 nov" in nl.tekst
    assert "Wed 18 nov" in en.tekst  # dates and numbers in English; sentences once translated


def test_too_long_text_is_shortened_but_keeps_its_link():
    bericht = berichten.Bericht(titel="t", tekst="t", actie="a", sms="x" * 200, sms_extra="y")
    sms = berichten.sms_tekst(bericht, LANGE_LINK)
    assert len(sms) == berichten.SMS_LENGTE and sms.endswith(LANGE_LINK)


def test_extra_sentence_only_when_it_fits():
    bericht = berichten.Bericht(titel="t", tekst="t", actie="a", sms="Kort.", sms_extra="Extra.")
    assert berichten.sms_tekst(bericht, "https://x/l/a/") == "Kort. Extra. https://x/l/a/"
    lang = berichten.Bericht(titel="t", tekst="t", actie="a", sms="k" * 140, sms_extra="Extra.")
    assert berichten.sms_tekst(lang, "https://x/l/a/") == "k" * 140 + " https://x/l/a/"


@pytest.mark.parametrize(
    "soort, status, korte_termijn, woorden",
    [
        ("ziek", "gemeld", False, ["ziekmelding is ontvangen", "2 diensten gaan", "Beterschap"]),
        ("kan_niet", "gemeld", True, ["geen loon", "binnen 4 dagen"]),
        ("kan_niet", "gemeld", False, ["geen loon"]),
        ("verlof", "goedgekeurd", False, ["goedgekeurd", "loon gewoon door"]),
        ("verlof", "afgewezen", False, ["niet goedgekeurd"]),
        ("ziek", "hersteld", False, ["beter gemeld per 2 dec 2026"]),
    ],
)
def test_absence_messages_say_what_follows(soort, status, korte_termijn, woorden):
    g = {
        "soort": soort,
        "status": status,
        "van": "2026-11-18",
        "tot": "2026-11-20",
        "hersteld_per": "2026-12-02",
        "diensten": 2,
        "korte_termijn": korte_termijn,
    }
    bericht = berichten.opstellen(Notificatie(soort=Soort.AFWEZIGHEID, gegevens=g), taal="nl")
    for woord in woorden:
        assert woord in bericht.tekst, (woord, bericht.tekst)
    assert ("binnen 4 dagen" in bericht.tekst) == korte_termijn
    assert "18 nov 2026" in bericht.tekst or status == "hersteld"
