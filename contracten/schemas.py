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

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, ClassVar, Literal
from zoneinfo import ZoneInfo

from django.urls import reverse
from ninja import Schema
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from contracten.feiten import DatedTable, Feit
from contracten.models import DocumentSoort

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CENT = Decimal("0.01")

# --- Legal minimums the documents state (LAW.md, collected November 2026) -----------------
# The WAB (Wet arbeidsmarkt in balans) rules hold from 2020-01-01; earlier dates are not
# needed by documents issued now, so the tables start there and refuse anything before.
VAKANTIETOESLAG_MINIMUM = DatedTable(
    "minimale vakantietoeslag (% van het brutoloon)",
    [Feit(Decimal("8"), date(2020, 1, 1), None, "Wml art. 15 lid 1; LAW.md §5", "H")],
)
OPROEPTERMIJN_DAGEN = DatedTable(
    "minimale oproeptermijn (kalenderdagen)",
    [Feit(4, date(2020, 1, 1), None, "BW 7:628a lid 2 en 3 (WAB); LAW.md §2", "H")],
)
MINIMUM_UREN_PER_OPROEP = DatedTable(
    "minimaal te betalen uren per oproep",
    [Feit(Decimal("3"), date(2020, 1, 1), None, "BW 7:628a lid 1; LAW.md §2", "H")],
)
# The 3-hour minimum applies when fewer than this many hours a week are agreed.
DREMPEL_MINIMUMUREN_PER_WEEK = DatedTable(
    "urendrempel voor het minimum per oproep (uren per week)",
    [Feit(Decimal("15"), date(2020, 1, 1), None, "BW 7:628a lid 1; LAW.md §2", "H/M")],
)
AANBOD_VASTE_UREN_NA_MAANDEN = DatedTable(
    "aanbod vaste arbeidsomvang na (maanden)",
    [Feit(12, date(2020, 1, 1), None, "BW 7:628a lid 5 (WAB); LAW.md §2", "H/M")],
)


def _aware(value: datetime) -> datetime:
    """Naive datetimes from a form are Amsterdam wall-clock time."""
    return value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)


def _cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


Tijdstip = Annotated[datetime, AfterValidator(_aware)]
Bedrag = Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)]
Uren = Annotated[Decimal, Field(ge=0, le=60, max_digits=5, decimal_places=2)]
Tekst = Annotated[str, Field(min_length=1, max_length=500)]
Weekdag = Literal["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


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


class Werkplek(_Blok):
    """One place of work: the employer (client) and its location."""

    werkgever: Tekst
    locatie: str = ""
    adres: Tekst


class Roosterregel(_Blok):
    """A weekday with its working (or reference) hours."""

    dag: Weekdag
    van: time
    tot: time

    @model_validator(mode="after")
    def _volgorde(self) -> Roosterregel:
        if self.tot <= self.van:
            raise ValueError("De eindtijd ligt niet na de begintijd.")
        return self


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


class _Overeenkomst(DocumentContext):
    """What an employment contract states under BW 7:655 (LAW.md §7)."""

    soort_contract: Literal["bepaalde_tijd", "onbepaalde_tijd"]
    functie: Tekst
    functieomschrijving: str = ""
    werkplekken: list[Werkplek] = Field(min_length=1)
    ingangsdatum: date
    einddatum: date | None = None
    proeftijd_maanden: int = Field(0, ge=0, le=2)
    uurloon: Bedrag
    betaling: Literal["maandelijks", "per vier weken"] = "maandelijks"
    vakantietoeslag_procent: Decimal = Field(Decimal("8"), max_digits=4, decimal_places=2)
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
        minimum = VAKANTIETOESLAG_MINIMUM.op(self.ingangsdatum)
        if self.vakantietoeslag_procent < minimum:
            raise ValueError(f"De vakantietoeslag is ten minste {minimum}%.")
        return self

    def _controleer_proeftijd(self) -> None:
        """BW 7:652 (LAW.md §4): none up to 6 months, at most 1 month under 2 years."""
        if self.einddatum is None or self.proeftijd_maanden == 0:
            return
        if self.einddatum < _plus_maanden(self.ingangsdatum, 6):
            raise ValueError("Bij een contract van 6 maanden of korter geldt geen proeftijd.")
        if self.einddatum < _plus_maanden(self.ingangsdatum, 24) and self.proeftijd_maanden > 1:
            raise ValueError(
                "Bij een contract korter dan 2 jaar is de proeftijd ten hoogste 1 maand."
            )


class ArbeidsovereenkomstContext(_Overeenkomst):
    """A contract with fixed weekly hours and (optionally) a fixed schedule."""

    TITEL: ClassVar[str] = "Arbeidsovereenkomst"

    uren_per_week: Uren = Field(gt=0)
    rooster: list[Roosterregel] = []

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
    oproeptermijn_dagen: int = Field(4, ge=1, le=14)

    @model_validator(mode="after")
    def _oproepregels(self) -> OproepovereenkomstContext:
        wettelijk = OPROEPTERMIJN_DAGEN.op(self.ingangsdatum)
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
        return MINIMUM_UREN_PER_OPROEP.op(self.ingangsdatum)

    @property
    def minimum_per_oproep_geldt(self) -> bool:
        return self.garantie_uren_per_week < DREMPEL_MINIMUMUREN_PER_WEEK.op(self.ingangsdatum)

    @property
    def aanbod_vaste_uren_op(self) -> date:
        return _plus_maanden(self.ingangsdatum, AANBOD_VASTE_UREN_NA_MAANDEN.op(self.ingangsdatum))


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
    oproeptermijn_dagen: int = Field(4, ge=1, le=14)
    minimum_uren_van_toepassing: bool = True
    contactpersoon: str = ""

    @model_validator(mode="after")
    def _tijden(self) -> _Oproepmoment:
        if self.eind <= self.begin:
            raise ValueError("De eindtijd ligt niet na de begintijd.")
        if self.uren <= 0:
            raise ValueError("De pauze is even lang als of langer dan de dienst.")
        return self

    @property
    def aanvang(self) -> datetime:
        return datetime.combine(self.datum, self.begin, tzinfo=AMSTERDAM)

    @property
    def uren(self) -> Decimal:
        minuten = (self.eind.hour * 60 + self.eind.minute) - (
            self.begin.hour * 60 + self.begin.minute
        )
        return _cent(Decimal(minuten - self.pauze_minuten) / 60)

    @property
    def minimum_uren(self) -> Decimal:
        return MINIMUM_UREN_PER_OPROEP.op(self.datum)

    @property
    def betaalde_uren(self) -> Decimal:
        """A call under 3 hours is paid as 3 where the contract has under 15 hours (7:628a)."""
        if self.minimum_uren_van_toepassing:
            return max(self.uren, self.minimum_uren)
        return self.uren

    @property
    def loon(self) -> Decimal:
        return _cent(self.betaalde_uren * self.uurloon)

    def _binnen_termijn(self, moment: datetime) -> bool:
        """True when `moment` is less than the notice period before the start."""
        return self.aanvang - moment < timedelta(days=self.oproeptermijn_dagen)


class OproepContext(_Oproepmoment):
    """A call for work; the employer named in the Document may see it (no BSN, no address)."""

    TITEL: ClassVar[str] = "Oproep"

    opgeroepen_op: Tijdstip

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


CONTEXTEN: dict[str, type[DocumentContext]] = {
    DocumentSoort.ARBEIDSOVEREENKOMST: ArbeidsovereenkomstContext,
    DocumentSoort.OPROEPOVEREENKOMST: OproepovereenkomstContext,
    DocumentSoort.OPROEP: OproepContext,
    DocumentSoort.ANNULERING_OPROEP: AnnuleringOproepContext,
    DocumentSoort.AANBOD_VASTE_UREN: AanbodVasteUrenContext,
    DocumentSoort.AANZEGGING: AanzeggingContext,
}


def _plus_maanden(dag: date, maanden: int) -> date:
    """The same day `maanden` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    jaar, maand = dag.year + jaar, maand + 1
    for laatste in (31, 30, 29, 28):
        try:
            return date(jaar, maand, min(dag.day, laatste))
        except ValueError:
            continue
    raise AssertionError("unreachable")


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
