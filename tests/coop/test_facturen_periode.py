"""An invoice is made for a period only once it has ended: hours of a running or future
period are not billed into it (nothing drawn, nothing written)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from coop.models import Factuur, Loonperiode
from coop.services.facturen import facturen as svc
from coop.services.uren import loon as loon_services
from tests import factories as f
from tests.coop.test_facturen_fixtures import *  # noqa: F403
from tests.coop.test_facturen_fixtures import OKT, klus, pakket, uren


def _maand(verschuiving: int) -> Loonperiode:
    begin = timezone.localdate().replace(day=1)
    for _ in range(verschuiving):
        begin = (begin + timedelta(days=32)).replace(day=1)
    return Loonperiode.objects.create(
        soort="maand", begin=begin, eind=loon_services.periode_eind("maand", begin)
    )


@pytest.mark.parametrize("verschuiving", [0, 2], ids=["lopend", "toekomst"])
def test_invoice_for_a_period_not_ended_is_refused(api_as, staff, werkgever, locatie, verschuiving):
    lid = f.WerknemerFactory()
    uren(lid, klus(pakket(locatie)), locatie, OKT, 9, 13)  # approved October hours
    periode = _maand(verschuiving)
    map_ = Path(settings.MEDIA_ROOT) / "facturen"
    voor = sorted(map_.rglob("*")) if map_.exists() else []
    enkel = api_as(staff).post(
        "facturen/", {"periode_id": periode.pk, "werkgever_id": werkgever.pk}
    )
    alle = api_as(staff).post("facturen/periode", {"periode_id": periode.pk})
    for antwoord in (enkel, alle):
        assert antwoord.status_code == 409, antwoord.body
        assert f"Periode {periode.code} is nog niet voorbij" in antwoord.body["detail"]
        assert "factureren kan vanaf" in antwoord.body["detail"]
    assert not Factuur.objects.exists()
    assert (sorted(map_.rglob("*")) if map_.exists() else []) == voor
    # the hours wait for a period that has ended, and the numbering was not touched
    oktober = Loonperiode.objects.create(
        soort="maand", begin=OKT.replace(day=1), eind=OKT.replace(day=31)
    )
    factuur, _ = svc.factuur_maken(user=staff, periode_id=oktober.pk, werkgever_id=werkgever.pk)
    assert factuur.nummer.endswith("-00001")
