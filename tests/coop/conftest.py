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


def op_dag(dagen: int, uur: int = 9):
    """An aware datetime `dagen` days from today at `uur` o'clock Amsterdam time: shifts built
    from it never cross midnight, whatever time of day the suite runs."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    dag = timezone.localdate() + timedelta(days=dagen)
    return datetime(dag.year, dag.month, dag.day, uur, tzinfo=ZoneInfo("Europe/Amsterdam"))
