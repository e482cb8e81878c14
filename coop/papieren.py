"""The paperwork that follows the broker's decisions (contracts, calls, cancellations).

Called inside the deciding transaction, so an acceptance and its document are one unit:
both are stored or neither is.
"""

from __future__ import annotations


def bij_acceptatie(*, inzet, user=None) -> list:
    """After an incidental shift is accepted: the on-call contract (first time) and the call."""
    return []


def bij_acceptatie_vast(*, job, werknemer, inzetten, user=None) -> list:
    """After a permanent job is accepted: the employment contract."""
    return []


def bij_annulering(*, inzet, user=None) -> list:
    """After an assignment is cancelled: the written cancellation stating the pay kept."""
    return []
