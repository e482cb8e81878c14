"""The context of each document kind (the keys the broker fills) and the API's output schemas.

Every document is rendered from a plain dict. The models below define and validate its keys,
so a missing date or a wage of "abc" is a 400 naming the field, never a half-written PDF.
What is stored in `Document.gegevens` is the validated context as JSON (`model_dump(mode=
"json")`): validating it again gives the same values, so a document can be re-rendered.

Keys the service fills itself (callers leave them out): `document` (number, version, date,
title) and `werknemer` (name, address and birth date from the Werknemer record). BSN and
IBAN are never part of a context: extra keys are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, ClassVar, Literal, TypeVar, get_args
from zoneinfo import ZoneInfo

from django.urls import reverse
from ninja import Schema
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from contracten import tabellen as t
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import DocumentSoort
from contracten.regels import (
    max_proeftijd,
    oproep_termijn_ok,
    plus_maanden,
    vakantie_uren_per_jaar,
)
from contracten.regels.geld import bedrag
from contracten.regels.uren import honderdste_uur

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
T = TypeVar("T")

# --- Legal figures -----------------------------------------------------------------------
# Every figure a document states comes from contracten/tabellen.py (through the rules in
# contracten/regels/), so each lives once, with its source and the dates it holds for. A
# date no table covers is a validation error naming the field, never a silently reused rule.


def _figuur(opvragen: Callable[[], T]) -> T:
    """Look a figure up; a date no table covers becomes a ValueError pydantic reports."""
    try:
        return opvragen()
    except GeenRegelVoorDatum as exc:
        raise ValueError(str(exc)) from exc


def vakantietoeslag_minimum(dag: date) -> Decimal:
    """The statutory minimum holiday pay as a percentage (8, not 0.08)."""
    return (t.VAKANTIEGELD_PERCENTAGE.op(dag) * 100).normalize()


def _vul(model: BaseModel, veld: str, waarde) -> None:
    """Fill a defaulted field of a frozen model during validation (stored with the rest)."""
    object.__setattr__(model, veld, waarde)


def _aware(value: datetime) -> datetime:
    """Naive datetimes from a form are Amsterdam wall-clock time."""
    return value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)


Tijdstip = Annotated[datetime, AfterValidator(_aware)]
Bedrag = Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)]
Uren = Annotated[Decimal, Field(ge=0, le=60, max_digits=5, decimal_places=2)]
Tekst = Annotated[str, Field(min_length=1, max_length=500)]
Weekdag = Literal["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WEEKDAGEN: tuple[str, ...] = get_args(Weekdag)


class _Blok(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Partij(_Blok):
    """The broker as legal employer (`makelaar`)."""

    naam: Tekst
    adres: Tekst
    kvk_nummer: str = ""
    vertegenwoordiger: str = ""


class WerknemerGegevens(_Blok):
    """Filled by the service from the Werknemer record."""

    naam: Tekst
    adres: str = ""
    geboortedatum: date | None = None


# The two values the issuing services pass in and the documents state. Pydantic dataclasses:
# constructed positionally by the services (`Werkplek("Bo-Ex", "", "Columbuslaan 5")`,
# `Roosterregel(0, time(9), time(13))`), validated the same way inside a document's context.
_WAARDE = ConfigDict(extra="forbid")


@pydantic_dataclass(frozen=True, config=_WAARDE)
class Werkplek:
    """One place of work: the employer (client) and its location."""

    werkgever: Tekst
    locatie: str = ""
    adres: Tekst = Field()


@pydantic_dataclass(frozen=True, config=_WAARDE)
class Roosterregel:
    """A weekday with its working (or reference) hours; the day by its Dutch name or its
    number (0 is Monday, as `date.weekday()`), stored by name."""

    dag: Weekdag
    van: time
    tot: time

    @field_validator("dag", mode="before")
    @classmethod
    def _dagnummer(cls, dag: object) -> object:
        if isinstance(dag, int) and not isinstance(dag, bool) and 0 <= dag < len(WEEKDAGEN):
            return WEEKDAGEN[dag]
        return dag

    @model_validator(mode="after")
    def _volgorde(self) -> Roosterregel:
        if self.tot <= self.van:
            raise ValueError("De eindtijd ligt niet na de begintijd.")
        return self

    @property
    def weekdag(self) -> int:
        return WEEKDAGEN.index(self.dag)


class Loonstap(_Blok):
    """From `vanaf` the hourly wage is `uurloon`; `minimumloon`: no agreement, the minimum."""

    vanaf: date
    uurloon: Bedrag
    minimumloon: bool = False


class DocumentKop(_Blok):
    """Filled by the service: what the footer and the heading show."""

    nummer: str
    versie: int
    datum: date
    titel: str
    vervangt_versie: int | None = None


class DocumentContext(_Blok):
    TITEL: ClassVar[str] = "Document"

    document: DocumentKop | None = None
    werknemer: WerknemerGegevens | None = None
    makelaar: Partij

    def template_context(self) -> dict:
        """The fields as Python values plus every derived figure (each property), for the template."""
        context = self.model_dump()
        eigen = [k for k in type(self).__mro__ if issubclass(k, DocumentContext)]
        for klasse in eigen:  # not pydantic's own properties (model_extra, ...)
            for naam, waarde in vars(klasse).items():
                if isinstance(waarde, property) and not naam.startswith("_"):
                    context.setdefault(naam, getattr(self, naam))
        return context

    def gestelde_lonen(self) -> list[tuple[date, Decimal]]:
        """Each hourly wage the document states, with the first day it applies to."""
        return []


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
        minimum = _figuur(lambda: vakantietoeslag_minimum(self.ingangsdatum))
        if self.vakantietoeslag_procent is None:
            _vul(self, "vakantietoeslag_procent", minimum)
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
        hoogste = _figuur(
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
        return _figuur(lambda: t.OPROEP.op(self.ingangsdatum).oproeptermijn_dagen)


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
        wettelijk = _figuur(lambda: t.OPROEP.op(self.ingangsdatum)).oproeptermijn_dagen
        if self.oproeptermijn_dagen is None:
            _vul(self, "oproeptermijn_dagen", wettelijk)
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
        figuren = _figuur(lambda: t.OPROEP.op(self.datum))
        if self.oproeptermijn_dagen is None:
            _vul(self, "oproeptermijn_dagen", figuren.oproeptermijn_dagen)
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
        """A call later than 4 days ahead may be refused without consequence (7:628a lid 3)."""
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


CONTEXTEN: dict[str, type[DocumentContext]] = {
    DocumentSoort.ARBEIDSOVEREENKOMST: ArbeidsovereenkomstContext,
    DocumentSoort.OPROEPOVEREENKOMST: OproepovereenkomstContext,
    DocumentSoort.OPROEP: OproepContext,
    DocumentSoort.ANNULERING_OPROEP: AnnuleringOproepContext,
    DocumentSoort.AANBOD_VASTE_UREN: AanbodVasteUrenContext,
    DocumentSoort.AANZEGGING: AanzeggingContext,
}


# --- API output ------------------------------------------------------------------------


class DocumentOut(Schema):
    """A document's record as its readers see it; the PDF is at `download_url`."""

    id: int
    soort: str
    soort_label: str
    nummer: str
    versie: int
    titel: str
    werknemer_id: int
    werknemer_naam: str
    werkgever_id: int | None
    werkgever_naam: str | None
    uitgegeven_op: datetime
    sha256: str
    grootte: int
    vervangt_id: int | None
    vervangen_door_id: int | None
    actueel: bool
    download_url: str

    @staticmethod
    def resolve_soort_label(obj) -> str:
        return obj.get_soort_display()

    @staticmethod
    def resolve_titel(obj) -> str:
        return CONTEXTEN[obj.soort].TITEL

    @staticmethod
    def resolve_werknemer_naam(obj) -> str:
        return obj.werknemer.volledige_naam

    @staticmethod
    def resolve_werkgever_naam(obj) -> str | None:
        return obj.werkgever.naam if obj.werkgever_id else None

    @staticmethod
    def resolve_vervangen_door_id(obj) -> int | None:
        opvolger = getattr(obj, "vervangen_door", None)
        return opvolger.pk if opvolger else None

    @staticmethod
    def resolve_actueel(obj) -> bool:
        return getattr(obj, "vervangen_door", None) is None

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("api-v1:download_document_pdf", args=[obj.pk])


class ArbeidscontractOut(Schema):
    """A contract record: its term, chain position, probation, hours, wage and document."""

    id: int
    werknemer_id: int
    werknemer_naam: str
    soort: str
    functie: str
    begin: date
    eind: date | None
    bepaalde_tijd: bool
    nummer_in_keten: int
    keten_begin: date
    keten_toelichting: str
    proeftijd_maanden: int
    uren_per_week: Decimal | None
    uurloon: Decimal
    status: str
    document_id: int
    document_nummer: str

    @staticmethod
    def resolve_werknemer_naam(obj) -> str:
        return obj.werknemer.volledige_naam

    @staticmethod
    def resolve_document_nummer(obj) -> str:
        return obj.document.nummer


class VerplichtingOut(Schema):
    """One worklist item for staff; `document_id` is the generated letter, if any."""

    id: int
    soort: str
    soort_label: str
    werknemer_id: int | None
    werknemer_naam: str | None
    gegeven: str
    contract_id: int | None
    contract_nummer: str | None
    certificaat_id: int | None
    vervaldatum: date
    status: str
    toelichting: str
    document_id: int | None
    afgehandeld_op: datetime | None
    afhandeling: str

    @staticmethod
    def resolve_soort_label(obj) -> str:
        return obj.get_soort_display()

    @staticmethod
    def resolve_werknemer_naam(obj) -> str | None:
        return obj.werknemer.volledige_naam if obj.werknemer_id else None

    @staticmethod
    def resolve_contract_nummer(obj) -> str | None:
        return obj.contract.document.nummer if obj.contract_id else None


class AfhandelingIn(Schema):
    afhandeling: str = Field("", max_length=500)
