"""The Dutch admin pages of the demand registry and the project-wide records load for staff,
geocode locaties on save, and keep API keys and the audit log read-only."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from coop.core.models import ApiToken, AuditLog, Postcode, audit
from werkgevers.models import Locatie, Werkgever


@pytest.fixture
def admin_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def records(staff, werkgever, werkgever_user, locatie, postcodes):
    token, _ = ApiToken.issue(user=werkgever_user, name="laptop")
    log = audit(user=staff, action="bekeken", obj=werkgever, fields="kvk_nummer")
    gebruiker = werkgever_user.werkgever_gebruiker
    return {
        "werkgevers.werkgever": werkgever,
        "werkgevers.locatie": locatie,
        "werkgevers.werkgevergebruiker": gebruiker,
        "coop.postcode": postcodes[0],
        "coop.apitoken": token,
        "coop.auditlog": log,
    }


def url(label: str, view: str, *args) -> str:
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{view}", args=args)


EDITABLE = [
    "werkgevers.werkgever",
    "werkgevers.locatie",
    "werkgevers.werkgevergebruiker",
    "coop.postcode",
]
READ_ONLY = ["coop.apitoken", "coop.auditlog"]


@pytest.mark.parametrize("label", EDITABLE + READ_ONLY)
def test_changelist_and_change_page_load(admin_client, records, label):
    obj = records[label]
    assert admin_client.get(url(label, "changelist")).status_code == 200
    assert admin_client.get(url(label, "changelist"), {"q": "3527"}).status_code == 200
    assert admin_client.get(url(label, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("label", EDITABLE)
def test_add_page_loads(admin_client, records, label):
    assert admin_client.get(url(label, "add")).status_code == 200


@pytest.mark.parametrize("label", READ_ONLY)
def test_read_only_records_cannot_be_added_changed_or_deleted(admin_client, records, label):
    obj = records[label]
    assert admin_client.get(url(label, "add")).status_code == 403
    assert admin_client.get(url(label, "delete", obj.pk)).status_code == 403
    page = admin_client.get(url(label, "change", obj.pk)).content.decode()
    assert 'name="_save"' not in page


def test_api_key_page_never_shows_the_hash(admin_client, records):
    token = records["coop.apitoken"]
    for page in (
        admin_client.get(url("coop.apitoken", "changelist")),
        admin_client.get(url("coop.apitoken", "change", token.pk)),
    ):
        html = page.content.decode()
        assert token.key_hash not in html
        assert f"{token.prefix}…" in html


def test_revoke_api_keys_action(admin_client, records):
    token = records["coop.apitoken"]
    response = admin_client.post(
        url("coop.apitoken", "changelist"),
        {"action": "intrekken", "_selected_action": [token.pk]},
        follow=True,
    )
    assert "1 sleutels ingetrokken." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_active


def test_audit_log_cannot_be_deleted_in_bulk(admin_client, records):
    log = records["coop.auditlog"]
    admin_client.post(
        url("coop.auditlog", "changelist"),
        {"action": "delete_selected", "_selected_action": [log.pk], "post": "yes"},
    )
    assert AuditLog.objects.filter(pk=log.pk).exists()


def test_werkgever_list_is_in_dutch_with_counts(admin_client, records):
    html = admin_client.get(url("werkgevers.werkgever", "changelist")).content.decode()
    assert "Woonstichting Kanaleneiland" in html
    assert "Actieve locaties" in html
    assert "KvK-nummer" in html
    assert '<td class="field-aantal_locaties">1</td>' in html


def test_postcode_search_accepts_compact_form(admin_client, records):
    html = admin_client.get(url("coop.postcode", "changelist"), {"q": "3527tm"}).content.decode()
    assert "3527 TM" in html
    assert "3526 EP" not in html


def _locatie_post(werkgever, **overrides):
    data = {
        "werkgever": werkgever.pk,
        "naam": "Buurthuis De Boog",
        "actief": "on",
        "straat": "Marshallaan",
        "huisnummer": "5",
        "toevoeging": "",
        "postcode": "3527tm",
        "plaats": "",
        "latitude": "",
        "longitude": "",
        "wijk": "",
        "buurt": "",
    }
    return {**data, **overrides}


def test_add_locatie_in_admin_geocodes(admin_client, records, werkgever):
    response = admin_client.post(url("werkgevers.locatie", "add"), _locatie_post(werkgever))
    assert response.status_code == 302
    locatie = Locatie.objects.get(naam="Buurthuis De Boog")
    assert (locatie.postcode, locatie.latitude, locatie.longitude) == (
        "3527 TM",
        Decimal("52.073400"),
        Decimal("5.094900"),
    )
    assert (locatie.wijk, locatie.buurt, locatie.plaats) == (
        "Zuidwest",
        "Kanaleneiland-Zuid",
        "Utrecht",
    )


def test_add_locatie_unknown_postcode_shows_error(admin_client, records, werkgever):
    data = _locatie_post(werkgever, postcode="3526 KL")
    response = admin_client.post(url("werkgevers.locatie", "add"), data)
    assert response.status_code == 200
    assert "Postcode onbekend; geef coördinaten op." in response.content.decode()
    assert not Locatie.objects.filter(naam="Buurthuis De Boog").exists()


def test_change_postcode_in_admin_regeocodes(admin_client, records, werkgever):
    locatie = records["werkgevers.locatie"]
    data = _locatie_post(
        werkgever,
        naam=locatie.naam,
        postcode="3526 EP",
        latitude=str(locatie.latitude),
        longitude=str(locatie.longitude),
        wijk=locatie.wijk,
        buurt=locatie.buurt,
    )
    response = admin_client.post(url("werkgevers.locatie", "change", locatie.pk), data)
    assert response.status_code == 302
    locatie.refresh_from_db()
    assert (locatie.latitude, locatie.buurt) == (Decimal("52.075800"), "Kanaleneiland-Noord")


def test_werkgever_admin_normalizes_kvk(admin_client, staff):
    data = {
        "naam": "Buurtbakker",
        "kvk_nummer": "3011 2233",
        "soort": "klein_bedrijf",
        "status": "actief",
        "lid_sinds": "2026-02-01",
        "lid_tot": "",
        "email": "",
        "telefoon": "",
        "locaties-TOTAL_FORMS": "0",
        "locaties-INITIAL_FORMS": "0",
        "gebruikers-TOTAL_FORMS": "0",
        "gebruikers-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url("werkgevers.werkgever", "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Werkgever.objects.get(naam="Buurtbakker").kvk_nummer == "30112233"


def test_postcode_admin_validates_coordinates(admin_client, records):
    data = {
        "postcode": "3531ab",
        "latitude": "5.1",
        "longitude": "52.09",
        "plaats": "Utrecht",
        "gemeente": "Utrecht",
        "wijk": "West",
        "buurt": "Lombok-Oost",
    }
    response = admin_client.post(url("coop.postcode", "add"), data)
    assert response.status_code == 200
    assert "verwisseld" in response.content.decode()
    fixed = {**data, "latitude": "52.09", "longitude": "5.1"}
    assert admin_client.post(url("coop.postcode", "add"), fixed).status_code == 302
    assert Postcode.objects.get(postcode="3531 AB").latitude == Decimal("52.090000")
