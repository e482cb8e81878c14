"""The offer lifecycle for both kinds of work: offer, accept, decline, expire, hand over.

An incidental shift (a `Dienst`) and a permanent job (a weekly pattern, `Job` of kind
"vast") go through the same moments here. Accepting a permanent job plans its shifts for the
horizon as concrete Diensten with Inzetten (coop.services.werk.inzet), so the same overlap
guarantees and the same legal check apply to both kinds. Cancelling an assignment lives in
coop.services.werk.inzet.

One module on purpose: the lock order, the status moves and the legal re-check of an offer
are shared by both kinds and by every moment of its life; split by moment or by kind, each
part would have to restate them (as it did before, with acceptance jumping between modules).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from contracten import voorwaarden
from contracten.regels.oproep import oproep_termijn_ok, oproeptermijn_dagen
from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound
from coop.core.fields import versleuteld_via
from coop.core.vraag import VasteVraag
from coop.core.wachtrij import taak_plaatsen
from coop.models import Aanbod, Dienst, Instellingen, Inzet, Job, Werkpakket
from coop.notificaties.gebeurtenissen import aanbiedingen_ingetrokken
from coop.selectors import lonen
from coop.selectors.kandidaten import rank_for_dienst, rank_for_job
from coop.selectors.rooster import HORIZON_WEKEN, te_plannen
from coop.selectors.werk import aanbod_get, aanbod_list, aanbod_werk_ids
from coop.services.werk import papieren, wettig
from coop.services.werk.geschiedenis import gebeurtenis_create
from coop.services.werk.inzet import inzetten_create
from werknemers.models import Werknemer


def _deadline(start, inst: Instellingen):
    return min(timezone.now() + timedelta(hours=inst.aanbod_geldig_uren), start)


@transaction.atomic
def aanbod_create(
    *,
    dienst: Dienst,
    werknemer: Werknemer,
    user=None,
    score: float | None = None,
    toelichting: dict | None = None,
) -> Aanbod:
    """Offer one open shift to one member, with a deadline; flags a call within the call term."""
    if dienst.status != Dienst.Status.OPEN:
        raise Conflict("Deze dienst is niet meer open.")
    if dienst.start <= timezone.now():
        raise ApplicationError("Deze dienst is al begonnen.")
    if Aanbod.objects.filter(dienst=dienst, werknemer=werknemer).exists():
        raise Conflict(f"{werknemer} heeft deze dienst al eens aangeboden gekregen.")
    wettig.eis_wettig(
        werknemer=werknemer,
        vensters=[wettig.dienst_venster(dienst)],
        job=dienst.job,
        open_aanbiedingen=True,
    )
    nu = timezone.now()
    aanbod = Aanbod.objects.create(
        werknemer=werknemer,
        job=dienst.job,
        dienst=dienst,
        deadline=_deadline(dienst.start, Instellingen.huidig()),
        korte_termijn=not oproep_termijn_ok(nu, dienst.start),
        score=score,
        toelichting=toelichting or {},
    )
    termijn = oproeptermijn_dagen(timezone.localtime(nu).date())
    kort = (
        f" (minder dan {termijn} dagen vooraf: mag zonder gevolgen worden geweigerd)"
        if aanbod.korte_termijn
        else ""
    )
    _log(user, aanbod, "aangeboden", f"Dienst {dienst} aangeboden aan {werknemer}{kort}.")
    return aanbod


@transaction.atomic
def aanbod_create_vast(
    *, job: Job, werknemer: Werknemer, user=None, score=None, toelichting=None
) -> Aanbod:
    """Offer a permanent job to one member (its shifts of the horizon count as their work)."""
    if job.soort != Job.Soort.VAST or job.status != Job.Status.OPEN or job.werknemer_id:
        raise Conflict("Deze vaste baan is niet (meer) open.")
    if Aanbod.objects.filter(job=job, werknemer=werknemer).exists():
        raise Conflict(f"{werknemer} heeft deze baan al eens aangeboden gekregen.")
    nieuw = te_plannen(job)
    if not nieuw:
        raise ApplicationError("Deze baan heeft geen diensten meer in de komende weken.")
    wettig.eis_wettig(
        werknemer=werknemer,
        vensters=[(s, e) for s, e, _ in nieuw],
        job=job,
        open_aanbiedingen=True,
    )
    aanbod = Aanbod.objects.create(
        werknemer=werknemer,
        job=job,
        deadline=timezone.now() + timedelta(hours=Instellingen.huidig().aanbod_geldig_uren),
        score=score,
        toelichting=toelichting or {},
    )
    tekst = f"Vaste baan ({job.uren_per_week} uur per week) aangeboden aan {werknemer}."
    _log(user, aanbod, "aangeboden", tekst)
    return aanbod


def _log(user, aanbod: Aanbod, soort: str, tekst: str, inzet: Inzet | None = None) -> None:
    gebeurtenis_create(
        user=user,
        werkpakket_id=aanbod.job.werkpakket_id,
        job=aanbod.job,
        aanbod=aanbod,
        inzet=inzet,
        soort=soort,
        tekst=tekst,
    )


def niet_meer_open(aanbod: Aanbod) -> Conflict:
    """Why an offer can no longer be answered, in plain Dutch: an offer withdrawn because
    another member took the work says so, rather than just 'ingetrokken'."""
    if aanbod.status == Aanbod.Status.INGETROKKEN:
        if aanbod.dienst_id is not None:
            vergeven = Dienst.objects.filter(pk=aanbod.dienst_id, status=Dienst.Status.BEZET)
        else:
            vergeven = Job.objects.filter(pk=aanbod.job_id, werknemer__isnull=False)
        if vergeven.exists():
            return Conflict(
                "Helaas, iemand anders was u net voor: dit werk is al aangenomen. "
                "U krijgt vanzelf nieuwe aanbiedingen."
            )
        return Conflict("Dit aanbod is ingetrokken: het werk gaat niet door.")
    return Conflict(f"Dit aanbod is niet meer open (het is {aanbod.get_status_display()}).")


@transaction.atomic
def aanbod_accept(*, user, aanbod_id: int) -> Inzet:
    """Accept an offer: exactly one member gets the work, never two shifts at once for a member."""
    # One lock order for every acceptance: the shift (or permanent job) first, then the
    # offer with its member, the job and the package. Acceptances of other offers for the
    # same work queue on the shift's (job's) row instead of deadlocking on each other's
    # offer rows. A shift's offer is found and its shift locked in one statement.
    dienst = _dienst_vergrendeld(user, aanbod_id)
    if dienst is None:  # a permanent job's offer, or none the user may see (404)
        job_id, _ = aanbod_werk_ids(user, aanbod_id)
        job = Job.objects.select_for_update(of=("self",)).get(pk=job_id)
    aanbod = _aanbod_en_lid_vergrendeld(aanbod_id)
    werknemer = aanbod.werknemer
    if aanbod.status != Aanbod.Status.OPEN:
        raise niet_meer_open(aanbod)
    if aanbod.deadline <= timezone.now():
        raise Conflict("De tijd om op dit aanbod te reageren is voorbij.")
    if aanbod.dienst_id is None:
        return _accept_vast(user=user, aanbod=aanbod, job=job)
    if dienst is None or dienst.status != Dienst.Status.OPEN:  # None: never (a shift's offer)
        raise Conflict("Helaas, deze dienst is net door iemand anders aangenomen.")
    # Read once for the legal check and the papers: the member's row is locked, so no other
    # decision changes their contracts or agreements in between.
    afspraken = lonen.afspraken_van(werknemer)
    bestaand = voorwaarden.contracten_van(werknemer)
    _eis_wettig_bij_acceptatie(
        werknemer, [wettig.dienst_venster(dienst)], dienst.job, afspraken, bestaand
    )
    try:
        # No savepoint: the Conflict below undoes this whole acceptance anyway.
        with transaction.atomic(savepoint=False):
            inzet = Inzet.objects.create(
                werknemer=werknemer,
                dienst=dienst,
                aanbod=aanbod,
                start=dienst.start,
                eind=dienst.eind,
            )
    except IntegrityError as exc:
        raise Conflict("Helaas, deze dienst of dit tijdstip is net al vergeven.") from exc
    _sluit_aanbiedingen(aanbod, Aanbod.objects.filter(dienst=dienst))
    Dienst.objects.filter(pk=dienst.pk).update(status=Dienst.Status.BEZET)
    dienst.status = Dienst.Status.BEZET  # as stored: the answer shows the assignment from here
    vulling_update(aanbod.job)
    papieren.acceptatie_papieren_create(
        inzet=inzet, user=user, afspraken=afspraken, bestaande_contracten=bestaand
    )
    _log(user, aanbod, "geaccepteerd", f"{werknemer} heeft dienst {dienst} aangenomen.", inzet)
    return inzet


def _accept_vast(*, user, aanbod: Aanbod, job: Job) -> Inzet:
    """Accept a permanent job (the job and offer rows locked): plan its shifts of the horizon."""
    if job.werknemer_id is not None or job.status != Job.Status.OPEN:
        raise Conflict("Helaas, deze vaste baan is net aan iemand anders gegeven.")
    werknemer = aanbod.werknemer  # locked with the offer
    nieuw = te_plannen(job, timezone.localdate() + timedelta(weeks=HORIZON_WEKEN))
    if not nieuw:
        raise ApplicationError("Deze baan heeft geen diensten meer in de komende weken.")
    _eis_wettig_bij_acceptatie(werknemer, [(s, e) for s, e, _ in nieuw], job)
    inzetten = inzetten_create(job, werknemer, nieuw, aanbod=aanbod)
    _sluit_aanbiedingen(aanbod, Aanbod.objects.filter(job=job))
    job.werknemer = werknemer
    job.status = Job.Status.VERVULD
    job.save(update_fields=["werknemer", "status", "updated_at"])
    papieren.acceptatie_vast_papieren_create(
        job=job, werknemer=werknemer, inzetten=inzetten, user=user
    )
    tekst = f"{werknemer} heeft de vaste baan aangenomen; {len(inzetten)} diensten ingepland."
    _log(user, aanbod, "geaccepteerd", tekst, inzetten[0])
    return inzetten[0]


# The two reads that start every acceptance, compiled once (coop/core/vraag.py): a member's
# shift by their offer (the offer's scope checked in the statement that locks the shift), and
# the offer with its member.
def _dienst_van(aanbiedingen) -> QuerySet[Dienst]:
    """The shift of the offer in `aanbiedingen`, locked, with its place, employer, job and
    package (only the shift's row is locked)."""
    return (
        Dienst.objects.select_for_update(of=("self",))
        .select_related("locatie__werkgever", "job__werkpakket")
        .filter(pk__in=aanbiedingen.values("dienst_id"))
    )


_DIENST_VAN_LID = VasteVraag(
    lambda werknemer_id, aanbod_id: _dienst_van(
        Aanbod.objects.filter(werknemer_id=werknemer_id, pk=aanbod_id)
    ),
    werknemer_id=int,
    aanbod_id=int,
)
_AANBOD_EN_LID = VasteVraag(
    lambda aanbod_id: (
        Aanbod.objects.select_for_update(of=("self", "werknemer"))
        .select_related("job", "werknemer__meldingsvoorkeur")
        .defer(*versleuteld_via(Aanbod, "werknemer"))
        .filter(pk=aanbod_id)
    ),
    aanbod_id=int,
)


def _dienst_vergrendeld(user, aanbod_id: int) -> Dienst | None:
    """The shift of an offer the user may see, locked, with its place, employer, job and
    package (named in the history and the call; only the shift is locked). None for a
    permanent job's offer and for an offer the user may not see."""
    werknemer_id = actor_van(user).werknemer_id
    if werknemer_id is not None and not is_staff(user):  # a member: their own offers only
        rijen = _DIENST_VAN_LID.rijen(werknemer_id=werknemer_id, aanbod_id=aanbod_id)
        return rijen[0] if rijen else None
    return _dienst_van(aanbod_list(user).filter(pk=aanbod_id)).first()


def _aanbod_en_lid_vergrendeld(aanbod_id: int) -> Aanbod:
    """The offer and its member, both locked in one statement, with the member's message
    preferences (the acceptance's notifications use them). The member's BSN and IBAN are not
    read: no paper of an acceptance states them, so they are not even decrypted in memory."""
    rijen = _AANBOD_EN_LID.rijen(aanbod_id=aanbod_id)
    if not rijen:  # the scope was checked before: only an offer deleted in between
        raise NotFound("Aanbod niet gevonden.")
    return rijen[0]


def _eis_wettig_bij_acceptatie(
    werknemer: Werknemer,
    vensters,
    job: Job,
    afspraken: lonen.Afspraken | None = None,
    bestaand: voorwaarden.Contracten | None = None,
) -> None:
    """The legal check at acceptance: only assignments count as other work (open offers
    are not work yet), for a shift and a permanent job alike."""
    wettig.eis_wettig(
        werknemer=werknemer,
        vensters=vensters,
        job=job,
        open_aanbiedingen=False,
        afspraken=afspraken,
        bestaande_contracten=bestaand,
    )


def _sluit_aanbiedingen(aanbod: Aanbod, zelfde_werk) -> None:
    """The accepted offer is answered; every other open offer of the same work is withdrawn."""
    nu = timezone.now()
    Aanbod.objects.filter(pk=aanbod.pk).update(status=Aanbod.Status.GEACCEPTEERD, beantwoord_op=nu)
    aanbod.status, aanbod.beantwoord_op = Aanbod.Status.GEACCEPTEERD, nu  # as stored: the call
    anderen = zelfde_werk.filter(status=Aanbod.Status.OPEN).exclude(pk=aanbod.pk)
    ids = list(anderen.values_list("pk", flat=True))
    if not ids:  # mostly so: the keys alone tell, without reading the offers for the message
        return
    anderen = anderen.filter(pk__in=ids)
    aanbiedingen_ingetrokken(anderen, reden="vergeven")
    anderen.update(status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu)


def vulling_update(job: Job) -> None:
    """Recount a job's and its package's places. The package's row (a job without a package:
    the job's) is locked first, so concurrent acceptances of places of one job count one
    after the other, each seeing the others' committed places (a snapshot count alone would
    leave the job 'open')."""
    # Only the locks are needed here, not the rows: select the key alone. A job of a package
    # counts under the package's lock (its shifts are among the package's), taken before the
    # job's row as a package's cancellation takes them.
    if job.werkpakket_id is not None:
        Werkpakket.objects.select_for_update().filter(pk=job.werkpakket_id).values_list(
            "pk", flat=True
        ).first()
    else:
        Job.objects.select_for_update().filter(pk=job.pk).values_list("pk", flat=True).first()
        open_count = job.diensten.filter(status=Dienst.Status.OPEN).count()
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.OPEN if open_count else Job.Status.VERVULD
        )
        return
    # The job's open places and the package's places in one count (the job's shifts are
    # among the package's).
    telling = Dienst.objects.filter(job__werkpakket_id=job.werkpakket_id).aggregate(
        open=Count("pk", filter=Q(job_id=job.pk, status=Dienst.Status.OPEN)),
        totaal=Count("pk", filter=~Q(status=Dienst.Status.GEANNULEERD)),
        bezet=Count("pk", filter=Q(status=Dienst.Status.BEZET)),
    )
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.OPEN if telling["open"] else Job.Status.VERVULD
    )
    totaal, bezet = telling["totaal"], telling["bezet"]
    status = (
        Werkpakket.Status.GEVULD
        if totaal and bezet == totaal
        else (Werkpakket.Status.DEELS_GEVULD if bezet else Werkpakket.Status.GESPLITST)
    )
    Werkpakket.objects.filter(pk=job.werkpakket_id).exclude(
        status__in=[Werkpakket.Status.GEANNULEERD, Werkpakket.Status.AFGEROND]
    ).update(status=status)


@transaction.atomic
def aanbod_decline(*, user, aanbod_id: int, reden: str = "") -> Aanbod:
    """Decline an offer; the next candidate gets one automatically."""
    aanbod = aanbod_get(user, aanbod_id)
    aanbod = (
        Aanbod.objects.select_for_update(of=("self",))
        .select_related("job", "dienst")
        .get(pk=aanbod.pk)
    )
    if aanbod.status != Aanbod.Status.OPEN:
        raise niet_meer_open(aanbod)
    aanbod.status = Aanbod.Status.AFGEWEZEN
    aanbod.beantwoord_op = timezone.now()
    aanbod.save(update_fields=["status", "beantwoord_op", "updated_at"])
    zonder_gevolgen = " (korte termijn: zonder gevolgen)" if aanbod.korte_termijn else ""
    _log(
        user,
        aanbod,
        "afgewezen",
        f"{aanbod.werknemer} heeft afgewezen{zonder_gevolgen}. {reden}".strip(),
    )
    transaction.on_commit(lambda: _enqueue_next(aanbod))
    return aanbod


def _enqueue_next(aanbod: Aanbod) -> None:
    if aanbod.dienst_id is None:
        taak_plaatsen("coop.tasks.offer_next_for_job", aanbod.job_id)
    else:
        taak_plaatsen("coop.tasks.offer_next_candidate", aanbod.dienst_id)


def job_offer_next(*, job_id: int, user=None) -> Aanbod | None:
    """Offer an open permanent job to the best-ranked member who has not had it yet."""
    with transaction.atomic():
        job = Job.objects.select_for_update(of=("self",)).filter(pk=job_id).first()
        if job is None or job.status != Job.Status.OPEN or job.werknemer_id is not None:
            return None
        if job.aanbiedingen.filter(status=Aanbod.Status.OPEN).exists():
            return None
        gehad = set(job.aanbiedingen.values_list("werknemer_id", flat=True))
        vensters = [(s, e) for s, e, _ in te_plannen(job)]
        # No shift left in the horizon: nothing to offer (acceptance would refuse it).
        for beoordeling in rank_for_job(job).geschikt if vensters else []:
            if beoordeling.kandidaat_id in gehad:
                continue
            werknemer = Werknemer.objects.get(pk=beoordeling.kandidaat_id)
            if _wet_weigert(werknemer, vensters, job):
                continue
            return aanbod_create_vast(
                job=job,
                werknemer=werknemer,
                user=user,
                score=beoordeling.score,
                toelichting=dict(beoordeling.onderdelen),
            )
        gebeurtenis_create(
            job=job,
            soort="geen_kandidaat",
            tekst="Geen volgende kandidaat meer voor deze vaste baan.",
        )
        return None


def dienst_offer_next(*, dienst_id: int, user=None) -> Aanbod | None:
    """Offer an open shift to the best-ranked member who has not had it yet."""
    with transaction.atomic():
        dienst = (
            Dienst.objects.select_for_update(of=("self",))
            .select_related("job")
            .filter(pk=dienst_id)
            .first()
        )
        if dienst is None or dienst.status != Dienst.Status.OPEN or dienst.start <= timezone.now():
            return None
        if dienst.aanbiedingen.filter(status=Aanbod.Status.OPEN).exists():
            return None
        gehad = set(dienst.aanbiedingen.values_list("werknemer_id", flat=True))
        # Nobody gets two open offers for shifts at the same time (parallel places).
        gehad |= set(
            Aanbod.objects.filter(
                status=Aanbod.Status.OPEN,
                dienst__start__lt=dienst.eind,
                dienst__eind__gt=dienst.start,
            ).values_list("werknemer_id", flat=True)
        )
        ranking = rank_for_dienst(dienst)
        for beoordeling in ranking.geschikt:
            if beoordeling.kandidaat_id in gehad:
                continue
            werknemer = Werknemer.objects.get(pk=beoordeling.kandidaat_id)
            if _wet_weigert(werknemer, [wettig.dienst_venster(dienst)], dienst.job):
                continue
            return aanbod_create(
                dienst=dienst,
                werknemer=werknemer,
                user=user,
                score=beoordeling.score,
                toelichting=dict(beoordeling.onderdelen),
            )
        gebeurtenis_create(
            werkpakket_id=dienst.job.werkpakket_id,
            job=dienst.job,
            soort="geen_kandidaat",
            tekst=f"Geen volgende kandidaat meer voor dienst {dienst}.",
        )
        return None


def _wet_weigert(werknemer: Werknemer, vensters, job: Job) -> bool:
    """Whether the law refuses this candidate the work (with their open offers): the
    hand-over then skips them, and the history says why."""
    gevonden = wettig.bezwaren(
        werknemer=werknemer, vensters=vensters, job=job, open_aanbiedingen=True
    )
    if gevonden:
        gebeurtenis_create(
            werkpakket_id=job.werkpakket_id,
            job=job,
            soort="kandidaat_overgeslagen",
            tekst=(
                f"{werknemer} overgeslagen: " + " ".join(dict.fromkeys(b.melding for b in gevonden))
            ),
        )
    return bool(gevonden)


def aanbod_expire_due(*, now=None) -> int:
    """Expire unanswered offers past their deadline and hand each shift to the next candidate."""
    now = now or timezone.now()
    verlopen = list(
        Aanbod.objects.filter(status=Aanbod.Status.OPEN, deadline__lte=now).values_list(
            "pk", flat=True
        )
    )
    for pk in verlopen:
        with transaction.atomic():
            aanbod = (
                Aanbod.objects.select_for_update(of=("self",))
                .select_related("job", "werknemer")
                .get(pk=pk)
            )
            if aanbod.status != Aanbod.Status.OPEN:
                continue
            aanbod.status = Aanbod.Status.VERLOPEN
            aanbod.beantwoord_op = now
            aanbod.save(update_fields=["status", "beantwoord_op", "updated_at"])
            _log(
                None,
                aanbod,
                "verlopen",
                f"Aanbod aan {aanbod.werknemer} is verlopen zonder antwoord.",
            )
        if aanbod.dienst_id is None:
            job_offer_next(job_id=aanbod.job_id)
        else:
            dienst_offer_next(dienst_id=aanbod.dienst_id)
    return len(verlopen)
