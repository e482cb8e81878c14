"""One measured figure of a benchmark: the project's, the baseline's and their ratio."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field


@dataclass
class Resultaat:
    """`ratio` is oriented so that above 1 means the project does better than the baseline
    (a speed-up for times and query counts; project/baseline for scores and hours)."""

    benchmark: str
    maat: str
    meting: str
    project: float
    basis: float
    basis_naam: str
    hoger_beter: bool = False
    doel: str = ""
    gehaald: bool | None = None
    details: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        teller, noemer = (
            (self.project, self.basis) if self.hoger_beter else (self.basis, self.project)
        )
        return teller / noemer if noemer else None

    def als_dict(self) -> dict:
        return asdict(self) | {"ratio": self.ratio}

    def regel(self) -> str:
        ratio = "-" if self.ratio is None else f"{self.ratio:.3f}"
        doel = ""
        if self.doel:
            doel = f"  [{self.doel}: {'gehaald' if self.gehaald else 'NIET gehaald'}]"
        return (
            f"{self.benchmark:<8} {self.maat:<22} {self.meting:<26} "
            f"{_getal(self.project):>12} {_getal(self.basis):>12} ({self.basis_naam})  "
            f"ratio {ratio}{doel}"
        )


def _getal(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x)}"
    return f"{x:.4f}" if abs(x) < 10 else f"{x:.2f}"


def mediaan(waarden: list[float]) -> float:
    return statistics.median(waarden)


def p95(waarden: list[float]) -> float:
    """The 95th percentile, nearest rank (with few samples this is the maximum)."""
    geordend = sorted(waarden)
    rang = max(1, -(-95 * len(geordend) // 100))  # ceil(0.95 n)
    return geordend[rang - 1]
