"""Staff manage members through the API: create, update, validation, atomicity, filters."""

from datetime import date
from decimal import Decimal

import pytest

from coop.core.fields import blind_index
from coop.core.models import AuditLog
from tests import factories as f
from werknemers.models import Werknemer


def test_staff_creates_member_with_nested_data(api_as, staff, nieuw_lid, catalogus, vca):
    payload = {
        **nieuw_lid,
        "vaardigheden": [{"vaardigheid_id": catalogus["schilderen"].pk, "niveau": 2}],
        "certificaten": [
            {"soort_id": vca.pk, "nummer": "VCA-1", "geldig_van": "2024-01-01", "geldig_tot": None}
        ],
        "beschikbaarheid": [
            {"weekdag": 0, "begin": "08:00", "eind": "12:00"},
            {"weekdag": 0, "begin": "13:00", "eind": "17:00"},
        ],
        "afwezigheden": [{"van": "2025-07-01", "tot_en_met": "2025-07-14"}],
    }
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 201, r.body
    body = r.body
    assert body["volledige_naam"] == "Samira Bouzid"
    assert body["bsn_gemaskeerd"] == "******333"
    assert body["iban_gemaskeerd"] == "**************4300"
    assert "bsn" not in body and "iban" not in body
    assert "111222333" not in r.content.decode()
    # postcode normalized and geocoded from the offline table
    assert body["postcode"] == "3526 EP"
    assert (body["latitude"], body["longitude"]) == ("52.075800", "5.099500")
    assert (body["wijk"], body["buurt"]) == ("Zuidwest", "Kanaleneiland-Noord")
    assert body["talen"] == ["nl", "ar"]
    assert [v["code"] for v in body["vaardigheden"]] == ["schilderen"]
    assert body["certificaten"][0]["soort"] == "VCA Basis"
    assert body["certificaten"][0]["geldig_vandaag"] is True
    assert len(body["beschikbaarheid"]) == 2
    assert body["afwezigheden"][0]["reden"] == "verlof"

    stored = Werknemer.objects.get(pk=body["id"])
    assert stored.bsn == "111222333"
    assert stored.iban == "NL91ABNA0417164300"
    assert stored.bsn_index == blind_index("111222333")


def test_coordinates_given_directly_win_over_postcode(api_as, staff, nieuw_lid):
    payload = {**nieuw_lid, "latitude": "52.1", "longitude": "5.2"}
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 201, r.body
    assert (r.body["latitude"], r.body["longitude"]) == ("52.100000", "5.200000")
    assert r.body["wijk"] == "Zuidwest"  # still filled from the postcode


def test_unknown_postcode_without_coordinates_is_refused(api_as, staff, nieuw_lid):
    r = api_as(staff).post("werknemers/", {**nieuw_lid, "postcode": "9999 ZZ"})
    assert r.status_code == 400
    assert "postcode" in r.body["fields"]
    assert not Werknemer.objects.exists()


@pytest.mark.parametrize(
    "change, veld",
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"iban": "NL91ABNA0417164301"}, "iban"),
        ({"postcode": "35266EP"}, "postcode"),
        ({"uren_per_week_min": 20, "uren_per_week_max": 10}, "uren_per_week_min"),
        ({"lid_tot": "2025-01-01"}, "lid_tot"),
        ({"sroi_doelgroep": "participatiewet"}, "sroi_doelgroep"),
        ({"email": "geen-adres"}, "email"),
        ({"talen": ["nederlands"]}, "talen"),
        ({"latitude": "52.1"}, "longitude"),
    ],
)
def test_bad_input_is_400_naming_the_field(api_as, staff, nieuw_lid, change, veld):
    r = api_as(staff).post("werknemers/", {**nieuw_lid, **change})
    assert r.status_code == 400, r.body
    assert veld in r.body["fields"], r.body
    assert r.body["detail"].startswith("Ongeldige invoer")
    assert not Werknemer.objects.exists()


def test_schema_errors_are_422_in_dutch(api_as, staff, nieuw_lid):
    r = api_as(staff).post("werknemers/", {**nieuw_lid, "geboortedatum": "11-02-1994"})
    assert r.status_code == 422
    assert r.body["fields"]["geboortedatum"] == ["Vul een datum in als JJJJ-MM-DD."]
    r = api_as(staff).post("werknemers/", {**nieuw_lid, "status": "weg"})
    assert r.status_code == 422
    assert "status" in r.body["fields"]


def test_sroi_doelgroep_with_consent_is_stored(api_as, staff, nieuw_lid):
    payload = {**nieuw_lid, "sroi_toestemming": True, "sroi_doelgroep": "participatiewet"}
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 201
    assert r.body["sroi_doelgroep"] == "participatiewet"


def test_bad_skill_leaves_no_member_behind(api_as, staff, nieuw_lid, catalogus):
    payload = {
        **nieuw_lid,
        "vaardigheden": [
            {"vaardigheid_id": catalogus["tuin"].pk, "niveau": 1},
            {"vaardigheid_id": 999999, "niveau": 2},
        ],
    }
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 400
    assert r.body["fields"] == {"vaardigheden.1.vaardigheid_id": ["Deze vaardigheid bestaat niet."]}
    assert not Werknemer.objects.exists()


def test_overlapping_availability_is_refused_atomically(api_as, staff, nieuw_lid):
    payload = {
        **nieuw_lid,
        "beschikbaarheid": [
            {"weekdag": 2, "begin": "08:00", "eind": "12:00"},
            {"weekdag": 2, "begin": "11:00", "eind": "15:00"},
            {"weekdag": 3, "begin": "15:00", "eind": "09:00"},
        ],
    }
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 400
    assert set(r.body["fields"]) == {"beschikbaarheid.1.begin", "beschikbaarheid.2.eind"}
    assert not Werknemer.objects.exists()


def test_absence_dates_out_of_order(api_as, staff, nieuw_lid):
    payload = {**nieuw_lid, "afwezigheden": [{"van": "2025-07-14", "tot_en_met": "2025-07-01"}]}
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 400
    assert "afwezigheden.0.tot_en_met" in r.body["fields"]
    assert not Werknemer.objects.exists()


def test_duplicate_bsn_is_409(api_as, staff, nieuw_lid, werknemer):
    r = api_as(staff).post("werknemers/", {**nieuw_lid, "bsn": werknemer.bsn})
    assert r.status_code == 409
    assert "bsn" in r.body["fields"]
    assert Werknemer.objects.count() == 1
    # also when another member is changed to that BSN
    ander = f.WerknemerFactory()
    r = api_as(staff).patch(f"werknemers/{ander.pk}", {"bsn": werknemer.bsn})
    assert r.status_code == 409
    ander.refresh_from_db()
    assert ander.bsn != werknemer.bsn


def test_user_already_linked_is_409(api_as, staff, nieuw_lid, werknemer):
    r = api_as(staff).post("werknemers/", {**nieuw_lid, "user_id": werknemer.user_id})
    assert r.status_code == 409
    assert "user_id" in r.body["fields"]


def test_staff_update_and_bsn_change_is_audited(api_as, staff, werknemer):
    r = api_as(staff).patch(
        f"werknemers/{werknemer.pk}",
        {"status": "gepauzeerd", "bsn": "111222333", "uren_per_week_max": 30},
    )
    assert r.status_code == 200, r.body
    assert r.body["status"] == "gepauzeerd"
    assert r.body["uren_per_week_max"] == 30
    assert r.body["bsn_gemaskeerd"] == "******333"
    werknemer.refresh_from_db()
    assert werknemer.bsn_index == blind_index("111222333")
    row = AuditLog.objects.get(action="wijziging")
    assert (row.user, row.object_id, row.fields) == (staff, str(werknemer.pk), "bsn")


def test_move_refreshes_coordinates_and_wijk(api_as, staff, werknemer, postcodes):
    r = api_as(staff).patch(f"werknemers/{werknemer.pk}", {"postcode": "3531AB"})
    assert r.status_code == 200, r.body
    assert (r.body["wijk"], r.body["buurt"]) == ("West", "Lombok")
    assert r.body["latitude"] == "52.093000"


def test_patch_not_null_field_to_null_is_400(api_as, staff, werknemer):
    r = api_as(staff).patch(f"werknemers/{werknemer.pk}", {"uren_per_week_max": None})
    assert r.status_code == 400
    assert r.body["fields"] == {"uren_per_week_max": ["Dit veld mag niet leeg zijn."]}


def test_list_filters_and_search(api_as, staff, catalogus):
    a = f.WerknemerFactory(voornaam="Ayse", achternaam="Yilmaz", wijk="West")
    b = f.WerknemerFactory(voornaam="Bram", achternaam="Smit", status="gepauzeerd")
    f.WerknemerVaardigheidFactory(werknemer=a, vaardigheid=catalogus["tuin"])
    client = api_as(staff)

    def ids(query: str) -> set[int]:
        r = client.get(f"werknemers/?{query}")
        assert r.status_code == 200, r.body
        return {item["id"] for item in r.body["items"]}

    assert ids("") == {a.pk, b.pk}
    assert ids("status=gepauzeerd") == {b.pk}
    assert ids("wijk=west") == {a.pk}
    assert ids(f"vaardigheid={catalogus['tuin'].pk}") == {a.pk}
    assert ids("zoek=yilm") == {a.pk}
    assert ids(f"zoek={b.bsn}") == {b.pk}
    r = client.get("werknemers/?limit=1")
    assert r.body["count"] == 2 and len(r.body["items"]) == 1
    item = client.get(f"werknemers/?zoek={b.bsn}").body["items"][0]
    assert item["bsn_gemaskeerd"] == "******" + b.bsn[-3:]
    assert b.bsn not in str(item)


def test_member_skills_show_effective_levels(api_as, staff, werknemer, catalogus):
    client = api_as(staff)
    r = client.post(
        f"werknemers/{werknemer.pk}/vaardigheden",
        {"vaardigheid_id": catalogus["kwasten"].pk, "niveau": 3},
    )
    assert r.status_code == 200, r.body
    assert (r.body["code"], r.body["niveau"]) == ("kwasten", 3)
    r = client.get(f"werknemers/{werknemer.pk}/vaardigheden")
    assert [v["code"] for v in r.body["gehouden"]] == ["kwasten"]
    assert {(v["code"], v["niveau"], v["zelf_gehouden"]) for v in r.body["effectief"]} == {
        ("kwasten", 3, True),
        ("schuren", 3, False),
    }
    # level change is an upsert, not a duplicate
    client.post(
        f"werknemers/{werknemer.pk}/vaardigheden",
        {"vaardigheid_id": catalogus["kwasten"].pk, "niveau": 1},
    )
    assert werknemer.vaardigheden.get().niveau == 1
    r = client.post(
        f"werknemers/{werknemer.pk}/vaardigheden",
        {"vaardigheid_id": catalogus["kwasten"].pk, "niveau": 4},
    )
    assert r.status_code == 422
    r = client.delete(f"werknemers/{werknemer.pk}/vaardigheden/{catalogus['kwasten'].pk}")
    assert r.status_code == 204
    r = client.delete(f"werknemers/{werknemer.pk}/vaardigheden/{catalogus['kwasten'].pk}")
    assert r.status_code == 404


def test_certificates_crud(api_as, staff, werknemer, vca):
    client = api_as(staff)
    r = client.post(
        f"werknemers/{werknemer.pk}/certificaten",
        {
            "soort_id": vca.pk,
            "nummer": "123",
            "geldig_van": "2020-01-01",
            "geldig_tot": "2021-01-01",
        },
    )
    assert r.status_code == 201, r.body
    assert r.body["geldig_vandaag"] is False
    cid = r.body["id"]
    r = client.patch(f"werknemers/{werknemer.pk}/certificaten/{cid}", {"geldig_tot": "2019-01-01"})
    assert r.status_code == 400
    assert "geldig_tot" in r.body["fields"]
    r = client.patch(f"werknemers/{werknemer.pk}/certificaten/{cid}", {"geldig_tot": None})
    assert r.status_code == 200
    assert r.body["geldig_tot"] is None and r.body["geldig_vandaag"] is True
    r = client.post(
        f"werknemers/{werknemer.pk}/certificaten", {"soort_id": 9999, "geldig_van": "2020-01-01"}
    )
    assert r.status_code == 400 and "soort_id" in r.body["fields"]
    assert client.delete(f"werknemers/{werknemer.pk}/certificaten/{cid}").status_code == 204
    assert not werknemer.certificaten.exists()


def test_catalogue_management(api_as, staff, catalogus, werknemer_user, werkgever_user):
    client = api_as(staff)
    r = client.post(
        "werknemers/vaardigheden",
        {"code": "behangen", "naam": "Behangen", "omvat": [catalogus["schuren"].pk]},
    )
    assert r.status_code == 201, r.body
    assert r.body["omvat"] == [catalogus["schuren"].pk]
    vid = r.body["id"]
    r = client.post("werknemers/vaardigheden", {"code": "behangen", "naam": "Nog eens"})
    assert r.status_code == 409
    r = client.patch(f"werknemers/vaardigheden/{vid}", {"omvat": [vid]})
    assert r.status_code == 400 and "omvat" in r.body["fields"]
    r = client.patch(f"werknemers/vaardigheden/{vid}", {"omvat": [12345]})
    assert r.status_code == 400 and "omvat" in r.body["fields"]
    # catalogue readable by any logged-in role, writable only by staff
    for user in (werknemer_user, werkgever_user):
        other = api_as(user)
        assert other.get("werknemers/vaardigheden").status_code == 200
        assert other.get("werknemers/certificaatsoorten").status_code == 200
        assert other.post("werknemers/vaardigheden", {"code": "x", "naam": "X"}).status_code == 403
        assert (
            other.post("werknemers/certificaatsoorten", {"code": "x", "naam": "X"}).status_code
            == 403
        )
    r = client.post("werknemers/certificaatsoorten", {"code": "bhv", "naam": "BHV"})
    assert r.status_code == 201
    assert client.delete(f"werknemers/certificaatsoorten/{r.body['id']}").status_code == 204


def test_catalogue_in_use_cannot_be_deleted(api_as, staff, werknemer, catalogus, vca):
    f.WerknemerVaardigheidFactory(werknemer=werknemer, vaardigheid=catalogus["tuin"])
    f.CertificaatFactory(werknemer=werknemer, soort=vca)
    client = api_as(staff)
    assert client.delete(f"werknemers/vaardigheden/{catalogus['tuin'].pk}").status_code == 409
    assert client.delete(f"werknemers/certificaatsoorten/{vca.pk}").status_code == 409


def test_membership_fields_round_trip(api_as, staff, nieuw_lid):
    payload = {**nieuw_lid, "inleg_betaald": "25.00", "lid_tot": "2026-04-01"}
    r = api_as(staff).post("werknemers/", payload)
    assert r.status_code == 201
    assert r.body["inleg_betaald"] == "25.00"
    stored = Werknemer.objects.get()
    assert stored.inleg_betaald == Decimal("25.00")
    assert stored.lid_tot == date(2026, 4, 1)
