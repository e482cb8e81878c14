"""Work packages: what an employer posts, and the preview of the jobs publishing would make.

Ninja schemas of the broker API (input <Model>In, output <Model>Out with explicit fields)."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from coop.core.invoer import EenRegel, keuze
from coop.models import Werkpakket
from coop.models.werk import Categorie


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
    feestdagen: Literal["vrij", "doorwerken"] = Field(
        "vrij", description="vrij: vast werk vervalt op feestdagen; doorwerken: het gaat door"
    )
    feestdagtoeslag_procent: Decimal = Field(
        Decimal("0"),
        ge=0,
        le=300,
        max_digits=5,
        decimal_places=2,
        description="afgesproken toeslag op het loon voor werk op een feestdag",
    )
    vroegste_start: date | None = None
    uiterlijk_eind: date | None = None
    totaal_uren: Decimal | None = Field(None, max_digits=7, decimal_places=2)
    max_uren_per_dag: Decimal | None = Field(None, max_digits=4, decimal_places=2)
    max_personen: int = Field(
        1, ge=1, le=50, description="Eenmalig werk: zoveel mensen werken tegelijk (naast elkaar)."
    )
    dag_begin: time | None = Field(
        None, description="Eenmalig werk: begintijd van de diensten (op een kwartier); leeg: 08:00."
    )
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


class VensterOut(Schema):
    datum: date
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
    feestdagen: str
    feestdagtoeslag_procent: Decimal
    tarief_per_uur: Decimal
    vroegste_start: date | None
    uiterlijk_eind: date | None
    totaal_uren: Decimal | None
    max_personen: int
    dag_begin: time | None
    startdatum: date | None
    einddatum: date | None
    tijdvakken: list[TijdvakOut]
    vensters: list[VensterOut] = Field(
        description="eenmalig werk: de tijdvensters waarbinnen elke dienst valt (leeg: geen)"
    )
    gepubliceerd_op: datetime | None

    @staticmethod
    def resolve_werkgever(obj) -> str:
        return obj.werkgever.naam

    @staticmethod
    def resolve_tijdvakken(obj) -> list:
        return list(obj.tijdvakken.all())

    @staticmethod
    def resolve_vensters(obj) -> list:
        return list(obj.vensters.all())


class VoorbeeldDienstOut(Schema):
    datum: date
    begin: time
    eind: time
    plek: int = Field(description="wie van de mensen tegelijk (0, 1, …)")
    uren: Decimal


class VrijeFeestdagOut(Schema):
    datum: date
    naam: str


class VoorbeeldDeelOut(Schema):
    """One part of a draft as publishing would make it (nothing is stored)."""

    soort: Literal["vast", "incidenteel"]
    reden: str
    startdatum: date | None
    einddatum: date | None
    uren: Decimal = Field(description="vast: uren per week; incidenteel: alle uren van de diensten")
    patroon: list[TijdvakOut] = Field(description="vast: het weekpatroon")
    diensten: list[VoorbeeldDienstOut] = Field(description="incidenteel: de diensten")
    vrije_feestdagen: list[VrijeFeestdagOut] = Field(
        description="incidenteel terugkerend werk: feestdagen waarop geen dienst komt"
    )

    @staticmethod
    def resolve_soort(obj) -> str:
        return obj.spec.soort

    @staticmethod
    def resolve_reden(obj) -> str:
        return obj.spec.reden

    @staticmethod
    def resolve_startdatum(obj) -> date | None:
        return obj.spec.startdatum

    @staticmethod
    def resolve_einddatum(obj) -> date | None:
        return obj.spec.einddatum

    @staticmethod
    def resolve_patroon(obj) -> list:
        return list(obj.spec.patroon)

    @staticmethod
    def resolve_vrije_feestdagen(obj) -> list[dict]:
        return [{"datum": d, "naam": n} for d, n in obj.vrije_feestdagen]
