"""Permanent work: structural fragments of two employers bundled into one job, offered, accepted."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coop.models import Fragment, Inzet, Job
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import inzet as inzet_services
from tests import factories as f
from tests.coop.conftest import lid


def terugkerend(locatie, tijdvakken, weken=26):
    start = timezone.localdate() + timedelta(days=3)
    return {
        "locatie_id": locatie.pk,
        "titel": "Huismeester",
        "categorie": "huismeester",
        "soort": "terugkerend",
        "tarief_per_uur": "30.00",
        "startdatum": start.isoformat(),
        "einddatum": (start + timedelta(weeks=weken)).isoformat(),
        "tijdvakken": tijdvakken,
        "vaardigheden": [{"code": "schoonmaak", "min_niveau": 1}],
    }


@pytest.fixture
def gebundeld(api_as, staff, werkgever_user, andere_werkgever_user, catalogus):
    hier = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    daar = f.LocatieFactory(
        werkgever=andere_werkgever_user.werkgever_gebruiker.werkgever,
        latitude=Decimal("52.076500"),
        longitude=Decimal("5.100000"),
    )
    a = api_as(werkgever_user).post(
        "werkpakketten/",
        terugkerend(
            hier,
            [
                {"weekdag": 1, "begin": "09:00", "eind": "13:00"},
                {"weekdag": 3, "begin": "09:00", "eind": "13:00"},
            ],
        ),
    )
    b = api_as(andere_werkgever_user).post(
        "werkpakketten/", terugkerend(daar, [{"weekdag": 0, "begin": "09:00", "eind": "15:00"}])
    )
    assert a.status_code == b.status_code == 201, (a.body, b.body)
    api_as(werkgever_user).post(f"werkpakketten/{a.body['id']}/publiceer")
    api_as(andere_werkgever_user).post(f"werkpakketten/{b.body['id']}/publiceer")
    run = api_as(staff).post("bundelen")
    assert run.status_code == 200, run.body
    return run.body


def test_fragments_of_two_employers_become_one_permanent_job(gebundeld):
    assert gebundeld["fragmenten"] == 3
    assert Decimal(gebundeld["totale_uren"]) == Decimal("14")
    assert Decimal(gebundeld["gebundelde_uren"]) == Decimal("14")
    assert gebundeld["banen"] == 1
    job = Job.objects.get(soort="vast")
    assert job.uren_per_week == Decimal("14")
    assert job.fragmenten.values("werkpakket__werkgever").distinct().count() == 2
    assert "2 werkgever(s)" in job.reden
    assert not Fragment.objects.filter(job__isnull=True).exists()


def test_bundling_twice_bundles_nothing_new(api_as, staff, gebundeld):
    again = api_as(staff).post("bundelen")
    assert again.body["fragmenten"] == 0
    assert Job.objects.filter(soort="vast").count() == 1


def test_only_staff_bundles(api_as, werkgever_user, db):
    assert api_as(werkgever_user).post("bundelen").status_code == 403


def test_member_accepts_permanent_job_and_shifts_are_planned(
    api_as,
    staff,
    gebundeld,
    catalogus,
    werknemer_user,
    andere_werknemer_user,
):
    job = Job.objects.get(soort="vast")
    fatima = werknemer_user.werknemer
    fatima.delete()  # the persona without skills would not qualify; use a qualified member
    kandidaat = lid(catalogus, f.UserFactory(username="kandidaat"), niveau=2)
    ranking = api_as(staff).get(f"jobs/{job.pk}/kandidaten")
    assert ranking.status_code == 200, ranking.body
    assert [c["werknemer_id"] for c in ranking.body["geschikt"]] == [kandidaat.pk]
    offer = api_as(staff).post(f"jobs/{job.pk}/aanbieden", {})
    assert offer.status_code == 201, offer.body
    accepted = api_as(kandidaat.user).post(f"aanbiedingen/{offer.body['id']}/accepteer")
    assert accepted.status_code == 200, accepted.body
    job.refresh_from_db()
    assert job.werknemer_id == kandidaat.pk and job.status == "vervuld"
    inzetten = Inzet.objects.filter(werknemer=kandidaat)
    # Three fragments a week over the 8-week horizon (starting 3 days from now).
    assert 21 <= inzetten.count() <= 24
    assert (
        sum(i.dienst.uren for i in inzetten)
        == Decimal("4") * inzetten.filter(dienst__fragment__weekdag__in=[1, 3]).count()
        + Decimal("6") * inzetten.filter(dienst__fragment__weekdag=0).count()
    )
    # Running the daily extension now adds nothing: the horizon is already planned.
    assert inzet_services.vaste_diensten_extend() == 0


def test_second_member_cannot_take_a_filled_permanent_job(
    api_as,
    gebundeld,
    catalogus,
):
    job = Job.objects.get(soort="vast")
    een = lid(catalogus, f.UserFactory(username="een"))
    twee = lid(catalogus, f.UserFactory(username="twee"))
    a = aanbod_services.aanbod_create_vast(job=job, werknemer=een)
    b = aanbod_services.aanbod_create_vast(job=job, werknemer=twee)
    assert api_as(een.user).post(f"aanbiedingen/{a.pk}/accepteer").status_code == 200
    lost = api_as(twee.user).post(f"aanbiedingen/{b.pk}/accepteer")
    assert lost.status_code == 409
    assert not Inzet.objects.filter(werknemer=twee).exists()
