"""bundle: structural fragments bundled into permanent jobs, against the upper bound.

The project's way is coop.engines.bundling.bundle over all fragments, across employers. It is
compared with the upper bound it proves (no solution bundles more hours) and, as the
baseline, with bundling each employer's fragments on their own (what employers can do
without the cooperative), timed the same way. Every bundle is re-checked against the
configured limits: a bundle that breaks them voids the result.
"""

from __future__ import annotations

import time as klok
from collections import defaultdict
from datetime import date
from decimal import Decimal

from bench.data import fragmenten, uren
from bench.resultaat import Resultaat

VAN = date(2026, 1, 5)  # the first day the bundled jobs run (the legal day limit's date)


class BundelFout(AssertionError):
    """A bundle breaks the configured limits: the benchmark result is void."""


def _controleer(resultaat, alle: list, config) -> None:
    gezien = [f.id for b in resultaat.bundels for f in b.fragmenten] + [
        f.id for f in resultaat.over
    ]
    if sorted(gezien) != sorted(f.id for f in alle):
        raise BundelFout("Niet elk fragment zit precies één keer in een bundel of in 'over'.")
    for b in resultaat.bundels:
        if not config.min_uren <= b.uren_per_week <= config.max_uren:
            raise BundelFout(f"Bundel met {b.uren_per_week} uur valt buiten de grenzen.")
        if b.uren_per_week != uren(b.fragmenten):
            raise BundelFout("Uren van een bundel kloppen niet met de fragmenten.")
    if resultaat.gebundelde_uren > resultaat.bovengrens_uren:
        raise BundelFout("Meer uren gebundeld dan de bovengrens toelaat.")


def per_werkgever(alle: list, config) -> tuple[Decimal, float]:
    """Baseline: each employer's fragments bundled without the others'."""
    from coop.engines import bundling

    groepen: dict[int, list] = defaultdict(list)
    for f in alle:
        groepen[f.werkgever_id].append(f)
    begin = klok.perf_counter()
    totaal = sum(
        (
            bundling.bundle(groep, config, van=VAN).gebundelde_uren
            for _, groep in sorted(groepen.items())
        ),
        Decimal(0),
    )
    return totaal, klok.perf_counter() - begin


def run(n: int, *, seed: int = 3) -> list[Resultaat]:
    from coop.engines import bundling

    alle = fragmenten(n, max(5, n // 8), seed)
    config = bundling.STANDAARD_CONFIG
    begin = klok.perf_counter()
    resultaat = bundling.bundle(alle, config, van=VAN)
    seconden = klok.perf_counter() - begin
    _controleer(resultaat, alle, config)
    basis_uren, basis_s = per_werkgever(alle, config)
    maat = f"{n} fragmenten"
    details = {
        "totale_uren": float(resultaat.totale_uren),
        "banen": len(resultaat.bundels),
        "per_grootte": resultaat.per_grootte,
        "werkgevers": len({f.werkgever_id for f in alle}),
    }
    gebundeld = float(resultaat.gebundelde_uren)
    return [
        Resultaat(
            "bundle",
            maat,
            "uren gebundeld",
            gebundeld,
            float(resultaat.bovengrens_uren),
            "bovengrens",
            True,
            details=details,
        ),
        Resultaat(
            "bundle", maat, "uren gebundeld", gebundeld, float(basis_uren), "per werkgever", True
        ),
        Resultaat("bundle", maat, "tijd (s)", seconden, basis_s, "per werkgever"),
    ]
