"""Keys made by staff (command or admin) and the mapping tables in the admin; a package that
staff publish later reports its order as accepted."""

from datetime import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from coop.intake.models import Koppeling, Onderhoudsorder, Sleutel
from coop.models import Werkpakket
from tests.intake.conftest import order

MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_command_prints_a_new_key_once_and_stores_only_its_hash(ohd, werkgever, koppelingen):
    uit = StringIO()
    call_command("vera_sleutel", "--kvk", werkgever.kvk_nummer, stdout=uit)
    key = uit.getvalue().strip().splitlines()[-1]
    sleutel = Sleutel.objects.get()
    assert sleutel.key_hash == Sleutel.hash(key) and key not in sleutel.key_hash
    assert sleutel.koppeling.werkgever == werkgever
    # The corporation's system account is an employer user without a password.
    gebruiker = sleutel.koppeling.gebruiker
    assert gebruiker.werkgever_gebruiker.werkgever == werkgever
    assert not gebruiker.has_usable_password()
    assert ohd(key).get("onderhoudsorders").status_code == 200
    # A second key for the same corporation shares its link.
    call_command("vera_sleutel", "--kvk", werkgever.kvk_nummer, stdout=StringIO())
    assert Koppeling.objects.count() == 1 and Sleutel.objects.count() == 2


def test_command_refuses_an_unknown_kvk(db):
    with pytest.raises(CommandError, match="Geen werkgever met KvK-nummer 99999999"):
        call_command("vera_sleutel", "--kvk", "99999999", stdout=StringIO())


def test_revoked_key_is_refused(ohd, sleutel):
    Sleutel.objects.update(ingetrokken_op=MAANDAG)
    assert ohd(sleutel).get("onderhoudsorders").status_code == 401


def test_admin_pages_and_link_made_in_the_admin(client, staff, andere_werkgever, koppelingen):
    client.force_login(staff)
    for pad in (
        "koppeling",
        "onderhoudsorder",
        "onderhoudsoortcategorie",
        "specialismevaardigheid",
        "statusmelding",
        "gereedmelding",
    ):
        url = f"/admin/intake/{pad}/"
        assert client.get(url).status_code == 200, url
    antwoord = client.post(
        "/admin/intake/koppeling/add/",
        {
            "werkgever": andere_werkgever.pk,
            "tarief_per_uur": "39.50",
            "standaard_uren": "2",
            "direct_publiceren": "on",
            "callback_url": "",
            "callback_sleutel": "",
            "sleutels-TOTAL_FORMS": "0",
            "sleutels-INITIAL_FORMS": "0",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    koppeling = Koppeling.objects.get(werkgever=andere_werkgever)
    assert koppeling.tarief_per_uur == Decimal("39.50")
    assert koppeling.gebruiker.werkgever_gebruiker.werkgever == andere_werkgever
    actie = client.post(
        "/admin/intake/koppeling/",
        {"action": "nieuwe_sleutel", "_selected_action": [koppeling.pk]},
        follow=True,
    )
    assert Sleutel.objects.filter(koppeling=koppeling).count() == 1
    assert "wordt niet opnieuw getoond" in actie.content.decode()


def test_staff_publish_later_reports_the_order_accepted(ohd, sleutel, koppeling, api_as, staff):
    koppeling.direct_publiceren = False
    koppeling.save()
    with time_machine.travel(MAANDAG, tick=False):
        antwoord = ohd(sleutel).post("onderhoudsorders", order())
        assert antwoord.body["status"]["code"] == "REG"
        pakket = Werkpakket.objects.get()
        assert pakket.status == Werkpakket.Status.CONCEPT
        assert api_as(staff).post(f"werkpakketten/{pakket.pk}/publiceer").status_code == 200
        assert Onderhoudsorder.objects.get().status == "GUN"
        assert ohd(sleutel).get("onderhoudsorders/WO-2026-0412").body["status"]["code"] == "GUN"


def test_cancelled_package_reports_the_order_cancelled(ohd, sleutel, api_as, staff):
    with time_machine.travel(MAANDAG, tick=False):
        ohd(sleutel).post("onderhoudsorders", order())
        pakket = Werkpakket.objects.get()
        assert api_as(staff).post(f"werkpakketten/{pakket.pk}/annuleer").status_code == 200
        body = ohd(sleutel).get("onderhoudsorders/WO-2026-0412").body
        assert body["status"] == {"code": "GEA", "naam": "Geannuleerd"}


def test_a_suspended_corporation_reads_but_sends_no_orders(ohd, sleutel, werkgever):
    werkgever.status = "geschorst"
    werkgever.save()
    with time_machine.travel(MAANDAG, tick=False):
        geweigerd = ohd(sleutel).post("onderhoudsorders", order())
    assert geweigerd.status_code == 403
    assert "geen actief lid" in geweigerd.body["omschrijving"]
    assert Onderhoudsorder.objects.count() == 0
    assert ohd(sleutel).get("onderhoudsorders").status_code == 200
