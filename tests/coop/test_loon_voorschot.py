"""A period is exported only once it has ended; before that only an audited advance run
(voorschot) that locks nothing, closes nothing and marks its files as such."""

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from coop.admin import uren as admin_uren
from coop.core.models import AuditLog
from coop.models import Loonexport, Loonperiode, Urenregel
from coop.services.uren import loonexport, loonperioden
from tests.coop.test_loon import oktober_uren  # noqa: F401
from tests.coop.test_uren_fixtures import *  # noqa: F403

# Approved hours in October and November 2026 (in the past), waiting to be paid.
pytestmark = pytest.mark.usefixtures("oktober_uren")


def _maand(verschuiving: int) -> Loonperiode:
    """The month `verschuiving` months from the current one (0: the running month)."""
    begin = timezone.localdate().replace(day=1)
    for _ in range(verschuiving):
        begin = (begin + timedelta(days=32)).replace(day=1)
    return Loonperiode.objects.create(
        soort="maand", begin=begin, eind=loonperioden.periode_eind("maand", begin)
    )


def _geen_spoor(periode: Loonperiode) -> None:
    assert not Urenregel.objects.filter(vergrendeld_op__isnull=False).exists()
    assert not Urenregel.objects.filter(periode__isnull=False).exists()
    periode.refresh_from_db()
    assert periode.status == "open"
    assert not loonexport.export_map(periode).exists()


@pytest.mark.parametrize("verschuiving", [0, 2], ids=["lopend", "toekomst"])
def test_period_not_ended_is_refused_and_locks_nothing(
    api_as, staff, verschuiving, django_capture_on_commit_callbacks
):
    periode = _maand(verschuiving)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = api_as(staff).post("loonexports/", {"periode_id": periode.pk})
    assert antwoord.status_code == 409, antwoord.body
    assert f"Periode {periode.code} is nog niet voorbij" in antwoord.body["detail"]
    volgende = periode.eind + timedelta(days=1)
    assert f"exporteren kan vanaf {volgende:%d-%m-%Y}" in antwoord.body["detail"]
    assert "periode_id" in antwoord.body["fields"]
    assert not Loonexport.objects.exists()
    _geen_spoor(periode)


def test_the_run_itself_refuses_a_period_not_ended():
    """A queued record that bypassed the start (an old queue, a shell) still locks nothing."""
    periode = _maand(1)
    export = Loonexport.objects.create(periode=periode)
    export = loonexport.loonexport_run(export_id=export.pk)
    assert export.status == "failed"
    assert "is nog niet voorbij" in export.melding
    _geen_spoor(periode)


def test_management_command_refuses_a_period_not_ended():
    periode = _maand(0)
    with pytest.raises(CommandError, match="is nog niet voorbij"):
        call_command("loonexport", periode=periode.pk)
    _geen_spoor(periode)


def test_voorschot_is_audited_marked_and_locks_nothing(
    api_as, staff, werkgever_user, monkeypatch, django_capture_on_commit_callbacks
):
    periode = _maand(2)
    body = {"periode_id": periode.pk, "voorschot": True}
    assert api_as(werkgever_user).post("loonexports/", body).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        gestart = api_as(staff).post("loonexports/", body)
    assert gestart.status_code == 202, gestart.body
    export = api_as(staff).get(f"loonexports/{gestart.body['id']}").body
    assert (export["status"], export["voorschot"]) == ("done", True), export["melding"]
    assert export["aantal_regels"] == 5  # October's four and the November line: all approved

    log = AuditLog.objects.get(action="loonexport_voorschot")
    assert (log.user, log.object_id) == (staff, str(export["id"]))
    assert periode.code in log.detail and log.at is not None

    csv = next(b for b in export["bestanden"] if b["soort"] == "csv")
    assert api_as(staff).get(csv["url"]).status_code == 200
    pad = Path(settings.MEDIA_ROOT) / Loonexport.objects.get().bestanden["csv"]["pad"]
    assert pad.name == f"voorschot-loon-{periode.code}.csv"
    assert pad.parent != loonexport.export_map(periode)
    rijen = pd.read_csv(pad, sep=";", decimal=",")
    assert set(rijen["Periode"]) == {f"VOORSCHOT {periode.code}"}
    _geen_spoor_behalve_voorschot(periode)

    # Once the period has ended, the real export pays the same lines, locked this time.
    monkeypatch.setattr(loonperioden, "vandaag", lambda: periode.eind + timedelta(days=1))
    echt = loonexport.loonexport_run(
        export_id=loonexport.loonexport_create(periode_id=periode.pk, user=staff).pk
    )
    assert (echt.status, echt.voorschot, echt.aantal_regels) == ("done", False, 5), echt.melding
    assert Urenregel.objects.filter(periode=periode, vergrendeld_op__isnull=False).count() == 5
    assert Path(settings.MEDIA_ROOT, echt.bestanden["csv"]["pad"]).name == (
        f"loon-{periode.code}.csv"
    )


def _geen_spoor_behalve_voorschot(periode: Loonperiode) -> None:
    assert not Urenregel.objects.filter(vergrendeld_op__isnull=False).exists()
    assert not Urenregel.objects.filter(periode__isnull=False).exists()
    periode.refresh_from_db()
    assert periode.status == "open"


def test_voorschot_needs_staff_and_an_open_period(staff, werkgever_user, oktober, monkeypatch):
    from coop.core.exceptions import Conflict, PermissionDenied

    with pytest.raises(PermissionDenied):
        loonexport.loonexport_create(periode_id=oktober.pk, user=werkgever_user, voorschot=True)
    monkeypatch.setattr(loonperioden, "vandaag", lambda: date(2026, 11, 1))
    loonexport.loonexport_run(export_id=loonexport.loonexport_create(periode_id=oktober.pk).pk)
    oktober.refresh_from_db()
    assert oktober.status == "geexporteerd"
    with pytest.raises(Conflict, match="al geëxporteerd"):
        loonexport.loonexport_create(periode_id=oktober.pk, user=staff, voorschot=True)


def _admin_request(user):
    request = RequestFactory().post("/admin/coop/loonperiode/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_admin_refuses_a_running_period_and_offers_a_voorschot(
    staff, django_capture_on_commit_callbacks
):
    periode = _maand(0)
    modeladmin = admin_uren.LoonperiodeAdmin(Loonperiode, admin.site)
    request = _admin_request(staff)
    with django_capture_on_commit_callbacks(execute=True):
        modeladmin.exporteren(request, Loonperiode.objects.all())
    assert not Loonexport.objects.exists()
    assert "is nog niet voorbij" in str(list(request._messages)[0])

    request = _admin_request(staff)
    with django_capture_on_commit_callbacks(execute=True):
        modeladmin.voorschot(request, Loonperiode.objects.all())
    export = Loonexport.objects.get()
    assert (export.status, export.voorschot) == ("done", True), export.melding
    assert AuditLog.objects.filter(action="loonexport_voorschot", user=staff).count() == 1
    _geen_spoor_behalve_voorschot(periode)
