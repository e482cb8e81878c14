"""payroll: the payroll export (coop.services.uren.loonexport) of one month of approved hour lines.

What the export reads, and so all that is built: members (with a birth date for the minimum
wage check) and one Loonafspraak each, employers with one location, and per hour line the
Dienst and Inzet it hangs on (the line joins inzet -> dienst -> locatie -> werkgever; one
active Inzet per Dienst is a constraint, so every line has its own shift). Every member works
20 days of March 2026, one approved line a day, for two employers (two payslip rows each).
Rows go in with executemany (bench.db._rauw), the few employers through the ORM.

Each export runs in a fresh child process (`python -m bench.payroll --export ...`) that
reports its own wall time and peak RSS (getrusage ru_maxrss, Linux: KiB), next to the RSS
before the export started (Django, pandas and openpyxl loaded), so the figure is the export
and not what an earlier build left in the parent. The smoke test runs in process instead
(its data lives in an uncommitted test transaction): tracemalloc's peak of Python and
numpy allocations. The export's totals must equal the built hours and cents, or the result
is void (a faster wrong answer is no result).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time as klok
import tracemalloc
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import connection, transaction
from django.test.utils import override_settings

from bench import db
from bench.data import Punt
from bench.resultaat import Resultaat
from contracten.arbeidstijd import AMSTERDAM
from coop.core.fields import blind_index, encrypt
from coop.core.validators import bsn_from_number
from coop.models import Dienst, Inzet, Job, Loonafspraak, Loonperiode, Urenregel
from coop.services.uren import loonexport
from werknemers.models import Werknemer

MAAND = date(2026, 3, 1)  # the exported period: March 2026 (no DST change before the 29th)
DAGEN = 20  # lines per member: days 1-20, one shift a day from 09:00
LEDEN_PER_WERKGEVER = 100
DOEL_MB = 2048  # issue: 1,000,000 lines in under 2 GB
DOEL_LINEAIR = 0.8  # time per line at the big size at most 1.25x that at the small size
DOEL_BOUW_S = 300  # "a few minutes at most" for the biggest build


class PayrollFout(AssertionError):
    """The export's totals differ from what was built: the benchmark result is void."""


@dataclass(frozen=True)
class Verwacht:
    """What the export must report for the built data."""

    regels: int
    werknemers: int
    uren: Decimal
    bruto: Decimal


def uren_honderdsten(lid: int, dag: int) -> int:
    """2.00 to 8.00 hours in quarters, varying per member and day."""
    return 200 + 25 * ((lid * 7 + dag) % 25)


def loon_cent(lid: int) -> int:
    """16.00 to 18.00 an hour: above the adult statutory minimum of 2026."""
    return 1600 + 50 * (lid % 5)


def geboortedatum(lid: int) -> date:
    return date(1960, 1, 1) + timedelta(days=lid % 14_000)  # all adults in 2026


def verwacht(n_leden: int) -> Verwacht:
    """The totals by the export's own rule: per line, hundredths x cents rounded half up."""
    uren = bruto = 0
    for lid in range(n_leden):
        for dag in range(DAGEN):
            h = uren_honderdsten(lid, dag)
            uren += h
            bruto += (h * loon_cent(lid) + 50) // 100
    return Verwacht(n_leden * DAGEN, n_leden, Decimal(uren) / 100, Decimal(bruto) / 100)


# --- building ------------------------------------------------------------------------------


@cache
def _moment(dag: int, honderdsten: int = 0):
    start = datetime.combine(MAAND + timedelta(days=dag), time(9), AMSTERDAM)
    return connection.ops.adapt_datetimefield_value(start + timedelta(hours=honderdsten / 100))


@cache
def _uren(honderdsten: int):
    return db._decimaal(Decimal(honderdsten) / 100)


def _werknemer(lid: int, iban: str) -> tuple:
    """One member row in bench.db.WERKNEMER_KOLOMMEN order (blind index unique per BSN)."""
    bsn = bsn_from_number(lid)
    return (
        f"Lid{lid}", "", "Loon", db._datum(geboortedatum(lid)), encrypt(bsn), blind_index(bsn),
        iban, "", "", "", db._decimaal(Decimal(10)), 0, 40, db._datum(date(2025, 1, 1)),
        db._decimaal(Decimal(0)), Werknemer.Status.ACTIEF, False, "", "", "", "", "",
        "Utrecht", db._decimaal(Decimal("52.090700")), db._decimaal(Decimal("5.121400")),
        "Utrecht Centrum", "",
    )  # fmt: skip


def _werkgevers(aantal: int) -> list[tuple[int, int, int]]:
    """(werkgever, locatie, job) pks; few enough for the ORM."""
    uit = []
    for i in range(aantal):
        wg = db.werkgever(5000 + i, f"Loonwerkgever {i}")
        loc = db.locatie(wg, Punt(52.0907, 5.1214, "Utrecht", "Utrecht Centrum"), f"Locatie {i}")
        job = Job.objects.create(soort=Job.Soort.INCIDENTEEL, reden="Loon (benchmark)")
        uit.append((wg.pk, loc.pk, job.pk))
    return uit


def _pks(model, **filters) -> list[int]:
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


@transaction.atomic
def bouw(n_regels: int) -> tuple[Loonperiode, dict]:
    """Members, wages, employers, shifts, assignments and approved lines; and the period."""
    if n_regels % DAGEN:
        raise ValueError(f"payroll: een veelvoud van {DAGEN} regels (een per werkdag per lid)")
    begin = klok.perf_counter()
    n_leden = n_regels // DAGEN
    iban = encrypt(db.IBAN)  # one ciphertext for all: the export never reads the IBAN
    db._rauw(Werknemer, db.WERKNEMER_KOLOMMEN, (_werknemer(i, iban) for i in range(n_leden)))
    leden = _pks(Werknemer, achternaam="Loon")
    db._rauw(
        Loonafspraak,
        ["werknemer_id", "geldig_van", "uurloon", "toelichting"],
        (
            (pk, db._datum(date(2026, 1, 1)), db._decimaal(Decimal(loon_cent(i)) / 100), "")
            for i, pk in enumerate(leden)
        ),
    )
    werkgevers = _werkgevers(max(2, n_leden // LEDEN_PER_WERKGEVER))
    # line k of member i: day k, for employer (i + k // 10): two employers per member
    regels = [
        (i, dag, werkgevers[(i + dag // 10) % len(werkgevers)])
        for i in range(n_leden)
        for dag in range(DAGEN)
    ]
    jobs = [job for _, _, job in werkgevers]
    db._rauw(
        Dienst,
        ["job_id", "locatie_id", "fragment_id", "start", "eind", "status"],
        (
            (job, loc, None, _moment(dag), _moment(dag, uren_honderdsten(i, dag)), "bezet")
            for i, dag, (_, loc, job) in regels
        ),
    )
    diensten = _pks(Dienst, job_id__in=jobs)
    db._rauw(
        Inzet,
        ["werknemer_id", "dienst_id", "aanbod_id", "start", "eind", "status", "geannuleerd_op",
         "late_annulering", "uren_doorbetaald"],
        (
            (leden[i], d, None, _moment(dag), _moment(dag, uren_honderdsten(i, dag)), "actief",
             None, False, _uren(0))
            for (i, dag, _), d in zip(regels, diensten, strict=True)
        ),
    )  # fmt: skip
    inzetten = _pks(Inzet, dienst__job_id__in=jobs)
    leeg = connection.ops.adapt_json_value([], None)
    db._rauw(
        Urenregel,
        ["inzet_id", "soort", "corrigeert_id", "datum", "start", "eind", "pauze_minuten",
         "status", "verplichte_pauze_minuten", "pauze_toegepast_minuten", "gewerkte_uren",
         "doorbetaalde_uren", "aanvulling_uren", "betaalde_uren", "toelichting_regels",
         "ingediend_door_id", "ingediend_op", "beoordeeld_door_id", "beoordeeld_op",
         "betwist_reden", "vastgesteld_door_id", "vastgesteld_op", "vaststelling_toelichting",
         "periode_id", "vergrendeld_op"],
        (
            (z, "gewerkt", None, db._datum(MAAND + timedelta(days=dag)), _moment(dag),
             _moment(dag, uren_honderdsten(i, dag)), 0, "goedgekeurd", 0, 0,
             _uren(uren_honderdsten(i, dag)), _uren(0), _uren(0),
             _uren(uren_honderdsten(i, dag)), leeg, None, _moment(dag), None, _moment(dag), "",
             None, None, "", None, None)
            for (i, dag, _), z in zip(regels, inzetten, strict=True)
        ),
    )  # fmt: skip
    periode = Loonperiode.objects.create(
        soort=Loonperiode.Soort.MAAND, begin=MAAND, eind=date(2026, 3, 31)
    )
    return periode, {
        "bouw_s": round(klok.perf_counter() - begin, 2),
        "rijen": {
            "werknemers": len(leden),
            "werkgevers": len(werkgevers),
            "diensten": len(diensten),
            "inzetten": len(inzetten),
            "urenregels": len(regels),
        },
    }


# --- measuring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Meting:
    """One size: build time, the export's wall time and memory, and what it reported."""

    regels: int
    bouw: dict
    seconden: float
    piek_mb: float  # peak RSS of the export process (child) or tracemalloc peak (in process)
    groei_mb: float  # that peak less the memory before the export started
    geheugen: str  # how the memory was measured
    uitkomst: dict


def _mb(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


def exporteer(periode_id: int) -> dict:
    """Queue and run the export of the period in this process, as the task would."""

    with override_settings(DEBUG=False):  # no query log of a million-line run
        export = loonexport.loonexport_create(periode_id=periode_id)
        begin = klok.perf_counter()
        export = loonexport.loonexport_run(export_id=export.pk)
        seconden = klok.perf_counter() - begin
    return {
        "seconden": seconden,
        "status": export.status,
        "melding": export.melding[:500],
        "aantal_regels": export.aantal_regels,
        "aantal_werknemers": export.aantal_werknemers,
        "totaal_uren": str(export.totaal_uren),
        "totaal_bruto": str(export.totaal_bruto),
        "bestanden_bytes": {k: v["grootte"] for k, v in export.bestanden.items()},
    }


def kind(database: str, periode_id: int) -> None:
    """Child process: run one export against the benchmark database, print JSON."""
    import openpyxl  # noqa: F401  loaded before the baseline, as in a running worker
    import pandas  # noqa: F401

    connection.settings_dict["NAME"] = database
    Loonperiode.objects.get(pk=periode_id)  # connected, models and pandas loaded
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    uitkomst = exporteer(periode_id)
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(uitkomst | {"rss_voor_kib": voor, "rss_piek_kib": piek}))


def _apart(periode_id: int, media: str) -> tuple[dict, float, float]:
    code = (
        "from bench import __main__ as r; r._django(); from bench import payroll; "
        f"payroll.kind({connection.settings_dict['NAME']!r}, {periode_id})"
    )
    proces = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=os.environ | {"MEDIA_ROOT": media},
        capture_output=True,
        text=True,
        check=False,
    )
    if proces.returncode != 0:
        raise PayrollFout(f"export-proces faalde ({proces.returncode}): {proces.stderr[-2000:]}")
    uit = json.loads(proces.stdout.strip().splitlines()[-1])
    return uit, _mb(uit["rss_piek_kib"]), _mb(uit["rss_piek_kib"] - uit["rss_voor_kib"])


def _in_proces(periode_id: int, media: str) -> tuple[dict, float, float]:
    tracemalloc.start()
    try:
        with override_settings(MEDIA_ROOT=media):
            uit = exporteer(periode_id)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return uit, piek / 2**20, piek / 2**20


def controleer(uitkomst: dict, doel: Verwacht) -> None:
    """The export must be done and report exactly the built lines, members, hours and cents."""
    if uitkomst["status"] != "done":
        raise PayrollFout(f"export niet klaar: {uitkomst['status']}: {uitkomst['melding']}")
    gekregen = (
        uitkomst["aantal_regels"],
        uitkomst["aantal_werknemers"],
        Decimal(uitkomst["totaal_uren"]),
        Decimal(uitkomst["totaal_bruto"]),
    )
    gebouwd = (doel.regels, doel.werknemers, doel.uren, doel.bruto)
    if gekregen != gebouwd:
        raise PayrollFout(
            f"export telt (regels, werknemers, uren, bruto) {gekregen}, gebouwd {gebouwd}"
        )


def run(n: int, *, apart: bool = True) -> Meting:
    """Build `n` lines (database must be empty), export them, check the totals.

    `apart`: the export in a child process (needs the build committed: the runner's
    database); otherwise in this process under tracemalloc (the smoke test's transaction).
    """
    with override_settings(DEBUG=False):
        periode, bouw_info = bouw(n)
    with tempfile.TemporaryDirectory(prefix="bench-loon-") as media:
        uit, piek, groei = (_apart if apart else _in_proces)(periode.pk, media)
    controleer(uit, verwacht(n // DAGEN))
    geheugen = "piek RSS kindproces" if apart else "tracemalloc-piek in proces"
    return Meting(n, bouw_info, uit["seconden"], piek, groei, geheugen, uit)


def resultaten(metingen: list[Meting]) -> list[Resultaat]:
    """Per size: build, time and memory; the smallest size is the baseline for growth."""
    basis = metingen[0]
    uit = []
    for m in metingen:
        schaal = m.regels / basis.regels
        maat = f"{m.regels} regels"
        lineair = f"lineair uit {basis.regels}"
        uit += [
            Resultaat(
                "payroll", maat, "bouw (s)", m.bouw["bouw_s"], DOEL_BOUW_S, "doel",
                doel=f"bouw <= {DOEL_BOUW_S} s", gehaald=m.bouw["bouw_s"] <= DOEL_BOUW_S,
                details=m.bouw,
            ),
            Resultaat(
                "payroll", maat, "export tijd (s)", m.seconden, basis.seconden * schaal, lineair,
                details=m.uitkomst,
            ),
            Resultaat(
                "payroll", maat, f"{m.geheugen} (MB)", m.piek_mb, DOEL_MB, "doel 2 GB",
                doel="< 2 GB", gehaald=m.piek_mb < DOEL_MB,
            ),
            Resultaat(
                "payroll", maat, "geheugengroei export (MB)", m.groei_mb,
                basis.groei_mb * schaal, lineair,
            ),
        ]  # fmt: skip
    if len(metingen) > 1:
        groot = metingen[-1]
        per_regel = [1e6 * m.seconden / m.regels for m in (groot, basis)]
        uit.append(
            Resultaat(
                "payroll", f"{basis.regels} -> {groot.regels}", "tijd per regel (us)",
                per_regel[0], per_regel[1], f"per regel bij {basis.regels}",
                doel=f"bijna lineair (ratio >= {DOEL_LINEAIR})",
                gehaald=per_regel[1] / per_regel[0] >= DOEL_LINEAIR,
            )
        )  # fmt: skip
    return uit
