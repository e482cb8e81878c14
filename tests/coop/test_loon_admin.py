"""The admin for wages and periods runs the same checks as the API; the export action works."""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from coop.admin import uren as admin_uren
from coop.models import Loonexport, Loonperiode, Urenregel
from tests.coop.test_uren_fixtures import *  # noqa: F403


@pytest.mark.parametrize(
    "klasse, model",
    [
        (admin_uren.LoonafspraakAdmin, "Loonafspraak"),
        (admin_uren.LoonperiodeAdmin, "Loonperiode"),
        (admin_uren.UrenregelAdmin, "Urenregel"),
        (admin_uren.LoonexportAdmin, "Loonexport"),
    ],
)
def test_admin_classes_pass_the_system_checks(db, klasse, model):
    from django.apps import apps

    assert klasse(apps.get_model("coop", model), admin.site).check() == []


def test_wage_form_refuses_below_minimum(werknemer):
    form = admin_uren.LoonafspraakForm(
        data={"werknemer": werknemer.pk, "geldig_van": "2026-10-01", "uurloon": "9.00"}
    )
    assert not form.is_valid()
    assert "€ 14,99" in form.errors["uurloon"][0]


def test_period_form_computes_the_end_and_refuses_overlap(oktober):
    form = admin_uren.LoonperiodeForm(data={"soort": "vier_weken", "begin": "2026-11-02"})
    assert form.is_valid(), form.errors
    assert form.save().eind == date(2026, 11, 29)
    overlap = admin_uren.LoonperiodeForm(data={"soort": "week", "begin": "2026-10-26"})
    assert not overlap.is_valid()
    assert "begin" in overlap.errors


def test_export_action_starts_the_export(staff, oktober, django_capture_on_commit_callbacks):
    request = RequestFactory().post("/admin/coop/loonperiode/")
    request.user = staff
    request.session = {}
    request._messages = FallbackStorage(request)
    modeladmin = admin_uren.LoonperiodeAdmin(Loonperiode, admin.site)
    with django_capture_on_commit_callbacks(execute=True):
        modeladmin.exporteren(request, Loonperiode.objects.all())
    export = Loonexport.objects.get()
    assert export.status == "done", export.melding  # an empty month exports empty files
    assert export.aantal_regels == 0
    assert not Urenregel.objects.exists()
    assert [str(m) for m in request._messages] == [
        f"Export {export.pk} van 2026-10 is gestart; volg de voortgang bij Loonexports."
    ]
