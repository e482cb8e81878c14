"""The candidate explanation ("why not") names skills and certificates, never their ids."""

from dataclasses import replace

from coop.engines.matching import beoordeel
from coop.models import Job
from coop.selectors import kandidaten
from tests.coop.conftest import lid
from tests.coop.test_broker_flow import gepubliceerd, locatie  # noqa: F401
from tests.coop.test_matching import BASIS, JOB
from tests.coop.test_vast_flow import gebundeld  # noqa: F401


def test_missing_skill_and_certificate_are_named(
    api_as,
    staff,
    gepubliceerd,  # noqa: F811
    catalogus,
):
    zonder = lid(catalogus, niveau=1)
    zonder.vaardigheden.all().delete()
    zonder.certificaten.all().delete()
    uitleg = api_as(staff).get(f"diensten/{gepubliceerd.pk}/kandidaten/{zonder.pk}")
    assert uitleg.status_code == 200, uitleg.body
    redenen = [r["melding"] for r in uitleg.body["regels"]]
    assert "Vaardigheid Schoonmaak (niveau 2) ontbreekt." in redenen
    assert "Certificaat VCA Basis ontbreekt." in redenen
    ids = {str(catalogus["schoonmaak"].pk), str(catalogus["vca"].pk)}
    assert not any(f" {i} " in r or f" {i}:" in r for r in redenen for i in ids)


def test_too_low_level_is_named(api_as, staff, gepubliceerd, catalogus):  # noqa: F811
    laag = lid(catalogus, niveau=1)
    uitleg = api_as(staff).get(f"diensten/{gepubliceerd.pk}/kandidaten/{laag.pk}").body
    assert [r["melding"] for r in uitleg["regels"]] == [
        "Vaardigheid Schoonmaak: niveau 1, vereist is niveau 2."
    ]


def test_permanent_job_requirements_carry_the_names(gebundeld, catalogus):  # noqa: F811
    eis = kandidaten.job_eis_vast(Job.objects.get(soort="vast"))
    assert eis.vaardigheid_namen == {catalogus["schoonmaak"].pk: "Schoonmaak"}
    zonder = replace(BASIS, vaardigheden={})
    job = replace(JOB, vaardigheden=eis.vaardigheden, vaardigheid_namen=eis.vaardigheid_namen)
    redenen = [u.melding for u in beoordeel(zonder, job)]
    assert "Vaardigheid Schoonmaak (niveau 1) ontbreekt." in redenen
