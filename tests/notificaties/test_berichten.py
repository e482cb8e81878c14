"""The words: every message in plain Dutch, each SMS within one message of 160 GSM
characters including its link, even with the longest facts; written in the member's
language when sent."""

import datetime
import gettext
from pathlib import Path

import pytest
from django.utils import timezone

from contracten.models import DocumentSoort
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


TALEN = ["nl", "en", "tr", "ar"]


@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("soort", Soort.values)
def test_every_sms_fits_in_one_message_with_its_link(soort, taal):
    for gegevens in _varianten(soort):
        notificatie = Notificatie(soort=soort, gegevens=gegevens)
        bericht = berichten.opstellen(notificatie, taal=taal)
        link = "" if soort == Soort.AANBOD_INGETROKKEN else LANGE_LINK  # no page of its own
        sms = berichten.sms_opstellen(notificatie, link, taal=taal)
        assert len(sms) <= berichten.SMS_LENGTE, sms
        assert sms.endswith(" " + link if link else ".")
        assert set(sms) <= GSM7, set(sms) - GSM7
        # nothing cut off in the middle of the essential text (in the language it went in)
        verstuurd = bericht if taal != "ar" else berichten.opstellen(notificatie, taal="nl")
        kern = verstuurd.sms.translate(berichten.GSM7_SCHRIJFWIJZE)
        assert kern in sms, (kern, sms)
        for tekst in (bericht.titel, bericht.tekst, bericht.actie, sms):
            assert "%(" not in tekst and "None" not in tekst, tekst


@pytest.mark.parametrize("taal", ["en", "tr", "ar"])
@pytest.mark.parametrize("soort", Soort.values)
def test_every_message_is_written_in_the_members_language(soort, taal):
    """Title, text, action and SMS come from the catalogue: none is left in Dutch."""
    for gegevens in _varianten(soort):
        notificatie = Notificatie(soort=soort, gegevens=gegevens)
        nl = berichten.opstellen(notificatie, taal="nl")
        vertaald = berichten.opstellen(notificatie, taal=taal)
        for veld in ("titel", "tekst", "actie", "sms", "sms_extra"):
            if getattr(nl, veld):
                assert getattr(vertaald, veld) != getattr(nl, veld), (taal, veld)


def test_turkish_sms_is_written_without_letters_outside_gsm7():
    g = _lang()
    notificatie = Notificatie(soort=Soort.OPROEP_GEANNULEERD, gegevens=g)
    assert "ş" in berichten.opstellen(notificatie, taal="tr").tekst
    sms = berichten.sms_opstellen(notificatie, LANGE_LINK, taal="tr")
    assert "vardiyasi iptal. 11,75 saat ücret alirsin." in sms  # ş, ı written as s, i; ü is GSM-7
    assert berichten.gsm7_lengte(sms) == len(sms)


def test_arabic_sms_falls_back_to_dutch_because_arabic_needs_ucs2():
    g = _lang()
    notificatie = Notificatie(soort=Soort.OPROEP, gegevens=g)
    assert berichten.gsm7_lengte(berichten.opstellen(notificatie, taal="ar").sms) is None
    assert berichten.sms_opstellen(notificatie, LANGE_LINK, taal="ar") == (
        berichten.sms_opstellen(notificatie, LANGE_LINK, taal="nl")
    )


def test_gsm7_extension_characters_take_two_positions():
    assert berichten.gsm7_lengte("€ 5") == 4
    assert berichten.gsm7_lengte("a|b") == 4
    assert berichten.gsm7_lengte("مرحبا") is None
    bericht = berichten.Bericht(titel="t", tekst="t", actie="a", sms="€" * 100)
    sms = berichten.sms_tekst(bericht, "https://x/l/a/")
    assert berichten.gsm7_lengte(sms) <= berichten.SMS_LENGTE and sms.endswith("https://x/l/a/")


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
        ("kan_niet", "gemeld", True, ["geen loon", "binnen de oproeptermijn van 4 dagen"]),
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
    assert ("binnen de oproeptermijn" in bericht.tekst) == korte_termijn
    assert "18 nov 2026" in bericht.tekst or status == "hersteld"


@pytest.mark.parametrize("taal", ["en", "tr", "ar"])
def test_document_kind_is_named_in_the_members_language(taal):
    """The kind is kept by its code and named when the words are written; a notification
    that kept only the Dutch name is named in the member's language too."""
    catalogus = gettext.GNUTranslations(
        open(Path(berichten.__file__).parent / f"locale/{taal}/LC_MESSAGES/django.mo", "rb")
    )
    for soort in DocumentSoort:
        vertaald = catalogus.gettext(str(soort.label))
        assert vertaald != str(soort.label), f"{taal}: {soort.label!r} not in the catalogue"
        feiten = {"nummer": "OPR-2026-000001", "versie": 1, "reden": "nieuw"}
        for g in (feiten | {"document_soort": soort.value}, feiten | {"naam": str(soort.label)}):
            bericht = berichten.opstellen(Notificatie(soort=Soort.DOCUMENT, gegevens=g), taal=taal)
            assert vertaald in bericht.titel and vertaald in bericht.tekst
            assert str(soort.label) not in bericht.tekst


def test_every_kind_of_document_has_its_name_in_the_catalogue():
    """DOCUMENTSOORTEN lists the kinds of document for translation by hand; a kind added to
    contracten.models.DocumentSoort must be added there too, or messages name it in Dutch."""
    from contracten.models import DocumentSoort
    from coop.notificaties.berichten import DOCUMENTSOORTEN

    assert sorted(DOCUMENTSOORTEN) == sorted(str(label) for label in DocumentSoort.labels)
