"""The Dutch admin: every page loads for staff, the clear BSN never reaches the HTML, and
the reveal view is audited."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from coop.core.fields import blind_index
from coop.core.models import AuditLog
from tests import factories as f
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)

MODELS = [
    Werknemer,
    Vaardigheid,
    CertificaatSoort,
    Certificaat,
    WerknemerVaardigheid,
    Beschikbaarheid,
    Afwezigheid,
]


@pytest.fixture
def admin_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def gevuld(werknemer, catalogus, vca):
    """One of each object, all belonging to the `werknemer` persona."""
    return {
        Werknemer: werknemer,
        Vaardigheid: catalogus["schilderen"],
        CertificaatSoort: vca,
        Certificaat: f.CertificaatFactory(werknemer=werknemer, soort=vca),
        WerknemerVaardigheid: f.WerknemerVaardigheidFactory(
            werknemer=werknemer, vaardigheid=catalogus["tuin"]
        ),
        Beschikbaarheid: f.BeschikbaarheidFactory(werknemer=werknemer),
        Afwezigheid: Afwezigheid.objects.create(
            werknemer=werknemer, van=date(2025, 7, 1), tot_en_met=date(2025, 7, 5)
        ),
    }


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:werknemers_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads_without_the_clear_bsn(admin_client, gevuld, model):
    werknemer = gevuld[Werknemer]
    pages = [
        _url(model, "changelist"),
        _url(model, "add"),
        _url(model, "change", gevuld[model].pk),
    ]
    for page in pages:
        r = admin_client.get(page)
        assert r.status_code == 200, page
        html = r.content.decode()
        assert werknemer.bsn not in html, page
        assert "NL91ABNA0417164300" not in html, page
        assert werknemer.bsn_index not in html, page


def test_changelist_shows_masked_bsn_and_hours(admin_client, werknemer):
    html = admin_client.get(_url(Werknemer, "changelist")).content.decode()
    assert "Fatima El Amrani" in html
    assert werknemer.bsn_gemaskeerd in html
    assert "0–24" in html


def test_changelist_filters_load(admin_client, gevuld, catalogus):
    base = _url(Werknemer, "changelist")
    for query in (
        "status__exact=actief",
        "wijk=Zuidwest",
        f"vaardigheden__vaardigheid__id__exact={catalogus['tuin'].pk}",
        "sroi_doelgroep__exact=ww",
        "q=Amrani",
    ):
        assert admin_client.get(f"{base}?{query}").status_code == 200, query
    r = admin_client.get(f"{base}?q={gevuld[Werknemer].bsn}")
    assert list(r.context["cl"].result_list) == [gevuld[Werknemer]]


def test_certificate_validity_filter(admin_client, werknemer, vca):
    geldig = f.CertificaatFactory(werknemer=werknemer, soort=vca, geldig_tot=date(2099, 1, 1))
    verlopen = f.CertificaatFactory(
        werknemer=werknemer, soort=vca, geldig_van=date(2019, 1, 1), geldig_tot=date(2020, 1, 1)
    )
    base = _url(Certificaat, "changelist")
    r = admin_client.get(f"{base}?geldigheid=geldig")
    assert list(r.context["cl"].result_list) == [geldig]
    r = admin_client.get(f"{base}?geldigheid=verlopen")
    assert list(r.context["cl"].result_list) == [verlopen]


def _form_data(werknemer: Werknemer, **changes) -> dict:
    data = {
        "voornaam": werknemer.voornaam,
        "achternaam": werknemer.achternaam,
        "geboortedatum": "1990-05-17",
        "postcode": werknemer.postcode,
        "latitude": str(werknemer.latitude),
        "longitude": str(werknemer.longitude),
        "wijk": werknemer.wijk,
        "max_reisafstand_km": "5",
        "uren_per_week_min": "0",
        "uren_per_week_max": "24",
        "lid_sinds": "2025-03-01",
        "inleg_betaald": "0",
        "status": "actief",
        "nieuw_bsn": "",
        "nieuw_iban": "",
    }
    for prefix in ("vaardigheden", "certificaten", "beschikbaarheid", "afwezigheden"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_change_without_new_bsn_keeps_it(admin_client, werknemer):
    oud = werknemer.bsn
    r = admin_client.post(_url(Werknemer, "change", werknemer.pk), _form_data(werknemer))
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    werknemer.refresh_from_db()
    assert werknemer.bsn == oud
    assert werknemer.iban == "NL91ABNA0417164300"


def test_new_bsn_replaces_it(admin_client, werknemer):
    data = _form_data(werknemer, nieuw_bsn="111 222 333", nieuw_iban="NL02ABNA0123456789")
    r = admin_client.post(_url(Werknemer, "change", werknemer.pk), data)
    assert r.status_code == 302
    werknemer.refresh_from_db()
    assert werknemer.bsn == "111222333"
    assert werknemer.bsn_index == blind_index("111222333")
    assert werknemer.iban == "NL02ABNA0123456789"


def test_invalid_or_duplicate_bsn_is_a_form_error(admin_client, werknemer, andere_werknemer):
    url = _url(Werknemer, "change", werknemer.pk)
    r = admin_client.post(url, _form_data(werknemer, nieuw_bsn="123456789"))
    assert r.status_code == 200
    assert "elfproef" in str(r.context["adminform"].form.errors["nieuw_bsn"])
    r = admin_client.post(url, _form_data(werknemer, nieuw_bsn=andere_werknemer.bsn))
    assert r.status_code == 200
    assert "al een werknemer" in str(r.context["adminform"].form.errors["nieuw_bsn"])
    assert andere_werknemer.bsn not in r.content.decode()


def test_add_requires_bsn_and_geocodes(admin_client, postcodes):
    w = Werknemer(voornaam="Noor", achternaam="Visser", postcode="3531 AB")
    data = _form_data(w, latitude="", longitude="", wijk="", postcode="3531ab")
    r = admin_client.post(_url(Werknemer, "add"), data)
    assert r.status_code == 200
    assert "nieuw_bsn" in r.context["adminform"].form.errors
    r = admin_client.post(_url(Werknemer, "add"), {**data, "nieuw_bsn": "111222333"})
    assert r.status_code == 302
    noor = Werknemer.objects.get(voornaam="Noor")
    assert noor.bsn == "111222333"
    assert (noor.postcode, noor.wijk, str(noor.latitude)) == ("3531 AB", "West", "52.093000")


def test_reveal_view_asks_first_then_shows_and_audits(admin_client, staff, werknemer):
    url = reverse("admin:werknemers_werknemer_persoonsgegevens", args=[werknemer.pk])
    change_html = admin_client.get(_url(Werknemer, "change", werknemer.pk)).content.decode()
    assert url in change_html
    r = admin_client.get(url)
    assert r.status_code == 200
    assert werknemer.bsn not in r.content.decode()
    assert not AuditLog.objects.exists()
    r = admin_client.post(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert werknemer.bsn in html and "NL91ABNA0417164300" in html
    row = AuditLog.objects.get()
    assert (row.user, row.action, row.fields) == (staff, "inzage", "bsn,iban")


def test_reveal_view_refuses_non_staff(werknemer_user, werknemer):
    client = Client()
    client.force_login(werknemer_user)
    url = reverse("admin:werknemers_werknemer_persoonsgegevens", args=[werknemer.pk])
    r = client.post(url)
    assert r.status_code == 302  # to the admin login
    assert "login" in r["Location"]
    assert not AuditLog.objects.exists()
