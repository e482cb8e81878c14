"""Contract records and written calls: the paperwork that follows the broker's decisions.

The broker (coop/papieren.py) decides *that* a member gets a contract or a call and passes
plain facts in; this module decides *what* the law makes of them (term, chain position,
probation, wage, notice) and issues the document in the caller's transaction, so the
decision and its paper are stored together or not at all.

Choices where the law leaves room (each also in the report to the lead):

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
* **Wage**: the agreed wage valid on the first day, else the statutory minimum; a fixed
  wage must not fall below the minimum on any day of the contract that the published
  tables cover (birthdays and indexations included). A first day no table covers refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracten import tabellen as t
from contracten.arbeidstijd import verplichte_pauze
from contracten.documenten import document_uitgeven
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import Arbeidscontract, ContractSoort, DocumentSoort, Oproep
from contracten.regels import (
    ContractPeriode,
    KetenUitkomst,
    RegelFout,
    ketenregeling,
    leeftijd_op,
    max_proeftijd,
    minimumloon_per_uur,
    oproep_termijn_ok,
    opzegtermijn_werkgever,
    opzegtermijn_werknemer,
    periode_einde,
)
from contracten.regels.kalender import EEN_DAG, hele_maanden
from contracten.schemas import AMSTERDAM, AnnuleringOproepContext, OproepContext
from coop.exceptions import ApplicationError, Conflict

EERSTE_TERMIJN_MAANDEN = 12  # policy: a first (or open-ended job's) fixed term
OPROEPOVEREENKOMST_MAANDEN = 12  # policy: the on-call framework contract's term
OPROEPKRACHT_FUNCTIE = "Oproepkracht buurtwerk"
WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def makelaar() -> dict:
    """The broker as legal employer: settings.COOP_MAKELAAR, the one set of its details."""
    return dict(settings.COOP_MAKELAAR)


def _partij() -> dict:
    gegevens = makelaar()
    return {k: gegevens[k] for k in ("naam", "adres", "kvk_nummer", "vertegenwoordiger")}


def weekdag_naam(weekdag: int) -> str:
    return WEEKDAGEN[weekdag]


# --- Wages ---------------------------------------------------------------------------------


def _regel_fout(exc: RegelFout) -> ApplicationError:
    veld = getattr(exc, "veld", None) or "contract"
    return ApplicationError(str(exc), fields={veld: [str(exc)]})


def _geen_tabel(exc: GeenRegelVoorDatum) -> Conflict:
    return Conflict(str(exc), fields={"datum": [str(exc)]})


def hoogste_minimumloon(geboortedatum: date, begin: date, eind: date | None) -> Decimal:
    """The highest hourly minimum on any day of begin..eind that the wage table covers.

    The minimum only rises with age and indexation, so it suffices to look at the first
    day, every birthday and every table row's first day in the period. A first day the
    table does not cover raises GeenRegelVoorDatum (no wage is ever guessed).
    """
    dagen = {begin}
    laatste = eind or max(r.geldig_tot or begin for r in t.MINIMUMLOON_PER_UUR.rijen)
    dagen |= {r.geldig_van for r in t.MINIMUMLOON_PER_UUR.rijen if begin < r.geldig_van <= laatste}
    for jaar in range(begin.year, laatste.year + 1):
        verjaardag = _verjaardag(geboortedatum, jaar)
        if begin < verjaardag <= laatste:
            dagen.add(verjaardag)
    bedragen = [minimumloon_per_uur(geboortedatum, begin)]  # raises for an uncovered start
    for dag in sorted(dagen - {begin}):
        try:
            bedragen.append(minimumloon_per_uur(geboortedatum, dag))
        except GeenRegelVoorDatum:
            continue
    return max(bedragen)


def _verjaardag(geboortedatum: date, jaar: int) -> date:
    try:
        return geboortedatum.replace(year=jaar)
    except ValueError:  # 29 February: one year older on 1 March (kalender.leeftijd_op)
        return date(jaar, 3, 1)


def contractloon(
    geboortedatum: date, begin: date, eind: date | None, afgesproken: Decimal | None
) -> Decimal:
    """The hourly wage a contract states: the agreed one, never below any day's minimum."""
    try:
        minimum = hoogste_minimumloon(geboortedatum, begin, eind)
    except GeenRegelVoorDatum as exc:
        raise _geen_tabel(exc) from exc
    except RegelFout as exc:
        raise _regel_fout(exc) from exc
    if afgesproken is None:
        return minimum
    if afgesproken < minimum:
        raise Conflict(
            _(
                "Het afgesproken uurloon (€ %(loon)s) ligt onder het wettelijk minimumloon "
                "(€ %(minimum)s) op een dag van dit contract; pas eerst de loonafspraak aan."
            )
            % {"loon": afgesproken, "minimum": minimum},
            fields={"uurloon": [_("Lager dan het minimumloon (€ %s).") % minimum]},
        )
    return afgesproken


# --- The chain -----------------------------------------------------------------------------


def eerdere_perioden(werknemer, nieuw_begin: date) -> list[ContractPeriode]:
    """The member's fixed-term contracts before `nieuw_begin`, as the chain rule counts them.

    A contract still running on `nieuw_begin` counts up to the day before it; overlapping
    contracts are merged into one period (one link in the chain).
    """
    perioden = sorted(
        (c.begin, min(c.eind, nieuw_begin - EEN_DAG))
        for c in Arbeidscontract.objects.filter(
            werknemer=werknemer, bepaalde_tijd=True, begin__lt=nieuw_begin
        )
    )
    samengevoegd: list[list[date]] = []
    for begin, eind in perioden:
        if samengevoegd and begin <= samengevoegd[-1][1]:
            samengevoegd[-1][1] = max(samengevoegd[-1][1], eind)
        else:
            samengevoegd.append([begin, eind])
    return [ContractPeriode(b, e) for b, e in samengevoegd]


def keten_voor(werknemer, begin: date, eind: date | None) -> KetenUitkomst:
    """What the chain rule makes of a contract begin..eind for this member."""
    try:
        return ketenregeling(
            eerdere_perioden(werknemer, begin),
            begin,
            eind,
            geboortedatum=werknemer.geboortedatum,
        )
    except GeenRegelVoorDatum as exc:
        raise _geen_tabel(exc) from exc
    except RegelFout as exc:
        raise _regel_fout(exc) from exc


@dataclass(frozen=True)
class Termijn:
    begin: date
    eind: date | None
    keten: KetenUitkomst

    @property
    def bepaalde_tijd(self) -> bool:
        return self.eind is not None


def termijn(werknemer, begin: date, eind: date | None, *, standaard_maanden: int) -> Termijn:
    """The contract term: the asked end (or `standaard_maanden`), indefinite if the chain says so."""
    voorstel = eind or periode_einde(begin, standaard_maanden)
    keten = keten_voor(werknemer, begin, voorstel)
    return Termijn(begin, voorstel if keten.tijdelijk_toegestaan else None, keten)


# --- Contracts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Werkplek:
    werkgever: str
    locatie: str
    adres: str


@dataclass(frozen=True)
class Roosterregel:
    weekdag: int
    van: object  # datetime.time
    tot: object


def _proeftijd(werknemer, term: Termijn, functie: str) -> int:
    zelfde_werk = Arbeidscontract.objects.filter(
        werknemer=werknemer, functie=functie, begin__lt=term.begin
    ).exists()
    return max_proeftijd(term.begin, term.eind, vervolgcontract_zelfde_werk=zelfde_werk)


def _gemeenschappelijk(werknemer, term: Termijn, functie: str, uurloon: Decimal, proeftijd: int):
    dienstjaren = hele_maanden(term.keten.keten_begin, term.begin - EEN_DAG) // 12
    return {
        "makelaar": _partij(),
        "soort_contract": "bepaalde_tijd" if term.bepaalde_tijd else "onbepaalde_tijd",
        "functie": functie,
        "ingangsdatum": term.begin,
        "einddatum": term.eind,
        "proeftijd_maanden": proeftijd,
        "uurloon": uurloon,
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


@transaction.atomic
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
    afgesproken_uurloon: Decimal | None,
    terbeschikkingstelling: bool = False,
    feestdagen: Sequence[str] = (),
    user=None,
) -> Arbeidscontract:
    """The employment contract for a permanent job, with everything 7:655 asks in writing.

    Fixed-term (the job's end, or 12 months for an open-ended job) unless the chain rule
    makes it indefinite; probation at most what the law allows; the wage checked against
    every day's minimum. Calling it again for the same `kenmerk` returns the first contract.
    """
    bestaand = Arbeidscontract.objects.filter(werknemer=werknemer, kenmerk=kenmerk).first()
    if bestaand is not None:
        return bestaand
    term = termijn(werknemer, begin, eind, standaard_maanden=EERSTE_TERMIJN_MAANDEN)
    uurloon = contractloon(werknemer.geboortedatum, term.begin, term.eind, afgesproken_uurloon)
    proeftijd = _proeftijd(werknemer, term, functie)
    context = {
        **_gemeenschappelijk(werknemer, term, functie, uurloon, proeftijd),
        "werkplekken": [vars(w) for w in werkplekken],
        "uren_per_week": uren_per_week,
        "rooster": [
            {"dag": weekdag_naam(r.weekdag), "van": r.van, "tot": r.tot}
            for r in sorted(rooster, key=lambda r: (r.weekdag, r.van))
        ],
        "terbeschikkingstelling": terbeschikkingstelling,
        "feestdagen": list(feestdagen),
    }
    document = document_uitgeven(
        soort=DocumentSoort.ARBEIDSOVEREENKOMST, werknemer=werknemer, context=context, user=user
    )
    return _vastleggen(
        werknemer=werknemer,
        soort=ContractSoort.ARBEIDSOVEREENKOMST,
        kenmerk=kenmerk,
        functie=functie,
        term=term,
        proeftijd=proeftijd,
        uren=uren_per_week,
        uurloon=uurloon,
        document=document,
    )


def oproepovereenkomst_op(werknemer, dag: date) -> Arbeidscontract | None:
    """The member's on-call contract that runs on `dag`, if any."""
    for contract in Arbeidscontract.objects.filter(
        werknemer=werknemer, soort=ContractSoort.OPROEPOVEREENKOMST, begin__lte=dag
    ).order_by("-begin"):
        if contract.loopt_op(dag):
            return contract
    return None


def volgend_oproepbegin(werknemer, vandaag: date, dag: date) -> date:
    """Where a new on-call contract starts: today, or right after one still running today."""
    lopend = oproepovereenkomst_op(werknemer, vandaag)
    begin = lopend.eind + EEN_DAG if lopend is not None else vandaag
    # A call more than a term ahead: start the contract on the work day itself.
    return dag if periode_einde(begin, OPROEPOVEREENKOMST_MAANDEN) < dag else begin


def _referentiedagen(werknemer, eerste_oproep: Roosterregel) -> list[dict]:
    """The member's weekly availability as reference days; without one, the first call's."""
    regels = [
        {"dag": weekdag_naam(b.weekdag), "van": b.begin, "tot": b.eind}
        for b in werknemer.beschikbaarheid.order_by("weekdag", "begin")
    ]
    if regels:
        return regels
    return [
        {
            "dag": weekdag_naam(eerste_oproep.weekdag),
            "van": eerste_oproep.van,
            "tot": eerste_oproep.tot,
        }
    ]


@transaction.atomic
def oproepovereenkomst_voor(
    *,
    werknemer,
    dag: date,
    werkplek: Werkplek,
    eerste_oproep: Roosterregel,
    loon_op: Callable[[date], Decimal | None],
    vandaag: date | None = None,
    user=None,
) -> Arbeidscontract:
    """The on-call framework contract covering `dag`: the running one, or a new one.

    A member gets one when their first call is accepted, and the next when a call falls
    after the previous one's end (see the module docstring for the terms chosen).
    """
    lopend = oproepovereenkomst_op(werknemer, dag)
    if lopend is not None:
        return lopend
    begin = volgend_oproepbegin(werknemer, vandaag or timezone.localdate(), dag)
    term = termijn(werknemer, begin, None, standaard_maanden=OPROEPOVEREENKOMST_MAANDEN)
    uurloon = contractloon(werknemer.geboortedatum, term.begin, term.eind, loon_op(term.begin))
    context = {
        **_gemeenschappelijk(werknemer, term, OPROEPKRACHT_FUNCTIE, uurloon, 0),
        "functieomschrijving": "Schoonmaak, onderhoud en ander buurtwerk bij de "
        "opdrachtgevers van de coöperatie, zoals omschreven in iedere oproep.",
        "werkplekken": [
            vars(werkplek),
            {
                "werkgever": "Andere opdrachtgevers van de coöperatie",
                "locatie": "",
                "adres": "de plaats die in de oproep staat",
            },
        ],
        "referentiedagen": _referentiedagen(werknemer, eerste_oproep),
    }
    document = document_uitgeven(
        soort=DocumentSoort.OPROEPOVEREENKOMST, werknemer=werknemer, context=context, user=user
    )
    return _vastleggen(
        werknemer=werknemer,
        soort=ContractSoort.OPROEPOVEREENKOMST,
        kenmerk="",
        functie=OPROEPKRACHT_FUNCTIE,
        term=term,
        proeftijd=0,
        uren=None,
        uurloon=uurloon,
        document=document,
    )


# --- Calls and cancellations ---------------------------------------------------------------------


def _loon_voor_oproep(werknemer, contract: Arbeidscontract, dag: date, afgesproken) -> Decimal:
    """The call's wage: the contract's, or the agreed wage that day if higher; never below
    that day's minimum, and refused for a day no wage table covers."""
    try:
        minimum = minimumloon_per_uur(werknemer.geboortedatum, dag)
    except GeenRegelVoorDatum as exc:
        raise _geen_tabel(exc) from exc
    except RegelFout as exc:
        raise _regel_fout(exc) from exc
    return max(contract.uurloon, afgesproken or Decimal(0), minimum)


@transaction.atomic
def oproep_uitgeven(
    *,
    contract: Arbeidscontract,
    werkgever,
    kenmerk: str,
    begin: datetime,
    eind: datetime,
    werkplek: Werkplek,
    werkzaamheden: str,
    afgesproken_uurloon: Decimal | None,
    opgeroepen_op: datetime,
    user=None,
) -> Oproep:
    """The written call for one shift (7:628a): when, where, what, the pay and the notice.

    A call under the 4-day term is issued and flagged: the member may refuse it without
    consequence. The employer named on it may read it (name only, no address, BSN, IBAN).
    """
    werknemer = contract.werknemer
    van, tot = begin.astimezone(AMSTERDAM), eind.astimezone(AMSTERDAM)
    dag = van.date()
    uurloon = _loon_voor_oproep(werknemer, contract, dag, afgesproken_uurloon)
    uren = Decimal((eind - begin).total_seconds()) / 3600
    context = {
        "makelaar": _partij(),
        "oproepovereenkomst_nummer": contract.document.nummer,
        "datum": dag,
        "begin": van.time().replace(tzinfo=None),
        "eind": tot.time().replace(tzinfo=None),
        "pauze_minuten": verplichte_pauze(uren, leeftijd_op(werknemer.geboortedatum, dag), dag=dag),
        "werkplek": vars(werkplek),
        "werkzaamheden": werkzaamheden,
        "uurloon": uurloon,
        "opgeroepen_op": opgeroepen_op.astimezone(AMSTERDAM),
    }
    document = document_uitgeven(
        soort=DocumentSoort.OPROEP,
        werknemer=werknemer,
        werkgever=werkgever,
        context=context,
        user=user,
    )
    gegevens = OproepContext.model_validate(document.gegevens)
    return Oproep.objects.create(
        contract=contract,
        werknemer=werknemer,
        werkgever=werkgever,
        kenmerk=kenmerk,
        begin=begin,
        eind=eind,
        betaalde_uren=gegevens.betaalde_uren,
        uurloon=uurloon,
        opgeroepen_op=opgeroepen_op,
        korte_termijn=not oproep_termijn_ok(opgeroepen_op, begin),
        document=document,
    )


_OPROEP_VELDEN = (
    "makelaar",
    "oproepovereenkomst_nummer",
    "datum",
    "begin",
    "eind",
    "pauze_minuten",
    "werkplek",
    "werkzaamheden",
    "uurloon",
    "oproeptermijn_dagen",
    "minimum_uren_van_toepassing",
    "contactpersoon",
)


@transaction.atomic
def oproep_annuleren(
    *, kenmerk: str, geannuleerd_op: datetime, reden: str = "", user=None
) -> Oproep:
    """The written cancellation of a call, stating the pay the member keeps (7:628a lid 4).

    Within the call term the called hours are paid (with the 3-hour minimum where it
    applies); in time, nothing. The hours kept count in the yearly fixed-hours offer.
    """
    oproep = Oproep.objects.select_for_update().select_related("document").filter(kenmerk=kenmerk)
    oproep = oproep.first()
    if oproep is None:
        raise Conflict(_("Bij deze inzet hoort geen schriftelijke oproep om in te trekken."))
    if oproep.status == Oproep.Status.GEANNULEERD:
        raise Conflict(_("Deze oproep is al ingetrokken."))
    context = {k: oproep.document.gegevens[k] for k in _OPROEP_VELDEN}
    context |= {
        "oproep_nummer": oproep.document.nummer,
        "geannuleerd_op": geannuleerd_op.astimezone(AMSTERDAM),
        "reden": reden[:500],
    }
    document = document_uitgeven(
        soort=DocumentSoort.ANNULERING_OPROEP,
        werknemer=oproep.werknemer,
        werkgever=oproep.werkgever,
        context=context,
        user=user,
    )
    gegevens = AnnuleringOproepContext.model_validate(document.gegevens)
    oproep.status = Oproep.Status.GEANNULEERD
    oproep.geannuleerd_op = geannuleerd_op
    oproep.uren_doorbetaald = gegevens.betaalde_uren if gegevens.loon_behouden else Decimal(0)
    oproep.annulering = document
    oproep.save(
        update_fields=["status", "geannuleerd_op", "uren_doorbetaald", "annulering", "updated_at"]
    )
    return oproep


def tijdstip(dag: date, uur: int = 0) -> datetime:
    """Midnight (or `uur`) on `dag` in Amsterdam: for tests and tasks that reason in dates."""
    return datetime.combine(dag, datetime.min.time(), tzinfo=AMSTERDAM) + timedelta(hours=uur)
