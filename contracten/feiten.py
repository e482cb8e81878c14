"""Dated legal facts: every figure with the period it holds for, its source and confidence.

A lookup for a date that no row covers raises GeenRegelVoorDatum: an old figure is never
silently reused for a date it was not published for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


class GeenRegelVoorDatum(LookupError):
    """No legal figure is known for the asked date (e.g. next year's minimum wage)."""

    def __init__(self, onderwerp: str, dag: date) -> None:
        super().__init__(
            f"Geen vastgesteld gegeven voor '{onderwerp}' op {dag:%d-%m-%Y}: "
            "de tabel in contracten/ moet eerst worden bijgewerkt."
        )
        self.onderwerp = onderwerp
        self.dag = dag


@dataclass(frozen=True)
class Feit(Generic[T]):
    """One figure, valid from `geldig_van` up to and including `geldig_tot` (None: open)."""

    waarde: T
    geldig_van: date
    geldig_tot: date | None
    bron: str
    zekerheid: str = "H"  # H high, M medium, L low (LAW.md)

    def geldt_op(self, dag: date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)


class DatedTable(Generic[T]):
    """The history of one legal figure; rows may not overlap."""

    def __init__(self, onderwerp: str, rijen: Iterable[Feit[T]]) -> None:
        self.onderwerp = onderwerp
        self.rijen = sorted(rijen, key=lambda r: r.geldig_van)
        for eerder, later in zip(self.rijen, self.rijen[1:], strict=False):
            if eerder.geldig_tot is None or eerder.geldig_tot >= later.geldig_van:
                raise ValueError(f"{onderwerp}: overlappende periodes vanaf {later.geldig_van}")

    def feit_op(self, dag: date) -> Feit[T]:
        for rij in self.rijen:
            if rij.geldt_op(dag):
                return rij
        raise GeenRegelVoorDatum(self.onderwerp, dag)

    def op(self, dag: date) -> T:
        return self.feit_op(dag).waarde
