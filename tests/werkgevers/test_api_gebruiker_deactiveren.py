"""A beheerder (de)activates a colleague's login: only in its own organisation, never the
last active beheerder, always in the audit log; a blocked login no longer works."""

from coop.core.models import AuditLog
from tests import factories as f
from werkgevers.models import WerkgeverGebruiker


def _url(werkgever, gebruiker, actie="deactivate") -> str:
    return f"werkgevers/{werkgever.pk}/gebruikers/{gebruiker.pk}/{actie}"


def test_beheerder_deactivates_and_reactivates_a_colleague(
    api_as, werkgever_user, planner_zonder_beheer, werkgever
):
    collega = planner_zonder_beheer.werkgever_gebruiker
    assert api_as(planner_zonder_beheer).get("jobs/").status_code == 200

    uit = api_as(werkgever_user).post(_url(werkgever, collega))
    assert uit.status_code == 200, uit.body
    assert (uit.body["username"], uit.body["is_active"]) == ("collega", False)
    planner_zonder_beheer.refresh_from_db()
    assert planner_zonder_beheer.is_active is False
    assert api_as(planner_zonder_beheer).get("jobs/").status_code == 401  # blocked at once

    aan = api_as(werkgever_user).post(_url(werkgever, collega, "activate"))
    assert aan.status_code == 200 and aan.body["is_active"] is True
    log = list(
        AuditLog.objects.filter(object_id=str(collega.pk))
        .order_by("at", "pk")
        .values_list("user__username", "action")
    )
    assert log == [("planner", "gebruiker_gedeactiveerd"), ("planner", "gebruiker_geactiveerd")]


def test_never_a_user_of_another_organisation(
    api_as, werkgever_user, andere_werkgever_user, werkgever, andere_werkgever
):
    ander = andere_werkgever_user.werkgever_gebruiker
    # B's login under A's address, and B's organisation itself: both not found
    assert api_as(werkgever_user).post(_url(werkgever, ander)).status_code == 404
    assert api_as(werkgever_user).post(_url(andere_werkgever, ander)).status_code == 404
    andere_werkgever_user.refresh_from_db()
    assert andere_werkgever_user.is_active is True
    assert not AuditLog.objects.filter(action="gebruiker_gedeactiveerd").exists()


def test_non_beheerder_may_not(api_as, werkgever_user, planner_zonder_beheer, werkgever):
    beheerder = werkgever_user.werkgever_gebruiker
    antwoord = api_as(planner_zonder_beheer).post(_url(werkgever, beheerder))
    assert antwoord.status_code == 403
    werkgever_user.refresh_from_db()
    assert werkgever_user.is_active is True


def test_the_last_beheerder_is_kept(api_as, staff, werkgever_user, werkgever):
    zelf = werkgever_user.werkgever_gebruiker
    antwoord = api_as(werkgever_user).post(_url(werkgever, zelf))
    assert antwoord.status_code == 409
    assert antwoord.body["detail"].startswith("U bent de laatste actieve beheerder")
    assert api_as(staff).post(_url(werkgever, zelf)).status_code == 409
    werkgever_user.refresh_from_db()
    assert werkgever_user.is_active is True

    # with a second beheerder, one may step down
    tweede = f.WerkgeverGebruikerFactory(
        user=f.UserFactory(username="tweede"), werkgever=werkgever, is_beheerder=True
    )
    assert api_as(werkgever_user).post(_url(werkgever, zelf)).status_code == 200
    assert WerkgeverGebruiker.objects.get(pk=tweede.pk).user.is_active is True
    # and the remaining one is now the last
    assert api_as(tweede.user).post(_url(werkgever, tweede)).status_code == 409
