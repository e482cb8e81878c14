"""Races over real HTTP on PostgreSQL: many members and planners pressing the same buttons.

Every burst sends 200 requests from a pool of threads to the threaded live server, so the
requests overlap in the database. The invariants are the ones a member or planner would
notice: one person per place, nobody booked twice at once, one cancellation per
assignment, one approval per hours line, and never a server error.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coop.models import Aanbod, Dienst, Gebeurtenis, Inzet, Job, Urenregel, Werkpakket
from coop.services.uren import urenregels as uren_services
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.hostile.conftest import (
    Uitslag,
    Verzoek,
    burst,
    leden,
    plaatsen,
    toekomst,
    token,
    verleden_inzet,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PLAATSEN = 50
POGINGEN = 200
AFGELOPEN_MAANDAG = date(2026, 11, 2)  # in the past, inside the legal tables


def _assert_only_200_and_409(uitslag: Uitslag, winnaars: int) -> None:
    """Exactly `winnaars` successes; every other answer a 409 with a Dutch message."""
    statussen = uitslag.statussen
    assert statussen == Counter({200: winnaars, 409: POGINGEN - winnaars}), [
        (a.status, a.body, a.fout) for a in uitslag.antwoorden if a.status not in (200, 409)
    ][:5]
    for verloren in uitslag.met_status(409):
        assert verloren.body["detail"], verloren.body
        assert verloren.body["fields"] == {}


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, wijk="Kanaleneiland")


def test_200_members_race_for_50_places(live_server, locatie):
    """4 members per place, each with their own offer, all accept at once: 50 win."""
    diensten = plaatsen(locatie, PLAATSEN, toekomst())
    verzoeken = []
    for i, werknemer in enumerate(leden(POGINGEN, "racer")):
        aanbod = aanbod_services.aanbod_create(dienst=diensten[i % PLAATSEN], werknemer=werknemer)
        verzoeken.append(
            Verzoek("POST", f"aanbiedingen/{aanbod.pk}/accepteer", token(werknemer.user), None, i)
        )

    uitslag = burst(live_server.url, verzoeken)

    _assert_only_200_and_409(uitslag, winnaars=PLAATSEN)
    actief = Inzet.objects.filter(status="actief")
    assert actief.count() == PLAATSEN
    assert sorted(actief.values_list("dienst_id", flat=True)) == sorted(d.pk for d in diensten)
    assert max(Counter(actief.values_list("werknemer_id", flat=True)).values()) == 1
    # What the winners were told is what the database holds.
    assert sorted(a.body["id"] for a in uitslag.met_status(200)) == sorted(
        actief.values_list("pk", flat=True)
    )
    assert all(a.body["status"] == "actief" for a in uitslag.met_status(200))
    assert Counter(Aanbod.objects.values_list("status", flat=True)) == Counter(
        {"geaccepteerd": PLAATSEN, "ingetrokken": POGINGEN - PLAATSEN}
    )
    assert set(Dienst.objects.values_list("status", flat=True)) == {"bezet"}
    assert Gebeurtenis.objects.filter(soort="geaccepteerd").count() == PLAATSEN


def test_after_the_race_the_job_and_package_read_full(live_server, locatie):
    diensten = plaatsen(locatie, PLAATSEN, toekomst())
    verzoeken = [
        Verzoek(
            "POST",
            f"aanbiedingen/{aanbod_services.aanbod_create(dienst=d, werknemer=w).pk}/accepteer",
            token(w.user),
        )
        for d, w in zip(diensten, leden(PLAATSEN, "vuller"), strict=True)
    ]
    uitslag = burst(live_server.url, verzoeken)
    assert uitslag.statussen == Counter({200: PLAATSEN})
    assert Job.objects.get().status == "vervuld"
    assert Werkpakket.objects.get().status == "gevuld"


def test_members_with_several_offers_are_never_booked_twice(live_server, locatie):
    """40 members each hold offers for 5 of 50 simultaneous places and accept all at once.

    Offering refuses a second simultaneous place (open offers count as work), so the offers
    are written directly: what is tested is acceptance's own guard, the last line of defence
    for offers that reach a member by any other path."""
    diensten = plaatsen(locatie, PLAATSEN, toekomst())
    werknemers = leden(40, "veelvraat")
    verzoeken = []
    deadline = timezone.now() + timedelta(hours=24)
    for i, werknemer in enumerate(werknemers):
        sleutel = token(werknemer.user)
        for k in range(5):
            dienst = diensten[(i * 5 + k) % PLAATSEN]
            aanbod = Aanbod.objects.create(
                werknemer=werknemer, job=dienst.job, dienst=dienst, deadline=deadline
            )
            verzoeken.append(
                Verzoek("POST", f"aanbiedingen/{aanbod.pk}/accepteer", sleutel, None, aanbod.pk)
            )
    assert len(verzoeken) == POGINGEN

    uitslag = burst(live_server.url, verzoeken)

    assert set(uitslag.statussen) <= {200, 409}, uitslag.statussen
    actief = Inzet.objects.filter(status="actief")
    per_lid = Counter(actief.values_list("werknemer_id", flat=True))
    per_dienst = Counter(actief.values_list("dienst_id", flat=True))
    assert actief.count() == uitslag.statussen[200] > 0
    assert max(per_lid.values()) == 1
    assert max(per_dienst.values()) == 1
    # Nobody was refused without cause: a refused member either got other work at that
    # moment, or the place went to someone else.
    for verloren in uitslag.met_status(409):
        aanbod = Aanbod.objects.select_related("dienst").get(pk=verloren.verzoek.label)
        assert per_lid[aanbod.werknemer_id] == 1 or aanbod.dienst.status == "bezet", verloren.body


@pytest.fixture
def late_inzetten(locatie):
    """50 active assignments of 5 hours, two days ahead (cancelling them keeps the pay)."""
    start = toekomst(dagen=2)
    uit = []
    for dienst, werknemer in zip(
        plaatsen(locatie, PLAATSEN, start, uren=5), leden(PLAATSEN, "geboekt"), strict=True
    ):
        aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer)
        uit.append(aanbod_services.aanbod_accept(user=werknemer.user, aanbod_id=aanbod.pk))
    return uit


def test_concurrent_cancellations_cancel_each_assignment_once(
    live_server, late_inzetten, werkgever, werkgever_user, staff
):
    collega = f.WerkgeverGebruikerFactory(werkgever=werkgever).user
    sleutels = [token(werkgever_user), token(collega), token(staff), token(werkgever_user)]
    verzoeken = [
        Verzoek("POST", f"inzetten/{inzet.pk}/annuleer", sleutel, {"reden": "lekkage"}, inzet.pk)
        for inzet in late_inzetten
        for sleutel in sleutels
    ]

    uitslag = burst(live_server.url, verzoeken)

    _assert_only_200_and_409(uitslag, winnaars=PLAATSEN)
    assert sorted(a.verzoek.label for a in uitslag.met_status(200)) == sorted(
        i.pk for i in late_inzetten
    )
    assert {a.body["uren_doorbetaald"] for a in uitslag.met_status(200)} == {"5.00"}
    assert Inzet.objects.filter(status="geannuleerd").count() == PLAATSEN
    assert sum(Inzet.objects.values_list("uren_doorbetaald", flat=True)) == Decimal("250.00")
    assert Gebeurtenis.objects.filter(soort="geannuleerd").count() == PLAATSEN
    assert set(Dienst.objects.values_list("status", flat=True)) == {"geannuleerd"}


def test_concurrent_approvals_approve_each_hours_line_once(
    live_server, locatie, werkgever, werkgever_user
):
    regels = []
    for werknemer in leden(PLAATSEN, "uren"):
        inzet = verleden_inzet(werknemer, locatie, AFGELOPEN_MAANDAG)
        regels.append(
            uren_services.urenregel_indienen(
                user=werknemer.user,
                inzet_id=inzet.pk,
                start=inzet.start,
                eind=inzet.start + timedelta(hours=4, minutes=15),
            )
        )
    collega = f.WerkgeverGebruikerFactory(werkgever=werkgever).user
    sleutels = [token(werkgever_user), token(collega)] * 2
    verzoeken = [
        Verzoek("POST", f"uren/{regel.pk}/goedkeuren", sleutel, None, regel.pk)
        for regel in regels
        for sleutel in sleutels
    ]

    uitslag = burst(live_server.url, verzoeken)

    _assert_only_200_and_409(uitslag, winnaars=PLAATSEN)
    assert sorted(a.verzoek.label for a in uitslag.met_status(200)) == sorted(r.pk for r in regels)
    assert {a.body["gewerkte_uren"] for a in uitslag.met_status(200)} == {"4.25"}
    assert Urenregel.objects.filter(status="goedgekeurd").count() == PLAATSEN
    assert Urenregel.objects.count() == PLAATSEN
    assert set(Urenregel.objects.values_list("beoordeeld_door_id", flat=True)) <= {
        werkgever_user.pk,
        collega.pk,
    }
