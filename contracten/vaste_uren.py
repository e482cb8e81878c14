"""The fixed-hours offer (7:628a lid 5): the on-call series, its paid hours per month, the letter.

Paid hours are the hours of each call (after the break, with the 3-hour minimum) and the
hours kept on a late cancellation. A call the member could not work because they were sick or
on leave stays a paid call (sick pay, leave hours) and counts; a call given back as "kan niet"
is unpaid and does not (`ONBETAALDE_OPROEPEN`). Successive on-call contracts with gaps of
at most the chain rule's 6 months count as one series (lid 7). The worklist
(contracten.werklijst) lists the offer and issues the letter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.utils import timezone

from contracten import tabellen as t
from contracten.documenten import document_uitgeven
from contracten.loonwijzigingen import loon_volgens_contract
from contracten.models import Arbeidscontract, ContractSoort, Document, DocumentSoort, Oproep
from contracten.regels import VasteUrenAanbod, contractmaanden, plus_maanden
from contracten.regels.kalender import EEN_DAG
from contracten.regels.keten import sluit_aan
from contracten.regels.uren import honderdste_uur
from contracten.services import makelaar_partij
from contracten.voorwaarden import oproepovereenkomst_op


def reeks_begin(contract: Arbeidscontract) -> date:
    """The first day of the unbroken series of on-call contracts `contract` belongs to.

    Successive on-call contracts with gaps of at most the chain rule's 6 months count as
    one for the 12 months of 7:628a lid 5 (lid 7).
    """
    begin = contract.begin
    eerdere = Arbeidscontract.objects.filter(
        werknemer_id=contract.werknemer_id,
        soort=ContractSoort.OPROEPOVEREENKOMST,
        begin__lt=contract.begin,
    ).order_by("-begin")
    for vorige in eerdere:
        tussenpoos = t.KETEN.op(begin).max_tussenpoos_maanden
        if vorige.eind is None or not sluit_aan(vorige.eind, begin, tussenpoos):
            break
        begin = vorige.begin
    return begin


# Lookups of the calls a member gave back unpaid ("kan niet"): their kenmerken. The broker
# registers its own (coop/apps.py); contracten cannot read the broker's records.
ONBETAALDE_OPROEPEN: list[Callable[[object], set[str]]] = []


def betaalde_uren_per_maand(werknemer, begin: date, maanden: int) -> list[Decimal]:
    """Paid hours per contract month from `begin`: calls that took place and hours kept."""
    grenzen = list(contractmaanden(begin, maanden))
    if not grenzen:
        return []
    uren = [Decimal(0)] * len(grenzen)
    nu = timezone.now()
    oproepen = Oproep.objects.filter(
        werknemer=werknemer,
        begin__date__gte=grenzen[0][0] - EEN_DAG,
        begin__date__lte=grenzen[-1][1] + EEN_DAG,
    )
    onbetaald: set[str] = set().union(*(bron(werknemer) for bron in ONBETAALDE_OPROEPEN))
    for oproep in oproepen:
        if oproep.kenmerk in onbetaald:
            continue
        dag = timezone.localdate(oproep.begin)
        betaald = _betaald(oproep, nu)
        for i, (van, tot) in enumerate(grenzen):
            if van <= dag <= tot:
                uren[i] += betaald
    return uren


def _betaald(oproep: Oproep, nu) -> Decimal:
    if oproep.status == Oproep.Status.GEANNULEERD:
        return oproep.uren_doorbetaald
    return oproep.betaalde_uren if oproep.eind <= nu else Decimal(0)


def aanbodbrief_uitgeven(contract, aanbod: VasteUrenAanbod, vandaag: date, user) -> Document:
    weken = Decimal((aanbod.periode_tot - aanbod.periode_van).days + 1) / 7
    totaal = aanbod.gemiddelde_per_maand * 12
    reageren_voor = plus_maanden(vandaag, 1)  # the member has one month to accept
    context = {
        "makelaar": makelaar_partij(),
        "oproepovereenkomst_nummer": contract.document.nummer,
        "periode_van": aanbod.periode_van,
        "periode_tot": aanbod.periode_tot,
        "gemiddelde_uren_per_week": min(honderdste_uur(totaal / weken), aanbod.uren_per_week),
        "aangeboden_uren_per_week": aanbod.uren_per_week,
        "ingangsdatum": reageren_voor + EEN_DAG,
        "reageren_voor": reageren_voor,
        "uurloon": loon_volgens_contract(
            oproepovereenkomst_op(contract.werknemer, reageren_voor + EEN_DAG) or contract,
            reageren_voor + EEN_DAG,
        ),
    }
    return document_uitgeven(
        soort=DocumentSoort.AANBOD_VASTE_UREN,
        werknemer=contract.werknemer,
        context=context,
        user=user,
    )
