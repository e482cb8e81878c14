"""Lists of payroll exports and wage agreements: paginated, scoped like everything else."""

from datetime import date

from coop.models import Loonafspraak
from coop.services.uren import loonexport
from tests.coop.test_uren_fixtures import *  # noqa: F403
from tests.coop.test_uren_fixtures import loon


def test_export_list_is_staff_only_newest_first_and_paginated(
    api_as, staff, werkgever_user, werknemer_user, oktober
):
    eerste = loonexport.loonexport_run(
        export_id=loonexport.loonexport_create(periode_id=oktober.pk).pk
    )
    tweede = loonexport.loonexport_run(
        export_id=loonexport.loonexport_create(periode_id=oktober.pk).pk
    )
    alles = api_as(staff).get("loonexports/")
    assert alles.status_code == 200, alles.body
    assert alles.body["count"] == 2
    assert [e["id"] for e in alles.body["items"]] == [tweede.pk, eerste.pk]
    assert alles.body["items"][0]["periode"] == "2026-10"
    pagina = api_as(staff).get("loonexports/?limit=1&offset=1").body
    assert (pagina["count"], [e["id"] for e in pagina["items"]]) == (2, [eerste.pk])
    assert api_as(staff).get(f"loonexports/?periode_id={oktober.pk + 99}").body["count"] == 0
    for ander in (werkgever_user, werknemer_user):
        assert api_as(ander).get("loonexports/").status_code == 403


def test_wage_agreements_list_staff_all_member_own(
    api_as, staff, werkgever_user, werknemer_user, andere_werknemer_user
):
    fatima, daan = werknemer_user.werknemer, andere_werknemer_user.werknemer
    loon(fatima, "15.50")
    loon(fatima, "16.00", vanaf=date(2026, 9, 1))
    loon(daan, "16.25")

    alles = api_as(staff).get("loonafspraken/")
    assert alles.status_code == 200, alles.body
    assert alles.body["count"] == Loonafspraak.objects.count() == 3
    gefilterd = api_as(staff).get(f"loonafspraken/?werknemer_id={daan.pk}").body
    assert [a["uurloon"] for a in gefilterd["items"]] == ["16.25"]

    eigen = api_as(werknemer_user).get("loonafspraken/").body
    assert eigen["count"] == 2
    assert {a["werknemer_id"] for a in eigen["items"]} == {fatima.pk}
    assert [a["geldig_van"] for a in eigen["items"]] == ["2026-09-01", "2026-07-01"]
    # asking for someone else's gives nothing of theirs
    assert api_as(werknemer_user).get(f"loonafspraken/?werknemer_id={daan.pk}").body["count"] == 0
    assert api_as(werknemer_user).get("loonafspraken/?limit=1").body["items"][0]["uurloon"] == (
        "16.00"
    )
    assert api_as(werkgever_user).get("loonafspraken/").status_code == 403
