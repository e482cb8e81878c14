"""Written calls and their cancellations: the paper of each call a member accepted.

A call states the work, the place, the times and the wage on the work day; a cancellation
states what the law keeps paid (the minimum call and the late-cancellation hours). Both are
issued in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracten.arbeidstijd import verplichte_pauze
from contracten.contexten import AMSTERDAM, Werkplek
from contracten.contexten_oproepen import AnnuleringOproepContext, OproepContext
from contracten.documenten import document_uitgeven
from contracten.models import Arbeidscontract, DocumentSoort, Oproep
from contracten.regels import leeftijd_op, oproep_termijn_ok
from contracten.services import makelaar_partij
from contracten.voorwaarden import Afspraken, loon_op_dag
from coop.core.exceptions import Conflict


# No savepoint of its own: a failure fails the caller's decision as a whole (the callers
# let it propagate to their own transaction or savepoint), and a savepoint is two statements.
@transaction.atomic(savepoint=False)
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
    pauze_minuten: int | None = None,
    user=None,
) -> Oproep:
    """The written call for one shift (7:628a): when, where, what, the pay and the notice.

    `pauze_minuten`: the break planned in the shift; the call states it, at least the
    statutory break for the member (Arbeidstijdenwet art. 5:4, contracten/BRONNEN.md §17).

    A call within the call term is issued and flagged: the member may refuse it without
    consequence. The employer named on it may read it (name only, no address, BSN, IBAN).
    """
    werknemer = contract.werknemer
    van, tot = begin.astimezone(AMSTERDAM), eind.astimezone(AMSTERDAM)
    dag = van.date()
    uurloon = loon_op_dag(werknemer.geboortedatum, dag, afspraken)
    uren = Decimal((eind - begin).total_seconds()) / 3600
    context = {
        "makelaar": makelaar_partij(),
        "oproepovereenkomst_nummer": contract.document.nummer,
        "datum": dag,
        "begin": van.time().replace(tzinfo=None),
        "eind": tot.time().replace(tzinfo=None),
        "pauze_minuten": max(
            pauze_minuten or 0,
            verplichte_pauze(uren, leeftijd_op(werknemer.geboortedatum, dag), dag=dag),
        ),
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
        savepoint=False,  # as this function: a failure fails the caller's decision
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
