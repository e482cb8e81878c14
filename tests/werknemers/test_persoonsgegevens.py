"""The worker's own record, the audited reveal of BSN/IBAN, and the GDPR export."""

import json

import pytest

from coop.core.models import AuditLog
from tests import factories as f
from werknemers import gdpr

# --- GET/PATCH /mij --------------------------------------------------------------------


def test_worker_reads_own_record_masked(api_as, werknemer_user, werknemer):
    r = api_as(werknemer_user).get("werknemers/mij")
    assert r.status_code == 200
    assert r.body["id"] == werknemer.pk
    assert r.body["volledige_naam"] == "Fatima El Amrani"
    assert r.body["bsn_gemaskeerd"] == "******" + werknemer.bsn[-3:]
    assert r.body["iban_gemaskeerd"] == "**************4300"
    assert werknemer.bsn not in r.content.decode()
    assert "NL91ABNA" not in r.content.decode()


def test_worker_updates_contact_hours_and_pattern(api_as, werknemer_user, werknemer, postcodes):
    r = api_as(werknemer_user).patch(
        "werknemers/mij",
        {
            "telefoon": "06 1234 5678",
            "email": "fatima@example.nl",
            "talen": ["nl", "ar", "fr"],
            "max_reisafstand_km": "7.5",
            "uren_per_week_min": 12,
            "uren_per_week_max": 20,
            "postcode": "3531 AB",
            "huisnummer": "4",
            "beschikbaarheid": [
                {"weekdag": 1, "begin": "08:30", "eind": "12:30"},
                {"weekdag": 3, "begin": "13:00", "eind": "17:00"},
            ],
        },
    )
    assert r.status_code == 200, r.body
    assert r.body["telefoon"] == "06 1234 5678"
    assert r.body["talen"] == ["nl", "ar", "fr"]
    assert r.body["max_reisafstand_km"] == "7.5"
    assert (r.body["uren_per_week_min"], r.body["uren_per_week_max"]) == (12, 20)
    assert (r.body["wijk"], r.body["latitude"]) == ("West", "52.093000")
    assert [(b["weekdag"], b["begin"]) for b in r.body["beschikbaarheid"]] == [
        (1, "08:30:00"),
        (3, "13:00:00"),
    ]


@pytest.mark.parametrize(
    "veld, waarde",
    [
        ("bsn", "111222333"),
        ("status", "uitgetreden"),
        ("lid_tot", "2025-12-31"),
        ("inleg_betaald", "0"),
        ("sroi_doelgroep", "ww"),
        ("voornaam", "Anders"),
    ],
)
def test_worker_cannot_change_identity_status_or_membership(
    api_as, werknemer_user, werknemer, veld, waarde
):
    r = api_as(werknemer_user).patch("werknemers/mij", {veld: waarde, "telefoon": "0612345678"})
    assert r.status_code == 400, r.body
    assert r.body["fields"] == {veld: ["Dit gegeven kunt u niet zelf wijzigen."]}
    before = {"bsn": werknemer.bsn, "status": werknemer.status, "telefoon": werknemer.telefoon}
    werknemer.refresh_from_db()
    assert {k: getattr(werknemer, k) for k in before} == before


def test_worker_hours_out_of_order_is_400_and_nothing_saved(api_as, werknemer_user, werknemer):
    r = api_as(werknemer_user).patch(
        "werknemers/mij",
        {"uren_per_week_min": 30, "uren_per_week_max": 10, "telefoon": "0600000000"},
    )
    assert r.status_code == 400
    assert list(r.body["fields"]) == ["uren_per_week_min"]
    werknemer.refresh_from_db()
    assert werknemer.telefoon == ""


def test_bad_pattern_keeps_the_old_one(api_as, werknemer_user, werknemer):
    f.BeschikbaarheidFactory(werknemer=werknemer)
    r = api_as(werknemer_user).patch(
        "werknemers/mij",
        {
            "telefoon": "0611111111",
            "beschikbaarheid": [{"weekdag": 0, "begin": "12:00", "eind": "09:00"}],
        },
    )
    assert r.status_code == 400
    assert "beschikbaarheid.0.eind" in r.body["fields"]
    werknemer.refresh_from_db()
    assert werknemer.telefoon == ""
    assert werknemer.beschikbaarheid.count() == 1


def test_staff_has_no_mij(api_as, staff):
    assert api_as(staff).get("werknemers/mij").status_code == 404


# --- the audited reveal ----------------------------------------------------------------


def test_staff_reveal_returns_clear_values_and_is_audited(api_as, staff, werknemer):
    r = api_as(staff).post(f"werknemers/{werknemer.pk}/persoonsgegevens")
    assert r.status_code == 200
    assert r.body == {"id": werknemer.pk, "bsn": werknemer.bsn, "iban": "NL91ABNA0417164300"}
    row = AuditLog.objects.get()
    assert (row.user, row.action, row.fields) == (staff, "inzage", "bsn,iban")
    assert (row.object_type, row.object_id) == ("werknemers.Werknemer", str(werknemer.pk))


def test_reveal_is_not_a_get(api_as, staff, werknemer):
    r = api_as(staff).get(f"werknemers/{werknemer.pk}/persoonsgegevens")
    assert r.status_code == 405
    assert not AuditLog.objects.exists()


def test_worker_cannot_reveal_even_own(api_as, werknemer_user, werknemer):
    r = api_as(werknemer_user).post(f"werknemers/{werknemer.pk}/persoonsgegevens")
    assert r.status_code == 403
    assert not AuditLog.objects.exists()


# --- GDPR export -----------------------------------------------------------------------


def test_worker_downloads_everything_about_them(api_as, werknemer_user, werknemer, catalogus):
    f.WerknemerVaardigheidFactory(werknemer=werknemer, vaardigheid=catalogus["tuin"], niveau=3)
    f.CertificaatFactory(werknemer=werknemer, nummer="VCA-77")
    f.BeschikbaarheidFactory(werknemer=werknemer)
    r = api_as(werknemer_user).get("werknemers/mij/export")
    assert r.status_code == 200
    assert "attachment" in r["Content-Disposition"]
    data = json.loads(r.content)
    pg = data["persoonsgegevens"]
    assert (pg["bsn"], pg["iban"]) == (werknemer.bsn, "NL91ABNA0417164300")
    assert pg["voornaam"] == "Fatima"
    assert "bsn_index" not in pg
    assert data["vaardigheden"] == [{"code": "tuinonderhoud", "naam": "Tuinonderhoud", "niveau": 3}]
    assert data["certificaten"][0]["nummer"] == "VCA-77"
    assert data["beschikbaarheid"] == [{"weekdag": 0, "begin": "08:00:00", "eind": "17:00:00"}]
    # the export itself is audited and listed in the member's access log
    row = AuditLog.objects.get()
    assert (row.user, row.action, row.fields) == (werknemer_user, "inzage", "bsn,iban")
    assert data["inzagelog"][0]["door"] == "fatima"


def test_export_contains_registered_sections(api_as, werknemer_user, werknemer):
    def proef(w):
        return [{"werknemer": w.volledige_naam, "uren": 12}]

    gdpr.register_export_section("proefsectie", proef)
    try:
        gdpr.register_export_section("proefsectie", proef)  # idempotent (ready() twice)
        with pytest.raises(ValueError):
            gdpr.register_export_section("proefsectie", lambda w: None)
        with pytest.raises(ValueError):
            gdpr.register_export_section("persoonsgegevens", lambda w: None)
        data = json.loads(api_as(werknemer_user).get("werknemers/mij/export").content)
        assert data["proefsectie"] == [{"werknemer": "Fatima El Amrani", "uren": 12}]
    finally:
        gdpr.unregister_export_section("proefsectie")


def test_failing_section_refuses_an_incomplete_export(api_as, werknemer_user, werknemer):
    def kapot(w):
        raise RuntimeError("boom")

    gdpr.register_export_section("kapot", kapot)
    try:
        r = api_as(werknemer_user).get("werknemers/mij/export")
    finally:
        gdpr.unregister_export_section("kapot")
    assert r.status_code == 503
    assert "niet volledig" in r.body["detail"]
    assert not AuditLog.objects.exists()  # rolled back with the failed export


def test_employer_has_no_export(api_as, werkgever_user):
    assert api_as(werkgever_user).get("werknemers/mij/export").status_code == 404
