"""The broker's maximum shift length is bounded by the working-time table, not a literal 12."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from contracten import arbeidstijd
from contracten.feiten import DatedTable
from coop.models import Instellingen

pytestmark = pytest.mark.django_db


def test_tot_het_wettelijke_maximum_mag():
    Instellingen(max_dienst_uren=Decimal("12")).full_clean()


def test_boven_het_wettelijke_maximum_geweigerd():
    with pytest.raises(ValidationError) as fout:
        Instellingen(max_dienst_uren=Decimal("12.25")).full_clean()
    assert fout.value.message_dict["max_dienst_uren"] == [
        "Een dienst duurt volgens de Arbeidstijdenwet hoogstens 12 uur."
    ]


def test_het_maximum_volgt_de_tabel(monkeypatch):
    rij = arbeidstijd.NORMEN_VOLWASSEN.code_rijen[-1]
    lager = dataclasses.replace(
        rij, waarde=dataclasses.replace(rij.waarde, max_dienst_uren=Decimal("10.5"))
    )
    tabel = DatedTable(arbeidstijd.NORMEN_VOLWASSEN.onderwerp, [lager])
    monkeypatch.setattr("coop.models.werk.NORMEN_VOLWASSEN", tabel)
    Instellingen(max_dienst_uren=Decimal("10.5")).full_clean()
    with pytest.raises(ValidationError) as fout:
        Instellingen(max_dienst_uren=Decimal("10.75")).full_clean()
    assert "hoogstens 10,5 uur" in fout.value.message_dict["max_dienst_uren"][0]
