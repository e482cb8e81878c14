"""The member who loses an acceptance race is told someone else was faster, in plain Dutch,
not that the offer was 'ingetrokken'; an offer withdrawn because the work was cancelled
says that instead."""

from coop.models import Job
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_broker_flow import gepubliceerd, locatie  # noqa: F401
from tests.coop.test_vast_flow import gebundeld  # noqa: F401

SNELLER = "Helaas, iemand anders was u net voor: dit werk is al aangenomen."


def test_loser_of_a_shift_race_hears_someone_was_faster(
    api_as,
    gepubliceerd,  # noqa: F811
    werknemer_user,
    andere_werknemer_user,
):
    eerste = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=werknemer_user.werknemer)
    tweede = aanbod_services.aanbod_create(
        dienst=gepubliceerd, werknemer=andere_werknemer_user.werknemer
    )
    assert api_as(werknemer_user).post(f"aanbiedingen/{eerste.pk}/accepteer").status_code == 200
    verloren = api_as(andere_werknemer_user).post(f"aanbiedingen/{tweede.pk}/accepteer")
    assert verloren.status_code == 409
    assert verloren.body["detail"].startswith(SNELLER)
    assert "ingetrokken" not in verloren.body["detail"]
    afwijzen = api_as(andere_werknemer_user).post(
        f"aanbiedingen/{tweede.pk}/afwijzen", {"reden": ""}
    )
    assert afwijzen.status_code == 409 and afwijzen.body["detail"].startswith(SNELLER)


def test_loser_of_a_permanent_job_race_hears_someone_was_faster(
    api_as,
    gebundeld,  # noqa: F811
    catalogus,
):
    job = Job.objects.get(soort="vast")
    een = lid(catalogus, f.UserFactory(username="een"))
    twee = lid(catalogus, f.UserFactory(username="twee"))
    a = aanbod_services.aanbod_create_vast(job=job, werknemer=een)
    b = aanbod_services.aanbod_create_vast(job=job, werknemer=twee)
    assert api_as(een.user).post(f"aanbiedingen/{a.pk}/accepteer").status_code == 200
    verloren = api_as(twee.user).post(f"aanbiedingen/{b.pk}/accepteer")
    assert verloren.status_code == 409
    assert verloren.body["detail"].startswith(SNELLER)


def test_offer_withdrawn_because_the_work_was_cancelled_says_so(
    api_as,
    werkgever_user,
    gepubliceerd,  # noqa: F811
    werknemer_user,
):
    aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=werknemer_user.werknemer)
    pakket_id = gepubliceerd.job.werkpakket_id
    geannuleerd = api_as(werkgever_user).post(f"werkpakketten/{pakket_id}/annuleer", {"reden": "x"})
    assert geannuleerd.status_code == 200, geannuleerd.body
    antwoord = api_as(werknemer_user).post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert antwoord.status_code == 409
    assert antwoord.body["detail"] == "Dit aanbod is ingetrokken: het werk gaat niet door."
