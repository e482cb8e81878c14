"""Deterministic synthetic data for the benchmarks: plain data, no database.

Members live around Dutch cities and towns in proportion to the population (Gaussian spread
around each centre, wider for bigger places), employers' locations follow the same density.
Everything is a pure function of a seed (numpy's PCG64 gives the same stream everywhere), and
all dates hang off one fixed Monday, so a run today and a run next year build the same data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import numpy as np

from contracten.arbeidstijd import AMSTERDAM
from coop.engines.matching import Dienstvenster, JobEis, Kandidaat
from coop.engines.splitting import Tijdvak

ANKER = date(2026, 3, 9)  # a Monday: every shift and validity date is relative to it
NU = datetime(2026, 3, 6, 12, 0, tzinfo=AMSTERDAM)  # "now" for fairness (hours of last 4 weeks)
KM_PER_GRAAD = 111.195  # one degree of latitude (coop.core.geo's earth radius)
NL_BOX = (50.76, 53.5, 3.4, 7.2)  # min_lat, max_lat, min_lon, max_lon


@dataclass(frozen=True)
class Plaats:
    naam: str
    lat: float
    lon: float
    inwoners_k: int  # thousands


# The 22 biggest municipalities and a spread of smaller towns; together they stand for the
# population (the towns carry the rest of the country's weight).
STEDEN = (
    Plaats("Amsterdam", 52.3728, 4.8936, 930),
    Plaats("Rotterdam", 51.9225, 4.4792, 670),
    Plaats("Den Haag", 52.0705, 4.3007, 560),
    Plaats("Utrecht", 52.0907, 5.1214, 375),
    Plaats("Eindhoven", 51.4416, 5.4697, 240),
    Plaats("Groningen", 53.2194, 6.5665, 235),
    Plaats("Tilburg", 51.5555, 5.0913, 225),
    Plaats("Almere", 52.3508, 5.2647, 220),
    Plaats("Breda", 51.5719, 4.7683, 185),
    Plaats("Nijmegen", 51.8126, 5.8372, 180),
    Plaats("Apeldoorn", 52.2112, 5.9699, 165),
    Plaats("Arnhem", 51.9851, 5.8987, 165),
    Plaats("Haarlem", 52.3874, 4.6462, 165),
    Plaats("Enschede", 52.2215, 6.8937, 160),
    Plaats("Amersfoort", 52.1561, 5.3878, 160),
    Plaats("Zaanstad", 52.4389, 4.8258, 160),
    Plaats("'s-Hertogenbosch", 51.6978, 5.3037, 160),
    Plaats("Zwolle", 52.5168, 6.0830, 130),
    Plaats("Leiden", 52.1601, 4.4970, 125),
    Plaats("Leeuwarden", 53.2012, 5.7999, 125),
    Plaats("Maastricht", 50.8514, 5.6910, 120),
    Plaats("Dordrecht", 51.8133, 4.6901, 120),
)
DORPEN = (
    Plaats("Alkmaar", 52.6324, 4.7534, 400),
    Plaats("Deventer", 52.2660, 6.1552, 400),
    Plaats("Delft", 52.0116, 4.3571, 350),
    Plaats("Venlo", 51.3704, 6.1724, 350),
    Plaats("Hilversum", 52.2292, 5.1669, 350),
    Plaats("Heerlen", 50.8882, 5.9795, 350),
    Plaats("Assen", 52.9925, 6.5649, 300),
    Plaats("Emmen", 52.7858, 6.8976, 300),
    Plaats("Hoorn", 52.6425, 5.0597, 300),
    Plaats("Gouda", 52.0115, 4.7105, 300),
    Plaats("Middelburg", 51.4988, 3.6136, 250),
    Plaats("Roosendaal", 51.5308, 4.4653, 250),
    Plaats("Oss", 51.7650, 5.5180, 250),
    Plaats("Helmond", 51.4793, 5.6570, 250),
    Plaats("Ede", 52.0402, 5.6649, 250),
    Plaats("Lelystad", 52.5185, 5.4714, 200),
    Plaats("Den Helder", 52.9563, 4.7600, 150),
    Plaats("Sneek", 53.0326, 5.6589, 150),
    Plaats("Drachten", 53.1064, 6.0987, 150),
    Plaats("Winterswijk", 51.9725, 6.7192, 100),
    Plaats("Doetinchem", 51.9650, 6.2884, 150),
    Plaats("Harderwijk", 52.3420, 5.6206, 150),
    Plaats("Goes", 51.5040, 3.8880, 120),
    Plaats("Weert", 51.2517, 5.7069, 120),
)
PLAATSEN = STEDEN + DORPEN

# code, name, skills it implies, weight among members
VAARDIGHEDEN = (
    ("schoonmaak", "Schoonmaak", (), 30),
    ("glazenwassen", "Glazenwassen", ("schoonmaak",), 6),
    ("groen", "Groenonderhoud", (), 14),
    ("snoeien", "Snoeien", ("groen",), 5),
    ("schilderen", "Schilderen", (), 8),
    ("klussen", "Klussen", ("schilderen",), 8),
    ("verhuizen", "Verhuizen", (), 7),
    ("begeleiding", "Begeleiding", (), 8),
    ("koken", "Koken", (), 6),
    ("administratie", "Administratie", (), 5),
    ("bezorgen", "Bezorgen", (), 7),
    ("evenementen", "Evenementen", (), 6),
)
CERTIFICATEN = (
    ("vca", "VCA Basis", 0.35),
    ("bhv", "BHV", 0.2),
    ("rijbewijs-b", "Rijbewijs B", 0.45),
)
PATRONEN = {
    "kantoor": tuple((d, time(8), time(17)) for d in range(5)),
    "ochtend": tuple((d, time(7), time(13)) for d in range(6)),
    "middag": tuple((d, time(12), time(18)) for d in range(5)),
    "avond": tuple((d, time(17), time(23)) for d in range(7)),
    "weekend": tuple((d, time(8), time(20)) for d in (5, 6)),
    "flex": tuple((d, time(6), time(22)) for d in range(7)),
}
RADIUS_KM = ((2, 0.10), (3, 0.15), (5, 0.35), (8, 0.20), (10, 0.12), (15, 0.06), (25, 0.02))
UREN_MAX = (8, 12, 16, 24, 32, 40)
STATUS = (("actief", 0.92), ("gepauzeerd", 0.05), ("uitgetreden", 0.03))
SECTOREN = ("Noord", "Noordoost", "Oost", "Zuidoost", "Zuid", "Zuidwest", "West", "Noordwest")


@dataclass(frozen=True)
class Punt:
    lat: float
    lon: float
    plaats: str
    wijk: str


@dataclass(frozen=True)
class Lid:
    """One synthetic member: everything the registry stores that matching reads."""

    nummer: int
    punt: Punt
    geboortedatum: date
    status: str
    radius_km: int
    uren_max: int
    doelgroep: str
    vaardigheden: tuple[tuple[str, int], ...]  # (code, level)
    certificaten: tuple[tuple[str, date, date | None], ...]
    beschikbaarheid: tuple[tuple[int, time, time], ...]
    afwezig: tuple[date, date] | None


def _spreiding_km(plaats: Plaats) -> float:
    """Bigger places spread wider: ~1.7 km for a town, ~5 km for Amsterdam."""
    return 1.2 + 0.13 * math.sqrt(plaats.inwoners_k)


def punten(rng: np.random.Generator, n: int) -> list[Punt]:
    """`n` addresses: a place by population, then a Gaussian offset around its centre."""
    gewicht = np.array([p.inwoners_k for p in PLAATSEN], dtype=float)
    keuze = rng.choice(len(PLAATSEN), size=n, p=gewicht / gewicht.sum())
    dx, dy = rng.standard_normal(n), rng.standard_normal(n)
    uit = []
    for i, k in enumerate(keuze.tolist()):
        p = PLAATSEN[k]
        s = _spreiding_km(p)
        lat = p.lat + dy[i] * s / KM_PER_GRAAD
        lon = p.lon + dx[i] * s / (KM_PER_GRAAD * math.cos(math.radians(p.lat)))
        lat = round(float(min(max(lat, NL_BOX[0]), NL_BOX[1])), 6)
        lon = round(float(min(max(lon, NL_BOX[2]), NL_BOX[3])), 6)
        uit.append(Punt(lat, lon, p.naam, _wijk(p, dx[i] * s, dy[i] * s)))
    return uit


def _wijk(plaats: Plaats, oost_km: float, noord_km: float) -> str:
    if math.hypot(oost_km, noord_km) < 1.5:
        return f"{plaats.naam} Centrum"
    hoek = (90 - math.degrees(math.atan2(noord_km, oost_km))) % 360  # compass bearing
    return f"{plaats.naam} {SECTOREN[int((hoek + 22.5) // 45) % 8]}"


def _kies(rng: np.random.Generator, opties, n: int) -> list:
    waarden, kansen = zip(*opties, strict=True)
    return [waarden[i] for i in rng.choice(len(waarden), size=n, p=kansen).tolist()]


def leden(n: int, seed: int = 1) -> list[Lid]:
    """`n` members; the same seed gives the same members."""
    rng = np.random.default_rng(seed)
    plekken = punten(rng, n)
    statussen = _kies(rng, STATUS, n)
    radii = _kies(rng, RADIUS_KM, n)
    leeftijd_dagen = np.where(
        rng.random(n) < 0.03,
        rng.integers(16 * 365 + 5, 18 * 365 - 5, n),
        rng.integers(18 * 365 + 5, 67 * 365, n),
    )
    skill_w = np.array([v[3] for v in VAARDIGHEDEN], dtype=float)
    uit = []
    for i in range(n):
        aantal = int(rng.integers(1, 4))
        codes = rng.choice(len(VAARDIGHEDEN), size=aantal, replace=False, p=skill_w / skill_w.sum())
        niveaus = rng.choice(3, size=aantal, p=(0.5, 0.35, 0.15)) + 1
        doelgroep = "participatiewet" if rng.random() < 0.12 else ""
        uit.append(
            Lid(
                nummer=i,
                punt=plekken[i],
                geboortedatum=ANKER - timedelta(days=int(leeftijd_dagen[i])),
                status=statussen[i],
                radius_km=radii[i],
                uren_max=UREN_MAX[int(rng.integers(len(UREN_MAX)))],
                doelgroep=doelgroep,
                vaardigheden=tuple(
                    (VAARDIGHEDEN[c][0], int(lv)) for c, lv in zip(codes, niveaus, strict=True)
                ),
                certificaten=_certificaten(rng),
                beschikbaarheid=_beschikbaarheid(rng),
                afwezig=_afwezig(rng),
            )
        )
    return uit


def _certificaten(rng: np.random.Generator) -> tuple[tuple[str, date, date | None], ...]:
    uit = []
    for code, _, kans in CERTIFICATEN:
        if rng.random() < kans:
            van = ANKER - timedelta(days=int(rng.integers(30, 6 * 365)))
            tot = None if code == "rijbewijs-b" else van + timedelta(days=5 * 365)
            uit.append((code, van, tot))  # some VCA/BHV have expired: the rule must see it
    return tuple(uit)


def _beschikbaarheid(rng: np.random.Generator) -> tuple[tuple[int, time, time], ...]:
    namen = sorted(PATRONEN)
    gekozen = rng.choice(len(namen), size=int(rng.integers(1, 3)), replace=False)
    return tuple(blok for k in sorted(gekozen.tolist()) for blok in PATRONEN[namen[k]])


def _afwezig(rng: np.random.Generator) -> tuple[date, date] | None:
    if rng.random() >= 0.05:
        return None
    van = ANKER + timedelta(days=int(rng.integers(-10, 14)))
    return van, van + timedelta(days=int(rng.integers(0, 14)))


def kandidaat(lid: Lid, graaf_ids: dict[str, int], omvat: dict[str, tuple[str, ...]]) -> Kandidaat:
    """The member as coop.engines.matching sees them, without a database (for the pure benchmarks)."""
    effectief: dict[int, int] = {}
    for code, niveau in lid.vaardigheden:
        for c in (code, *omvat.get(code, ())):
            effectief[graaf_ids[c]] = max(niveau, effectief.get(graaf_ids[c], 0))
    certs: dict[int, list] = {}
    for code, van, tot in lid.certificaten:
        certs.setdefault(graaf_ids[code], []).append((van, tot))
    return Kandidaat(
        id=lid.nummer + 1,
        actief=lid.status == "actief",
        geboortedatum=lid.geboortedatum,
        latitude=lid.punt.lat,
        longitude=lid.punt.lon,
        wijk=lid.punt.wijk,
        max_reisafstand_km=float(lid.radius_km),
        vaardigheden=effectief,
        certificaten={s: tuple(p) for s, p in certs.items()},
        beschikbaarheid=lid.beschikbaarheid,
        afwezig=(lid.afwezig,) if lid.afwezig else (),
        uren_gewenst_per_week=float(lid.uren_max),
        doelgroep=bool(lid.doelgroep),
    )


def codes_als_ids() -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """Skill and certificate codes numbered 1.. (the pure benchmarks' stand-in for pks)."""
    codes = [v[0] for v in VAARDIGHEDEN] + [c[0] for c in CERTIFICATEN]
    return {c: i + 1 for i, c in enumerate(codes)}, {v[0]: v[2] for v in VAARDIGHEDEN}


# Shifts ask for these (code, minimum level, certificate or None), the common ones most.
EISEN = (
    (("schoonmaak", 1), None, 30),
    (("groen", 1), None, 15),
    (("schilderen", 2), None, 8),
    (("verhuizen", 1), None, 8),
    (("begeleiding", 2), None, 8),
    (("evenementen", 1), "bhv", 6),
    (("klussen", 1), "vca", 8),
    (("bezorgen", 1), "rijbewijs-b", 7),
    (None, None, 10),
)
# start hour, hours: day work mostly, some evenings and weekends
DIENSTTIJDEN = ((8, 4), (9, 4), (9, 8), (13, 4), (12, 5), (17, 4), (18, 4), (8, 6))


def diensten(n: int, dagen: int, locaties: int, seed: int = 2) -> list[JobEis]:
    """`n` incidental shifts over `dagen` days from ANKER at `locaties` employer locations."""
    rng = np.random.default_rng(seed)
    plekken = punten(rng, locaties)
    ids, _ = codes_als_ids()
    gewicht = np.array([e[2] for e in EISEN], dtype=float)
    uit = []
    for i in range(n):
        loc = int(rng.integers(locaties))
        vaardigheid, cert, _ = EISEN[int(rng.choice(len(EISEN), p=gewicht / gewicht.sum()))]
        uur, duur = DIENSTTIJDEN[int(rng.integers(len(DIENSTTIJDEN)))]
        dag = ANKER + timedelta(days=int(rng.integers(dagen)))
        start = datetime.combine(dag, time(uur), AMSTERDAM)
        uit.append(
            JobEis(
                id=i + 1,
                werkgever_id=loc // 3 + 1,  # three locations per employer
                locatie_id=loc + 1,
                latitude=plekken[loc].lat,
                longitude=plekken[loc].lon,
                wijk=plekken[loc].wijk,
                diensten=(Dienstvenster(start, start + timedelta(hours=duur)),),
                vaardigheden={ids[vaardigheid[0]]: vaardigheid[1]} if vaardigheid else {},
                certificaten=frozenset({ids[cert]}) if cert else frozenset(),
            )
        )
    return uit


# Weekly blocks of structural work (start hour, minutes): cleaning rounds, lunches, care.
BLOKKEN = ((7, 120), (8, 180), (9, 240), (10, 120), (13, 180), (14, 240), (16, 120), (18, 150))


def fragmenten(n: int, locaties: int, seed: int = 3):
    """`n` structural fragments (bundling input) at `locaties` locations, ~15 per employer."""
    from coop.engines import bundling  # imported late: the module is young and optional for `rank`

    rng = np.random.default_rng(seed)
    plekken = punten(rng, locaties)
    uit = []
    for i in range(n):
        loc = int(rng.integers(locaties))
        uur, minuten = BLOKKEN[int(rng.integers(len(BLOKKEN)))]
        begin = time(uur)
        eind = (datetime.combine(ANKER, begin) + timedelta(minutes=minuten)).time()
        uit.append(
            bundling.Fragment(
                id=i + 1,
                werkgever_id=loc // 15 + 1,
                locatie_id=loc + 1,
                latitude=plekken[loc].lat,
                longitude=plekken[loc].lon,
                tijdvak=Tijdvak(int(rng.integers(5 if rng.random() < 0.85 else 7)), begin, eind),
            )
        )
    return uit


def uren(fragmenten_) -> Decimal:
    return sum((f.uren for f in fragmenten_), Decimal(0))
