"""A member's data export holds the broker's and the paperwork's data about them too."""

from datetime import timedelta

from coop.models import Dienst, Job
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.conftest import op_dag


def test_export_contains_offers_assignments_and_documents(api_as, werkgever, werknemer_user):
    locatie = f.LocatieFactory(werkgever=werkgever)
    start = op_dag(10)
    job = Job.objects.create(soort="incidenteel", reden="test")
    dienst = Dienst.objects.create(
        job=job, locatie=locatie, start=start, eind=start + timedelta(hours=4)
    )
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)

    response = api_as(werknemer_user).get("werknemers/mij/export")
    assert response.status_code == 200
    export = response.json()
    assert [a["status"] for a in export["aanbiedingen"]] == ["geaccepteerd"]
    assert [i["status"] for i in export["inzetten"]] == ["actief"]
    assert sorted(d["soort"] for d in export["documenten"]) == ["oproep", "oproepovereenkomst"]
    assert [c["soort"] for c in export["contracten"]] == ["oproepovereenkomst"]
    assert export["urenregels"] == [] and export["loonafspraken"] == []
