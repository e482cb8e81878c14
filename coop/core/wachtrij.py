"""Background work handed to django-q2: one broker per process instead of one per task.

django-q2's `async_task` builds a new broker (for Redis: a new client with its own
connection pool, so a new TCP connection) for every task unless it is given one. An
acceptance queues four tasks after its commit (two PDFs, two notifications); opening four
connections cost more than a third of its time on the request path. The broker here is made
once per process and reused by every thread (a redis-py client and its pool are
thread-safe; the ORM broker is a stateless wrapper around Django's per-thread connection).
After a fork redis-py's pool notices the new pid and opens its own connections.
"""

from __future__ import annotations

import threading
from typing import Any

_slot = threading.Lock()
_brokers: dict[tuple[Any, ...], Any] = {}


def _gedeelde_broker() -> Any:
    """The broker of the current configuration, made once (keyed by what decides the broker,
    so a test or a command that switches configuration gets its own)."""
    # inside: django_q.brokers reads its settings and models, not at app loading
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    sleutel = (Conf.BROKER_CLASS, Conf.ORM, repr(Conf.REDIS), Conf.CLUSTER_NAME)
    broker = _brokers.get(sleutel)
    if broker is None:
        with _slot:
            broker = _brokers.get(sleutel)
            if broker is None:
                broker = _brokers[sleutel] = get_broker()
    return broker


def taak_plaatsen(func: str, *args: Any, **kwargs: Any) -> str:
    """Queue `func` (a dotted path) with django-q2's own options (`task_name`, `group`, …)
    through the process's broker; returns the task id. Raises what the broker raises."""
    # inside: django_q.tasks imports django_q.models, which needs the app registry
    from django_q.tasks import async_task

    kwargs.setdefault("broker", _gedeelde_broker())
    return str(async_task(func, *args, **kwargs))


def broker_vergeten() -> None:
    """Drop the process's brokers (after a configuration change made outside Conf)."""
    with _slot:
        _brokers.clear()
