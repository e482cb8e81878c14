"""One Werkplek and one Roosterregel: what the services pass in is what the documents state."""

from __future__ import annotations

import dataclasses
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from contracten import contexten, services
from contracten.contexten import WEEKDAGEN, Roosterregel, Werkplek


def test_een_definitie_voor_services_en_documenten():
    assert services.Werkplek is contexten.Werkplek
    assert services.Roosterregel is contexten.Roosterregel


def test_werkplek_positioneel_en_als_context():
    plek = Werkplek("Bo-Ex Utrecht", "", "Columbuslaan 5, Utrecht")
    assert dataclasses.asdict(plek) == {
        "werkgever": "Bo-Ex Utrecht",
        "locatie": "",
        "adres": "Columbuslaan 5, Utrecht",
    }
    assert Werkplek(werkgever="Bo-Ex Utrecht", adres="Columbuslaan 5").locatie == ""


@pytest.mark.parametrize(
    "fout",
    [
        {"werkgever": "", "adres": "Columbuslaan 5"},  # empty employer
        {"werkgever": "Bo-Ex"},  # no address
        {"werkgever": "Bo-Ex", "adres": "Columbuslaan 5", "bsn": "123456782"},  # extra key
    ],
)
def test_werkplek_weigert_onvolledige_of_extra_gegevens(fout):
    with pytest.raises(ValidationError):
        Werkplek(**fout)


@given(st.integers(min_value=0, max_value=6))
def test_roosterregel_dagnummer_en_naam_zijn_hetzelfde(nummer):
    per_nummer = Roosterregel(nummer, time(9), time(13))
    per_naam = Roosterregel(WEEKDAGEN[nummer], time(9), time(13))
    assert per_nummer == per_naam
    assert per_nummer.weekdag == nummer
    assert dataclasses.asdict(per_nummer)["dag"] == WEEKDAGEN[nummer]


@pytest.mark.parametrize(
    ("dag", "van", "tot"),
    [(7, time(9), time(13)), ("maandagmiddag", time(9), time(13)), (0, time(13), time(9))],
)
def test_roosterregel_weigert_onzin(dag, van, tot):
    with pytest.raises(ValidationError):
        Roosterregel(dag, van, tot)


def test_opgeslagen_rooster_wordt_weer_dezelfde_waarde():
    """A document's stored context (JSON) validates back into the same values."""
    regel = Roosterregel(2, time(8), time(12, 30))
    opgeslagen = {"dag": "woensdag", "van": "08:00:00", "tot": "12:30:00"}
    assert Roosterregel(**opgeslagen) == regel
