"""One legal check for every path that gives a member work: offers, hand-over, planning."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from coop.core.exceptions import Conflict
from coop.models import Aanbod, Dienst, Fragment, Gebeurtenis, Inzet, Job, Werkpakket
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import inzet as inzet_services
from coop.services.werk import plannen
from tests import factories as f
from tests.coop.conftest import lid

AMS = ZoneInfo("Europe/Amsterdam")


def maandag() -> date:
    """A Monday 8 to 14 days ahead: its week lies wholly in the future."""
    dag = timezone.localdate() + timedelta(days=8)
    return dag + timedelta(days=(7 - dag.weekday()) % 7)


def zeventien() -> date:
    """Born so as to be 17 for the next months."""
    vandaag = timezone.localdate()
    return vandaag.replace(year=vandaag.year - 17) - timedelta(days=60)


def moment(dag: date, uur: float) -> datetime:
    return datetime.combine(dag, time(0), AMS) + timedelta(hours=uur)


def dienst(locatie, dag: date, van: float, tot: float) -> Dienst:
    job = Job.objects.create(soort=Job.Soort.INCIDENTEEL, reden="test")
    return Dienst.objects.create(
        job=job, locatie=locatie, start=moment(dag, van), eind=moment(dag, tot)
    )


def ingezet(werknemer, locatie, dag: date, van: float, tot: float) -> Inzet:
    d = dienst(locatie, dag, van, tot)
    d.status = Dienst.Status.BEZET
    d.save()
    return Inzet.objects.create(werknemer=werknemer, dienst=d, start=d.start, eind=d.eind)


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever)


def test_offering_a_minor_an_evening_shift_until_23_45_is_refused(
    api_as, staff, locatie, catalogus
):
    jong = lid(catalogus, geboortedatum=zeventien())
    avond = dienst(locatie, maandag(), 18, 23.75)
    response = api_as(staff).post(f"diensten/{avond.pk}/aanbieden", {"werknemer_id": jong.pk})
    assert response.status_code == 409, response.body
    assert response.body["detail"].startswith(f"Dit werk mag {jong} wettelijk niet doen:")
    assert "mag niet werken tussen 23:00 en 06:00" in response.body["detail"]
    assert not Aanbod.objects.exists()


def test_offering_a_saturday_over_the_weekly_hours_of_a_minor_is_refused(
    api_as, staff, locatie, catalogus
):
    jong = lid(catalogus, geboortedatum=zeventien())
    ma = maandag()
    for i in range(5):  # 9.5 h at work, 9 h worked (30 min break): 45 h worked
        ingezet(jong, locatie, ma + timedelta(days=i), 9, 18.5)
    zaterdag = dienst(locatie, ma + timedelta(days=5), 9, 13)
    response = api_as(staff).post(f"diensten/{zaterdag.pk}/aanbieden", {"werknemer_id": jong.pk})
    assert response.status_code == 409, response.body
    assert "49 uur gewerkt als minderjarige" in response.body["detail"]
    assert not Aanbod.objects.exists()


def test_open_offers_count_as_work_when_offering(locatie, catalogus):
    jong = lid(catalogus, geboortedatum=zeventien())
    ma = maandag()
    for i in range(5):
        aanbod_services.aanbod_create(
            dienst=dienst(locatie, ma + timedelta(days=i), 9, 18.5), werknemer=jong
        )
    with pytest.raises(Conflict, match="als minderjarige"):
        aanbod_services.aanbod_create(
            dienst=dienst(locatie, ma + timedelta(days=5), 9, 13), werknemer=jong
        )
    assert Aanbod.objects.filter(werknemer=jong).count() == 5


def _jong_met_volle_week(catalogus, locatie) -> tuple:
    """A minor, best placed, holding open offers for 45 h worked Monday to Friday."""
    jong = lid(catalogus, geboortedatum=zeventien(), niveau=3)
    ma = maandag()
    for i in range(5):
        aanbod_services.aanbod_create(
            dienst=dienst(locatie, ma + timedelta(days=i), 9, 18.5), werknemer=jong
        )
    ouder = lid(catalogus, niveau=2, latitude=Decimal("52.090000"))
    return jong, ouder, dienst(locatie, ma + timedelta(days=5), 9, 13)


def test_hand_over_skips_a_candidate_the_law_refuses(locatie, catalogus):
    jong, ouder, zaterdag = _jong_met_volle_week(catalogus, locatie)
    aanbod = aanbod_services.dienst_offer_next(dienst_id=zaterdag.pk)
    assert aanbod is not None and aanbod.werknemer_id == ouder.pk
    overgeslagen = Gebeurtenis.objects.get(soort="kandidaat_overgeslagen")
    assert overgeslagen.tekst.startswith(f"{jong} overgeslagen:")
    assert "als minderjarige" in overgeslagen.tekst


def test_planning_never_offers_work_the_law_refuses(staff, locatie, catalogus):
    jong, ouder, zaterdag = _jong_met_volle_week(catalogus, locatie)
    dag = timezone.localtime(zaterdag.start).date()
    uitkomst = plannen.periode_plan(user=staff, van=dag, tot=dag)
    assert uitkomst.diensten == 1 and uitkomst.aanbiedingen == 1
    (aanbod,) = Aanbod.objects.filter(dienst=zaterdag)
    assert aanbod.werknemer_id == ouder.pk


def _vaste_avondbaan(locatie) -> Job:
    pakket = Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel="Avondschoonmaak",
        categorie="schoonmaak",
        soort="terugkerend",
        tarief_per_uur=Decimal("30.00"),
        status="gesplitst",
    )
    start = timezone.localdate() + timedelta(days=3)
    job = Job.objects.create(
        soort=Job.Soort.VAST,
        reden="test",
        startdatum=start,
        einddatum=start + timedelta(weeks=26),
        uren_per_week=Decimal("5.75"),
    )
    Fragment.objects.create(
        werkpakket=pakket,
        job=job,
        weekdag=2,
        begin=time(18),
        eind=time(23, 45),
        uren=Decimal("5.75"),
    )
    return job


def test_offering_a_minor_a_permanent_evening_job_is_refused(api_as, staff, locatie, catalogus):
    jong = lid(catalogus, geboortedatum=zeventien())
    job = _vaste_avondbaan(locatie)
    response = api_as(staff).post(f"jobs/{job.pk}/aanbieden", {"werknemer_id": jong.pk})
    assert response.status_code == 409, response.body
    assert "mag niet werken tussen 23:00 en 06:00" in response.body["detail"]
    assert not Aanbod.objects.exists()
    volwassen = lid(catalogus)
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=volwassen)
    assert aanbod.status == "open"


def test_extending_a_held_permanent_job_does_not_re_agree_its_contract(locatie, catalogus):
    from coop.models import Loonafspraak

    volwassen = lid(catalogus)
    job = _vaste_avondbaan(locatie)
    Loonafspraak.objects.create(
        werknemer=volwassen, geldig_van=date(2025, 1, 1), uurloon=Decimal("10.00")
    )
    # A new contract at this wage is refused ...
    with pytest.raises(Conflict, match="minimumloon"):
        aanbod_services.aanbod_create_vast(job=job, werknemer=volwassen)
    # ... but the daily extension of a job the member already holds starts no contract.
    job.werknemer, job.status = volwassen, Job.Status.VERVULD
    job.save()
    assert inzet_services.vaste_diensten_extend() > 0
    assert Inzet.objects.filter(werknemer=volwassen).exists()


def test_hand_over_of_a_permanent_job_without_shifts_left_offers_nothing(locatie, catalogus):
    lid(catalogus)
    job = _vaste_avondbaan(locatie)
    job.startdatum = timezone.localdate() - timedelta(weeks=4)
    job.einddatum = timezone.localdate() - timedelta(days=1)
    job.save()
    assert aanbod_services.job_offer_next(job_id=job.pk) is None
    assert Gebeurtenis.objects.filter(job=job, soort="geen_kandidaat").exists()
