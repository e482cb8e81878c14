"""Contract terms, chain input and wages as the contract services decide them."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from contracten import services as contracten
from contracten import tabellen as t
from contracten import voorwaarden
from contracten.models import Arbeidscontract, Document
from contracten.regels import ContractPeriode
from coop.core.exceptions import Conflict

PLEK = contracten.Werkplek("Bo-Ex Utrecht", "", "Columbuslaan 5, 3526 EP Utrecht")


def test_highest_minimum_takes_the_21st_birthday_within_the_contract():
    # 20 until 20 December 2026 (EUR 11.99 from July), then 21: EUR 14.99.
    geboren = date(2005, 12, 20)
    assert voorwaarden.hoogste_minimumloon(
        geboren, date(2026, 12, 1), date(2026, 12, 19)
    ) == Decimal("11.99")
    assert voorwaarden.hoogste_minimumloon(
        geboren, date(2026, 12, 1), date(2026, 12, 20)
    ) == Decimal("14.99")
    # An open-ended contract: every row the table knows counts, days after it are not guessed.
    laatste = t.MINIMUMLOON_PER_UUR.rijen[-1].waarde[21]
    assert voorwaarden.hoogste_minimumloon(geboren, date(2026, 12, 1), None) == laatste


def test_highest_minimum_takes_the_indexation_within_the_contract():
    assert voorwaarden.hoogste_minimumloon(
        date(1990, 5, 17), date(2026, 3, 1), date(2026, 6, 30)
    ) == Decimal("14.71")
    assert voorwaarden.hoogste_minimumloon(
        date(1990, 5, 17), date(2026, 3, 1), date(2026, 7, 1)
    ) == Decimal("14.99")


def test_agreed_wage_below_a_later_days_minimum_is_refused():
    with pytest.raises(Conflict) as exc:
        voorwaarden.contractloon(
            date(2005, 12, 20), date(2026, 12, 1), date(2026, 12, 31), Decimal("12.50")
        )
    assert "14.99" in exc.value.message and "uurloon" in exc.value.fields


def test_start_date_without_a_wage_table_is_refused():
    na_de_tabel = t.MINIMUMLOON_PER_UUR.bekend_tot() + timedelta(days=4)
    with pytest.raises(Conflict) as exc:
        voorwaarden.contractloon(date(1990, 5, 17), na_de_tabel, None, None)
    assert "minimumloon per uur" in exc.value.message
    assert f"{na_de_tabel:%d-%m-%Y}" in exc.value.message
    assert "Wettelijke gegevens" in exc.value.message  # what to do, and where


def contract(werknemer, begin, eind, kenmerk):
    return contracten.arbeidsovereenkomst_create(
        werknemer=werknemer,
        kenmerk=kenmerk,
        functie="Schoonmaker",
        werkplekken=[PLEK],
        begin=begin,
        eind=eind,
        uren_per_week=Decimal("10"),
        rooster=[contracten.Roosterregel(2, time(8), time(12))],
        afspraken=(),
    )


def test_running_and_overlapping_contracts_count_as_one_link_up_to_the_new_start(werknemer):
    contract(werknemer, date(2026, 1, 1), date(2026, 6, 30), "a")
    oproep = contracten.oproepovereenkomst_voor(
        werknemer=werknemer,
        dag=date(2026, 3, 10),
        werkplek=PLEK,
        eerste_oproep=contracten.Roosterregel(1, time(9), time(13)),
        afspraken=(),
        vandaag=date(2026, 3, 1),
    )
    assert oproep.begin == date(2026, 3, 1) and oproep.eind == date(2027, 2, 28)
    assert voorwaarden.eerdere_perioden(werknemer, date(2026, 9, 1)) == [
        ContractPeriode(date(2026, 1, 1), date(2026, 8, 31))
    ]


def test_same_decision_twice_gives_one_contract(werknemer):
    eerste = contract(werknemer, date(2026, 2, 1), date(2026, 12, 31), "job-1")
    assert contract(werknemer, date(2026, 2, 1), date(2026, 12, 31), "job-1") == eerste
    assert Arbeidscontract.objects.count() == Document.objects.count() == 1


def test_a_short_fixed_term_has_no_probation(werknemer):
    kort = contract(werknemer, date(2026, 7, 1), date(2026, 12, 31), "kort")
    assert kort.proeftijd_maanden == 0 and kort.bepaalde_tijd
    assert kort.document.gegevens["proeftijd_maanden"] == 0


def test_wage_steps_follow_the_agreements_and_the_minimum_where_none_holds():
    geboren = date(2005, 12, 20)  # 21 on 20 December 2026
    stappen = voorwaarden.loonverloop(geboren, date(2026, 12, 1), date(2027, 5, 31), [])
    assert [(s.vanaf, s.uurloon, s.minimumloon) for s in stappen] == [
        (date(2026, 12, 1), Decimal("11.99"), True),
        (date(2026, 12, 20), Decimal("14.99"), True),
        # the indexation of 1 January (a provisional figure until staff confirm it)
        (date(2027, 1, 1), t.MINIMUMLOON_PER_UUR.op(date(2027, 1, 1))[21], True),
    ]
    afspraken = [(date(2026, 12, 10), Decimal("17.50"))]
    stappen = voorwaarden.loonverloop(geboren, date(2026, 12, 1), date(2027, 5, 31), afspraken)
    assert [(s.vanaf, s.uurloon, s.minimumloon) for s in stappen] == [
        (date(2026, 12, 1), Decimal("11.99"), True),
        (date(2026, 12, 10), Decimal("17.50"), False),
    ]


def test_agreement_below_the_minimum_after_a_birthday_names_the_day():
    with pytest.raises(Conflict) as exc:
        voorwaarden.loonverloop(
            date(2005, 12, 20), date(2026, 12, 1), None, [(date(2026, 11, 1), Decimal("13.00"))]
        )
    assert "14.99" in exc.value.message and "20-12-2026" in exc.value.message
