"""/api/v1/werkgevers/.../locaties: list, create (with geocoding), update, (de)activate."""

from decimal import Decimal

import pytest

from tests import factories as f
from werkgevers.models import Locatie

NIEUW = {
    "naam": "Seniorencomplex Marshallaan",
    "straat": "Marshallaan",
    "huisnummer": "12",
    "postcode": "3527tm",
}


# --- list ---------------------------------------------------------------------------------


def test_list_own_locaties_with_filters(api_as, werkgever_user, werkgever, locatie):
    f.LocatieFactory(werkgever=werkgever, naam="Oud kantoor", actief=False)
    f.LocatieFactory(werkgever=werkgever, naam="Lombok-huis", wijk="West")
    client = api_as(werkgever_user)
    url = f"werkgevers/{werkgever.pk}/locaties"
    all_names = [loc["naam"] for loc in client.get(url).body]
    assert all_names == ["Lombok-huis", "Marshallaan-flats", "Oud kantoor"]
    active = [loc["naam"] for loc in client.get(url, {"actief": "true"}).body]
    assert active == ["Lombok-huis", "Marshallaan-flats"]
    west = [loc["naam"] for loc in client.get(url, {"wijk": "west"}).body]
    assert west == ["Lombok-huis"]


def test_list_shows_address_and_coordinates(api_as, werkgever_user, werkgever, locatie):
    body = api_as(werkgever_user).get(f"werkgevers/{werkgever.pk}/locaties").body[0]
    assert body["werkgever_naam"] == "Woonstichting Kanaleneiland"
    assert (body["latitude"], body["longitude"]) == (52.0734, 5.0949)
    assert (body["wijk"], body["buurt"], body["actief"]) == ("Zuidwest", "Kanaleneiland-Zuid", True)
    assert body["adresregel"] == f"Marshallaan {locatie.huisnummer}, 3527 TM Utrecht"


def test_list_other_organisations_locaties_is_404(
    api_as, werkgever_user, werknemer_user, andere_werkgever, andere_locatie
):
    for user in (werkgever_user, werknemer_user):
        response = api_as(user).get(f"werkgevers/{andere_werkgever.pk}/locaties")
        assert response.status_code == 404


def test_staff_lists_any_organisation(api_as, staff, andere_werkgever, andere_locatie):
    response = api_as(staff).get(f"werkgevers/{andere_werkgever.pk}/locaties")
    assert [loc["naam"] for loc in response.body] == ["Bo-Ex Rivierenwijk"]


# --- get ----------------------------------------------------------------------------------


def test_get_locatie_scoped(api_as, staff, werkgever_user, andere_werkgever_user, locatie):
    assert api_as(werkgever_user).get(f"werkgevers/locaties/{locatie.pk}").status_code == 200
    assert api_as(staff).get(f"werkgevers/locaties/{locatie.pk}").status_code == 200
    other = api_as(andere_werkgever_user).get(f"werkgevers/locaties/{locatie.pk}")
    assert (other.status_code, other.body["detail"]) == (404, "Locatie niet gevonden.")


def test_worker_gets_no_locatie(api_as, werknemer_user, locatie):
    assert api_as(werknemer_user).get(f"werkgevers/locaties/{locatie.pk}").status_code == 404


# --- create -------------------------------------------------------------------------------


def test_create_geocodes_from_postcode_table(api_as, werkgever_user, werkgever, postcodes):
    response = api_as(werkgever_user).post(f"werkgevers/{werkgever.pk}/locaties", NIEUW)
    assert response.status_code == 201, response.body
    body = response.body
    assert body["postcode"] == "3527 TM"
    assert (body["latitude"], body["longitude"]) == (52.0734, 5.0949)
    assert (body["wijk"], body["buurt"], body["plaats"]) == (
        "Zuidwest",
        "Kanaleneiland-Zuid",
        "Utrecht",
    )
    stored = Locatie.objects.get(pk=body["id"])
    assert stored.werkgever == werkgever
    assert stored.latitude == Decimal("52.073400")


def test_create_unknown_postcode_is_400_and_nothing_saved(api_as, werkgever_user, werkgever):
    response = api_as(werkgever_user).post(
        f"werkgevers/{werkgever.pk}/locaties", {**NIEUW, "postcode": "3526 KL"}
    )
    assert response.status_code == 400
    assert response.body["fields"] == {"postcode": ["Postcode onbekend; geef coördinaten op."]}
    assert "Postcode onbekend" in response.body["detail"]
    assert not Locatie.objects.exists()


def test_create_with_coordinates_needs_no_known_postcode(api_as, werkgever_user, werkgever):
    data = {**NIEUW, "postcode": "3526 KL", "latitude": 52.0771234, "longitude": "5.0912"}
    response = api_as(werkgever_user).post(f"werkgevers/{werkgever.pk}/locaties", data)
    assert response.status_code == 201, response.body
    assert (response.body["latitude"], response.body["longitude"]) == (52.077123, 5.0912)
    assert response.body["wijk"] == ""


@pytest.mark.parametrize(
    ("change", "status", "veld", "fragment"),
    [
        ({"postcode": "3527"}, 400, "postcode", "vier cijfers en twee letters"),
        ({"postcode": ""}, 400, "postcode", "Vul een postcode in"),
        ({"latitude": "5.09", "longitude": "52.07"}, 400, "latitude", "verwisseld"),
        ({"latitude": "52.07", "longitude": "181"}, 400, "longitude", "Nederland"),
        ({"latitude": "52.07"}, 400, "longitude", "geen van beide"),
        ({"latitude": "noord", "longitude": "5.09"}, 422, "latitude", "getal"),
        ({"naam": " "}, 400, "naam", "naam voor de locatie"),
        ({"huisnummer": "12345678901"}, 422, "huisnummer", "te lang"),
    ],
)
def test_create_validation_per_field(
    api_as, werkgever_user, werkgever, postcodes, change, status, veld, fragment
):
    data = {**NIEUW, **change}
    response = api_as(werkgever_user).post(f"werkgevers/{werkgever.pk}/locaties", data)
    assert response.status_code == status, response.body
    assert list(response.body["fields"]) == [veld]
    assert fragment in response.body["fields"][veld][0]
    assert not Locatie.objects.exists()


def test_create_at_other_organisation_is_404(
    api_as, werkgever_user, werknemer_user, andere_werkgever, postcodes
):
    for user in (werkgever_user, werknemer_user):
        response = api_as(user).post(f"werkgevers/{andere_werkgever.pk}/locaties", NIEUW)
        assert response.status_code == 404
    assert not Locatie.objects.exists()


def test_staff_creates_for_any_organisation(api_as, staff, andere_werkgever, postcodes):
    response = api_as(staff).post(f"werkgevers/{andere_werkgever.pk}/locaties", NIEUW)
    assert response.status_code == 201
    assert response.body["werkgever_id"] == andere_werkgever.pk


# --- update -------------------------------------------------------------------------------


def test_update_new_postcode_regeocodes(api_as, werkgever_user, postcodes, werkgever):
    locatie = f.LocatieFactory(
        werkgever=werkgever, postcode="3527 TM", latitude=Decimal("52.0734"), buurt="Oud"
    )
    response = api_as(werkgever_user).patch(
        f"werkgevers/locaties/{locatie.pk}", {"postcode": "3526ep", "huisnummer": "7"}
    )
    assert response.status_code == 200, response.body
    assert (response.body["postcode"], response.body["huisnummer"]) == ("3526 EP", "7")
    assert (response.body["latitude"], response.body["longitude"]) == (52.0758, 5.0995)
    assert response.body["buurt"] == "Kanaleneiland-Noord"


def test_update_same_postcode_keeps_given_coordinates(api_as, werkgever_user, werkgever):
    locatie = f.LocatieFactory(
        werkgever=werkgever,
        postcode="3526 KL",
        latitude=Decimal("52.077000"),
        longitude=Decimal("5.091000"),
    )
    response = api_as(werkgever_user).patch(
        f"werkgevers/locaties/{locatie.pk}", {"naam": "Nieuwe naam", "postcode": "3526kl"}
    )
    assert response.status_code == 200, response.body
    assert (response.body["naam"], response.body["latitude"]) == ("Nieuwe naam", 52.077)


def test_update_to_unknown_postcode_is_refused_and_unchanged(api_as, werkgever_user, locatie):
    response = api_as(werkgever_user).patch(
        f"werkgevers/locaties/{locatie.pk}", {"postcode": "9999 ZZ", "naam": "Weg"}
    )
    assert response.status_code == 400
    assert list(response.body["fields"]) == ["postcode"]
    locatie.refresh_from_db()
    assert (locatie.postcode, locatie.naam, locatie.latitude) == (
        "3527 TM",
        "Marshallaan-flats",
        Decimal("52.073400"),
    )


def test_update_null_straat_becomes_empty(api_as, werkgever_user, locatie):
    response = api_as(werkgever_user).patch(f"werkgevers/locaties/{locatie.pk}", {"straat": None})
    assert (response.status_code, response.body["straat"]) == (200, "")


def test_update_other_organisations_locatie_is_404(
    api_as, andere_werkgever_user, werknemer_user, locatie
):
    for user in (andere_werkgever_user, werknemer_user):
        response = api_as(user).patch(f"werkgevers/locaties/{locatie.pk}", {"naam": "Gekaapt"})
        assert response.status_code == 404
    locatie.refresh_from_db()
    assert locatie.naam == "Marshallaan-flats"


# --- (de)activate -------------------------------------------------------------------------


def test_deactivate_and_activate_own(api_as, werkgever_user, locatie):
    client = api_as(werkgever_user)
    response = client.post(f"werkgevers/locaties/{locatie.pk}/deactivate")
    assert (response.status_code, response.body["actief"]) == (200, False)
    locatie.refresh_from_db()
    assert locatie.actief is False
    response = client.post(f"werkgevers/locaties/{locatie.pk}/activate")
    assert response.body["actief"] is True


def test_deactivate_other_organisations_locatie_is_404(
    api_as, andere_werkgever_user, werknemer_user, locatie
):
    for user in (andere_werkgever_user, werknemer_user):
        response = api_as(user).post(f"werkgevers/locaties/{locatie.pk}/deactivate")
        assert response.status_code == 404
        response = api_as(user).post(f"werkgevers/locaties/{locatie.pk}/activate")
        assert response.status_code == 404
    locatie.refresh_from_db()
    assert locatie.actief is True
