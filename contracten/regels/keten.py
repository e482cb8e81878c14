"""The chain rule for fixed-term contracts (ketenregeling, art. 7:668a BW).

Counting, decided here and applied throughout:

* Only fixed-term contracts between the member and the broker count (pass those of a
  successor employer for the same work too: they count in the same chain).
* A gap counts from the day after one contract's last day to the day before the next one's
  first day. A gap of exactly 6 calendar months keeps the chain (last day 31 December,
  next first day 1 July); one day more (2 July) starts a new chain.
* 36 months run from the first day of the chain's first contract, gaps included
  (1 January 2024 - 31 December 2026 is exactly 36 months and still allowed). The contract
  that passes them is indefinite from the first day past the 36 months.
* The 4th contract of a chain is indefinite from its first day.
* Contracts of a member under 18 (on their last day) averaging at most 12 hours a week are
  left out of the chain, when the date of birth and the average hours are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from contracten import tabellen as t
from contracten.regels.fouten import RegelFout
from contracten.regels.kalender import EEN_DAG, leeftijd_op, periode_einde


@dataclass(frozen=True)
class ContractPeriode:
    """An earlier fixed-term contract: first and last day (inclusive)."""

    begin: date
    eind: date
    gemiddelde_uren_per_week: Decimal | None = None


@dataclass(frozen=True)
class KetenUitkomst:
    """What the chain rule makes of the next contract."""

    tijdelijk_toegestaan: bool  # a fixed term holds for the whole new contract
    vast_vanaf: date | None  # the day from which it is indefinite (None: it stays fixed-term)
    nummer_in_keten: int  # 1 for the first contract of a (new) chain
    keten_begin: date  # first day of the chain's first contract
    reden: str  # Dutch, for the member and staff

    @property
    def vast(self) -> bool:
        return self.vast_vanaf is not None


def _d(dag: date) -> str:
    return f"{dag:%d-%m-%Y}"


def sluit_aan(eind: date, volgend_begin: date, max_tussenpoos_maanden: int) -> bool:
    """Whether a contract starting `volgend_begin` continues the chain of one ending `eind`."""
    eerste_vrije_dag = eind + EEN_DAG
    return volgend_begin <= periode_einde(eerste_vrije_dag, max_tussenpoos_maanden) + EEN_DAG


def _controleer(
    eerdere: Sequence[ContractPeriode], nieuw_begin: date, nieuw_eind: date | None
) -> None:
    if nieuw_eind is not None and nieuw_eind < nieuw_begin:
        raise RegelFout("De einddatum ligt vóór de begindatum.", veld="eind")
    vorige_eind: date | None = None
    for periode in sorted(eerdere, key=lambda p: p.begin):
        if periode.eind < periode.begin:
            raise RegelFout(
                f"Een eerder contract eindigt ({_d(periode.eind)}) vóór het begint.",
                veld="eerdere",
            )
        if vorige_eind is not None and periode.begin <= vorige_eind:
            raise RegelFout("Eerdere contracten overlappen elkaar.", veld="eerdere")
        vorige_eind = periode.eind
    if vorige_eind is not None and vorige_eind >= nieuw_begin:
        raise RegelFout(
            f"Een eerder contract loopt nog op {_d(nieuw_begin)}, de begindatum van het nieuwe.",
            veld="begin",
        )


def _telt_mee(periode: ContractPeriode, geboortedatum: date | None, f: t.KetenFiguren) -> bool:
    if geboortedatum is None or periode.gemiddelde_uren_per_week is None:
        return True
    jong = leeftijd_op(geboortedatum, periode.eind) < f.jongere_leeftijd
    return not (jong and periode.gemiddelde_uren_per_week <= f.jongere_max_uren_per_week)


def keten_van(
    eerdere: Sequence[ContractPeriode],
    nieuw_begin: date,
    f: t.KetenFiguren,
    geboortedatum: date | None = None,
) -> list[ContractPeriode]:
    """The earlier contracts still in one chain with a contract starting `nieuw_begin`."""
    keten: list[ContractPeriode] = []
    volgend_begin = nieuw_begin
    for periode in sorted(eerdere, key=lambda p: p.eind, reverse=True):
        if not _telt_mee(periode, geboortedatum, f):
            continue
        if not sluit_aan(periode.eind, volgend_begin, f.max_tussenpoos_maanden):
            break
        keten.append(periode)
        volgend_begin = periode.begin
    return keten


def ketenregeling(
    eerdere: list[ContractPeriode],
    nieuw_begin: date,
    nieuw_eind: date | None,
    *,
    geboortedatum: date | None = None,
) -> KetenUitkomst:
    """Whether the next contract may be fixed-term, or is indefinite and from which day.

    `eerdere`: the member's earlier fixed-term contracts with the broker, all ended before
    `nieuw_begin`. `nieuw_eind` None means the parties agree an indefinite contract. The
    law as it reads on `nieuw_begin` applies (see the module docstring for the counting).
    """
    _controleer(eerdere, nieuw_begin, nieuw_eind)
    f = t.KETEN.op(nieuw_begin)
    keten = keten_van(eerdere, nieuw_begin, f, geboortedatum)
    nummer = len(keten) + 1
    keten_begin = keten[-1].begin if keten else nieuw_begin
    grens = periode_einde(keten_begin, f.max_maanden)
    if nieuw_eind is None:
        reden = "Overeengekomen voor onbepaalde tijd."
        return KetenUitkomst(False, nieuw_begin, nummer, keten_begin, reden)
    if nummer > f.max_contracten:
        reden = (
            f"Dit is het {nummer}e tijdelijke contract in een keten sinds {_d(keten_begin)} "
            f"(tussenpozen van ten hoogste {f.max_tussenpoos_maanden} maanden): het geldt "
            f"voor onbepaalde tijd vanaf {_d(nieuw_begin)}."
        )
        return KetenUitkomst(False, nieuw_begin, nummer, keten_begin, reden)
    if nieuw_eind > grens:
        vast_vanaf = max(grens + EEN_DAG, nieuw_begin)
        reden = (
            f"De keten sinds {_d(keten_begin)} overschrijdt {f.max_maanden} maanden na "
            f"{_d(grens)}: het contract geldt voor onbepaalde tijd vanaf {_d(vast_vanaf)}."
        )
        return KetenUitkomst(False, vast_vanaf, nummer, keten_begin, reden)
    reden = (
        f"Contract {nummer} van ten hoogste {f.max_contracten} in de keten sinds "
        f"{_d(keten_begin)}; de keten mag tot en met {_d(grens)} tijdelijk blijven."
    )
    return KetenUitkomst(True, None, nummer, keten_begin, reden)
