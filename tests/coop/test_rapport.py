"""The neighbourhood-economy report on a hand-built case: shares, money kept in the wijk,
permanent vs incidental hours and SROI value, as JSON and as a workbook with charts."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from coop.engines.rapport import STATUSHOUDER
from coop.models import Loonafspraak, SroiModel
from tests import factories as f
from tests.coop.test_facturen_fixtures import *  # noqa: F403
from tests.coop.test_facturen_fixtures import OKT, klus, pakket, uren, vaste_baan
from werknemers.models import Werknemer

D = Decimal
PERIODE = "rapport/buurteconomie?van=2026-10-01&tot=2026-10-31"


def _lid(naam: str, wijk: str, uurloon: str, **extra):
    lid = f.WerknemerFactory(achternaam=naam, wijk=wijk, **extra)
    Loonafspraak.objects.create(werknemer=lid, geldig_van=date(2026, 7, 1), uurloon=D(uurloon))
    return lid


@pytest.fixture
def buurt(locatie, andere_locatie):
    """Zuidwest (employer 1) and West (employer 2); members living in Zuidwest, West, Overvecht."""
    a = _lid(
        "Amrani",
        "Zuidwest",
        "15.00",
        geboortedatum=date(1971, 1, 1),  # 55: the 50+ extra
        sroi_toestemming=True,
        sroi_doelgroep="participatiewet",
    )
    b = _lid("Bakker", "West", "16.00", sroi_toestemming=True, sroi_doelgroep="statushouder")
    c = _lid("Celik", "Overvecht", "20.00")
    hier = klus(pakket(locatie))
    daar = klus(pakket(andere_locatie))
    uren(a, hier, locatie, OKT, 9, 13)  # 4 h, € 60
    uren(b, hier, locatie, OKT, 14, 16, aanvulling="1")  # 2 h worked, 3 paid: € 48
    job, (fragment,) = vaste_baan(c, [(hier.werkpakket, 1, 8, 14)])
    uren(c, job, locatie, OKT.replace(day=6), 8, 14, fragment=fragment)  # 6 h permanent, € 120
    uren(a, daar, andere_locatie, OKT.replace(day=7), 9, 12)  # 3 h, € 45
    uren(b, daar, andere_locatie, OKT.replace(day=8), 9, 14)  # 5 h, € 80
    # Outside the report: not approved, and after the period.
    uren(a, hier, locatie, OKT.replace(day=9), 9, 17, status="ingediend")
    uren(c, daar, andere_locatie, date(2026, 11, 2), 9, 17)
    return a, b, c


def _per(rijen: list[dict], sleutel: str) -> dict[str, dict]:
    return {r[sleutel]: r for r in rijen}


def test_wijken_shares_and_money_kept_in_the_wijk(api_as, staff, buurt):
    response = api_as(staff).get(PERIODE)
    assert response.status_code == 200, response.body
    wijken = _per(response.body["wijken"], "wijk")
    zw, west, overvecht = wijken["Zuidwest"], wijken["West"], wijken["Overvecht"]
    assert D(zw["uren"]) == 12 and D(zw["uren_door_bewoners"]) == 4
    assert D(zw["aandeel_bewoners"]) == D("0.3333")
    assert D(zw["loon"]) == D("228.00")
    assert D(zw["geld_in_wijk"]) == D("60.00")  # Amrani's pay for work in her own wijk
    assert D(zw["aandeel_geld_in_wijk"]) == D("0.2632")
    assert D(zw["loon_naar_bewoners"]) == D("105.00")  # all Amrani earned, here and in West
    assert (zw["leden_met_werk"], zw["bewoners_met_werk"]) == (3, 1)
    assert (D(zw["vast_uren"]), D(zw["incidenteel_uren"])) == (6, 6)
    assert D(west["uren"]) == 8 and D(west["aandeel_bewoners"]) == D("0.6250")
    assert D(west["geld_in_wijk"]) == D("80.00") and D(west["aandeel_geld_in_wijk"]) == D("0.6400")
    assert D(west["loon_naar_bewoners"]) == D("128.00")
    # No work in Overvecht, but a resident who earned there elsewhere.
    assert D(overvecht["uren"]) == 0 and D(overvecht["loon_naar_bewoners"]) == D("120.00")
    totaal = response.body["totaal"]
    assert (D(totaal["uren"]), D(totaal["loon"]), D(totaal["geld_in_wijk"])) == (
        20,
        D("353.00"),
        D("140.00"),
    )
    assert D(totaal["aandeel_bewoners"]) == D("0.4500")
    assert totaal["leden_met_werk"] == 3


def test_sroi_per_employer_under_the_configured_model(api_as, staff, buurt, werkgever):
    body = api_as(staff).get(PERIODE).body
    werkgevers = _per(body["werkgevers"], "werkgever")
    eerste = werkgevers["Woonstichting Kanaleneiland"]
    assert eerste["werkgever_id"] == werkgever.pk
    # Amrani: Participatiewet € 40,000 + 50+ € 10,000 a year over 36 x 52 = 1872 hours.
    # Bakker: status holder, no base value, the € 10,000 extra only.
    assert eerste["sroi_per_doelgroep"] == {
        "participatiewet": {"uren": "4.00", "waarde": "106.84"},  # 4 x 50000 / 1872
        "statushouder": {"uren": "2.00", "waarde": "10.68"},  # 2 x 10000 / 1872
    }
    assert (D(eerste["sroi_uren"]), D(eerste["sroi_waarde"])) == (6, D("117.52"))
    assert (D(eerste["vast_uren"]), D(eerste["incidenteel_uren"])) == (6, 6)
    tweede = werkgevers["Bo-Ex Utrecht"]
    assert (D(tweede["sroi_uren"]), D(tweede["sroi_waarde"])) == (8, D("106.84"))  # 80.13+26.71
    assert any("statushouder" in m for m in body["meldingen"])

    model = SroiModel.huidig()
    model.waarden = {**model.waarden, "participatiewet": 30000}
    model.save()
    eerste = _per(api_as(staff).get(PERIODE).body["werkgevers"], "werkgever")[
        "Woonstichting Kanaleneiland"
    ]
    assert eerste["sroi_per_doelgroep"]["participatiewet"]["waarde"] == "85.47"  # 4 x 40000/1872


def test_xlsx_has_the_same_figures_and_charts(api_as, staff, buurt):
    response = api_as(staff).get(PERIODE.replace("buurteconomie", "buurteconomie.xlsx"))
    assert response.status_code == 200
    data = io.BytesIO(response.content)
    wijken = pd.read_excel(data, sheet_name="Wijken").set_index("Wijk")
    assert wijken.loc["Zuidwest", "Uren"] == 12
    assert wijken.loc["Zuidwest", "Geld in de wijk"] == 60
    assert wijken.loc["West", "Aandeel bewoners"] == pytest.approx(0.625)
    assert wijken["Loon"].sum() == pytest.approx(353)
    werkgevers = pd.read_excel(data, sheet_name="Werkgevers").set_index("Werkgever")
    assert werkgevers["SROI-waarde"].sum() == pytest.approx(224.36)
    assert werkgevers["Uren"].sum() == 20
    with zipfile.ZipFile(data) as archief:
        assert len([n for n in archief.namelist() if n.startswith("xl/charts/chart")]) == 4


def test_employer_sees_only_its_own_work(api_as, werkgever_user, werknemer_user, buurt):
    body = api_as(werkgever_user).get(PERIODE).body
    assert [w["werkgever"] for w in body["werkgevers"]] == ["Woonstichting Kanaleneiland"]
    assert D(body["totaal"]["uren"]) == 12
    assert "West" not in {w["wijk"] for w in body["wijken"] if D(w["uren"])}
    assert api_as(werknemer_user).get(PERIODE).status_code == 403


def test_missing_wage_is_reported_not_hidden(api_as, staff, locatie):
    zonder = f.WerknemerFactory(achternaam="Zonderloon", wijk="Zuidwest")
    uren(zonder, klus(pakket(locatie)), locatie, OKT, 9, 12)
    body = api_as(staff).get(PERIODE).body
    assert D(body["totaal"]["uren"]) == 3 and D(body["totaal"]["loon"]) == 0
    assert len(body["meldingen"]) == 1
    assert body["meldingen"][0].endswith(
        "Zonderloon: 1 urenregel(s) zonder loonafspraak; hun loon telt als € 0."
    )


def test_bad_period_is_a_400(api_as, staff):
    response = api_as(staff).get("rapport/buurteconomie?van=2026-10-31&tot=2026-10-01")
    assert response.status_code == 400
    assert response.body["fields"] == {"tot": ["Ligt vóór 'van'."]}
    assert api_as(staff).get("rapport/buurteconomie?van=gisteren&tot=2026-10-01").status_code == 422


def test_the_report_engine_names_the_status_holder_group_as_the_members_registry_does():
    assert STATUSHOUDER == Werknemer.Doelgroep.STATUSHOUDER.value
