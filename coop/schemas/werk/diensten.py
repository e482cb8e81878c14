"""Jobs, shifts, offers and deployments as members, employers and staff see them.

Ninja schemas of the broker API (input <Model>In, output <Model>Out with explicit fields)."""

from datetime import date, datetime, time
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from coop.core.auth import actor_van, is_staff
from coop.selectors import feestdagen
from coop.selectors.aanbod_weergave import (
    aanbod_oproeptermijn,
    aanbod_pauze,
    aanbod_rooster,
    aanbod_uurloon,
    aanbod_werkgevers,
)


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


class GebeurtenisOut(Schema):
    at: datetime
    soort: str
    tekst: str
