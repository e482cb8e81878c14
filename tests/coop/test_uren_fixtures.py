"""Fixtures and builders for the hours and payroll tests (no tests here).

Shifts are built directly in the past (the broker flow only plans future work); dates are
in October and November 2026, which the legal tables cover.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coop.models import Dienst, Inzet, Job, Loonafspraak, Loonperiode, Werkpakket
from tests import factories as f

AMS = ZoneInfo("Europe/Amsterdam")

# The fixtures; test modules take them with `import *` (pytest finds them by name there).
__all__ = ["andere_locatie", "locatie", "november", "oktober"]


def moment(dag: date, uur: int, minuut: int = 0) -> datetime:
    return datetime.combine(dag, time(uur, minuut), AMS)


def inzet(werknemer, locatie, dag: date, van: int, tot: int, *, soort: str = "incidenteel"):
    """An active assignment of `werknemer` at `locatie` on `dag`, van:00 to tot:00."""
    pakket = Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel="Trappenhuizen schoonmaken",
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal("32.50"),
        status="gevuld",
    )
    job = Job.objects.create(
        soort=soort,
        reden="test",
        werkpakket=pakket,
        status="vervuld",
        uren_per_week=Decimal("24") if soort == "vast" else None,
    )
    dienst = Dienst.objects.create(
        job=job, locatie=locatie, start=moment(dag, van), eind=moment(dag, tot), status="bezet"
    )
    return Inzet.objects.create(
        werknemer=werknemer, dienst=dienst, start=dienst.start, eind=dienst.eind
    )


def geannuleerd(werknemer, locatie, dag: date, van: int, tot: int, doorbetaald: str):
    result = inzet(werknemer, locatie, dag, van, tot)
    result.status = "geannuleerd"
    result.geannuleerd_op = result.start - timedelta(days=2)
    result.late_annulering = Decimal(doorbetaald) > 0
    result.uren_doorbetaald = Decimal(doorbetaald)
    result.save()
    return result


def tijden(inzet_, van: str, tot: str, pauze: int = 0) -> dict:
    """The POST /uren/ body for `inzet_` with local clock times 'HH:MM'."""
    dag = inzet_.start.astimezone(AMS).date()
    uv, mv = map(int, van.split(":"))
    ut, mt = map(int, tot.split(":"))
    return {
        "inzet_id": inzet_.pk,
        "start": moment(dag, uv, mv).isoformat(),
        "eind": moment(dag, ut, mt).isoformat(),
        "pauze_minuten": pauze,
    }


def loon(werknemer, uurloon: str, vanaf: date = date(2026, 7, 1)) -> Loonafspraak:
    return Loonafspraak.objects.create(
        werknemer=werknemer, geldig_van=vanaf, uurloon=Decimal(uurloon)
    )


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever)


@pytest.fixture
def andere_locatie(andere_werkgever):
    return f.LocatieFactory(werkgever=andere_werkgever)


@pytest.fixture
def oktober(db):
    return Loonperiode.objects.create(
        soort="maand", begin=date(2026, 10, 1), eind=date(2026, 10, 31)
    )


@pytest.fixture
def november(db):
    return Loonperiode.objects.create(
        soort="maand", begin=date(2026, 11, 1), eind=date(2026, 11, 30)
    )
