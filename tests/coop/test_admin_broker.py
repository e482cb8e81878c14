"""The broker's admin pages load for staff, and its actions call the services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coop.models import Aanbod, Bundelrun, Dienst, Werkpakket
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import pakket_invoer
from coop.services.werk import werkpakket as pakket_services
from tests import factories as f
from tests.coop.conftest import lid


@pytest.fixture
def kantoor(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def wereld(staff, werkgever, catalogus):
    locatie = f.LocatieFactory(werkgever=werkgever)
    start = timezone.localdate() + timedelta(days=9)
    pakket = pakket_services.werkpakket_create(
        user=staff,
        data=pakket_invoer.WerkpakketData(
            locatie_id=locatie.pk,
            titel="Ramen wassen",
            categorie="schoonmaak",
            soort="eenmalig",
            tarief_per_uur=Decimal("30"),
            vroegste_start=start,
            uiterlijk_eind=start + timedelta(days=5),
            totaal_uren=Decimal("10"),
            vaardigheden={"schoonmaak": 1},
        ),
    )
    pakket_services.werkpakket_publish(user=staff, werkpakket_id=pakket.pk)
    werknemer = lid(catalogus)
    dienst = Dienst.objects.first()
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer, user=staff)
    inzet = aanbod_services.aanbod_accept(user=staff, aanbod_id=aanbod.pk)
    return {"werkpakket": pakket, "dienst": dienst, "aanbod": aanbod, "inzet": inzet}


MODELS = [
    "werkpakket",
    "job",
    "fragment",
    "dienst",
    "aanbod",
    "inzet",
    "gebeurtenis",
    "bundelrun",
    "instellingen",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_loads(kantoor, wereld, model):
    response = kantoor.get(reverse(f"admin:coop_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("naam", ["werkpakket", "dienst", "aanbod", "inzet"])
def test_change_page_loads(kantoor, wereld, naam):
    obj = wereld[naam]
    response = kantoor.get(reverse(f"admin:coop_{naam}_change", args=[obj.pk]))
    assert response.status_code == 200


def test_add_werkpakket_page_loads(kantoor, db):
    assert kantoor.get(reverse("admin:coop_werkpakket_add")).status_code == 200


def test_bundelrun_add_runs_bundling(kantoor, wereld):
    response = kantoor.get(reverse("admin:coop_bundelrun_add"))
    assert response.status_code == 302
    assert Bundelrun.objects.count() == 1


def test_publish_action_on_a_draft(kantoor, staff, werkgever, catalogus):
    locatie = f.LocatieFactory(werkgever=werkgever)
    start = timezone.localdate() + timedelta(days=9)
    pakket = pakket_services.werkpakket_create(
        user=staff,
        data=pakket_invoer.WerkpakketData(
            locatie_id=locatie.pk,
            titel="Schilderen",
            categorie="schilderwerk",
            soort="eenmalig",
            tarief_per_uur=Decimal("35"),
            vroegste_start=start,
            uiterlijk_eind=start + timedelta(days=3),
            totaal_uren=Decimal("6"),
        ),
    )
    response = kantoor.post(
        reverse("admin:coop_werkpakket_changelist"),
        {"action": "publiceren", "_selected_action": [pakket.pk]},
    )
    assert response.status_code == 302
    pakket.refresh_from_db()
    assert pakket.status == Werkpakket.Status.GESPLITST


def test_cancel_action_on_an_assignment(kantoor, wereld):
    response = kantoor.post(
        reverse("admin:coop_inzet_changelist"),
        {"action": "annuleren", "_selected_action": [wereld["inzet"].pk]},
    )
    assert response.status_code == 302
    wereld["inzet"].refresh_from_db()
    assert wereld["inzet"].status == "geannuleerd"
    assert Aanbod.objects.get().status == "geaccepteerd"


def test_settings_refuse_a_shift_length_off_the_quarter_hour(db):
    from django.core.exceptions import ValidationError

    from coop.models import Instellingen

    inst = Instellingen.huidig()
    inst.max_dienst_uren = Decimal("7.30")
    with pytest.raises(ValidationError) as err:
        inst.full_clean()
    assert "max_dienst_uren" in err.value.message_dict
    inst.max_dienst_uren = Decimal("7.75")
    inst.full_clean()
