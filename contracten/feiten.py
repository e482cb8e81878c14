"""Dated legal facts: every figure with the period it holds for, its source and confidence.

A lookup for a date that no row covers raises GeenRegelVoorDatum: an old figure is never
silently reused for a date it was not published for.

The rows written in `contracten/tabellen.py` are the reference (and seed the database). Broker
staff extend a table without a release by entering a row in the admin (model
`WettelijkGegeven`); `DatedTable.aanvullen` is the hook through which those rows are added at
lookup time. This module stays pure: it knows nothing of the database, only of that hook.

A row's period ends on its own `geldig_tot`, or, when that is open, the day before the next
row starts (a statute holds until amended). A row that `vervangt` nothing but starts on the
same day as a code row replaces it (staff confirming a provisional figure).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

T = TypeVar("T")

BEHEER_PAD = "Beheer › Contracten en arbeidsrecht › Wettelijke gegevens"


class GeenRegelVoorDatum(LookupError):
    """No legal figure is known for the asked date (e.g. next year's minimum wage)."""

    def __init__(self, onderwerp: str, dag: date, bekend_tot: date | None = None) -> None:
        bekend = f" (bekend tot en met {bekend_tot:%d-%m-%Y})" if bekend_tot else ""
        super().__init__(
            f"Geen vastgesteld gegeven voor '{onderwerp}' op {dag:%d-%m-%Y}{bekend}. "
            f"Een medewerker van de makelaar voert het gegeven vanaf die datum in, met de bron, "
            f"onder {BEHEER_PAD}; daarna kan dit werk doorgaan."
        )
        self.onderwerp = onderwerp
        self.dag = dag
        self.bekend_tot = bekend_tot


@dataclass(frozen=True)
class Feit(Generic[T]):
    """One figure, valid from `geldig_van` up to and including `geldig_tot` (None: open).

    `voorlopig`: computed the documented way (indexation) because the published figure was
    not yet known; shown as such wherever it is used until staff confirm it. `demo`: a figure
    the demo invented to keep running on any date, never used outside the demo. `id`: the
    database row it came from, None for a row written in code.
    """

    waarde: T
    geldig_van: date
    geldig_tot: date | None
    bron: str
    zekerheid: str = "H"  # H high, M medium, L low (contracten/BRONNEN.md §0)
    voorlopig: bool = False
    demo: bool = False
    id: int | None = None

    def geldt_op(self, dag: date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)

    @property
    def kenmerk(self) -> str:
        """'voorlopig' / 'demo' / '' — what a page or document shows beside the figure."""
        return "demo" if self.demo else ("voorlopig" if self.voorlopig else "")


# The hook through which rows entered by staff join the code rows: (table) -> extra rows.
Aanvulling = Callable[["DatedTable[Any]"], list[Feit[Any]]]


class DatedTable(Generic[T]):
    """The history of one legal figure; rows may not overlap.

    `vaste_sleutels`: a dict-valued figure whose every row must have the same keys (the
    minimum wage per age); False where a later row may have fewer (the BBL exception).
    """

    aanvulling: Aanvulling | None = None  # set once by the contracten app at start-up
    herladen: Callable[[], bool] | None = None  # re-read staff's rows before saying "unknown"

    def __init__(
        self, onderwerp: str, rijen: Iterable[Feit[T]], *, vaste_sleutels: bool = True
    ) -> None:
        self.onderwerp = onderwerp
        self.sleutel = ""  # the stable name under which the database stores rows (tabellen.py)
        self.vaste_sleutels = vaste_sleutels
        self.code_rijen: list[Feit[T]] = sorted(rijen, key=lambda r: r.geldig_van)
        controleer_aansluiting(onderwerp, self.code_rijen)
        self._extra: list[Feit[T]] | None = None
        self._samengevoegd: list[Feit[T]] = self.code_rijen

    @property
    def rijen(self) -> list[Feit[T]]:
        """The rows in force: the code rows, replaced or extended by staff's rows."""
        extra = DatedTable.aanvulling(self) if DatedTable.aanvulling and self.sleutel else []
        if not extra:
            return self.code_rijen
        if extra is not self._extra:  # the hook hands out the same list until a row changes
            self._extra, self._samengevoegd = extra, samenvoegen(self.code_rijen, extra)
        return self._samengevoegd

    def feit_op(self, dag: date) -> Feit[T]:
        gevonden = _zoek(self.rijen, dag)
        if gevonden is None and DatedTable.herladen is not None and DatedTable.herladen():
            gevonden = _zoek(self.rijen, dag)
        if gevonden is None:
            rijen = self.rijen
            laatste = self.bekend_tot(rijen)
            raise GeenRegelVoorDatum(
                self.onderwerp, dag, laatste if rijen and laatste and dag > laatste else None
            )
        return gevonden

    def op(self, dag: date) -> T:
        return self.feit_op(dag).waarde

    def bekend_tot(self, rijen: list[Feit[T]] | None = None) -> date | None:
        """The last day the table covers; None when its last row is open-ended."""
        rijen = self.rijen if rijen is None else rijen
        return rijen[-1].geldig_tot if rijen else None

    @property
    def sjabloon(self) -> T:
        """The shape every value of this table has: its latest code row (for a dict whose
        keys may vary, every key any code row has)."""
        laatste = self.code_rijen[-1].waarde
        if isinstance(laatste, dict) and not self.vaste_sleutels:
            samen: dict[Any, Any] = {}
            for rij in self.code_rijen:
                samen |= rij.waarde  # type: ignore[call-overload]  # T is a dict here
            return samen  # type: ignore[return-value]
        return laatste


def _zoek(rijen: list[Feit[T]], dag: date) -> Feit[T] | None:
    for rij in reversed(rijen):
        if rij.geldig_van <= dag:
            return rij if rij.geldt_op(dag) else None
    return None


def samenvoegen(code: list[Feit[T]], extra: list[Feit[T]]) -> list[Feit[T]]:
    """Code rows with staff rows: a staff row starting on the same day replaces the code row;
    an open row ends the day before the next one starts."""
    per_dag = {rij.geldig_van: rij for rij in code}
    per_dag |= {rij.geldig_van: rij for rij in extra}
    rijen = sorted(per_dag.values(), key=lambda r: r.geldig_van)
    uit = []
    for rij, volgende in zip(rijen, rijen[1:] + [None], strict=True):
        if rij.geldig_tot is None and volgende is not None:
            rij = dataclasses.replace(rij, geldig_tot=volgende.geldig_van - timedelta(days=1))
        elif (
            volgende is not None
            and rij.geldig_tot is not None
            and rij.geldig_tot >= volgende.geldig_van
        ):
            # Only possible when a staff row was stored while overlapping: the later row wins
            # from its first day, so no date ever has two answers.
            rij = dataclasses.replace(rij, geldig_tot=volgende.geldig_van - timedelta(days=1))
        uit.append(rij)
    return uit


def controleer_aansluiting(onderwerp: str, rijen: list[Feit[Any]]) -> None:
    for eerder, later in zip(rijen, rijen[1:], strict=False):
        if eerder.geldig_tot is None or eerder.geldig_tot >= later.geldig_van:
            raise ValueError(f"{onderwerp}: overlappende periodes vanaf {later.geldig_van}")


# --- Values as JSON (how staff enter them and the database stores them) -------------------------


class OngeldigeWaarde(ValueError):
    """A value entered for a table does not have the table's shape; the message is Dutch."""


def naar_json(waarde: Any) -> Any:
    """A table value as plain JSON: Decimals as strings, dict keys as strings, dataclasses as
    objects, tuples as lists."""
    if isinstance(waarde, Decimal):
        return str(waarde)
    if dataclasses.is_dataclass(waarde):
        return {
            veld.name: naar_json(getattr(waarde, veld.name)) for veld in dataclasses.fields(waarde)
        }
    if isinstance(waarde, dict):
        return {str(k): naar_json(v) for k, v in waarde.items()}
    if isinstance(waarde, tuple | list):
        return [naar_json(v) for v in waarde]
    return waarde


def uit_json(data: Any, sjabloon: Any, *, vaste_sleutels: bool = True, pad: str = "waarde") -> Any:
    """Read `data` in the shape of `sjabloon` (a value of the same table); Dutch errors."""
    if isinstance(sjabloon, bool):
        if not isinstance(data, bool):
            raise OngeldigeWaarde(f"{pad}: verwacht ja/nee (true/false).")
        return data
    if isinstance(sjabloon, Decimal):
        return _decimaal(data, pad)
    if isinstance(sjabloon, int):
        if isinstance(data, bool) or not isinstance(data, int):
            raise OngeldigeWaarde(f"{pad}: verwacht een geheel getal.")
        return data
    if isinstance(sjabloon, str):
        if not isinstance(data, str):
            raise OngeldigeWaarde(f"{pad}: verwacht tekst.")
        return data
    if dataclasses.is_dataclass(sjabloon):
        return _dataclass(data, sjabloon, pad)
    if isinstance(sjabloon, dict):
        return _woordenboek(data, sjabloon, vaste_sleutels, pad)
    if isinstance(sjabloon, tuple):
        return _rij(data, sjabloon, pad)
    raise OngeldigeWaarde(f"{pad}: dit soort gegeven kan niet worden ingevoerd.")


def _decimaal(data: Any, pad: str) -> Decimal:
    if isinstance(data, bool) or not isinstance(data, str | int | float):
        raise OngeldigeWaarde(f'{pad}: verwacht een bedrag of getal, zoals "15.28".')
    try:
        getal = Decimal(str(data))
    except InvalidOperation:
        raise OngeldigeWaarde(f"{pad}: '{data}' is geen getal.") from None
    if not getal.is_finite() or getal < 0:
        raise OngeldigeWaarde(f"{pad}: verwacht een getal van 0 of meer.")
    return getal


def _dataclass(data: Any, sjabloon: Any, pad: str) -> Any:
    velden = {veld.name for veld in dataclasses.fields(sjabloon)}
    if not isinstance(data, dict) or set(data) != velden:
        raise OngeldigeWaarde(f"{pad}: verwacht precies de velden {', '.join(sorted(velden))}.")
    return type(sjabloon)(
        **{
            naam: uit_json(data[naam], getattr(sjabloon, naam), pad=f"{pad}.{naam}")
            for naam in velden
        }
    )


def _woordenboek(
    data: Any, sjabloon: dict[Any, Any], vaste_sleutels: bool, pad: str
) -> dict[Any, Any]:
    if not isinstance(data, dict):
        raise OngeldigeWaarde(f"{pad}: verwacht een object met {', '.join(map(str, sjabloon))}.")
    per_tekst = {str(k): k for k in sjabloon}
    onbekend = set(data) - set(per_tekst)
    ontbrekend = set(per_tekst) - set(data)
    if onbekend or (vaste_sleutels and ontbrekend):
        raise OngeldigeWaarde(
            f"{pad}: verwacht precies de sleutels {', '.join(per_tekst)}"
            + (f" (onbekend: {', '.join(sorted(onbekend))})" if onbekend else "")
            + (f" (ontbreekt: {', '.join(sorted(ontbrekend))})" if ontbrekend else "")
            + "."
        )
    return {
        per_tekst[k]: uit_json(v, sjabloon[per_tekst[k]], pad=f"{pad}.{k}") for k, v in data.items()
    }


def _rij(data: Any, sjabloon: tuple[Any, ...], pad: str) -> tuple[Any, ...]:
    if not isinstance(data, list):
        raise OngeldigeWaarde(f"{pad}: verwacht een lijst.")
    if len({type(v) for v in sjabloon}) > 1:  # a fixed record, e.g. (threshold, minutes)
        if len(data) != len(sjabloon):
            raise OngeldigeWaarde(f"{pad}: verwacht een lijst van {len(sjabloon)} waarden.")
        return tuple(
            uit_json(v, s, pad=f"{pad}[{i}]")
            for i, (v, s) in enumerate(zip(data, sjabloon, strict=True))
        )
    if not sjabloon:
        raise OngeldigeWaarde(f"{pad}: dit soort gegeven kan niet worden ingevoerd.")
    return tuple(uit_json(v, sjabloon[0], pad=f"{pad}[{i}]") for i, v in enumerate(data))
