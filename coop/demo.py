"""The deterministic demo neighbourhood: Utrecht Kanaleneiland and the wijken around it.

`build_demo(seed=..., stdout=..., vandaag=...)` is the one entry point. It runs small steps
(postcodes, catalogue, employers with locations, members, logins) in one transaction. Every
step upserts by a natural key (postcode, skill code, KvK number, username, BSN blind index), so
a second run creates nothing. All randomness comes from one seeded `random.Random`; every date
is relative to `vandaag` (default: today in Europe/Amsterdam), so ages stay right and the same
seed on the same day gives the same data. Names of organisations are fictional.

Later steps (work packages, offers, hours) append a function to `STAPPEN`.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from stdnum import iban as stdnum_iban

from coop.fields import blind_index
from coop.models import Postcode
from coop.validators import bsn_from_number, normalize_bsn, normalize_iban
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)

DEFAULT_SEED = 20250601
POSTCODES_CSV = Path(__file__).resolve().parent / "data" / "postcodes_demo.csv"
BSN_OFFSET = 900_000  # keeps demo BSNs apart from the factories' bsn_from_number(0, 1, ...)
URLS = ("http://127.0.0.1:8000/api/v1/docs", "http://127.0.0.1:8000/admin/")


class Writer(Protocol):
    def write(self, msg: str) -> object: ...


# --- the neighbourhood -------------------------------------------------------------------


@dataclass(frozen=True)
class Straat:
    naam: str
    postcode: str
    gebied: str  # the part of town people name (Lombok), coarser than a CBS buurt
    wijk: str  # CBS wijk
    buurt: str  # CBS buurt
    latitude: str
    longitude: str
    plaats: str = "Utrecht"
    gemeente: str = "Utrecht"


def _straten(gebied: str, wijk: str, *rows: tuple, **kw) -> list[Straat]:
    """Rows (naam, postcode, lat, lon[, buurt]); the buurt defaults to the gebied."""
    return [
        Straat(naam, pc, gebied, wijk, (rest or [gebied])[0], lat, lon, **kw)
        for naam, pc, lat, lon, *rest in rows
    ]


# Street, postcode, coordinates (WGS84), chosen from coop/data/postcodes_demo.csv so the
# demo agrees with the shipped postcode table; the rows here fill the table when it is absent
# (Overvecht and Leidsche Rijn are not in it: they are the members who live further away).
STRATEN: list[Straat] = [
    *_straten(
        "Kanaleneiland-Noord",
        "Zuidwest",
        ("Columbuslaan", "3526 EP", "52.075800", "5.099500"),
        ("Marco Pololaan", "3526 AC", "52.078750", "5.095100"),
        ("Vasco da Gamalaan", "3526 AD", "52.079850", "5.096000"),
        ("Aziëlaan", "3526 GB", "52.076850", "5.100200"),
        ("Afrikalaan", "3526 KA", "52.077950", "5.099600"),
        ("Australiëlaan", "3526 GA", "52.074750", "5.100800"),
    ),
    *_straten(
        "Kanaleneiland-Zuid",
        "Zuidwest",
        ("Marshallaan", "3527 TM", "52.073400", "5.094900"),
        ("Churchilllaan", "3527 VA", "52.071450", "5.097100"),
        ("Trumanlaan", "3527 BB", "52.070150", "5.093200"),
        ("Bernadottelaan", "3527 CA", "52.072250", "5.092600"),
        ("Van Heuven Goedhartlaan", "3527 GA", "52.068650", "5.095300"),
    ),
    *_straten(
        "Transwijk",
        "Zuidwest",
        ("Beneluxlaan", "3526 HA", "52.076050", "5.086200", "Transwijk-Noord"),
        ("Balijelaan", "3527 KA", "52.069750", "5.086500", "Transwijk-Zuid"),
    ),
    *_straten(
        "Dichterswijk",
        "Zuidwest",
        ("Vondellaan", "3521 CA", "52.080650", "5.111000"),
        ("Croeselaan", "3521 BA", "52.084250", "5.108300"),
    ),
    *_straten(
        "Rivierenwijk",
        "Zuidwest",
        ("Rijnlaan", "3522 BA", "52.078250", "5.116800"),
        ("Waalstraat", "3522 EA", "52.075750", "5.118900"),
    ),
    *_straten(
        "Oog in Al",
        "West",
        ("Thomas à Kempisweg", "3533 BA", "52.087250", "5.087000"),
        ("Van Tuyll van Serooskerkenweg", "3533 EA", "52.083650", "5.089700"),
    ),
    *_straten(
        "Lombok",
        "West",
        ("Kanaalstraat", "3531 BA", "52.091750", "5.102500", "Lombok-Oost"),
        ("Bankastraat", "3531 GB", "52.090650", "5.095600", "Lombok-West"),
    ),
    *_straten(
        "Hoograven",
        "Zuid",
        ("Briljantlaan", "3525 CA", "52.069250", "5.128500", "Nieuw Hoograven"),
        ("Smaragdplein", "3525 EA", "52.070350", "5.129400", "Nieuw Hoograven"),
        ("Hooft Graaflandstraat", "3523 BA", "52.074750", "5.126500", "Oud Hoograven-Noord"),
    ),
    *_straten(
        "Overvecht", "Overvecht", ("Zamenhofdreef", "3562 JT", "52.117200", "5.113600", "Zuilen")
    ),
    *_straten(
        "Leidsche Rijn",
        "Leidsche Rijn",
        ("Langerakbaan", "3544 PD", "52.100900", "5.058200", "Parkwijk-Zuid"),
    ),
    *_straten(
        "Binnenstad",
        "Binnenstad",
        ("Oudegracht", "3511 BB", "52.090150", "5.117600", "Domplein, Neude, Janskerkhof"),
    ),
    *_straten(
        "Nieuwegein",
        "Nieuwegein-Noord",
        ("Galecopperlaan", "3437 AA", "52.038050", "5.079400", "Galecop"),
        plaats="Nieuwegein",
        gemeente="Nieuwegein",
    ),
]
STRAAT = {s.naam: s for s in STRATEN}

# Where members live: most in Kanaleneiland, some next door, a few further away.
WOONGEBIEDEN: dict[str, int] = {
    "Kanaleneiland-Noord": 34,
    "Kanaleneiland-Zuid": 30,
    "Transwijk": 6,
    "Dichterswijk": 5,
    "Rivierenwijk": 5,
    "Oog in Al": 3,
    "Lombok": 4,
    "Hoograven": 4,
    "Overvecht": 3,
    "Leidsche Rijn": 2,
    "Nieuwegein": 2,
    "Binnenstad": 2,
}

# --- catalogue -----------------------------------------------------------------------------

# code, naam, omschrijving, omvat: a broader skill implies the narrower ones it lists.
VAARDIGHEDEN: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("schoonmaak", "Schoonmaak", "Woningen, algemene ruimten en kantoren schoonmaken.", ("trappenhuis",)),
    ("trappenhuis", "Trappenhuizen en portieken", "Trappenhuizen, portieken en galerijen schoonhouden.", ()),
    ("schilderwerk", "Schilderwerk", "Binnen- en buitenschilderwerk: voorbereiden, gronden, aflakken.", ("sauzen",)),
    ("sauzen", "Sauzen", "Muren en plafonds sauzen.", ()),
    ("verhuishulp", "Verhuishulp", "Inpakken, sjouwen en inrichten bij een verhuizing.", ()),
    ("tuinonderhoud", "Tuinonderhoud", "Snoeien, maaien, wieden en beplanten.", ("zwerfvuil",)),
    ("zwerfvuil", "Zwerfvuil ruimen", "Zwerfvuil en grofvuil rond complexen opruimen.", ()),
    ("kleine-reparaties", "Kleine reparaties", "Kranen, sloten, deuren, verlichting en andere kleine klussen.", ()),
    ("huismeesterwerk", "Huismeesterwerk", "Aanspreekpunt in het complex: rondes, kleine reparaties en schoonmaak.", ("kleine-reparaties", "schoonmaak")),
    ("gebouwbeheer", "Gebouwbeheer", "Technisch beheer: installaties, onderhoud plannen, leveranciers aansturen.", ("huismeesterwerk",)),
]  # fmt: skip

# How often a skill is someone's own (weights) in a neighbourhood like this one.
VAARDIGHEID_GEWICHT = {
    "schoonmaak": 30, "verhuishulp": 18, "tuinonderhoud": 15, "schilderwerk": 12,
    "kleine-reparaties": 12, "huismeesterwerk": 7, "trappenhuis": 6, "zwerfvuil": 5,
    "sauzen": 4, "gebouwbeheer": 3,
}  # fmt: skip

# code, naam, years a certificate stays valid (what the issuers print on it; demo data only).
CERTIFICAATSOORTEN = [
    ("vca-basis", "VCA Basis", 10),
    ("vca-vol", "VCA VOL", 10),
    ("bhv", "BHV", 1),
    ("rijbewijs-b", "Rijbewijs B", 10),
]
GELDIGHEID_JAREN = {code: jaren for code, _, jaren in CERTIFICAATSOORTEN}

# --- employers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WerkgeverSpec:
    naam: str
    kvk: str
    soort: str
    username: str
    contact: tuple[str, str]
    locaties: tuple[tuple[str, str, str], ...]  # naam, straat, huisnummer


WERKGEVERS = [
    WerkgeverSpec("Woonstichting Kanaleneiland", "30271846", "woningcorporatie", "woonstichting",
                  ("Ingrid", "Verbeek"),
                  (("Complex Marshallaan", "Marshallaan", "12"),
                   ("Flat Columbuslaan", "Columbuslaan", "101"),
                   ("Portiekwoningen Churchilllaan", "Churchilllaan", "220"),
                   ("Seniorencomplex Aziëlaan", "Aziëlaan", "5"),
                   ("Galerijflat Trumanlaan", "Trumanlaan", "64"))),
    WerkgeverSpec("Stichting Thuis aan de Vaart", "30284517", "woningcorporatie", "thuisaandevaart",
                  ("Rachid", "Benali"),
                  (("Vaartsche Hof", "Rijnlaan", "40"),
                   ("Complex Vondellaan", "Vondellaan", "88"),
                   ("Beneluxflats", "Beneluxlaan", "913"),
                   ("Edelstenenbuurt", "Briljantlaan", "31"),
                   ("Bernadottehof", "Bernadottelaan", "2"))),
    WerkgeverSpec("Basisschool De Kanaalbrug", "41263358", "instelling", "kanaalbrug",
                  ("Marloes", "Hendriks"),
                  (("Hoofdgebouw", "Van Heuven Goedhartlaan", "7"),
                   ("Dependance", "Marco Pololaan", "30"))),
    WerkgeverSpec("Sportvereniging Zuidwest Vooruit", "40478612", "overig", "vooruit",
                  ("Erik", "Smit"),
                  (("Sportpark Transwijk", "Balijelaan", "100"),
                   ("Clubhuis", "Beneluxlaan", "990"))),
    WerkgeverSpec("Bakkerij Nour", "72915034", "klein_bedrijf", "bakkerij",
                  ("Nour", "Haddou"),
                  (("Winkel Columbuslaan", "Columbuslaan", "7"),
                   ("Bakkerij Lombok", "Kanaalstraat", "120"))),
    WerkgeverSpec("Schildersbedrijf Van der Velde & Zn.", "68340279", "klein_bedrijf", "schilder",
                  ("Joost", "van der Velde"),
                  (("Werkplaats", "Waalstraat", "3"),
                   ("Opslag Hoograven", "Smaragdplein", "14"))),
]  # fmt: skip

# --- members --------------------------------------------------------------------------------

# Origin -> (first names with gender, surnames (tussenvoegsel, achternaam), languages besides
# Dutch, chance of speaking Dutch, weight). Polish surnames take the feminine form for women.
HERKOMST: dict[str, tuple] = {
    "marokkaans": (
        [("Fatima", "v"), ("Mohammed", "m"), ("Youssef", "m"), ("Khadija", "v"), ("Said", "m"),
         ("Nadia", "v"), ("Hamid", "m"), ("Samira", "v"), ("Bilal", "m"), ("Imane", "v"),
         ("Karim", "m"), ("Latifa", "v"), ("Anouar", "m"), ("Souad", "v")],
        ["El Amrani", "Bouzid", "Ait Taleb", "El Idrissi", "Ouali", "Benali", "Azzouzi",
         "El Khattabi", "Boukhari", "Tahiri", "Haddou", "Ait Hamou"],
        ("ar", "ber"), 0.95, 30,
    ),
    "turks": (
        [("Ayşe", "v"), ("Mehmet", "m"), ("Emre", "m"), ("Elif", "v"), ("Hatice", "v"),
         ("Murat", "m"), ("Zeynep", "v"), ("Hakan", "m"), ("Fatma", "v"), ("Kemal", "m")],
        ["Yılmaz", "Demir", "Kaya", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan"],
        ("tr",), 0.9, 18,
    ),
    "nederlands": (
        [("Daan", "m"), ("Sanne", "v"), ("Ingrid", "v"), ("Kees", "m"), ("Anouk", "v"),
         ("Pieter", "m"), ("Marieke", "v"), ("Henk", "m"), ("Lotte", "v"), ("Joost", "m"),
         ("Wilma", "v"), ("Bram", "m")],
        [("de", "Vries"), ("", "Jansen"), ("van", "Dijk"), ("", "Bakker"), ("", "Visser"),
         ("de", "Jong"), ("van den", "Berg"), ("", "Smit"), ("", "Mulder"), ("", "Vermeulen")],
        (), 1.0, 20,
    ),
    "surinaams": (
        [("Shanice", "v"), ("Rudi", "m"), ("Sharda", "v"), ("Ravi", "m"), ("Ashwin", "m"),
         ("Germaine", "v")],
        ["Ramdin", "Pinas", "Mahabier", "Biharie", "Kartosen", "Sewnath"],
        (), 1.0, 7,
    ),
    "pools": (
        [("Agnieszka", "v"), ("Piotr", "m"), ("Katarzyna", "v"), ("Tomasz", "m"), ("Marta", "v"),
         ("Paweł", "m")],
        [("Kowalski", "Kowalska"), ("Nowak", "Nowak"), ("Wiśniewski", "Wiśniewska"),
         ("Zieliński", "Zielińska"), ("Lewandowski", "Lewandowska")],
        ("pl",), 0.5, 8,
    ),
    "somalisch": (
        [("Hodan", "v"), ("Abdi", "m"), ("Faisal", "m"), ("Ayaan", "v"), ("Farah", "m"),
         ("Hibo", "v")],
        ["Mohamed", "Warsame", "Abdullahi", "Hassan", "Osman", "Jama"],
        ("so",), 0.7, 7,
    ),
    "syrisch": (
        [("Rami", "m"), ("Lina", "v"), ("Omar", "m"), ("Rania", "v"), ("Hussam", "m"),
         ("Nour", "v")],
        ["Al-Hamwi", "Haddad", "Khalil", "Al-Masri", "Darwish", "Sabbagh"],
        ("ar",), 0.6, 10,
    ),
}  # fmt: skip

# Weekly patterns (weekday 0 = Monday, from, until).
WERKDAGEN = range(5)
PATRONEN: dict[str, list[tuple[int, time, time]]] = {
    "ochtenden": [(d, time(8, 0), time(12, 30)) for d in WERKDAGEN],
    "overdag": [(d, time(8, 0), time(17, 0)) for d in WERKDAGEN],
    "ma-wo-vr": [(d, time(8, 30), time(16, 30)) for d in (0, 2, 4)],
    "middagen": [(d, time(12, 30), time(17, 30)) for d in (1, 2, 3)],
    "schooltijden": [(d, time(8, 45), time(14, 15)) for d in WERKDAGEN],
    "weekend": [(5, time(9, 0), time(17, 0)), (6, time(10, 0), time(16, 0))],
    "avond-zaterdag": [(d, time(18, 0), time(21, 30)) for d in (0, 2, 3)]
    + [(5, time(9, 0), time(15, 0))],
}
# Minors: after school and Saturday, never at night (LAW.md 6).
PATROON_MINDERJARIG = [(d, time(15, 30), time(19, 0)) for d in WERKDAGEN] + [
    (5, time(9, 0), time(15, 0))
]
UREN_BEREIKEN = [(0, 8), (4, 12), (8, 16), (12, 24), (16, 32), (24, 36)]
BANKEN = {"INGB": 35, "RABO": 25, "ABNA": 20, "SNSB": 8, "ASNB": 4, "TRIO": 3, "KNAB": 3, "BUNQ": 2}


@dataclass
class LidSpec:
    """Everything about one demo member, built without touching the database."""

    nummer: int
    voornaam: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: date
    straat: Straat
    huisnummer: str
    toevoeging: str
    talen: str
    iban: str
    telefoon: str
    lid_sinds: date
    uren: tuple[int, int]
    reisafstand_km: Decimal
    vaardigheden: dict[str, int]
    certificaten: list[tuple[str, str, date, date]] = field(default_factory=list)
    beschikbaarheid: list[tuple[int, time, time]] = field(default_factory=list)
    afwezigheden: list[tuple[date, date, str, str]] = field(default_factory=list)
    sroi_doelgroep: str | None = None  # None: no consent; "" consent without a group
    status: str = Werknemer.Status.ACTIEF
    username: str = ""

    @property
    def bsn(self) -> str:
        return bsn_from_number(BSN_OFFSET + self.nummer)

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in (self.voornaam, self.tussenvoegsel, self.achternaam) if p)

    @property
    def email(self) -> str:
        naam = f"{self.voornaam}.{self.tussenvoegsel}{self.achternaam}{self.nummer}"
        return f"{_ascii(naam)}@example.nl"


def _ascii(text: str) -> str:
    text = text.lower().translate(str.maketrans({"ı": "i", "ł": "l", " ": "", "-": ""}))
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain if c.isalnum() or c == ".")


# --- pure generation (no database) --------------------------------------------------------------


def jaren_verschoven(dag: date, jaren: int) -> date:
    """The same calendar day `jaren` years later (negative: earlier); 29 Feb becomes 28 Feb."""
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:
        return dag.replace(year=dag.year + jaren, day=28)


def geboortedatum(vandaag: date, leeftijd: int, dagen_na_verjaardag: int) -> date:
    """A birth date that makes someone exactly `leeftijd` on `vandaag`.

    Their last birthday was `dagen_na_verjaardag` (0..360) days ago; a small number keeps a
    17-year-old 17 for most of the coming year.
    """
    return jaren_verschoven(vandaag, -leeftijd) - timedelta(days=dagen_na_verjaardag)


def _kies(rng: random.Random, gewichten: dict[str, int]) -> str:
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


def _elfproef_rekening(rng: random.Random) -> str:
    """A nine-digit account number passing the old Dutch bank eleven-test (weights 9..1)."""
    while True:
        cijfers = f"{rng.randint(100_000_000, 999_999_999)}"
        if sum(int(c) * w for c, w in zip(cijfers, range(9, 0, -1), strict=True)) % 11 == 0:
            return cijfers


def maak_iban(rng: random.Random) -> str:
    """A valid Dutch test IBAN: NLkk BANK 0123456789, check digits by ISO 13616 mod 97."""
    bank = _kies(rng, BANKEN)
    if bank == "INGB":  # former Postbank accounts have at most seven digits
        rekening = f"{rng.randint(100_000, 9_999_999):010d}"
    else:
        rekening = "0" + _elfproef_rekening(rng)
    check = stdnum_iban.calc_check_digits(f"NL00{bank}{rekening}")
    return normalize_iban(f"NL{check}{bank}{rekening}")


def _naam(rng: random.Random, herkomst: str) -> tuple[str, str, str]:
    voornamen, achternamen, *_ = HERKOMST[herkomst]
    voornaam, geslacht = rng.choice(voornamen)
    achternaam = rng.choice(achternamen)
    if herkomst == "pools":  # (masculine, feminine) surname forms
        return voornaam, "", achternaam[geslacht == "v"]
    if isinstance(achternaam, tuple):  # Dutch (tussenvoegsel, achternaam)
        return voornaam, *achternaam
    return voornaam, "", achternaam


def _talen(rng: random.Random, herkomst: str) -> str:
    _, _, eigen, kans_nl, _ = HERKOMST[herkomst]
    talen = ["nl"] if rng.random() < kans_nl else []
    for taal in eigen:  # not every Moroccan-Dutch member speaks Tamazight
        if taal != "ber" or rng.random() < 0.5:
            talen.append(taal)
    if rng.random() < (0.5 if kans_nl < 0.8 else 0.2) or not talen:
        talen.append("en")
    return ",".join(talen)


def _leeftijd(rng: random.Random) -> int:
    groepen = [(17, 17), (18, 22), (23, 35), (36, 49), (50, 66)]
    return rng.randint(*rng.choices(groepen, weights=[3, 12, 34, 31, 20])[0])


def _vaardigheden(rng: random.Random, leeftijd: int) -> dict[str, int]:
    aantal = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
    codes: list[str] = []  # a list, not a set: set order of strings varies per process
    while len(codes) < aantal:
        code = _kies(rng, VAARDIGHEID_GEWICHT)
        if code not in codes:
            codes.append(code)
    gewichten = [100, 0, 0] if leeftijd < 18 else [30, 40, 30] if leeftijd >= 50 else [50, 35, 15]
    return {code: rng.choices([1, 2, 3], weights=gewichten)[0] for code in codes}


def _certificaat(rng: random.Random, code: str, vandaag: date, leeftijd: int) -> tuple:
    """One certificate obtained after the minimum age; older ones may have expired."""
    jaren = GELDIGHEID_JAREN[code]
    min_leeftijd = 18 if code == "rijbewijs-b" else 16
    spreiding = min(jaren * 365 + jaren * 73 + 120, max((leeftijd - min_leeftijd) * 365, 8))
    behaald = vandaag - timedelta(days=rng.randint(7, spreiding))
    return code, _certificaatnummer(rng, code), behaald, _verloopt(code, behaald)


def _verloopt(code: str, behaald: date) -> date:
    return jaren_verschoven(behaald, GELDIGHEID_JAREN[code]) - timedelta(days=1)


def _certificaatnummer(rng: random.Random, code: str) -> str:
    if code == "rijbewijs-b":  # the ten-digit document number on a Dutch driving licence
        return f"{rng.randint(4_000_000_000, 5_999_999_999)}"
    return f"{code.split('-')[0].upper()}-{rng.randint(1_000_000, 9_999_999)}"


def _certificaten(rng: random.Random, leeftijd: int, vaardigheden: dict, vandaag: date) -> list:
    technisch = any(
        c in vaardigheden
        for c in ("schilderwerk", "kleine-reparaties", "huismeesterwerk", "gebouwbeheer")
    )
    kansen = {
        "vca-basis": 0.6 if technisch else 0.2,
        "vca-vol": 0.35 if technisch and leeftijd >= 21 else 0.0,
        "bhv": 0.2,
        "rijbewijs-b": 0.0 if leeftijd < 18 else 0.65 if "verhuishulp" in vaardigheden else 0.4,
    }
    return [
        _certificaat(rng, code, vandaag, leeftijd)
        for code, kans in kansen.items()
        if rng.random() < kans
    ]


def _beschikbaarheid(rng: random.Random, leeftijd: int) -> list[tuple[int, time, time]]:
    if leeftijd < 18:
        return list(PATROON_MINDERJARIG)
    naam = rng.choice(list(PATRONEN))
    blokken = list(PATRONEN[naam])
    if naam not in ("weekend", "avond-zaterdag") and rng.random() < 0.25:
        blokken += PATRONEN["weekend"]
    return blokken


def _afwezigheden(rng: random.Random, vandaag: date) -> list[tuple[date, date, str, str]]:
    kans = rng.random()
    if kans < 0.12:
        van = vandaag + timedelta(days=rng.randint(7, 60))
        return [(van, van + timedelta(days=rng.randint(3, 20)), "verlof", "Vakantie")]
    if kans < 0.17:
        van = vandaag - timedelta(days=rng.randint(0, 5))
        return [(van, vandaag + timedelta(days=rng.randint(1, 7)), "ziek", "")]
    if kans < 0.21:
        dag = vandaag + timedelta(days=rng.randint(1, 30))
        reden = rng.choice(["Inburgeringsexamen", "Cursusdag VCA", "Afspraak gemeente"])
        return [(dag, dag, "anders", reden)]
    return []


def _doelgroep(rng: random.Random, leeftijd: int, herkomst: str) -> str | None:
    """SROI target group, only for members who consented (None: no consent)."""
    if rng.random() >= 0.3:
        return None
    opties = {"participatiewet": 35, "banenafspraak": 10, "nugger": 10, "": 15}
    if leeftijd >= 50:
        opties["ww"] = 20
    if leeftijd < 23:
        opties["vsv"] = 15
    if leeftijd < 27:
        opties["bbl"] = 8
    if herkomst in ("syrisch", "somalisch"):
        opties["statushouder"] = 25
    return _kies(rng, opties)


def _reisafstand(rng: random.Random, straat: Straat) -> Decimal:
    if straat.gebied.startswith("Kanaleneiland"):
        km = rng.choice([3, 4, 5, 6])
    elif straat.wijk in ("Zuidwest", "West", "Zuid"):
        km = rng.choice([5, 6, 8])
    else:  # further away: only comes for work that is worth the trip
        km = rng.choice([8, 10, 12, 15])
    return Decimal(km)


def willekeurig_lid(rng: random.Random, nummer: int, vandaag: date) -> LidSpec:
    """A random but believable member of the neighbourhood."""
    herkomst = _kies(rng, {k: v[4] for k, v in HERKOMST.items()})
    voornaam, tussenvoegsel, achternaam = _naam(rng, herkomst)
    leeftijd = _leeftijd(rng)
    geboren = geboortedatum(vandaag, leeftijd, rng.randint(20, 120 if leeftijd < 18 else 360))
    gebied = _kies(rng, WOONGEBIEDEN)
    straat = rng.choice([s for s in STRATEN if s.gebied == gebied])
    vaardigheden = _vaardigheden(rng, leeftijd)
    sinds_16 = (vandaag - jaren_verschoven(geboren, 16)).days
    return LidSpec(
        nummer=nummer,
        voornaam=voornaam,
        tussenvoegsel=tussenvoegsel,
        achternaam=achternaam,
        geboortedatum=geboren,
        straat=straat,
        huisnummer=str(rng.randint(1, 240)),
        toevoeging=rng.choice(["", "", "", "", "A", "B", "1", "2", "3", "bis"]),
        talen=_talen(rng, herkomst),
        iban=maak_iban(rng),
        telefoon=f"06-{rng.randint(10_000_000, 99_999_999)}",
        lid_sinds=vandaag - timedelta(days=rng.randint(14, max(14, min(1000, sinds_16)))),
        uren=rng.choice(UREN_BEREIKEN[:2] if leeftijd < 18 else UREN_BEREIKEN),
        reisafstand_km=_reisafstand(rng, straat),
        vaardigheden=vaardigheden,
        certificaten=_certificaten(rng, leeftijd, vaardigheden, vandaag),
        beschikbaarheid=_beschikbaarheid(rng, leeftijd),
        afwezigheden=_afwezigheden(rng, vandaag),
        sroi_doelgroep=_doelgroep(rng, leeftijd, herkomst),
        status=Werknemer.Status.GEPAUZEERD if rng.random() < 0.04 else Werknemer.Status.ACTIEF,
    )


# The members with a login, fixed so the demo script can tell their story. Certificates are
# (code, days ago obtained); Fatima's BHV and Mehmet's BHV have expired.
UITGELICHT: list[dict] = [
    dict(username="fatima", voornaam="Fatima", achternaam="El Amrani", leeftijd=(38, 200),
         straat="Columbuslaan", talen="nl,ar,ber", uren=(12, 24), sroi_doelgroep=None,
         vaardigheden={"huismeesterwerk": 2, "schoonmaak": 3},
         certificaten=[("vca-basis", 700), ("bhv", 500)], patroon="schooltijden"),
    dict(username="youssef", voornaam="Youssef", achternaam="Bouzid", leeftijd=(17, 45),
         straat="Marshallaan", talen="nl,ar", uren=(0, 8), sroi_doelgroep="vsv",
         vaardigheden={"verhuishulp": 1, "tuinonderhoud": 1}, certificaten=[], patroon=None),
    dict(username="daan", voornaam="Daan", tussenvoegsel="de", achternaam="Vries",
         leeftijd=(19, 100), straat="Beneluxlaan", talen="nl,en", uren=(8, 16),
         sroi_doelgroep=None, vaardigheden={"verhuishulp": 2, "schilderwerk": 1},
         certificaten=[("rijbewijs-b", 300)], patroon="avond-zaterdag"),
    dict(username="mehmet", voornaam="Mehmet", achternaam="Yılmaz", leeftijd=(56, 30),
         straat="Trumanlaan", talen="nl,tr", uren=(24, 36), sroi_doelgroep="ww",
         vaardigheden={"schilderwerk": 3, "kleine-reparaties": 2},
         certificaten=[("vca-vol", 800), ("bhv", 420), ("rijbewijs-b", 2000)], patroon="overdag"),
    dict(username="agnieszka", voornaam="Agnieszka", achternaam="Nowak", leeftijd=(34, 250),
         straat="Rijnlaan", talen="pl,en,nl", uren=(16, 32), sroi_doelgroep=None,
         vaardigheden={"schoonmaak": 2, "verhuishulp": 2},
         certificaten=[("rijbewijs-b", 1500)], patroon="ma-wo-vr"),
]  # fmt: skip


def uitgelicht_lid(rng: random.Random, nummer: int, vandaag: date, vast: dict) -> LidSpec:
    """A random member with the fixed story of `vast` laid over it."""
    spec = willekeurig_lid(rng, nummer, vandaag)
    leeftijd, na_verjaardag = vast["leeftijd"]
    spec.username = vast["username"]
    spec.voornaam, spec.achternaam = vast["voornaam"], vast["achternaam"]
    spec.tussenvoegsel = vast.get("tussenvoegsel", "")
    spec.geboortedatum = geboortedatum(vandaag, leeftijd, na_verjaardag)
    spec.straat = STRAAT[vast["straat"]]
    spec.reisafstand_km = _reisafstand(rng, spec.straat)
    spec.talen, spec.uren, spec.vaardigheden = vast["talen"], vast["uren"], vast["vaardigheden"]
    spec.sroi_doelgroep = vast["sroi_doelgroep"]
    spec.status = Werknemer.Status.ACTIEF
    spec.lid_sinds = vandaag - timedelta(days=120)
    spec.certificaten = []
    for code, dagen in vast["certificaten"]:
        behaald = vandaag - timedelta(days=dagen)
        nummer = _certificaatnummer(rng, code)
        spec.certificaten.append((code, nummer, behaald, _verloopt(code, behaald)))
    patroon = vast["patroon"]
    spec.beschikbaarheid = list(PATRONEN[patroon] if patroon else PATROON_MINDERJARIG)
    return spec


def lid_specs(seed: int, vandaag: date, aantal: int = 80) -> list[LidSpec]:
    """All demo members, the featured ones first; a pure function of seed and date."""
    rng = random.Random(seed)
    specs = [uitgelicht_lid(rng, i + 1, vandaag, v) for i, v in enumerate(UITGELICHT)]
    specs += [willekeurig_lid(rng, n, vandaag) for n in range(len(specs) + 1, aantal + 1)]
    return specs


# --- persistence: small steps, each an upsert by natural key ----------------------------------


@dataclass(frozen=True)
class Login:
    username: str
    wachtwoord: str
    rol: str
    toelichting: str


@dataclass
class DemoContext:
    """What the steps share: the seeded random source, the reference date and the output."""

    seed: int
    vandaag: date
    stdout: Writer
    aangemaakt: dict[str, int] = field(default_factory=dict)
    logins: list[Login] = field(default_factory=list)
    postcodes: dict[str, Postcode] = field(default_factory=dict)

    def say(self, msg: str) -> None:
        self.stdout.write(msg + "\n")

    def tel(self, soort: str, nieuw: bool) -> None:
        self.aangemaakt[soort] = self.aangemaakt.get(soort, 0) + int(nieuw)


def demo_wachtwoord(username: str) -> str:
    """The fixed demo password of a demo login (printed at the end; never for production)."""
    return f"{username}-demo"


def _login(ctx: DemoContext, username: str, rol: str, toelichting: str, **velden) -> object:
    """Get or create a login; the password is set only on creation, so a changed one stays."""
    user, nieuw = get_user_model().objects.get_or_create(username=username, defaults=velden)
    if nieuw:
        user.set_password(demo_wachtwoord(username))
        user.save(update_fields=["password"])
    ctx.tel("logins", nieuw)
    ctx.logins.append(Login(username, demo_wachtwoord(username), rol, toelichting))
    return user


def stap_postcodes(ctx: DemoContext) -> None:
    """Load the shipped postcode table, then make sure every demo street's postcode is in it."""
    if POSTCODES_CSV.exists():
        from coop.geo import import_postcodes_csv

        result = import_postcodes_csv(POSTCODES_CSV)
        if not result.saved:
            raise ValueError(f"{POSTCODES_CSV.name} is ongeldig: {'; '.join(result.errors[:3])}")
        ctx.say(f"  {POSTCODES_CSV.name}: {result.created} nieuw, {result.updated} bijgewerkt")
    for s in STRATEN:
        _, nieuw = Postcode.objects.get_or_create(
            postcode=s.postcode,
            defaults=dict(
                latitude=Decimal(s.latitude),
                longitude=Decimal(s.longitude),
                plaats=s.plaats,
                gemeente=s.gemeente,
                wijk=s.wijk,
                buurt=s.buurt,
            ),
        )
        ctx.tel("postcodes", nieuw)
    codes = [s.postcode for s in STRATEN]
    ctx.postcodes = {p.postcode: p for p in Postcode.objects.filter(postcode__in=codes)}


def _adres(ctx: DemoContext, straat: Straat, huisnummer: str, toevoeging: str = "") -> dict:
    """Address fields geocoded from the postcode table (the same source the app uses)."""
    pc = ctx.postcodes[straat.postcode]
    return dict(
        straat=straat.naam,
        huisnummer=huisnummer,
        toevoeging=toevoeging,
        postcode=pc.postcode,
        plaats=pc.plaats or straat.plaats,
        latitude=pc.latitude,
        longitude=pc.longitude,
        wijk=pc.wijk or straat.wijk,
        buurt=pc.buurt or straat.buurt,
    )


def stap_catalogus(ctx: DemoContext) -> None:
    """Skills with their `omvat` hierarchy, and the certificate kinds."""
    nieuw_gemaakt = []
    for code, naam, omschrijving, _ in VAARDIGHEDEN:
        v, nieuw = Vaardigheid.objects.get_or_create(
            code=code, defaults=dict(naam=naam, omschrijving=omschrijving)
        )
        ctx.tel("vaardigheden", nieuw)
        if nieuw:
            nieuw_gemaakt.append(v)
    alle = {v.code: v for v in Vaardigheid.objects.all()}
    omvat = {code: onderdelen for code, _, _, onderdelen in VAARDIGHEDEN}
    for v in nieuw_gemaakt:  # an existing skill keeps whatever staff made of its hierarchy
        v.omvat.set([alle[c] for c in omvat[v.code]])
    for code, naam, _ in CERTIFICAATSOORTEN:
        _, nieuw = CertificaatSoort.objects.get_or_create(code=code, defaults=dict(naam=naam))
        ctx.tel("certificaatsoorten", nieuw)


def stap_werkgevers(ctx: DemoContext) -> None:
    """The six employers, their locations and one managing login each."""
    for spec in WERKGEVERS:
        werkgever = Werkgever.objects.filter(kvk_nummer=spec.kvk).first()
        ctx.tel("werkgevers", werkgever is None)
        if werkgever is None:
            werkgever = Werkgever(
                naam=spec.naam,
                kvk_nummer=spec.kvk,
                soort=spec.soort,
                lid_sinds=ctx.vandaag - timedelta(days=400),
                email=f"{spec.username}@example.nl",
                telefoon="030-" + spec.kvk[-7:],
            )
            werkgever.full_clean()
            werkgever.save()
        for naam, straat, huisnummer in spec.locaties:
            _locatie(ctx, werkgever, naam, STRAAT[straat], huisnummer)
        voornaam, achternaam = spec.contact
        user = _login(
            ctx,
            spec.username,
            "werkgever",
            f"{spec.naam} (beheerder)",
            first_name=voornaam,
            last_name=achternaam,
            email=f"{spec.username}@example.nl",
        )
        _, nieuw = WerkgeverGebruiker.objects.get_or_create(
            user=user, defaults=dict(werkgever=werkgever, is_beheerder=True)
        )
        ctx.tel("werkgevergebruikers", nieuw)


def _locatie(ctx: DemoContext, werkgever: Werkgever, naam: str, straat: Straat, nr: str) -> None:
    if werkgever.locaties.filter(naam=naam).exists():
        ctx.tel("locaties", False)
        return
    locatie = Locatie(werkgever=werkgever, naam=naam, **_adres(ctx, straat, nr))
    locatie.full_clean()
    locatie.save()
    ctx.tel("locaties", True)


def stap_makelaar(ctx: DemoContext) -> None:
    """The broker's staff login: superuser, so the admin shows everything."""
    _login(
        ctx,
        "makelaar",
        "makelaar",
        "medewerker van de makelaar (superuser): alles, ook /admin/",
        first_name="Sanne",
        last_name="Dekker",
        email="makelaar@example.nl",
        is_staff=True,
        is_superuser=True,
    )


def stap_leden(ctx: DemoContext) -> None:
    """About 80 members with skills, certificates, weekly availability and absences."""
    vaardigheden = {v.code: v for v in Vaardigheid.objects.all()}
    soorten = {s.code: s for s in CertificaatSoort.objects.all()}
    for spec in lid_specs(ctx.seed, ctx.vandaag):
        user = None
        if spec.username:
            user = _login(
                ctx,
                spec.username,
                "werknemer",
                f"{spec.volledige_naam}, {spec.straat.gebied}",
                first_name=spec.voornaam,
                last_name=f"{spec.tussenvoegsel} {spec.achternaam}".strip(),
                email=spec.email,
            )
        nieuw = _bewaar_lid(ctx, spec, user, vaardigheden, soorten)
        ctx.tel("werknemers", nieuw)


def _bewaar_lid(ctx: DemoContext, spec: LidSpec, user, vaardigheden, soorten) -> bool:
    """Create one member with everything attached, unless their BSN is already known."""
    bsn = normalize_bsn(spec.bsn)
    if Werknemer.objects.filter(bsn_index=blind_index(bsn)).exists():
        return False
    if user is not None and Werknemer.objects.filter(user=user).exists():
        user = None  # that login already belongs to another member: leave it alone
    werknemer = Werknemer(
        user=user,
        voornaam=spec.voornaam,
        tussenvoegsel=spec.tussenvoegsel,
        achternaam=spec.achternaam,
        geboortedatum=spec.geboortedatum,
        bsn=bsn,
        iban=normalize_iban(spec.iban),
        telefoon=spec.telefoon,
        email=spec.email,
        talen=spec.talen,
        max_reisafstand_km=spec.reisafstand_km,
        uren_per_week_min=spec.uren[0],
        uren_per_week_max=spec.uren[1],
        lid_sinds=spec.lid_sinds,
        inleg_betaald=Decimal("50.00") if (ctx.vandaag - spec.lid_sinds).days > 30 else 0,
        status=spec.status,
        sroi_toestemming=spec.sroi_doelgroep is not None,
        sroi_doelgroep=spec.sroi_doelgroep or "",
        **_adres(ctx, spec.straat, spec.huisnummer, spec.toevoeging),
    )
    werknemer.full_clean(exclude=["bsn_index"])
    werknemer.save()
    _bewaar_onderdelen(werknemer, spec, vaardigheden, soorten)
    return True


def _bewaar_onderdelen(werknemer: Werknemer, spec: LidSpec, vaardigheden, soorten) -> None:
    rijen: list = [
        WerknemerVaardigheid(werknemer=werknemer, vaardigheid=vaardigheden[c], niveau=n)
        for c, n in spec.vaardigheden.items()
    ]
    rijen += [
        Certificaat(werknemer=werknemer, soort=soorten[c], nummer=nr, geldig_van=v, geldig_tot=t)
        for c, nr, v, t in spec.certificaten
    ]
    rijen += [
        Beschikbaarheid(werknemer=werknemer, weekdag=d, begin=b, eind=e)
        for d, b, e in spec.beschikbaarheid
    ]
    rijen += [
        Afwezigheid(werknemer=werknemer, van=v, tot_en_met=t, reden=r, toelichting=tl)
        for v, t, r, tl in spec.afwezigheden
    ]
    for rij in rijen:
        rij.full_clean()
        rij.save()


def print_logins(ctx: DemoContext) -> None:
    ctx.say("")
    ctx.say("Demo-logins (vaste wachtwoorden, alleen voor de demo):")
    breedte = max(len(login.username) for login in ctx.logins) + 2
    for login in ctx.logins:
        ctx.say(
            f"  {login.username:<{breedte}} {login.wachtwoord:<{breedte + 5}} "
            f"{login.rol}: {login.toelichting}"
        )
    ctx.say("")
    ctx.say(f"API-documentatie: {URLS[0]}  (inloggen: POST /api/v1/auth/login)")
    ctx.say(f"Beheer (admin):   {URLS[1]}  (met de makelaar-login)")


Stap = Callable[[DemoContext], None]
STAPPEN: list[tuple[str, Stap]] = [
    ("postcodetabel", stap_postcodes),
    ("vaardigheden en certificaatsoorten", stap_catalogus),
    ("makelaar", stap_makelaar),
    ("werkgevers en locaties", stap_werkgevers),
    ("werknemers", stap_leden),
]


def build_demo(
    *, seed: int = DEFAULT_SEED, stdout: Writer, vandaag: date | None = None
) -> DemoContext:
    """Build (or complete) the demo neighbourhood in one transaction; returns what it did."""
    ctx = DemoContext(seed=seed, vandaag=vandaag or timezone.localdate(), stdout=stdout)
    ctx.say(f"Demobuurt Kanaleneiland (seed {seed}, peildatum {ctx.vandaag:%d-%m-%Y})")
    with transaction.atomic():
        for naam, stap in STAPPEN:
            voor = dict(ctx.aangemaakt)
            stap(ctx)
            nieuw = {k: v - voor.get(k, 0) for k, v in ctx.aangemaakt.items() if v > voor.get(k, 0)}
            samenvatting = ", ".join(f"{v} {k}" for k, v in nieuw.items()) or "niets nieuw"
            ctx.say(f"- {naam}: {samenvatting}")
    print_logins(ctx)
    return ctx
