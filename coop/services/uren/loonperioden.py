"""Pay periods: their bounds, their creation, and the one clock that says whether one has ended.

A period is exported only once it has ended: hours of a running or future period are never
locked. Periods never overlap; weeks and four-week periods start on Monday, months on the
first.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict
from coop.models import Loonperiode


def vandaag() -> date:
    """Today in Amsterdam: the one clock that decides whether a period has ended."""
    return timezone.localdate()


def controleer_periode_voorbij(periode: Loonperiode, *, handeling: str = "exporteren") -> None:
    """Refuse a period that has not ended (409): its hours may still change or be worked,
    so they are neither paid nor billed in it yet."""
    if periode.eind < vandaag():
        return
    melding = (
        f"Periode {periode.code} is nog niet voorbij (loopt tot en met "
        f"{periode.eind:%d-%m-%Y}); {handeling} kan vanaf "
        f"{periode.eind + timedelta(days=1):%d-%m-%Y}."
    )
    if handeling == "exporteren":
        melding += " Een voorschot (proefrun) kan wel: dat vergrendelt geen uren."
    raise Conflict(melding, fields={"periode_id": [melding]})


def laatst_geexporteerd() -> date | None:
    periode = Loonperiode.objects.filter(status=Loonperiode.Status.GEEXPORTEERD).last()
    return periode.eind if periode else None


def periode_eind(soort: str, begin: date) -> date:
    """The last day of a period of `soort` starting on `begin` (weeks start on Monday)."""
    if soort == Loonperiode.Soort.MAAND:
        if begin.day != 1:
            raise ApplicationError(
                "Een maandperiode begint op de eerste.",
                fields={"begin": ["Kies de eerste dag van een maand."]},
            )
        volgende = date(begin.year + begin.month // 12, begin.month % 12 + 1, 1)
        return volgende - timedelta(days=1)
    if begin.weekday() != 0:
        raise ApplicationError(
            "Een week- of vierwekenperiode begint op maandag.",
            fields={"begin": ["Kies een maandag."]},
        )
    return begin + timedelta(days=6 if soort == Loonperiode.Soort.WEEK else 27)


@transaction.atomic
def loonperiode_create(*, user, soort: str, begin: date) -> Loonperiode:
    """A new pay period; periods never overlap."""
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    if soort not in Loonperiode.Soort.values:
        raise ApplicationError(
            "Onbekende soort periode.",
            fields={"soort": ["Kies week, vier_weken of maand."]},
        )
    eind = periode_eind(soort, begin)
    botsing = Loonperiode.objects.filter(begin__lte=eind, eind__gte=begin).first()
    if botsing is not None:
        raise Conflict(
            f"Deze periode overlapt met {botsing}.",
            fields={"begin": [f"Overlapt met periode {botsing.code}."]},
        )
    return Loonperiode.objects.create(soort=soort, begin=begin, eind=eind)
