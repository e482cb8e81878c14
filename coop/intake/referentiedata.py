"""The VERA reference lists this slice reads and writes (code -> naam).

Source: VERA Referentiedata of Aedes (the Referentiedata.csv of the public repository
Aedes-datastandaarden/vera-referentiedata, CC0), lists ONDERHOUDSORDERSTATUS,
ONDERHOUDSOORT, ONDERHOUDSPECIALISME, ONDERHOUDSTAAKSTATUS, AFSPRAAKSTATUS,
ONDERHOUDSBESTEDINGSOORT, MEETEENHEID, CONTACTGEGEVENSOORT and RELATIEROLSOORT. Codes with
a past end date (obsolete) are left out, so an order that uses one is refused like any
unknown value.

The other VERA lists an order's fields name (AFREKENWIJZESOORT, DEFECTSOORT, TAAL, …) are in
data/referentiedata.csv, taken from the same file (Soort, Code, Naam; obsolete codes left
out): the intake only checks them. A list VERA does not publish (a corporation's own
labels, e.g. STURINGSLABEL) is not checked.
"""

import csv
from pathlib import Path

ONDERHOUDSORDERSTATUS = {
    "AFG": "Afgehandeld",
    "FIN": "Financieel afwikkelen",
    "GEA": "Geannuleerd",
    "GUN": "Order gegund",
    "INB": "In behandeling",
    "OFF": "Offertetraject",
    "PLN": "Order gepland",
    "REG": "Geregistreerd",
    "STE": "Order in steekproef",
    "TEC": "Technisch gereed",
    "WOG": "Wacht op goedkeuring",
}

ONDERHOUDSOORT = {
    "INS": "Inspectie",
    "MUT": "Mutatie",
    "PLN": "Planmatig",
    "PRJ": "Projectmatig",
    "REP": "Reparatie",
    "WMO": "WMO Aanpassing",
    "WOV": "Woningverbetering",
    "LEE": "Leefbaarheid",
}

ONDERHOUDSPECIALISME = {
    "ALA": "Specialist Alarminstallaties",
    "ASB": "Specialist Asbestsanering",
    "BLI": "Specialist Bliksemgeleider",
    "BLU": "Specialist Blusmiddelen",
    "BRA": "Specialist Brandmeldinstallatie",
    "CVI": "CV Installateur",
    "DAK": "Dakdekker",
    "DOM": "Specialist Domotica",
    "ELA": "Elektriciën allrounder",
    "ELE": "Elektriciën",
    "ELT": "Specialist Elektrische Toegangsdeuren",
    "GEI": "Specialist Geiser",
    "GLA": "Glaszetter",
    "HOV": "Hovenier",
    "HYD": "Specialist Hydrofoor",
    "INS": "Inspecteur",
    "LIF": "Specialist Lift",
    "LOA": "Loodgieter allrounder",
    "LOO": "Loodgieter",
    "ONG": "Ongediertebestrijder",
    "ONT": "Ontstopper",
    "OVE": "Overig",
    "SCH": "Schilder",
    "SCM": "Schoonmaker",
    "STU": "Stucadoor",
    "TAL": "Timmerman allrounder",
    "TEG": "Tegelzetter",
    "TIM": "Timmerman",
    "VOC": "Specialist Vochtwering",
    "WIT": "Specialist Witgoed",
    "WTW": "Specialist MV/WTW",
    "ZON": "Specialist Zonnepanelen",
    "ZWE": "Specialist Zonwering",
}

ONDERHOUDSTAAKSTATUS = {
    "CON": "Concept  / aangemaakt",
    "GEP": "Gepland",
    "GER": "Gereed",
    "GES": "Gesloten",
    "OND": "Onderbroken",
    "PAU": "Gepauzeerd",
    "REI": "Onderweg",
    "UIT": "In uitvoering",
    "UWT": "Uitwerktijd",
}

AFSPRAAKSTATUS = {
    "AAN": "Aangevraagd",
    "AFG": "Afgerond",
    "ANN": "Geannuleerd",
    "GEP": "Gepland",
}

ONDERHOUDSBESTEDINGSOORT = {
    "MAT": "Materiaal",
    "OND": "Onderbroken tijd",
    "OVE": "Overige kosten",
    "PAK": "Pakbonkosten",
    "REI": "Reistijd",
    "UIT": "Uitwerktijd",
    "VAS": "Vaste taakprijs",
    "WER": "Werktijd",
}

MEETEENHEID = {
    "CM": "Centimeter",
    "FTE": "Omvang personeelsbestand",
    "GRM": "Gram",
    "KGR": "Kilogram",
    "LTR": "Liter",
    "M2": "Vierkante meter, m2",
    "M3": "Kubieke meter, m3",
    "MIL": "Millimeter",
    "MIN": "Minuten",
    "MTR": "Meter",
    "STU": "Stuks",
    "UUR": "Uren",
    "EUR": "Euro",
}

CONTACTGEGEVENSOORT = {
    "EMA": "E-mail",
    "FAX": "Fax",
    "MOB": "Mobiele telefoon",
    "PAG": "Pager",
    "POS": "Post",
    "SOC": "Social media",
    "TEL": "Telefoon",
}

RELATIEROLSOORT = {
    "AMA": "Aankopende makelaar",
    "AMB": "Ambulante begeleider",
    "ASS": "Assetmanager",
    "BED": "Behandelaar",
    "BEH": "Beheerder",
    "BET": "Betaler",
    "BEW": "Bewoner",
    "BSL": "Bestuurslid",
    "BUD": "Budgetcoach",
    "BWI": "Bewindvoerder",
    "COL": "Wooncoöperatie-lid",
    "COO": "Wooncoöperatie",
    "CPE": "Contactpersoon",
    "CUR": "Curator",
    "DEU": "Deurwaarder",
    "EIG": "Eigenaar",
    "ERF": "Erfpachter",
    "FIA": "Fiatteur",
    "GAR": "Garantiegever",
    "GEB": "Gebruiker",
    "GEL": "Geldnemer",
    "HME": "Huismeester",
    "HUU": "Huurder",
    "INS": "Inspecteur",
    "KOP": "Koper",
    "LEV": "Leverancier",
    "MBW": "Medebewoner",
    "MDH": "Medehuurder",
    "MDW": "Medewerker",
    "MED": "Mede aanvrager",
    "MEL": "Melder",
    "NOT": "Notaris",
    "OPD": "Opdrachtgever",
    "OPN": "Opdrachtnemer",
    "OPZ": "Opzichter",
    "OWI": "Onderwijsinstelling",
    "PEN": "Penningmeester",
    "PRO": "Prospect",
    "SEC": "Secretaris",
    "VER": "Verkoper",
    "VMA": "Verkopende makelaar",
    "VOO": "Voorzitter",
    "VVE": "Vereniging van Eigenaren",
    "VVL": "VvE-lid",
    "WON": "Woningzoekende",
    "WOO": "Woonconsulent",
    "ZEK": "Zekerheidsnemer",
}


# Roles that make a relation the tenant whose contact goes into the briefing.
HUURDER_ROLLEN = ("HUU", "BEW", "MDH", "MBW", "MEL", "CPE")


def referentie(lijst: dict[str, str], code: str) -> dict[str, str]:
    return {"code": code, "naam": lijst[code]}


def _uit_bestand() -> dict[str, dict[str, str]]:
    lijsten: dict[str, dict[str, str]] = {}
    pad = Path(__file__).parent / "data" / "referentiedata.csv"
    with open(pad, encoding="utf-8", newline="") as fh:
        for rij in csv.DictReader(fh, delimiter=";"):
            lijsten.setdefault(rij["Soort"], {})[rij["Code"]] = rij["Naam"]
    return lijsten


OVERIGE_LIJSTEN = _uit_bestand()

# Every list the broker holds, by its VERA name: those it reads (above) and the rest.
LIJSTEN: dict[str, dict[str, str]] = OVERIGE_LIJSTEN | {
    "ONDERHOUDSORDERSTATUS": ONDERHOUDSORDERSTATUS,
    "ONDERHOUDSOORT": ONDERHOUDSOORT,
    "ONDERHOUDSPECIALISME": ONDERHOUDSPECIALISME,
    "ONDERHOUDSTAAKSTATUS": ONDERHOUDSTAAKSTATUS,
    "AFSPRAAKSTATUS": AFSPRAAKSTATUS,
    "ONDERHOUDSBESTEDINGSOORT": ONDERHOUDSBESTEDINGSOORT,
    "MEETEENHEID": MEETEENHEID,
    "CONTACTGEGEVENSOORT": CONTACTGEGEVENSOORT,
    "RELATIEROLSOORT": RELATIEROLSOORT,
}


def lijst(naam: str) -> dict[str, str] | None:
    """The codes of a VERA list the broker holds; None for a list it does not hold."""
    return LIJSTEN.get(naam)
