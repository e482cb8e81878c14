from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractenConfig(AppConfig):
    name = "contracten"
    verbose_name = _("Contracten en arbeidsrecht")

    def ready(self) -> None:
        from contracten import gdpr

        gdpr.register()
