"""Ninja schemas of the broker API (input <Model>In, output <Model>Out with explicit fields)."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from coop.core.auth import actor_van, is_staff
from coop.core.invoer import EenRegel, keuze
from coop.models import Werkpakket
from coop.models.werk import Categorie
from coop.selectors import feestdagen
from coop.selectors.aanbod_weergave import (
    aanbod_oproeptermijn,
    aanbod_pauze,
    aanbod_rooster,
    aanbod_uurloon,
    aanbod_werkgevers,
)
from coop.services.werk.bundelen import fragment_omschrijving


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


class FeestdagOut(Schema):
    """A public holiday on which the work falls, and what the agreement makes of it."""

    datum: date
    naam: str
    werkgever: str
    gevolg: str = Field(description="vrij (niet gewerkt) of doorwerken")
    toeslag_procent: Decimal
    toelichting: str


class DienstOut(Schema):
    id: int
    job_id: int
    locatie_id: int
    locatie: str
    start: datetime
    eind: datetime
    uren: Decimal
    pauze_minuten: int | None = Field(
        None, description="geplande pauze; leeg: de wettelijke pauze voor wie de dienst doet"
    )
    status: str
    feestdag: FeestdagOut | None = Field(
        None, description="gevuld als de dienst op een feestdag valt"
    )

    @staticmethod
    def resolve_locatie(obj) -> str:
        return obj.locatie.adresregel

    @staticmethod
    def resolve_feestdag(obj):
        return feestdagen.van_dienst(obj)


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
    feestdagen: list[FeestdagOut] = Field(
        description="feestdagen in het komende jaar waarop het werk valt, en wat er gebeurt"
    )


class RoosterblokOut(Schema):
    weekdag: int = Field(description="0 = maandag … 6 = zondag")
    dag: str
    begin: time
    eind: time
    werkgever: str
    locatie: str
    adres: str
    pauze_minuten: int = Field(description="pauze in dit blok (Arbeidstijdenwet art. 5:4)")


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
    feestdagen: str = Field(description="de afspraak over feestdagen bij een vaste baan")
    feestdagen_data: list[FeestdagOut]
    uurloon: Decimal | None = Field(
        description="Bruto uurloon dat het lid krijgt (loonafspraak, nooit onder het minimum)"
    )
    rooster: list[RoosterblokOut] = Field(
        description="Vaste baan: de vaste weekdagen, tijden, werkgevers en adressen"
    )
    pauze_minuten: int | None = Field(
        description="Pauze in de dienst voor dit lid: de geplande, ten minste de wettelijke "
        "(Arbeidstijdenwet art. 5:4); onbetaald en niet gefactureerd"
    )

    @staticmethod
    def resolve_werk(obj) -> str:
        pakket = obj.job.werkpakket
        return pakket.titel if pakket else obj.job.reden

    @staticmethod
    def resolve_werkgever(obj) -> str:
        return aanbod_werkgevers(obj)

    @staticmethod
    def resolve_uurloon(obj) -> Decimal | None:
        return aanbod_uurloon(obj)

    @staticmethod
    def resolve_rooster(obj) -> list[dict]:
        return aanbod_rooster(obj)

    @staticmethod
    def resolve_pauze_minuten(obj) -> int | None:
        return aanbod_pauze(obj)

    @staticmethod
    def resolve_feestdagen(obj) -> str:
        if obj.dienst_id is not None:
            feestdag = feestdagen.van_dienst(obj.dienst)
            return f"Deze dienst valt op een feestdag: {feestdag.toelichting}" if feestdag else ""
        pakketten = {f.werkpakket_id: f.werkpakket for f in obj.job.fragmenten.all()}
        return " ".join(f"{p.werkgever.naam}: {feestdagen.regeling(p)}" for p in pakketten.values())

    @staticmethod
    def resolve_feestdagen_data(obj) -> list:
        if obj.dienst_id is not None:
            feestdag = feestdagen.van_dienst(obj.dienst)
            return [feestdag] if feestdag else []
        return feestdagen.van_job(obj.job)

    @staticmethod
    def resolve_uitleg(obj) -> str:
        if obj.korte_termijn:
            termijn = aanbod_oproeptermijn(obj)
            return (
                f"Minder dan {termijn} dagen vooraf gevraagd: u mag dit zonder gevolgen weigeren."
            )
        return ""


class InzetOut(Schema):
    id: int
    werknemer_id: int
    werknemer_naam: str = Field(
        description="Naam van het lid; voor een werkgever alleen voornaam en initiaal"
    )
    dienst: DienstOut
    status: str
    start: datetime
    eind: datetime
    late_annulering: bool
    uren_doorbetaald: Decimal

    @staticmethod
    def resolve_werknemer_naam(obj, context) -> str:
        # The full name only for staff and the member; anyone else (an employer) gets less.
        user = context["request"].user if context and context.get("request") else None
        if user is not None and (
            is_staff(user) or actor_van(user).werknemer_id == obj.werknemer_id
        ):
            return obj.werknemer.volledige_naam
        return obj.werknemer.korte_naam


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
