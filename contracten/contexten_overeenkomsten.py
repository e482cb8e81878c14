"""The contexts of the contracts: the employment contract and the on-call framework contract."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from contracten import tabellen as t
from contracten.contexten import (
    Bedrag,
    DocumentContext,
    Loonstap,
    Roosterregel,
    Tekst,
    Uren,
    Werkplek,
    figuur,
    vakantietoeslag_minimum,
    vul,
)
from contracten.regels import max_proeftijd, plus_maanden
from contracten.regels.geld import cent as _cent

_PROEFTIJD_TE_LANG = {
    0: "Bij een contract van 6 maanden of korter geldt geen proeftijd.",
    1: "Bij een contract korter dan 2 jaar is de proeftijd ten hoogste 1 maand.",
}


class _Overeenkomst(DocumentContext):
    """What an employment contract states under BW 7:655 (contracten/BRONNEN.md §7)."""

    soort_contract: Literal["bepaalde_tijd", "onbepaalde_tijd"]
    functie: Tekst
    functieomschrijving: str = ""
    werkplekken: list[Werkplek] = Field(min_length=1)
    ingangsdatum: date
    einddatum: date | None = None
    proeftijd_maanden: int = Field(0, ge=0, le=2)
    uurloon: Bedrag
    # The wage on the first day and every change during the term (first step: ingangsdatum).
    loonverloop: list[Loonstap] = []
    betaling: Literal["maandelijks", "per vier weken"] = "maandelijks"
    # None: the statutory minimum on the start date (filled on validation, then stored).
    vakantietoeslag_procent: Decimal | None = Field(None, max_digits=4, decimal_places=2)
    opzegtermijn_werkgever_maanden: int = Field(1, ge=1, le=6)
    opzegtermijn_werknemer_maanden: int = Field(1, ge=1, le=6)
    tussentijds_opzegbaar: bool = True
    terbeschikkingstelling: bool = False
    cao: str = ""
    pensioen: str = ""
    opleiding: str = ""
    plaats_ondertekening: Tekst

    @model_validator(mode="after")
    def _termijnen(self) -> _Overeenkomst:
        if self.soort_contract == "bepaalde_tijd":
            if self.einddatum is None:
                raise ValueError("Een contract voor bepaalde tijd heeft een einddatum.")
            if self.einddatum <= self.ingangsdatum:
                raise ValueError("De einddatum ligt niet na de ingangsdatum.")
        elif self.einddatum is not None:
            raise ValueError("Een contract voor onbepaalde tijd heeft geen einddatum.")
        self._controleer_proeftijd()
        self._controleer_loonverloop()
        minimum = figuur(lambda: vakantietoeslag_minimum(self.ingangsdatum))
        if self.vakantietoeslag_procent is None:
            vul(self, "vakantietoeslag_procent", minimum)
        elif self.vakantietoeslag_procent < minimum:
            raise ValueError(f"De vakantietoeslag is ten minste {minimum}%.")
        return self

    def _controleer_loonverloop(self) -> None:
        if not self.loonverloop:
            return
        eerste = self.loonverloop[0]
        if (eerste.vanaf, eerste.uurloon) != (self.ingangsdatum, self.uurloon):
            raise ValueError("Het loonverloop begint op de ingangsdatum met het uurloon.")
        data = [stap.vanaf for stap in self.loonverloop]
        if data != sorted(set(data)):
            raise ValueError("De stappen van het loonverloop staan niet op volgorde.")
        if self.einddatum is not None and data[-1] > self.einddatum:
            raise ValueError("Een stap van het loonverloop ligt na de einddatum.")

    @property
    def loonwijzigingen(self) -> list[dict]:
        """The changes of the wage after the first day, for the wage article."""
        return [stap.model_dump() for stap in self.loonverloop[1:]]

    @property
    def begint_met_minimumloon(self) -> bool:
        return bool(self.loonverloop) and self.loonverloop[0].minimumloon

    def gestelde_lonen(self) -> list[tuple[date, Decimal]]:
        if self.loonverloop:
            return [(stap.vanaf, stap.uurloon) for stap in self.loonverloop]
        return [(self.ingangsdatum, self.uurloon)]

    def _controleer_proeftijd(self) -> None:
        """BW 7:652 (regels.max_proeftijd): none up to 6 months, at most 1 month under 2 years.

        Whether this is a follow-up contract for the same work (then none at all) is for the
        issuer to decide; the document checks the ceiling for a first contract.
        """
        if self.proeftijd_maanden == 0:
            return
        hoogste = figuur(
            lambda: max_proeftijd(
                self.ingangsdatum, self.einddatum, vervolgcontract_zelfde_werk=False
            )
        )
        if self.proeftijd_maanden > hoogste:
            raise ValueError(
                _PROEFTIJD_TE_LANG.get(hoogste, f"De proeftijd is ten hoogste {hoogste} maanden.")
            )


class ArbeidsovereenkomstContext(_Overeenkomst):
    """A contract with fixed weekly hours and (optionally) a fixed schedule."""

    TITEL: ClassVar[str] = "Arbeidsovereenkomst"

    uren_per_week: Uren = Field(gt=0)
    rooster: list[Roosterregel] = []
    # What happens on public holidays, as agreed per place of work (worked or free, surcharge).
    feestdagen: list[str] = []

    @property
    def vakantie_uren(self) -> Decimal:
        """Statutory leave: four times the weekly hours a year (BW 7:634)."""
        return _cent(4 * self.uren_per_week)


class OproepovereenkomstContext(_Overeenkomst):
    """An on-call contract (BW 7:628a): reference days, notice of calls, minimum per call."""

    TITEL: ClassVar[str] = "Oproepovereenkomst"

    garantie_uren_per_week: Uren = Decimal("0")
    max_uren_per_week: Uren | None = None
    referentiedagen: list[Roosterregel] = Field(min_length=1)
    # None: the statutory term on the start date (filled on validation, then stored).
    oproeptermijn_dagen: int | None = Field(None, ge=1, le=14)

    @model_validator(mode="after")
    def _oproepregels(self) -> OproepovereenkomstContext:
        wettelijk = figuur(lambda: t.OPROEP.op(self.ingangsdatum)).oproeptermijn_dagen
        if self.oproeptermijn_dagen is None:
            vul(self, "oproeptermijn_dagen", wettelijk)
        if self.oproeptermijn_dagen < wettelijk and not self.cao:
            raise ValueError(f"Een oproeptermijn korter dan {wettelijk} dagen kan alleen bij cao.")
        if (
            self.max_uren_per_week is not None
            and self.max_uren_per_week < self.garantie_uren_per_week
        ):
            raise ValueError("Het maximum aantal uren is kleiner dan het gegarandeerde aantal.")
        return self

    @property
    def minimum_uren_per_oproep(self) -> Decimal:
        return t.OPROEP.op(self.ingangsdatum).min_uren_per_oproep

    @property
    def minimum_per_oproep_geldt(self) -> bool:
        return self.garantie_uren_per_week < t.OPROEP.op(self.ingangsdatum).grens_uren_per_week

    @property
    def aanbod_vaste_uren_op(self) -> date:
        return plus_maanden(self.ingangsdatum, t.OPROEP.op(self.ingangsdatum).aanbod_na_maanden)
