"""The demo's finished past period: payroll files, invoices and the report add up to the hours.

The demo is built once for the module (about ten seconds), inside a transaction that is rolled
back at the end, with its files in a module-wide media folder.
"""

import hashlib
import io
import json
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from django.db import transaction
from django.db.models import Count, Sum
from django.test import override_settings
from django.utils import timezone

from contracten.regels import cent, minimumloon_per_uur
from coop.demo import DEFAULT_SEED, DemoContext, build_demo
from coop.demo.periode import stap_periode, vorige_maand, werkdagen
from coop.models import (
    Dienst,
    Factuur,
    Inzet,
    Job,
    Loonafspraak,
    Loonexport,
    Loonperiode,
    Urenregel,
    Werkpakket,
)

VANDAAG = date(2026, 2, 28)  # the period is January 2026
STAP = "afgeronde periode (vorige maand)"
MODELLEN = [Werkpakket, Job, Dienst, Inzet, Urenregel, Loonafspraak, Loonperiode, Loonexport]
MODELLEN += [Factuur]


def _bouw(media: Path) -> str:
    out = StringIO()
    with override_settings(MEDIA_ROOT=media):
        build_demo(seed=DEFAULT_SEED, stdout=out, vandaag=VANDAAG)
    return out.getvalue()


def _aantallen() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELLEN}


def _hashes(media: Path) -> dict[str, str]:
    return {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-periode-media")
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = _bouw(media)
            yield media, out
            transaction.set_rollback(True)


@pytest.fixture
def januari(demo, db):
    return Loonperiode.objects.get(begin=date(2026, 1, 1))


def _betaald(periode) -> Decimal:
    return Urenregel.objects.filter(periode=periode).aggregate(s=Sum("betaalde_uren"))["s"]


def test_period_is_the_previous_month_and_tells_the_story(demo, januari):
    assert (januari.code, januari.eind, januari.status) == (
        "2026-01",
        date(2026, 1, 31),
        "geexporteerd",
    )
    inzetten = Inzet.objects.filter(dienst__job__reden__contains="demo-geschiedenis")
    assert 150 <= inzetten.count() <= 300
    assert {timezone.localtime(i.start).date() for i in inzetten} <= set(
        werkdagen(date(2026, 1, 1), date(2026, 1, 31))
    )
    # no member works two shifts on one day, so nothing overlaps
    per_dag = inzetten.values("werknemer", "start__date").annotate(n=Count("id"))
    assert max(r["n"] for r in per_dag) == 1
    leden = {i.werknemer for i in inzetten.select_related("werknemer")}
    woonwijken = {w.wijk for w in leden}
    assert len(leden) >= 25 and len(woonwijken) >= 2
    vast = inzetten.filter(dienst__job__soort=Job.Soort.VAST)
    assert vast.exists() and not vast.filter(dienst__fragment__isnull=True).exists()
    # one late cancellation, paid by law (a line of its own, settled without approval)
    geannuleerd = inzetten.get(status=Inzet.Status.GEANNULEERD)
    assert geannuleerd.late_annulering and geannuleerd.uren_doorbetaald > 0
    regel = geannuleerd.urenregels.get()
    assert (regel.soort, regel.status, regel.periode) == ("annulering", "vastgesteld", januari)
    # one disputed line, settled by staff at the planned end
    betwist = Urenregel.objects.get(soort="gewerkt", status="vastgesteld")
    assert betwist.betwist_reden and betwist.eind == betwist.inzet.eind
    # every other worked line approved by the employer, all paid in January
    assert Urenregel.objects.filter(periode=januari).count() == inzetten.count()
    assert not Urenregel.objects.filter(periode__isnull=True, datum__lt=date(2026, 2, 1)).exists()
    # members with a login submitted themselves (some corrected), others on paper via staff
    zelf = Urenregel.objects.filter(ingediend_door=models_user("fatima"))
    assert zelf.exists()


def models_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_wages_at_or_above_the_minimum_for_age(demo, januari):
    regels = Urenregel.objects.filter(periode=januari).select_related("inzet__werknemer")
    for r in regels:
        afspraak = Loonafspraak.objects.get(werknemer=r.inzet.werknemer)
        assert afspraak.geldig_van == januari.begin
        assert afspraak.uurloon >= minimumloon_per_uur(r.inzet.werknemer.geboortedatum, r.datum)


def test_payroll_xlsx_and_csv_totals_equal_the_approved_hours(demo, januari):
    media, _ = demo
    export = januari.exports.get(status=Loonexport.Status.DONE)
    betaald = _betaald(januari)
    assert betaald > 500 and export.totaal_uren == betaald

    overzicht = pd.read_excel(
        media / export.bestanden["xlsx"]["pad"], sheet_name="Overzicht"
    ).set_index("Werkgever")
    assert Decimal(str(overzicht.loc["Totaal", "Betaalde uren"])) == betaald
    assert overzicht.loc["Totaal", "Bruto loon"] == pytest.approx(float(export.totaal_bruto))

    csv = pd.read_csv(
        media / export.bestanden["csv"]["pad"], sep=";", decimal=",", dtype={"Kostenplaats": str}
    )
    assert set(csv["Periode"]) == {"2026-01"}
    uren = csv[
        csv["Looncomponent"].isin(
            [
                "Gewerkte uren",
                "Uren doorbetaald bij annulering",
                "Aanvulling minimum per oproep (uren)",
            ]
        )
    ]
    assert uren["Waarde"].sum() == pytest.approx(float(betaald))
    gewerkt = Urenregel.objects.filter(periode=januari).aggregate(s=Sum("gewerkte_uren"))["s"]
    assert csv[csv["Looncomponent"] == "Gewerkte uren"]["Waarde"].sum() == pytest.approx(
        float(gewerkt)
    )
    # the gross wage: every line's hours x the member's wage, as the payroll computed it
    loon = csv[csv["Looncomponent"].str.startswith("Loon ")]["Waarde"].sum()
    assert loon == pytest.approx(float(export.totaal_bruto))
    verwacht = Decimal(0)
    for r in Urenregel.objects.filter(periode=januari).select_related("inzet"):
        uurloon = Loonafspraak.objects.get(werknemer=r.inzet.werknemer).uurloon
        for uren in (r.gewerkte_uren, r.doorbetaalde_uren, r.aanvulling_uren):
            verwacht += cent(uren * uurloon)  # rounded per line and component, as payroll does
    assert export.totaal_bruto == verwacht


def test_invoices_bill_the_hours_times_the_tariff(demo, januari):
    media, _ = demo
    facturen = list(Factuur.objects.filter(periode=januari, soort=Factuur.Soort.FACTUUR))
    assert len(facturen) == 6
    # what each package should bill: its paid hours per kind x its tariff
    per_groep: dict[tuple, Decimal] = defaultdict(Decimal)
    for r in Urenregel.objects.filter(periode=januari).select_related(
        "inzet__dienst__job__werkpakket", "inzet__dienst__fragment__werkpakket"
    ):
        dienst = r.inzet.dienst
        pakket = dienst.fragment.werkpakket if dienst.fragment else dienst.job.werkpakket
        for soort, uren in (
            ("gewerkt", r.gewerkte_uren),
            ("doorbetaald", r.doorbetaalde_uren),
            ("aanvulling", r.aanvulling_uren),
        ):
            per_groep[(pakket.werkgever_id, pakket.pk, soort)] += uren * pakket.tarief_per_uur
    totaal_uren = Decimal(0)
    for f in facturen:
        data = (media / f.bestanden["xlsx"]["pad"]).read_bytes()
        regels = pd.read_excel(io.BytesIO(data), sheet_name="Regels")
        for rij in regels.itertuples():
            assert Decimal(str(rij.Bedrag)) == cent(
                Decimal(str(rij.Uren)) * Decimal(str(rij.Tarief))
            )
        assert regels["Bedrag"].sum() == pytest.approx(float(f.bedrag_excl))
        verwacht = sum(
            (cent(b) for (wg, _p, _s), b in per_groep.items() if wg == f.werkgever_id), Decimal(0)
        )
        assert f.bedrag_excl == verwacht
        assert f.bedrag_incl == f.bedrag_excl + f.btw_bedrag
        totaal_uren += Decimal(str(round(regels["Uren"].sum(), 2)))
    assert totaal_uren == _betaald(januari)


def test_report_json_has_wijk_shares(demo, januari):
    media, _ = demo
    data = json.loads((media / "rapporten" / "wijkrapport-2026-01.json").read_text())
    assert (data["van"], data["tot"]) == ("2026-01-01", "2026-01-31")
    gewerkt = Urenregel.objects.filter(periode=januari).aggregate(s=Sum("gewerkte_uren"))["s"]
    assert Decimal(data["totaal"]["uren"]) == gewerkt
    wijken = [w for w in data["wijken"] if Decimal(w["uren"])]
    assert len(wijken) >= 2
    for w in wijken:
        deel = Decimal(w["uren_door_bewoners"]) / Decimal(w["uren"])
        assert Decimal(w["aandeel_bewoners"]) == deel.quantize(Decimal("0.0001"), ROUND_HALF_UP)
    aandelen = {Decimal(w["aandeel_bewoners"]) for w in wijken}
    assert max(aandelen) > Decimal("0.5") and min(aandelen) < Decimal("0.5")
    assert sum(Decimal(w["uren"]) for w in wijken) == gewerkt


def test_summary_printed(demo):
    _, out = demo
    assert "januari 2026 (afgerond):" in out
    assert "loonexport: " in out and "facturen: 6" in out and "aandeel bewoners per wijk" in out


def test_second_run_creates_nothing(demo, db):
    media, _ = demo
    voor, bestanden = _aantallen(), _hashes(media)
    out = _bouw(media)
    assert _aantallen() == voor
    assert _hashes(media) == bestanden
    assert f"- {STAP}: niets nieuw" in out


def test_month_not_over_yet_is_skipped(db):
    out, voor = StringIO(), _aantallen()
    vandaag = timezone.localdate() + timedelta(days=40)
    stap_periode(DemoContext(seed=1, vandaag=vandaag, stdout=out))
    begin, _ = vorige_maand(vandaag)
    assert f"{begin:%m-%Y} is nog niet voorbij" in out.getvalue()
    assert _aantallen() == voor


def test_report_wage_equals_payroll_gross_and_counts_residents_once(demo, januari):
    media, _ = demo
    export = januari.exports.get(status=Loonexport.Status.DONE)
    data = json.loads((media / "rapporten" / "wijkrapport-2026-01.json").read_text())
    assert Decimal(data["totaal"]["loon"]) == export.totaal_bruto  # to the cent
    assert sum(Decimal(w["loon"]) for w in data["wijken"]) == export.totaal_bruto
    regels = Urenregel.objects.filter(periode=januari).select_related("inzet__werknemer")
    bewoners = {r.inzet.werknemer_id for r in regels if r.inzet.werknemer.wijk}
    assert data["totaal"]["bewoners_met_werk"] == len(bewoners) > 0
    assert sum(w["bewoners_met_werk"] for w in data["wijken"]) == len(bewoners)
    leden = {r.inzet.werknemer_id for r in regels}
    assert data["totaal"]["leden_met_werk"] == len(leden)


def test_payroll_overview_counts_each_member_once(demo, januari):
    media, _ = demo
    export = januari.exports.get(status=Loonexport.Status.DONE)
    overzicht = pd.read_excel(
        media / export.bestanden["xlsx"]["pad"], sheet_name="Overzicht"
    ).set_index("Werkgever")
    leden = Urenregel.objects.filter(periode=januari).values("inzet__werknemer").distinct()
    assert overzicht.loc["Totaal", "Werknemers"] == leden.count() == export.aantal_werknemers
    assert overzicht.drop("Totaal")["Werknemers"].sum() > leden.count()  # some work for two
