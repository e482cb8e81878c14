"""What the invoice writers need, read from a stored invoice (so a re-render is identical)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings

from coop.models import Factuur
from coop.models.facturen import UrenSoort

REGIE_KORT = {
    "makelaar": "aanneming van werk (regie bij de makelaar)",
    "opdrachtgever": "terbeschikkingstelling (onder leiding van de opdrachtgever)",
}


@dataclass(frozen=True)
class Regelweergave:
    volgorde: int
    omschrijving: str
    regie: str
    uren_soort: str
    uren: Decimal
    tarief: Decimal
    bedrag: Decimal
    toelichting: str


@dataclass(frozen=True)
class Postweergave:
    regel: int  # volgorde of its invoice line
    datum: date
    werknemer: str
    locatie: str
    uren_soort: str
    uren: Decimal
    aandeel: Decimal


@dataclass(frozen=True)
class Factuurweergave:
    nummer: str
    soort: str
    titel: str
    factuurdatum: date
    vervaldatum: date
    periode: str
    periode_begin: date
    periode_eind: date
    werkgever: str
    werkgever_kvk: str
    makelaar: dict
    regels: tuple[Regelweergave, ...]
    posten: tuple[Postweergave, ...]
    bedrag_excl: Decimal
    btw_percentage: Decimal
    btw_bedrag: Decimal
    bedrag_incl: Decimal
    crediteert: str = ""
    reden: str = ""

    @property
    def moment(self) -> datetime:
        """The fixed timestamp written into the files: the invoice date, midnight."""
        d = self.factuurdatum
        return datetime(d.year, d.month, d.day)

    @property
    def btw_procent(self) -> Decimal:
        return (self.btw_percentage * 100).normalize()

    @property
    def regimes(self) -> set[str]:
        """The regimes (makelaar, opdrachtgever) of the invoice's lines."""
        return {r.regie for r in self.regels}

    def per_regie(self) -> list[tuple[str, Decimal]]:
        """Subtotal per kind of work (contracten/BRONNEN.md §8), in a fixed order."""
        totalen: dict[str, Decimal] = {}
        for r in self.regels:
            totalen[r.regie] = totalen.get(r.regie, Decimal(0)) + r.bedrag
        return [(REGIE_KORT.get(k, k), totalen[k]) for k in REGIE_KORT if k in totalen]


def factuur_weergave(factuur: Factuur) -> Factuurweergave:
    regels = list(factuur.regels.order_by("volgorde"))
    volgorde = {r.pk: r.volgorde for r in regels}
    posten = factuur.posten.order_by("datum", "werknemer_naam", "pk")
    credit = factuur.soort == Factuur.Soort.CREDIT
    return Factuurweergave(
        nummer=factuur.nummer,
        soort=factuur.soort,
        titel="Creditfactuur" if credit else "Factuur",
        factuurdatum=factuur.factuurdatum,
        vervaldatum=factuur.vervaldatum,
        periode=factuur.periode.code,
        periode_begin=factuur.periode.begin,
        periode_eind=factuur.periode.eind,
        werkgever=factuur.werkgever_naam,
        werkgever_kvk=factuur.werkgever_kvk,
        makelaar=dict(settings.COOP_MAKELAAR),  # the one set of the broker's details
        regels=tuple(
            Regelweergave(
                r.volgorde,
                r.omschrijving,
                r.regie,
                str(UrenSoort(r.uren_soort).label),
                r.uren,
                r.tarief,
                r.bedrag,
                r.toelichting,
            )
            for r in regels
        ),
        posten=tuple(
            Postweergave(
                volgorde[p.regel_id],
                p.datum,
                p.werknemer_naam,
                p.locatie,
                str(UrenSoort(p.uren_soort).label),
                p.uren,
                p.aandeel,
            )
            for p in posten
        ),
        bedrag_excl=factuur.bedrag_excl,
        btw_percentage=factuur.btw_percentage,
        btw_bedrag=factuur.btw_bedrag,
        bedrag_incl=factuur.bedrag_incl,
        crediteert=factuur.crediteert.nummer if factuur.crediteert_id else "",
        reden=factuur.reden,
    )
