"""/jobs/ can be filtered by package (werkpakket), within what the asker may see."""

from coop.models import Job
from tests import factories as f
from tests.coop.test_broker_flow import eenmalig
from tests.coop.test_vast_flow import gebundeld  # noqa: F401


def _pakket(api_as, user, locatie, uren) -> int:
    gemaakt = api_as(user).post("werkpakketten/", eenmalig(locatie, uren=uren))
    assert gemaakt.status_code == 201, gemaakt.body
    api_as(user).post(f"werkpakketten/{gemaakt.body['id']}/publiceer")
    return gemaakt.body["id"]


def test_jobs_filtered_by_package(api_as, staff, werkgever_user, andere_werkgever_user, catalogus):
    hier = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    daar = f.LocatieFactory(werkgever=andere_werkgever_user.werkgever_gebruiker.werkgever)
    a = _pakket(api_as, werkgever_user, hier, "8")
    b = _pakket(api_as, werkgever_user, hier, "12")
    c = _pakket(api_as, andere_werkgever_user, daar, "4")
    for pakket in (a, b):
        jobs = api_as(werkgever_user).get(f"jobs/?werkpakket={pakket}")
        assert jobs.status_code == 200, jobs.body
        assert [j["id"] for j in jobs.body] == list(
            Job.objects.filter(werkpakket_id=pakket).values_list("pk", flat=True)
        )
    assert len(api_as(werkgever_user).get("jobs/").body) == 2
    assert api_as(werkgever_user).get(f"jobs/?werkpakket={c}").body == []  # not theirs
    assert len(api_as(staff).get(f"jobs/?werkpakket={c}").body) == 1


def test_permanent_job_found_by_any_of_its_packages(
    api_as,
    staff,
    werkgever_user,
    gebundeld,  # noqa: F811
):
    job = Job.objects.get(soort="vast")
    hier = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    los = _pakket(api_as, werkgever_user, hier, "8")  # a one-off package's job besides it
    assert len(api_as(staff).get("jobs/").body) == 2
    pakketten = set(job.fragmenten.values_list("werkpakket_id", flat=True))
    assert len(pakketten) == 2
    for pakket in pakketten:
        gevonden = api_as(staff).get(f"jobs/?werkpakket={pakket}").body
        assert [j["id"] for j in gevonden] == [job.pk]
    assert [j["id"] for j in api_as(staff).get(f"jobs/?werkpakket={los}").body] == list(
        Job.objects.filter(werkpakket_id=los).values_list("pk", flat=True)
    )
