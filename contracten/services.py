"""Contract records: the paperwork that follows the broker's decisions.

The broker (coop/services/werk/papieren.py) decides *that* a member gets a contract and passes
plain facts in; this module decides *what* the law makes of them (term, chain position,
probation, wage, notice) and issues the document in the caller's transaction, so the
decision and its paper are stored together or not at all. The wage and the term are computed
in contracten.voorwaarden, written calls in contracten.oproepen, new versions after a later
wage agreement in contracten.loonwijzigingen.

Choices where the law leaves room:

* **Permanent job without an end date**: the first contract is fixed-term for 12 months;
  the chain rule decides whether it must be indefinite instead.
* **A fixed term the chain rule converts mid-way** (36 months passed during the term): the
  contract is issued as indefinite from its first day; the broker cannot agree a valid end.
* **On-call framework contract**: one per member at a time, fixed-term for 12 months from
  the day the first call is accepted (the next one follows on from the previous end), no
  probation (every call may be refused anyway), zero guaranteed hours. It is a contract in
  the chain like any other.
* **Concurrent contracts** (an on-call contract still running when a permanent one starts)
  count in the chain up to the day before the new contract; overlapping earlier contracts
  count as one link.
* **Probation**: the most the law allows (regels.max_proeftijd); none in a follow-up
  contract for the same work, "the same work" being an earlier contract with the same
  function title.
* **Wage**: what the member is paid on each day (`loonverloop`): the wage agreement in
  force, and only where none is, the statutory minimum for their age. A document states
  the wage on its first day and every change during its term (a later agreement; a
  birthday or indexation while the minimum is the wage). An agreement must not fall below
  the minimum on any day the published tables cover (birthdays and indexations included),
  else the document is refused. A first day no table covers refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from contracten.contexten import WEEKDAGEN, Roosterregel, Werkplek
from contracten.documenten import document_uitgeven
from contracten.models import Arbeidscontract, ContractSoort, DocumentSoort
from contracten.regels import max_proeftijd, opzegtermijn_werkgever, opzegtermijn_werknemer
from contracten.regels.kalender import EEN_DAG, hele_maanden
from contracten.voorwaarden import (
    EERSTE_TERMIJN_MAANDEN,
    OPROEPOVEREENKOMST_MAANDEN,
    Afspraken,
    Contracten,
    Loonstap,
    Termijn,
    contracten_van,
    loonverloop,
    oproepovereenkomst_op,
    termijn,
    volgend_oproepbegin,
)

OPROEPKRACHT_FUNCTIE = "Oproepkracht buurtwerk"


def makelaar() -> dict:
    """The broker as legal employer: settings.COOP_MAKELAAR, the one set of its details."""
    return dict(settings.COOP_MAKELAAR)


def makelaar_partij() -> dict:
    gegevens = makelaar()
    return {k: gegevens[k] for k in ("naam", "adres", "kvk_nummer", "vertegenwoordiger")}


def weekdag_naam(weekdag: int) -> str:
    return WEEKDAGEN[weekdag]


# --- Contracts ---------------------------------------------------------------------------------


def _proeftijd(werknemer, term: Termijn, functie: str) -> int:
    zelfde_werk = Arbeidscontract.objects.filter(
        werknemer=werknemer, functie=functie, begin__lt=term.begin
    ).exists()
    return max_proeftijd(term.begin, term.eind, vervolgcontract_zelfde_werk=zelfde_werk)


def _gemeenschappelijk(werknemer, term: Termijn, functie: str, lonen: list[Loonstap], proeftijd):
    dienstjaren = hele_maanden(term.keten.keten_begin, term.begin - EEN_DAG) // 12
    return {
        "makelaar": makelaar_partij(),
        "soort_contract": "bepaalde_tijd" if term.bepaalde_tijd else "onbepaalde_tijd",
        "functie": functie,
        "ingangsdatum": term.begin,
        "einddatum": term.eind,
        "proeftijd_maanden": proeftijd,
        "uurloon": lonen[0].uurloon,
        "loonverloop": [stap.als_context() for stap in lonen],
        "opzegtermijn_werkgever_maanden": opzegtermijn_werkgever(dienstjaren, dag=term.begin),
        "opzegtermijn_werknemer_maanden": opzegtermijn_werknemer(dag=term.begin),
        "plaats_ondertekening": makelaar()["plaats"],
    }


def _vastleggen(*, werknemer, soort, kenmerk, functie, term, proeftijd, uren, uurloon, document):
    return Arbeidscontract.objects.create(
        werknemer=werknemer,
        soort=soort,
        kenmerk=kenmerk,
        functie=functie,
        begin=term.begin,
        eind=term.eind,
        bepaalde_tijd=term.bepaalde_tijd,
        nummer_in_keten=term.keten.nummer_in_keten,
        keten_begin=term.keten.keten_begin,
        keten_toelichting=term.keten.reden[:500],
        proeftijd_maanden=proeftijd,
        uren_per_week=uren,
        uurloon=uurloon,
        document=document,
    )


# No savepoint of its own: a failure fails the caller's decision as a whole (the callers
# let it propagate to their own transaction or savepoint), and a savepoint is two statements.
@transaction.atomic(savepoint=False)
def arbeidsovereenkomst_aangaan(
    *,
    werknemer,
    kenmerk: str,
    functie: str,
    werkplekken: Sequence[Werkplek],
    begin: date,
    eind: date | None,
    uren_per_week: Decimal,
    rooster: Sequence[Roosterregel],
    afspraken: Afspraken,
    terbeschikkingstelling: bool = False,
    feestdagen: Sequence[str] = (),
    user=None,
) -> Arbeidscontract:
    """The employment contract for a permanent job, with everything 7:655 asks in writing.

    Fixed-term (the job's end, or 12 months for an open-ended job) unless the chain rule
    makes it indefinite; probation at most what the law allows; the wage from the member's
    agreements (`afspraken`) with every change during the term, checked against every
    day's minimum. Calling it again for the same `kenmerk` returns the first contract.
    """
    bestaand = Arbeidscontract.objects.filter(werknemer=werknemer, kenmerk=kenmerk).first()
    if bestaand is not None:
        return bestaand
    term = termijn(werknemer, begin, eind, standaard_maanden=EERSTE_TERMIJN_MAANDEN)
    lonen = loonverloop(werknemer.geboortedatum, term.begin, term.eind, afspraken)
    proeftijd = _proeftijd(werknemer, term, functie)
    context = {
        **_gemeenschappelijk(werknemer, term, functie, lonen, proeftijd),
        "werkplekken": [asdict(w) for w in werkplekken],
        "uren_per_week": uren_per_week,
        "rooster": [asdict(r) for r in sorted(rooster, key=lambda r: (r.weekdag, r.van))],
        "terbeschikkingstelling": terbeschikkingstelling,
        "feestdagen": list(feestdagen),
    }
    document = document_uitgeven(
        soort=DocumentSoort.ARBEIDSOVEREENKOMST,
        werknemer=werknemer,
        context=context,
        user=user,
        savepoint=False,  # as this function: a failure fails the caller's decision
    )
    return _vastleggen(
        werknemer=werknemer,
        soort=ContractSoort.ARBEIDSOVEREENKOMST,
        kenmerk=kenmerk,
        functie=functie,
        term=term,
        proeftijd=proeftijd,
        uren=uren_per_week,
        uurloon=lonen[0].uurloon,
        document=document,
    )


def _referentiedagen(werknemer, eerste_oproep: Roosterregel) -> list[dict]:
    """The member's weekly availability as reference days; without one, the first call's."""
    regels = [
        {"dag": weekdag_naam(b.weekdag), "van": b.begin, "tot": b.eind}
        for b in werknemer.beschikbaarheid.order_by("weekdag", "begin")
    ]
    if regels:
        return regels
    return [asdict(eerste_oproep)]


# No savepoint of its own, as arbeidsovereenkomst_aangaan.
@transaction.atomic(savepoint=False)
def oproepovereenkomst_voor(
    *,
    werknemer,
    dag: date,
    werkplek: Werkplek,
    eerste_oproep: Roosterregel,
    afspraken: Afspraken,
    vandaag: date | None = None,
    bestaand: Contracten | None = None,
    user=None,
) -> Arbeidscontract:
    """The on-call framework contract covering `dag`: the running one, or a new one.

    A member gets one when their first call is accepted, and the next when a call falls
    after the previous one's end (see the module docstring for the terms chosen).
    `bestaand`: the member's contracts when the caller read them already (contracten_van).
    """
    if bestaand is None:
        bestaand = contracten_van(werknemer)
    lopend = oproepovereenkomst_op(werknemer, dag, bestaand)
    if lopend is not None:
        return lopend
    begin = volgend_oproepbegin(werknemer, vandaag or timezone.localdate(), dag, bestaand)
    term = termijn(
        werknemer, begin, None, standaard_maanden=OPROEPOVEREENKOMST_MAANDEN, bestaand=bestaand
    )
    lonen = loonverloop(werknemer.geboortedatum, term.begin, term.eind, afspraken)
    context = {
        **_gemeenschappelijk(werknemer, term, OPROEPKRACHT_FUNCTIE, lonen, 0),
        "functieomschrijving": "Schoonmaak, onderhoud en ander buurtwerk bij de "
        "opdrachtgevers van de coöperatie, zoals omschreven in iedere oproep.",
        "werkplekken": [
            asdict(werkplek),
            {
                "werkgever": "Andere opdrachtgevers van de coöperatie",
                "locatie": "",
                "adres": "de plaats die in de oproep staat",
            },
        ],
        "referentiedagen": _referentiedagen(werknemer, eerste_oproep),
    }
    document = document_uitgeven(
        soort=DocumentSoort.OPROEPOVEREENKOMST,
        werknemer=werknemer,
        context=context,
        user=user,
        savepoint=False,  # as this function: a failure fails the caller's decision
    )
    return _vastleggen(
        werknemer=werknemer,
        soort=ContractSoort.OPROEPOVEREENKOMST,
        kenmerk="",
        functie=OPROEPKRACHT_FUNCTIE,
        term=term,
        proeftijd=0,
        uren=None,
        uurloon=lonen[0].uurloon,
        document=document,
    )
