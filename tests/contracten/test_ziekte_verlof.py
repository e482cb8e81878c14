"""The sickness and leave rules (contracten/regels/ziekte.py, verlof.py) with worked examples."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracten import tabellen as t
from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import RegelFout
from contracten.regels import verlof as v
from contracten.regels import ziekte as z

DAG = date(2026, 11, 19)


def test_the_sickness_figures_are_dated_and_sourced():
    feit = t.ZIEKTE.feit_op(DAG)
    assert feit.waarde.doorbetaling_procent == D("70")
    assert feit.waarde.minimumloon_weken == 52 and feit.waarde.max_weken == 104
    assert feit.waarde.max_wachtdagen == 2 and feit.waarde.samentellen_binnen_weken == 4
    assert "7:629" in feit.bron and feit.zekerheid == "H"
    termijnen = t.VERZUIM_TERMIJNEN.feit_op(DAG)
    assert (termijnen.waarde.probleemanalyse_weken, termijnen.waarde.uwv_na_weken) == (6, 42)
    assert "poortwachter" in termijnen.bron
    with pytest.raises(GeenRegelVoorDatum):
        t.ZIEKTE.op(date(2003, 12, 31))


@pytest.mark.parametrize(
    "uurloon, minimum, week, bedrag, garantie",
    [
        (D("20.00"), D("14.99"), 1, D("14.99"), True),  # 14.00 is below the minimum
        (D("25.00"), D("14.99"), 1, D("17.50"), True),  # 70% is above it
        (D("14.99"), D("14.99"), 52, D("14.99"), True),  # at the minimum: 100%
        (D("20.00"), D("14.99"), 53, D("14.00"), False),  # second year: 70% alone
        (D("20.00"), D("14.99"), 105, D("0"), False),  # after 104 weeks: nothing
    ],
)
def test_sick_pay_is_70_percent_not_below_the_minimum_in_the_first_year(
    uurloon, minimum, week, bedrag, garantie
):
    uit = z.doorbetaling(uurloon=uurloon, minimumloon=minimum, week=week, wachtdag=False, dag=DAG)
    assert uit.uurbedrag == bedrag
    assert uit.minimumloon_garantie is garantie
    assert uit.procent == (D("70") if week <= 104 else D("0"))


def test_a_waiting_day_pays_nothing_and_says_why():
    uit = z.doorbetaling(uurloon=D("20"), minimumloon=D("14.99"), week=1, wachtdag=True, dag=DAG)
    assert (uit.procent, uit.uurbedrag) == (D("0"), D("0"))
    assert "Wachtdag" in uit.toelichting


def test_waiting_days_only_when_agreed_at_most_two_and_once_per_chain():
    perioden = [(date(2026, 11, 2), date(2026, 11, 6))]
    assert not z.is_wachtdag(perioden, date(2026, 11, 2), overeengekomen=0)
    assert z.is_wachtdag(perioden, date(2026, 11, 2), overeengekomen=1)
    assert not z.is_wachtdag(perioden, date(2026, 11, 3), overeengekomen=1)
    # Five agreed: the law allows two.
    assert z.is_wachtdag(perioden, date(2026, 11, 3), overeengekomen=5)
    assert not z.is_wachtdag(perioden, date(2026, 11, 4), overeengekomen=5)
    # A relapse within 4 weeks continues the chain: no new waiting day.
    terugval = [*perioden, (date(2026, 11, 20), None)]
    assert not z.is_wachtdag(terugval, date(2026, 11, 20), overeengekomen=2)
    # After more than 4 weeks healthy, a new chain with its waiting days.
    nieuw = [*perioden, (date(2026, 12, 7), None)]
    assert z.is_wachtdag(nieuw, date(2026, 12, 7), overeengekomen=2)
    with pytest.raises(RegelFout):
        z.is_wachtdag(perioden, date(2026, 11, 2), overeengekomen=-1)


def test_periods_less_than_four_weeks_apart_add_up():
    perioden = [(date(2026, 1, 5), date(2026, 1, 18)), (date(2026, 2, 2), None)]
    assert z.ziektedag(perioden, date(2026, 1, 18)) == 14
    assert z.ziektedag(perioden, date(2026, 1, 25)) == 0  # healthy in between
    assert z.ziektedag(perioden, date(2026, 2, 2)) == 15
    assert z.ziekteweek(perioden, date(2026, 2, 2)) == 3
    # A gap of exactly 28 days starts a new chain.
    los = [(date(2026, 1, 5), date(2026, 1, 18)), (date(2026, 2, 16), None)]
    assert z.ziektedag(los, date(2026, 2, 16)) == 1
    with pytest.raises(RegelFout):
        z.ziektedag([(date(2026, 1, 5), date(2026, 1, 1))], date(2026, 1, 5))


@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=6))
def test_sick_days_never_exceed_the_calendar(lengtes):
    perioden, dag = [], date(2026, 1, 1)
    for n in lengtes:
        perioden.append((dag, date.fromordinal(dag.toordinal() + n - 1)))
        dag = date.fromordinal(dag.toordinal() + n + 3)  # 3 healthy days between
    laatste = perioden[-1][1]
    assert z.ziektedag(perioden, laatste) == sum(lengtes)
    assert z.ziektedag(perioden, laatste) <= (laatste - perioden[0][0]).days + 1


def test_presumed_hours_after_three_months_of_on_call_work():
    uren = {date(2026, 9, d): D("6") for d in (1, 8, 15, 22, 29)}
    uren |= {date(2026, 10, d): D("6") for d in (6, 13, 20, 27)}
    uren |= {date(2026, 11, d): D("6") for d in (3, 10, 17)}
    uren[date(2026, 5, 1)] = D("40")  # long before the 3 months: does not count
    # 12 calls of 6 h in the 3 months (13 weeks + 1 day) before 19 November.
    vermoed = z.vermoede_uren_per_week(
        contract_begin=date(2026, 3, 1), ziek_vanaf=date(2026, 11, 19), uren_per_dag=uren
    )
    assert vermoed == (D("72") / (D(92) / 7)).quantize(D("0.01"))
    assert (
        z.vermoede_uren_per_week(
            contract_begin=date(2026, 9, 1), ziek_vanaf=date(2026, 11, 19), uren_per_dag=uren
        )
        is None
    )
    with pytest.raises(RegelFout):
        z.vermoede_uren_per_week(
            contract_begin=date(2026, 12, 1), ziek_vanaf=date(2026, 11, 19), uren_per_dag={}
        )


def test_leave_for_a_fixed_job_is_four_weeks_pro_rata():
    assert v.recht_vaste_baan(
        uren_per_week=D("14"), begin=date(2025, 6, 1), eind=None, jaar=2026
    ) == D("56.00")
    # From 19 November: 43 of 365 days.
    assert v.recht_vaste_baan(
        uren_per_week=D("14"), begin=date(2026, 11, 19), eind=None, jaar=2026
    ) == (D("56") * 43 / 365).quantize(D("0.01"))
    with pytest.raises(RegelFout):
        v.recht_vaste_baan(
            uren_per_week=D("14"), begin=date(2026, 2, 1), eind=date(2026, 1, 1), jaar=2026
        )
    assert v.recht_vaste_baan(
        uren_per_week=D("14"), begin=date(2027, 1, 1), eind=None, jaar=2026
    ) == D("0")


def test_on_call_leave_accrues_four_48ths_of_each_paid_hour():
    assert v.opbouw_oproep(betaalde_uren=[(DAG, D("48"))]) == D("4.00")
    assert v.opbouw_oproep(betaalde_uren=[(DAG, D("10")), (DAG, D("2"))]) == D("1.00")
    assert v.saldo(recht=D("56"), opgenomen=D("17.5")) == D("38.5")
    with pytest.raises(RegelFout):
        v.opbouw_oproep(betaalde_uren=[(DAG, D("-1"))])
