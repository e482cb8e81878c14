"""Roles and isolation: a worker sees only themself (others are 404), employers get 403."""

import pytest

from coop.core.models import AuditLog
from tests import factories as f
from werknemers.models import Werknemer


def _member_paths(werknemer_id: int, sub_id: int = 1) -> list[tuple[str, str, object]]:
    """Every per-member endpoint with a harmless body."""
    base = f"werknemers/{werknemer_id}"
    return [
        ("get", base, None),
        ("patch", base, {"telefoon": "0612345678"}),
        ("post", f"{base}/persoonsgegevens", None),
        ("get", f"{base}/vaardigheden", None),
        ("post", f"{base}/vaardigheden", {"vaardigheid_id": sub_id, "niveau": 1}),
        ("delete", f"{base}/vaardigheden/{sub_id}", None),
        ("get", f"{base}/certificaten", None),
        ("post", f"{base}/certificaten", {"soort_id": sub_id, "geldig_van": "2025-01-01"}),
        ("patch", f"{base}/certificaten/{sub_id}", {"nummer": "x"}),
        ("delete", f"{base}/certificaten/{sub_id}", None),
        ("get", f"{base}/beschikbaarheid", None),
        ("put", f"{base}/beschikbaarheid", []),
        ("get", f"{base}/afwezigheden", None),
        ("post", f"{base}/afwezigheden", {"van": "2025-07-01", "tot_en_met": "2025-07-02"}),
        ("delete", f"{base}/afwezigheden/{sub_id}", None),
    ]


def _call(client, method, path, body):
    if method in ("get", "delete"):
        return getattr(client, method)(path)
    return getattr(client, method)(path, body)


def test_worker_gets_404_on_every_endpoint_of_another_member(
    api_as, werknemer_user, andere_werknemer, catalogus
):
    cert = f.CertificaatFactory(werknemer=andere_werknemer)
    client = api_as(werknemer_user)
    for method, path, body in _member_paths(andere_werknemer.pk, cert.pk):
        r = _call(client, method, path, body)
        assert r.status_code == 404, (method, path, r.status_code)
        assert r.body["detail"]
    assert not AuditLog.objects.exists()
    assert andere_werknemer.certificaten.count() == 1


@pytest.mark.parametrize("persona", ["werkgever_user", "andere_werkgever_user"])
def test_employer_gets_403_on_the_registry(api_as, persona, request, werknemer, nieuw_lid):
    client = api_as(request.getfixturevalue(persona))
    for method, path, body in _member_paths(werknemer.pk):
        r = _call(client, method, path, body)
        assert r.status_code == 403, (method, path, r.status_code)
    assert client.get("werknemers/").status_code == 403
    assert client.post("werknemers/", nieuw_lid).status_code == 403
    assert Werknemer.objects.count() == 1


def test_employer_has_no_own_record_either(api_as, werkgever_user):
    r = api_as(werkgever_user).get("werknemers/mij")
    assert r.status_code == 404
    assert r.body["detail"] == "Er is geen werknemer aan deze gebruiker gekoppeld."


def test_anonymous_is_401(api_as, werknemer):
    anon = api_as(None)
    assert anon.get("werknemers/").status_code == 401
    assert anon.get(f"werknemers/{werknemer.pk}").status_code == 401
    assert anon.get("werknemers/mij/export").status_code == 401


def test_worker_list_contains_only_themself(api_as, werknemer_user, werknemer, andere_werknemer):
    r = api_as(werknemer_user).get("werknemers/")
    assert r.status_code == 200
    assert [item["id"] for item in r.body["items"]] == [werknemer.pk]
    r = api_as(werknemer_user).get(f"werknemers/?zoek={andere_werknemer.bsn}")
    assert r.body["items"] == []


def test_worker_reads_own_skills_and_certificates(api_as, werknemer_user, werknemer, catalogus):
    f.WerknemerVaardigheidFactory(werknemer=werknemer, vaardigheid=catalogus["schilderen"])
    f.CertificaatFactory(werknemer=werknemer)
    client = api_as(werknemer_user)
    r = client.get(f"werknemers/{werknemer.pk}/vaardigheden")
    assert r.status_code == 200
    assert {v["code"] for v in r.body["effectief"]} == {"schilderen", "kwasten", "schuren"}
    assert len(client.get(f"werknemers/{werknemer.pk}/certificaten").body) == 1


def test_worker_cannot_write_skills_certificates_or_core_data(
    api_as, werknemer_user, werknemer, catalogus, vca, nieuw_lid
):
    client = api_as(werknemer_user)
    base = f"werknemers/{werknemer.pk}"
    r = client.post(f"{base}/vaardigheden", {"vaardigheid_id": catalogus["tuin"].pk, "niveau": 3})
    assert r.status_code == 403
    assert r.body["detail"] == "Alleen medewerkers van de makelaar mogen dit doen."
    r = client.post(f"{base}/certificaten", {"soort_id": vca.pk, "geldig_van": "2025-01-01"})
    assert r.status_code == 403
    assert client.patch(base, {"status": "uitgetreden"}).status_code == 403
    assert client.post(f"{base}/persoonsgegevens").status_code == 403
    assert client.post("werknemers/", nieuw_lid).status_code == 403
    werknemer.refresh_from_db()
    assert werknemer.status == "actief"
    assert not werknemer.vaardigheden.exists()
    assert not AuditLog.objects.exists()


def test_worker_manages_own_availability_and_absences(api_as, werknemer_user, werknemer):
    client = api_as(werknemer_user)
    base = f"werknemers/{werknemer.pk}"
    r = client.put(
        f"{base}/beschikbaarheid",
        [{"weekdag": 4, "begin": "09:00", "eind": "13:00"}],
    )
    assert r.status_code == 200, r.body
    assert r.body == [{"weekdag": 4, "begin": "09:00:00", "eind": "13:00:00"}]
    r = client.post(
        f"{base}/afwezigheden", {"van": "2026-12-01", "tot_en_met": "2026-12-10", "reden": "verlof"}
    )
    assert r.status_code == 201
    assert client.delete(f"{base}/afwezigheden/{r.body['id']}").status_code == 204
    assert not werknemer.afwezigheden.exists()


def test_user_without_role_is_403(api_as, werknemer):
    nobody = f.UserFactory(username="niemand")
    assert api_as(nobody).get("werknemers/").status_code == 403
    assert api_as(nobody).get(f"werknemers/{werknemer.pk}").status_code == 403


def test_staff_sees_any_member(api_as, staff, werknemer, andere_werknemer):
    client = api_as(staff)
    assert client.get(f"werknemers/{andere_werknemer.pk}").status_code == 200
    assert client.get("werknemers/").body["count"] == 2
    assert client.get("werknemers/999999").status_code == 404
    assert Werknemer.objects.count() == 2


@pytest.mark.parametrize(
    ("van", "tot", "veld"),
    [("2026-10-01", "2026-10-10", "tot_en_met"), ("2016-01-01", "2026-12-01", "van")],
)
def test_an_exception_that_has_ended_or_spans_years_is_refused(
    api_as, werknemer_user, werknemer, van, tot, veld
):
    """An exception keeps work away from coming days: one over (PEILMOMENT is 16 November
    2026) or longer than a year (a start far back, a mistyped year) writes nothing."""
    r = api_as(werknemer_user).post(
        f"werknemers/{werknemer.pk}/afwezigheden", {"van": van, "tot_en_met": tot}
    )
    assert r.status_code == 400, r.body
    assert veld in r.body["fields"]
    assert not werknemer.afwezigheden.exists()
