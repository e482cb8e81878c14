"""The contexts of a written call and of its cancellation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import ClassVar

from pydantic import Field, model_validator

from contracten import tabellen as t
from contracten.contexten import (
    AMSTERDAM,
    Bedrag,
    DocumentContext,
    Tekst,
    Tijdstip,
    Werkplek,
    figuur,
    vul,
)
from contracten.regels import oproep_termijn_ok
from contracten.regels.geld import bedrag
from contracten.regels.uren import honderdste_uur


class _Oproepmoment(DocumentContext):
    """One called shift: when, where, what and what it pays."""

    oproepovereenkomst_nummer: str = ""
    datum: date
    begin: time
    eind: time
    pauze_minuten: int = Field(0, ge=0, le=120)
    werkplek: Werkplek
    werkzaamheden: Tekst
    uurloon: Bedrag
    # None: the statutory term on the work day (filled on validation, then stored).
    oproeptermijn_dagen: int | None = Field(None, ge=1, le=14)
    minimum_uren_van_toepassing: bool = True
    contactpersoon: str = ""
    # True: placed under the client's direction (the client is the inlener), else the broker
    # directs the work and the client is its opdrachtgever. The broker is the employer.
    terbeschikkingstelling: bool = False

    @model_validator(mode="after")
    def _tijden(self) -> _Oproepmoment:
        if self.eind <= self.begin:
            raise ValueError("De eindtijd ligt niet na de begintijd.")
        if self.uren <= 0:
            raise ValueError("De pauze is even lang als of langer dan de dienst.")
        figuren = figuur(lambda: t.OPROEP.op(self.datum))
        if self.oproeptermijn_dagen is None:
            vul(self, "oproeptermijn_dagen", figuren.oproeptermijn_dagen)
        return self

    @property
    def aanvang(self) -> datetime:
        return datetime.combine(self.datum, self.begin, tzinfo=AMSTERDAM)

    @property
    def uren(self) -> Decimal:
        minuten = (self.eind.hour * 60 + self.eind.minute) - (
            self.begin.hour * 60 + self.begin.minute
        )
        return honderdste_uur(Decimal(minuten - self.pauze_minuten) / 60)

    @property
    def minimum_uren(self) -> Decimal:
        return t.OPROEP.op(self.datum).min_uren_per_oproep

    @property
    def betaalde_uren(self) -> Decimal:
        """A call under 3 hours is paid as 3 where the contract has under 15 hours (7:628a)."""
        if self.minimum_uren_van_toepassing:
            return max(self.uren, self.minimum_uren)
        return self.uren

    @property
    def loon(self) -> Decimal:
        """The pay, rounded as payroll rounds it: per component (hours, top-up), then added."""
        return bedrag(self.uren, self.uurloon) + bedrag(
            self.betaalde_uren - self.uren, self.uurloon
        )

    def gestelde_lonen(self) -> list[tuple[date, Decimal]]:
        return [(self.datum, self.uurloon)]

    def _binnen_termijn(self, moment: datetime) -> bool:
        """True when `moment` is less than the notice period before the start (7:628a).

        The statutory term is counted as regels.oproep counts it (calendar days on the
        Amsterdam wall clock); a shorter term agreed in a CAO is passed as hours.
        """
        wettelijk = t.OPROEP.op(self.datum).oproeptermijn_dagen
        cao = (
            None
            if self.oproeptermijn_dagen >= wettelijk
            else timedelta(days=self.oproeptermijn_dagen)
        )
        return not oproep_termijn_ok(moment, self.aanvang, cao_termijn=cao)


class OproepContext(_Oproepmoment):
    """A call for work; the employer named in the Document may see it (no BSN, no address)."""

    TITEL: ClassVar[str] = "Oproep"

    opgeroepen_op: Tijdstip
    # Set when the member accepted the work before this call was written (the usual case).
    aangenomen_op: Tijdstip | None = None

    @model_validator(mode="after")
    def _oproep_voor_aanvang(self) -> OproepContext:
        if self.opgeroepen_op >= self.aanvang:
            raise ValueError("De oproep ligt niet vóór het begin van het werk.")
        return self

    @property
    def korter_dan_termijn(self) -> bool:
        """A call later than the call term ahead may be refused without consequence (7:628a lid 3)."""
        return self._binnen_termijn(self.opgeroepen_op)

    @property
    def termijn_dagen(self) -> int:
        """Whole days between the call and the start of the work."""
        return (self.aanvang - self.opgeroepen_op).days

    @property
    def termijn_uren(self) -> int:
        """The hours beyond `termijn_dagen` (a call 1 day and 23 hours ahead is not "1 day")."""
        return (self.aanvang - self.opgeroepen_op).seconds // 3600


class AnnuleringOproepContext(_Oproepmoment):
    """A call withdrawn; within the notice period the pay for the called hours is kept."""

    TITEL: ClassVar[str] = "Annulering van een oproep"

    oproep_nummer: Tekst
    geannuleerd_op: Tijdstip
    reden: str = ""

    @property
    def loon_behouden(self) -> bool:
        """BW 7:628a lid 4: cancelled within the notice period, the called hours are paid."""
        return self._binnen_termijn(self.geannuleerd_op)
