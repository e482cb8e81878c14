"""The neighbourhood-economy report's arithmetic: hours lines in, figures per wijk and employer out.

Pure: frozen dataclasses and Decimals in and out; no Django, no database, no clock. The
service (coop.services.facturen.rapport) reads the lines and the SROI model and hands them in;
the definitions are in that module's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from contracten.regels.geld import cent

NUL = Decimal("0")
# The target group whose members earn the SROI model's status-holder bonus (the value of
# werknemers.models.Werknemer.Doelgroep.STATUSHOUDER; a test keeps the two equal).
STATUSHOUDER = "statushouder"


class SroiParameters(Protocol):
    """What the arithmetic reads of an SROI model (coop.models.SroiModel has these)."""

    waarden: dict
    bonus_50plus: Decimal
    bonus_statushouder: Decimal
    bonus_vast_contract: Decimal

    @property
    def jaaruren(self) -> Decimal: ...


def aandeel(deel: Decimal, geheel: Decimal) -> Decimal:
    """A share as a fraction with four decimals (0.7500); 0 when there is no whole."""
    return (deel / geheel).quantize(Decimal("0.0001"), ROUND_HALF_UP) if geheel else NUL


@dataclass(frozen=True)
class Regel:
    """One hours line as the report sees it."""

    werknemer_id: int
    woonwijk: str
    werkgever_id: int
    werkgever: str
    wijk: str
    vast: bool
    uren: Decimal
    loon: Decimal
    doelgroep: str
    leeftijd: int


@dataclass
class Cijfers:
    """The figures of one wijk, one employer or the whole."""

    naam: str
    uren: Decimal = NUL
    loon: Decimal = NUL
    vast_uren: Decimal = NUL
    incidenteel_uren: Decimal = NUL
    uren_door_bewoners: Decimal = NUL
    geld_in_wijk: Decimal = NUL
    loon_naar_bewoners: Decimal = NUL
    leden: set[int] = field(default_factory=set)
    bewoners_met_werk: set[int] = field(default_factory=set)
    sroi_uren: Decimal = NUL
    sroi_waarde: Decimal = NUL
    sroi_per_doelgroep: dict[str, dict[str, Decimal]] = field(default_factory=dict)

    def tel(self, r: Regel, lokaal: bool) -> None:
        self.uren += r.uren
        self.loon += r.loon
        if r.vast:
            self.vast_uren += r.uren
        else:
            self.incidenteel_uren += r.uren
        if lokaal:
            self.uren_door_bewoners += r.uren
            self.geld_in_wijk += r.loon
        self.leden.add(r.werknemer_id)

    @property
    def aandeel_bewoners(self) -> Decimal:
        return aandeel(self.uren_door_bewoners, self.uren)

    @property
    def aandeel_geld_in_wijk(self) -> Decimal:
        return aandeel(self.geld_in_wijk, self.loon)

    def als_dict(self) -> dict:
        return {
            "uren": self.uren,
            "loon": self.loon,
            "vast_uren": self.vast_uren,
            "incidenteel_uren": self.incidenteel_uren,
            "uren_door_bewoners": self.uren_door_bewoners,
            "aandeel_bewoners": self.aandeel_bewoners,
            "geld_in_wijk": self.geld_in_wijk,
            "aandeel_geld_in_wijk": self.aandeel_geld_in_wijk,
            "leden_met_werk": len(self.leden),
        }


def sroi_waarde_per_jaar(model: SroiParameters, r: Regel) -> Decimal:
    """The yearly value of this member's full-time work under the model (0: no target group)."""
    if not r.doelgroep:
        return NUL
    waarde = Decimal(str(model.waarden.get(r.doelgroep, 0)))
    if r.leeftijd >= 50:
        waarde += model.bonus_50plus
    if r.doelgroep == STATUSHOUDER:
        waarde += model.bonus_statushouder
    if r.vast:
        waarde += model.bonus_vast_contract
    return waarde


def sroi_tellen(c: Cijfers, model: SroiParameters, r: Regel) -> None:
    if not r.doelgroep:
        return
    waarde = cent(r.uren * sroi_waarde_per_jaar(model, r) / model.jaaruren)
    c.sroi_uren += r.uren
    c.sroi_waarde += waarde
    groep = c.sroi_per_doelgroep.setdefault(r.doelgroep, {"uren": NUL, "waarde": NUL})
    groep["uren"] += r.uren
    groep["waarde"] += waarde


def optellen(regels: list[Regel], model: SroiParameters):
    """Per wijk, per employer and in total (see the module docstring for the definitions)."""
    wijken: dict[str, Cijfers] = {}
    werkgevers: dict[int, Cijfers] = {}
    totaal = Cijfers("Totaal")
    for r in regels:
        lokaal = bool(r.woonwijk) and r.woonwijk == r.wijk
        wijken.setdefault(r.wijk, Cijfers(r.wijk)).tel(r, lokaal)
        werkgevers.setdefault(r.werkgever_id, Cijfers(r.werkgever)).tel(r, lokaal)
        totaal.tel(r, lokaal)
        for c in (werkgevers[r.werkgever_id], totaal):
            sroi_tellen(c, model, r)
        if r.woonwijk:
            woon = wijken.setdefault(r.woonwijk, Cijfers(r.woonwijk))
            woon.loon_naar_bewoners += r.loon
            woon.bewoners_met_werk.add(r.werknemer_id)
    totaal.loon_naar_bewoners = sum((c.loon_naar_bewoners for c in wijken.values()), NUL)
    totaal.bewoners_met_werk = set().union(*(c.bewoners_met_werk for c in wijken.values()))
    return wijken, werkgevers, totaal
