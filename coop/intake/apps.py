from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "coop.intake"
    label = "intake"
    verbose_name = _("Intake van corporaties (VERA)")

    def ready(self) -> None:
        # inside: these import models, which exist only once ready() is called
        from coop.intake import checks, gdpr, signals

        signals.register()
        gdpr.register()
        checks.register()
