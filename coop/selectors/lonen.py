"""The hourly wage a member is paid: one source for documents, hours, payroll and the report.

A wage agreement (Loonafspraak) holds from its first day until the next one starts. Every
reader asks here: the paperwork (coop/services/werk/papieren.py, which hands the agreements to
contracten.voorwaarden.loonverloop), the payroll export and the neighbourhood-economy report
(`afgesproken_op` on the same agreements), so a document and the pay cannot disagree.
Where no agreement is in force the documents state the statutory minimum and the payroll
export refuses the line until staff record one (which issues new versions of the
documents concerned).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from contracten import voorwaarden
from coop.core.vraag import VasteVraag
from coop.models import Loonafspraak

Afspraken = Sequence[tuple[date, Decimal]]


# One member's agreements (an acceptance, a member's own offer list): compiled once.
_VAN_EEN_LID = VasteVraag(
    lambda werknemer_id: (
        Loonafspraak.objects.filter(werknemer_id=werknemer_id)
        .order_by("geldig_van")
        .values_list("geldig_van", "uurloon")
    ),
    werknemer_id=int,
)


def afspraken(werknemer_ids: Iterable[int]) -> dict[int, list[tuple[date, Decimal]]]:
    """Each member's agreements as (first day, hourly wage), oldest first."""
    uit: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    ids = list(werknemer_ids)
    if len(ids) == 1:
        reeks = _VAN_EEN_LID.tupels(werknemer_id=ids[0])
        if reeks:
            uit[ids[0]] = reeks
        return uit
    for wn, van, uurloon in (
        Loonafspraak.objects.filter(werknemer_id__in=ids)
        .order_by("werknemer_id", "geldig_van")
        .values_list("werknemer_id", "geldig_van", "uurloon")
    ):
        uit[wn].append((van, uurloon))
    return uit


def afspraken_van(werknemer) -> list[tuple[date, Decimal]]:
    onthouden = getattr(werknemer, _ONTHOUDEN, None)
    if onthouden is not None:
        return list(onthouden)
    return afspraken([werknemer.pk]).get(werknemer.pk, [])


_ONTHOUDEN = "_loonafspraken_gelezen"


def onthoud_afspraken(werknemer, reeks: Afspraken) -> None:
    """For a list read in one go: this instance answers `afspraken_van` without a query."""
    setattr(werknemer, _ONTHOUDEN, tuple(reeks))


def afgesproken_op(reeks: Afspraken, dag: date) -> Decimal | None:
    """The agreed hourly wage on `dag` (`reeks` oldest first); None: no agreement yet."""
    i = bisect.bisect_right([van for van, _loon in reeks], dag)
    return reeks[i - 1][1] if i else None


def loon_op(werknemer, dag: date, afspraken: Afspraken | None = None) -> Decimal:
    """The hourly wage for work on `dag`, as every document states it (see the module);
    `afspraken`: the member's agreements when the caller read them already."""
    if afspraken is None:
        afspraken = afspraken_van(werknemer)
    return voorwaarden.loon_op_dag(werknemer.geboortedatum, dag, afspraken)
