"""The whole story of absence, through the API as the member and staff use it.

A member with three future shifts (two incidental calls, one of a permanent job) reports
sick: each shift goes to someone else as a new offer, the employer's shifts stay, the sick
lines carry 70% with the minimum-wage floor, the month's payroll export pays them as their
own component, the same report again changes nothing and a recovery ends it. Then a leave
request on the permanent job releases and re-offers its shifts, January's payroll pays the
leave as its own component, and the fixed-hours offer counts the sick and leave hours of
calls (not a "kan niet").
"""

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
import time_machine
from django.conf import settings
from openpyxl import load_workbook

from contracten.models import Document, DocumentSoort
from contracten.vaste_uren import betaalde_uren_per_maand
from coop.models import (
    Aanbod,
    Dienst,
    Gebeurtenis,
    Inzet,
    Job,
    Loonafspraak,
    Loonperiode,
    Urenregel,
    Vrijgave,
)
from coop.notificaties.berichten import opstellen
from coop.notificaties.models import Notificatie, Soort
from coop.selectors.afwezigheid import afwezig_perioden
from coop.services.uren import loonexport
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_vast_flow import gebundeld, terugkerend  # noqa: F401

AMS = ZoneInfo("Europe/Amsterdam")


def moment(dag: date, uur: int) -> datetime:
    return datetime.combine(dag, time(uur), tzinfo=AMS)


def oproep_aannemen(werknemer, locatie, dag: date, van: int = 9, tot: int = 13) -> Inzet:
    job = Job.objects.create(soort="incidenteel", reden="schoonmaak trappenhuis")
    dienst = Dienst.objects.create(
        job=job, locatie=locatie, start=moment(dag, van), eind=moment(dag, tot)
    )
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer)
    return aanbod_services.aanbod_accept(user=werknemer.user, aanbod_id=aanbod.pk)


@pytest.fixture
def fatima(werknemer, catalogus):
    f.WerknemerVaardigheidFactory(werknemer=werknemer, vaardigheid=catalogus["schoonmaak"])
    f.CertificaatFactory(werknemer=werknemer, soort=catalogus["vca"])
    for dag in range(7):
        f.BeschikbaarheidFactory(werknemer=werknemer, weekdag=dag, begin=time(6), eind=time(22))
    # 70% of EUR 20.00 is 14.00: below the 2026 minimum of 14.99, so the floor pays.
    Loonafspraak.objects.create(werknemer=werknemer, geldig_van=date(2026, 1, 1), uurloon="20.00")
    return werknemer


@pytest.fixture
def verhaal(fatima, catalogus, gebundeld, werkgever):  # noqa: F811
    """Fatima holds the permanent job (Mon 9-15, Tue and Thu 9-13 from Thu 19 November) and
    two calls, Fri 20 and Sat 21 November 9-13; two other members could stand in."""
    anderen = [lid(catalogus, voornaam="Youssef"), lid(catalogus, voornaam="Mehmet")]
    job = Job.objects.get(soort="vast")
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=fatima)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    locatie = f.LocatieFactory(werkgever=werkgever)
    oproepen = [oproep_aannemen(fatima, locatie, date(2026, 11, d)) for d in (20, 21)]
    vast_19 = Inzet.objects.get(werknemer=fatima, start=moment(date(2026, 11, 19), 9))
    return {"job": job, "anderen": anderen, "locatie": locatie, "inzetten": [vast_19, *oproepen]}


def _bestand(export, soort: str) -> Path:
    return Path(settings.MEDIA_ROOT) / export.bestanden[soort]["pad"]


def test_sick_report_to_payroll_and_recovery(
    api_as, staff, fatima, verhaal, werkgever_user, andere_werknemer_user
):
    lid_api = api_as(fatima.user)
    melding = {"soort": "ziek", "van": "2026-11-19", "tot": "2026-11-21"}
    r = lid_api.post("afwezigheid/", melding)
    assert r.status_code == 201, r.body
    assert r.body["status"] == "gemeld" and len(r.body["vrijgegeven"]) == 3

    # Three new offers, each to someone else; the employer's shifts stay, open again.
    for inzet in verhaal["inzetten"]:
        inzet.refresh_from_db()
        assert inzet.status == "vrijgegeven"
        assert Dienst.objects.get(pk=inzet.dienst_id).status == "open"
        nieuw = Aanbod.objects.get(dienst_id=inzet.dienst_id, status="open")
        assert nieuw.werknemer in verhaal["anderen"]
    assert Gebeurtenis.objects.filter(soort="melding_werkgever").count() == 3
    assert not Gebeurtenis.objects.filter(soort="melding_werkgever", tekst__icontains="ziek")
    # The member hears what was recorded; each new candidate hears of the offer.
    gemeld = Notificatie.objects.get(werknemer=fatima, soort=Soort.AFWEZIGHEID)
    assert gemeld.gegevens["diensten"] == 3 and gemeld.gegevens["bevestiging"] is True
    assert "Beterschap" in opstellen(gemeld, taal="nl").tekst
    assert Gebeurtenis.objects.filter(soort="afwezigheid", werknemer=fatima).exists()
    nieuwe = Aanbod.objects.filter(
        dienst_id__in=[i.dienst_id for i in verhaal["inzetten"]], status="open"
    )
    assert sorted(
        Notificatie.objects.filter(
            soort=Soort.AANBOD, sleutel__in=[f"aanbod-{a.pk}" for a in nieuwe]
        ).values_list("werknemer_id", flat=True)
    ) == sorted(a.werknemer_id for a in nieuwe)
    assert len(nieuwe) == 3
    # A stand-in accepts the permanent job's Thursday shift: it is theirs now, on call.
    aanbod = Aanbod.objects.get(dienst_id=verhaal["inzetten"][0].dienst_id, status="open")
    overname = aanbod_services.aanbod_accept(user=staff, aanbod_id=aanbod.pk)
    assert overname.werknemer == aanbod.werknemer
    assert Job.objects.get(pk=verhaal["job"].pk).werknemer == fatima

    # Sick lines: 70%, with the minimum-wage floor; the employer does not see them.
    regels = Urenregel.objects.filter(soort="ziek").order_by("datum")
    assert [r.datum.day for r in regels] == [19, 20, 21]
    assert {(r.doorbetaling_procent, r.minimumloon_garantie) for r in regels} == {
        (Decimal("70"), True)
    }
    assert [r.ziek_uren for r in regels] == [Decimal("4.00")] * 3
    assert "minimumloon van € 14,99" in regels[0].toelichting_regels[0]
    assert api_as(werkgever_user).get("uren/").body == []
    assert len(lid_api.get("uren/").body) == 3

    # The written confirmation is among the member's documents.
    docs = lid_api.get("documenten/").body["items"]
    assert "bevestiging_ziekmelding" in {d["soort"] for d in docs}

    # The same report again changes nothing.
    tellingen = (Aanbod.objects.count(), Vrijgave.objects.count(), Urenregel.objects.count())
    opnieuw = lid_api.post("afwezigheid/", melding)
    assert opnieuw.status_code == 200 and opnieuw.body["id"] == r.body["id"]
    assert (Aanbod.objects.count(), Vrijgave.objects.count(), Urenregel.objects.count()) == (
        tellingen
    )
    assert Document.objects.filter(soort=DocumentSoort.BEVESTIGING_ZIEKMELDING).count() == 1
    # Another member cannot read it; an employer neither.
    assert api_as(andere_werknemer_user).get(f"afwezigheid/{r.body['id']}").status_code == 404
    assert api_as(werkgever_user).get("afwezigheid/").status_code == 403

    # Staff report recovery per Saturday: Saturday's sick line goes.
    herstel = api_as(staff).post(
        f"afwezigheid/{r.body['id']}/herstel", {"hersteld_per": "2026-11-21"}
    )
    assert herstel.status_code == 200, herstel.body
    assert herstel.body["status"] == "hersteld"
    assert [r.datum.day for r in Urenregel.objects.filter(soort="ziek")] == [19, 20]
    # From Saturday on she is no longer absent: matching offers her work again.
    assert afwezig_perioden([fatima.pk], date(2026, 11, 16), date(2026, 12, 31)) == [
        (fatima.pk, date(2026, 11, 19), date(2026, 11, 20))
    ]

    # November's payroll: the sick pay is its own component, 8 h x EUR 14.99.
    with time_machine.travel(datetime(2026, 12, 2, 9, tzinfo=AMS)):
        periode = Loonperiode.objects.create(
            soort="maand", begin=date(2026, 11, 1), eind=date(2026, 11, 30)
        )
        export = loonexport.loonexport_create(periode_id=periode.pk)
        export = loonexport.loonexport_run(export_id=export.pk)
        # The fixed-hours offer: the sick call of Friday counts; Saturday, given back after
        # the recovery without pay, does not.
        assert betaalde_uren_per_maand(fatima, date(2026, 11, 1), 1) == [Decimal("4.00")]
    assert export.status == "done", export.melding
    csv = pd.read_csv(_bestand(export, "csv"), sep=";", decimal=",")
    ziek = csv[csv["Looncomponent"] == "Loondoorbetaling bij ziekte"]
    assert ziek["Waarde"].sum() == pytest.approx(119.92)
    assert set(ziek["Code"]) == {"L5140"}
    assert csv[csv["Looncomponent"] == "Ziekte-uren (loondoorbetaling)"][
        "Waarde"
    ].sum() == pytest.approx(8.0)
    nmbrs = pd.read_excel(_bestand(export, "nmbrs"), header=0)
    assert nmbrs.iloc[0]["Loondoorbetaling bij ziekte"] == "L5140"
    assert nmbrs.iloc[1:]["Loondoorbetaling bij ziekte"].astype(float).sum() == pytest.approx(
        119.92
    )
    boek = load_workbook(_bestand(export, "xlsx"))
    per_werknemer = {}
    for blad in boek.worksheets:
        rijen = list(blad.iter_rows(values_only=True))
        if rijen and "Loon bij ziekte" in rijen[0]:
            kolom = rijen[0].index("Loon bij ziekte")
            per_werknemer = {r[0]: r[kolom] for r in rijen[1:] if r[0] is not None}
    # One row per cost share (two employers) and a totals row, which is the whole sick pay.
    assert per_werknemer.pop("Totaal") == pytest.approx(119.92)
    assert sum(per_werknemer.values()) == pytest.approx(119.92)
    # The neighbourhood report counts the sick pay as payroll pays it (70%, the floor): its
    # wage for November is payroll's gross, not the sick hours at the full wage.
    bruto = {}
    for blad in boek.worksheets:
        rijen = list(blad.iter_rows(values_only=True))
        if rijen and "Bruto loon" in rijen[0] and "Loon bij ziekte" in rijen[0]:
            kolom = rijen[0].index("Bruto loon")
            bruto = {r[0]: r[kolom] for r in rijen[1:] if r[0] is not None}
    rapport = api_as(staff).get("rapport/buurteconomie?van=2026-11-01&tot=2026-11-30")
    assert rapport.status_code == 200, rapport.body
    assert Decimal(rapport.body["totaal"]["loon"]) == Decimal(str(bruto["Totaal"]))


def test_leave_on_the_permanent_job_releases_and_reoffers(
    api_as, staff, fatima, verhaal, andere_werknemer_user
):
    # A call on Wednesday 6 January 2027, inside the leave: released and paid as leave too.
    oproep = oproep_aannemen(fatima, verhaal["locatie"], date(2027, 1, 6))
    aanvraag = api_as(fatima.user).post(
        "verlof/", {"van": "2027-01-04", "tot": "2027-01-08", "reden": "familiebezoek"}
    )
    assert aanvraag.status_code == 201, aanvraag.body
    assert aanvraag.body["status"] == "aangevraagd"
    # Mon 6 h less the 30 min break, Tue and Thu 4 h, the call 4 h.
    assert Decimal(aanvraag.body["uren"]) == Decimal("17.50")
    assert Inzet.objects.filter(werknemer=fatima, status="vrijgegeven").count() == 0
    assert api_as(andere_werknemer_user).post(
        f"verlof/{aanvraag.body['id']}/goedkeuren"
    ).status_code in (403, 404)

    goed = api_as(staff).post(f"verlof/{aanvraag.body['id']}/goedkeuren")
    assert goed.status_code == 200, goed.body
    vrij = goed.body["vrijgegeven"]
    assert len(vrij) == 4 and all(v["opnieuw_aangeboden"] for v in vrij)
    for v in vrij:
        assert Dienst.objects.get(pk=v["dienst_id"]).status == "open"
        assert Aanbod.objects.get(dienst_id=v["dienst_id"], status="open").werknemer != fatima
    verlof = Urenregel.objects.filter(soort="verlof")
    assert sum(r.verlof_uren for r in verlof) == Decimal("17.50")

    saldo = api_as(fatima.user).get("verlof/saldo", {"jaar": 2027}).body
    assert Decimal(saldo["opgenomen"]) == Decimal("17.50")

    # January's payroll: the leave is its own component, 17.5 h x EUR 20.00 at the full wage.
    with time_machine.travel(datetime(2027, 2, 2, 9, tzinfo=AMS)):
        periode = Loonperiode.objects.create(
            soort="maand", begin=date(2027, 1, 1), eind=date(2027, 1, 31)
        )
        export = loonexport.loonexport_run(
            export_id=loonexport.loonexport_create(periode_id=periode.pk).pk
        )
    assert export.status == "done", export.melding
    csv = pd.read_csv(_bestand(export, "csv"), sep=";", decimal=",")
    assert csv[csv["Looncomponent"] == "Opgenomen verlofuren"]["Waarde"].sum() == pytest.approx(
        17.5
    )
    verlofloon = csv[csv["Looncomponent"] == "Loon verlofuren"]
    assert verlofloon["Waarde"].sum() == pytest.approx(350.00)
    assert set(verlofloon["Code"]) == {"L5150"}
    nmbrs = pd.read_excel(_bestand(export, "nmbrs"), header=0)
    assert nmbrs.iloc[0]["Loon verlofuren"] == "L5150"
    assert nmbrs.iloc[1:]["Loon verlofuren"].astype(float).sum() == pytest.approx(350.00)
    # One sheet per employer (cost share); their totals rows add up to the whole leave pay.
    bladen = [list(b.iter_rows(values_only=True)) for b in load_workbook(_bestand(export, "xlsx"))]
    totalen = [
        rij[rijen[0].index("Loon verlof")]
        for rijen in bladen
        if rijen and "Loon verlof" in rijen[0]
        for rij in rijen
        if rij[0] == "Totaal"
    ]
    assert len(totalen) >= 1 and sum(totalen) == pytest.approx(350.00)
    assert Decimal(saldo["saldo"]) == Decimal(saldo["recht"]) - Decimal("17.50")

    # The fixed-hours offer counts the call paid as leave; a "kan niet" call does not.
    kan_niet = oproep_aannemen(fatima, verhaal["locatie"], date(2026, 12, 9))
    r = api_as(fatima.user).post(
        "afwezigheid/",
        {"soort": "kan_niet", "van": "2026-12-09", "tot": "2026-12-09", "reden": "mantelzorg"},
    )
    assert r.status_code == 201, r.body
    kan_niet.refresh_from_db()
    assert kan_niet.status == "vrijgegeven"
    assert not Urenregel.objects.filter(inzet=kan_niet).exists()
    with time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=AMS)):
        uren = betaalde_uren_per_maand(fatima, date(2026, 11, 1), 3)
    # November: the two calls of 20 and 21 November (4 h each); December: nothing (the
    # "kan niet"); January: the call taken as leave.
    assert uren == [Decimal("8.00"), Decimal("0"), Decimal("4.00")]
    assert oproep.pk != kan_niet.pk
