"""One rounding rule: payroll's vectorised cents, the report's line wage and the documents'
amounts are the same function of hours and wage, on random data."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from contracten.regels.geld import bedrag, bedrag_centen, cent
from contracten.regels.ziekte import ziekteloon_per_uur
from coop.services.facturen import rapport
from coop.services.uren import loonstaat

honderdsten = st.integers(min_value=-2400, max_value=2400)
centen = st.integers(min_value=1, max_value=9999)
# one number of hundredths per paid component payroll knows (worked, kept, top-up, surcharge,
# sick, leave)
componenten = st.tuples(*(honderdsten for _ in loonstaat.SOORTEN))


@given(honderdsten, centen)
def test_whole_number_rounding_is_the_decimal_rule(uren, loon):
    assert bedrag_centen(uren, loon) == int(bedrag(Decimal(uren) / 100, Decimal(loon) / 100) * 100)
    assert bedrag_centen(np.array([uren]), np.array([loon]))[0] == bedrag_centen(uren, loon)


# a sick line's percentage (hundredths of a percent: 0, or 50% to 100%), whether the
# minimum-wage floor applies, and the day's minimum wage in cents
ziekte = st.tuples(
    st.one_of(st.just(0), st.integers(min_value=5000, max_value=10000)),
    st.booleans(),
    centen,
)


def test_the_report_reads_the_components_payroll_pays_in_the_same_order():
    assert rapport.COMPONENTEN == loonstaat.UREN_VELDEN
    assert len(loonstaat.UREN_VELDEN) == len(loonstaat.SOORTEN)
    assert rapport.COMPONENTEN[rapport.ZIEK] == "ziek_uren"
    assert loonstaat.SOORTEN[rapport.ZIEK] == "ziek"


@settings(max_examples=200)
@given(st.lists(st.tuples(componenten, componenten, centen, ziekte), min_size=1, max_size=30))
def test_payroll_and_report_compute_the_same_wage_per_line_and_in_total(lijnen):
    rijen = list(lijnen)
    df = pd.DataFrame(
        {
            "loon_cent": [loon for _n, _o, loon, _z in rijen],
            **{
                f"h_{s}": [n[i] - o[i] for n, o, _l, _z in rijen]
                for i, s in enumerate(loonstaat.SOORTEN)
            },
            "procent_x100": [z[0] for *_r, z in rijen],
            "garantie": [z[1] for *_r, z in rijen],
            "min_cent": [z[2] for *_r, z in rijen],
        }
    )
    df = loonstaat._bedragen(df)
    per_regel_payroll = [
        Decimal(int(sum(df.loc[i, f"c_{s}"] for s in loonstaat.SOORTEN))) / 100
        for i in range(len(rijen))
    ]
    per_regel_rapport = [
        rapport._loon(
            tuple(Decimal(x) / 100 for x in n),
            tuple(Decimal(x) / 100 for x in o),
            Decimal(uurloon) / 100,
            ziekteloon_per_uur(
                Decimal(uurloon) / 100,
                Decimal(procent) / 100,
                Decimal(minimum) / 100 if garantie else None,
            ),
        )
        for n, o, uurloon, (procent, garantie, minimum) in rijen
    ]
    assert per_regel_payroll == per_regel_rapport
    assert sum(per_regel_payroll) == sum(per_regel_rapport)
    assert all(cent(b) == b for b in per_regel_rapport)
