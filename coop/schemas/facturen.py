"""Ninja schemas for invoices and Excel imports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


class FactuurIn(Schema):
    periode_id: int
    werkgever_id: int


class PeriodeIn(Schema):
    periode_id: int


class CrediteerIn(Schema):
    reden: str


class FactuurregelOut(Schema):
    volgorde: int
    omschrijving: str
    regie: str
    uren_soort: str
    uren: Decimal
    tarief: Decimal
    bedrag: Decimal
    toelichting: str


class FactuurOut(Schema):
    id: int
    nummer: str
    soort: str
    status: str
    werkgever_id: int
    werkgever_naam: str
    periode_id: int
    periode: str
    factuurdatum: date
    vervaldatum: date
    crediteert: str | None
    reden: str
    bedrag_excl: Decimal
    btw_percentage: Decimal
    btw_bedrag: Decimal
    bedrag_incl: Decimal
    regels: list[FactuurregelOut]

    @staticmethod
    def resolve_periode(obj) -> str:
        return obj.periode.code

    @staticmethod
    def resolve_crediteert(obj) -> str | None:
        return obj.crediteert.nummer if obj.crediteert_id else None

    @staticmethod
    def resolve_regels(obj):
        return list(obj.regels.order_by("volgorde"))


class ImportFoutOut(Schema):
    rij: int
    kolom: str
    cel: str
    melding: str


class ImportOut(Schema):
    soort: str
    proef: bool
    alles_of_niets: bool
    rijen: int
    aangemaakt: int
    fouten: list[ImportFoutOut]
    voorbeeld: list[dict]


class ImportGeweigerdOut(Schema):
    detail: str
    fields: dict[str, list[str]] = {}
    fouten: list[ImportFoutOut] = []
