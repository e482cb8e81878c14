"""Fixtures shared by the broker's scenario tests."""

from datetime import time

import pytest

from tests import factories as f


@pytest.fixture
def catalogus(db):
    schoonmaak = f.VaardigheidFactory(code="schoonmaak", naam="Schoonmaak")
    vca = f.CertificaatSoortFactory(code="vca", naam="VCA Basis")
    return {"schoonmaak": schoonmaak, "vca": vca}


def lid(catalogus, user=None, *, niveau=2, km=10, **kwargs):
    """A member who cleans at `niveau`, holds VCA, and is available 06:00-22:00 every day."""
    werknemer = f.WerknemerFactory(user=user, max_reisafstand_km=km, **kwargs)
    f.WerknemerVaardigheidFactory(
        werknemer=werknemer, vaardigheid=catalogus["schoonmaak"], niveau=niveau
    )
    f.CertificaatFactory(werknemer=werknemer, soort=catalogus["vca"])
    for dag in range(7):
        f.BeschikbaarheidFactory(
            werknemer=werknemer, weekdag=dag, begin=time(6, 0), eind=time(22, 0)
        )
    return werknemer
