"""`manage.py check --deploy` warns when the intake is in use (a corporation has a key or an
OAuth2 client) but VERA_OHD_SPEC is unset, and fails when it names a file that is not there."""

from django.core import checks
from django.utils import timezone

from coop.intake import koppelingen
from coop.intake.checks import check_specificatie
from coop.intake.models import Sleutel


def _deploy(tags=("intake",)):
    return checks.run_checks(tags=list(tags), include_deployment_checks=True)


def test_unset_specification_warns_once_a_corporation_has_a_key(settings, werkgever):
    settings.VERA_OHD_SPEC = ""
    assert _deploy() == []  # no corporation can call the intake yet: not in use
    koppelingen.sleutel_uitgeven(werkgever=werkgever)
    [waarschuwing] = _deploy()
    assert isinstance(waarschuwing, checks.Warning) and waarschuwing.id == "intake.W001"
    assert "VERA_OHD_SPEC is leeg" in waarschuwing.msg and "503" in waarschuwing.msg
    assert "OHD.yaml" in waarschuwing.hint
    # Only a deploy check: `manage.py check` without --deploy says nothing.
    assert checks.run_checks(tags=["intake"]) == []
    # A revoked key is no way in.
    Sleutel.objects.update(ingetrokken_op=timezone.now())
    assert _deploy() == []


def test_an_oauth_client_also_puts_the_intake_in_use(settings, werkgever):
    settings.VERA_OHD_SPEC = ""
    koppelingen.oauth_client_maken(werkgever=werkgever)
    assert [m.id for m in check_specificatie()] == ["intake.W001"]


def test_set_specification_passes_and_a_missing_file_is_an_error(settings, werkgever, ohd_spec):
    koppelingen.sleutel_uitgeven(werkgever=werkgever)
    settings.VERA_OHD_SPEC = str(ohd_spec)
    assert _deploy() == []
    settings.VERA_OHD_SPEC = str(ohd_spec.parent / "bestaat-niet.yaml")
    [fout] = _deploy()
    assert isinstance(fout, checks.Error) and fout.id == "intake.E001"
    assert "bestaat-niet.yaml" in fout.msg
