"""django-q2 tasks of contracten: each idempotent, each calling one service."""

from __future__ import annotations

from contracten import werklijst
from contracten.documenten import verweesde_bestanden_opruimen


def werklijst_bijwerken() -> int:
    """Scheduled daily: add the notices, fixed-hours offers and chain conversions now due."""
    return len(werklijst.werklijst_bijwerken())


def documenten_opruimen() -> int:
    """Scheduled daily: remove document files a rolled-back transaction left behind."""
    return len(verweesde_bestanden_opruimen())
