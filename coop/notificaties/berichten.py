"""The words of each notification, in the member's language (Dutch at B1 is the source).

One module on purpose: every message's inbox, e-mail and SMS text sit side by side with the
shared phrases and the 160-character fit they are written to, so they are reviewed together.

A Notificatie keeps the facts (`gegevens`: times, place, hours) rather than sentences, so the
inbox, the e-mail and the SMS are written at the moment they are shown or sent, in the
language the member chose then. Every SMS fits in one message of 160 characters including
its link: the short facts first, an extra sentence only where it still fits, and a long
place name shortened.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from contracten.models import DocumentSoort
from contracten.regels import oproeptermijn_dagen
from coop.notificaties.models import Notificatie, Soort

SMS_LENGTE = 160
# GSM 03.38: the basic character set (one position each) and its extension table (two
# positions each: escape + character). A text with only these goes as one message of 160.
GSM7_BASIS = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_UITBREIDING = frozenset("^{}\\[~]|€")
# Letters outside GSM 03.38 written the way SMS writers in that language do without them
# (Turkish: "Çarşamba" -> "Carsamba"); a letter not listed keeps the text out of GSM-7.
GSM7_SCHRIJFWIJZE = str.maketrans(
    {
        "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ı": "i", "İ": "I", "ç": "c",
        "â": "a", "î": "i", "û": "u", "Â": "A", "Î": "I", "Û": "U",
        "ó": "o", "á": "a", "í": "i", "ú": "u", "ë": "e", "ï": "i", "ê": "e",
        "\u2019": "'", "\u2013": "-",
    }
)  # fmt: skip
PLAATS_KORT = 16
# The longest site address (COOP_BASIS_URL) with which every SMS still fits whole; a check
# warns above it (the text is then shortened, never the link).
LANGSTE_BASIS_URL = 26

# The kinds of document (contracten.models.DocumentSoort) as a message names them, in this
# catalogue so that the inbox, e-mail and SMS say them in the member's language.
DOCUMENTSOORTEN = [
    gettext_noop("arbeidsovereenkomst"),
    gettext_noop("oproepovereenkomst"),
    gettext_noop("oproep"),
    gettext_noop("annulering van een oproep"),
    gettext_noop("aanbod vaste uren"),
    gettext_noop("aanzegging"),
    gettext_noop("bevestiging ziekmelding"),
]

# The member pages each notification leads to (coop/pages serves them).
PAGINAS = {
    "aanbod": "/aanbiedingen/{id}/",
    "rooster": "/rooster/",
    "documenten": "/documenten/",
    "uren": "/uren/",
    "profiel": "/profiel/",
    "meldingen": "/meldingen/",
    "afwezigheid": "/afwezigheid/",
}


@dataclass(frozen=True)
class Bericht:
    titel: str  # inbox heading and e-mail subject
    tekst: str  # inbox text and the body of the e-mail
    actie: str  # what the link does ("Bekijk het werk")
    sms: str  # the text of the SMS without its link
    sms_extra: str = ""  # added to the SMS only when it still fits


def _moment(waarde: str | None) -> datetime.datetime | None:
    return timezone.localtime(parse_datetime(waarde)) if waarde else None


def _dag_tijd(waarde: str | None) -> str:
    """'di 17 nov 09:00'."""
    moment = _moment(waarde)
    return date_format(moment, "D j b H:i") if moment else ""


def _wanneer(g: dict) -> str:
    """'di 17 nov 09:00-13:00' (one day), or from-to over two days."""
    start, eind = _moment(g.get("start")), _moment(g.get("eind"))
    if start is None:
        return ""
    if eind is None:
        return _dag_tijd(g["start"])
    if eind.date() == start.date():
        return f"{date_format(start, 'D j b H:i')}-{date_format(eind, 'H:i')}"
    return f"{date_format(start, 'D j b H:i')}-{date_format(eind, 'D j b H:i')}"


def _wanneer_kort(g: dict) -> str:
    """'di 17 nov 09:00-13:00', also when the shift ends the next morning (for an SMS)."""
    start, eind = _moment(g.get("start")), _moment(g.get("eind"))
    if start is None:
        return ""
    tot = f"-{date_format(eind, 'H:i')}" if eind is not None else ""
    return f"{date_format(start, 'D j b H:i')}{tot}"


def _dag(g: dict) -> str:
    start = _moment(g.get("start"))
    return date_format(start, "D j b") if start else ""


def _datum(waarde: str | None) -> str:
    dag = parse_date(waarde) if waarde else None
    return date_format(dag, "j b Y") if dag else ""


def _geld(waarde: str | None) -> str:
    """'14,40' in Dutch, '14.40' in English."""
    return number_format(Decimal(waarde), 2) if waarde else ""


def _oproeptermijn(g: dict) -> int:
    """The call term in days the message names: stored with the facts (the table's on the day
    of the offer or the cancellation); for facts stored without it, the table's on the work day."""
    if g.get("oproeptermijn_dagen"):
        return int(g["oproeptermijn_dagen"])
    start = _moment(g.get("start"))
    return oproeptermijn_dagen(start.date() if start else timezone.localdate())


def _kort(tekst: str, lengte: int = PLAATS_KORT) -> str:
    tekst = (tekst or "").strip()
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "."


def _aanbod(g: dict) -> Bericht:
    plaats = g.get("plaats", "")
    deadline = _dag_tijd(g.get("deadline"))
    if g.get("vast"):
        tekst = _(
            "Er is een vaste baan voor je: %(uren)s uur per week bij %(plaats)s. "
            "Je verdient € %(uurloon)s per uur. Wil je deze baan? Zeg ja of nee vóór %(deadline)s."
        ) % {
            "uren": g.get("uren_per_week", ""),
            "plaats": plaats,
            "uurloon": _geld(g.get("uurloon")),
            "deadline": deadline,
        }
        sms = _("Vaste baan voor je: %(uren)s uur per week, %(plaats)s. Ja of nee?") % {
            "uren": g.get("uren_per_week", ""),
            "plaats": _kort(plaats),
        }
    else:
        tekst = _(
            "Er is werk voor je: %(wanneer)s bij %(plaats)s. Je verdient € %(uurloon)s per uur. "
            "Wil je dit werk? Zeg ja of nee vóór %(deadline)s."
        ) % {
            "wanneer": _wanneer(g),
            "plaats": plaats,
            "uurloon": _geld(g.get("uurloon")),
            "deadline": deadline,
        }
        sms = _("Werk voor je: %(wanneer)s, %(plaats)s. Ja of nee?") % {
            "wanneer": _wanneer_kort(g),
            "plaats": _kort(plaats),
        }
    if g.get("korte_termijn"):
        tekst += " " + _(
            "Dit werk begint binnen %(dagen)s dagen: je mag nee zeggen, zonder gevolgen."
        ) % {"dagen": _oproeptermijn(g)}
    return Bericht(
        titel=_("Nieuw werk voor jou"),
        tekst=tekst,
        actie=_("Bekijk het werk en zeg ja of nee"),
        sms=sms,
        sms_extra=_("Antwoord voor %(deadline)s.") % {"deadline": deadline},
    )


def _aanbod_verloopt(g: dict) -> Bericht:
    deadline = _dag_tijd(g.get("deadline"))
    wat = _wanneer(g) if not g.get("vast") else _("vaste baan")
    kort = _wanneer_kort(g) if not g.get("vast") else _("vaste baan")
    return Bericht(
        titel=_("Nog 4 uur om te antwoorden"),
        tekst=_(
            "Je hebt nog niet geantwoord op het werk van %(wanneer)s bij %(plaats)s. "
            "Zeg ja of nee vóór %(deadline)s. Daarna gaat het werk naar iemand anders."
        )
        % {"wanneer": wat, "plaats": g.get("plaats", ""), "deadline": deadline},
        actie=_("Bekijk het werk en zeg ja of nee"),
        sms=_("Nog 4 uur: werk %(wanneer)s. Ja of nee?") % {"wanneer": kort},
        sms_extra=_("Antwoord voor %(deadline)s.") % {"deadline": deadline},
    )


def _aanbod_ingetrokken(g: dict) -> Bericht:
    vast = bool(g.get("vast"))
    wat = {"wanneer": _wanneer(g) if not vast else _("vaste baan"), "plaats": g.get("plaats", "")}
    kort = {"wanneer": _wanneer_kort(g) if not vast else _("vaste baan")}
    if g.get("reden") == "vergeven":
        tekst = (
            _(
                "Het werk van %(wanneer)s bij %(plaats)s is al aan iemand anders gegeven. "
                "Je hoeft niets te doen. Je krijgt vanzelf nieuw werk aangeboden."
            )
            % wat
        )
        sms = _("Het werk van %(wanneer)s is al vergeven. Je hoeft niets te doen.") % kort
    else:
        tekst = (
            _("Het werk van %(wanneer)s bij %(plaats)s gaat niet door. Je hoeft niets te doen.")
            % wat
        )
        sms = _("Het werk van %(wanneer)s gaat niet door. Je hoeft niets te doen.") % kort
    return Bericht(
        titel=_("Werk gaat niet door"), tekst=tekst, actie=_("Bekijk je berichten"), sms=sms
    )


def _oproep(g: dict) -> Bericht:
    wat = {"wanneer": _wanneer(g), "plaats": g.get("plaats", ""), "adres": g.get("adres", "")}
    tekst = _("Je werkt op %(wanneer)s bij %(plaats)s.") % wat
    if wat["adres"]:
        tekst += " " + _("Het adres is %(adres)s.") % wat
    tekst += " " + _("De oproep staat bij je documenten.")
    return Bericht(
        titel=_("Je bent ingepland"),
        tekst=tekst,
        actie=_("Bekijk je rooster"),
        sms=_("Je bent ingepland: %(wanneer)s, %(plaats)s.")
        % {"wanneer": _wanneer_kort(g), "plaats": _kort(wat["plaats"])},
        sms_extra=_("De oproep staat bij je documenten."),
    )


def _oproep_geannuleerd(g: dict) -> Bericht:
    uren = g.get("uren_doorbetaald")
    wat = {
        "wanneer": _wanneer(g),
        "plaats": g.get("plaats", ""),
        "uren": number_format(Decimal(uren).normalize()) if uren else "",
    }
    tekst = _("Je dienst van %(wanneer)s bij %(plaats)s gaat niet door.") % wat
    sms = _("Dienst %(wanneer)s gaat niet door.") % {"wanneer": _wanneer_kort(g)}
    if wat["uren"]:
        betaald = _(
            "Je krijgt wel %(uren)s uur betaald, want het is minder dan %(dagen)s dagen van "
            "tevoren afgezegd."
        ) % {**wat, "dagen": _oproeptermijn(g)}
        tekst += " " + betaald
        sms += " " + _("Je krijgt %(uren)s uur betaald.") % wat
    tekst += " " + _("De brief hierover staat bij je documenten.")
    return Bericht(
        titel=_("Je dienst gaat niet door"), tekst=tekst, actie=_("Lees de brief"), sms=sms
    )


def _documentnaam(g: dict) -> str:
    """The kind of document in the active language: from its code, or (a notification
    recorded before the code was kept) from the Dutch name it kept."""
    soort = g.get("document_soort")
    if soort in DocumentSoort.values:
        return str(DocumentSoort(soort).label)
    naam = g.get("naam", "")
    return _(naam) if naam else ""


def _document(g: dict) -> Bericht:
    wat = {"naam": _documentnaam(g), "nummer": g.get("nummer", "")}
    if g.get("reden") == "loon":
        tekst = (
            _(
                "Er is een nieuwe versie van je %(naam)s %(nummer)s, omdat je loon is aangepast. "
                "Lees hem rustig door."
            )
            % wat
        )
    else:
        tekst = (
            _(
                "Er staat een nieuw document voor je klaar: %(naam)s %(nummer)s. Lees het rustig door."
            )
            % wat
        )
    return Bericht(
        titel=_("Nieuw document: %(naam)s") % wat,
        tekst=tekst,
        actie=_("Lees het document"),
        sms=_("Er staat een nieuw document voor je klaar: %(naam)s.")
        % {"naam": _kort(wat["naam"], 28)},
    )


def _uren(g: dict) -> Bericht:
    wat = {"wanneer": _wanneer(g), "plaats": g.get("plaats", "")}
    return Bericht(
        titel=_("Geef je uren door"),
        tekst=_(
            "Je hebt gewerkt op %(wanneer)s bij %(plaats)s. Klopt de tijd? Geef je uren door, "
            "dan krijg je op tijd betaald."
        )
        % wat,
        actie=_("Geef je uren door"),
        sms=_("Geef je uren van %(dag)s door, dan krijg je op tijd betaald.") % {"dag": _dag(g)},
    )


def _certificaat(g: dict) -> Bericht:
    wat = {"naam": g.get("naam", ""), "datum": _datum(g.get("geldig_tot"))}
    return Bericht(
        titel=_("Je certificaat verloopt"),
        tekst=_(
            "Je certificaat %(naam)s is geldig tot en met %(datum)s. Heb je een nieuw certificaat? "
            "Laat het ons weten. Anders mag je daarna werk waarvoor het nodig is niet meer doen."
        )
        % wat,
        actie=_("Bekijk je profiel"),
        sms=_("Je certificaat %(naam)s geldt tot en met %(datum)s.")
        % {**wat, "naam": _kort(wat["naam"])},
        sms_extra=_("Regel op tijd een nieuw."),
    )


def _afwezigheid(g: dict) -> Bericht:
    """Sick or "kan niet" recorded, leave decided, or recovery: dates and what follows."""
    wat = {
        "van": _datum(g.get("van")),
        "tot": _datum(g.get("tot")),
        "hersteld": _datum(g.get("hersteld_per")),
    }
    aantal = int(g.get("diensten") or 0)
    diensten = (
        ngettext(
            "%(aantal)s dienst gaat naar iemand anders. De werkgever houdt het werk.",
            "%(aantal)s diensten gaan naar iemand anders. De werkgever houdt het werk.",
            aantal,
        )
        % {"aantal": aantal}
        if aantal
        else ""
    )
    periode = _("van %(van)s tot en met %(tot)s") % wat if wat["tot"] else _("vanaf %(van)s") % wat
    soort, status = g.get("soort"), g.get("status")
    if status == "hersteld":
        return Bericht(
            titel=_("Je bent beter gemeld"),
            tekst=_("Je bent beter gemeld per %(hersteld)s. Je krijgt weer werk aangeboden.") % wat,
            actie=_("Bekijk je afwezigheid"),
            sms=_("Je bent beter gemeld per %(hersteld)s. Fijn dat je er weer bent!") % wat,
        )
    if soort == "verlof" and status == "afgewezen":
        return Bericht(
            titel=_("Je verlof is niet goedgekeurd"),
            tekst=_(
                "Je verlofaanvraag %(periode)s is niet goedgekeurd. De reden staat bij je "
                "afwezigheid."
            )
            % {"periode": periode},
            actie=_("Bekijk je afwezigheid"),
            sms=_("Je verlof %(periode)s is niet goedgekeurd.") % {"periode": periode},
        )
    if soort == "verlof":
        tekst = _("Je verlof %(periode)s is goedgekeurd. Je krijgt je loon gewoon door.") % {
            "periode": periode
        }
        return Bericht(
            titel=_("Je verlof is goedgekeurd"),
            tekst=f"{tekst} {diensten}".strip(),
            actie=_("Bekijk je afwezigheid"),
            sms=_("Je verlof %(periode)s is goedgekeurd.") % {"periode": periode},
        )
    if soort == "kan_niet":
        tekst = _("Vastgelegd: je kunt niet werken %(periode)s.") % {"periode": periode}
        tekst = f"{tekst} {diensten}".strip() + " " + _("Hiervoor krijg je geen loon.")
        if g.get("korte_termijn"):
            tekst += " " + _(
                "Je meldde het binnen de oproeptermijn van %(dagen)s dagen voor het werk. Dat "
                "staat op je overzicht; verder gebeurt er niets."
            ) % {"dagen": _oproeptermijn(g)}
        return Bericht(
            titel=_("Vastgelegd: je kunt niet werken"),
            tekst=tekst,
            actie=_("Bekijk je afwezigheid"),
            sms=_("Vastgelegd: je kunt niet werken %(periode)s.") % {"periode": periode},
            sms_extra=_("Je werk gaat naar een ander."),
        )
    tekst = _("Je ziekmelding is ontvangen: ziek %(periode)s.") % {"periode": periode}
    tekst = f"{tekst} {diensten}".strip() + " " + _("Je krijgt loon door zoals de wet zegt.")
    if g.get("bevestiging"):
        tekst += " " + _("De bevestiging staat bij je documenten.")
    return Bericht(
        titel=_("Je ziekmelding is ontvangen"),
        tekst=tekst + " " + _("Beterschap!"),
        actie=_("Bekijk je afwezigheid"),
        sms=_("Ziekmelding ontvangen: ziek %(periode)s.") % {"periode": periode},
        sms_extra=_("Je werk gaat naar een ander. Beterschap!"),
    )


OPSTELLERS = {
    Soort.AANBOD: _aanbod,
    Soort.AANBOD_VERLOOPT: _aanbod_verloopt,
    Soort.AANBOD_INGETROKKEN: _aanbod_ingetrokken,
    Soort.OPROEP: _oproep,
    Soort.OPROEP_GEANNULEERD: _oproep_geannuleerd,
    Soort.DOCUMENT: _document,
    Soort.UREN_BEVESTIGEN: _uren,
    Soort.CERTIFICAAT_VERLOOPT: _certificaat,
    Soort.AFWEZIGHEID: _afwezigheid,
}


def taal_van(werknemer) -> str:
    voorkeur = getattr(werknemer, "meldingsvoorkeur", None)
    return voorkeur.taal if voorkeur is not None else settings.LANGUAGE_CODE


def opstellen(notificatie: Notificatie, *, taal: str | None = None) -> Bericht:
    """The notification's words in `taal` (default: the member's language)."""
    with translation.override(taal or taal_van(notificatie.werknemer)):
        return OPSTELLERS[notificatie.soort](notificatie.gegevens or {})


def gsm7_lengte(tekst: str) -> int | None:
    """Positions `tekst` takes in a GSM-7 SMS, or None when it cannot be written in GSM-7
    (then the phone network sends it as UCS-2: 70 characters per message)."""
    lengte = 0
    for teken in tekst:
        if teken in GSM7_BASIS:
            lengte += 1
        elif teken in GSM7_UITBREIDING:
            lengte += 2
        else:
            return None
    return lengte


def sms_tekst(bericht: Bericht, link: str) -> str:
    """The SMS: the text, the extra sentence if it fits, and the link, in one message of 160
    GSM-7 positions (letters outside GSM-7 written plainly, e.g. Turkish ş as s)."""
    kort = bericht.sms.translate(GSM7_SCHRIJFWIJZE)
    extra = bericht.sms_extra.translate(GSM7_SCHRIJFWIJZE)
    staart = f" {link}" if link else ""

    def lengte(tekst: str) -> int:
        gsm = gsm7_lengte(tekst)
        return len(tekst) if gsm is None else gsm

    for tekst in (f"{kort} {extra}".strip(), kort):
        if lengte(tekst) + lengte(staart) <= SMS_LENGTE:
            return tekst + staart
    ruimte = max(SMS_LENGTE - lengte(staart), 0)
    while kort and lengte(kort) + 1 > ruimte:
        kort = kort[:-1]
    return kort.rstrip() + "." + staart if ruimte else link


def sms_opstellen(notificatie: Notificatie, link: str, *, taal: str | None = None) -> str:
    """The SMS in the member's language when it goes as one plain GSM-7 message; otherwise
    (Arabic script needs UCS-2, 70 characters, and the link alone is longer) in Dutch, the
    source language. The link opens the pages in the member's own language either way."""
    sms = ""
    for poging in (taal or taal_van(notificatie.werknemer), settings.LANGUAGE_CODE):
        sms = sms_tekst(opstellen(notificatie, taal=poging), link)
        if gsm7_lengte(sms) is not None:
            return sms
    return sms


def email_tekst(
    bericht: Bericht, *, voornaam: str, link: str, link_geldig_tot: datetime.datetime | None
) -> str:
    """The plain-text e-mail: greeting, message, the link with what it does, and how to
    change what the member receives."""
    delen = [_("Hallo %(naam)s,") % {"naam": voornaam}, bericht.tekst]
    if link:
        delen.append(f"{bericht.actie}:\n{link}")
        if link_geldig_tot:
            delen.append(
                _(
                    "Deze link werkt één keer, tot %(tot)s. "
                    "Werkt hij niet meer? Log dan in op %(site)s."
                )
                % {
                    "tot": date_format(timezone.localtime(link_geldig_tot), "D j b H:i"),
                    "site": settings.COOP_BASIS_URL,
                }
            )
    delen.append(
        _("Liever geen e-mail of sms? Pas het aan op je profiel: %(pagina)s")
        % {"pagina": f"{settings.COOP_BASIS_URL}{PAGINAS['profiel']}"}
    )
    delen.append(settings.COOP_MAKELAAR.get("naam", ""))
    return "\n\n".join(d for d in delen if d)
