"""Every text that names the call term reads it from the dated table (tabellen.OPROEP):
with a different figure in the table, the documents, messages, notifications and member
pages say that figure."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from contracten import tabellen
from contracten.contexten import AMSTERDAM
from contracten.feiten import DatedTable, GeenRegelVoorDatum
from contracten.models import Document, DocumentSoort
from contracten.regels import oproeptermijn_dagen
from coop.notificaties import berichten
from coop.notificaties.models import Notificatie, Soort
from coop.pages.views.documenten import _samenvatting
from coop.services.uren.berekening import Oproepvoorwaarden, bereken_annulering
from tests.contracten.test_pdf import arbeidsovereenkomst, oproepovereenkomst, render, tekst


@pytest.fixture
def termijn_vijf_dagen(monkeypatch):
    """The on-call table with a term of 5 days (as a CAO-free change of law would give)."""
    rij = tabellen.OPROEP.code_rijen[0]
    anders = dataclasses.replace(rij, waarde=dataclasses.replace(rij.waarde, oproeptermijn_dagen=5))
    monkeypatch.setattr(tabellen, "OPROEP", DatedTable(tabellen.OPROEP.onderwerp, [anders]))


def test_oproeptermijn_uit_de_tabel():
    assert oproeptermijn_dagen(date(2026, 11, 16)) == 4
    with pytest.raises(GeenRegelVoorDatum):
        oproeptermijn_dagen(date(2028, 1, 1))  # the on-call rules change in 2028 (BRONNEN §2)


def test_oproeptermijn_volgt_de_tabel(termijn_vijf_dagen):
    assert oproeptermijn_dagen(date(2026, 11, 16)) == 5


def test_arbeidsovereenkomst_zonder_rooster_noemt_de_termijn_van_de_tabel(termijn_vijf_dagen):
    t = tekst(render("arbeidsovereenkomst", arbeidsovereenkomst(rooster=[])))
    assert "ten minste 5 dagen van tevoren bekendgemaakt" in t
    met_rooster = tekst(render("arbeidsovereenkomst", arbeidsovereenkomst()))
    assert "dagen van tevoren bekendgemaakt" not in met_rooster


def test_oproepovereenkomst_noemt_de_termijn_van_de_tabel(termijn_vijf_dagen):
    t = tekst(render("oproepovereenkomst", oproepovereenkomst()))
    assert "ten minste 5 dagen" in t and "4 dagen" not in t


def test_late_annulering_op_de_urenregel_noemt_de_termijn_van_de_tabel(termijn_vijf_dagen):
    b = bereken_annulering(Decimal("4"), date(2026, 11, 20), Oproepvoorwaarden(Decimal(0), False))
    assert b.regels[0].startswith("Late annulering (binnen 5 dagen, art. 7:628a lid 4 BW)")


@pytest.fixture
def andere_figuren(monkeypatch):
    """Holiday of 5 weeks lapsing after 9 months; the fixed-hours offer after 10 months."""
    vak = tabellen.VAKANTIE.code_rijen[0]
    monkeypatch.setattr(
        tabellen,
        "VAKANTIE",
        DatedTable(
            tabellen.VAKANTIE.onderwerp,
            [
                dataclasses.replace(
                    vak,
                    waarde=dataclasses.replace(
                        vak.waarde, weken_per_jaar=5, verval_maanden_na_jaar=9
                    ),
                )
            ],
        ),
    )
    rij = tabellen.OPROEP.code_rijen[0]
    anders = dataclasses.replace(rij, waarde=dataclasses.replace(rij.waarde, aanbod_na_maanden=10))
    monkeypatch.setattr(tabellen, "OPROEP", DatedTable(tabellen.OPROEP.onderwerp, [anders]))


def test_vakantie_in_de_slotbepalingen_uit_de_tabel(andere_figuren):
    t = tekst(render("arbeidsovereenkomst", arbeidsovereenkomst()))
    assert "(5 maal de arbeidsduur per week)" in t
    assert "vervallen 9 maanden na het jaar" in t
    assert "120 uur vakantie" in t  # 24 hours a week x 5 weeks


def test_aanbod_vaste_uren_na_de_maanden_van_de_tabel(andere_figuren):
    t = tekst(render("oproepovereenkomst", oproepovereenkomst()))
    assert "Na 10 maanden, voor het eerst op 1 januari 2027" in t
    assert "iedere 10 maanden" in t and "twaalf" not in t


def test_proeftijdmelding_noemt_de_figuren_van_de_tabel(monkeypatch):
    rij = tabellen.PROEFTIJD.code_rijen[0]
    anders = dataclasses.replace(
        rij, waarde=dataclasses.replace(rij.waarde, geen_tot_en_met_maanden=9)
    )
    monkeypatch.setattr(tabellen, "PROEFTIJD", DatedTable(tabellen.PROEFTIJD.onderwerp, [anders]))
    with pytest.raises(
        Exception, match="Bij een contract van 9 maanden of korter geldt geen proeftijd"
    ):
        render(
            "arbeidsovereenkomst",
            arbeidsovereenkomst(einddatum="2026-10-31", proeftijd_maanden=1),
        )


# --- the member's own words: notifications and the documents page ------------------------


def _bericht(soort, taal="nl", **gegevens):
    start = datetime(2026, 11, 18, 9, 0, tzinfo=AMSTERDAM)
    g = {
        "start": start.isoformat(),
        "eind": (start + timedelta(hours=4)).isoformat(),
        "deadline": (start - timedelta(hours=30)).isoformat(),
        "plaats": "Kanaleneiland",
        "uurloon": "14.40",
        "korte_termijn": True,
        "uren_doorbetaald": "3.5",
    } | gegevens
    return berichten.opstellen(Notificatie(soort=soort, gegevens=g), taal=taal).tekst


def test_berichten_noemen_de_termijn_die_bij_de_feiten_is_bewaard():
    assert "Dit werk begint binnen 5 dagen" in _bericht(Soort.AANBOD, oproeptermijn_dagen=5)
    assert "minder dan 5 dagen van tevoren afgezegd" in _bericht(
        Soort.OPROEP_GEANNULEERD, oproeptermijn_dagen=5
    )
    assert "starts within 5 days" in _bericht(Soort.AANBOD, taal="en", oproeptermijn_dagen=5)
    assert "less than 5 days ahead" in _bericht(
        Soort.OPROEP_GEANNULEERD, taal="en", oproeptermijn_dagen=5
    )


def test_berichten_zonder_bewaarde_termijn_lezen_de_tabel(termijn_vijf_dagen):
    assert "Dit werk begint binnen 5 dagen" in _bericht(Soort.AANBOD)
    assert "minder dan 5 dagen van tevoren afgezegd" in _bericht(Soort.OPROEP_GEANNULEERD)


def test_samenvatting_van_een_document_noemt_zijn_eigen_termijn(termijn_vijf_dagen):
    uitgegeven = datetime(2026, 11, 16, 10, 0, tzinfo=AMSTERDAM)
    with translation.override("nl"):
        # the term the contract states (a CAO may shorten it), not the table's
        overeenkomst = Document(
            soort=DocumentSoort.OPROEPOVEREENKOMST,
            gegevens={"oproeptermijn_dagen": 2},
            uitgegeven_op=uitgegeven,
        )
        assert "korter dan 2 dagen van tevoren komt" in _samenvatting(overeenkomst)
        # a document stored without it: the table of the day it was issued
        annulering = Document(
            soort=DocumentSoort.ANNULERING_OPROEP, gegevens={}, uitgegeven_op=uitgegeven
        )
        assert "minder dan 5 dagen van tevoren" in _samenvatting(annulering)
        contract = Document(
            soort=DocumentSoort.ARBEIDSOVEREENKOMST, gegevens={}, uitgegeven_op=uitgegeven
        )
        assert "%(" not in _samenvatting(contract)
