"""Reads of absences, scoped to the asking user; staff's absence worklist; the holiday
balance per calendar year (4 x the weekly hours of the member's permanent jobs, pro rata of
the days they run in the year, plus 4/48 of the on-call hours paid, sick or on leave, less the
leave taken).

A member sees every record about them, with its reason and each released shift (including
whether it was within the call term): there is no other record and no score. An employer
sees none (whether a member is sick is not theirs to know); another member's record is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from contracten import tabellen as t
from contracten.models import Arbeidscontract, ContractSoort
from contracten.regels import plus_maanden, vakantie_uren_vervallen_na
from contracten.regels import verlof as verlofregels
from coop.core.auth import actor_van, vereis_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.models import Afwezigheidsmelding, Job, Urenregel
from werknemers.models import Werknemer

Status = Afwezigheidsmelding.Status


def afwezigheid_list(user) -> QuerySet[Afwezigheidsmelding]:
    qs = Afwezigheidsmelding.objects.select_related("werknemer", "bevestiging").prefetch_related(
        "vrijgaven__inzet__dienst__locatie", "vrijgaven__nieuw_aanbod"
    )
    actor = actor_van(user)
    if actor.is_staff:
        return qs
    if actor.werknemer_id is not None:
        return qs.filter(werknemer_id=actor.werknemer_id)
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
    vereis_staff(user, "Alleen medewerkers van de makelaar zien de werklijst.")
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
    jaar = vandaag.year - 1
    vervalt = vakantie_uren_vervallen_na(jaar)
    if not vandaag <= vervalt <= vandaag + VERVAL_VOORUIT:
        return []
    punten = []
    ids = Job.objects.filter(soort=Job.Soort.VAST, werknemer__isnull=False).values("werknemer")
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


def afwezig_perioden(werknemer_ids, van: date, tot: date) -> list[tuple[int, date, date]]:
    """Members' reported absences overlapping van..tot (open ends as `tot`), for matching."""
    uit = []
    for m in Afwezigheidsmelding.objects.filter(
        werknemer_id__in=werknemer_ids,
        status__in=(Status.GEMELD, Status.GOEDGEKEURD, Status.HERSTELD),
        van__lte=tot,
    ):
        laatste = m.laatste_dag or tot
        if laatste >= van:
            uit.append((m.werknemer_id, m.van, laatste))
    return uit


# --- holiday balance ---------------------------------------------------------------------------

NUL = Decimal("0")


@dataclass(frozen=True)
class Verlofsaldo:
    jaar: int
    recht_vast: Decimal
    opbouw_oproep: Decimal
    opgenomen: Decimal
    aangevraagd: Decimal

    @property
    def recht(self) -> Decimal:
        return self.recht_vast + self.opbouw_oproep

    @property
    def saldo(self) -> Decimal:
        return verlofregels.saldo(recht=self.recht, opgenomen=self.opgenomen)


def _opbouwuren(regel: Urenregel) -> Decimal:
    """The hours of a call's line that accrue holiday: paid hours, and the hours of a call
    missed for sickness or leave (7:634; the same hours as payroll's holiday-hours component,
    coop/services/uren/loonstaat.py TIJD)."""
    if regel.soort == Urenregel.Soort.ZIEK:
        return regel.ziek_uren
    if regel.soort == Urenregel.Soort.VERLOF:
        return regel.verlof_uren
    return regel.betaalde_uren


def verlofsaldo(*, werknemer, jaar: int) -> Verlofsaldo:
    """A member's statutory holiday hours for calendar year `jaar`, as the rules give them."""
    recht_vast = sum(
        (
            verlofregels.recht_vaste_baan(
                uren_per_week=job.uren_per_week or NUL,
                begin=job.startdatum or date(jaar, 1, 1),
                eind=job.einddatum,
                jaar=jaar,
            )
            for job in Job.objects.filter(soort=Job.Soort.VAST, werknemer=werknemer)
        ),
        NUL,
    )
    regels = Urenregel.objects.filter(
        inzet__werknemer=werknemer,
        datum__year=jaar,
        status__in=(Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD),
        correctie__isnull=True,
    ).select_related("inzet__dienst__job")
    oproep_uren = [
        (r.datum, _opbouwuren(r))
        for r in regels
        if r.inzet.dienst.job.soort == Job.Soort.INCIDENTEEL
    ]
    opgenomen = sum((r.verlof_uren for r in regels if r.soort == Urenregel.Soort.VERLOF), NUL)
    aangevraagd = sum(
        (
            m.uren
            for m in Afwezigheidsmelding.objects.filter(
                werknemer=werknemer,
                soort=Afwezigheidsmelding.Soort.VERLOF,
                status=Afwezigheidsmelding.Status.AANGEVRAAGD,
                van__year=jaar,
            )
        ),
        NUL,
    )
    return Verlofsaldo(
        jaar=jaar,
        recht_vast=recht_vast,
        opbouw_oproep=verlofregels.opbouw_oproep(betaalde_uren=oproep_uren),
        opgenomen=opgenomen,
        aangevraagd=aangevraagd,
    )


def verlofsaldi(user, *, jaar: int) -> list[tuple[Werknemer, Verlofsaldo]]:
    """Staff: the holiday balance in `jaar` of every member with a permanent job running in
    that year, by name (the admin's absence worklist)."""
    vereis_staff(user, "Alleen medewerkers van de makelaar zien de verlofsaldi.")
    banen = Job.objects.filter(soort=Job.Soort.VAST, werknemer__isnull=False).filter(
        Q(startdatum__isnull=True) | Q(startdatum__lte=date(jaar, 12, 31)),
        Q(einddatum__isnull=True) | Q(einddatum__gte=date(jaar, 1, 1)),
    )
    leden = Werknemer.objects.filter(pk__in=banen.values("werknemer")).order_by(
        "achternaam", "voornaam", "pk"
    )
    return [(w, verlofsaldo(werknemer=w, jaar=jaar)) for w in leden]
