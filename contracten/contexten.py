"""The context of each document kind (the keys the broker fills): the shared blocks and types.

Every document is rendered from a plain dict. The models define and validate its keys, so a
missing date or a wage of "abc" is a 400 naming the field, never a half-written PDF. What is
stored in `Document.gegevens` is the validated context as JSON (`model_dump(mode="json")`):
validating it again gives the same values, so a document can be re-rendered.

Keys the service fills itself (callers leave them out): `document` (number, version, date,
title) and `werknemer` (name, address and birth date from the Werknemer record). BSN and
IBAN are never part of a context: extra keys are refused.

Every figure a document states comes from contracten/tabellen.py (through the rules in
contracten/regels/), so each lives once, with its source and the dates it holds for. A date
no table covers is a validation error naming the field, never a silently reused rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, TypeVar, get_args
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from contracten import tabellen as t
from contracten.feiten import GeenRegelVoorDatum

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
T = TypeVar("T")


def figuur(opvragen: Callable[[], T]) -> T:
    """Look a figure up; a date no table covers becomes a ValueError pydantic reports."""
    try:
        return opvragen()
    except GeenRegelVoorDatum as exc:
        raise ValueError(str(exc)) from exc


def vakantietoeslag_minimum(dag: date) -> Decimal:
    """The statutory minimum holiday pay as a percentage (8, not 0.08)."""
    return (t.VAKANTIEGELD_PERCENTAGE.op(dag) * 100).normalize()


def vul(model: BaseModel, veld: str, waarde) -> None:
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


class Blok(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Partij(Blok):
    """The broker as legal employer (`makelaar`)."""

    naam: Tekst
    adres: Tekst
    kvk_nummer: str = ""
    vertegenwoordiger: str = ""


class WerknemerGegevens(Blok):
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
    # Required (Field() has no default) though it follows a default: pydantic allows that,
    # mypy's dataclass rules do not.
    adres: Tekst = Field()  # type: ignore[misc]


@pydantic_dataclass(frozen=True, config=_WAARDE)
class Roosterregel:
    """A weekday with its working (or reference) hours; the day by its Dutch name or its
    number (0 is Monday, as `date.weekday()`), stored by name."""

    dag: Weekdag
    van: time
    tot: time

    if TYPE_CHECKING:  # what `_dagnummer` accepts; pydantic generates the real __init__

        def __init__(self, dag: Weekdag | int, van: time, tot: time) -> None: ...

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


class Loonstap(Blok):
    """From `vanaf` the hourly wage is `uurloon`; `minimumloon`: no agreement, the minimum."""

    vanaf: date
    uurloon: Bedrag
    minimumloon: bool = False


class DocumentKop(Blok):
    """Filled by the service: what the footer and the heading show."""

    nummer: str
    versie: int
    datum: date
    titel: str
    vervangt_versie: int | None = None


class DocumentContext(Blok):
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
