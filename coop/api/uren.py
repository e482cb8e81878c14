"""Hours and payroll endpoints: members claim, employers judge, staff settle and export."""

from pathlib import Path
from typing import Literal

from django.conf import settings
from django.http import FileResponse
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from coop.core.exceptions import ApplicationError, Conflict, NotFound
from coop.core.invoer import keuze
from coop.models import Loonexport, Urenregel
from coop.schemas.uren import (
    BetwistIn,
    ExportStartIn,
    GoedkeurenIn,
    GoedkeuringOut,
    LoonafspraakIn,
    LoonafspraakOut,
    LoonexportOut,
    LoonperiodeIn,
    LoonperiodeOut,
    UrenIn,
    UrenregelOut,
    VaststellenIn,
)
from coop.selectors import uren as selectors
from coop.selectors.werk import inzet_get
from coop.services.uren import loonafspraken, loonexport, loonperioden
from coop.services.uren import urenregels as uren_services

router = Router(tags=["uren en loon"])


@router.get("/uren/", response=list[UrenregelOut])
def list_urenregels(
    request, status: keuze(Urenregel.Status) | None = None, inzet_id: int | None = None
):
    """A member's own lines, an employer's lines of its shifts, or (staff) all of them."""
    qs = selectors.urenregel_list(request.user)
    if status:
        qs = qs.filter(status=status)
    return qs.filter(inzet_id=inzet_id) if inzet_id else qs


@router.post("/uren/goedkeuren", response=GoedkeuringOut)
def approve_urenregels(request, payload: GoedkeurenIn):
    """Approve several lines at once (an employer's week); each refused one says why. A line
    of another organisation: 404, and nothing is approved."""
    return uren_services.urenregels_approve(user=request.user, regel_ids=payload.regel_ids)


@router.get("/uren/{regel_id}", response=UrenregelOut)
def get_urenregel(request, regel_id: int):
    return selectors.urenregel_get(request.user, regel_id)


@router.post("/uren/", response={201: UrenregelOut})
def submit_uren(request, payload: UrenIn):
    """Confirm or correct the hours of your shift; after an export this is a correction line.

    For a late-cancelled shift, send only inzet_id: the line for the pay kept is returned.
    """
    start, eind = payload.start, payload.eind
    if start is None or eind is None:
        regel = _annulering_of_fout(request, payload)
    else:
        regel = uren_services.urenregel_submit(
            user=request.user,
            inzet_id=payload.inzet_id,
            start=start,
            eind=eind,
            pauze_minuten=payload.pauze_minuten,
        )
    return Status(201, selectors.urenregel_get(request.user, regel.pk))


def _annulering_of_fout(request, payload: UrenIn):
    inzet = inzet_get(request.user, payload.inzet_id)
    if inzet.status == "geannuleerd":
        return uren_services.urenregel_submit(
            user=request.user, inzet_id=inzet.pk, start=inzet.start, eind=inzet.eind
        )
    veld = "start" if payload.start is None else "eind"
    raise ApplicationError(
        "Geef begin en eind van het werk op.", fields={veld: ["Dit veld is verplicht."]}
    )


@router.post("/uren/{regel_id}/goedkeuren", response=UrenregelOut)
def approve_urenregel(request, regel_id: int):
    regel = uren_services.urenregel_approve(user=request.user, regel_id=regel_id)
    return selectors.urenregel_get(request.user, regel.pk)


@router.post("/uren/{regel_id}/betwisten", response=UrenregelOut)
def dispute_urenregel(request, regel_id: int, payload: BetwistIn):
    regel = uren_services.urenregel_dispute(
        user=request.user, regel_id=regel_id, reden=payload.reden
    )
    return selectors.urenregel_get(request.user, regel.pk)


@router.post("/uren/{regel_id}/vaststellen", response=UrenregelOut)
def settle_urenregel(request, regel_id: int, payload: VaststellenIn):
    """Staff settle a (disputed) line, optionally with corrected times and break."""
    regel = uren_services.urenregel_vaststellen(
        user=request.user, regel_id=regel_id, **payload.dict()
    )
    return selectors.urenregel_get(request.user, regel.pk)


@router.get("/loonafspraken/", response=list[LoonafspraakOut])
@paginate(LimitOffsetPagination)
def list_loonafspraken(request, werknemer_id: int | None = None):
    """Wage agreements, paginated (limit, offset): staff see all, a member their own."""
    qs = selectors.loonafspraak_list(request.user)
    return qs.filter(werknemer_id=werknemer_id) if werknemer_id else qs


@router.post("/loonafspraken/", response={201: LoonafspraakOut})
def create_loonafspraak(request, payload: LoonafspraakIn):
    """Staff record a member's gross hourly wage from a date."""
    return Status(201, loonafspraken.loonafspraak_create(user=request.user, **payload.dict()))


@router.get("/loonperiodes/", response=list[LoonperiodeOut])
def list_loonperiodes(request):
    return selectors.loonperiode_list(request.user)


@router.post("/loonperiodes/", response={201: LoonperiodeOut})
def create_loonperiode(request, payload: LoonperiodeIn):
    return Status(201, loonperioden.loonperiode_create(user=request.user, **payload.dict()))


@router.post("/loonexports/", response={202: LoonexportOut})
def start_loonexport(request, payload: ExportStartIn):
    """Start the payroll export of a period that has ended; follow it with GET
    /loonexports/{id}. With `voorschot` (staff): an audited advance run of a period that has
    not ended, which locks no hours and marks its files as a voorschot."""
    export = loonexport.loonexport_start(
        user=request.user, periode_id=payload.periode_id, voorschot=payload.voorschot
    )
    return Status(202, selectors.loonexport_get(request.user, export.pk))


@router.get("/loonexports/", response=list[LoonexportOut])
@paginate(LimitOffsetPagination)
def list_loonexports(request, periode_id: int | None = None):
    """Payroll exports, newest first, paginated (limit, offset); staff only."""
    qs = selectors.loonexport_list(request.user)
    return qs.filter(periode_id=periode_id) if periode_id else qs


@router.get("/loonexports/{export_id}", response=LoonexportOut)
def get_loonexport(request, export_id: int):
    return selectors.loonexport_get(request.user, export_id)


@router.get("/loonexports/{export_id}/bestanden/{soort}", response={200: None})
def download_loonexport_bestand(request, export_id: int, soort: Literal["xlsx", "nmbrs", "csv"]):
    """Download one of a finished export's files (xlsx, nmbrs or csv)."""
    export = selectors.loonexport_get(request.user, export_id)
    if export.status != Loonexport.Status.DONE or soort not in export.bestanden:
        raise NotFound("Bestand niet gevonden.")
    info = export.bestanden[soort]
    pad = Path(settings.MEDIA_ROOT) / info["pad"]
    if not pad.is_file() or loonexport.sha256_van(pad) != info["sha256"]:
        raise Conflict("Het bestand is gewijzigd of weg sinds de export; exporteer opnieuw.")
    return FileResponse(pad.open("rb"), as_attachment=True, filename=pad.name)
