"""Batch planning through the API: a period's open shifts assigned at once and offered."""

from datetime import timedelta

from django.utils import timezone

from coop.models import Aanbod, Dienst
from tests import factories as f
from tests.coop.conftest import lid


def test_staff_plans_a_period_and_offers_go_out(api_as, staff, werkgever_user, catalogus):
    locatie = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    dag = timezone.localdate() + timedelta(days=10)
    created = api_as(werkgever_user).post(
        "werkpakketten/",
        {
            "locatie_id": locatie.pk,
            "titel": "Verhuizing bewoners",
            "categorie": "verhuishulp",
            "soort": "eenmalig",
            "tarief_per_uur": "28.00",
            "vroegste_start": dag.isoformat(),
            "uiterlijk_eind": dag.isoformat(),
            "totaal_uren": "24",
            "max_personen": 3,
            "dagen": [dag.weekday()],
            "vaardigheden": [{"code": "schoonmaak", "min_niveau": 1}],
        },
    )
    assert created.status_code == 201, created.body
    api_as(werkgever_user).post(f"werkpakketten/{created.body['id']}/publiceer")
    assert Dienst.objects.count() == 3  # three people at once, 8 hours each
    leden = [lid(catalogus) for _ in range(2)]
    buiten_bereik = lid(catalogus, km=1, latitude="52.200000")  # ~14 km away, 1 km radius

    response = api_as(staff).post("planning", {"van": dag.isoformat(), "tot": dag.isoformat()})
    assert response.status_code == 200, response.body
    assert response.body["diensten"] == 3
    assert response.body["gevuld"] == 2  # two eligible members, parallel shifts
    assert response.body["bovengrens_gevuld"] == 2
    offers = Aanbod.objects.filter(status="open")
    assert sorted(o.werknemer_id for o in offers) == sorted(w.pk for w in leden)
    assert not offers.filter(werknemer=buiten_bereik).exists()
    again = api_as(staff).post("planning", {"van": dag.isoformat(), "tot": dag.isoformat()})
    assert again.body["diensten"] == 1  # the two offered shifts are not planned twice


def test_planning_input_is_checked(api_as, staff, werkgever_user, db):
    dag = timezone.localdate()
    bad = api_as(staff).post(
        "planning", {"van": dag.isoformat(), "tot": (dag - timedelta(days=1)).isoformat()}
    )
    assert bad.status_code == 400 and "tot" in bad.body["fields"]
    assert (
        api_as(werkgever_user)
        .post("planning", {"van": dag.isoformat(), "tot": dag.isoformat()})
        .status_code
        == 403
    )
