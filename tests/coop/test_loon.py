"""The payroll export through the API and the service: files that open in pandas with the
right totals, byte-identical reruns, refusals that write nothing, crashes that lock nothing."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from contracten.tabellen import MINIMUMLOON_PER_UUR
from coop.models import Loonexport, Loonperiode, Urenregel
from coop.services.uren import loonexport, loonperioden
from tests.coop.test_uren_fixtures import *  # noqa: F403
from tests.coop.test_uren_fixtures import geannuleerd, inzet, loon, tijden


@pytest.fixture(autouse=True)
def na_november(monkeypatch):
    """The fixture periods (October and November 2026) have ended, whatever today is."""
    monkeypatch.setattr(
        loonperioden, "vandaag", lambda: max(timezone.localdate(), date(2026, 12, 1))
    )


def goedgekeurd(api_as, lid_user, planner, inzet_, van, tot, pauze=0) -> dict:
    regel = api_as(lid_user).post("uren/", tijden(inzet_, van, tot, pauze)).body
    response = api_as(planner).post(f"uren/{regel['id']}/goedkeuren")
    assert response.status_code == 200, response.body
    return response.body


@pytest.fixture
def oktober_uren(
    api_as,
    werknemer_user,
    andere_werknemer_user,
    werkgever_user,
    andere_werkgever_user,
    locatie,
    andere_locatie,
):
    """Fatima: 4 h (Kanaleneiland), 2 h topped up to 3 (Bo-Ex); Daan: 8 h minus the 30 min
    break, and 4 h kept at a late cancellation; plus an unapproved line and a November one."""
    fatima, daan = werknemer_user.werknemer, andere_werknemer_user.werknemer
    loon(fatima, "15.50")
    loon(daan, "16.00")
    a = inzet(fatima, locatie, date(2026, 10, 5), 9, 13)
    b = inzet(fatima, andere_locatie, date(2026, 10, 6), 9, 11)
    c = inzet(daan, locatie, date(2026, 10, 7), 8, 16)
    geannuleerd(daan, locatie, date(2026, 10, 8), 9, 13, doorbetaald="4.00")
    e = inzet(fatima, locatie, date(2026, 10, 9), 9, 13)
    nov = inzet(fatima, locatie, date(2026, 11, 2), 9, 13)
    regels = {
        "a": goedgekeurd(api_as, werknemer_user, werkgever_user, a, "09:00", "13:00"),
        "b": goedgekeurd(api_as, werknemer_user, andere_werkgever_user, b, "09:00", "11:00"),
        "c": goedgekeurd(api_as, andere_werknemer_user, werkgever_user, c, "08:00", "16:00"),
        "nov": goedgekeurd(api_as, werknemer_user, werkgever_user, nov, "09:00", "12:30"),
    }
    api_as(werknemer_user).post("uren/", tijden(e, "09:00", "13:00"))  # not approved
    return regels


def _bestand(export: Loonexport, soort: str) -> Path:
    return Path(settings.MEDIA_ROOT) / export.bestanden[soort]["pad"]


def _run(periode: Loonperiode, **kwargs) -> Loonexport:
    export = loonexport.loonexport_create(periode_id=periode.pk)
    return loonexport.loonexport_run(export_id=export.pk, **kwargs)


def test_export_through_the_api(
    api_as, staff, werkgever_user, oktober_uren, django_capture_on_commit_callbacks
):
    medewerker = api_as(staff)
    periode = medewerker.post("loonperiodes/", {"soort": "maand", "begin": "2026-10-01"})
    assert periode.status_code == 201, periode.body
    assert (periode.body["code"], periode.body["eind"]) == ("2026-10", "2026-10-31")
    assert api_as(werkgever_user).post("loonexports/", {"periode_id": 1}).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        gestart = medewerker.post("loonexports/", {"periode_id": periode.body["id"]})
    assert gestart.status_code == 202, gestart.body
    assert gestart.body["status"] == "queued"
    export = medewerker.get(f"loonexports/{gestart.body['id']}").body
    assert (export["status"], export["voortgang"], export["melding"]) == ("done", 100, "")
    assert export["aantal_regels"] == 4  # a, b, c and the cancellation line; not e, not nov
    assert export["aantal_werknemers"] == 2
    assert Decimal(export["totaal_uren"]) == Decimal("18.50")
    assert Decimal(export["totaal_bruto"]) == Decimal("292.50")
    assert api_as(werkgever_user).get(f"loonexports/{export['id']}").status_code == 403

    assert sorted(b["soort"] for b in export["bestanden"]) == ["csv", "nmbrs", "xlsx"]
    csv = next(b for b in export["bestanden"] if b["soort"] == "csv")
    download = medewerker.get(csv["url"])
    assert download.status_code == 200
    inhoud = b"".join(download.streaming_content)
    assert inhoud.startswith(b"Periode;Persnr;Naam;Kostenplaats;Looncomponent")
    assert len(inhoud) == csv["grootte"]
    assert api_as(werkgever_user).get(csv["url"]).status_code == 403


def test_workbook_sheets_and_totals(oktober, oktober_uren):
    export = _run(oktober)
    assert export.status == "done", export.melding
    bladen = pd.read_excel(_bestand(export, "xlsx"), sheet_name=None)
    assert list(bladen) == ["Overzicht", "Woonstichting Kanaleneiland", "Bo-Ex Utrecht"]

    overzicht = bladen["Overzicht"].set_index("Werkgever")
    assert overzicht.loc["Woonstichting Kanaleneiland", "Betaalde uren"] == pytest.approx(15.5)
    assert overzicht.loc["Bo-Ex Utrecht", "Betaalde uren"] == pytest.approx(3.0)
    assert overzicht.loc["Totaal", "Betaalde uren"] == pytest.approx(18.5)
    assert overzicht.loc["Totaal", "Bruto loon"] == pytest.approx(292.50)

    kanaleneiland = bladen["Woonstichting Kanaleneiland"].set_index("Naam")
    fatima = kanaleneiland.loc["Fatima El Amrani"]
    assert (fatima["Gewerkte uren"], fatima["Loon gewerkt"]) == (4.0, 62.0)
    assert fatima["Vakantiegeld"] == pytest.approx(4.96)  # 8% of 62.00
    assert fatima["Vakantie-uren"] == pytest.approx(0.33)  # 4 x 4/48
    daan = kanaleneiland.loc["Daan de Vries"]
    assert daan["Gewerkte uren"] == 7.5  # the 30-minute statutory break deducted
    assert (daan["Doorbetaalde uren"], daan["Loon doorbetaald"]) == (4.0, 64.0)
    assert daan["Bruto loon"] == pytest.approx(184.0)
    assert daan["Vakantiegeld"] == pytest.approx(14.72)
    assert daan["Vakantie-uren"] == pytest.approx(0.96)  # 11.5 x 4/48
    totaal = bladen["Woonstichting Kanaleneiland"].iloc[-1]
    assert (totaal["Persnr"], totaal["Bruto loon"]) == ("Totaal", pytest.approx(246.0))
    assert totaal["Betaalde uren"] == pytest.approx(15.5)

    boex = bladen["Bo-Ex Utrecht"].set_index("Naam").loc["Fatima El Amrani"]
    assert (boex["Gewerkte uren"], boex["Aanvulling minimum (uren)"]) == (2.0, 1.0)
    assert (boex["Loon gewerkt"], boex["Loon aanvulling"]) == (31.0, 15.5)

    # The approved hours, line by line, add up to the workbook's total.
    goedgekeurd_uren = sum(r.betaalde_uren for r in Urenregel.objects.filter(periode=oktober))
    assert Decimal(str(overzicht.loc["Totaal", "Betaalde uren"])) == goedgekeurd_uren


def test_workbook_styles(oktober, oktober_uren):
    from openpyxl import load_workbook

    export = _run(oktober)
    wb = load_workbook(_bestand(export, "xlsx"))
    blad = wb["Woonstichting Kanaleneiland"]
    assert blad.freeze_panes == "A2"
    assert blad["A1"].font.bold
    assert blad["D2"].number_format == "dd-mm-yyyy"
    assert blad["G2"].number_format == '"€" #,##0.00'
    assert blad.cell(blad.max_row, 1).value == "Totaal"
    assert wb.properties.created.date() == date(2026, 10, 31)
    assert wb.properties.modified.date() == date(2026, 10, 31)


def test_nmbrs_and_csv_layouts(oktober, oktober_uren, werknemer, andere_werknemer):
    export = _run(oktober)
    nmbrs = pd.read_excel(_bestand(export, "nmbrs"), header=0)
    assert list(nmbrs.columns[:7]) == [
        "Debiteurnr",
        "Bedrijfnr",
        "Persnr",
        "Naam",
        "Periode",
        "Dagen",
        "DagenVoorLC",
    ]
    codes = nmbrs.iloc[0]
    assert codes["Gewerkte uren"] == "U2100" and codes["Loon gewerkte uren"] == "L5100"
    rijen = nmbrs.iloc[1:].set_index("Persnr")
    fatima = rijen.loc[werknemer.pk]
    assert fatima["Periode"] == "2026-10"
    assert fatima["Dagen"] == 2  # two days worked, for two employers
    assert float(fatima["Gewerkte uren"]) == 6.0  # both cost shares added up
    assert float(fatima["Loon aanvulling minimum per oproep"]) == 15.5
    assert float(rijen.loc[andere_werknemer.pk, "Uren doorbetaald bij annulering"]) == 4.0

    csv = pd.read_csv(_bestand(export, "csv"), sep=";", decimal=",", dtype={"Kostenplaats": str})
    uren = csv[
        csv["Looncomponent"].isin(
            [
                "Gewerkte uren",
                "Uren doorbetaald bij annulering",
                "Aanvulling minimum per oproep (uren)",
            ]
        )
    ]
    assert uren["Waarde"].sum() == pytest.approx(18.5)
    loon_rijen = csv[csv["Looncomponent"].str.startswith("Loon")]
    assert loon_rijen["Waarde"].sum() == pytest.approx(292.5)
    assert set(csv["Kostenplaats"]) == {"30123456", "30654321"}


def test_rerun_is_byte_identical_and_pays_nothing_twice(oktober, november, oktober_uren):
    eerste = _run(oktober, chunk_grootte=1)  # one line per chunk: the chunks add up
    assert eerste.status == "done", eerste.melding
    inhoud = {s: _bestand(eerste, s).read_bytes() for s in ("xlsx", "nmbrs", "csv")}
    oktober.refresh_from_db()
    assert oktober.status == "geexporteerd"
    vergrendeld = set(Urenregel.objects.filter(periode=oktober).values_list("pk", "vergrendeld_op"))

    tweede = _run(oktober)
    assert tweede.status == "done", tweede.melding
    assert tweede.bestanden == eerste.bestanden
    assert {s: _bestand(tweede, s).read_bytes() for s in inhoud} == inhoud
    assert tweede.aantal_regels == eerste.aantal_regels == 4
    assert set(Urenregel.objects.filter(periode=oktober).values_list("pk", "vergrendeld_op")) == (
        vergrendeld
    )

    nov = _run(november)
    assert nov.status == "done", nov.melding
    assert nov.aantal_regels == 1  # only the November line: October's are not paid twice
    assert nov.totaal_uren == Decimal("3.50")


def test_exported_lines_are_locked_and_corrections_go_to_next_period(
    api_as, staff, werknemer_user, werkgever_user, oktober, november, oktober_uren
):
    _run(oktober)
    a = oktober_uren["a"]
    planner = api_as(werkgever_user)
    assert planner.post(f"uren/{a['id']}/betwisten", {"reden": "te laat"}).status_code == 409
    vaststellen = api_as(staff).post(f"uren/{a['id']}/vaststellen", {"toelichting": "x"})
    assert vaststellen.status_code == 409
    assert "uitbetaald in periode 2026-10" in vaststellen.body["detail"]

    # The member worked an hour more than first claimed: a correction line, not an edit.
    mijn = Urenregel.objects.get(pk=a["id"]).inzet
    correctie = api_as(werknemer_user).post("uren/", tijden(mijn, "09:00", "14:00"))
    assert correctie.status_code == 201, correctie.body
    assert correctie.body["id"] != a["id"]
    assert correctie.body["corrigeert_id"] == a["id"]
    assert correctie.body["periode"] is None
    assert Decimal(correctie.body["gewerkte_uren"]) == Decimal("5.00")
    oud = api_as(werknemer_user).get(f"uren/{a['id']}").body
    assert (oud["vergrendeld"], oud["periode"], oud["gewerkte_uren"]) == (True, "2026-10", "4.00")
    planner.post(f"uren/{correctie.body['id']}/goedkeuren")

    export = _run(november)
    assert export.status == "done", export.melding
    blad = pd.read_excel(_bestand(export, "xlsx"), sheet_name="Woonstichting Kanaleneiland")
    fatima = blad.set_index("Naam").loc["Fatima El Amrani"]
    # 1.00 hour more for 5 October, plus 3.50 hours on 2 November.
    assert fatima["Gewerkte uren"] == pytest.approx(4.5)
    assert fatima["Loon gewerkt"] == pytest.approx(69.75)
    assert Urenregel.objects.get(pk=correctie.body["id"]).periode == november


def test_wage_below_the_minimum_on_a_day_refuses_and_writes_nothing(
    api_as, staff, werknemer_user, werkgever_user, locatie, oktober
):
    lid = werknemer_user.werknemer
    lid.geboortedatum = date(2005, 10, 15)  # 21 on 15 October 2026
    lid.save()
    loon(lid, "12.00")  # above the 20-year-old's 11.99, below the adult 14.99
    goedgekeurd(
        api_as,
        werknemer_user,
        werkgever_user,
        inzet(lid, locatie, date(2026, 10, 12), 9, 13),
        "09:00",
        "13:00",
    )
    goedgekeurd(
        api_as,
        werknemer_user,
        werkgever_user,
        inzet(lid, locatie, date(2026, 10, 20), 9, 13),
        "09:00",
        "13:00",
    )

    export = _run(oktober)
    assert export.status == "failed"
    assert export.melding.startswith("De export is geweigerd; er is niets geschreven.")
    assert "20-10-2026 is lager dan het wettelijk minimum van € 14,99 (leeftijd 21)" in (
        export.melding
    )
    assert "12-10-2026" not in export.melding
    assert export.bestanden == {}
    assert not loonexport.export_map(oktober).exists() or not any(
        loonexport.export_map(oktober).iterdir()
    )
    oktober.refresh_from_db()
    assert oktober.status == "open"
    assert not Urenregel.objects.filter(vergrendeld_op__isnull=False).exists()
    shown = api_as(staff).get(f"loonexports/{export.pk}").body
    assert (shown["status"], shown["bestanden"]) == ("failed", [])


def test_no_wage_agreement_refuses(api_as, werknemer_user, werkgever_user, locatie, oktober):
    lid = werknemer_user.werknemer
    goedgekeurd(
        api_as,
        werknemer_user,
        werkgever_user,
        inzet(lid, locatie, date(2026, 10, 5), 9, 13),
        "09:00",
        "13:00",
    )
    export = _run(oktober)
    assert export.status == "failed"
    assert "Fatima El Amrani: geen loonafspraak op 05-10-2026." in export.melding


def test_day_without_legal_table_refuses(werknemer, locatie, monkeypatch):
    eerste = MINIMUMLOON_PER_UUR.bekend_tot() + timedelta(days=1)  # a first of the month
    monkeypatch.setattr(loonperioden, "vandaag", lambda: eerste + timedelta(days=40))  # ended
    periode = Loonperiode.objects.create(
        soort="maand", begin=eerste, eind=eerste + timedelta(days=30)
    )
    dag = eerste + timedelta(days=3)
    loon(werknemer, "15.50")
    later = inzet(werknemer, locatie, dag, 9, 13)
    # Built directly: the API refuses hours that lie in the future.
    Urenregel.objects.create(
        inzet=later,
        soort="gewerkt",
        datum=dag,
        start=later.start,
        eind=later.eind,
        status="goedgekeurd",
        gewerkte_uren=Decimal("4"),
        betaalde_uren=Decimal("4"),
    )
    export = _run(periode)
    assert export.status == "failed"
    assert (
        f"Fatima El Amrani, {dag:%d-%m-%Y}: Geen vastgesteld gegeven voor 'minimumloon per uur'"
        in export.melding
    )


@pytest.mark.parametrize("waar", ["tweede bestand", "afronden"])
def test_crash_mid_export_leaves_no_file_and_no_lock(monkeypatch, oktober, oktober_uren, waar):
    def boom(*args, **kwargs):
        raise RuntimeError("stroom uitgevallen")

    if waar == "tweede bestand":
        patroon, _ = loonexport.WRITERS["nmbrs"]
        monkeypatch.setitem(loonexport.WRITERS, "nmbrs", (patroon, boom))
    else:
        monkeypatch.setattr(loonexport, "_afronden", boom)
    export = _run(oktober)
    assert export.status == "failed"
    assert "stroom uitgevallen" in export.melding
    map_ = loonexport.export_map(oktober)
    assert list(map_.iterdir()) == []  # neither files nor temporary leftovers
    oktober.refresh_from_db()
    assert oktober.status == "open"
    assert not Urenregel.objects.filter(vergrendeld_op__isnull=False).exists()

    monkeypatch.undo()
    opnieuw = _run(oktober)
    assert opnieuw.status == "done", opnieuw.melding
    assert opnieuw.aantal_regels == 4


def test_periods_in_order_and_validated(api_as, staff, oktober, november, oktober_uren):
    medewerker = api_as(staff)
    eerst = medewerker.post("loonexports/", {"periode_id": november.pk})
    assert eerst.status_code == 409
    assert "2026-10" in eerst.body["detail"]
    niet_de_eerste = medewerker.post("loonperiodes/", {"soort": "maand", "begin": "2026-12-02"})
    assert niet_de_eerste.status_code == 400 and "begin" in niet_de_eerste.body["fields"]
    overlap = medewerker.post("loonperiodes/", {"soort": "week", "begin": "2026-10-26"})
    assert overlap.status_code == 409 and "begin" in overlap.body["fields"]
    week = medewerker.post("loonperiodes/", {"soort": "vier_weken", "begin": "2026-12-07"})
    assert week.status_code == 201
    assert (week.body["eind"], week.body["code"]) == ("2027-01-03", "2026-13")
    assert Loonperiode.objects.count() == 3


def test_wage_agreement_checks(api_as, staff, werknemer, werkgever_user, oktober, oktober_uren):
    medewerker = api_as(staff)
    body = {"werknemer_id": werknemer.pk, "geldig_van": "2026-12-01", "uurloon": "10.00"}
    te_laag = medewerker.post("loonafspraken/", body)
    assert te_laag.status_code == 400
    assert "€ 14,99" in te_laag.body["fields"]["uurloon"][0]
    assert api_as(werkgever_user).post("loonafspraken/", body).status_code == 403
    _run(oktober)
    terug = medewerker.post("loonafspraken/", {**body, "geldig_van": "2026-10-15", "uurloon": "16"})
    assert terug.status_code == 400 and "geldig_van" in terug.body["fields"]
    goed = medewerker.post("loonafspraken/", {**body, "uurloon": "16.25"})
    assert goed.status_code == 201 and goed.body["uurloon"] == "16.25"


def test_management_command_shows_progress(oktober, oktober_uren, capsys):
    call_command("loonexport", periode=oktober.pk, chunk=2)
    uit = capsys.readouterr().out
    assert "100% klaar" in uit
    assert "  5% 4 urenregels" in uit
    assert "Klaar: 4 urenregels, 2 werknemers, 18.50 uur, € 292.50 bruto." in uit


def test_task_entry_point(oktober, oktober_uren):
    from django_q.tasks import async_task

    export = loonexport.loonexport_create(periode_id=oktober.pk)
    async_task("coop.tasks.run_loonexport", export.pk)  # sync in the test settings
    export.refresh_from_db()
    assert export.status == "done"


def test_wage_check_says_when_the_minimum_is_provisional(api_as, staff, werknemer):
    """A minimum computed by indexation (not yet published) is named as such in the check."""
    voorlopig = next(r for r in MINIMUMLOON_PER_UUR.rijen if r.voorlopig)
    body = {
        "werknemer_id": werknemer.pk,
        "geldig_van": voorlopig.geldig_van.isoformat(),
        "uurloon": "5.00",
    }
    te_laag = api_as(staff).post("loonafspraken/", body)
    assert te_laag.status_code == 400
    assert "voorlopig bedrag" in te_laag.body["fields"]["uurloon"][0]
    bevestigd = {**body, "geldig_van": (voorlopig.geldig_van - timedelta(days=31)).isoformat()}
    assert "voorlopig" not in api_as(staff).post("loonafspraken/", bevestigd).body["detail"]
