"""`make run` keeps working on any date: past the known legal figures the demo says so in one
line and carries the last confirmed figures on as demo figures, never used outside it."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from contracten import gegevens
from contracten import tabellen as t
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import Oproep, WettelijkGegeven
from coop.demo import build_demo
from coop.models import Aanbod

# Past the last row of every table that ends (the minimum wage, the chain rule, on-call rules).
LAAT = max(tabel.bekend_tot() for tabel in t.REGISTER.values() if tabel.bekend_tot()) + timedelta(
    days=62
)


@pytest.mark.parametrize("peildatum", [LAAT, date(2027, 1, 4)], ids=["na-elke-tabel", "4-jan-2027"])
def test_demo_runs_with_accepted_calls_on_any_date(db, peildatum):
    moment = datetime(
        peildatum.year, peildatum.month, peildatum.day, 8, tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    out = StringIO()
    with time_machine.travel(moment, tick=True):
        build_demo(stdout=out, vandaag=peildatum)
        tekst = out.getvalue()
        geaccepteerd = Aanbod.objects.filter(status="geaccepteerd").count()
        oproepen = Oproep.objects.filter(begin__date__gte=peildatum).count()
    assert geaccepteerd >= 8 and oproepen >= 1, tekst
    demo_rijen = WettelijkGegeven.objects.filter(demo=True)
    if peildatum == LAAT:
        regels = [r for r in tekst.splitlines() if "Let op: niet bekend" in r]
        assert len(regels) == 1 and "minimumloon per uur" in regels[0]
        assert demo_rijen.filter(tabel="minimumloon_per_uur").exists()
    else:  # January 2027 is covered by the (provisional) figures: no demo figures needed
        assert "Let op: niet bekend" not in tekst and not demo_rijen.exists()
    gegevens.demo_modus(False)
    if peildatum == LAAT:
        with pytest.raises(GeenRegelVoorDatum):
            t.MINIMUMLOON_PER_UUR.op(peildatum)  # outside the demo nothing is invented
