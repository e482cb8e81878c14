"""Run the benchmarks: `python -m bench [--sizes small] [--only rank,plan]`.

Each benchmark builds its own deterministic data, measures the project's way and a baseline
in the same run, and prints one line per figure. The database is a throwaway one: a fresh
SQLite file under var/bench/ (or, with DATABASE_URL set, Django's test database next to the
named one, e.g. test_coop on PostgreSQL), never the dev database. Results go to
bench/results/<timestamp>.json so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time as klok
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROOTTES = {
    # rank: member counts; plan: (shifts, members); bundle: fragments
    # payroll: approved hour lines (a multiple of 20: one a working day per member)
    "tiny": {
        "rank": [300],
        "rank_keer": (2, 1),
        "plan": (40, 120),
        "bundle": 60,
        "api": [(200, 50)],
        "payroll": [2_000],
    },
    "small": {
        "rank": [2_000, 10_000],
        "rank_keer": (5, 1),
        "plan": (300, 800),
        "bundle": 300,
        "api": [(200, 50), (500, 50)],
        "payroll": [20_000, 100_000],
    },
    "default": {
        "rank": [10_000, 100_000],
        "rank_keer": (5, 1),
        "plan": (2_000, 5_000),
        "bundle": 2_000,
        "api": [(200, 50), (500, 50), (1_000, 50)],
        "payroll": [100_000, 1_000_000],
    },
}


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coop.settings")
    os.environ.setdefault("DEBUG", "1")
    # With DEBUG the bulk inserts (thousands of statements) overflow Django's query log.
    warnings.filterwarnings("ignore", "Limit for query logging exceeded")
    import django

    django.setup()


def _database() -> tuple[str, float]:
    """Create and migrate the throwaway benchmark database; returns its name and seconds."""
    from django.db import connection

    if connection.vendor == "sqlite":
        pad = ROOT / "var" / "bench" / "bench.sqlite3"
        pad.parent.mkdir(parents=True, exist_ok=True)
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(pad)
    begin = klok.perf_counter()
    naam = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return naam, klok.perf_counter() - begin


def _leeg() -> None:
    """Empty every table between builds (the flush command: DELETE, no re-migration)."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def bench_rank(maten: dict) -> list:
    from bench import rank

    keer, basis_keer = maten["rank_keer"]
    uit = []
    for n in maten["rank"]:
        _leeg()
        print(f"rank: {n} leden bouwen en meten ...", flush=True)
        uit.extend(rank.run(n, keer=keer, basis_keer=basis_keer))
        _print(uit[-3:])
    return uit + rank.constant(uit)


def bench_plan(maten: dict) -> list:
    from bench import plan

    print("plan: ...", flush=True)
    uit = plan.run(*maten["plan"])
    _print(uit)
    return uit


def bench_bundle(maten: dict) -> list:
    from bench import bundle

    print("bundle: ...", flush=True)
    uit = bundle.run(maten["bundle"])
    _print(uit)
    return uit


def bench_payroll(maten: dict) -> list:
    from bench import payroll

    metingen = []
    for n in maten["payroll"]:
        _leeg()
        print(f"payroll: {n} urenregels bouwen en exporteren ...", flush=True)
        metingen.append(payroll.run(n))
        k = len(metingen)
        _print(payroll.resultaten(metingen)[4 * (k - 1) : 4 * k])
    uit = payroll.resultaten(metingen)
    _print(uit[4 * len(metingen) :])  # the growth line
    return uit


def bench_api(maten: dict) -> list:
    from django.db import connection

    if connection.vendor != "postgresql":
        print("api: overgeslagen: draait tegen PostgreSQL (DATABASE_URL=postgres://…)", flush=True)
        return []
    from bench import api

    print("api: ...", flush=True)
    uit = api.run(maten)
    _print(uit)
    for regel in api.samenvatting(uit):
        print("  " + regel, flush=True)
    return uit


BENCHMARKS = {
    "rank": bench_rank,
    "plan": bench_plan,
    "bundle": bench_bundle,
    "payroll": bench_payroll,
    "api": bench_api,
}


def _print(resultaten: list) -> None:
    for r in resultaten:
        print("  " + r.regel(), flush=True)


def _tabel(resultaten: list) -> str:
    kop = f"{'benchmark':<8} {'maat':<22} {'meting':<26} {'project':>12} {'basis':>12}"
    return "\n".join([kop, "-" * 110, *(r.regel() for r in resultaten)])


def _schrijf(resultaten: list, meta: dict, uit: Path | None) -> Path:
    stempel = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    pad = uit or ROOT / "bench" / "results" / f"{stempel}.json"
    pad.parent.mkdir(parents=True, exist_ok=True)
    inhoud = {"meta": meta, "resultaten": [r.als_dict() for r in resultaten]}
    pad.write_text(json.dumps(inhoud, indent=2, ensure_ascii=False, default=str))
    return pad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", choices=sorted(GROOTTES), default="default")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="bijv. rank,plan")
    parser.add_argument("--out", type=Path, help="JSON-bestand (standaard bench/results/)")
    args = parser.parse_args(argv)
    gekozen = [b.strip() for b in args.only.split(",") if b.strip()]
    onbekend = sorted(set(gekozen) - set(BENCHMARKS))
    if onbekend:
        parser.error(f"onbekende benchmark(s): {', '.join(onbekend)}")
    _django()
    from django.db import connection

    db_naam, migreer_s = _database()
    print(f"database: {connection.vendor} {db_naam} (gemigreerd in {migreer_s:.1f} s)")
    begin = klok.perf_counter()
    resultaten = []
    try:
        for naam in gekozen:
            resultaten.extend(BENCHMARKS[naam](GROOTTES[args.sizes]))
    finally:
        connection.creation.destroy_test_db(db_naam, verbosity=0)
    meta = {
        "sizes": args.sizes,
        "benchmarks": gekozen,
        "database": connection.vendor,
        "migreren_s": round(migreer_s, 2),
        "totaal_s": round(klok.perf_counter() - begin, 1),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "git": _git(),
    }
    print("\n" + _tabel(resultaten))
    if "api" in gekozen:
        from bench import api

        print("\n".join(["", *api.samenvatting(resultaten)]))
    print(f"\nresultaten: {_schrijf(resultaten, meta, args.out)}")
    return 0 if all(r.gehaald is not False for r in resultaten) else 1


def _git() -> str:
    kop = ROOT / ".git" / "HEAD"
    try:
        ref = kop.read_text().strip()
        if ref.startswith("ref: "):
            return (ROOT / ".git" / ref[5:]).read_text().strip()
        return ref
    except OSError:
        return ""


if __name__ == "__main__":
    sys.exit(main())
