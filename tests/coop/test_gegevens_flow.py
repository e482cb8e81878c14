"""A new period's figures entered by staff reach the very next acceptance; the user sees, in
Dutch, which figure is missing and what to do until then; a used figure stays as it was."""

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, transaction
from django.test import Client

from contracten.models import Oproep, WettelijkGegeven
from contracten.tabellen import MINIMUMLOON_PER_UUR
from coop.models import Inzet
from coop.services.werk import aanbod as aanbod_services
from tests.coop.test_papieren import dienst, locatie  # noqa: F401

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NIEUW = {
    "21": "15.60",
    "20": "12.48",
    "19": "9.36",
    "18": "7.80",
    "17": "6.16",
    "16": "5.38",
    "15": "4.68",
}


@pytest.fixture
def na_de_tabel():
    """The clock a week before the wage table runs out; work lies just past its end."""
    eind = MINIMUMLOON_PER_UUR.bekend_tot()
    with time_machine.travel(
        datetime.combine(eind - timedelta(days=7), time(8), AMSTERDAM), tick=True
    ):
        yield eind


def test_staff_enter_the_new_figures_and_the_next_acceptance_uses_them(
    api_as,
    staff,
    werknemer,
    locatie,  # noqa: F811
    na_de_tabel,
):
    werknemer.geboortedatum = date(1990, 5, 17)  # 21 or over: the adult rate
    werknemer.save(update_fields=["geboortedatum"])
    shift = dienst(locatie, dagen=10)  # 3 days past the last known figure
    assert shift.start.date() > na_de_tabel
    # The law is checked when work is offered: staff see why, in Dutch, and what to do.
    geweigerd = api_as(staff).post(f"diensten/{shift.pk}/aanbieden", {"werknemer_id": werknemer.pk})
    assert geweigerd.status_code == 409, geweigerd.body
    melding = geweigerd.body["detail"]
    assert "minimumloon per uur" in melding and f"{shift.start.date():%d-%m-%Y}" in melding
    assert "Wettelijke gegevens" in melding  # what to do, and where
    assert not Inzet.objects.exists() and not Oproep.objects.exists()

    client = Client()
    client.force_login(staff)
    van = na_de_tabel + timedelta(days=1)
    toegevoegd = client.post(
        "/admin/contracten/wettelijkgegeven/add/",
        {
            "tabel": "minimumloon_per_uur",
            "geldig_van": van.isoformat(),
            "geldig_tot": (van + timedelta(days=180)).isoformat(),
            "waarde": json.dumps(NIEUW),
            "bron": "Staatscourant, indexering minimumloon",
            "zekerheid": "H",
        },
    )
    assert toegevoegd.status_code == 302

    aanbod = aanbod_services.aanbod_create(dienst=shift, werknemer=werknemer)
    aangenomen = api_as(werknemer.user).post(f"aanbiedingen/{aanbod.pk}/accepteer")
    assert aangenomen.status_code == 200, aangenomen.body
    oproep = Oproep.objects.get()
    assert oproep.uurloon == Decimal("15.60")
    rij = WettelijkGegeven.objects.get(herkomst="beheer")
    assert rij.gebruikt_op is not None  # the call relied on it: from now on it is fixed
    with pytest.raises(DatabaseError), transaction.atomic():
        WettelijkGegeven.objects.filter(pk=rij.pk).update(waarde=NIEUW | {"21": "1.00"})
