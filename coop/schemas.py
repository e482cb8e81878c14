"""Ninja schemas of the broker API (input <Model>In, output <Model>Out with explicit fields)."""

from datetime import date, datetime, time
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from coop.invoer import EenRegel, keuze
from coop.models import Werkpakket
from coop.models.broker import Categorie


class ErrorOut(Schema):
    """The one error body of the API: a Dutch message and, per field, what is wrong."""

    detail: str
    fields: dict[str, list[str]] = {}


# Error responses every endpoint may give, for the OpenAPI document.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class TijdvakIn(Schema):
    weekdag: int = Field(ge=0, le=6, description="0 = maandag … 6 = zondag")
    begin: time
    eind: time


class VaardigheidEisIn(Schema):
    code: EenRegel = Field(max_length=50)
    min_niveau: int = Field(1, ge=1, le=3)


class WerkpakketIn(Schema):
    locatie_id: int
    titel: EenRegel = Field(min_length=1, max_length=200)
    omschrijving: str = ""
    categorie: keuze(Categorie)
    soort: keuze(Werkpakket.Soort)
    tarief_per_uur: Decimal = Field(max_digits=7, decimal_places=2)
    regie: keuze(Werkpakket.Regie) = Werkpakket.Regie.MAKELAAR
    vroegste_start: date | None = None
    uiterlijk_eind: date | None = None
    totaal_uren: Decimal | None = Field(None, max_digits=7, decimal_places=2)
    max_uren_per_dag: Decimal | None = Field(None, max_digits=4, decimal_places=2)
    max_personen: int = Field(1, ge=1, le=50)
    dagen: list[int] = []
    startdatum: date | None = None
    einddatum: date | None = None
    tijdvakken: list[TijdvakIn] = []
    vaardigheden: list[VaardigheidEisIn] = []
    certificaten: list[EenRegel] = []


class TijdvakOut(Schema):
    weekdag: int
    begin: time
    eind: time


class WerkpakketOut(Schema):
    id: int
    werkgever_id: int
    werkgever: str
    locatie_id: int
    titel: str
    omschrijving: str
    categorie: str
    soort: str
    status: str
    regie: str
    tarief_per_uur: Decimal
    vroegste_start: date | None
    uiterlijk_eind: date | None
    totaal_uren: Decimal | None
    max_personen: int
    startdatum: date | None
    einddatum: date | None
    tijdvakken: list[TijdvakOut]
    gepubliceerd_op: datetime | None

    @staticmethod
    def resolve_werkgever(obj) -> str:
        return obj.werkgever.naam

    @staticmethod
    def resolve_tijdvakken(obj) -> list:
        return list(obj.tijdvakken.all())


class DienstOut(Schema):
    id: int
    job_id: int
    locatie_id: int
    locatie: str
    start: datetime
    eind: datetime
    uren: Decimal
    status: str

    @staticmethod
    def resolve_locatie(obj) -> str:
        return obj.locatie.adresregel


class FragmentOut(Schema):
    id: int
    werkpakket_id: int
    werkgever: str
    weekdag: int
    begin: time
    eind: time
    uren: Decimal
    job_id: int | None = Field(description="de vaste baan waarin het is gebundeld (nog geen: leeg)")

    @staticmethod
    def resolve_werkgever(obj) -> str:
        return obj.werkpakket.werkgever.naam


class JobOut(Schema):
    id: int
    soort: str
    reden: str
    status: str
    werkpakket_id: int | None
    startdatum: date | None
    einddatum: date | None
    uren_per_week: Decimal | None
    fragmenten: list[FragmentOut]


class AanbodOut(Schema):
    id: int
    status: str
    deadline: datetime
    korte_termijn: bool
    werknemer_id: int
    dienst: DienstOut | None
    werk: str
    werkgever: str
    score: float | None
    toelichting: dict
    uitleg: str

    @staticmethod
    def resolve_werk(obj) -> str:
        pakket = obj.job.werkpakket
        return pakket.titel if pakket else obj.job.reden

    @staticmethod
    def resolve_werkgever(obj) -> str:
        return obj.dienst.locatie.werkgever.naam if obj.dienst else ""

    @staticmethod
    def resolve_uitleg(obj) -> str:
        if obj.korte_termijn:
            return "Minder dan 4 dagen vooraf gevraagd: u mag dit zonder gevolgen weigeren."
        return ""


class InzetOut(Schema):
    id: int
    werknemer_id: int
    dienst: DienstOut
    status: str
    start: datetime
    eind: datetime
    late_annulering: bool
    uren_doorbetaald: Decimal


class RedenIn(Schema):
    reden: str = Field("", max_length=300)


class AanbiedenIn(Schema):
    werknemer_id: int | None = None


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


class GebeurtenisOut(Schema):
    at: datetime
    soort: str
    tekst: str


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


class PlanIn(Schema):
    van: date
    tot: date


class PlanOut(Schema):
    diensten: int
    kandidaten: int
    gevuld: int
    bovengrens_gevuld: int
    totale_score: float
    status: str
    seconden: float
    aanbiedingen: int
