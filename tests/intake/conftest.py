"""Fixtures for the VERA OHD intake: the specification, a corporation's link and key, the
mapping tables, fixture orders and a client that checks every answer against the spec.

The specification (OHD.yaml, VERA 4.3.0) is not in the repository: it is read from the path
in VERA_OHD_SPEC, else from ../shared/vera/OHD.yaml next to the repository (as in CI); the
tests are skipped, saying so, when neither exists.
"""

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from coop.core.models import Postcode
from coop.intake import koppelingen as koppeling_services
from coop.intake.models import OnderhoudsoortCategorie, SpecialismeVaardigheid
from tests import factories as f


def spec_pad() -> Path | None:
    kandidaten = [os.environ.get("VERA_OHD_SPEC", "")]
    kandidaten.append(str(Path(settings.BASE_DIR).parent / "shared" / "vera" / "OHD.yaml"))
    for kandidaat in kandidaten:
        if kandidaat and Path(kandidaat).is_file():
            return Path(kandidaat)
    return None


@pytest.fixture(autouse=True)
def ohd_spec(settings):
    pad = spec_pad()
    if pad is None:
        pytest.skip(
            "VERA OHD-specificatie niet gevonden: zet VERA_OHD_SPEC of leg OHD.yaml in "
            "../shared/vera/ naast de repository"
        )
    settings.VERA_OHD_SPEC = str(pad)
    return pad


class Ohd:
    """Calls /vera/ohd/v4/ with an X-API-KEY (or none) and checks every answer's body
    against the specification's response schema for that path, method and status."""

    def __init__(self, key: str | None = None, **headers):
        self.client = Client()
        self.headers = dict(headers)
        if key:
            self.headers["HTTP_X_API_KEY"] = key

    def _call(self, method, path, data=None, **extra):
        url = "/vera/ohd/v4/" + path.lstrip("/")
        kwargs = {**self.headers, **extra}
        if data is not None and method in ("post", "put", "patch"):
            body = data if isinstance(data, str | bytes) else json.dumps(data)
            response = getattr(self.client, method)(
                url, body, content_type="application/json", **kwargs
            )
        else:
            response = getattr(self.client, method)(url, **kwargs)
        response.body = response.json() if response.content else None
        controleer_antwoord(response)
        return response

    def get(self, path, **extra):
        return self._call("get", path, **extra)

    def post(self, path, data, **extra):
        return self._call("post", path, data, **extra)

    def put(self, path, data, **extra):
        return self._call("put", path, data, **extra)

    def patch(self, path, data, **extra):
        return self._call("patch", path, data, **extra)


def controleer_antwoord(response) -> None:
    """Fail the test when the body is not what the specification defines for it."""
    from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
    from openapi_core.validation.response.validators import V30ResponseDataValidator

    from coop.intake import spec

    fouten = list(
        V30ResponseDataValidator(spec.openapi().spec).iter_errors(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
    )
    details = [getattr(f, "__cause__", None) or f for f in fouten]
    assert not fouten, f"antwoord {response.status_code} past niet bij OHD.yaml: {details}"
    if response.status_code >= 400:
        assert set(response.body) == {"code", "omschrijving"}, response.body


@pytest.fixture
def ohd():
    return Ohd


@pytest.fixture
def koppelingen(db):
    loodgieter = f.VaardigheidFactory(code="loodgieterswerk", naam="Loodgieterswerk")
    timmeren = f.VaardigheidFactory(code="timmerwerk", naam="Timmerwerk")
    OnderhoudsoortCategorie.objects.create(code="REP", categorie="reparaties")
    OnderhoudsoortCategorie.objects.create(code="MUT", categorie="schoonmaak")
    SpecialismeVaardigheid.objects.create(code="LOO", vaardigheid=loodgieter, min_niveau=2)
    SpecialismeVaardigheid.objects.create(code="TIM", vaardigheid=timmeren, min_niveau=1)
    for postcode, wijk in (("3526 KA", "Kanaleneiland"), ("3527 TM", "Zuidwest")):
        Postcode.objects.create(
            postcode=postcode,
            latitude=Decimal("52.0734"),
            longitude=Decimal("5.0949"),
            plaats="Utrecht",
            wijk=wijk,
        )
    return {"LOO": loodgieter, "TIM": timmeren}


@pytest.fixture
def koppeling(werkgever, koppelingen):
    koppeling = koppeling_services.koppeling_voor(werkgever)
    koppeling.tarief_per_uur = Decimal("42.50")
    koppeling.save()
    return koppeling


@pytest.fixture
def sleutel(koppeling):
    _, key = koppeling_services.sleutel_uitgeven(werkgever=koppeling.werkgever)
    return key


@pytest.fixture
def andere_sleutel(andere_werkgever, koppelingen):
    koppeling = koppeling_services.koppeling_voor(andere_werkgever)
    koppeling.tarief_per_uur = Decimal("40")
    koppeling.save()
    _, key = koppeling_services.sleutel_uitgeven(werkgever=andere_werkgever)
    return key


def order(
    order_id: str = "WO-2026-0412",
    *,
    blok=("2026-11-03T08:00:00Z", "2026-11-03T12:00:00Z"),
    **extra,
) -> dict:
    """A repair order as a corporation's system sends it (written for these tests)."""
    bericht = {
        "id": order_id,
        "code": order_id,
        "onderhoudSoort": {"code": "REP", "naam": "Reparatie"},
        "omschrijving": "Lekkende kraan in de keuken vervangen",
        "status": {"code": "GUN", "naam": "Order gegund"},
        "opdrachtdatum": "2026-11-02T07:30:00Z",
        "uitersteGereeddatum": "2026-11-13T16:00:00Z",
        "afrekenwijze": {"code": "NCR", "naam": "Nacalculatie regie"},
        "afspraken": [
            {
                "onderwerp": "Kraan vervangen",
                "status": {"code": "AAN", "naam": "Aangevraagd"},
                "bloktijdBegin": blok[0],
                "bloktijdEind": blok[1],
                "locatie": {
                    "straatnaam": "Bernadottelaan",
                    "huisnummer": "15",
                    "huisletter": "B",
                    "postcode": "3526KA",
                    "woonplaats": {"naam": "Utrecht"},
                },
                "relaties": [
                    {
                        "soort": {"code": "NAT", "naam": "Natuurlijke persoon"},
                        "voornaam": "Samira",
                        "achternaam": "Bouzid",
                        "rollen": [{"soort": {"code": "HUU", "naam": "Huurder"}}],
                        "contactgegevens": [
                            {
                                "soort": {"code": "MOB", "naam": "Mobiele telefoon"},
                                "waarde": "06-12345678",
                            }
                        ],
                    }
                ],
            }
        ],
        "onderhoudstaken": [
            {
                "code": "1",
                "omschrijving": "Mengkraan keuken vervangen",
                "specialisme": {"code": "LOO", "naam": "Loodgieter"},
                "voorcalculaties": [
                    {
                        "omschrijving": "Werktijd",
                        "aantal": 3,
                        "bestedingsoort": {"code": "WER", "naam": "Werktijd"},
                        "meeteenheid": {"code": "UUR", "naam": "Uren"},
                    }
                ],
            }
        ],
        "defecten": [{"omschrijving": "Keuken: kraan lekt bij de voet"}],
    }
    bericht.update(extra)
    return bericht
