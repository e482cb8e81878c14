"""Absence endpoints: a member (or staff) reports sick or "kan niet", staff report recovery,
leave is requested and decided, the member reads their record and holiday balance, staff
read the absence worklist."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from coop.core.auth import actor_van
from coop.core.exceptions import NotFound
from coop.core.invoer import EenRegel
from coop.models import Afwezigheidsmelding, Vrijgave
from coop.selectors import afwezigheid as selectors
from coop.services.werk import afwezigheid as services
from coop.services.werk import verlof as verlof_services
from werknemers.models import Werknemer

router = Router(tags=["afwezigheid en verlof"])


class AfwezigheidIn(Schema):
    soort: Literal["ziek", "kan_niet"]
    van: date
    tot: date | None = None
    reden: EenRegel = Field("", max_length=500)
    werknemer_id: int | None = None


class HerstelIn(Schema):
    hersteld_per: date


class VerlofIn(Schema):
    van: date
    tot: date
    reden: EenRegel = Field("", max_length=500)
    werknemer_id: int | None = None


class AfwijzingIn(Schema):
    reden: EenRegel = Field(max_length=500)


class VrijgaveOut(Schema):
    inzet_id: int
    dienst_id: int
    dienst: str
    korte_termijn: bool
    opnieuw_aangeboden: bool

    @staticmethod
    def resolve_dienst_id(obj: Vrijgave) -> int:
        return obj.inzet.dienst_id

    @staticmethod
    def resolve_dienst(obj: Vrijgave) -> str:
        return str(obj.inzet.dienst)

    @staticmethod
    def resolve_opnieuw_aangeboden(obj: Vrijgave) -> bool:
        return obj.nieuw_aanbod_id is not None


class AfwezigheidOut(Schema):
    id: int
    werknemer_id: int
    soort: str
    status: str
    van: date
    tot: date | None
    reden: str
    korte_termijn: bool
    gemeld_op: datetime
    hersteld_per: date | None
    uren: Decimal
    bevestiging_id: int | None
    vrijgegeven: list[VrijgaveOut]
    betaald: str

    @staticmethod
    def resolve_vrijgegeven(obj: Afwezigheidsmelding) -> list[Vrijgave]:
        return list(obj.vrijgaven.all())

    @staticmethod
    def resolve_betaald(obj: Afwezigheidsmelding) -> str:
        if obj.soort == Afwezigheidsmelding.Soort.ZIEK:
            return "loondoorbetaling bij ziekte (zie de urenregels van soort ziek)"
        if obj.soort == Afwezigheidsmelding.Soort.VERLOF:
            return "verlof met behoud van loon"
        return "geen loon"


class VerlofsaldoOut(Schema):
    werknemer_id: int
    jaar: int
    recht_vast: Decimal
    opbouw_oproep: Decimal
    recht: Decimal
    opgenomen: Decimal
    aangevraagd: Decimal
    saldo: Decimal


class WerkpuntOut(Schema):
    soort: str
    melding_id: int
    werknemer_id: int
    werknemer: str
    vervaldatum: date | None
    toelichting: str


def _uit(request, melding: Afwezigheidsmelding, nieuw: bool):
    body = selectors.afwezigheid_get(request.user, melding.pk)
    return Status(201, body) if nieuw else Status(200, body)


@router.post("/afwezigheid/", response={200: AfwezigheidOut, 201: AfwezigheidOut})
def report_afwezigheid(request, payload: AfwezigheidIn):
    """Report sick or "kan niet" (with a reason) for a range; the same report again changes
    nothing (200 with the existing record)."""
    melding, nieuw = services.afwezigheid_report(user=request.user, **payload.dict())
    return _uit(request, melding, nieuw)


@router.get("/afwezigheid/", response=list[AfwezigheidOut])
def list_afwezigheid(request, werknemer_id: int | None = None):
    """Every record about you (staff: everyone's, or one member's)."""
    qs = selectors.afwezigheid_list(request.user)
    return qs.filter(werknemer_id=werknemer_id) if werknemer_id else qs


@router.get("/afwezigheid/werklijst", response=list[WerkpuntOut])
def list_afwezigheid_werklijst(request):
    """Staff: current absences, reporting deadlines, recovery due, leave requests."""
    return selectors.werklijst(request.user)


@router.get("/afwezigheid/{int:melding_id}", response=AfwezigheidOut)
def get_afwezigheid(request, melding_id: int):
    return selectors.afwezigheid_get(request.user, melding_id)


@router.post("/afwezigheid/{int:melding_id}/herstel", response=AfwezigheidOut)
def recover_afwezigheid(request, melding_id: int, payload: HerstelIn):
    """Staff: the member works again from `hersteld_per`."""
    melding = services.afwezigheid_recover(
        user=request.user, melding_id=melding_id, hersteld_per=payload.hersteld_per
    )
    return selectors.afwezigheid_get(request.user, melding.pk)


@router.post("/verlof/", response={200: AfwezigheidOut, 201: AfwezigheidOut})
def request_verlof(request, payload: VerlofIn):
    """Ask for leave (a member with a permanent job); staff decide."""
    melding, nieuw = verlof_services.verlof_request(user=request.user, **payload.dict())
    return _uit(request, melding, nieuw)


@router.post("/verlof/{int:melding_id}/goedkeuren", response=AfwezigheidOut)
def approve_verlof(request, melding_id: int):
    melding = verlof_services.verlof_approve(user=request.user, melding_id=melding_id)
    return selectors.afwezigheid_get(request.user, melding.pk)


@router.post("/verlof/{int:melding_id}/afwijzen", response=AfwezigheidOut)
def decline_verlof(request, melding_id: int, payload: AfwijzingIn):
    melding = verlof_services.verlof_decline(
        user=request.user, melding_id=melding_id, reden=payload.reden
    )
    return selectors.afwezigheid_get(request.user, melding.pk)


def _saldo_uit(werknemer: Werknemer, s: selectors.Verlofsaldo) -> dict:
    return {
        "werknemer_id": werknemer.pk,
        "jaar": s.jaar,
        "recht_vast": s.recht_vast,
        "opbouw_oproep": s.opbouw_oproep,
        "recht": s.recht,
        "opgenomen": s.opgenomen,
        "aangevraagd": s.aangevraagd,
        "saldo": s.saldo,
    }


def _jaar(jaar: int | None) -> int:
    jaar = jaar or timezone.localdate().year
    if not 2000 <= jaar <= 2100:
        raise NotFound("Geen verlofsaldo voor dat jaar.")
    return jaar


@router.get("/verlof/saldi", response=list[VerlofsaldoOut])
def list_verlofsaldi(request, jaar: int | None = None):
    """Staff: the holiday balance of every member with a permanent job in the year."""
    jaar = _jaar(jaar)
    return [_saldo_uit(w, s) for w, s in selectors.verlofsaldi(request.user, jaar=jaar)]


@router.get("/verlof/saldo", response=VerlofsaldoOut)
def get_verlofsaldo(request, jaar: int | None = None, werknemer_id: int | None = None):
    """Your statutory holiday hours for a year: the right, what was taken, what is left."""
    actor = actor_van(request.user)
    eigen = actor.werknemer_id
    if actor.is_staff and werknemer_id is not None:
        werknemer = Werknemer.objects.filter(pk=werknemer_id).first()
    elif eigen is not None and werknemer_id in (None, eigen):
        werknemer = Werknemer.objects.filter(pk=eigen).first()
    else:
        werknemer = None
    if werknemer is None:
        raise NotFound("Werknemer niet gevonden.")
    return _saldo_uit(werknemer, selectors.verlofsaldo(werknemer=werknemer, jaar=_jaar(jaar)))
