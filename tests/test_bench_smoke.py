"""Each benchmark at a tiny size, so a broken benchmark fails the suite (no timing asserts)."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from bench import __main__ as runner
from bench import bundle, data, payroll, plan, rank
from bench.resultaat import Resultaat, p95
from coop.engines import matching


def test_data_is_deterministic_and_inside_the_netherlands():
    eerste, tweede = data.leden(200, seed=4), data.leden(200, seed=4)
    assert eerste == tweede
    assert data.leden(200, seed=5) != eerste
    lat_min, lat_max, lon_min, lon_max = data.NL_BOX
    assert all(
        lat_min <= m.punt.lat <= lat_max and lon_min <= m.punt.lon <= lon_max for m in eerste
    )
    assert all(1 <= len(m.vaardigheden) <= 3 and m.beschikbaarheid for m in eerste)


def test_members_cluster_in_the_big_cities():
    plaatsen = [m.punt.plaats for m in data.leden(3000, seed=1)]
    assert max(set(plaatsen), key=plaatsen.count) == "Amsterdam"
    assert plaatsen.count("Amsterdam") > 5 * plaatsen.count("Winterswijk")


def test_resultaat_ratio_points_towards_the_project():
    sneller = Resultaat("rank", "10 leden", "mediaan tijd (s)", 0.5, 10.0, "alles laden")
    beter = Resultaat("plan", "1", "totale score", 99.0, 100.0, "optimum", hoger_beter=True)
    assert sneller.ratio == 20.0 and beter.ratio == pytest.approx(0.99)
    assert "ratio 20.000" in sneller.regel()
    assert p95([float(i) for i in range(1, 21)]) == 19.0


@pytest.mark.django_db
def test_rank_benchmark_matches_the_baseline_with_a_constant_query_count():
    uit = rank.run(300, keer=1, basis_keer=1)
    assert [r.meting for r in uit] == ["mediaan tijd (s)", "p95 tijd (s)", "queries per ranking"]
    details = uit[0].details
    assert details["rijen"]["werknemers"] == 300
    assert len(details["per_dienst"]) == len(rank.DOELEN)
    for doel in details["per_dienst"]:
        assert doel["geschikt"] <= doel["voorgefilterd"] <= doel["basis_geladen"]
    assert sum(d["geschikt"] for d in details["per_dienst"]) > 0  # something to compare
    assert len(uit[2].details["project"]) == 1  # the same count for every target shift
    groot = replace(uit[2], maat="3000 leden")
    assert rank.constant([uit[2], groot])[0].gehaald is True
    afwijkend = replace(groot, details={"project": [uit[2].project + 5]})
    assert rank.constant([uit[2], afwijkend])[0].gehaald is False


def _ranking(*ids):
    job = matching.JobEis(1, 1, 1, 52.0, 5.0, "", ())
    return rank.Ranking(job, [matching.Beoordeling(i, 1.0, {}, 0.0) for i in ids])


def test_rank_check_refuses_a_different_ranking():
    dienst = type("D", (), {"pk": 7})()
    rank.controleer(dienst, _ranking(1, 2), _ranking(1, 2))
    with pytest.raises(rank.VerschilFout, match="alleen basis \\[3\\]"):
        rank.controleer(dienst, _ranking(1, 2), _ranking(1, 2, 3))


def test_plan_benchmark_is_valid_and_not_worse_than_greedy():
    uit = plan.run(40, 120, tijdslimiet_s=30)
    gevuld_greedy, gevuld_opt, score_greedy, score_opt = uit[:4]
    assert gevuld_opt.basis_naam == "optimum"  # a tiny instance is solved exactly
    assert gevuld_greedy.project == gevuld_opt.project >= gevuld_greedy.basis
    assert score_greedy.gehaald is True
    assert score_opt.gehaald is True
    assert score_opt.details["project"]["gevuld"] == gevuld_opt.project > 0


def test_plan_check_refuses_a_broken_plan():
    inst = plan.instantie(40, 120)
    goed = plan.planning.plan(inst.diensten, inst.kandidaten)
    dubbel = replace(goed, toewijzingen=goed.toewijzingen + goed.toewijzingen[:1])
    with pytest.raises(plan.PlanFout, match="meer dan eens"):
        plan._controleer(inst, dubbel, "project")


def test_bundle_benchmark_stays_under_its_bound():
    uit = bundle.run(60)
    bovengrens, per_werkgever, tijd = uit
    assert bovengrens.basis_naam == "bovengrens"
    assert 0 < bovengrens.project <= bovengrens.basis <= bovengrens.details["totale_uren"]
    assert per_werkgever.project >= per_werkgever.basis
    assert tijd.meting == "tijd (s)"


def test_bundle_check_refuses_a_lost_fragment():
    from coop.engines import bundling

    alle = data.fragmenten(60, 8)
    resultaat = bundling.bundle(alle, van=bundle.VAN)
    kwijt = replace(resultaat, over=resultaat.over[1:]) if resultaat.over else None
    if kwijt is None:  # every fragment bundled: drop one from a bundle instead
        b = resultaat.bundels[0]
        kwijt = replace(resultaat, bundels=[replace(b, fragmenten=b.fragmenten[1:])])
    with pytest.raises(bundle.BundelFout):
        bundle._controleer(kwijt, alle, bundling.STANDAARD_CONFIG)


def test_runner_writes_comparable_json(tmp_path):
    r = Resultaat("plan", "1", "totale score", 9.0, 10.0, "optimum", True, "binnen 1%", False)
    pad = runner._schrijf([r], {"sizes": "tiny"}, tmp_path / "uit.json")
    inhoud = json.loads(pad.read_text())
    assert inhoud["meta"] == {"sizes": "tiny"}
    assert inhoud["resultaten"][0]["ratio"] == pytest.approx(0.9)
    assert "NIET gehaald" in runner._tabel([r])


def test_runner_refuses_an_unknown_benchmark():
    with pytest.raises(SystemExit):
        runner.main(["--only", "rank,payrol"])


def test_plan_targets_fail_when_the_plan_is_worse():
    inst = plan.instantie(40, 120)
    optimum = plan.planning.plan(inst.diensten, inst.kandidaten, top_k=None)
    slechter = replace(optimum, gevuld=optimum.gevuld - 1, totale_score=optimum.totale_score - 1)
    uit = plan.resultaten(40, 120, slechter, optimum, optimum)
    assert [r.gehaald for r in uit if r.doel] == [False, False]


@pytest.mark.django_db
def test_payroll_benchmark_exports_exactly_the_built_lines():
    meting = payroll.run(2_000, apart=False)  # in process: the test transaction is not committed
    assert meting.bouw["rijen"] == {
        "werknemers": 100,
        "werkgevers": 2,
        "diensten": 2_000,
        "inzetten": 2_000,
        "urenregels": 2_000,
    }
    doel = payroll.verwacht(100)
    assert (meting.uitkomst["aantal_regels"], meting.uitkomst["aantal_werknemers"]) == (2_000, 100)
    assert Decimal(meting.uitkomst["totaal_uren"]) == doel.uren
    assert Decimal(meting.uitkomst["totaal_bruto"]) == doel.bruto
    assert set(meting.uitkomst["bestanden_bytes"]) == {"csv", "nmbrs", "xlsx"}
    assert meting.piek_mb > 0
    groter = replace(meting, regels=4_000, seconden=meting.seconden * 4)
    uit = payroll.resultaten([meting, groter])
    assert [r.meting for r in uit[:4]] == [
        "bouw (s)",
        "export tijd (s)",
        "tracemalloc-piek in proces (MB)",
        "geheugengroei export (MB)",
    ]
    groei = uit[-1]
    assert (groei.maat, groei.ratio, groei.gehaald) == ("2000 -> 4000", pytest.approx(0.5), False)


def test_payroll_check_refuses_wrong_totals():
    # member 0: 2.00, 2.25, ... 6.75 h on days 1-20 = 87.50 h at 16.00 = 1,400.00
    assert payroll.verwacht(1) == payroll.Verwacht(20, 1, Decimal("87.50"), Decimal("1400.00"))
    doel = payroll.verwacht(3)
    assert (doel.regels, doel.werknemers) == (60, 3)
    goed = {
        "status": "done",
        "melding": "",
        "aantal_regels": 60,
        "aantal_werknemers": 3,
        "totaal_uren": str(doel.uren),
        "totaal_bruto": str(doel.bruto),
    }
    payroll.controleer(goed, doel)
    with pytest.raises(payroll.PayrollFout, match="gebouwd"):
        payroll.controleer(goed | {"totaal_bruto": str(doel.bruto - Decimal("0.01"))}, doel)
    with pytest.raises(payroll.PayrollFout, match="niet klaar"):
        payroll.controleer(goed | {"status": "failed", "melding": "geweigerd"}, doel)
