"""One-off work through the API: the employer's start time and people working at once."""

from datetime import time

import pytest
from django.utils import timezone

from coop.models import Dienst, Werkpakket
from tests import factories as f
from tests.coop.test_broker_flow import eenmalig


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, wijk="Kanaleneiland")


def _publiceer(api_as, werkgever_user, payload) -> list[Dienst]:
    planner = api_as(werkgever_user)
    gemaakt = planner.post("werkpakketten/", payload)
    assert gemaakt.status_code == 201, gemaakt.body
    gepubliceerd = planner.post(f"werkpakketten/{gemaakt.body['id']}/publiceer")
    assert gepubliceerd.status_code == 200, gepubliceerd.body
    return list(Dienst.objects.filter(job__werkpakket_id=gemaakt.body["id"]).order_by("start"))


def test_start_time_and_people_at_once_give_parallel_shifts(
    api_as,
    werkgever_user,
    locatie,
    catalogus,
):
    payload = {**eenmalig(locatie, uren="40"), "max_personen": 2, "dag_begin": "07:30"}
    diensten = _publiceer(api_as, werkgever_user, payload)
    lokaal = [(timezone.localtime(d.start), timezone.localtime(d.eind)) for d in diensten]
    assert {s.time() for s, _ in lokaal} == {time(7, 30)}
    assert {e.time() for _, e in lokaal} == {time(15, 30)}
    per_dag = [
        sum(1 for s, _ in lokaal if s.date() == dag)
        for dag in sorted({s.date() for s, _ in lokaal})
    ]
    assert per_dag == [2, 2, 1]  # two people side by side, not one person for five days
    pakket = api_as(werkgever_user).get(f"werkpakketten/{diensten[0].job.werkpakket_id}").body
    assert (pakket["dag_begin"], pakket["max_personen"]) == ("07:30:00", 2)


def test_without_start_time_shifts_start_at_eight(
    api_as,
    werkgever_user,
    locatie,
    catalogus,
):
    diensten = _publiceer(api_as, werkgever_user, eenmalig(locatie, uren="8"))
    assert [timezone.localtime(d.start).time() for d in diensten] == [time(8)]


def test_start_time_off_the_quarter_is_refused(api_as, werkgever_user, locatie, catalogus):
    antwoord = api_as(werkgever_user).post(
        "werkpakketten/", {**eenmalig(locatie), "dag_begin": "07:10"}
    )
    assert antwoord.status_code == 400
    assert "kwartier" in antwoord.body["fields"]["dag_begin"][0]
    assert not Werkpakket.objects.exists()
