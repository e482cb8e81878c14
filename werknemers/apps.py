from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerknemersConfig(AppConfig):
    name = "werknemers"
    verbose_name = _("Werknemerscoöperatie")
