"""Builders for the invoice and report tests (no tests here): packages, shifts, approved hours.

Hours lines are written directly with their computed figures (the hours rules have their own
tests); dates are in October 2026, which the legal tables cover.
"""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coop.models import Dienst, Fragment, Inzet, Job, Loonperiode, Urenregel, Werkpakket
from tests import factories as f

AMS = ZoneInfo("Europe/Amsterdam")
OKT = date(2026, 10, 5)  # a Monday


def pakket(locatie, *, tarief="32.50", regie="makelaar", titel="Trappenhuizen schoonmaken"):
    return Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel=titel,
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal(tarief),
        regie=regie,
        status="gevuld",
    )


def _moment(dag: date, uur: float) -> datetime:
    return datetime.combine(dag, time(int(uur), int(round((uur % 1) * 60))), AMS)


def uren(
    werknemer,
    dienst_job,
    locatie,
    dag: date,
    van: float,
    tot: float,
    *,
    gewerkt: str | None = None,
    doorbetaald: str = "0",
    aanvulling: str = "0",
    status: str = "goedgekeurd",
    fragment=None,
) -> Urenregel:
    """A shift of `dienst_job` with an assignment and one hours line of the given figures."""
    dienst = Dienst.objects.create(
        job=dienst_job,
        locatie=locatie,
        fragment=fragment,
        start=_moment(dag, van),
        eind=_moment(dag, tot),
        status="bezet",
    )
    inzet = Inzet.objects.create(
        werknemer=werknemer, dienst=dienst, start=dienst.start, eind=dienst.eind
    )
    g = Decimal(gewerkt) if gewerkt is not None else Decimal(str(tot - van))
    d, a = Decimal(doorbetaald), Decimal(aanvulling)
    return Urenregel.objects.create(
        inzet=inzet,
        soort="gewerkt" if g else "annulering",
        datum=dag,
        start=dienst.start,
        eind=dienst.eind,
        status=status,
        gewerkte_uren=g,
        doorbetaalde_uren=d,
        aanvulling_uren=a,
        betaalde_uren=g + d + a,
    )


def klus(pakket_):
    """An incidental job of the package."""
    return Job.objects.create(
        soort="incidenteel", reden="test", werkpakket=pakket_, status="vervuld"
    )


def vaste_baan(werknemer, fragmenten: list[tuple[Werkpakket, int, int, int]]):
    """A bundled permanent job over fragments (package, weekday, from hour, to hour)."""
    job = Job.objects.create(soort="vast", reden="bundel", status="vervuld", werknemer=werknemer)
    gemaakt = [
        Fragment.objects.create(
            werkpakket=p,
            job=job,
            weekdag=dag,
            begin=time(van),
            eind=time(tot),
            uren=Decimal(tot - van),
        )
        for p, dag, van, tot in fragmenten
    ]
    job.uren_per_week = sum((fr.uren for fr in gemaakt), Decimal(0))
    job.save()
    return job, gemaakt


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, naam="Marshallaan 1-99", wijk="Zuidwest")


@pytest.fixture
def andere_locatie(andere_werkgever):
    return f.LocatieFactory(werkgever=andere_werkgever, naam="Oog in Al-flat", wijk="West")


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
