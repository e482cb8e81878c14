"""The conditions a contract gets: its wage on every day, and its term in the chain.

Wage: what the member is paid on each day (`loonverloop`): the wage agreement in force, and
only where none is, the statutory minimum for their age. A document states the wage on its
first day and every change during its term (a later agreement; a birthday or indexation while
the minimum is the wage). An agreement must not fall below the minimum on any day the
published tables cover (birthdays and indexations included), else the document is refused. A
first day no table covers refuses.

Term: the chain rule (regels.ketenregeling) over the member's earlier contracts decides
whether a fixed term may be agreed. Concurrent contracts (an on-call contract still running
when a permanent one starts) count in the chain up to the day before the new contract;
overlapping earlier contracts count as one link. The on-call framework contract runs 12
months from the day the first call is accepted; the next one follows on from the previous
end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from contracten import tabellen as t
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import Arbeidscontract, ContractSoort
from contracten.regels import (
    ContractPeriode,
    KetenUitkomst,
    RegelFout,
    ketenregeling,
    minimumloon_kenmerk,
    minimumloon_per_uur,
    periode_einde,
)
from contracten.regels.kalender import EEN_DAG, verjaardag
from coop.core.exceptions import ApplicationError, Conflict

EERSTE_TERMIJN_MAANDEN = 12  # policy: a first (or open-ended job's) fixed term
OPROEPOVEREENKOMST_MAANDEN = 12  # policy: the on-call framework contract's term


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

# A member's contract records as `contracten_van` reads them: one decision asks several
# questions of them (the running on-call contract, where a new one starts, the chain) and
# passes them along instead of asking the database each time. Absent (None): read here.
Contracten = Sequence[Arbeidscontract]


def contracten_van(werknemer) -> list[Arbeidscontract]:
    """Every contract record of the member, oldest first, in one query, with its document's
    heading (a call names its on-call contract's number; the snapshot itself is left out)."""
    contracten = list(
        Arbeidscontract.objects.filter(werknemer=werknemer)
        .select_related("document")
        .defer("document__gegevens")
        .order_by("begin", "pk")
    )
    for contract in contracten:
        contract.werknemer = werknemer  # the same member: not read back per contract
    return contracten


def eerdere_perioden(
    werknemer, nieuw_begin: date, bestaand: Contracten | None = None
) -> list[ContractPeriode]:
    """The member's fixed-term contracts before `nieuw_begin`, as the chain rule counts them.

    A contract still running on `nieuw_begin` counts up to the day before it; overlapping
    contracts are merged into one period (one link in the chain).
    """
    if bestaand is None:
        bestaand = contracten_van(werknemer)
    perioden = sorted(
        (c.begin, min(c.eind, nieuw_begin - EEN_DAG))
        for c in bestaand
        if c.bepaalde_tijd and c.begin < nieuw_begin
    )
    samengevoegd: list[list[date]] = []
    for begin, eind in perioden:
        if samengevoegd and begin <= samengevoegd[-1][1]:
            samengevoegd[-1][1] = max(samengevoegd[-1][1], eind)
        else:
            samengevoegd.append([begin, eind])
    return [ContractPeriode(b, e) for b, e in samengevoegd]


def keten_voor(
    werknemer, begin: date, eind: date | None, bestaand: Contracten | None = None
) -> KetenUitkomst:
    """What the chain rule makes of a contract begin..eind for this member."""
    try:
        return ketenregeling(
            eerdere_perioden(werknemer, begin, bestaand),
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


def termijn(
    werknemer,
    begin: date,
    eind: date | None,
    *,
    standaard_maanden: int,
    bestaand: Contracten | None = None,
) -> Termijn:
    """The contract term: the asked end (or `standaard_maanden`), indefinite if the chain says so."""
    voorstel = eind or periode_einde(begin, standaard_maanden)
    keten = keten_voor(werknemer, begin, voorstel, bestaand)
    return Termijn(begin, voorstel if keten.tijdelijk_toegestaan else None, keten)


def oproepovereenkomst_op(
    werknemer, dag: date, bestaand: Contracten | None = None
) -> Arbeidscontract | None:
    """The member's on-call contract that runs on `dag`, if any (the latest begun)."""
    kandidaten = [
        c
        for c in (
            Arbeidscontract.objects.filter(
                werknemer=werknemer, soort=ContractSoort.OPROEPOVEREENKOMST, begin__lte=dag
            )
            if bestaand is None
            else bestaand
        )
        if c.soort == ContractSoort.OPROEPOVEREENKOMST and c.begin <= dag
    ]
    for contract in sorted(kandidaten, key=lambda c: (c.begin, c.pk), reverse=True):
        if contract.loopt_op(dag):
            return contract
    return None


def volgend_oproepbegin(
    werknemer, vandaag: date, dag: date, bestaand: Contracten | None = None
) -> date:
    """Where a new on-call contract starts: today, or right after one still running today."""
    lopend = oproepovereenkomst_op(werknemer, vandaag, bestaand)
    begin = lopend.eind + EEN_DAG if lopend is not None else vandaag
    # A call more than a term ahead: start the contract on the work day itself.
    return dag if periode_einde(begin, OPROEPOVEREENKOMST_MAANDEN) < dag else begin
