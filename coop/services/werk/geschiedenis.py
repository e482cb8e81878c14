"""The broker's history (Gebeurtenis): the one place that writes it.

Every entry has a soort from Gebeurtenis.Soort (an unknown one is a programming error, not
user input: ValueError), a text cut to the column's 500 characters, and the user who acted
(an anonymous or missing user is recorded as no one: a schedule, the system).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coop.models import Gebeurtenis

TEKST_MAX = 500


def _nieuw(*, soort: str, tekst: str, user: Any = None, **koppeling: Any) -> Gebeurtenis:
    return Gebeurtenis(
        soort=Gebeurtenis.Soort(soort),
        tekst=tekst[:TEKST_MAX],
        user=user if getattr(user, "is_authenticated", False) else None,
        **koppeling,
    )


# What an entry may be linked to (an object, or its id as `<name>_id`).
KOPPELINGEN = ("werkpakket", "job", "aanbod", "inzet", "werknemer", "document")


def gebeurtenis_create(
    *, soort: Gebeurtenis.Soort | str, tekst: str, user: Any = None, **koppeling: Any
) -> Gebeurtenis:
    """Write one history entry, linked to what it is about: `werkpakket=`, `job=`, `aanbod=`,
    `inzet=`, `werknemer=`, `document=` (or their `…_id=`); None links nothing."""
    toegestaan = {*KOPPELINGEN, *(f"{naam}_id" for naam in KOPPELINGEN)}
    onbekend = set(koppeling) - toegestaan
    if onbekend:
        raise TypeError(f"gebeurtenis_create: onbekende koppeling {sorted(onbekend)}")
    gekoppeld = {naam: waarde for naam, waarde in koppeling.items() if waarde is not None}
    gebeurtenis = _nieuw(soort=soort, tekst=tekst, user=user, **gekoppeld)
    gebeurtenis.save()
    return gebeurtenis


def gebeurtenissen_create(
    *, soort: Gebeurtenis.Soort | str, tekst: str, werkpakket_ids: Iterable[int]
) -> list[Gebeurtenis]:
    """The same entry for many work packages at once (a schedule's run), in one query."""
    return Gebeurtenis.objects.bulk_create(
        _nieuw(soort=soort, tekst=tekst, werkpakket_id=pk) for pk in werkpakket_ids
    )
