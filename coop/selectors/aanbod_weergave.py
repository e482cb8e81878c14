"""What a member sees of an offer besides the work itself: the hourly wage they will be paid,
the call term it was asked within, and, for a permanent job, where and when (employer,
addresses, weekdays and times).

The wage is not a rule of its own: it is the wage the call or contract states for the first
day, by the same function (coop/lonen.py: the agreement in force, else the statutory minimum).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from contracten.regels import oproeptermijn_dagen
from contracten.services import weekdag_naam
from coop.core.exceptions import ApplicationError
from coop.models import Aanbod, Job
from coop.selectors import lonen


def _termijn(aanbod: Aanbod):
    if aanbod.dienst is not None:
        dag = timezone.localtime(aanbod.dienst.start).date()
        return dag, dag
    return aanbod.job.startdatum or timezone.localdate(), aanbod.job.einddatum


def aanbod_uurloon(aanbod: Aanbod, afspraken: lonen.Afspraken | None = None) -> Decimal | None:
    """The gross hourly wage the member is paid for this work; None when none can be stated
    yet (no wage table for the day, or an agreement below the minimum staff must fix).
    `afspraken`: the member's wage agreements when the caller read them already."""
    begin, _eind = _termijn(aanbod)
    try:
        return lonen.loon_op(aanbod.werknemer, begin, afspraken)
    except ApplicationError:
        return None


def aanbod_oproeptermijn(aanbod: Aanbod) -> int:
    """The statutory call term in days (tabellen.OPROEP) on the day the offer was made: what
    an offer flagged `korte_termijn` was asked within, as the texts about it name it."""
    return oproeptermijn_dagen(timezone.localtime(aanbod.created_at).date())


def _fragmenten(job: Job) -> list:
    if job.soort != Job.Soort.VAST:
        return []
    return sorted(job.fragmenten.all(), key=lambda f: (f.weekdag, f.begin, f.pk))


def aanbod_rooster(aanbod: Aanbod) -> list[dict]:
    """A permanent job's week: per block the weekday, times, employer and address."""
    return [
        {
            "weekdag": f.weekdag,
            "dag": weekdag_naam(f.weekdag),
            "begin": f.begin,
            "eind": f.eind,
            "werkgever": f.werkpakket.locatie.werkgever.naam,
            "locatie": f.werkpakket.locatie.naam,
            "adres": f.werkpakket.locatie.adresregel,
        }
        for f in _fragmenten(aanbod.job)
    ]


def aanbod_werkgevers(aanbod: Aanbod) -> str:
    """The employer of the shift, or the employers of a permanent job's places, in order."""
    if aanbod.dienst is not None:
        return aanbod.dienst.locatie.werkgever.naam
    namen = [f.werkpakket.locatie.werkgever.naam for f in _fragmenten(aanbod.job)]
    return ", ".join(dict.fromkeys(namen))
