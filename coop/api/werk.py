"""The broker's endpoints: work packages, jobs, candidates, offers and assignments."""

from dataclasses import asdict

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError
from coop.core.invoer import keuze
from coop.models import Aanbod, Bundelrun, Dienst, Inzet, Job, Werkpakket
from coop.schemas.werk.diensten import (
    AanbiedenIn,
    AanbodOut,
    DienstOut,
    FragmentOut,
    GebeurtenisOut,
    InzetOut,
    JobOut,
    RedenIn,
)
from coop.schemas.werk.indeling import (
    BundelresultaatOut,
    BundelrunOut,
    PlanIn,
    PlanOut,
    RankingOut,
    UitlegOut,
)
from coop.schemas.werk.pakket import VoorbeeldDeelOut, WerkpakketIn, WerkpakketOut
from coop.selectors import aanbod_weergave
from coop.selectors import kandidaten as kandidaten_mod
from coop.selectors import werk as selectors
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import bundelen as bundel_services
from coop.services.werk import inzet as inzet_services
from coop.services.werk import pakket_invoer
from coop.services.werk import plannen as plan_services
from coop.services.werk import werkpakket as pakket_services
from werknemers.models import Werknemer

router = Router(tags=["makelaar"])


def _pakket_data(payload: WerkpakketIn) -> pakket_invoer.WerkpakketData:
    return pakket_invoer.WerkpakketData(
        **payload.dict(exclude={"tijdvakken", "vaardigheden"}),
        tijdvakken=[pakket_invoer.TijdvakData(**t.dict()) for t in payload.tijdvakken],
        vaardigheden={v.code: v.min_niveau for v in payload.vaardigheden},
    )


@router.post("/werkpakketten/", response={201: WerkpakketOut})
def create_werkpakket(request, payload: WerkpakketIn):
    """Post work for one of your locations (status concept until published)."""
    pakket = pakket_services.werkpakket_create(user=request.user, data=_pakket_data(payload))
    return Status(201, selectors.werkpakket_get(request.user, pakket.pk))


@router.put("/werkpakketten/{werkpakket_id}", response=WerkpakketOut)
def update_werkpakket(request, werkpakket_id: int, payload: WerkpakketIn):
    """Change a package as a whole (the fields of posting) while no member has taken any of it
    on. A published package is split again: its open offers are withdrawn (the members are
    told), its open shifts replaced. 409 once a member is assigned or accepted an offer, once
    its work is bundled into a permanent job, or when it is cancelled or completed."""
    pakket = pakket_services.werkpakket_update(
        user=request.user, werkpakket_id=werkpakket_id, data=_pakket_data(payload)
    )
    return selectors.werkpakket_get(request.user, pakket.pk)


@router.get("/werkpakketten/", response=list[WerkpakketOut])
def list_werkpakketten(request, status: keuze(Werkpakket.Status) | None = None):
    qs = selectors.werkpakket_list(request.user)
    return qs.filter(status=status) if status else qs


@router.get("/werkpakketten/{werkpakket_id}", response=WerkpakketOut)
def get_werkpakket(request, werkpakket_id: int):
    return selectors.werkpakket_get(request.user, werkpakket_id)


@router.get("/werkpakketten/{werkpakket_id}/voorbeeld", response=list[VoorbeeldDeelOut])
def preview_werkpakket(request, werkpakket_id: int):
    """Before publishing: how the draft would be split now (permanent weekly patterns and
    incidental shifts, each with the reason); nothing is stored."""
    return pakket_services.werkpakket_preview(user=request.user, werkpakket_id=werkpakket_id)


@router.post("/werkpakketten/{werkpakket_id}/publiceer", response=WerkpakketOut)
def publish_werkpakket(request, werkpakket_id: int):
    """Publish: the package is split into permanent and incidental work, with the reasons."""
    pakket = pakket_services.werkpakket_publish(user=request.user, werkpakket_id=werkpakket_id)
    return selectors.werkpakket_get(request.user, pakket.pk)


@router.post("/werkpakketten/{werkpakket_id}/annuleer", response=WerkpakketOut)
def cancel_werkpakket(request, werkpakket_id: int):
    pakket = pakket_services.werkpakket_cancel(user=request.user, werkpakket_id=werkpakket_id)
    return selectors.werkpakket_get(request.user, pakket.pk)


@router.get("/werkpakketten/{werkpakket_id}/diensten", response=list[DienstOut])
def list_werkpakket_diensten(request, werkpakket_id: int):
    # Also the shifts of its permanent blocks in a bundled job (that job has no package).
    return selectors.pakket_diensten(request.user, werkpakket_id)


@router.get("/werkpakketten/{werkpakket_id}/geschiedenis", response=list[GebeurtenisOut])
def list_werkpakket_geschiedenis(request, werkpakket_id: int):
    return selectors.werkpakket_geschiedenis(request.user, werkpakket_id)


@router.get("/werkpakketten/{werkpakket_id}/fragmenten", response=list[FragmentOut])
def list_werkpakket_fragmenten(request, werkpakket_id: int):
    """The permanent weekly blocks the package was split into, also before bundling
    (job_id is empty until a bundling run puts a block in a permanent job)."""
    return selectors.fragment_list(request.user, werkpakket_id)


@router.get("/jobs/", response=list[JobOut])
def list_jobs(request, soort: keuze(Job.Soort) | None = None, werkpakket: int | None = None):
    """Jobs with your work in them; of a permanent job bundled with other organisations'
    work you see only your own share (your fragments and their hours). `werkpakket` keeps
    those of one package (also a permanent job that bundles one of its fragments)."""
    return selectors.job_list(request.user, soort=soort, werkpakket=werkpakket)


@router.get("/diensten/{dienst_id}/kandidaten", response=RankingOut)
def rank_dienst_kandidaten(request, dienst_id: int, max_aantal: int = 25):
    """Ranked candidates for a shift, each with the parts of the score; excluded ones with why."""
    dienst = selectors.dienst_get_for_staff(request.user, dienst_id)
    ranking = kandidaten_mod.rank_for_dienst(dienst)
    return _ranking_out(ranking, max_aantal, dienst_id=dienst.pk)


@router.get("/diensten/{dienst_id}/kandidaten/{werknemer_id}", response=UitlegOut)
def explain_dienst_kandidaat(request, dienst_id: int, werknemer_id: int):
    """Why a member is or is not a candidate for a shift: every hard rule, or the score."""
    dienst = selectors.dienst_get_for_staff(request.user, dienst_id)
    werknemer = get_object_or_404(Werknemer, pk=werknemer_id)
    uitkomst = kandidaten_mod.explain_for_dienst(dienst, werknemer.pk)
    if isinstance(uitkomst, list):
        return {
            "werknemer_id": werknemer.pk,
            "naam": werknemer.volledige_naam,
            "geschikt": False,
            "regels": [asdict(r) for r in uitkomst],
        }
    return {
        "werknemer_id": werknemer.pk,
        "naam": werknemer.volledige_naam,
        "geschikt": True,
        "score": uitkomst.score,
        "afstand_km": uitkomst.afstand_km,
        "onderdelen": uitkomst.onderdelen,
    }


@router.post("/diensten/{dienst_id}/aanbieden", response={201: AanbodOut})
def offer_dienst(request, dienst_id: int, payload: AanbiedenIn):
    """Offer a shift to a chosen member, or (without werknemer_id) to the best candidate."""
    dienst = selectors.dienst_get_for_staff(request.user, dienst_id)
    if payload.werknemer_id is None:
        aanbod = aanbod_services.dienst_offer_next(dienst_id=dienst.pk, user=request.user)
        if aanbod is None:
            raise ApplicationError("Er is geen geschikte kandidaat (meer) voor deze dienst.")
    else:
        werknemer = get_object_or_404(Werknemer, pk=payload.werknemer_id)
        aanbod = aanbod_services.aanbod_create(
            dienst=dienst, werknemer=werknemer, user=request.user
        )
    return Status(201, selectors.aanbod_get(request.user, aanbod.pk))


AANBOD_ROOSTER = aanbod_weergave.ROOSTER


@router.get("/aanbiedingen/", response=list[AanbodOut])
def list_aanbiedingen(request, status: keuze(Aanbod.Status) | None = None):
    """Your offers: the work, the hourly wage you will be paid, and for a permanent job its
    employers, addresses, weekdays and times."""
    aanbiedingen, lid = selectors.aanbiedingen_te_tonen(request.user, status=status)
    return aanbod_weergave.voor_lijst(aanbiedingen, lid=lid)


@router.get("/aanbiedingen/{aanbod_id}", response=AanbodOut)
def get_aanbod(request, aanbod_id: int):
    return selectors.aanbod_get(request.user, aanbod_id)


@router.post("/aanbiedingen/{aanbod_id}/accepteer", response=InzetOut)
def accept_aanbod(request, aanbod_id: int):
    """Accept an offer. When someone else was just faster: 409 with a clear message."""
    inzet = aanbod_services.aanbod_accept(user=request.user, aanbod_id=aanbod_id)
    if Inzet.dienst.is_cached(inzet) and Dienst.locatie.is_cached(inzet.dienst):
        # A shift's acceptance holds the assignment with its shift, place and member as
        # stored (the offer's scope was checked): no second read for the answer.
        return inzet
    return selectors.inzet_get(request.user, inzet.pk)


@router.post("/aanbiedingen/{aanbod_id}/afwijzen", response=AanbodOut)
def decline_aanbod(request, aanbod_id: int, payload: RedenIn):
    aanbod = aanbod_services.aanbod_decline(
        user=request.user, aanbod_id=aanbod_id, reden=payload.reden
    )
    return selectors.aanbod_get(request.user, aanbod.pk)


@router.get("/inzetten/", response=list[InzetOut])
def list_inzetten(request, status: keuze(Inzet.Status) | None = None):
    qs = selectors.inzet_list(request.user)
    return qs.filter(status=status) if status else qs


@router.post("/inzetten/{inzet_id}/annuleer", response=InzetOut)
def cancel_inzet(request, inzet_id: int, payload: RedenIn):
    """Cancel an assignment (employer or staff); within the call term the member keeps the pay."""
    inzet = inzet_services.inzet_cancel(user=request.user, inzet_id=inzet_id, reden=payload.reden)
    return selectors.inzet_get(request.user, inzet.pk)


def _ranking_out(ranking, max_aantal: int, **extra) -> dict:
    ids = [b.kandidaat_id for b in ranking.geschikt[:max_aantal]] + list(ranking.uitgesloten)
    namen = {w.pk: w.volledige_naam for w in Werknemer.objects.filter(pk__in=ids)}
    return {
        **extra,
        "voorgefilterd": ranking.voorgefilterd,
        "geschikt": [
            {
                "werknemer_id": b.kandidaat_id,
                "naam": namen[b.kandidaat_id],
                "score": b.score,
                "afstand_km": b.afstand_km,
                "onderdelen": b.onderdelen,
            }
            for b in ranking.geschikt[:max_aantal]
        ],
        "uitgesloten": [
            {"werknemer_id": wid, "naam": namen[wid], "regels": [asdict(r) for r in regels]}
            for wid, regels in ranking.uitgesloten.items()
        ],
    }


@router.post("/bundelen", response=BundelresultaatOut)
def run_bundelen(request):
    """Bundle all unbundled structural fragments into permanent jobs; shows what was left over."""
    vereis_staff(request.user, "Alleen medewerkers van de makelaar doen dit.")
    return bundel_services.bundel_run(user=request.user)


@router.get("/bundelruns/", response=list[BundelrunOut])
def list_bundelruns(request):
    vereis_staff(request.user, "Alleen medewerkers van de makelaar doen dit.")
    return Bundelrun.objects.all()[:50]


def _vaste_job(request, job_id: int) -> Job:
    vereis_staff(request.user, "Alleen medewerkers van de makelaar doen dit.")
    return get_object_or_404(Job, pk=job_id, soort=Job.Soort.VAST)


@router.get("/jobs/{job_id}/kandidaten", response=RankingOut)
def rank_job_kandidaten(request, job_id: int, max_aantal: int = 25):
    """Ranked candidates for a permanent job over its first four weeks."""
    job = _vaste_job(request, job_id)
    try:
        ranking = kandidaten_mod.rank_for_job(job)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    return _ranking_out(ranking, max_aantal, job_id=job.pk)


@router.post("/jobs/{job_id}/aanbieden", response={201: AanbodOut})
def offer_job(request, job_id: int, payload: AanbiedenIn):
    """Offer a permanent job to a chosen member, or (without werknemer_id) to the best one."""
    job = _vaste_job(request, job_id)
    if payload.werknemer_id is None:
        aanbod = aanbod_services.job_offer_next(job_id=job.pk, user=request.user)
        if aanbod is None:
            raise ApplicationError("Er is geen geschikte kandidaat (meer) voor deze baan.")
    else:
        werknemer = get_object_or_404(Werknemer, pk=payload.werknemer_id)
        aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=werknemer, user=request.user)
    return Status(201, selectors.aanbod_get(request.user, aanbod.pk))


@router.post("/planning", response=PlanOut)
def plan_period(request, payload: PlanIn):
    """Plan all open incidental shifts of a period at once (global optimum) and send offers."""
    vereis_staff(request.user, "Alleen medewerkers van de makelaar doen dit.")
    return plan_services.periode_plan(user=request.user, van=payload.van, tot=payload.tot)
