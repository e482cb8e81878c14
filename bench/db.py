"""Bulk loading of the synthetic data into the benchmark database (never the dev database).

The hundreds of thousands of member rows and their million child rows (skills, certificates,
availability) go in with executemany (`_rauw`): the ORM's per-value preparation was most of
the build time. So `Werknemer.save()` is bypassed: the blind index of the BSN is computed
here, and BSN and IBAN are encrypted with coop.core.fields.encrypt as the field would. That cost
is measured on its own (`versleutel_seconden`) and reported with the build time. The
database still checks every constraint.
"""

from __future__ import annotations

import time as klok
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import cache

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from bench.data import ANKER, CERTIFICATEN, NU, VAARDIGHEDEN, Lid, Punt, punten
from coop.core.fields import blind_index, encrypt
from coop.core.validators import bsn_from_number
from coop.models import Dienst, Inzet, Job, PakketVaardigheid, Werkpakket
from werkgevers.models import Locatie, Werkgever
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)

BATCH = 2000
IBAN = "NL91ABNA0417164300"


@dataclass
class Bouw:
    """What one build put in the database and how long it took."""

    seconden: float = 0.0
    versleutel_seconden: float = 0.0  # estimated share of the build spent encrypting BSN/IBAN
    rijen: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogus:
    vaardigheden: dict[str, int]
    certificaten: dict[str, int]


def catalogus() -> Catalogus:
    """The skill catalogue (with its `omvat` hierarchy) and the certificate kinds."""
    vaardigheden = {
        code: Vaardigheid.objects.create(code=code, naam=naam).pk
        for code, naam, _, _ in VAARDIGHEDEN
    }
    for code, _, omvat, _ in VAARDIGHEDEN:
        Vaardigheid.objects.get(pk=vaardigheden[code]).omvat.set([vaardigheden[c] for c in omvat])
    certificaten = {
        code: CertificaatSoort.objects.create(code=code, naam=naam).pk
        for code, naam, _ in CERTIFICATEN
    }
    return Catalogus(vaardigheden, certificaten)


# Every NOT NULL column of Werknemer without a database default; a new one fails loudly here.
WERKNEMER_KOLOMMEN = [
    "voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "bsn", "bsn_index", "iban",
    "telefoon", "email", "talen", "max_reisafstand_km", "uren_per_week_min",
    "uren_per_week_max", "lid_sinds", "inleg_betaald", "status", "sroi_toestemming",
    "sroi_doelgroep", "straat", "huisnummer", "toevoeging", "postcode", "plaats", "latitude",
    "longitude", "wijk", "buurt",
]  # fmt: skip


def _werknemer(lid: Lid) -> tuple:
    """One member row in WERKNEMER_KOLOMMEN order; BSN and IBAN encrypted as the field does."""
    bsn = bsn_from_number(lid.nummer)
    return (
        f"Lid{lid.nummer}", "", "Bench", _datum(lid.geboortedatum), encrypt(bsn),
        blind_index(bsn), encrypt(IBAN), "", "", "", _decimaal(Decimal(lid.radius_km)), 0,
        lid.uren_max, _datum(ANKER - timedelta(days=400)), _decimaal(Decimal(0)), lid.status,
        bool(lid.doelgroep), lid.doelgroep, "", "", "", "", lid.punt.plaats,
        _decimaal(Decimal(f"{lid.punt.lat:.6f}")), _decimaal(Decimal(f"{lid.punt.lon:.6f}")),
        lid.punt.wijk, "",
    )  # fmt: skip


def _decimaal(waarde: Decimal):
    return connection.ops.adapt_decimalfield_value(waarde)


def versleutel_seconden(n: int, steekproef: int = 2000) -> float:
    """Time to encrypt BSN and IBAN of `n` members, extrapolated from a sample."""
    begin = klok.perf_counter()
    for i in range(steekproef):
        encrypt(bsn_from_number(i))
        encrypt(IBAN)
    return (klok.perf_counter() - begin) * n / steekproef


@transaction.atomic
def bouw_leden(leden: list[Lid], cat: Catalogus) -> tuple[list[int], Bouw]:
    """Members with skills, certificates, availability and absences; returns their pks."""
    begin = klok.perf_counter()
    bouw = Bouw(versleutel_seconden=versleutel_seconden(len(leden)))
    _rauw(Werknemer, WERKNEMER_KOLOMMEN, (_werknemer(lid) for lid in leden))
    # The blind index is unique: it maps each generated member to the pk the database gave.
    per_index = dict(Werknemer.objects.values_list("bsn_index", "pk"))
    pks = [per_index[blind_index(bsn_from_number(lid.nummer))] for lid in leden]
    rijen = {
        "werknemers": len(pks),
        "vaardigheden": _rauw(
            WerknemerVaardigheid,
            ["werknemer_id", "vaardigheid_id", "niveau"],
            (
                (pk, cat.vaardigheden[code], niveau)
                for lid, pk in zip(leden, pks, strict=True)
                for code, niveau in lid.vaardigheden
            ),
        ),
        "certificaten": _rauw(
            Certificaat,
            ["werknemer_id", "soort_id", "nummer", "geldig_van", "geldig_tot"],
            (
                (pk, cat.certificaten[code], "", _datum(van), _datum(tot))
                for lid, pk in zip(leden, pks, strict=True)
                for code, van, tot in lid.certificaten
            ),
        ),
        "beschikbaarheid": _rauw(
            Beschikbaarheid,
            ["werknemer_id", "weekdag", "begin", "eind"],
            (
                (pk, dag, _tijd(van), _tijd(tot))
                for lid, pk in zip(leden, pks, strict=True)
                for dag, van, tot in lid.beschikbaarheid
            ),
        ),
        "afwezigheden": _rauw(
            Afwezigheid,
            ["werknemer_id", "van", "tot_en_met", "reden", "toelichting"],
            (
                (pk, _datum(lid.afwezig[0]), _datum(lid.afwezig[1]), "verlof", "")
                for lid, pk in zip(leden, pks, strict=True)
                if lid.afwezig
            ),
        ),
    }
    bouw.rijen.update(rijen)
    bouw.seconden = klok.perf_counter() - begin
    return pks, bouw


def _rauw(model, kolommen: list[str], rijen) -> int:
    """Rows straight into the table with executemany: for ~1 million child rows the ORM's
    per-value preparation is most of the build time. Values come adapted (`_datum`, `_tijd`);
    the database still checks every constraint."""
    qn = connection.ops.quote_name
    nu = connection.ops.adapt_datetimefield_value(timezone.now())
    alle = [*kolommen, "created_at", "updated_at"]
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(k) for k in alle)}) "
        f"VALUES ({', '.join(['%s'] * len(alle))})"
    )
    lijst = [(*rij, nu, nu) for rij in rijen]
    with connection.cursor() as cursor:
        for start in range(0, len(lijst), 20 * BATCH):
            cursor.executemany(sql, lijst[start : start + 20 * BATCH])
    return len(lijst)


@cache
def _datum(dag):
    return None if dag is None else connection.ops.adapt_datefield_value(dag)


@cache
def _tijd(moment):
    return connection.ops.adapt_timefield_value(moment)


def werkgever(nummer: int, naam: str) -> Werkgever:
    return Werkgever.objects.create(
        naam=naam, kvk_nummer=f"{70000000 + nummer:08d}", soort="instelling", lid_sinds=ANKER
    )


def locatie(wg: Werkgever, punt: Punt, naam: str) -> Locatie:
    return Locatie.objects.create(
        werkgever=wg,
        naam=naam,
        plaats=punt.plaats,
        latitude=Decimal(f"{punt.lat:.6f}"),
        longitude=Decimal(f"{punt.lon:.6f}"),
        wijk=punt.wijk,
    )


@transaction.atomic
def bouw_historie(leden: list[Lid], pks: list[int], seed: int = 5) -> dict[str, int]:
    """Past work (fairness, continuity) and a few assignments clashing with the bench week.

    One employer with one location per ~500 members, in the same density; 12% of members
    worked 1-3 shifts in the last four weeks at a location of their own town, 3% hold a shift
    on ANKER's Tuesday 09:00-15:00 (the working-time rules must exclude them for clashing work).
    """
    rng = np.random.default_rng(seed)
    plekken = punten(rng, max(5, len(leden) // 500))
    locaties = [
        locatie(werkgever(i, f"Opdrachtgever {i}"), p, f"Vestiging {i}")
        for i, p in enumerate(plekken)
    ]
    per_plaats: dict[str, list[Locatie]] = {}
    for loc in locaties:
        per_plaats.setdefault(loc.plaats, []).append(loc)
    jobs = {
        loc.pk: Job.objects.create(soort=Job.Soort.INCIDENTEEL, reden="Historie (benchmark)")
        for loc in locaties
    }
    paren = []  # (member pk, location, start, hours)
    for lid, pk in zip(leden, pks, strict=True):
        if rng.random() < 0.03:
            paren.append(
                (
                    pk,
                    locaties[0],
                    datetime.combine(ANKER + timedelta(days=1), time(9), NU.tzinfo),
                    6,
                )
            )
        if rng.random() >= 0.12:
            continue
        eigen = per_plaats.get(lid.punt.plaats) or locaties
        # distinct days: a member never works two overlapping shifts (PostgreSQL enforces it)
        for terug in rng.choice(np.arange(1, 28), size=int(rng.integers(1, 4)), replace=False):
            dag = (NU - timedelta(days=int(terug))).date()
            start = datetime.combine(dag, time(int(rng.integers(7, 15))), NU.tzinfo)
            paren.append((pk, eigen[int(rng.integers(len(eigen)))], start, int(rng.integers(2, 7))))
    diensten = Dienst.objects.bulk_create(
        [
            Dienst(
                job=jobs[loc.pk], locatie=loc, start=s, eind=s + timedelta(hours=u), status="bezet"
            )
            for _, loc, s, u in paren
        ],
        batch_size=BATCH,
    )
    Inzet.objects.bulk_create(
        [
            Inzet(werknemer_id=pk, dienst=d, start=d.start, eind=d.eind)
            for (pk, _, _, _), d in zip(paren, diensten, strict=True)
        ],
        batch_size=BATCH,
    )
    return {"locaties": len(locaties), "inzetten": len(paren)}


def werkpakket(
    wg: Werkgever, loc: Locatie, vaardigheden: dict[int, int], certificaten: list[int]
) -> Werkpakket:
    pakket = Werkpakket.objects.create(
        werkgever=wg,
        locatie=loc,
        titel=f"Benchmark {loc.naam}",
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal("32.50"),
        status="gesplitst",
    )
    PakketVaardigheid.objects.bulk_create(
        PakketVaardigheid(werkpakket=pakket, vaardigheid_id=v, min_niveau=n)
        for v, n in vaardigheden.items()
    )
    pakket.vereiste_certificaten.set(certificaten)
    return pakket
