"""Ninja schemas for hours lines, wages, pay periods and payroll exports."""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from coop.core.invoer import keuze
from coop.models import Loonperiode


class UrenIn(Schema):
    inzet_id: int
    start: datetime | None = None
    eind: datetime | None = None
    pauze_minuten: int = Field(0, ge=0, le=600)


class BetwistIn(Schema):
    reden: str = Field(max_length=500)


class GoedkeurenIn(Schema):
    regel_ids: list[int] = Field(min_length=1, max_length=500)


class VaststellenIn(Schema):
    toelichting: str = Field(max_length=500)
    start: datetime | None = None
    eind: datetime | None = None
    pauze_minuten: int | None = Field(None, ge=0, le=600)


class UrenregelOut(Schema):
    id: int
    inzet_id: int
    werknemer_id: int
    werknemer: str
    werkgever: str
    soort: str
    status: str
    datum: date
    start: datetime | None
    eind: datetime | None
    pauze_minuten: int
    verplichte_pauze_minuten: int
    pauze_toegepast_minuten: int
    gewerkte_uren: Decimal
    doorbetaalde_uren: Decimal
    aanvulling_uren: Decimal
    betaalde_uren: Decimal
    feestdag: str = Field(description="naam van de feestdag waarop gewerkt is, anders leeg")
    feestdagtoeslag_procent: Decimal
    toeslag_uren: Decimal
    # Absence: sick hours at `doorbetaling_procent` (not below the minimum wage while
    # `minimumloon_garantie`), leave hours at the full wage.
    ziek_uren: Decimal
    doorbetaling_procent: Decimal
    minimumloon_garantie: bool
    verlof_uren: Decimal
    toelichting_regels: list[str]
    betwist_reden: str
    vaststelling_toelichting: str
    corrigeert_id: int | None
    vergrendeld: bool
    periode: str | None
    ingediend_op: datetime | None
    beoordeeld_op: datetime | None
    vastgesteld_op: datetime | None

    @staticmethod
    def resolve_werknemer_id(obj) -> int:
        return obj.inzet.werknemer_id

    @staticmethod
    def resolve_werknemer(obj) -> str:
        return obj.inzet.werknemer.volledige_naam

    @staticmethod
    def resolve_werkgever(obj) -> str:
        return obj.inzet.dienst.locatie.werkgever.naam

    @staticmethod
    def resolve_periode(obj) -> str | None:
        return obj.periode.code if obj.periode_id else None


class GeweigerdOut(Schema):
    regel_id: int
    melding: str


class GoedkeuringOut(Schema):
    goedgekeurd: list[UrenregelOut]
    geweigerd: list[GeweigerdOut]

    @staticmethod
    def resolve_geweigerd(obj) -> list[dict]:
        return [{"regel_id": i, "melding": m} for i, m in obj.geweigerd]


class LoonafspraakIn(Schema):
    werknemer_id: int
    geldig_van: date
    uurloon: Decimal = Field(gt=0, max_digits=7, decimal_places=2)
    toelichting: str = Field("", max_length=200)


class LoonafspraakOut(Schema):
    id: int
    werknemer_id: int
    geldig_van: date
    uurloon: Decimal
    toelichting: str


class LoonperiodeIn(Schema):
    soort: keuze(Loonperiode.Soort)
    begin: date


class LoonperiodeOut(Schema):
    id: int
    code: str
    soort: str
    begin: date
    eind: date
    status: str
    geexporteerd_op: datetime | None


class ExportStartIn(Schema):
    periode_id: int
    voorschot: bool = Field(
        False,
        description=(
            "Voorschot (proefrun) van een periode die nog niet voorbij is: vergrendelt niets, "
            "sluit de periode niet en wordt in het auditlog vastgelegd."
        ),
    )


class BestandOut(Schema):
    soort: str
    sha256: str
    grootte: int
    url: str


class LoonexportOut(Schema):
    id: int
    periode_id: int
    periode: str
    status: str
    voortgang: int
    melding: str
    aantal_regels: int
    aantal_werknemers: int
    totaal_uren: Decimal
    totaal_bruto: Decimal
    bestanden: list[BestandOut]
    klaar_op: datetime | None
    voorschot: bool

    @staticmethod
    def resolve_periode(obj) -> str:
        return obj.periode.code

    @staticmethod
    def resolve_bestanden(obj) -> list[dict]:
        if obj.status != "done":
            return []
        return [
            {
                "soort": soort,
                "sha256": info["sha256"],
                "grootte": info["grootte"],
                "url": reverse(
                    "api-v1:download_loonexport_bestand",
                    kwargs={"export_id": obj.pk, "soort": soort},
                ),
            }
            for soort, info in sorted(obj.bestanden.items())
        ]
