from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificatiesConfig(AppConfig):
    name = "coop.notificaties"
    label = "notificaties"
    verbose_name = _("Notificaties aan leden")

    def ready(self) -> None:
        # inside: these import models, which exist only once ready() is called
        from coop.notificaties import checks, gdpr, gebeurtenissen  # noqa: F401

        gebeurtenissen.register()
        gdpr.register()
