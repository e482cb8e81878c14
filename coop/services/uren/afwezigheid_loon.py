"""The pay side of absence: sick-pay and leave lines for released assignments.

* A released assignment of a sick member gets an hours line of the kind "ziek": the hours
  the member would have worked (the shift less the statutory break), the percentage the law
  sets (contracten/regels/ziekte.py) and whether the minimum-wage floor applies. Staff need
  not approve it (the law settles it); payroll pays it as its own wage component. A waiting
  day the contract states is a line at 0%.
* On-call work after three months (7:610b): where the released calls of a sick week come to
  fewer hours than the presumed weekly hours, the week's first sick line is topped up.
* An approved leave's released assignments get lines of the kind "verlof" at the full wage.
* The holiday balance is a read: coop.selectors.afwezigheid (verlofsaldo).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from contracten import arbeidstijd
from contracten.feiten import GeenRegelVoorDatum
from contracten.gegevens import vastleggen as gegevens_vastleggen
from contracten.models import Arbeidscontract, ContractSoort, Oproep
from contracten.regels import RegelFout, minimumloon_per_uur
from contracten.regels import ziekte as ziekteregels
from contracten.regels.uren import honderdste_uur
from contracten.voorwaarden import oproepovereenkomst_op
from coop.models import Afwezigheidsmelding, Inzet, Job, Urenregel
from coop.selectors import lonen

NUL = Decimal("0")
AFWEZIGHEID_SOORTEN = (Urenregel.Soort.ZIEK, Urenregel.Soort.VERLOF)


def _nl(getal: Decimal) -> str:
    return f"{getal:.2f}".replace(".", ",")


def geplande_uren(inzet: Inzet) -> Decimal:
    """The hours an assignment would have been paid: the shift less its break as the call
    states it (the planned break, at least the statutory one; contracten.arbeidstijd)."""
    return venster_uren(inzet.werknemer, inzet.start, inzet.eind, inzet.dienst.pauze_minuten)


def venster_uren(werknemer, start: datetime, eind: datetime, pauze_minuten: int | None) -> Decimal:
    """The paid hours of a shift start..eind not worked, less its break (the planned one,
    at least the statutory one for the member; None: the statutory one)."""
    venster = arbeidstijd.Dienstvenster(
        start, eind, None if pauze_minuten is None else 60 * pauze_minuten
    )
    seconden = arbeidstijd.betaalde_seconden(werknemer.geboortedatum, venster)
    return honderdste_uur(Decimal(seconden) / 3600)


def ziekteperioden(werknemer_id: int) -> list[tuple[date, date | None]]:
    """Every reported sickness of a member as (first day, last day or open)."""
    return [
        (m.van, m.laatste_dag)
        for m in Afwezigheidsmelding.objects.filter(
            werknemer_id=werknemer_id, soort=Afwezigheidsmelding.Soort.ZIEK
        ).exclude(status=Afwezigheidsmelding.Status.AFGEWEZEN)
    ]


def wachtdagen_volgens_contract(werknemer, dag: date) -> int:
    """The waiting days the member's employment contract on `dag` states (0 without one)."""
    contract = (
        Arbeidscontract.objects.filter(werknemer=werknemer, begin__lte=dag)
        .exclude(eind__lt=dag)
        .order_by("-begin")
        .first()
    )
    return contract.wachtdagen if contract else 0


def _basis_regel(inzet: Inzet, melding: Afwezigheidsmelding, soort: str) -> Urenregel:
    return Urenregel(
        inzet=inzet,
        soort=soort,
        datum=timezone.localtime(inzet.start).date(),
        status=Urenregel.Status.VASTGESTELD,
        vastgesteld_op=timezone.now(),
        vaststelling_toelichting=(
            f"{melding.get_soort_display().capitalize()} gemeld op "
            f"{timezone.localtime(melding.gemeld_op):%d-%m-%Y %H:%M}; volgt uit de wet."
        )[:500],
    )


def ziekteregel_create(*, inzet: Inzet, melding: Afwezigheidsmelding) -> Urenregel:
    """The sick-pay line of one released assignment (created once)."""
    bestaand = Urenregel.objects.filter(inzet=inzet, corrigeert__isnull=True).first()
    if bestaand is not None:
        return bestaand
    regel = _basis_regel(inzet, melding, Urenregel.Soort.ZIEK)
    werknemer = inzet.werknemer
    perioden = ziekteperioden(werknemer.pk)
    week = max(ziekteregels.ziekteweek(perioden, regel.datum), 1)
    wachtdag = ziekteregels.is_wachtdag(
        perioden, regel.datum, overeengekomen=wachtdagen_volgens_contract(werknemer, regel.datum)
    )
    uurloon = lonen.afgesproken_op(lonen.afspraken_van(werknemer), regel.datum)
    try:
        minimum = minimumloon_per_uur(werknemer.geboortedatum, regel.datum)
    except (GeenRegelVoorDatum, RegelFout):
        minimum = NUL
    uitkomst = ziekteregels.doorbetaling(
        uurloon=uurloon if uurloon is not None else minimum,
        minimumloon=minimum,
        week=week,
        wachtdag=wachtdag,
        dag=regel.datum,
    )
    regel.ziek_uren = geplande_uren(inzet)
    regel.doorbetaling_procent = uitkomst.procent
    regel.minimumloon_garantie = uitkomst.minimumloon_garantie
    regel.toelichting_regels = [
        f"Ziek: {_nl(regel.ziek_uren)} uur die zouden zijn gewerkt. {uitkomst.toelichting}"
    ]
    regel.save()
    gegevens_vastleggen(regel.datum)
    return regel


def verlofregel_create(*, inzet: Inzet, melding: Afwezigheidsmelding) -> Urenregel:
    """The leave line of one assignment released for approved leave (created once)."""
    bestaand = Urenregel.objects.filter(inzet=inzet, corrigeert__isnull=True).first()
    if bestaand is not None:
        return bestaand
    regel = _basis_regel(inzet, melding, Urenregel.Soort.VERLOF)
    regel.verlof_uren = geplande_uren(inzet)
    regel.toelichting_regels = [
        f"Verlof: {_nl(regel.verlof_uren)} uur met behoud van loon (art. 7:639 BW)."
    ]
    regel.save()
    gegevens_vastleggen(regel.datum)
    return regel


def vermoeden_apply(*, melding: Afwezigheidsmelding, regels: list[Urenregel]) -> None:
    """Top up a sick on-call member's weeks to the presumed weekly hours (7:610b BW)."""
    oproepregels = [r for r in regels if r.inzet.dienst.job.soort == Job.Soort.INCIDENTEEL]
    if not oproepregels:
        return
    contract = oproepovereenkomst_op(melding.werknemer, melding.van)
    if contract is None or contract.soort != ContractSoort.OPROEPOVEREENKOMST:
        return
    betaald: dict[date, Decimal] = defaultdict(lambda: NUL)
    for oproep in Oproep.objects.filter(
        werknemer=melding.werknemer, begin__date__lt=melding.van, eind__lte=timezone.now()
    ):
        uren = (
            oproep.uren_doorbetaald
            if oproep.status == Oproep.Status.GEANNULEERD
            else oproep.betaalde_uren
        )
        betaald[timezone.localtime(oproep.begin).date()] += uren
    vermoed = ziekteregels.vermoede_uren_per_week(
        contract_begin=contract.begin, ziek_vanaf=melding.van, uren_per_dag=betaald
    )
    if not vermoed:
        return
    per_week: dict[date, list[Urenregel]] = defaultdict(list)
    for regel in sorted(oproepregels, key=lambda r: (r.datum, r.pk)):
        per_week[ziekteregels.week_van(regel.datum)].append(regel)
    for maandag, week in per_week.items():
        tekort = vermoed - sum((r.ziek_uren for r in week), NUL)
        if tekort <= 0:
            continue
        eerste = week[0]
        eerste.ziek_uren += tekort
        eerste.toelichting_regels = [
            *eerste.toelichting_regels,
            f"Vermoeden arbeidsomvang (art. 7:610b BW): gemiddeld {_nl(vermoed)} uur per week "
            f"in de 3 maanden voor de ziekmelding; week van {maandag:%d-%m-%Y} aangevuld met "
            f"{_nl(tekort)} uur.",
        ]
        eerste.save(update_fields=["ziek_uren", "toelichting_regels", "updated_at"])


def dag_grenzen(van: date, tot: date | None):
    """Aware datetimes bounding the days van..tot (tot open: no upper bound)."""
    begin = timezone.make_aware(datetime.combine(van, datetime.min.time()))
    eind = (
        timezone.make_aware(datetime.combine(tot + timedelta(days=1), datetime.min.time()))
        if tot is not None
        else None
    )
    return begin, eind


def onbetaalde_oproepen(werknemer) -> set[str]:
    """The calls (their kenmerken) a member gave back without pay: released assignments that
    have no sick or leave line ("kan niet", or days after recovery). The fixed-hours offer
    does not count them (contracten/vaste_uren.py)."""
    return {
        f"inzet-{pk}"
        for pk in Inzet.objects.filter(werknemer=werknemer, status=Inzet.Status.VRIJGEGEVEN)
        .exclude(urenregels__soort__in=AFWEZIGHEID_SOORTEN)
        .values_list("pk", flat=True)
    }
