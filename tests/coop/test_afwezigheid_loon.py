# ruff: noqa: F811  (fixtures imported from other modules)
"""Sick pay in the service: waiting days as the contract states, the presumed hours of
on-call work after three months, and shifts planned later into a sickness."""

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import time_machine
from django.conf import settings

from contracten.models import Arbeidscontract
from coop.models import Aanbod, Inzet, Job, Loonperiode, Urenregel
from coop.services.uren import loonexport
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import afwezigheid as afwezigheid_services
from coop.services.werk import inzet as inzet_services
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_afwezigheid_verhaal import fatima, oproep_aannemen  # noqa: F401
from tests.coop.test_vast_flow import gebundeld, terugkerend  # noqa: F401

AMS = ZoneInfo("Europe/Amsterdam")


def test_waiting_days_only_as_the_contract_states(staff, fatima, werkgever, catalogus):
    lid(catalogus)
    locatie = f.LocatieFactory(werkgever=werkgever)
    for dag in (19, 20):
        oproep_aannemen(fatima, locatie, date(2026, 11, dag))
    Arbeidscontract.objects.filter(werknemer=fatima).update(wachtdagen=1)
    afwezigheid_services.afwezigheid_report(
        user=fatima.user, soort="ziek", van=date(2026, 11, 19), tot=date(2026, 11, 20)
    )
    regels = Urenregel.objects.filter(soort="ziek").order_by("datum")
    assert [(r.datum.day, r.doorbetaling_procent) for r in regels] == [
        (19, Decimal("0")),
        (20, Decimal("70")),
    ]
    assert "Wachtdag" in regels[0].toelichting_regels[0]


def test_no_waiting_day_without_the_contract_saying_so(fatima, werkgever, catalogus):
    locatie = f.LocatieFactory(werkgever=werkgever)
    oproep_aannemen(fatima, locatie, date(2026, 11, 19))
    afwezigheid_services.afwezigheid_report(
        user=fatima.user, soort="ziek", van=date(2026, 11, 19), tot=date(2026, 11, 19)
    )
    assert Urenregel.objects.get(soort="ziek").doorbetaling_procent == Decimal("70")


def test_on_call_sick_after_three_months_is_topped_up_to_the_presumed_hours(
    fatima,
    werkgever,
    catalogus,
):
    locatie = f.LocatieFactory(werkgever=werkgever)
    # Thursdays from 2 July to 12 November 9:00-15:00 (6 h less the 30 min break), accepted
    # back in June; the call of 19 November is 4 h.
    with time_machine.travel(datetime(2026, 6, 29, 9, tzinfo=AMS)):
        dag = date(2026, 7, 2)
        while dag <= date(2026, 11, 12):
            oproep_aannemen(fatima, locatie, dag, 9, 15)
            dag = date.fromordinal(dag.toordinal() + 7)
    oproep_aannemen(fatima, locatie, date(2026, 11, 19), 9, 13)
    afwezigheid_services.afwezigheid_report(
        user=fatima.user, soort="ziek", van=date(2026, 11, 19), tot=date(2026, 11, 25)
    )
    regel = Urenregel.objects.get(soort="ziek")
    # 13 calls of 5.5 h in the 3 months (92 days) before: 71.5 / (92 / 7) = 5.44 h a week
    # presumed; the 4 h call is topped up by 1.44 h.
    assert regel.ziek_uren == Decimal("5.44")
    assert "7:610b" in regel.toelichting_regels[-1]


def test_shifts_planned_later_into_an_open_sickness_go_to_others(
    fatima,
    gebundeld,
    catalogus,
):
    lid(catalogus)
    job = Job.objects.get(soort="vast")
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=fatima)

    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    afwezigheid_services.afwezigheid_report(user=fatima.user, soort="ziek", van=date(2026, 11, 19))
    vrij = Inzet.objects.filter(werknemer=fatima, status="vrijgegeven").count()
    assert vrij > 0
    assert not Inzet.objects.filter(werknemer=fatima, status="actief").exists()
    with time_machine.travel(datetime(2026, 11, 30, 7, tzinfo=AMS)):
        inzet_services.vaste_diensten_extend()
    assert not Inzet.objects.filter(werknemer=fatima, status="actief").exists()
    later = Inzet.objects.filter(werknemer=fatima, status="vrijgegeven")
    assert later.count() > vrij
    assert Urenregel.objects.filter(soort="ziek").count() == later.count()
    nieuwste = later.order_by("-start").first()
    assert (
        Aanbod.objects.filter(dienst_id=nieuwste.dienst_id, status="open")
        .exclude(werknemer=fatima)
        .exists()
    )
    assert time(9) == nieuwste.start.astimezone(AMS).time()


def test_worklist_warns_of_holiday_hours_about_to_lapse(staff, fatima, gebundeld):
    from coop.selectors.afwezigheid import werklijst

    job = Job.objects.get(soort="vast")
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=fatima)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    # The job runs from 19 November 2026: 43/365 of 4 x 14 h in 2026, none taken.
    punten = [p for p in werklijst(staff, vandaag=date(2027, 6, 1)) if p.soort == "verlof_vervalt"]
    assert [(p.werknemer_id, p.vervaldatum) for p in punten] == [(fatima.pk, date(2027, 6, 30))]
    assert "6,60 wettelijke verlofuren uit 2026" in punten[0].toelichting
    assert not [
        p for p in werklijst(staff, vandaag=date(2027, 3, 1)) if p.soort == "verlof_vervalt"
    ]


def test_on_call_holiday_accrues_over_sick_hours_as_payroll_counts_them(
    api_as, fatima, werkgever, catalogus
):
    """4/48 of each paid call hour, sick hours included (7:634, contracten/BRONNEN.md §16):
    the balance the member sees accrues what payroll's holiday-hours component accrues."""
    lid(catalogus)
    locatie = f.LocatieFactory(werkgever=werkgever)
    for dag in (19, 20, 21):
        oproep_aannemen(fatima, locatie, date(2026, 11, dag))
    afwezigheid_services.afwezigheid_report(
        user=fatima.user, soort="ziek", van=date(2026, 11, 19), tot=date(2026, 11, 21)
    )
    assert sum(r.ziek_uren for r in Urenregel.objects.filter(soort="ziek")) == Decimal("12.00")
    saldo = api_as(fatima.user).get("verlof/saldo", {"jaar": 2026}).body
    # 12 sick hours x 4/48 = 1 hour.
    assert Decimal(saldo["opbouw_oproep"]) == Decimal("1.00")
    with time_machine.travel(datetime(2026, 12, 2, 9, tzinfo=AMS)):
        periode = Loonperiode.objects.create(
            soort="maand", begin=date(2026, 11, 1), eind=date(2026, 11, 30)
        )
        export = loonexport.loonexport_run(
            export_id=loonexport.loonexport_create(periode_id=periode.pk).pk
        )
    assert export.status == "done", export.melding
    csv = pd.read_csv(
        Path(settings.MEDIA_ROOT) / export.bestanden["csv"]["pad"], sep=";", decimal=","
    )
    opbouw = csv[csv["Looncomponent"] == "Opbouw vakantie-uren"]["Waarde"].sum()
    assert Decimal(saldo["opbouw_oproep"]) == Decimal(str(opbouw)).quantize(Decimal("0.01"))


def test_admin_worklist_shows_deadlines_and_holiday_balances(client, staff, fatima, gebundeld):
    job = Job.objects.get(soort="vast")
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=fatima)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    van = date(2026, 11, 6)  # ten days before the reference Monday
    afwezigheid_services.afwezigheid_report(
        user=staff, soort="ziek", van=van, werknemer_id=fatima.pk
    )
    client.force_login(staff)
    lijst = client.get("/admin/coop/afwezigheidsmelding/")
    assert "/admin/coop/afwezigheidsmelding/werklijst/" in lijst.content.decode()
    pagina = client.get("/admin/coop/afwezigheidsmelding/werklijst/")
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    werklijst, saldi = tekst.split('id="verlofsaldi"')
    assert "Ziekmelding aan de arbodienst of bedrijfsarts: uiterlijk 13-11-2026 — te laat" in (
        werklijst
    )
    assert fatima.volledige_naam in werklijst
    # The permanent job from 19 November: 43/365 of 4 x 14 h in 2026, none taken.
    assert fatima.volledige_naam in saldi and "6,60" in saldi
    client.force_login(fatima.user)
    assert client.get("/admin/coop/afwezigheidsmelding/werklijst/").status_code == 302


def test_staff_read_every_permanent_job_members_holiday_balance(api_as, staff, fatima, gebundeld):
    job = Job.objects.get(soort="vast")
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=fatima)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    saldi = api_as(staff).get("verlof/saldi", {"jaar": 2027})
    assert saldi.status_code == 200, saldi.body
    # The job runs to 20 May 2027: 140/365 of 4 x 14 h, none taken.
    assert [(s["werknemer_id"], Decimal(s["saldo"])) for s in saldi.body] == [
        (fatima.pk, Decimal("21.48"))
    ]
    assert api_as(staff).get("verlof/saldi", {"jaar": 1900}).status_code == 404
    assert api_as(fatima.user).get("verlof/saldi").status_code == 403


def test_leave_beyond_the_planning_horizon_counts_the_jobs_shifts(
    api_as, staff, fatima, gebundeld, catalogus
):
    """Leave asked for months ahead takes the permanent job's shifts not planned yet: they
    count in the request and against the balance, and are released when planned."""
    lid(catalogus)
    job = Job.objects.get(soort="vast")
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=fatima)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    februari = (date(2027, 2, 1), date(2027, 2, 5))
    assert not Inzet.objects.filter(werknemer=fatima, start__date__range=februari).exists()
    # 1-5 February 2027, beyond the 8 weeks planned ahead: Mon 6 h less the 30 min break,
    # Tue and Thu 4 h.
    aanvraag = api_as(fatima.user).post("verlof/", {"van": "2027-02-01", "tot": "2027-02-05"})
    assert aanvraag.status_code == 201, aanvraag.body
    assert Decimal(aanvraag.body["uren"]) == Decimal("13.50")
    # Five weeks from 8 February are 67.5 h, more than 2027's 4 x 14 h: refused.
    lang = api_as(fatima.user).post("verlof/", {"van": "2027-02-08", "tot": "2027-03-14"})
    assert Decimal(lang.body["uren"]) == Decimal("67.50")
    geweigerd = api_as(staff).post(f"verlof/{lang.body['id']}/goedkeuren")
    assert geweigerd.status_code == 409 and "Onvoldoende verlof" in geweigerd.body["detail"]
    goed = api_as(staff).post(f"verlof/{aanvraag.body['id']}/goedkeuren")
    assert goed.status_code == 200, goed.body
    assert goed.body["vrijgegeven"] == [] and Decimal(goed.body["uren"]) == Decimal("13.50")
    # Mid-January the horizon reaches February: the shifts planned are released at once
    # and paid as leave; the leave's hours are not counted twice.
    with time_machine.travel(datetime(2027, 1, 20, 7, tzinfo=AMS)):
        inzet_services.vaste_diensten_extend()
    inzetten = Inzet.objects.filter(werknemer=fatima, start__date__range=februari)
    assert {i.status for i in inzetten} == {"vrijgegeven"} and inzetten.count() == 3
    assert sum(r.verlof_uren for r in Urenregel.objects.filter(soort="verlof")) == Decimal("13.50")
    assert Decimal(api_as(staff).get(f"afwezigheid/{goed.body['id']}").body["uren"]) == Decimal(
        "13.50"
    )
