"""Small filters for the pages' templates."""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings

from coop.engines.splitting import fmt_uren
from werknemers.models import Weekdag

register = template.Library()


@register.filter
def dagnaam(weekdag: int) -> str:
    """0 → maandag … 6 → zondag, in the page's language."""
    try:
        return str(Weekdag(int(weekdag)).label)
    except (TypeError, ValueError):
        return ""


@register.filter
def procent(fractie) -> str:
    """0.21 → '21', 0.0875 → '8,75': a fraction as a percentage, Dutch decimal comma."""
    try:
        waarde = (Decimal(str(fractie)) * 100).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{waarde:f}".replace(".", ",")


@register.filter
def uren(waarde) -> str:
    """Hours the Dutch way, without trailing zeros: 8, 12,5, 0,25."""
    try:
        return fmt_uren(Decimal(str(waarde)))
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.simple_tag
def coop_naam() -> str:
    """The cooperative's name (settings.COOP_NAAM): a name, the same in every language."""
    return settings.COOP_NAAM
