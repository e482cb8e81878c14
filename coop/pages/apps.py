from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "coop.pages"
    label = "pages"
    verbose_name = _("Pagina's voor leden")
    default_auto_field = "django.db.models.BigAutoField"
