"""/api/v1/werkgevers/: list, get, create and update member organisations."""

from datetime import date

import pytest
from django.utils import timezone

from coop.core.models import AuditLog
from tests import factories as f
from werkgevers.models import Werkgever

NIEUW = {
    "naam": "Zorginstelling De Linde",
    "kvk_nummer": "30 12.34-57",
    "soort": "instelling",
    "lid_sinds": "2026-01-01",
    "email": "planning@delinde.nl",
}


def names(response):
    return [w["naam"] for w in response.body]


# --- list ---------------------------------------------------------------------------------


def test_staff_lists_all_with_active_location_count(api_as, staff, werkgever, andere_werkgever):
    f.LocatieFactory(werkgever=werkgever)
    f.LocatieFactory(werkgever=werkgever)
    f.LocatieFactory(werkgever=werkgever, actief=False)
    response = api_as(staff).get("werkgevers/")
    assert response.status_code == 200
    assert names(response) == ["Bo-Ex Utrecht", "Woonstichting Kanaleneiland"]
    counts = {w["naam"]: w["aantal_locaties"] for w in response.body}
    assert counts == {"Bo-Ex Utrecht": 0, "Woonstichting Kanaleneiland": 2}
    first = response.body[1]
    assert first["kvk_nummer"] == "30123456"
    assert (first["soort"], first["status"], first["lid_sinds"]) == (
        "woningcorporatie",
        "actief",
        "2025-01-01",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"zoek": "bo-ex"}, ["Bo-Ex Utrecht"]),
        ({"zoek": "3012"}, ["Woonstichting Kanaleneiland"]),
        ({"zoek": "30 65"}, ["Bo-Ex Utrecht"]),
        ({"soort": "klein_bedrijf"}, ["Bakkerij Kanaleneiland"]),
        ({"status": "geschorst"}, ["Bo-Ex Utrecht"]),
        ({"zoek": "kanaleneiland", "soort": "woningcorporatie"}, ["Woonstichting Kanaleneiland"]),
    ],
)
def test_staff_search_and_filter(api_as, staff, werkgever, andere_werkgever, query, expected):
    andere_werkgever.status = Werkgever.Status.GESCHORST
    andere_werkgever.save()
    f.WerkgeverFactory(naam="Bakkerij Kanaleneiland", soort=Werkgever.Soort.KLEIN_BEDRIJF)
    response = api_as(staff).get("werkgevers/", query)
    assert response.status_code == 200
    assert names(response) == expected


def test_unknown_soort_filter_is_422_naming_soort(api_as, staff):
    response = api_as(staff).get("werkgevers/", {"soort": "bank"})
    assert response.status_code == 422
    assert list(response.body["fields"]) == ["soort"]


def test_employer_user_lists_only_own(api_as, werkgever_user, andere_werkgever_user):
    assert names(api_as(werkgever_user).get("werkgevers/")) == ["Woonstichting Kanaleneiland"]
    assert names(api_as(andere_werkgever_user).get("werkgevers/")) == ["Bo-Ex Utrecht"]
    # A search cannot widen the scope.
    assert names(api_as(werkgever_user).get("werkgevers/", {"zoek": "Bo-Ex"})) == []


def test_worker_lists_nothing_and_anonymous_is_401(api_as, werknemer_user, werkgever):
    response = api_as(werknemer_user).get("werkgevers/")
    assert (response.status_code, response.body) == (200, [])
    assert api_as(None).get("werkgevers/").status_code == 401


# --- get ----------------------------------------------------------------------------------


def test_get_own_and_staff(api_as, staff, werkgever_user, werkgever):
    for user in (werkgever_user, staff):
        response = api_as(user).get(f"werkgevers/{werkgever.pk}")
        assert response.status_code == 200
        assert response.body["naam"] == "Woonstichting Kanaleneiland"


def test_get_other_organisation_is_404(api_as, werkgever_user, werknemer_user, andere_werkgever):
    for user in (werkgever_user, werknemer_user):
        response = api_as(user).get(f"werkgevers/{andere_werkgever.pk}")
        assert response.status_code == 404
        assert response.body["detail"] == "Werkgever niet gevonden."


def test_get_missing_is_404(api_as, staff):
    assert api_as(staff).get("werkgevers/999999").status_code == 404


# --- create -------------------------------------------------------------------------------


def test_staff_creates_with_normalized_kvk(api_as, staff):
    response = api_as(staff).post("werkgevers/", NIEUW)
    assert response.status_code == 201
    body = response.body
    assert (body["naam"], body["kvk_nummer"], body["soort"], body["status"]) == (
        "Zorginstelling De Linde",
        "30123457",
        "instelling",
        "actief",
    )
    assert (body["lid_tot"], body["aantal_locaties"]) == (None, 0)
    stored = Werkgever.objects.get(pk=body["id"])
    assert stored.kvk_nummer == "30123457"
    assert AuditLog.objects.filter(action="werkgever_aangemaakt", object_id=str(stored.pk)).exists()


def test_duplicate_kvk_is_409(api_as, staff, werkgever):
    response = api_as(staff).post("werkgevers/", {**NIEUW, "kvk_nummer": "3012 3456"})
    assert response.status_code == 409
    assert response.body["detail"] == "Er is al een werkgever met KvK-nummer 30123456."
    assert list(response.body["fields"]) == ["kvk_nummer"]
    assert Werkgever.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "veld", "fragment"),
    [
        ({"kvk_nummer": "1234567"}, 400, "kvk_nummer", "acht cijfers"),
        ({"kvk_nummer": "3012345A"}, 400, "kvk_nummer", "acht cijfers"),
        ({"naam": "   "}, 400, "naam", "naam van de organisatie"),
        ({"naam": ""}, 422, "naam", "te kort"),
        ({"soort": "bank"}, 422, "soort", "toegestane waarden"),
        ({"lid_sinds": "1-1-2026"}, 422, "lid_sinds", "JJJJ-MM-DD"),
        ({"lid_tot": "2025-12-31"}, 400, "lid_tot", "vóór"),
        ({"email": "planning-at-delinde"}, 400, "email", "e-mailadres"),
        ({"status": "weg"}, 422, "status", "toegestane waarden"),
    ],
)
def test_create_validation_per_field(api_as, staff, change, status, veld, fragment):
    response = api_as(staff).post("werkgevers/", {**NIEUW, **change})
    assert response.status_code == status, response.body
    assert list(response.body["fields"]) == [veld]
    assert fragment in response.body["fields"][veld][0]
    assert not Werkgever.objects.exists()


def test_create_missing_kvk_is_422(api_as, staff):
    data = {k: v for k, v in NIEUW.items() if k != "kvk_nummer"}
    response = api_as(staff).post("werkgevers/", data)
    assert response.status_code == 422
    assert response.body["fields"] == {"kvk_nummer": ["Dit veld is verplicht."]}


def test_only_staff_creates(api_as, werkgever_user, werknemer_user):
    for user in (werkgever_user, werknemer_user):
        response = api_as(user).post("werkgevers/", NIEUW)
        assert response.status_code == 403
        assert "medewerkers van de makelaar" in response.body["detail"]
    assert not Werkgever.objects.filter(naam=NIEUW["naam"]).exists()


# --- update -------------------------------------------------------------------------------


def test_staff_updates_and_leaving_sets_end_date(api_as, staff, werkgever):
    response = api_as(staff).patch(
        f"werkgevers/{werkgever.pk}", {"status": "uitgetreden", "telefoon": "030-1234567"}
    )
    assert response.status_code == 200
    assert response.body["status"] == "uitgetreden"
    assert response.body["lid_tot"] == timezone.localdate().isoformat()
    assert response.body["telefoon"] == "030-1234567"
    werkgever.refresh_from_db()
    assert (werkgever.naam, werkgever.kvk_nummer) == ("Woonstichting Kanaleneiland", "30123456")


def test_staff_update_keeps_given_end_date(api_as, staff, werkgever):
    response = api_as(staff).patch(
        f"werkgevers/{werkgever.pk}", {"status": "uitgetreden", "lid_tot": "2026-06-30"}
    )
    assert response.body["lid_tot"] == "2026-06-30"


def test_update_to_taken_kvk_is_409_and_unchanged(api_as, staff, werkgever, andere_werkgever):
    response = api_as(staff).patch(f"werkgevers/{werkgever.pk}", {"kvk_nummer": "30654321"})
    assert response.status_code == 409
    werkgever.refresh_from_db()
    assert werkgever.kvk_nummer == "30123456"


def test_update_validation_leaves_record_unchanged(api_as, staff, werkgever):
    response = api_as(staff).patch(
        f"werkgevers/{werkgever.pk}", {"naam": "Nieuwe naam", "lid_tot": "2024-12-31"}
    )
    assert response.status_code == 400
    assert list(response.body["fields"]) == ["lid_tot"]
    werkgever.refresh_from_db()
    assert (werkgever.naam, werkgever.lid_tot) == ("Woonstichting Kanaleneiland", None)


def test_update_null_email_becomes_empty(api_as, staff, werkgever):
    werkgever.email = "oud@example.nl"
    werkgever.save()
    response = api_as(staff).patch(f"werkgevers/{werkgever.pk}", {"email": None})
    assert (response.status_code, response.body["email"]) == (200, "")


def test_employer_cannot_update_own_and_gets_404_for_other(
    api_as, werkgever_user, werkgever, andere_werkgever
):
    client = api_as(werkgever_user)
    assert client.patch(f"werkgevers/{werkgever.pk}", {"naam": "X"}).status_code == 403
    assert client.patch(f"werkgevers/{andere_werkgever.pk}", {"naam": "X"}).status_code == 404
    assert set(Werkgever.objects.values_list("naam", flat=True)) == {
        "Woonstichting Kanaleneiland",
        "Bo-Ex Utrecht",
    }


def test_worker_update_is_404(api_as, werknemer_user, werkgever):
    response = api_as(werknemer_user).patch(f"werkgevers/{werkgever.pk}", {"naam": "X"})
    assert response.status_code == 404
    werkgever.refresh_from_db()
    assert werkgever.lid_sinds == date(2025, 1, 1)
