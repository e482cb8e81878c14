"""The demo's place: streets with postcodes and coordinates, the employers, the catalogue.

Organisation names are fictional; streets and wijken are Utrecht's. Postcodes and coordinates
agree with coop/data/postcodes_demo.csv.
"""

from __future__ import annotations

from dataclasses import dataclass

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
