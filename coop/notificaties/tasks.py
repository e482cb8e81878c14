"""django-q2 tasks of the notifications: each takes ids or nothing and calls a service."""

from coop.notificaties import gebeurtenissen, links, versturen


def notificatie_versturen(notificatie_id: int) -> dict[str, str]:
    return versturen.notificatie_versturen(notificatie_id=notificatie_id)


def wachtende_versturen() -> int:
    """Scheduled every minute: retries and deliveries held back by quiet hours."""
    return versturen.wachtende_versturen()


def aanbiedingen_herinneren() -> int:
    """Scheduled every 5 minutes: offers whose deadline is 4 hours away."""
    return gebeurtenissen.aanbiedingen_bijna_verlopen()


def uren_herinneren() -> int:
    """Scheduled hourly: worked shifts whose hours the member has not entered."""
    return gebeurtenissen.uren_te_bevestigen()


def certificaten_herinneren() -> int:
    """Scheduled daily: certificates that end within 30 days."""
    return gebeurtenissen.certificaten_verlopen()


def links_opruimen() -> int:
    """Scheduled daily: forget one-time links long expired."""
    return links.links_opruimen()
