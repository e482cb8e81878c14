"""An invoice names the broker's KvK number, VAT number and IBAN: without them none is issued
(no number drawn, no file), and the production deploy check fails."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.test import override_settings
from pypdf import PdfReader

from coop.checks import check_makelaar_identiteit
from coop.models import Factuur
from coop.services.facturen import facturen as svc
from coop.services.facturen import factuurbestanden
from tests import factories as f
from tests.coop.test_facturen_fixtures import *  # noqa: F403
from tests.coop.test_facturen_fixtures import OKT, klus, pakket, uren

INSTELLINGEN = [
    ("kvk_nummer", "COOP_MAKELAAR_KVK"),
    ("btw_nummer", "COOP_MAKELAAR_BTW"),
    ("iban", "COOP_MAKELAAR_IBAN"),
]


def _zonder(sleutel: str, waarde: str = ""):
    return override_settings(COOP_MAKELAAR={**settings.COOP_MAKELAAR, sleutel: waarde})


@pytest.fixture
def te_factureren(werkgever, locatie):
    lid = f.WerknemerFactory(voornaam="Fatima", achternaam="El Amrani")
    uren(lid, klus(pakket(locatie)), locatie, OKT, 9, 13)


def _facturen_map() -> list[Path]:
    return list((Path(settings.MEDIA_ROOT) / "facturen").rglob("*"))


@pytest.mark.parametrize("sleutel, instelling", INSTELLINGEN)
def test_invoice_refused_without_the_brokers_identity(
    api_as, staff, werkgever, oktober, te_factureren, sleutel, instelling
):
    voor = _facturen_map()
    with _zonder(sleutel):
        enkel = api_as(staff).post(
            "facturen/", {"periode_id": oktober.pk, "werkgever_id": werkgever.pk}
        )
        alle = api_as(staff).post("facturen/periode", {"periode_id": oktober.pk})
    for antwoord in (enkel, alle):
        assert antwoord.status_code == 409, antwoord.body
        assert "Er kan geen factuur worden uitgegeven" in antwoord.body["detail"]
        assert f"ontbreekt (instelling {instelling})" in antwoord.body["detail"]
    assert not Factuur.objects.exists()
    assert _facturen_map() == voor
    # No number was drawn: with the setting back, the first invoice is number 1.
    factuur, nieuw = svc.factuur_create(
        user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk
    )
    assert nieuw and factuur.nummer.endswith("-00001")


def test_invalid_vat_number_is_named(api_as, staff, werkgever, oktober, te_factureren):
    with _zonder("btw_nummer", "NL001234567B01"):
        antwoord = api_as(staff).post(
            "facturen/", {"periode_id": oktober.pk, "werkgever_id": werkgever.pk}
        )
    assert antwoord.status_code == 409
    assert (
        "btw-nummer van de makelaar is ongeldig (instelling COOP_MAKELAAR_BTW)"
        in (antwoord.body["detail"])
    )


def test_credit_refused_without_the_brokers_identity(staff, werkgever, oktober, te_factureren):
    factuur, _ = svc.factuur_create(user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk)
    with _zonder("iban"), pytest.raises(svc.Conflict, match="COOP_MAKELAAR_IBAN"):
        svc.factuur_credit(user=staff, factuur_id=factuur.pk, reden="fout tarief")
    assert Factuur.objects.count() == 1


def test_issued_invoice_shows_the_one_set_of_broker_details(
    staff, werkgever, oktober, te_factureren
):
    identiteit = {"kvk_nummer": "87654321", "btw_nummer": "NL123456782B01"}
    with override_settings(COOP_MAKELAAR={**settings.COOP_MAKELAAR, **identiteit}):
        factuur, _ = svc.factuur_create(
            user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk
        )
        tekst = "".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(factuurbestanden.factuur_bestand(factuur, "pdf"))).pages
        )
    assert settings.COOP_MAKELAAR["naam"] in tekst  # the same name as on the contracts
    assert "KvK 87654321" in tekst and "Btw-nummer NL123456782B01" in tekst
    assert settings.COOP_MAKELAAR["iban"] in tekst


@pytest.mark.parametrize("sleutel, instelling", INSTELLINGEN)
def test_deploy_check_names_the_missing_setting(sleutel, instelling):
    assert check_makelaar_identiteit() == []
    with _zonder(sleutel):
        fouten = check_makelaar_identiteit()
    assert [type(e) for e in fouten] == [checks.Error]
    assert instelling in fouten[0].msg + fouten[0].hint
    assert fouten[0].id.startswith("coop.E00")


def test_deploy_check_in_production(tmp_path):
    """`check --deploy` with production settings: fails without the identity, passes with it."""
    from cryptography.fernet import Fernet

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COOP_MAKELAAR_", "DJANGO_SETTINGS_MODULE", "DEBUG"))
    }
    env.update(
        SECRET_KEY="test-" + "k" * 60 + "-a-long-random-production-like-secret",
        FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="coop.example.nl",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    opdracht = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    root = Path(settings.BASE_DIR)
    zonder = subprocess.run(opdracht, env=env, cwd=root, capture_output=True, text=True)
    assert zonder.returncode != 0
    for _sleutel, instelling in INSTELLINGEN:
        assert instelling in zonder.stderr
    env.update(settings.VOORBEELD_MAKELAAR)  # the example identity CI and rooktest.sh use
    env["COOP_BASIS_URL"] = "https://coop.example.nl"  # where the links in messages lead
    met = subprocess.run(opdracht, env=env, cwd=root, capture_output=True, text=True)
    assert met.returncode == 0, met.stderr
