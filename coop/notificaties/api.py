"""/api/v1/notificaties/: a member's inbox and how they want to be told.

Only members have an inbox; another member's notification is a 404 like any other's object.
Titles and texts are written in the member's chosen language when read.
"""

import datetime

from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import StrictBool

from coop.core.fields import mask
from coop.notificaties import berichten, services, versturen
from coop.notificaties.models import Levering, Meldingsvoorkeur, Notificatie, Taal

router = Router(tags=["notificaties"])


class NotificatieOut(Schema):
    id: int
    soort: str
    soort_label: str
    titel: str
    tekst: str
    pad: str = Field(description="De pagina waar het over gaat (leeg: geen).")
    dringend: bool
    aangemaakt_op: datetime.datetime
    gelezen_op: datetime.datetime | None

    @staticmethod
    def resolve_soort_label(obj: Notificatie) -> str:
        return str(obj.get_soort_display())

    @staticmethod
    def resolve_titel(obj: Notificatie) -> str:
        return berichten.opstellen(obj).titel

    @staticmethod
    def resolve_tekst(obj: Notificatie) -> str:
        return berichten.opstellen(obj).tekst


class LeveringOut(Schema):
    id: int
    notificatie_id: int
    kanaal: str
    status: str
    adres: str = Field(description="Gemaskeerd: alleen de laatste tekens.")
    pogingen: int
    volgende_poging: datetime.datetime

    @staticmethod
    def resolve_adres(obj: Levering) -> str:
        return mask(obj.adres)


class GelezenOut(Schema):
    aantal: int


# Times of day as plain "HH:MM[:SS]" text: a clock time without a zone (quiet hours are
# local time in Amsterdam), so an offset in the input cannot reach the database.
KLOKTIJD = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def _kloktijd(waarde: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(waarde) if waarde else None


class VoorkeurOut(Schema):
    email: bool
    sms: bool
    stil_van: str | None
    stil_tot: str | None
    taal: str

    @staticmethod
    def resolve_stil_van(obj) -> str | None:
        return obj.stil_van.isoformat() if obj.stil_van else None

    @staticmethod
    def resolve_stil_tot(obj) -> str | None:
        return obj.stil_tot.isoformat() if obj.stil_tot else None


class VoorkeurIn(Schema):
    email: StrictBool | None = None
    sms: StrictBool | None = None
    stil_van: str | None = Field(None, pattern=KLOKTIJD, description="begin, UU:MM")
    stil_tot: str | None = Field(None, pattern=KLOKTIJD, description="einde, UU:MM")
    geen_stille_uren: StrictBool = Field(False, description="Zet de stille uren uit.")
    taal: Taal | None = None


@router.get("/", response=list[NotificatieOut])
@paginate(LimitOffsetPagination)
def list_notificaties(request, ongelezen: bool = False):
    """The member's notifications, newest first, paginated (limit, offset);
    `ongelezen=true` lists only the unread ones."""
    qs = services.notificaties_van(request.user).select_related("werknemer__meldingsvoorkeur")
    return qs.filter(gelezen_op__isnull=True) if ongelezen else qs


@router.post("/gelezen", response=GelezenOut)
def mark_all_read(request):
    """Mark all the member's notifications read."""
    return {"aantal": services.notificaties_mark_all_read(user=request.user)}


@router.get("/voorkeuren", response=VoorkeurOut)
def get_voorkeuren(request):
    """Channels, quiet hours and language of the member's notifications."""
    return services.meldingsvoorkeur_van(services.werknemer_van(request.user))


@router.put("/voorkeuren", response=VoorkeurOut)
def update_voorkeuren(request, payload: VoorkeurIn):
    """Change channels, quiet hours (both times, or `geen_stille_uren`) or language."""
    wijziging = payload.dict(exclude_unset=True)
    stil: dict = {}
    if wijziging.pop("geen_stille_uren", False):
        stil = {"stil_van": None, "stil_tot": None}
    else:
        stil = {k: _kloktijd(wijziging[k]) for k in ("stil_van", "stil_tot") if k in wijziging}
    taal = wijziging.get("taal")
    voorkeur: Meldingsvoorkeur = services.meldingsvoorkeur_update(
        werknemer=services.werknemer_van(request.user),
        email=wijziging.get("email"),
        sms=wijziging.get("sms"),
        taal=str(taal.value if isinstance(taal, Taal) else taal) if taal else None,
        **stil,
    )
    return voorkeur


@router.get("/{int:notificatie_id}", response=NotificatieOut)
def get_notificatie(request, notificatie_id: int):
    return services.notificatie_get(request.user, notificatie_id)


@router.post("/{int:notificatie_id}/gelezen", response=NotificatieOut)
def mark_read(request, notificatie_id: int):
    """Mark one of the member's notifications read."""
    return services.notificatie_mark_read(user=request.user, notificatie_id=notificatie_id)


@router.post("/leveringen/{int:levering_id}/opnieuw", response=LeveringOut)
def resend_levering(request, levering_id: int):
    """Staff: send a message that did not arrive once more, to the member's current e-mail
    address or phone number (correct it first on the member). Closes its worklist item.
    409 when it did not fail or no longer matters; 404 for anyone but staff."""
    return versturen.levering_resend(user=request.user, levering_id=levering_id)
