"""Legal figures that staff maintain: seeded from code, extended in the admin, immutable once
used, warned about before they run out, and demo figures only inside the demo."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.test import Client

from contracten import gegevens
from contracten import tabellen as t
from contracten.checks import gegevens_lopen_af
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import (
    Verplichting,
    VerplichtingSoort,
    WettelijkGegeven,
    WettelijkGegevenGebruikt,
)
from contracten.werklijst import GEGEVENS_VOORUIT, gegevens_signaleren
from coop.core.models import AuditLog

WML = t.MINIMUMLOON_PER_UUR
NIEUW = {
    "21": "15.50",
    "20": "12.40",
    "19": "9.30",
    "18": "7.75",
    "17": "6.12",
    "16": "5.35",
    "15": "4.65",
}


def _na_de_tabel() -> date:
    return WML.bekend_tot() + timedelta(days=1)


def admin_toevoegen(staff, **velden):
    client = Client()
    client.force_login(staff)
    data = {
        "tabel": "minimumloon_per_uur",
        "geldig_van": _na_de_tabel().isoformat(),
        "geldig_tot": (_na_de_tabel() + timedelta(days=180)).isoformat(),
        "waarde": json.dumps(NIEUW),
        "bron": "Staatscourant, besluit indexering minimumloon",
        "zekerheid": "H",
    } | velden
    return client.post("/admin/contracten/wettelijkgegeven/add/", data)


def test_code_rows_are_seeded_once(db):
    in_code = sum(len(tabel.code_rijen) for tabel in t.REGISTER.values())
    assert WettelijkGegeven.objects.filter(herkomst="code").count() == in_code
    assert gegevens.laden_uit_code() == {"toegevoegd": 0, "bijgewerkt": 0, "ongewijzigd": in_code}
    call_command("wettelijke_gegevens_laden", verbosity=0)
    assert WettelijkGegeven.objects.count() == in_code


def test_staff_add_a_figure_in_the_admin_and_lookups_use_it(db, staff):
    dag = _na_de_tabel()
    with pytest.raises(GeenRegelVoorDatum):
        WML.op(dag)
    antwoord = admin_toevoegen(staff)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert WML.op(dag)[21] == Decimal("15.50")
    rij = WettelijkGegeven.objects.get(geldig_van=dag, tabel="minimumloon_per_uur")
    assert rij.herkomst == "beheer" and rij.ingevoerd_door == staff
    log = AuditLog.objects.get(action="wettelijk_gegeven_toevoegen")
    assert log.user == staff and log.object_id == str(rij.pk) and "15.50" in log.detail


def test_admin_refuses_a_value_of_the_wrong_shape_with_a_dutch_message(db, staff):
    antwoord = admin_toevoegen(staff, waarde=json.dumps({"21": "15.50"}))
    assert antwoord.status_code == 200
    assert "ontbreekt: 15, 16, 17, 18, 19, 20" in antwoord.content.decode()
    antwoord = admin_toevoegen(staff, waarde=json.dumps(NIEUW | {"21": "vijftien"}))
    assert "is geen getal" in antwoord.content.decode()
    assert not WettelijkGegeven.objects.filter(herkomst="beheer").exists()


def test_admin_refuses_a_row_inside_a_published_period(db, staff):
    laatste = WML.rijen[-1]
    antwoord = admin_toevoegen(
        staff, geldig_van=(laatste.geldig_van + timedelta(days=10)).isoformat()
    )
    assert antwoord.status_code == 200
    assert "Valt binnen de rij van" in antwoord.content.decode()


def test_a_row_on_the_same_day_replaces_the_earlier_one_which_is_kept(db, staff):
    laatste = WML.rijen[-1]
    antwoord = admin_toevoegen(
        staff,
        geldig_van=laatste.geldig_van.isoformat(),
        geldig_tot=laatste.geldig_tot.isoformat(),
    )
    assert antwoord.status_code == 302
    assert WML.op(laatste.geldig_van)[21] == Decimal("15.50")
    nieuw = WettelijkGegeven.objects.get(herkomst="beheer")
    assert nieuw.vervangt.geldig_van == laatste.geldig_van
    assert WettelijkGegeven.objects.filter(pk=nieuw.vervangt.pk).exists()


def test_a_used_row_cannot_change_model_admin_or_database(db, staff):
    rij = WettelijkGegeven.objects.get(tabel="minimumloon_per_uur", geldig_van=date(2026, 7, 1))
    gegevens.vastleggen(date(2026, 8, 3))
    rij.refresh_from_db()
    assert rij.gebruikt_op is not None
    rij.waarde = NIEUW
    with pytest.raises(WettelijkGegevenGebruikt, match="al gebruikt"):
        rij.save()
    with pytest.raises(WettelijkGegevenGebruikt):
        rij.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        WettelijkGegeven.objects.filter(pk=rij.pk).update(waarde=NIEUW)
    # the admin shows the content read-only: a change post leaves the value as it was
    client = Client()
    client.force_login(staff)
    client.post(
        f"/admin/contracten/wettelijkgegeven/{rij.pk}/change/",
        {"bron": "Stcrt. 2026, 12345", "zekerheid": "H", "voorlopig": "", "waarde": "{}"},
    )
    rij.refresh_from_db()
    assert rij.waarde["21"] == "14.99" and rij.bron == "Stcrt. 2026, 12345"
    assert WML.op(date(2026, 8, 3))[21] == Decimal("14.99")


def test_marking_use_touches_only_the_rows_covering_the_days(db):
    gegevens.vastleggen(date(2026, 3, 2))
    gebruikt = set(
        WettelijkGegeven.objects.filter(
            tabel="minimumloon_per_uur", gebruikt_op__isnull=False
        ).values_list("geldig_van", flat=True)
    )
    assert gebruikt == {date(2026, 1, 1)}


def test_worklist_warns_eight_weeks_ahead_once_per_figure_and_end_date(db):
    eind = WML.bekend_tot()
    assert not [
        i
        for i in gegevens_signaleren(eind - GEGEVENS_VOORUIT - timedelta(days=1))
        if i.gegeven == WML.sleutel and i.soort == VerplichtingSoort.WETTELIJK_GEGEVEN
    ]
    gegevens_signaleren(eind - GEGEVENS_VOORUIT + timedelta(days=1))
    gegevens_signaleren(eind - timedelta(days=3))
    items = Verplichting.objects.filter(soort="wettelijk_gegeven", gegeven=WML.sleutel)
    assert items.count() == 1
    item = items.get()
    assert item.vervaldatum == eind and item.werknemer is None
    assert f"bekend tot {eind:%d-%m-%Y}" in item.toelichting
    assert f"per {eind + timedelta(days=1):%d-%m-%Y} in" in item.toelichting


def test_worklist_asks_to_confirm_a_provisional_figure(db):
    voorlopig = next(r for r in WML.rijen if r.voorlopig)
    gegevens_signaleren(voorlopig.geldig_van - timedelta(days=10))
    item = Verplichting.objects.get(soort="voorlopig_gegeven", gegeven=WML.sleutel)
    assert "voorlopig" in item.toelichting and item.vervaldatum == voorlopig.geldig_van


def test_worklist_item_for_a_figure_is_shown_in_the_api(db, staff, api_as):
    gegevens_signaleren(WML.bekend_tot() - timedelta(days=3))
    body = api_as(staff).get("documenten/verplichtingen", {"soort": "wettelijk_gegeven"}).body
    items = [i for i in body["items"] if i["gegeven"] == WML.sleutel]
    assert items and items[0]["werknemer_id"] is None and items[0]["werknemer_naam"] is None


def test_check_warns_four_weeks_before_a_table_runs_out(db):
    eind = WML.bekend_tot()
    with time_machine.travel(eind - timedelta(weeks=5), tick=False):
        assert not [w for w in gegevens_lopen_af() if WML.onderwerp in w.msg]
    with time_machine.travel(eind - timedelta(weeks=3), tick=False):
        waarschuwingen = [w for w in gegevens_lopen_af() if WML.onderwerp in w.msg]
    assert len(waarschuwingen) == 1
    assert waarschuwingen[0].id == "contracten.W001"
    assert f"{eind + timedelta(days=1):%d-%m-%Y}" in waarschuwingen[0].hint


def test_demo_figures_only_inside_the_demo(db):
    verder = _na_de_tabel() + timedelta(days=40)
    try:
        aangevuld = gegevens.demo_aanvullen(verder)
        assert any(WML.onderwerp in regel for regel in aangevuld)
        assert WML.feit_op(verder).demo  # the demo keeps running
        bevestigd = [r for r in WML.code_rijen if not r.voorlopig][-1]
        assert WML.op(verder) == bevestigd.waarde  # the last confirmed figures, carried on
    finally:
        gegevens.demo_modus(False)
    with pytest.raises(GeenRegelVoorDatum):
        WML.op(verder)  # never outside the demo
    rij = WettelijkGegeven.objects.get(tabel=WML.sleutel, demo=True)
    gegevens.vastleggen(verder)
    rij.refresh_from_db()
    assert rij.gebruikt_op is None  # demo rows are never the record of anything
