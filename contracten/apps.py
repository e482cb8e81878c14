from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ContractenConfig(AppConfig):
    name = "contracten"
    verbose_name = _("Contracten en arbeidsrecht")

    def ready(self) -> None:
        # inside: these modules import models, which exist only once ready() is called
        from contracten import checks, gdpr, gegevens
        from contracten.feiten import DatedTable
        from contracten.models import WettelijkGegeven

        gdpr.register()
        checks.register()
        DatedTable.aanvulling = gegevens.aanvulling
        DatedTable.herladen = gegevens.herladen
        for signaal in (post_save, post_delete):
            signaal.connect(_vergeten, sender=WettelijkGegeven, dispatch_uid=f"gegevens-{signaal}")
        post_migrate.connect(_zaaien, sender=self, dispatch_uid="gegevens-zaaien")


def _vergeten(**kwargs) -> None:
    # inside: gegevens imports the models, not yet loaded when this module is
    from contracten import gegevens

    gegevens.vergeten()


def _zaaien(using="default", **kwargs) -> None:
    """After every migrate (and a test database's flush): the code rows into the table."""
    # inside: gegevens imports the models, not yet loaded when this module is
    from contracten import gegevens

    if using == "default":
        gegevens.laden_uit_code()
