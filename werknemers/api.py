"""/api/v1/werknemers/: the supply registry. Thin: parse, call a selector or service, return.

Staff manage everything; a worker reads their own record (GET/PATCH /mij) and keeps their
availability; employers get 403. Which member a user may see is decided in selectors only.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from werknemers import catalogus, onderdelen, selectors, services
from werknemers.schemas import (
    AfwezigheidIn,
    AfwezigheidOut,
    BeschikbaarheidIn,
    BeschikbaarheidOut,
    CertificaatIn,
    CertificaatOut,
    CertificaatPatch,
    CertificaatSoortIn,
    CertificaatSoortOut,
    CertificaatSoortPatch,
    PersoonsgegevensOut,
    StatusKeuze,
    VaardighedenOut,
    VaardigheidIn,
    VaardigheidOut,
    VaardigheidPatch,
    WerknemerIn,
    WerknemerListOut,
    WerknemerMijPatch,
    WerknemerOut,
    WerknemerPatch,
    WerknemerVaardigheidIn,
    WerknemerVaardigheidOut,
)

router = Router(tags=["werknemers"])


class WerknemerFilter(Schema):
    status: StatusKeuze | None = None
    wijk: str | None = None
    vaardigheid: int | None = None
    zoek: str | None = None


def _unknown_keys(request, schema: type[Schema]) -> dict:
    """Keys the schema does not declare (ninja drops them silently); the service refuses
    them by name, so a worker trying to change their BSN hears "not yours to change"."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    if not isinstance(body, dict):
        return {}
    return {k: v for k, v in body.items() if k not in schema.model_fields}


def _fresh(request, werknemer_id: int):
    return selectors.werknemer_get(request.user, werknemer_id)


# --- the catalogues (declared before /{id} routes; ids are int-typed anyway) -----------


@router.get("/vaardigheden", response=list[VaardigheidOut])
def list_vaardigheden(request):
    """The skill catalogue; `omvat` lists the ids of the skills each one includes."""
    return selectors.vaardigheid_list()


@router.post("/vaardigheden", response={201: VaardigheidOut})
def create_vaardigheid(request, payload: VaardigheidIn):
    obj = catalogus.vaardigheid_create(user=request.user, data=payload.dict())
    return Status(201, selectors.vaardigheid_get(obj.pk))


@router.patch("/vaardigheden/{int:vaardigheid_id}", response=VaardigheidOut)
def update_vaardigheid(request, vaardigheid_id: int, payload: VaardigheidPatch):
    obj = selectors.vaardigheid_get(vaardigheid_id)
    catalogus.vaardigheid_update(
        user=request.user, vaardigheid=obj, data=payload.dict(exclude_unset=True)
    )
    return selectors.vaardigheid_get(vaardigheid_id)


@router.delete("/vaardigheden/{int:vaardigheid_id}", response={204: None})
def delete_vaardigheid(request, vaardigheid_id: int):
    catalogus.vaardigheid_delete(
        user=request.user, vaardigheid=selectors.vaardigheid_get(vaardigheid_id)
    )
    return Status(204, None)


@router.get("/certificaatsoorten", response=list[CertificaatSoortOut])
def list_certificaatsoorten(request):
    return selectors.certificaatsoort_list()


@router.post("/certificaatsoorten", response={201: CertificaatSoortOut})
def create_certificaatsoort(request, payload: CertificaatSoortIn):
    return Status(201, catalogus.certificaatsoort_create(user=request.user, data=payload.dict()))


@router.patch("/certificaatsoorten/{int:soort_id}", response=CertificaatSoortOut)
def update_certificaatsoort(request, soort_id: int, payload: CertificaatSoortPatch):
    soort = selectors.certificaatsoort_get(soort_id)
    return catalogus.certificaatsoort_update(
        user=request.user, soort=soort, data=payload.dict(exclude_unset=True)
    )


@router.delete("/certificaatsoorten/{int:soort_id}", response={204: None})
def delete_certificaatsoort(request, soort_id: int):
    catalogus.certificaatsoort_delete(
        user=request.user, soort=selectors.certificaatsoort_get(soort_id)
    )
    return Status(204, None)


# --- the logged-in worker's own record -------------------------------------------------


@router.get("/mij", response=WerknemerOut)
def get_mij(request):
    """The logged-in worker's own record (BSN and IBAN masked)."""
    return selectors.werknemer_eigen(request.user)


@router.patch("/mij", response=WerknemerOut)
def update_mij(request, payload: WerknemerMijPatch):
    """Change contact details, hours wanted, travel distance, languages and weekly pattern."""
    werknemer = selectors.werknemer_eigen(request.user)
    data = {**_unknown_keys(request, WerknemerMijPatch), **payload.dict(exclude_unset=True)}
    services.werknemer_update_eigen(user=request.user, werknemer=werknemer, data=data)
    return selectors.werknemer_eigen(request.user)


@router.get("/mij/export")
def export_mij(request):
    """Everything stored about the logged-in worker, as a JSON download (GDPR)."""
    werknemer = selectors.werknemer_eigen(request.user)
    data = services.werknemer_export(user=request.user, werknemer=werknemer)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{werknemer.pk}.json"'
    return response


# --- members (staff; a worker sees only themself) --------------------------------------


@router.get("/", response=list[WerknemerListOut])
@paginate(LimitOffsetPagination)
def list_werknemers(request, filters: Query[WerknemerFilter]):
    """Members, filterable by status, wijk, skill id and a search term (name, postcode,
    e-mail or a full BSN)."""
    return selectors.werknemer_list(request.user, **filters.dict())


@router.post("/", response={201: WerknemerOut})
def create_werknemer(request, payload: WerknemerIn):
    """Register a member; skills, certificates and availability may come along."""
    obj = services.werknemer_create(user=request.user, data=payload.dict(exclude_unset=True))
    return Status(201, _fresh(request, obj.pk))


@router.get("/{int:werknemer_id}", response=WerknemerOut)
def get_werknemer(request, werknemer_id: int):
    return _fresh(request, werknemer_id)


@router.patch("/{int:werknemer_id}", response=WerknemerOut)
def update_werknemer(request, werknemer_id: int, payload: WerknemerPatch):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    services.werknemer_update(
        user=request.user, werknemer=werknemer, data=payload.dict(exclude_unset=True)
    )
    return _fresh(request, werknemer_id)


@router.post("/{int:werknemer_id}/persoonsgegevens", response=PersoonsgegevensOut)
def reveal_persoonsgegevens(request, werknemer_id: int):
    """Staff only: the clear BSN and IBAN. Every call is written to the audit log."""
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    return services.persoonsgegevens_inzien(user=request.user, werknemer=werknemer)


# --- a member's skills -----------------------------------------------------------------


@router.get("/{int:werknemer_id}/vaardigheden", response=VaardighedenOut)
def list_werknemer_vaardigheden(request, werknemer_id: int):
    """Skills held, and the effective skills including those implied by the hierarchy."""
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    return selectors.werknemer_vaardigheden_overzicht(werknemer)


@router.post("/{int:werknemer_id}/vaardigheden", response=WerknemerVaardigheidOut)
def set_werknemer_vaardigheid(request, werknemer_id: int, payload: WerknemerVaardigheidIn):
    """Give the member a skill at a level, or change the level of one they hold."""
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    return onderdelen.werknemer_vaardigheid_set(
        user=request.user,
        werknemer=werknemer,
        vaardigheid_id=payload.vaardigheid_id,
        niveau=payload.niveau,
    )


@router.delete("/{int:werknemer_id}/vaardigheden/{int:vaardigheid_id}", response={204: None})
def delete_werknemer_vaardigheid(request, werknemer_id: int, vaardigheid_id: int):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    onderdelen.werknemer_vaardigheid_remove(
        user=request.user, werknemer=werknemer, vaardigheid_id=vaardigheid_id
    )
    return Status(204, None)


# --- certificates ----------------------------------------------------------------------


@router.get("/{int:werknemer_id}/certificaten", response=list[CertificaatOut])
def list_certificaten(request, werknemer_id: int):
    return selectors.werknemer_get(request.user, werknemer_id).certificaten.all()


@router.post("/{int:werknemer_id}/certificaten", response={201: CertificaatOut})
def create_certificaat(request, werknemer_id: int, payload: CertificaatIn):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    obj = onderdelen.certificaat_create(user=request.user, werknemer=werknemer, data=payload.dict())
    return Status(201, selectors.certificaat_get(werknemer, obj.pk))


@router.patch("/{int:werknemer_id}/certificaten/{int:certificaat_id}", response=CertificaatOut)
def update_certificaat(request, werknemer_id: int, certificaat_id: int, payload: CertificaatPatch):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    certificaat = selectors.certificaat_get(werknemer, certificaat_id)
    onderdelen.certificaat_update(
        user=request.user, certificaat=certificaat, data=payload.dict(exclude_unset=True)
    )
    return selectors.certificaat_get(werknemer, certificaat_id)


@router.delete("/{int:werknemer_id}/certificaten/{int:certificaat_id}", response={204: None})
def delete_certificaat(request, werknemer_id: int, certificaat_id: int):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    certificaat = selectors.certificaat_get(werknemer, certificaat_id)
    onderdelen.certificaat_delete(user=request.user, certificaat=certificaat)
    return Status(204, None)


# --- availability ----------------------------------------------------------------------


@router.get("/{int:werknemer_id}/beschikbaarheid", response=list[BeschikbaarheidOut])
def list_beschikbaarheid(request, werknemer_id: int):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    return selectors.beschikbaarheid_list(werknemer)


@router.put("/{int:werknemer_id}/beschikbaarheid", response=list[BeschikbaarheidOut])
def replace_beschikbaarheid(request, werknemer_id: int, payload: list[BeschikbaarheidIn]):
    """Replace the whole weekly pattern (staff, or the member themself)."""
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    onderdelen.beschikbaarheid_replace(
        user=request.user, werknemer=werknemer, blokken=[b.dict() for b in payload]
    )
    return selectors.beschikbaarheid_list(werknemer)


@router.get("/{int:werknemer_id}/afwezigheden", response=list[AfwezigheidOut])
def list_afwezigheden(request, werknemer_id: int):
    return selectors.werknemer_get(request.user, werknemer_id).afwezigheden.all()


@router.post("/{int:werknemer_id}/afwezigheden", response={201: AfwezigheidOut})
def create_afwezigheid(request, werknemer_id: int, payload: AfwezigheidIn):
    """Record leave or another absence (staff, or the member themself)."""
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    obj = onderdelen.afwezigheid_create(user=request.user, werknemer=werknemer, data=payload.dict())
    return Status(201, obj)


@router.delete("/{int:werknemer_id}/afwezigheden/{int:afwezigheid_id}", response={204: None})
def delete_afwezigheid(request, werknemer_id: int, afwezigheid_id: int):
    werknemer = selectors.werknemer_get(request.user, werknemer_id)
    afwezigheid = selectors.afwezigheid_get(werknemer, afwezigheid_id)
    onderdelen.afwezigheid_delete(user=request.user, afwezigheid=afwezigheid)
    return Status(204, None)
