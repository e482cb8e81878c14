"""The admin's upload form for imports and the invoice admin's verified downloads.

coop/admin_facturen.py is imported here (before the URLconf loads) until coop/admin.py does.
"""

import io

from django.test import Client

import coop.admin.facturen  # noqa: F401
from coop.models import Importrun, Werkpakket
from coop.services.facturen import facturen as svc
from tests import factories as f
from tests.coop.test_facturen_fixtures import *  # noqa: F403
from tests.coop.test_facturen_fixtures import OKT, klus, pakket, uren
from tests.coop.test_import import EENMALIG, werkmap


def _client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_upload_form_imports_and_shows_errors(staff, werkgever, db):
    f.VaardigheidFactory(code="schoonmaak")
    f.CertificaatSoortFactory(code="vca")
    f.LocatieFactory(werkgever=werkgever, naam="Marshallaan 1-99")
    client = _client(staff)
    assert client.get("/admin/coop/importrun/add/").status_code == 200
    rij = {**EENMALIG, "werkgever": werkgever.kvk_nummer}
    bestand = io.BytesIO(werkmap([rij, {**rij, "soort": "soms"}]))
    bestand.name = "planning.xlsx"
    response = client.post(
        "/admin/coop/importrun/add/", {"soort": "werkpakketten", "bestand": bestand}, follow=True
    )
    assert response.status_code == 200
    run = Importrun.objects.get()
    assert (run.uitkomst, run.rijen, run.aangemaakt) == ("geweigerd", 2, 0)
    assert run.fouten[0]["cel"] == "F3"
    assert "Kies &#x27;eenmalig&#x27; of &#x27;terugkerend&#x27;." in response.content.decode()
    assert Werkpakket.objects.count() == 0


def test_invoice_admin_lists_and_serves_verified_files(staff, werkgever, locatie, oktober):
    lid = f.WerknemerFactory()
    uren(lid, klus(pakket(locatie, tarief="25.00")), locatie, OKT, 9, 12)
    factuur, _ = svc.factuur_maken(user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk)
    client = _client(staff)
    lijst = client.get("/admin/coop/factuur/")
    assert factuur.nummer in lijst.content.decode()
    pdf = client.get(f"/admin/coop/factuur/{factuur.pk}/bestand/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/admin/coop/factuur/{factuur.pk}/change/").status_code == 200
