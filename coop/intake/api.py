"""Member and staff endpoints of the intake under /api/v1/intake/: the assigned member reads
the briefing and reports the work done; staff see status messages that could not be sent."""

from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from coop.core.auth import vereis_staff
from coop.intake import services
from coop.intake.models import Statusmelding

router = Router(tags=["intake"])


class BriefingOut(Schema):
    werkpakket_id: int
    tekst: str


class GereedmeldingOut(Schema):
    id: int
    werkpakket_id: int
    notitie: str
    reistijd_minuten: int
    fotos: int


class StatusmeldingOut(Schema):
    id: int
    order_id: str
    werkgever: str
    status: str
    pogingen: int
    laatste_fout: str
    aangemaakt_op: str


@router.get("/werkpakketten/{int:werkpakket_id}/briefing", response=BriefingOut)
def get_briefing(request, werkpakket_id: int):
    """The briefing of a package (the work, the address, the tenant's contact): only for the
    member assigned to it."""
    briefing = services.briefing_voor_lid(user=request.user, werkpakket_id=werkpakket_id)
    return {"werkpakket_id": briefing.werkpakket_id, "tekst": briefing.tekst}


@router.post("/werkpakketten/{int:werkpakket_id}/gereedmelding", response={201: GereedmeldingOut})
def post_gereedmelding(
    request,
    werkpakket_id: int,
    notitie: Form[str],
    reistijd_minuten: Form[int] = 0,
    fotos: File[list[UploadedFile]] = None,
):
    """The assigned member reports the work done, with a note and optional photos."""
    melding = services.gereed_melden(
        user=request.user,
        werkpakket_id=werkpakket_id,
        notitie=notitie,
        reistijd_minuten=reistijd_minuten,
        fotos=fotos or [],
    )
    return Status(
        201,
        {
            "id": melding.pk,
            "werkpakket_id": melding.werkpakket_id,
            "notitie": melding.notitie,
            "reistijd_minuten": melding.reistijd_minuten,
            "fotos": melding.fotos.count(),
        },
    )


@router.get("/werklijst", response=list[StatusmeldingOut])
def list_werklijst(request):
    """Staff: status messages to corporations that failed after the last attempt."""
    vereis_staff(request.user, verbergen=True)
    meldingen = Statusmelding.objects.filter(
        verzending=Statusmelding.Verzending.MISLUKT, afgehandeld_op__isnull=True
    ).select_related("order__koppeling__werkgever")
    return [
        {
            "id": m.pk,
            "order_id": m.order.order_id,
            "werkgever": m.order.koppeling.werkgever.naam,
            "status": m.status,
            "pogingen": m.pogingen,
            "laatste_fout": m.laatste_fout,
            "aangemaakt_op": timezone.localtime(m.created_at).isoformat(),
        }
        for m in meldingen
    ]
