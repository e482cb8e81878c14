"""The column catalogue of the Excel imports: per kind of import, its columns and how a cell is read.

A cell that cannot be read raises Celfout with a Dutch message; formulas are refused (a
cached result may be stale or absent).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from coop.models import Werkpakket
from coop.models.werk import Categorie
from coop.services.werk import pakket_invoer
from werknemers.models import Werknemer

DAGEN = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
DAGNAMEN = {
    "maandag": 0,
    "dinsdag": 1,
    "woensdag": 2,
    "donderdag": 3,
    "vrijdag": 4,
    "zaterdag": 5,
    "zondag": 6,
}


class Celfout(ValueError):
    """A cell's value cannot be used; the message is Dutch and says what to fill in."""


# --- reading cells --------------------------------------------------------------------------


def _tekst(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime | date | time):
        raise Celfout("Vul tekst in, geen datum of tijd.")
    return str(v).strip()


def _decimaal(v: Any) -> Decimal:
    if isinstance(v, bool) or isinstance(v, datetime | date | time):
        raise Celfout("Vul een getal in.")
    try:
        d = Decimal(str(v).strip().replace(",", ".")) if not isinstance(v, int) else Decimal(v)
    except InvalidOperation as exc:
        raise Celfout("Vul een getal in, zoals 32,50.") from exc
    if not d.is_finite():
        raise Celfout("Vul een getal in, zoals 32,50.")
    if d != d.quantize(Decimal("0.01")):
        raise Celfout("Gebruik ten hoogste twee decimalen.")
    return d.quantize(Decimal("0.01"))


def _geheel(v: Any) -> int:
    d = _decimaal(v)
    if d != d.to_integral_value():
        raise Celfout("Vul een geheel getal in.")
    return int(d)


def _datum(v: Any) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        for formaat in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(v.strip(), formaat).date()
            except ValueError:
                continue
    raise Celfout("Vul een datum in als dd-mm-jjjj.")


def _ja_nee(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    tekst = _tekst(v).lower()
    if tekst in ("ja", "j", "1", "waar", "true"):
        return True
    if tekst in ("nee", "n", "0", "onwaar", "false"):
        return False
    raise Celfout("Vul ja of nee in.")


def _dag(tekst: str) -> int:
    t = tekst.strip().lower()
    if t.isdigit() and int(t) in range(7):
        return int(t)
    if t in DAGNAMEN:
        return DAGNAMEN[t]
    if t in DAGEN:
        return DAGEN[t]
    raise Celfout(f"Onbekende dag '{tekst.strip()}': gebruik ma, di, wo, do, vr, za of zo.")


def _dagen(v: Any) -> list[int]:
    return [_dag(d) for d in re.split(r"[,;\s]+", _tekst(v)) if d]


def _tijd(tekst: str) -> time:
    try:
        return datetime.strptime(tekst.strip().replace(".", ":"), "%H:%M").time()
    except ValueError as exc:
        raise Celfout(f"Onbekende tijd '{tekst.strip()}': gebruik uu:mm.") from exc


def _tijdvakken(v: Any) -> list[pakket_invoer.TijdvakData]:
    """'ma 08:00-12:00; wo 13:00-17:00' -> weekly blocks."""
    vakken = []
    for deel in [d for d in _tekst(v).split(";") if d.strip()]:
        m = re.fullmatch(r"\s*(\S+)\s+(\S+)\s*-\s*(\S+)\s*", deel)
        if m is None:
            raise Celfout(f"'{deel.strip()}' is geen tijdvak; schrijf bijvoorbeeld ma 08:00-12:00.")
        vakken.append(pakket_invoer.TijdvakData(_dag(m[1]), _tijd(m[2]), _tijd(m[3])))
    return vakken


def _vaardigheden(v: Any) -> dict[str, int]:
    """'schoonmaak:2, schilderen' -> {code: minimum level (1 when not given)}."""
    uit = {}
    for deel in [d.strip() for d in re.split(r"[,;]", _tekst(v)) if d.strip()]:
        code, _sep, niveau = deel.partition(":")
        uit[code.strip().lower()] = _geheel(niveau) if niveau.strip() else 1
    return uit


def _lijst(v: Any) -> list[str]:
    return [d.strip().lower() for d in re.split(r"[,;]", _tekst(v)) if d.strip()]


# --- columns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    kop: str
    lees: Callable[[Any], Any]
    verplicht: bool = False
    uitleg: str = ""
    voorbeeld: str = ""
    keuzes: tuple[str, ...] = ()

    @property
    def naam(self) -> str:
        return self.kop + (" *" if self.verplicht else "")


def kop_norm(kop: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(kop or "").lower().replace("€", ""))


WERKPAKKET_KOLOMMEN = (
    Kolom(
        "werkgever",
        "Werkgever (KvK)",
        _tekst,
        uitleg="Alleen voor medewerkers: KvK-nummer van de werkgever. Werkgevers laten dit leeg.",
        voorbeeld="30123456",
    ),
    Kolom("locatie", "Locatie", _tekst, True, "Naam of nummer van uw locatie.", "Marshallaan 1-99"),
    Kolom("titel", "Titel", _tekst, True, "Korte naam van het werk.", "Trappenhuizen schoonmaken"),
    Kolom("omschrijving", "Omschrijving", _tekst, uitleg="Wat er moet gebeuren."),
    Kolom(
        "categorie", "Categorie", _tekst, True, "Soort werk.", "schoonmaak", tuple(Categorie.values)
    ),
    Kolom(
        "soort",
        "Soort",
        _tekst,
        True,
        "eenmalig of terugkerend.",
        "eenmalig",
        tuple(Werkpakket.Soort.values),
    ),
    Kolom(
        "tarief_per_uur", "Tarief per uur (€)", _decimaal, True, "Tarief exclusief btw.", "32,50"
    ),
    Kolom(
        "regie",
        "Regie",
        _tekst,
        uitleg="makelaar (wij sturen het werk aan) of opdrachtgever "
        "(u stuurt aan). Leeg: makelaar.",
        voorbeeld="makelaar",
        keuzes=tuple(Werkpakket.Regie.values),
    ),
    Kolom(
        "vroegste_start",
        "Vroegste start",
        _datum,
        uitleg="Eenmalig werk: eerste dag.",
        voorbeeld="05-10-2026",
    ),
    Kolom(
        "uiterlijk_eind",
        "Uiterlijk klaar",
        _datum,
        uitleg="Eenmalig werk: laatste dag.",
        voorbeeld="16-10-2026",
    ),
    Kolom(
        "totaal_uren",
        "Totaal uren",
        _decimaal,
        uitleg="Eenmalig werk: uren in totaal.",
        voorbeeld="24",
    ),
    Kolom("max_uren_per_dag", "Max. uren per dag", _decimaal, uitleg="Eenmalig werk (optioneel)."),
    Kolom("max_personen", "Max. personen tegelijk", _geheel, uitleg="Leeg: 1.", voorbeeld="2"),
    Kolom(
        "dagen",
        "Dagen",
        _dagen,
        uitleg="Eenmalig werk: toegestane dagen, zoals ma, di, wo. "
        "Leeg: maandag tot en met vrijdag.",
        voorbeeld="ma, di, wo",
    ),
    Kolom("startdatum", "Startdatum", _datum, uitleg="Terugkerend werk: eerste dag."),
    Kolom("einddatum", "Einddatum", _datum, uitleg="Terugkerend werk: laatste dag (optioneel)."),
    Kolom(
        "tijdvakken",
        "Weekpatroon",
        _tijdvakken,
        uitleg="Terugkerend werk: dag en tijden, gescheiden door ;",
        voorbeeld="ma 08:00-12:00; wo 13:00-17:00",
    ),
    Kolom(
        "vaardigheden",
        "Vaardigheden",
        _vaardigheden,
        uitleg="Code met minimaal niveau (1-3), gescheiden door komma's.",
        voorbeeld="schoonmaak:2",
    ),
    Kolom(
        "certificaten",
        "Certificaten",
        _lijst,
        uitleg="Codes, gescheiden door komma's.",
        voorbeeld="vca",
    ),
)

WERKNEMER_KOLOMMEN = (
    Kolom("voornaam", "Voornaam", _tekst, True, voorbeeld="Fatima"),
    Kolom("tussenvoegsel", "Tussenvoegsel", _tekst),
    Kolom("achternaam", "Achternaam", _tekst, True, voorbeeld="El Amrani"),
    Kolom("geboortedatum", "Geboortedatum", _datum, True, voorbeeld="17-05-1990"),
    Kolom("bsn", "BSN", _tekst, True, "Negen cijfers (elfproef).", "111222333"),
    Kolom("iban", "IBAN", _tekst, voorbeeld="NL91ABNA0417164300"),
    Kolom("straat", "Straat", _tekst, voorbeeld="Columbuslaan"),
    Kolom("huisnummer", "Huisnummer", _tekst, voorbeeld="12"),
    Kolom("toevoeging", "Toevoeging", _tekst),
    Kolom("postcode", "Postcode", _tekst, True, "Bepaalt coördinaten en wijk.", "3526 EP"),
    Kolom("plaats", "Plaats", _tekst, voorbeeld="Utrecht"),
    Kolom("telefoon", "Telefoon", _tekst),
    Kolom("email", "E-mail", _tekst),
    Kolom("lid_sinds", "Lid sinds", _datum, True, voorbeeld="01-03-2025"),
    Kolom("uren_per_week_min", "Uren per week minimaal", _geheel, voorbeeld="0"),
    Kolom("uren_per_week_max", "Uren per week maximaal", _geheel, voorbeeld="24"),
    Kolom("max_reisafstand_km", "Max. reisafstand (km)", _decimaal, voorbeeld="5"),
    Kolom("talen", "Talen", _lijst, uitleg="Taalcodes, zoals nl, ar, tr.", voorbeeld="nl, ar"),
    Kolom("sroi_toestemming", "Toestemming SROI", _ja_nee, uitleg="ja of nee.", voorbeeld="nee"),
    Kolom(
        "sroi_doelgroep",
        "SROI-doelgroep",
        _tekst,
        uitleg="Alleen met toestemming.",
        keuzes=tuple(v for v in Werknemer.Doelgroep.values if v),
    ),
)

KOLOMMEN = {"werkpakketten": WERKPAKKET_KOLOMMEN, "werknemers": WERKNEMER_KOLOMMEN}
BLADNAMEN = {"werkpakketten": "Werkpakketten", "werknemers": "Werknemers"}
