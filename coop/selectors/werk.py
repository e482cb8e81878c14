"""Reads for the broker, always scoped to the asking user (tenant isolation lives here)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.core.fields import versleuteld_via
from coop.core.vraag import VasteVraag
from coop.engines.splitting import fmt_uren
from coop.models import Aanbod, Dienst, Fragment, Gebeurtenis, Inzet, Job, Werkpakket
from coop.selectors import feestdagen
from werknemers.models import Werknemer


def werkpakket_list(user) -> QuerySet[Werkpakket]:
    qs = Werkpakket.objects.select_related("werkgever", "locatie").prefetch_related(
        "vaardigheden", "tijdvakken", "vensters", "vereiste_certificaten"
    )
    if is_staff(user):
        return qs
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is None:
        raise PermissionDenied(
            "Alleen werkgevers en medewerkers van de makelaar zien werkpakketten."
        )
    return qs.filter(werkgever_id=werkgever_id)


def werkpakket_get(user, pk: int) -> Werkpakket:
    try:
        return werkpakket_list(user).get(pk=pk)
    except Werkpakket.DoesNotExist as exc:
        raise NotFound("Werkpakket niet gevonden.") from exc


@dataclass(frozen=True)
class JobWeergave:
    """A job as one viewer may see it: staff the whole job, an employer only its own share
    of a permanent job bundled from several organisations (its fragments, its hours)."""

    id: int
    soort: str
    reden: str
    status: str
    werkpakket_id: int | None
    startdatum: date | None
    einddatum: date | None
    uren_per_week: Decimal | None
    fragmenten: list[Fragment]
    feestdagen: list[feestdagen.Feestdag]


def _fragmenten(werkgever_id: int | None = None) -> QuerySet[Fragment]:
    qs = Fragment.objects.select_related("werkpakket__werkgever")
    return qs if werkgever_id is None else qs.filter(werkpakket__werkgever_id=werkgever_id)


# Offers to members who did not (yet) take the work: who was asked, who declined and why,
# whose offer lapsed or was withdrawn because they reported absent. The member's business
# and the broker's, not the employer's (who reads the shift's own message, melding_werkgever).
AANBOD_GEBEURTENISSEN = ("aangeboden", "afgewezen", "verlopen", "ingetrokken")


def werkpakket_geschiedenis(user, werkpakket_id: int) -> QuerySet[Gebeurtenis]:
    """A package's history; an employer sees it without the offers to individual members."""
    pakket = werkpakket_get(user, werkpakket_id)
    qs = Gebeurtenis.objects.filter(werkpakket=pakket)
    return qs if is_staff(user) else qs.exclude(soort__in=AANBOD_GEBEURTENISSEN)


def job_list(user, *, soort: str | None = None, werkpakket: int | None = None) -> list[JobWeergave]:
    """Staff: every job whole. An employer: the jobs with its work in them (its packages,
    fragments or shifts), each reduced to its own share; other organisations' fragments,
    hours and names stay out. `werkpakket`: the jobs of one package (also a permanent job
    that bundles one of its fragments)."""
    qs = Job.objects.select_related("werkpakket")
    if soort:
        qs = qs.filter(soort=soort)
    if werkpakket is not None:
        van_pakket = Job.objects.filter(
            Q(werkpakket_id=werkpakket) | Q(fragmenten__werkpakket_id=werkpakket)
        )
        qs = qs.filter(pk__in=van_pakket.values("pk"))
    if is_staff(user):
        return [
            _weergave(job) for job in qs.prefetch_related(Prefetch("fragmenten", _fragmenten()))
        ]
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is None:
        raise PermissionDenied("Alleen werkgevers en medewerkers van de makelaar zien banen.")
    eigen = Job.objects.filter(
        Q(werkpakket__werkgever_id=werkgever_id)
        | Q(fragmenten__werkpakket__werkgever_id=werkgever_id)
        | Q(diensten__locatie__werkgever_id=werkgever_id)
    ).values("pk")
    qs = qs.filter(pk__in=eigen).prefetch_related(
        Prefetch("fragmenten", _fragmenten(werkgever_id)),
        Prefetch("fragmenten", Fragment.objects.only("pk", "job_id"), to_attr="alle_fragmenten"),
    )
    return [_eigen_deel(job, werkgever_id) for job in qs]


def _weergave(job: Job, **anders) -> JobWeergave:
    velden = {
        "id": job.pk,
        "soort": job.soort,
        "reden": job.reden,
        "status": job.status,
        "werkpakket_id": job.werkpakket_id,
        "startdatum": job.startdatum,
        "einddatum": job.einddatum,
        "uren_per_week": job.uren_per_week,
        "fragmenten": list(job.fragmenten.all()),
    }
    velden |= anders
    # Holidays from the fragments shown: an employer's share never names another's work.
    velden["feestdagen"] = feestdagen.van_job(job, fragmenten=velden["fragmenten"])
    return JobWeergave(**velden)


def _eigen_deel(job: Job, werkgever_id: int) -> JobWeergave:
    eigen = list(job.fragmenten.all())
    gedeeld = len(job.alle_fragmenten) > len(eigen)
    if not gedeeld and (job.werkpakket is None or job.werkpakket.werkgever_id == werkgever_id):
        return _weergave(job)
    uren = sum((f.uren for f in eigen), Decimal("0"))
    return _weergave(
        job,
        fragmenten=eigen,
        reden=(
            f"Uw deel van een gebundelde vaste baan: {len(eigen)} vaste fragment(en), "
            f"{fmt_uren(uren)} uur per week."
        ),
        werkpakket_id=(
            job.werkpakket_id
            if job.werkpakket is not None and job.werkpakket.werkgever_id == werkgever_id
            else None
        ),
        uren_per_week=uren if job.soort == Job.Soort.VAST else job.uren_per_week,
    )


def fragment_list(user, werkpakket_id: int) -> QuerySet[Fragment]:
    """The permanent (structural) fragments of a package the user may see, bundled or not."""
    pakket = werkpakket_get(user, werkpakket_id)
    return _fragmenten().filter(werkpakket=pakket).order_by("weekdag", "begin")


def pakket_diensten(user, werkpakket_id: int) -> QuerySet[Dienst]:
    """A package's shifts the user may see, also those of its permanent blocks in a bundled
    job (that job has no package), in time order; `bezetting` holds each shift's active
    assignment (at most one) with its member, for who fills it."""
    pakket = werkpakket_get(user, werkpakket_id)
    actief = Inzet.objects.filter(status=Inzet.Status.ACTIEF).select_related("werknemer")
    return (
        Dienst.objects.filter(Q(job__werkpakket=pakket) | Q(fragment__werkpakket=pakket))
        .select_related("locatie")
        .prefetch_related(Prefetch("inzetten", actief, to_attr="bezetting"))
        .order_by("start", "pk")
    )


def dienst_get_for_staff(user, pk: int) -> Dienst:
    if not is_staff(user):
        raise PermissionDenied("Alleen medewerkers van de makelaar doen dit.")
    try:
        return Dienst.objects.select_related("job", "locatie", "locatie__werkgever").get(pk=pk)
    except Dienst.DoesNotExist as exc:
        raise NotFound("Dienst niet gevonden.") from exc


_AANBOD_WERK = ("job", "dienst", "dienst__locatie", "dienst__locatie__werkgever")


def aanbod_list(user) -> QuerySet[Aanbod]:
    # An offer shows the member's work, never their BSN or IBAN: not even decrypted in memory.
    qs = Aanbod.objects.select_related("werknemer", *_AANBOD_WERK).defer(
        *versleuteld_via(Aanbod, "werknemer")
    )
    if is_staff(user):
        return qs
    werknemer_id = actor_van(user).werknemer_id
    if werknemer_id is not None:
        return qs.filter(werknemer_id=werknemer_id)
    raise PermissionDenied("Alleen leden en medewerkers van de makelaar zien aanbiedingen.")


# A member's own offers as their list shows them: the hottest read of the member's app, so its
# SQL is compiled once (coop/core/vraag.py); the member's row is not joined (the login read it).
_EIGEN = ("job__werkpakket", *_AANBOD_WERK)
_EIGEN_AANBIEDINGEN = VasteVraag(
    lambda werknemer_id: Aanbod.objects.select_related(*_EIGEN).filter(werknemer_id=werknemer_id),
    werknemer_id=int,
)
_EIGEN_AANBIEDINGEN_MET_STATUS = VasteVraag(
    lambda werknemer_id, status: Aanbod.objects.select_related(*_EIGEN).filter(
        werknemer_id=werknemer_id, status=status
    ),
    werknemer_id=int,
    status=str,
)


def aanbiedingen_te_tonen(
    user, status: str | None = None
) -> tuple[QuerySet[Aanbod] | list[Aanbod], Werknemer | None]:
    """The offers the user may see (only those with `status` when given), with their work and
    its package, to show in a list; for a member also the member: the row their login read
    (API token), so a member's own offers are read without joining their row again;
    `aanbod_weergave.voor_lijst` puts the member back on each offer."""
    werknemer_id = actor_van(user).werknemer_id
    if is_staff(user) or werknemer_id is None or not _lid_gelezen(user, werknemer_id):
        qs = aanbod_list(user).select_related("job__werkpakket")
        return (qs.filter(status=status) if status else qs), None
    if status:
        eigen = _EIGEN_AANBIEDINGEN_MET_STATUS.rijen(werknemer_id=werknemer_id, status=status)
    else:
        eigen = _EIGEN_AANBIEDINGEN.rijen(werknemer_id=werknemer_id)
    return eigen, user.werknemer


def _lid_gelezen(user, werknemer_id: int) -> bool:
    """Whether the user's member row was read with the login (without BSN and IBAN)."""
    relatie = getattr(type(user), "werknemer", None)
    return (
        relatie is not None
        and relatie.related.is_cached(user)
        and getattr(user.werknemer, "pk", None) == werknemer_id
    )


def aanbod_get(user, pk: int) -> Aanbod:
    try:
        return aanbod_list(user).get(pk=pk)
    except Aanbod.DoesNotExist as exc:
        raise NotFound("Aanbod niet gevonden.") from exc


def aanbod_werk_ids(user, pk: int) -> tuple[int, int | None]:
    """The job and shift of an offer the user may see (404 otherwise), without loading the
    offer: an acceptance locks and reads the rows itself, in its own order."""
    rij = aanbod_list(user).filter(pk=pk).values_list("job_id", "dienst_id").first()
    if rij is None:
        raise NotFound("Aanbod niet gevonden.")
    return rij


def inzet_list(user) -> QuerySet[Inzet]:
    qs = Inzet.objects.select_related(
        "werknemer", "dienst", "dienst__locatie", "dienst__locatie__werkgever", "dienst__job"
    )
    if is_staff(user):
        return qs
    werknemer_id = actor_van(user).werknemer_id
    if werknemer_id is not None:
        return qs.filter(werknemer_id=werknemer_id)
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is not None:
        return qs.filter(dienst__locatie__werkgever_id=werkgever_id)
    raise PermissionDenied("Geen toegang tot inzetten.")


def inzet_get(user, pk: int) -> Inzet:
    try:
        return inzet_list(user).get(pk=pk)
    except Inzet.DoesNotExist as exc:
        raise NotFound("Inzet niet gevonden.") from exc
