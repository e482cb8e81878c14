from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "coop.intake"
    label = "intake"
    verbose_name = _("Intake van corporaties (VERA)")

    def ready(self) -> None:
        from coop.intake import checks, gdpr, signals

        signals.register()
        gdpr.register()
        checks.register()
