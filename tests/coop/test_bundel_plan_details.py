"""Bundling and planning say which jobs, offers and leftovers they produced, not only counts."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from contracten import arbeidstijd
from contracten.feiten import DatedTable, Feit
from coop.models import Aanbod, Dienst, Fragment, Job
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_vast_flow import terugkerend


def test_bundling_lists_its_jobs_and_leftovers(
    api_as, staff, werkgever_user, andere_werkgever_user, catalogus
):
    hier = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    ver = f.LocatieFactory(  # far away: cannot share a job with the other fragments
        werkgever=andere_werkgever_user.werkgever_gebruiker.werkgever,
        latitude=Decimal("53.219000"),
        longitude=Decimal("6.566000"),
    )
    for user, locatie, blokken in (
        (
            werkgever_user,
            hier,
            [
                {"weekdag": 1, "begin": "09:00", "eind": "17:00"},
                {"weekdag": 3, "begin": "09:00", "eind": "17:00"},
            ],
        ),
        (andere_werkgever_user, ver, [{"weekdag": 4, "begin": "10:00", "eind": "11:00"}]),
    ):
        pakket = api_as(user).post("werkpakketten/", terugkerend(locatie, blokken))
        assert pakket.status_code == 201, pakket.body
        api_as(user).post(f"werkpakketten/{pakket.body['id']}/publiceer")

    run = api_as(staff).post("bundelen")
    assert run.status_code == 200, run.body
    assert run.body["banen"] == len(run.body["jobs"]) >= 1
    assert sorted(j["id"] for j in run.body["jobs"]) == sorted(
        Job.objects.filter(soort="vast").values_list("pk", flat=True)
    )
    assert all(j["omschrijving"].startswith("Gebundeld:") for j in run.body["jobs"])
    over = Fragment.objects.filter(job__isnull=True)
    assert sorted(o["id"] for o in run.body["over"]) == sorted(over.values_list("pk", flat=True))
    assert run.body["fragmenten"] == Fragment.objects.count()
    for o in run.body["over"]:
        fragment = over.get(pk=o["id"])
        assert fragment.werkpakket.titel in o["omschrijving"]
        assert f"{fragment.begin:%H:%M}-{fragment.eind:%H:%M}" in o["omschrijving"]
    assert run.body["over"], "the far-away hour is left over"


def _langste_dienst_vanaf(dag, uren):
    """The adults' working-time table with a row from `dag` on whose longest shift is `uren`."""
    oud = arbeidstijd.NORMEN_VOLWASSEN
    rij = oud.code_rijen[-1]
    nieuw = Feit(replace(rij.waarde, max_dienst_uren=uren), dag, None, "test")
    return DatedTable(oud.onderwerp, [replace(rij, geldig_tot=dag - timedelta(days=1)), nieuw])


def test_bundling_keeps_the_legal_day_limit_of_the_days_its_jobs_run(
    api_as, staff, werkgever_user, catalogus, monkeypatch
):
    locatie = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    blokken = [
        {"weekdag": 1, "begin": "09:00", "eind": "17:00"},
        {"weekdag": 3, "begin": "09:00", "eind": "17:00"},
    ]
    pakket = api_as(werkgever_user).post("werkpakketten/", terugkerend(locatie, blokken, weken=26))
    assert pakket.status_code == 201, pakket.body
    api_as(werkgever_user).post(f"werkpakketten/{pakket.body['id']}/publiceer")
    vandaag = timezone.localdate()
    with monkeypatch.context() as m:
        # From today a shift may last 7 hours: the 8-hour days can make no job.
        m.setattr(arbeidstijd, "NORMEN_VOLWASSEN", _langste_dienst_vanaf(vandaag, Decimal(7)))
        assert api_as(staff).post("bundelen").body["banen"] == 0
    with monkeypatch.context() as m:
        # The same change a year ahead, after the package ends: the job is made.
        later = vandaag + timedelta(days=365)
        m.setattr(arbeidstijd, "NORMEN_VOLWASSEN", _langste_dienst_vanaf(later, Decimal(7)))
        assert api_as(staff).post("bundelen").body["banen"] == 1


def test_planning_lists_its_offers_and_leftovers(api_as, staff, werkgever_user, catalogus):
    locatie = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    dag = timezone.localdate() + timedelta(days=10)
    pakket = api_as(werkgever_user).post(
        "werkpakketten/",
        {
            "locatie_id": locatie.pk,
            "titel": "Verhuizing bewoners",
            "categorie": "verhuishulp",
            "soort": "eenmalig",
            "tarief_per_uur": "28.00",
            "vroegste_start": dag.isoformat(),
            "uiterlijk_eind": dag.isoformat(),
            "totaal_uren": "24",
            "max_personen": 3,
            "dagen": [dag.weekday()],
            "vaardigheden": [{"code": "schoonmaak", "min_niveau": 1}],
        },
    )
    api_as(werkgever_user).post(f"werkpakketten/{pakket.body['id']}/publiceer")
    leden = [lid(catalogus) for _ in range(2)]

    plan = api_as(staff).post("planning", {"van": dag.isoformat(), "tot": dag.isoformat()})
    assert plan.status_code == 200, plan.body
    assert (plan.body["aanbiedingen"], len(plan.body["aangeboden"])) == (2, 2)
    aanbiedingen = Aanbod.objects.filter(status="open")
    assert sorted(a["id"] for a in plan.body["aangeboden"]) == sorted(
        aanbiedingen.values_list("pk", flat=True)
    )
    for a in plan.body["aangeboden"]:
        aanbod = aanbiedingen.get(pk=a["id"])
        assert (a["dienst_id"], a["werknemer_id"]) == (aanbod.dienst_id, aanbod.werknemer_id)
        assert "Verhuizing bewoners" in a["omschrijving"]
        assert aanbod.werknemer.volledige_naam in a["omschrijving"]
    assert {a["werknemer_id"] for a in plan.body["aangeboden"]} == {w.pk for w in leden}
    [over] = plan.body["over"]
    assert over["dienst_id"] == Dienst.objects.exclude(aanbiedingen__status="open").get().pk
    assert f"{dag:%d-%m-%Y}" in over["omschrijving"] and over["werknemer_id"] is None
