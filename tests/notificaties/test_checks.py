"""The settings checks: production needs the site's address for links and a working SMS
gateway (or none); a long address is warned about because the SMS would not fit."""

from coop.notificaties import checks


def _ids(meldingen):
    return sorted(m.id for m in meldingen)


def test_production_needs_an_https_address(settings):
    settings.SMS_BACKEND = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    for adres in ("", "http://coop.example.nl", "coop.example.nl"):
        settings.COOP_BASIS_URL = adres
        assert "notificaties.E001" in _ids(checks.check_productie())
    settings.COOP_BASIS_URL = "https://coop.example.nl"
    assert _ids(checks.check_productie()) == ["notificaties.I001"]


def test_sms_gateway_must_be_able_to_send(settings):
    settings.COOP_BASIS_URL = "https://coop.example.nl"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SMS_BACKEND, settings.SMS_CM_PRODUCTTOKEN = "cm", ""
    assert _ids(checks.check_productie()) == ["notificaties.E002"]
    settings.SMS_CM_PRODUCTTOKEN = "token"
    assert _ids(checks.check_productie()) == []
    settings.SMS_BACKEND = "console"
    assert _ids(checks.check_productie()) == ["notificaties.W002"]
    settings.SMS_BACKEND = "messagebird"
    assert _ids(checks.check_productie()) == ["notificaties.E003"]


def test_console_email_is_no_production_mail(settings):
    settings.COOP_BASIS_URL = "https://coop.example.nl"
    settings.SMS_BACKEND = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert "notificaties.W003" in _ids(checks.check_productie())


def test_long_address_is_warned_about(settings):
    settings.COOP_BASIS_URL = "https://werk.example.nl"
    assert checks.check_basis_url() == []
    settings.COOP_BASIS_URL = "https://werk.buurtwerk-cooperatie-utrecht.nl"
    assert _ids(checks.check_basis_url()) == ["notificaties.W001"]
