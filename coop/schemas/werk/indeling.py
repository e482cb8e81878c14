"""Who gets the work: candidate ranking, bundling runs and planning runs.

Ninja schemas of the broker API (input <Model>In, output <Model>Out with explicit fields)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from coop.services.werk.bundelen import fragment_omschrijving


class UitsluitingOut(Schema):
    regel: str
    melding: str


class BeoordelingOut(Schema):
    werknemer_id: int
    naam: str
    score: float
    afstand_km: float
    onderdelen: dict[str, float]


class UitgeslotenOut(Schema):
    werknemer_id: int
    naam: str
    regels: list[UitsluitingOut]


class RankingOut(Schema):
    dienst_id: int | None = None
    job_id: int | None = None
    voorgefilterd: int
    geschikt: list[BeoordelingOut]
    uitgesloten: list[UitgeslotenOut]


class UitlegOut(Schema):
    werknemer_id: int
    naam: str
    geschikt: bool
    score: float | None = None
    afstand_km: float | None = None
    onderdelen: dict[str, float] = {}
    regels: list[UitsluitingOut] = []


class BundelrunOut(Schema):
    id: int
    at: datetime
    fragmenten: int
    totale_uren: Decimal
    gebundelde_uren: Decimal
    bovengrens_uren: Decimal
    over_uren: Decimal
    banen: int
    per_grootte: dict[str, int]


class Omschreven(Schema):
    id: int
    omschrijving: str


class BundelresultaatOut(BundelrunOut):
    """A run just made: besides the counts, which jobs it made and which fragments are left."""

    jobs: list[Omschreven] = Field(description="De vaste banen die deze run maakte")
    over: list[Omschreven] = Field(description="Fragmenten die niet gebundeld zijn")

    @staticmethod
    def resolve_jobs(obj) -> list[dict]:
        return [{"id": j.pk, "omschrijving": j.reden} for j in obj.nieuwe_jobs]

    @staticmethod
    def resolve_over(obj) -> list[dict]:
        return [{"id": f.pk, "omschrijving": fragment_omschrijving(f)} for f in obj.overgebleven]


class PlanIn(Schema):
    van: date
    tot: date


class PlanregelOut(Schema):
    id: int = Field(description="Aanbod-id (aangeboden) of dienst-id (over)")
    dienst_id: int
    werknemer_id: int | None
    omschrijving: str


class PlanOut(Schema):
    diensten: int
    kandidaten: int
    gevuld: int
    bovengrens_gevuld: int
    totale_score: float
    status: str
    seconden: float
    aanbiedingen: int
    aangeboden: list[PlanregelOut] = Field(description="De aanbiedingen die zijn verstuurd")
    over: list[PlanregelOut] = Field(description="Open diensten die niemand kreeg")
