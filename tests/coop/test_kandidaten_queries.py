"""Ranking costs the same number of queries for 3 members as for 30."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop.models import Dienst, Instellingen, Job, PakketVaardigheid, Werkpakket
from coop.selectors.kandidaten import rank_for_dienst
from tests import factories as f
from tests.coop.conftest import lid, op_dag


def _dienst(werkgever, catalogus) -> Dienst:
    locatie = f.LocatieFactory(werkgever=werkgever)
    pakket = Werkpakket.objects.create(
        werkgever=werkgever,
        locatie=locatie,
        titel="x",
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal("30"),
    )
    PakketVaardigheid.objects.create(
        werkpakket=pakket, vaardigheid=catalogus["schoonmaak"], min_niveau=1
    )
    pakket.vereiste_certificaten.add(catalogus["vca"])
    start = op_dag(10)
    job = Job.objects.create(soort="incidenteel", reden="x", werkpakket=pakket)
    return Dienst.objects.create(
        job=job, locatie=locatie, start=start, eind=start + timedelta(hours=4)
    )


def _queries(dienst) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        ranking = rank_for_dienst(dienst)
    return len(ctx.captured_queries), len(ranking.geschikt)


def test_query_count_does_not_grow_with_members(werkgever, catalogus):
    dienst = _dienst(werkgever, catalogus)
    Instellingen.huidig()  # the settings row exists in any running office
    for _ in range(3):
        lid(catalogus)
    # The legal tables' staff rows are read once per process (contracten/gegevens.py) the
    # first time a lookup needs them (the break table, for the first candidate): not per
    # member.
    _queries(dienst)
    weinig, geschikt_weinig = _queries(dienst)
    for i in range(27):
        lid(catalogus, latitude=Decimal("52.07") + Decimal(i) / 1000)
    veel, geschikt_veel = _queries(dienst)
    assert (geschikt_weinig, geschikt_veel) == (3, 30)
    assert weinig == veel
    assert veel <= 20
