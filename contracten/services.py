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
* **Wage**: what the member is paid on each day (`loonverloop`): the wage agreement in
  force, and only where none is, the statutory minimum for their age. A document states
  the wage on its first day and every change during its term (a later agreement; a
  birthday or indexation while the minimum is the wage). An agreement must not fall below
  the minimum on any day the published tables cover (birthdays and indexations included),
  else the document is refused. A first day no table covers refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracten import tabellen as t
from contracten.arbeidstijd import verplichte_pauze
from contracten.documenten import document_uitgeven, document_vervang
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import Arbeidscontract, ContractSoort, Document, DocumentSoort, Oproep
from contracten.regels import (
    ContractPeriode,
    KetenUitkomst,
    RegelFout,
    ketenregeling,
    leeftijd_op,
    max_proeftijd,
    minimumloon_kenmerk,
    minimumloon_per_uur,
    oproep_termijn_ok,
    opzegtermijn_werkgever,
    opzegtermijn_werknemer,
    periode_einde,
)
from contracten.regels.kalender import EEN_DAG, hele_maanden, verjaardag
from contracten.schemas import (
    AMSTERDAM,
    WEEKDAGEN,
    AnnuleringOproepContext,
    OproepContext,
    Roosterregel,
    Werkplek,
)
from coop.core.exceptions import ApplicationError, Conflict

EERSTE_TERMIJN_MAANDEN = 12  # policy: a first (or open-ended job's) fixed term
OPROEPOVEREENKOMST_MAANDEN = 12  # policy: the on-call framework contract's term
OPROEPKRACHT_FUNCTIE = "Oproepkracht buurtwerk"


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


Afspraken = Sequence[tuple[date, Decimal]]  # a member's wage agreements: (from, hourly wage)


@dataclass(frozen=True)
class Loonstap:
    """From `vanaf` the member is paid `uurloon` an hour (until the next step).

    `minimumloon`: no wage agreement is in force, so the statutory minimum is the wage.
    """

    vanaf: date
    uurloon: Decimal
    minimumloon: bool = False

    def als_context(self) -> dict:
        return {"vanaf": self.vanaf, "uurloon": self.uurloon, "minimumloon": self.minimumloon}


def minimumloon_verloop(
    geboortedatum: date, begin: date, eind: date | None
) -> list[tuple[date, Decimal]]:
    """The hourly minimum on `begin` and on every later day of begin..eind it changes.

    It only changes on a birthday or where a new table row starts, so those are the days
    looked at. A first day the table does not cover raises GeenRegelVoorDatum (no wage is
    ever guessed); later days it does not cover are left out.
    """
    dagen = {begin}
    laatste = eind or max(r.geldig_tot or begin for r in t.MINIMUMLOON_PER_UUR.rijen)
    dagen |= {r.geldig_van for r in t.MINIMUMLOON_PER_UUR.rijen if begin < r.geldig_van <= laatste}
    for jaar in range(begin.year, laatste.year + 1):
        dag = verjaardag(geboortedatum, jaar)
        if begin < dag <= laatste:
            dagen.add(dag)
    verloop = [(begin, minimumloon_per_uur(geboortedatum, begin))]  # raises for an uncovered start
    for dag in sorted(dagen - {begin}):
        try:
            minimum = minimumloon_per_uur(geboortedatum, dag)
        except GeenRegelVoorDatum:
            continue
        if minimum != verloop[-1][1]:
            verloop.append((dag, minimum))
    return verloop


def laatst_gepubliceerd_minimum(geboortedatum: date, dag: date) -> tuple[date, Decimal] | None:
    """For a `dag` after the published wage table: its last day and the member's minimum then.

    The minimum only rises (with age and indexation), so this is a floor for `dag` itself.
    None when `dag` lies before the table or the member had no minimum on that day.
    """
    einden = [r.geldig_tot for r in t.MINIMUMLOON_PER_UUR.rijen if r.geldig_tot]
    eerder = [einde for einde in einden if einde < dag]
    if not eerder:
        return None
    laatste = max(eerder)
    try:
        return laatste, minimumloon_per_uur(geboortedatum, laatste)
    except (GeenRegelVoorDatum, RegelFout):
        return None


def hoogste_minimumloon(geboortedatum: date, begin: date, eind: date | None) -> Decimal:
    """The highest hourly minimum on any day of begin..eind that the wage table covers."""
    return max(minimum for _dag, minimum in minimumloon_verloop(geboortedatum, begin, eind))


def _op(reeks: Sequence[tuple[date, Decimal]], dag: date) -> Decimal | None:
    """The value of a dated series on `dag`: the latest entry from `dag` or before."""
    waarden = [waarde for vanaf, waarde in sorted(reeks) if vanaf <= dag]
    return waarden[-1] if waarden else None


def _te_laag(loon: Decimal, minimum: Decimal, dag: date) -> Conflict:
    return Conflict(
        _(
            "Het afgesproken uurloon (€ %(loon)s) ligt onder het wettelijk minimumloon "
            "(€ %(minimum)s%(kenmerk)s) op %(dag)s, een dag van dit document; pas eerst de "
            "loonafspraak aan."
        )
        % {
            "loon": loon,
            "minimum": minimum,
            "dag": f"{dag:%d-%m-%Y}",
            "kenmerk": minimumloon_kenmerk(dag),
        },
        fields={"uurloon": [_("Lager dan het minimumloon (€ %s).") % minimum]},
    )


def loonverloop(
    geboortedatum: date, begin: date, eind: date | None, afspraken: Afspraken
) -> list[Loonstap]:
    """The hourly wage the member is paid on each day of begin..eind, as dated steps.

    The wage agreement in force on a day is the wage; only where none is in force is the
    statutory minimum for the member's age the wage (a step marked `minimumloon`, which
    follows birthdays and indexations). An agreement below a covered day's minimum is
    refused (409), as is a first day no wage table covers: nothing is then written.
    """
    try:
        minima = minimumloon_verloop(geboortedatum, begin, eind)
    except GeenRegelVoorDatum as exc:
        raise _geen_tabel(exc) from exc
    except RegelFout as exc:
        raise _regel_fout(exc) from exc
    wissels = {van for van, _loon in afspraken if begin < van and (eind is None or van <= eind)}
    stappen: list[Loonstap] = []
    for dag in sorted({d for d, _m in minima} | wissels):
        minimum = _op(minima, dag)
        afgesproken = _op(afspraken, dag)
        if afgesproken is None:
            stap = Loonstap(dag, minimum, minimumloon=True)
        elif afgesproken < minimum:
            raise _te_laag(afgesproken, minimum, dag)
        else:
            stap = Loonstap(dag, afgesproken)
        if not stappen or (stappen[-1].uurloon, stappen[-1].minimumloon) != (
            stap.uurloon,
            stap.minimumloon,
        ):
            stappen.append(stap)
    return stappen


def loon_op_dag(geboortedatum: date, dag: date, afspraken: Afspraken) -> Decimal:
    """The hourly wage for work on `dag` (a call, a cancellation): `loonverloop` of one day."""
    return loonverloop(geboortedatum, dag, dag, afspraken)[0].uurloon


def contractloon(
    geboortedatum: date, begin: date, eind: date | None, afgesproken: Decimal | None
) -> Decimal:
    """The hourly wage on a contract's first day for one agreed wage (or none) from then on."""
    afspraken = [(begin, afgesproken)] if afgesproken is not None else []
    return loonverloop(geboortedatum, begin, eind, afspraken)[0].uurloon


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


def _proeftijd(werknemer, term: Termijn, functie: str) -> int:
    zelfde_werk = Arbeidscontract.objects.filter(
        werknemer=werknemer, functie=functie, begin__lt=term.begin
    ).exists()
    return max_proeftijd(term.begin, term.eind, vervolgcontract_zelfde_werk=zelfde_werk)


def _gemeenschappelijk(werknemer, term: Termijn, functie: str, lonen: list[Loonstap], proeftijd):
    dienstjaren = hele_maanden(term.keten.keten_begin, term.begin - EEN_DAG) // 12
    return {
        "makelaar": _partij(),
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
        uurloon=lonen[0].uurloon,
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
    return [asdict(eerste_oproep)]


@transaction.atomic
def oproepovereenkomst_voor(
    *,
    werknemer,
    dag: date,
    werkplek: Werkplek,
    eerste_oproep: Roosterregel,
    afspraken: Afspraken,
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
        uurloon=lonen[0].uurloon,
        document=document,
    )


# --- Calls and cancellations ---------------------------------------------------------------------


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
    afspraken: Afspraken,
    opgeroepen_op: datetime,
    aangenomen_op: datetime | None = None,
    terbeschikkingstelling: bool = False,
    user=None,
) -> Oproep:
    """The written call for one shift (7:628a): when, where, what, the pay and the notice.

    A call under the 4-day term is issued and flagged: the member may refuse it without
    consequence. The employer named on it may read it (name only, no address, BSN, IBAN).
    """
    werknemer = contract.werknemer
    van, tot = begin.astimezone(AMSTERDAM), eind.astimezone(AMSTERDAM)
    dag = van.date()
    uurloon = loon_op_dag(werknemer.geboortedatum, dag, afspraken)
    uren = Decimal((eind - begin).total_seconds()) / 3600
    context = {
        "makelaar": _partij(),
        "oproepovereenkomst_nummer": contract.document.nummer,
        "datum": dag,
        "begin": van.time().replace(tzinfo=None),
        "eind": tot.time().replace(tzinfo=None),
        "pauze_minuten": verplichte_pauze(uren, leeftijd_op(werknemer.geboortedatum, dag), dag=dag),
        "werkplek": asdict(werkplek),
        "werkzaamheden": werkzaamheden,
        "uurloon": uurloon,
        "opgeroepen_op": opgeroepen_op.astimezone(AMSTERDAM),
        "aangenomen_op": aangenomen_op.astimezone(AMSTERDAM) if aangenomen_op else None,
        "terbeschikkingstelling": terbeschikkingstelling,
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
    "terbeschikkingstelling",
)


@transaction.atomic
def oproep_annuleren(
    *,
    kenmerk: str,
    geannuleerd_op: datetime,
    afspraken: Afspraken | None = None,
    reden: str = "",
    user=None,
) -> Oproep:
    """The written cancellation of a call, stating the pay the member keeps (7:628a lid 4).

    Within the call term the called hours are paid (with the 3-hour minimum where it
    applies); in time, nothing. The hours kept count in the yearly fixed-hours offer. The
    wage is the one for the work day from the member's agreements as they are now
    (`afspraken`; None: the call's), so the letter promises what payroll pays.
    """
    oproep = Oproep.objects.select_for_update().select_related("document").filter(kenmerk=kenmerk)
    oproep = oproep.first()
    if oproep is None:
        raise Conflict(_("Bij deze inzet hoort geen schriftelijke oproep om in te trekken."))
    if oproep.status == Oproep.Status.GEANNULEERD:
        raise Conflict(_("Deze oproep is al ingetrokken."))
    gegevens = oproep.document.gegevens
    context = {k: gegevens[k] for k in _OPROEP_VELDEN if k in gegevens}
    if afspraken is not None:
        dag = timezone.localdate(oproep.begin)
        context["uurloon"] = loon_op_dag(oproep.werknemer.geboortedatum, dag, afspraken)
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


# --- A wage agreement recorded after the documents it affects -------------------------------


def _stappen(gegevens: dict) -> list[tuple[date, Decimal, bool]]:
    """The wage steps a stored contract context states (older documents: one wage)."""
    verloop = gegevens.get("loonverloop") or [
        {"vanaf": gegevens["ingangsdatum"], "uurloon": gegevens["uurloon"], "minimumloon": False}
    ]
    return [
        (date.fromisoformat(str(s["vanaf"])), Decimal(str(s["uurloon"])), bool(s["minimumloon"]))
        for s in verloop
    ]


def _nieuwe_versie(document: Document, wijzigingen: dict, user) -> Document:
    context = {k: v for k, v in document.gegevens.items() if k not in ("document", "werknemer")}
    return document_vervang(document=document, context=context | wijzigingen, user=user)


@transaction.atomic
def contract_loon_bijwerken(
    *, contract: Arbeidscontract, afspraken: Afspraken, user=None
) -> Document | None:
    """A new version of the contract's document if the wages it states no longer hold.

    The wage steps are computed again from the member's agreements as they are now; when
    they differ from what the current version states, the next version states them (the
    old one stays as it was) and the contract record points to it. None: nothing changed.
    """
    contract = (
        Arbeidscontract.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=contract.pk)
    )
    lonen = loonverloop(contract.werknemer.geboortedatum, contract.begin, contract.eind, afspraken)
    nieuw = [(s.vanaf, s.uurloon, s.minimumloon) for s in lonen]
    if nieuw == _stappen(contract.document.gegevens):
        return None
    document = _nieuwe_versie(
        contract.document,
        {"uurloon": lonen[0].uurloon, "loonverloop": [s.als_context() for s in lonen]},
        user,
    )
    contract.document, contract.uurloon = document, lonen[0].uurloon
    contract.save(update_fields=["document", "uurloon", "updated_at"])
    return document


@transaction.atomic
def oproep_loon_bijwerken(*, oproep: Oproep, afspraken: Afspraken, user=None) -> list[Document]:
    """New versions of a call (and its cancellation) whose work day's wage has changed."""
    oproep = (
        Oproep.objects.select_for_update(of=("self",))
        .select_related("document", "annulering", "werknemer")
        .get(pk=oproep.pk)
    )
    uurloon = loon_op_dag(
        oproep.werknemer.geboortedatum, timezone.localdate(oproep.begin), afspraken
    )
    nieuw: list[Document] = []
    velden = []
    for veld in ("document", "annulering"):
        document = getattr(oproep, veld)
        if document is None or Decimal(str(document.gegevens["uurloon"])) == uurloon:
            continue
        versie = _nieuwe_versie(document, {"uurloon": uurloon}, user)
        setattr(oproep, veld, versie)
        velden.append(veld)
        nieuw.append(versie)
    if nieuw:
        oproep.uurloon = uurloon
        oproep.save(update_fields=[*velden, "uurloon", "updated_at"])
    return nieuw


def loon_volgens_contract(contract: Arbeidscontract, dag: date) -> Decimal:
    """The hourly wage on `dag` by the wages the contract's current document states.

    Past its last step the last one holds; a step without a wage agreement follows the
    statutory minimum for the member's age on `dag` (which is what is paid then).
    """
    stappen = [s for s in _stappen(contract.document.gegevens) if s[0] <= dag]
    _vanaf, uurloon, minimumloon = (
        stappen[-1] if stappen else _stappen(contract.document.gegevens)[0]
    )
    return minimumloon_per_uur(contract.werknemer.geboortedatum, dag) if minimumloon else uurloon
