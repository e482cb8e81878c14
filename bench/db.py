"""Bulk loading of the synthetic data into the benchmark database (never the dev database).

Rows go in with bulk_create in batches; `Werknemer.save()` is bypassed, so the blind index of
the BSN is computed here. BSN and IBAN are still encrypted per row by the field itself: that
cost is measured on its own (`versleutel_seconden`) and reported with the build time.
"""

from __future__ import annotations

import time as klok
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

import numpy as np
from django.db import transaction

from bench.data import ANKER, CERTIFICATEN, NU, VAARDIGHEDEN, Lid, Punt, punten
from coop.fields import blind_index, encrypt
from coop.models import Dienst, Inzet, Job, PakketVaardigheid, Werkpakket
from coop.validators import bsn_from_number
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


def _werknemer(lid: Lid) -> Werknemer:
    bsn = bsn_from_number(lid.nummer)
    return Werknemer(
        voornaam=f"Lid{lid.nummer}",
        achternaam="Bench",
        geboortedatum=lid.geboortedatum,
        bsn=bsn,
        bsn_index=blind_index(bsn),
        iban=IBAN,
        plaats=lid.punt.plaats,
        latitude=Decimal(f"{lid.punt.lat:.6f}"),
        longitude=Decimal(f"{lid.punt.lon:.6f}"),
        wijk=lid.punt.wijk,
        max_reisafstand_km=Decimal(lid.radius_km),
        uren_per_week_max=lid.uren_max,
        lid_sinds=ANKER - timedelta(days=400),
        status=lid.status,
        sroi_toestemming=bool(lid.doelgroep),
        sroi_doelgroep=lid.doelgroep,
    )


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
    pks: list[int] = []
    for start in range(0, len(leden), BATCH):
        deel = Werknemer.objects.bulk_create(
            [_werknemer(lid) for lid in leden[start : start + BATCH]]
        )
        pks.extend(w.pk for w in deel)
    if None in pks:  # a backend that returns no ids from bulk inserts would break the mapping
        raise RuntimeError("bulk_create gaf geen primaire sleutels terug.")
    rijen = {
        "werknemers": len(pks),
        "vaardigheden": _bulk(WerknemerVaardigheid, _vaardigheden(leden, pks, cat)),
        "certificaten": _bulk(Certificaat, _certificaten(leden, pks, cat)),
        "beschikbaarheid": _bulk(Beschikbaarheid, _beschikbaarheid(leden, pks)),
        "afwezigheden": _bulk(Afwezigheid, _afwezigheden(leden, pks)),
    }
    bouw.rijen.update(rijen)
    bouw.seconden = klok.perf_counter() - begin
    return pks, bouw


def _bulk(model, objecten) -> int:
    lijst = list(objecten)
    model.objects.bulk_create(lijst, batch_size=BATCH)
    return len(lijst)


def _vaardigheden(leden, pks, cat):
    for lid, pk in zip(leden, pks, strict=True):
        for code, niveau in lid.vaardigheden:
            yield WerknemerVaardigheid(
                werknemer_id=pk, vaardigheid_id=cat.vaardigheden[code], niveau=niveau
            )


def _certificaten(leden, pks, cat):
    for lid, pk in zip(leden, pks, strict=True):
        for code, van, tot in lid.certificaten:
            yield Certificaat(
                werknemer_id=pk, soort_id=cat.certificaten[code], geldig_van=van, geldig_tot=tot
            )


def _beschikbaarheid(leden, pks):
    for lid, pk in zip(leden, pks, strict=True):
        for dag, van, tot in lid.beschikbaarheid:
            yield Beschikbaarheid(werknemer_id=pk, weekdag=dag, begin=van, eind=tot)


def _afwezigheden(leden, pks):
    for lid, pk in zip(leden, pks, strict=True):
        if lid.afwezig:
            yield Afwezigheid(werknemer_id=pk, van=lid.afwezig[0], tot_en_met=lid.afwezig[1])


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
        for _ in range(int(rng.integers(1, 4))):
            dag = (NU - timedelta(days=int(rng.integers(1, 28)))).date()
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
