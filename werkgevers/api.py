"""/api/v1/werkgevers/: the demand registry. Thin: parse, call a service or selector, return.

Isolation lives in werkgevers.selectors; errors are mapped to JSON once in coop/api.py.
"""

from ninja import Query, Router, Status

from werkgevers import selectors, services
from werkgevers.schemas import (
    ErrorOut,
    GebruikerIn,
    GebruikerOut,
    LocatieFilter,
    LocatieIn,
    LocatieOut,
    LocatiePatchIn,
    WerkgeverFilter,
    WerkgeverIn,
    WerkgeverOut,
    WerkgeverPatchIn,
)

router = Router(tags=["werkgevers"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/", response=list[WerkgeverOut])
def list_werkgevers(request, filters: Query[WerkgeverFilter]):
    """Staff: all member organisations (search and filter); an employer user: its own."""
    return selectors.werkgever_list(
        request.user,
        zoek=filters.zoek.strip(),
        soort=filters.soort or "",
        status=filters.status or "",
    )


@router.post("/", response={201: WerkgeverOut, **ERRORS})
def create_werkgever(request, payload: WerkgeverIn):
    """Register a member organisation (staff only)."""
    werkgever = services.werkgever_create(user=request.user, data=payload.dict())
    return Status(201, werkgever)


@router.get("/{int:werkgever_id}", response={200: WerkgeverOut, 404: ErrorOut})
def get_werkgever(request, werkgever_id: int):
    return selectors.werkgever_get(request.user, werkgever_id)


@router.patch("/{int:werkgever_id}", response={200: WerkgeverOut, **ERRORS})
def update_werkgever(request, werkgever_id: int, payload: WerkgeverPatchIn):
    """Change details, membership dates or status (staff only)."""
    return services.werkgever_update(
        user=request.user, werkgever_id=werkgever_id, data=payload.dict(exclude_unset=True)
    )


@router.get("/{int:werkgever_id}/locaties", response={200: list[LocatieOut], 404: ErrorOut})
def list_locaties(request, werkgever_id: int, filters: Query[LocatieFilter]):
    selectors.werkgever_get(request.user, werkgever_id)  # 404 outside the user's scope
    return selectors.locatie_list(
        request.user, werkgever_id=werkgever_id, actief=filters.actief, wijk=filters.wijk.strip()
    )


@router.post("/{int:werkgever_id}/locaties", response={201: LocatieOut, **ERRORS})
def create_locatie(request, werkgever_id: int, payload: LocatieIn):
    """Add a location; without coordinates it is geocoded from the postcode."""
    locatie = services.locatie_create(
        user=request.user, werkgever_id=werkgever_id, data=payload.dict()
    )
    return Status(201, locatie)


@router.get("/locaties/{int:locatie_id}", response={200: LocatieOut, 404: ErrorOut})
def get_locatie(request, locatie_id: int):
    return selectors.locatie_get(request.user, locatie_id)


@router.patch("/locaties/{int:locatie_id}", response={200: LocatieOut, **ERRORS})
def update_locatie(request, locatie_id: int, payload: LocatiePatchIn):
    return services.locatie_update(
        user=request.user, locatie_id=locatie_id, data=payload.dict(exclude_unset=True)
    )


@router.post("/locaties/{int:locatie_id}/deactivate", response={200: LocatieOut, 404: ErrorOut})
def deactivate_locatie(request, locatie_id: int):
    """Stop offering work at a location; it stays for history and can be activated again."""
    return services.locatie_set_actief(user=request.user, locatie_id=locatie_id, actief=False)


@router.post("/locaties/{int:locatie_id}/activate", response={200: LocatieOut, 404: ErrorOut})
def activate_locatie(request, locatie_id: int):
    return services.locatie_set_actief(user=request.user, locatie_id=locatie_id, actief=True)


@router.get(
    "/{int:werkgever_id}/gebruikers",
    response={200: list[GebruikerOut], 403: ErrorOut, 404: ErrorOut},
)
def list_gebruikers(request, werkgever_id: int):
    """The organisation's logins (staff, or a beheerder of the organisation)."""
    return selectors.gebruiker_list(request.user, werkgever_id)


@router.post("/{int:werkgever_id}/gebruikers", response={201: GebruikerOut, **ERRORS})
def create_gebruiker(request, werkgever_id: int, payload: GebruikerIn):
    """Give the organisation a new login; the password must pass Django's validators."""
    gebruiker = services.gebruiker_create(
        user=request.user, werkgever_id=werkgever_id, **payload.dict()
    )
    return Status(201, gebruiker)


@router.post(
    "/{int:werkgever_id}/gebruikers/{int:gebruiker_id}/deactivate",
    response={200: GebruikerOut, **ERRORS},
)
def deactivate_gebruiker(request, werkgever_id: int, gebruiker_id: int):
    """Block a colleague's login (staff or a beheerder); never the last active beheerder."""
    return services.gebruiker_set_actief(
        user=request.user, werkgever_id=werkgever_id, gebruiker_id=gebruiker_id, actief=False
    )


@router.post(
    "/{int:werkgever_id}/gebruikers/{int:gebruiker_id}/activate",
    response={200: GebruikerOut, **ERRORS},
)
def activate_gebruiker(request, werkgever_id: int, gebruiker_id: int):
    """Allow a blocked login again (staff or a beheerder of the organisation)."""
    return services.gebruiker_set_actief(
        user=request.user, werkgever_id=werkgever_id, gebruiker_id=gebruiker_id, actief=True
    )
