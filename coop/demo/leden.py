"""The demo's members, generated without touching the database.

A pure function of the seed and the reference date (`lid_specs`): the same seed on the same
day gives the same people, whatever the process (no iteration over sets of strings).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from stdnum import iban as stdnum_iban

from coop.core.validators import bsn_from_number, normalize_iban
from coop.demo.buurt import (
    GELDIGHEID_JAREN,
    STRAAT,
    STRATEN,
    VAARDIGHEID_GEWICHT,
    WOONGEBIEDEN,
    Straat,
)
from werknemers.models import Werknemer

BSN_OFFSET = 900_000  # keeps demo BSNs apart from the factories' bsn_from_number(0, 1, ...)

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
# Minors: after school and Saturday, never at night (contracten/BRONNEN.md §6).
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
