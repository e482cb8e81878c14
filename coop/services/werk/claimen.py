"""A member takes an open shift themself: an offer to them, accepted at once, under the same
lock as any acceptance (of two members taking the last place, one wins)."""

from __future__ import annotations

from django.db import transaction

from coop.core.exceptions import ApplicationError, Conflict, NotFound, PermissionDenied
from coop.engines import matching
from coop.models import Aanbod, Dienst, Inzet, Job
from coop.selectors.kandidaten import explain_for_dienst
from coop.services.werk import aanbod as aanbod_services

IEMAND_ANDERS = (
    "Helaas, iemand anders was u net voor: deze dienst is al genomen. "
    "Kijk of er nog ander open werk voor u is."
)


@transaction.atomic
def dienst_claim(*, user, dienst_id: int) -> Inzet:
    """Take an open incidental shift the hard rules and the law allow; a shift someone else
    took first is refused with a sentence that says so."""
    werknemer = getattr(user, "werknemer", None)
    if werknemer is None:
        raise PermissionDenied("Alleen leden nemen zelf een dienst.")
    dienst = (
        Dienst.objects.select_for_update(of=("self",))
        .select_related("job", "locatie")
        .filter(pk=dienst_id, job__soort=Job.Soort.INCIDENTEEL)
        .first()
    )
    if dienst is None:
        raise NotFound("Dienst niet gevonden.")
    if dienst.status != Dienst.Status.OPEN:
        raise Conflict(IEMAND_ANDERS)
    uitkomst = explain_for_dienst(dienst, werknemer.pk)
    if not isinstance(uitkomst, matching.Beoordeling):
        redenen = " ".join(dict.fromkeys(u.melding for u in uitkomst))
        raise ApplicationError(f"U kunt deze dienst niet zelf nemen: {redenen}")
    aanbod = Aanbod.objects.filter(dienst=dienst, werknemer=werknemer).first()
    if aanbod is None:
        aanbod = aanbod_services.aanbod_create(
            dienst=dienst,
            werknemer=werknemer,
            user=user,
            score=uitkomst.score,
            toelichting={**uitkomst.onderdelen, "zelf_gekozen": 1.0},
        )
    elif aanbod.status != Aanbod.Status.OPEN:
        raise Conflict(
            "U heeft deze dienst al eens aangeboden gekregen; neem contact op met de "
            "coöperatie als u hem toch wilt doen."
        )
    return aanbod_services.aanbod_accept(user=user, aanbod_id=aanbod.pk)
