from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopConfig(AppConfig):
    name = "coop"
    verbose_name = _("Makelaar")

    def ready(self) -> None:
        from coop import checks, gdpr  # noqa: F401  (checks registers the deploy check)

        gdpr.register()
        # inside: these import models, which exist only once ready() is called
        from contracten import vaste_uren
        from coop.services.uren.afwezigheid_loon import onbetaalde_oproepen

        if onbetaalde_oproepen not in vaste_uren.ONBETAALDE_OPROEPEN:
            vaste_uren.ONBETAALDE_OPROEPEN.append(onbetaalde_oproepen)
