"""What a member sees of an offer besides the work itself: the hourly wage they will be paid,
the call term it was asked within, the break in the work and, for a permanent job, where and
when (employer, addresses, weekdays and times).

The wage is not a rule of its own: it is the wage the call or contract states for the first
day, by the same function (coop/selectors/lonen.py: the agreement in force, else the statutory minimum).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils import timezone

from contracten import arbeidstijd
from contracten.regels import oproeptermijn_dagen
from contracten.services import weekdag_naam
from coop.core.exceptions import ApplicationError
from coop.models import Aanbod, Job
from coop.selectors import lonen
from werknemers.models import Werknemer


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


def pauze_minuten(geboortedatum: date, start: datetime, eind: datetime, gepland: int | None) -> int:
    """The break in a shift for this member: the planned one, at least the statutory one
    (Arbeidstijdenwet art. 5:4, for their age on the day)."""
    venster = arbeidstijd.Dienstvenster(start, eind, None if gepland is None else 60 * gepland)
    return arbeidstijd.venster_pauze(geboortedatum, venster) // 60


def aanbod_pauze(aanbod: Aanbod) -> int | None:
    """Minutes of break in the offered shift (None for a permanent job: see its blocks)."""
    if aanbod.dienst is None:
        return None
    d = aanbod.dienst
    return pauze_minuten(aanbod.werknemer.geboortedatum, d.start, d.eind, d.pauze_minuten)


def _blokpauze(aanbod: Aanbod, begin: time, eind: time) -> int:
    dag, _ = _termijn(aanbod)
    tz = timezone.get_current_timezone()
    van, tot = datetime.combine(dag, begin, tz), datetime.combine(dag, eind, tz)
    return pauze_minuten(aanbod.werknemer.geboortedatum, van, tot, None)


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
            "pauze_minuten": _blokpauze(aanbod, f.begin, f.eind),
        }
        for f in _fragmenten(aanbod.job)
    ]


def aanbod_werkgevers(aanbod: Aanbod) -> str:
    """The employer of the shift, or the employers of a permanent job's places, in order."""
    if aanbod.dienst is not None:
        return aanbod.dienst.locatie.werkgever.naam
    namen = [f.werkpakket.locatie.werkgever.naam for f in _fragmenten(aanbod.job)]
    return ", ".join(dict.fromkeys(namen))


ROOSTER = "job__fragmenten__werkpakket__locatie__werkgever"


def voor_lijst(aanbiedingen, *, lid: Werknemer | None = None) -> list[Aanbod]:
    """Offers ready to show in a list with a fixed number of queries, however many there are:
    the permanent jobs' weeks in one go (none asked for a list of shifts only), and every
    member's wage agreements in one query instead of one per offer. `lid`: the member whose
    own offers these are, read without their row (selectors.werk.aanbiedingen_te_tonen)."""
    lijst = list(aanbiedingen)
    if lid is not None:
        for aanbod in lijst:
            aanbod.werknemer = lid
    vast = [a for a in lijst if a.job.soort == Job.Soort.VAST]
    if vast:
        prefetch_related_objects(vast, ROOSTER)
    reeksen = lonen.afspraken({a.werknemer_id for a in lijst}) if lijst else {}
    for aanbod in lijst:
        lonen.onthoud_afspraken(aanbod.werknemer, reeksen.get(aanbod.werknemer_id, []))
    return lijst
