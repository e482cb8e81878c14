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
from contracten.regels import max_proeftijd, plus_maanden, vakantie_uren_per_jaar
from contracten.regels.uren import honderdste_uur


def _proeftijd_te_lang(hoogste: int, dag: date) -> str:
    """Why a probation is too long, with the figures of the table on `dag` (7:652)."""
    f = t.PROEFTIJD.op(dag)
    if hoogste == 0:
        return f"Bij een contract van {f.geen_tot_en_met_maanden} maanden of korter geldt geen proeftijd."
    if hoogste == f.kort_max and f.kort_tot_maanden % 12 == 0:
        maand = "maand" if f.kort_max == 1 else "maanden"
        return (
            f"Bij een contract korter dan {f.kort_tot_maanden // 12} jaar is de proeftijd "
            f"ten hoogste {f.kort_max} {maand}."
        )
    return f"De proeftijd is ten hoogste {hoogste} maanden."


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
    def vakantie_weken(self) -> int:
        """Statutory holiday a year in weeks of the agreed hours (7:634), from the table."""
        return t.VAKANTIE.op(self.ingangsdatum).weken_per_jaar

    @property
    def vakantie_verval_maanden(self) -> int:
        """Statutory holiday hours lapse this many months after the year (7:640a)."""
        return t.VAKANTIE.op(self.ingangsdatum).verval_maanden_na_jaar

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
            raise ValueError(_proeftijd_te_lang(hoogste, self.ingangsdatum))


class ArbeidsovereenkomstContext(_Overeenkomst):
    """A contract with fixed weekly hours and (optionally) a fixed schedule."""

    TITEL: ClassVar[str] = "Arbeidsovereenkomst"

    uren_per_week: Uren = Field(gt=0)
    rooster: list[Roosterregel] = []
    # What happens on public holidays, as agreed per place of work (worked or free, surcharge).
    feestdagen: list[str] = []

    @property
    def vakantie_uren(self) -> Decimal:
        """Statutory leave a year: the table's weeks times the weekly hours (BW 7:634)."""
        return honderdste_uur(vakantie_uren_per_jaar(self.uren_per_week, self.ingangsdatum))

    @property
    def oproeptermijn_dagen(self) -> int | None:
        """Without a fixed schedule, working times are made known at least the statutory call
        term ahead (7:628a, unpredictable work); None when the contract has a schedule."""
        if self.rooster:
            return None
        return figuur(lambda: t.OPROEP.op(self.ingangsdatum).oproeptermijn_dagen)


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
    def aanbod_na_maanden(self) -> int:
        """The fixed-hours offer comes after every this many months (7:628a lid 5)."""
        return t.OPROEP.op(self.ingangsdatum).aanbod_na_maanden

    @property
    def aanbod_vaste_uren_op(self) -> date:
        return plus_maanden(self.ingangsdatum, t.OPROEP.op(self.ingangsdatum).aanbod_na_maanden)
