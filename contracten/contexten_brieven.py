"""The contexts of the letters: the fixed-hours offer, the notice of (non-)renewal and the
confirmation of a sick report."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from contracten import tabellen as t
from contracten.contexten import (
    Bedrag,
    DocumentContext,
    Roosterregel,
    Tekst,
    Tijdstip,
    Uren,
)


class AanbodVasteUrenContext(DocumentContext):
    """The written offer of fixed hours after 12 months of an on-call contract (7:628a lid 5)."""

    TITEL: ClassVar[str] = "Aanbod vaste arbeidsomvang"

    oproepovereenkomst_nummer: Tekst
    periode_van: date
    periode_tot: date
    gemiddelde_uren_per_week: Uren
    aangeboden_uren_per_week: Uren
    ingangsdatum: date
    reageren_voor: date
    uurloon: Bedrag | None = None
    rooster: list[Roosterregel] = []

    def gestelde_lonen(self) -> list[tuple[date, Decimal]]:
        return [(self.ingangsdatum, self.uurloon)] if self.uurloon else []

    @property
    def aanbod_na_maanden(self) -> int:
        """The months of on-call work the offer looks back on (7:628a lid 5)."""
        return t.OPROEP.op(self.periode_van).aanbod_na_maanden

    @model_validator(mode="after")
    def _aanbod(self) -> AanbodVasteUrenContext:
        if self.periode_tot <= self.periode_van:
            raise ValueError("De referteperiode eindigt niet na haar begin.")
        if self.aangeboden_uren_per_week < self.gemiddelde_uren_per_week:
            raise ValueError(
                "Het aanbod is ten minste het gemiddelde aantal betaalde uren per week."
            )
        return self


class AanzeggingContext(DocumentContext):
    """Written notice whether a fixed-term contract continues (aanzegplicht, BW 7:668)."""

    TITEL: ClassVar[str] = "Aanzegging einde arbeidsovereenkomst"

    overeenkomst_nummer: Tekst
    ingangsdatum: date
    einddatum: date
    voortzetting: bool
    nieuwe_einddatum: date | None = None
    uren_per_week: Uren | None = None
    uurloon: Bedrag | None = None
    voorwaarden: str = ""

    @model_validator(mode="after")
    def _voortzetting(self) -> AanzeggingContext:
        if not self.voortzetting and self.nieuwe_einddatum is not None:
            raise ValueError("Zonder voortzetting is er geen nieuwe einddatum.")
        if self.nieuwe_einddatum is not None and self.nieuwe_einddatum <= self.einddatum:
            raise ValueError("De nieuwe einddatum ligt niet na de huidige einddatum.")
        return self

    @property
    def onbepaalde_tijd(self) -> bool:
        return self.voortzetting and self.nieuwe_einddatum is None

    def gestelde_lonen(self) -> list[tuple[date, Decimal]]:
        if not (self.voortzetting and self.uurloon):
            return []
        return [(self.einddatum + timedelta(days=1), self.uurloon)]


class BevestigingZiekmeldingContext(DocumentContext):
    """The written confirmation of a sick report, with the pay rules that apply (7:629)."""

    TITEL: ClassVar[str] = "Bevestiging ziekmelding"

    gemeld_op: Tijdstip
    ziek_vanaf: date
    verwacht_tot: date | None = None
    doorbetaling_procent: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)]
    minimumloon_weken: int
    wachtdagen: int = 0
    vrijgegeven: list[Tekst] = []

    @model_validator(mode="after")
    def _volgorde(self) -> BevestigingZiekmeldingContext:
        if self.verwacht_tot is not None and self.verwacht_tot < self.ziek_vanaf:
            raise ValueError("De verwachte laatste dag ligt vóór de eerste ziektedag.")
        return self
