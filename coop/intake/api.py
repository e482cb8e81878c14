"""Member endpoints of the intake under /api/v1/intake/: the assigned member reads the
briefing and reports the work done. (Status messages that could not be sent are on staff's
worklist: GET /api/v1/documenten/verplichtingen?soort=vera_status.)"""

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from coop.intake import gereedmelding

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


@router.get("/werkpakketten/{int:werkpakket_id}/briefing", response=BriefingOut)
def get_briefing(request, werkpakket_id: int):
    """The briefing of a package (the work, the address, the tenant's contact): only for the
    member assigned to it."""
    briefing = gereedmelding.briefing_voor_lid(user=request.user, werkpakket_id=werkpakket_id)
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
    melding = gereedmelding.gereed_melden(
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
