"""Reads of absences, scoped to the asking user; and staff's absence worklist.

A member sees every record about them, with its reason and each released shift (including
whether it was within the 4-day term): there is no other record and no score. An employer
sees none (whether a member is sick is not theirs to know); another member's record is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from contracten import tabellen as t
from contracten.regels import plus_maanden
from coop.auth import is_staff
from coop.exceptions import NotFound, PermissionDenied
from coop.models import Afwezigheidsmelding
from coop.selectors import werknemer_id_of

Status = Afwezigheidsmelding.Status


def afwezigheid_list(user) -> QuerySet[Afwezigheidsmelding]:
    qs = Afwezigheidsmelding.objects.select_related("werknemer", "bevestiging").prefetch_related(
        "vrijgaven__inzet__dienst__locatie", "vrijgaven__nieuw_aanbod"
    )
    if is_staff(user):
        return qs
    eigen = werknemer_id_of(user)
    if eigen is not None:
        return qs.filter(werknemer_id=eigen)
    raise PermissionDenied("Alleen het lid zelf en de makelaar zien afwezigheid.")


def afwezigheid_get(user, pk: int) -> Afwezigheidsmelding:
    try:
        return afwezigheid_list(user).get(pk=pk)
    except Afwezigheidsmelding.DoesNotExist as exc:
        raise NotFound("Melding niet gevonden.") from exc


@dataclass(frozen=True)
class Werkpunt:
    soort: str
    melding_id: int  # 0 for an item about a member rather than one record
    werknemer_id: int
    werknemer: str
    vervaldatum: date | None
    toelichting: str


def _punt(soort: str, m: Afwezigheidsmelding, vervalt: date | None, tekst: str) -> Werkpunt:
    return Werkpunt(soort, m.pk, m.werknemer_id, m.werknemer.volledige_naam, vervalt, tekst)


def werklijst(user, *, vandaag: date | None = None) -> list[Werkpunt]:
    """Current absences, reports due to the occupational health service and UWV, recovery
    due, and leave requests waiting for a decision."""
    if not is_staff(user):
        raise PermissionDenied("Alleen medewerkers van de makelaar zien de werklijst.")
    vandaag = vandaag or timezone.localdate()
    punten: list[Werkpunt] = []
    lopend = Afwezigheidsmelding.objects.select_related("werknemer").filter(
        Q(status=Status.GEMELD) | Q(status=Status.GOEDGEKEURD, tot__gte=vandaag),
        van__lte=vandaag,
    )
    for m in lopend:
        tot = f" t/m {m.tot:%d-%m-%Y}" if m.tot else ""
        punten.append(
            _punt("afwezig", m, m.tot, f"{m.get_soort_display()} sinds {m.van:%d-%m-%Y}{tot}.")
        )
        if m.soort == Afwezigheidsmelding.Soort.ZIEK:
            punten += _ziektetermijnen(m, vandaag)
    for m in Afwezigheidsmelding.objects.select_related("werknemer").filter(
        status=Status.AANGEVRAAGD
    ):
        punten.append(
            _punt(
                "verlof_aanvraag",
                m,
                m.van,
                f"Verlof aangevraagd {m.van:%d-%m-%Y} t/m {m.tot:%d-%m-%Y} ({m.uren} uur).",
            )
        )
    punten += _verlof_vervalt(vandaag)
    return sorted(punten, key=lambda p: (p.vervaldatum or date.max, p.melding_id, p.soort))


VERVAL_VOORUIT = timedelta(weeks=8)


def _nl(uren: Decimal) -> str:
    return f"{uren:.2f}".replace(".", ",")


def _verlof_vervalt(vandaag: date) -> list[Werkpunt]:
    """Members with statutory holiday hours of last year left that lapse within 8 weeks
    (7:640a): staff remind them to take it."""
    from contracten.regels import vakantie_uren_vervallen_na
    from coop.models import Job
    from coop.services.afwezigheid_loon import verlofsaldo

    jaar = vandaag.year - 1
    vervalt = vakantie_uren_vervallen_na(jaar)
    if not vandaag <= vervalt <= vandaag + VERVAL_VOORUIT:
        return []
    punten = []
    ids = Job.objects.filter(soort=Job.Soort.VAST, werknemer__isnull=False).values("werknemer")
    from werknemers.models import Werknemer

    for werknemer in Werknemer.objects.filter(pk__in=ids):
        saldo = verlofsaldo(werknemer=werknemer, jaar=jaar).saldo
        if saldo > 0:
            punten.append(
                Werkpunt(
                    "verlof_vervalt",
                    0,
                    werknemer.pk,
                    werknemer.volledige_naam,
                    vervalt,
                    f"{_nl(saldo)} wettelijke verlofuren uit {jaar} vervallen na {vervalt:%d-%m-%Y} "
                    "(art. 7:640a BW): laat ze opnemen.",
                )
            )
    return punten


def _ziektetermijnen(m: Afwezigheidsmelding, vandaag: date) -> list[Werkpunt]:
    f = t.VERZUIM_TERMIJNEN.op(m.van)
    punten = []
    if m.tot is not None and m.tot < vandaag:
        punten.append(
            _punt(
                "herstel_verwacht",
                m,
                m.tot,
                f"Verwacht beter per {m.tot + timedelta(days=1):%d-%m-%Y}: meld herstel of verleng.",
            )
        )
    termijnen = (
        (
            "arbodienst",
            m.van + timedelta(days=f.arbodienst_dagen),
            "Ziekmelding aan de arbodienst of bedrijfsarts",
        ),
        (
            "probleemanalyse",
            m.van + timedelta(weeks=f.probleemanalyse_weken),
            "Probleemanalyse door de bedrijfsarts (Wet verbetering poortwachter)",
        ),
        (
            "uwv_42e_week",
            m.van + timedelta(weeks=f.uwv_na_weken),
            "42e-weeksmelding aan UWV (art. 38 Ziektewet)",
        ),
    )
    for soort, uiterlijk, tekst in termijnen:
        if uiterlijk - timedelta(days=7) <= vandaag:
            te_laat = " — te laat" if uiterlijk < vandaag else ""
            punten.append(
                _punt(soort, m, uiterlijk, f"{tekst}: uiterlijk {uiterlijk:%d-%m-%Y}{te_laat}.")
            )
    contract = _oproepcontract_eindigt(m, vandaag)
    if contract is not None:
        punten.append(
            _punt(
                "uwv_einde_contract",
                m,
                contract.eind,
                f"De oproepovereenkomst eindigt op {contract.eind:%d-%m-%Y} tijdens ziekte: "
                "ziekmelding bij UWV (Ziektewet) uiterlijk op die dag.",
            )
        )
    return punten


def _oproepcontract_eindigt(m: Afwezigheidsmelding, vandaag: date):
    from contracten.models import Arbeidscontract, ContractSoort

    return (
        Arbeidscontract.objects.filter(
            werknemer_id=m.werknemer_id,
            soort=ContractSoort.OPROEPOVEREENKOMST,
            eind__gte=max(m.van, vandaag),
            eind__lte=plus_maanden(vandaag, 1),
        )
        .order_by("eind")
        .first()
    )
