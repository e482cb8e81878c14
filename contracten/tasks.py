"""django-q2 tasks of contracten: each idempotent, each calling one service."""

from __future__ import annotations

from contracten import weergave, werklijst
from contracten.documenten import verweesde_bestanden_opruimen


def werklijst_bijwerken() -> int:
    """Scheduled daily: add the notices, fixed-hours offers and chain conversions now due."""
    return len(werklijst.werklijst_bijwerken())


def documenten_opruimen() -> int:
    """Scheduled daily: remove document files a rolled-back transaction left behind."""
    return len(verweesde_bestanden_opruimen())


def document_weergeven(document_id: int) -> str:
    """Queued when a document's transaction commits: render its PDF (once)."""
    return weergave.weergeven(document_id)


def weergaven_inhalen() -> dict[str, int]:
    """Scheduled every few minutes: PDFs the queue lost (broker down, worker killed) or that
    failed and are due for another attempt."""
    return weergave.weergaven_inhalen()
