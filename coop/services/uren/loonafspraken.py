"""Wage agreements: a dated Loonafspraak per member, never below the statutory minimum.

A new agreement may not start inside an exported period (those days are paid; a back-dated
raise is a correction). The minimum is checked for every day the tables cover from its first
day until the next agreement (birthdays and indexations count).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from contracten import regels as contracten_regels
from contracten import voorwaarden
from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import RegelFout, leeftijd_op
from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict
from coop.models import Loonafspraak
from coop.services.uren.loonperioden import laatst_geexporteerd
from coop.services.werk import papieren
from werknemers.models import Werknemer


def bedrag_tekst(bedrag: Decimal) -> str:
    return f"{bedrag:.2f}".replace(".", ",")


@transaction.atomic
def loonafspraak_create(
    *, user, werknemer_id: int, geldig_van: date, uurloon: Decimal, toelichting: str = ""
) -> Loonafspraak:
    """Record a member's hourly wage from a date; never inside an exported period.

    The documents whose days it covers get a new version, each with a message owed to the
    member (papieren.loonafspraak_papieren_create); all in this transaction.
    """
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    werknemer = Werknemer.objects.filter(pk=werknemer_id).first()
    if werknemer is None:
        raise ApplicationError("Onbekende werknemer.", fields={"werknemer_id": ["Bestaat niet."]})
    loonafspraak_check(werknemer=werknemer, geldig_van=geldig_van, uurloon=uurloon)
    afspraak = Loonafspraak.objects.create(
        werknemer=werknemer, geldig_van=geldig_van, uurloon=uurloon, toelichting=toelichting
    )
    papieren.loonafspraak_papieren_create(afspraak=afspraak, user=user)
    return afspraak


def loonafspraak_check(*, werknemer: Werknemer, geldig_van: date, uurloon: Decimal) -> None:
    """The checks on a new wage (shared with the admin form): not back into paid periods,
    not below the statutory minimum on any day it covers, one agreement per start date."""
    betaald_tot = laatst_geexporteerd()
    if betaald_tot and geldig_van <= betaald_tot:
        raise ApplicationError(
            f"Tot en met {betaald_tot:%d-%m-%Y} is het loon al uitbetaald.",
            fields={"geldig_van": [f"Kies een datum na {betaald_tot:%d-%m-%Y}."]},
        )
    _controleer_minimum(werknemer, geldig_van, _dekt_tot(werknemer, geldig_van), uurloon)
    if Loonafspraak.objects.filter(werknemer=werknemer, geldig_van=geldig_van).exists():
        raise Conflict(
            "Er is al een loonafspraak vanaf deze datum.",
            fields={"geldig_van": ["Er is al een loonafspraak vanaf deze datum."]},
        )


def _dekt_tot(werknemer: Werknemer, geldig_van: date) -> date | None:
    """The last day a new agreement from `geldig_van` holds: the day before the next one."""
    volgende = (
        Loonafspraak.objects.filter(werknemer=werknemer, geldig_van__gt=geldig_van)
        .order_by("geldig_van")
        .values_list("geldig_van", flat=True)
        .first()
    )
    return volgende - timedelta(days=1) if volgende else None


def _kenmerk(dag: date) -> str:
    try:
        return contracten_regels.minimumloon_kenmerk(dag)
    except GeenRegelVoorDatum:
        return " (het laatst bekendgemaakte minimum; het bedrag voor die datum is nog niet bekend)"


def _controleer_minimum(werknemer: Werknemer, van: date, tot: date | None, uurloon: Decimal):
    """Not below the minimum for the member's age on any day of van..tot the tables cover
    (birthdays and indexations count); a first day no table covers is checked at export."""
    try:
        verloop = voorwaarden.minimumloon_verloop(werknemer.geboortedatum, van, tot)
    except GeenRegelVoorDatum:
        # After the published table: its last minimum is a floor (the minimum only rises).
        ondergrens = voorwaarden.laatst_gepubliceerd_minimum(werknemer.geboortedatum, van)
        verloop = [ondergrens] if ondergrens else []
    except RegelFout as exc:
        raise ApplicationError(str(exc), fields={"werknemer_id": [str(exc)]}) from exc
    for dag, minimum in verloop:
        if uurloon < minimum:
            melding = (
                f"Lager dan het wettelijk minimumloon van € {bedrag_tekst(minimum)} per uur "
                f"vanaf {dag:%d-%m-%Y} (leeftijd {leeftijd_op(werknemer.geboortedatum, dag)})"
                f"{_kenmerk(dag)}."
            )
            raise ApplicationError(melding, fields={"uurloon": [melding]})
