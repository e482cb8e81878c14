"""/api/v1/werkgevers/{id}/gebruikers: a beheerder lists and creates its organisation's users."""

import pytest
from django.contrib.auth import get_user_model

from coop.core.models import AuditLog
from werkgevers.models import WerkgeverGebruiker

User = get_user_model()

NIEUW = {
    "username": "opzichter",
    "email": "Opzichter@Woonstichting.nl",
    "password": "Kanaal-eiland-2026!",
    "is_beheerder": False,
}


def test_beheerder_lists_own_users(api_as, werkgever_user, planner_zonder_beheer, werkgever):
    response = api_as(werkgever_user).get(f"werkgevers/{werkgever.pk}/gebruikers")
    assert response.status_code == 200
    assert [(g["username"], g["is_beheerder"], g["is_active"]) for g in response.body] == [
        ("collega", False, True),
        ("planner", True, True),
    ]
    assert response.body[1]["email"] == "planner@example.nl"


def test_non_beheerder_may_not_list_users(api_as, planner_zonder_beheer, werkgever):
    response = api_as(planner_zonder_beheer).get(f"werkgevers/{werkgever.pk}/gebruikers")
    assert response.status_code == 403
    assert "beheerder" in response.body["detail"]


def test_other_organisation_and_worker_get_404(
    api_as, andere_werkgever_user, werknemer_user, werkgever_user, werkgever
):
    for user in (andere_werkgever_user, werknemer_user):
        assert api_as(user).get(f"werkgevers/{werkgever.pk}/gebruikers").status_code == 404
        response = api_as(user).post(f"werkgevers/{werkgever.pk}/gebruikers", NIEUW)
        assert response.status_code == 404
    assert not User.objects.filter(username="opzichter").exists()


def test_staff_lists_any(api_as, staff, werkgever_user, werkgever):
    response = api_as(staff).get(f"werkgevers/{werkgever.pk}/gebruikers")
    assert [g["username"] for g in response.body] == ["planner"]


def test_beheerder_creates_user_who_can_log_in(api_as, werkgever_user, werkgever):
    response = api_as(werkgever_user).post(f"werkgevers/{werkgever.pk}/gebruikers", NIEUW)
    assert response.status_code == 201, response.body
    assert (response.body["username"], response.body["email"]) == (
        "opzichter",
        "opzichter@woonstichting.nl",
    )
    assert response.body["is_beheerder"] is False
    gebruiker = WerkgeverGebruiker.objects.get(user__username="opzichter")
    assert gebruiker.werkgever == werkgever
    assert AuditLog.objects.filter(action="gebruiker_aangemaakt").count() == 1
    login = api_as(None).post(
        "auth/login", {"username": "opzichter", "password": "Kanaal-eiland-2026!"}
    )
    assert (login.status_code, login.body["role"]) == (200, "werkgever")
    me = api_as(gebruiker.user).get("werkgevers/")
    assert [w["naam"] for w in me.body] == ["Woonstichting Kanaleneiland"]


def test_staff_creates_beheerder_for_any(api_as, staff, andere_werkgever):
    data = {**NIEUW, "is_beheerder": True}
    response = api_as(staff).post(f"werkgevers/{andere_werkgever.pk}/gebruikers", data)
    assert response.status_code == 201
    gebruiker = WerkgeverGebruiker.objects.get(pk=response.body["id"])
    assert (gebruiker.werkgever, gebruiker.is_beheerder) == (andere_werkgever, True)


def test_non_beheerder_may_not_create(api_as, planner_zonder_beheer, werkgever):
    response = api_as(planner_zonder_beheer).post(f"werkgevers/{werkgever.pk}/gebruikers", NIEUW)
    assert response.status_code == 403
    assert not User.objects.filter(username="opzichter").exists()


def test_duplicate_username_is_409(api_as, werkgever_user, andere_werkgever_user, werkgever):
    data = {**NIEUW, "username": "Andere-Planner"}
    response = api_as(werkgever_user).post(f"werkgevers/{werkgever.pk}/gebruikers", data)
    assert response.status_code == 409
    assert list(response.body["fields"]) == ["username"]
    assert "al in gebruik" in response.body["detail"]


@pytest.mark.parametrize(
    ("change", "status", "veld", "fragment"),
    [
        ({"password": "kort"}, 400, "password", "te kort: gebruik minstens 8 tekens"),
        ({"password": "12345678901"}, 400, "password", "alleen cijfers"),
        ({"password": "wachtwoord"}, 400, "password", "te algemeen"),
        ({"password": "opzichter1"}, 400, "password", "gebruikersnaam"),
        ({"email": "geen-adres"}, 400, "email", "e-mailadres"),
        ({"email": ""}, 400, "email", "e-mailadres"),
        ({"username": "met spatie!"}, 400, "username", "gebruikersnaam"),
        ({"username": ""}, 422, "username", "te kort"),
        ({"is_beheerder": "misschien"}, 422, "is_beheerder", "ja of nee"),
    ],
)
def test_create_validation_per_field(
    api_as, werkgever_user, werkgever, change, status, veld, fragment
):
    response = api_as(werkgever_user).post(
        f"werkgevers/{werkgever.pk}/gebruikers", {**NIEUW, **change}
    )
    assert response.status_code == status, response.body
    assert list(response.body["fields"]) == [veld]
    assert fragment in " ".join(response.body["fields"][veld]).lower()
    assert User.objects.count() == 1  # only the planner
    assert WerkgeverGebruiker.objects.count() == 1
