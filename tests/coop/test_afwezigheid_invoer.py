"""Bad input for absence: a Dutch 4xx and nothing changed; and who may see and do what."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coop.models import Aanbod, Afwezigheidsmelding, Dienst, Gebeurtenis, Inzet, Job, Urenregel
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.conftest import lid

AMS = ZoneInfo("Europe/Amsterdam")


def _staat():
    return (
        Afwezigheidsmelding.objects.count(),
        list(Inzet.objects.values_list("pk", "status").order_by("pk")),
        list(Dienst.objects.values_list("pk", "status").order_by("pk")),
        Aanbod.objects.count(),
        Urenregel.objects.count(),
        Gebeurtenis.objects.count(),
    )


@pytest.fixture
def ingepland(werknemer, werkgever, catalogus):
    """Fatima holds a call in 10 days; Daan-like members could stand in."""
    lid(catalogus)
    locatie = f.LocatieFactory(werkgever=werkgever)
    dag = timezone.localdate() + timedelta(days=10)
    job = Job.objects.create(soort="incidenteel", reden="test")
    dienst = Dienst.objects.create(
        job=job,
        locatie=locatie,
        start=datetime.combine(dag, time(9), tzinfo=AMS),
        eind=datetime.combine(dag, time(13), tzinfo=AMS),
    )
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer)
    return aanbod_services.aanbod_accept(user=werknemer.user, aanbod_id=aanbod.pk)


def _d(dagen: int) -> str:
    return (timezone.localdate() + timedelta(days=dagen)).isoformat()


@pytest.mark.parametrize(
    "body, veld, woord",
    [
        ({"soort": "ziek", "van": _d(5), "tot": _d(2)}, "tot", "vóór de eerste dag"),
        ({"soort": "ziek", "van": _d(-40)}, "van", "dagen terug"),
        ({"soort": "kan_niet", "van": _d(9), "tot": _d(10)}, "reden", "reden"),
        ({"soort": "kan_niet", "van": _d(9), "reden": "afspraak"}, "tot", "laatste dag"),
        ({"soort": "verlof", "van": _d(9), "tot": _d(10)}, "soort", None),
    ],
)
def test_bad_ranges_are_refused_in_dutch_and_change_nothing(
    api_as, werknemer_user, ingepland, body, veld, woord
):
    voor = _staat()
    r = api_as(werknemer_user).post("afwezigheid/", body)
    assert r.status_code in (400, 422), r.body
    assert veld in r.body["fields"] or any(veld in k for k in r.body["fields"]), r.body
    if woord:
        assert woord in r.body["detail"]
    assert _staat() == voor


def test_overlapping_report_is_a_409_and_changes_nothing(api_as, werknemer_user, ingepland):
    eerste = api_as(werknemer_user).post("afwezigheid/", {"soort": "ziek", "van": _d(8)})
    assert eerste.status_code == 201
    voor = _staat()
    r = api_as(werknemer_user).post(
        "afwezigheid/", {"soort": "kan_niet", "van": _d(12), "tot": _d(13), "reden": "x"}
    )
    assert r.status_code == 409
    assert "overlapt" in r.body["detail"]
    assert _staat() == voor


def test_report_for_another_member_is_a_404(
    api_as, werknemer_user, andere_werknemer, ingepland, werkgever_user
):
    voor = _staat()
    r = api_as(werknemer_user).post(
        "afwezigheid/", {"soort": "ziek", "van": _d(9), "werknemer_id": andere_werknemer.pk}
    )
    assert r.status_code == 404
    assert (
        api_as(werkgever_user).post("afwezigheid/", {"soort": "ziek", "van": _d(9)}).status_code
        == 403
    )
    assert _staat() == voor


def test_recovery_before_the_report_and_by_a_member_are_refused(
    api_as, staff, werknemer_user, ingepland
):
    melding = api_as(werknemer_user).post("afwezigheid/", {"soort": "ziek", "van": _d(9)}).body
    voor = _staat()
    r = api_as(staff).post(f"afwezigheid/{melding['id']}/herstel", {"hersteld_per": _d(8)})
    assert r.status_code == 422
    assert "niet na de eerste ziektedag" in r.body["detail"]
    assert (
        api_as(werknemer_user)
        .post(f"afwezigheid/{melding['id']}/herstel", {"hersteld_per": _d(11)})
        .status_code
        == 403
    )
    assert _staat() == voor
    # Recovery twice on the same day is the same; on another day a conflict.
    assert (
        api_as(staff)
        .post(f"afwezigheid/{melding['id']}/herstel", {"hersteld_per": _d(11)})
        .status_code
        == 200
    )
    na = _staat()
    assert (
        api_as(staff)
        .post(f"afwezigheid/{melding['id']}/herstel", {"hersteld_per": _d(11)})
        .status_code
        == 200
    )
    assert (
        api_as(staff)
        .post(f"afwezigheid/{melding['id']}/herstel", {"hersteld_per": _d(12)})
        .status_code
        == 409
    )
    assert _staat() == na


def test_kan_niet_inside_four_days_is_recorded_visibly_and_unpaid(
    api_as, werknemer, werknemer_user, werkgever, catalogus
):
    lid(catalogus)
    locatie = f.LocatieFactory(werkgever=werkgever)
    dag = timezone.localdate() + timedelta(days=2)
    job = Job.objects.create(soort="incidenteel", reden="test")
    dienst = Dienst.objects.create(
        job=job,
        locatie=locatie,
        start=datetime.combine(dag, time(9), tzinfo=AMS),
        eind=datetime.combine(dag, time(13), tzinfo=AMS),
    )
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer)
    inzet = aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    r = api_as(werknemer_user).post(
        "afwezigheid/",
        {"soort": "kan_niet", "van": dag.isoformat(), "tot": dag.isoformat(), "reden": "kind ziek"},
    )
    assert r.status_code == 201, r.body
    assert r.body["korte_termijn"] is True
    assert r.body["betaald"] == "geen loon"
    assert r.body["vrijgegeven"][0]["korte_termijn"] is True
    inzet.refresh_from_db()
    assert inzet.status == "vrijgegeven" and inzet.uren_doorbetaald == 0
    assert not Urenregel.objects.filter(inzet=inzet).exists()
    # The member sees it with the reason; it is their whole record.
    mijn = api_as(werknemer_user).get("afwezigheid/").body
    assert [(m["soort"], m["reden"]) for m in mijn] == [("kan_niet", "kind ziek")]


def test_worklist_lists_absences_and_overdue_reports(api_as, staff, werknemer, werknemer_user):
    van = timezone.localdate() - timedelta(days=10)
    melding = api_as(staff).post(
        "afwezigheid/", {"soort": "ziek", "van": van.isoformat(), "werknemer_id": werknemer.pk}
    )
    assert melding.status_code == 201, melding.body
    lijst = api_as(staff).get("afwezigheid/werklijst").body
    soorten = {p["soort"]: p for p in lijst}
    assert "afwezig" in soorten
    # Reported to the occupational health service within a week: 3 days overdue now.
    assert soorten["arbodienst"]["vervaldatum"] == (van + timedelta(days=7)).isoformat()
    assert "te laat" in soorten["arbodienst"]["toelichting"]
    assert "probleemanalyse" not in soorten  # due in 6 weeks, not yet within a week
    assert api_as(werknemer_user).get("afwezigheid/werklijst").status_code == 403


def test_matching_skips_an_absent_member(werknemer, werkgever, catalogus, staff):
    from coop.selectors.kandidaten import rank_for_dienst

    f.WerknemerVaardigheidFactory(werknemer=werknemer, vaardigheid=catalogus["schoonmaak"])
    for d in range(7):
        f.BeschikbaarheidFactory(werknemer=werknemer, weekdag=d, begin=time(6), eind=time(22))
    locatie = f.LocatieFactory(werkgever=werkgever)
    dag = timezone.localdate() + timedelta(days=10)
    dienst = Dienst.objects.create(
        job=Job.objects.create(soort="incidenteel", reden="test"),
        locatie=locatie,
        start=datetime.combine(dag, time(9), tzinfo=AMS),
        eind=datetime.combine(dag, time(13), tzinfo=AMS),
    )
    assert werknemer.pk in {b.kandidaat_id for b in rank_for_dienst(dienst).geschikt}
    from coop.services.werk.afwezigheid import afwezigheid_report

    afwezigheid_report(
        user=staff, soort="ziek", van=timezone.localdate(), werknemer_id=werknemer.pk
    )
    assert werknemer.pk not in {b.kandidaat_id for b in rank_for_dienst(dienst).geschikt}


def test_staff_report_through_the_admin_releases_the_shift(client, staff, werknemer, ingepland):
    client.force_login(staff)
    dag = timezone.localdate() + timedelta(days=10)
    url = "/admin/coop/afwezigheidsmelding/add/"
    assert client.get(url).status_code == 200
    fout = client.post(
        url, {"werknemer": werknemer.pk, "soort": "ziek", "van": dag, "tot": dag - timedelta(1)}
    )
    assert fout.status_code == 200 and "vóór de eerste dag" in fout.content.decode()
    assert not Afwezigheidsmelding.objects.exists()
    r = client.post(url, {"werknemer": werknemer.pk, "soort": "ziek", "van": dag, "tot": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    melding = Afwezigheidsmelding.objects.get()
    ingepland.refresh_from_db()
    assert ingepland.status == "vrijgegeven"
    assert client.get(f"/admin/coop/afwezigheidsmelding/{melding.pk}/change/").status_code == 200
    client.post(
        "/admin/coop/afwezigheidsmelding/",
        {"action": "beter_melden_vandaag", "_selected_action": [melding.pk]},
    )
    melding.refresh_from_db()
    # Recovery "today" lies before the first sick day: refused, the record unchanged.
    assert melding.status == "gemeld"


def test_staff_decline_leave_through_the_admin_with_a_reason(client, staff, werknemer):
    """The admin's "Verlof afwijzen" goes through the service as the API does: without a
    reason nothing changes; with one the request is declined and the member reads why."""
    dag = timezone.localdate() + timedelta(days=20)
    melding = Afwezigheidsmelding.objects.create(
        werknemer=werknemer,
        soort="verlof",
        status="aangevraagd",
        van=dag,
        tot=dag + timedelta(days=2),
        gemeld_op=timezone.now(),
    )
    client.force_login(staff)
    lijst = "/admin/coop/afwezigheidsmelding/"
    assert "Reden (bij afwijzen)" in client.get(lijst).content.decode()
    actie = {"action": "verlof_afwijzen", "_selected_action": [melding.pk], "index": 0}
    leeg = client.post(lijst, {**actie, "reden": "  "}, follow=True)
    assert "Geef een reden op." in leeg.content.decode()
    melding.refresh_from_db()
    assert melding.status == "aangevraagd"
    r = client.post(lijst, {**actie, "reden": "te druk in de zomer"}, follow=True)
    assert "verwerkt" in r.content.decode()
    melding.refresh_from_db()
    assert melding.status == "afgewezen" and melding.beoordeeld_door == staff
    assert "te druk in de zomer" in melding.reden
    assert Gebeurtenis.objects.filter(
        soort="afwezigheid", werknemer=werknemer, tekst__contains="te druk in de zomer"
    ).exists()


def test_the_member_data_export_holds_their_absences(api_as, werknemer_user, ingepland):
    api_as(werknemer_user).post(
        "afwezigheid/", {"soort": "kan_niet", "van": _d(10), "tot": _d(10), "reden": "examen"}
    )
    export = api_as(werknemer_user).get("werknemers/mij/export").json()
    assert [(a["soort"], a["reden"]) for a in export["afwezigheid"]] == [("kan_niet", "examen")]


def test_no_worked_hours_on_a_released_shift(api_as, werknemer_user, ingepland):
    api_as(werknemer_user).post(
        "afwezigheid/", {"soort": "kan_niet", "van": _d(10), "tot": _d(10), "reden": "examen"}
    )
    # After the work day, when hours could be entered for a shift that took place.
    with time_machine.travel(ingepland.eind + timedelta(hours=2)):
        r = api_as(werknemer_user).post(
            "uren/",
            {
                "inzet_id": ingepland.pk,
                "start": ingepland.start.isoformat(),
                "eind": ingepland.eind.isoformat(),
            },
        )
    assert r.status_code == 409
    assert "vrijgegeven" in r.body["detail"]
    assert not Urenregel.objects.exists()


def test_a_recovered_sickness_reported_again_changes_nothing(
    api_as, staff, werknemer_user, ingepland
):
    melding = api_as(werknemer_user).post("afwezigheid/", {"soort": "ziek", "van": _d(9)}).body
    api_as(staff).post(f"afwezigheid/{melding['id']}/herstel", {"hersteld_per": _d(12)})
    voor = _staat()
    opnieuw = api_as(werknemer_user).post("afwezigheid/", {"soort": "ziek", "van": _d(9)})
    assert opnieuw.status_code == 200 and opnieuw.body["id"] == melding["id"]
    binnen = api_as(werknemer_user).post(
        "afwezigheid/", {"soort": "kan_niet", "van": _d(11), "tot": _d(11), "reden": "x"}
    )
    assert binnen.status_code == 409
    assert _staat() == voor
    # After the recovery a new report is fine.
    assert (
        api_as(werknemer_user)
        .post("afwezigheid/", {"soort": "kan_niet", "van": _d(12), "tot": _d(12), "reden": "x"})
        .status_code
        == 201
    )
