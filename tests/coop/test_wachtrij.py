"""Background tasks share one broker per process and configuration (an acceptance queues four;
django-q2 would otherwise open a new broker, a new Redis connection, for each)."""

from __future__ import annotations

import pytest
from django_q.conf import Conf

from coop.core import wachtrij


@pytest.fixture
def gemaakt(monkeypatch):
    """Count the brokers django-q2 makes; queue without running (not sync)."""
    teller = []

    class Broker:
        def __init__(self):
            teller.append(self)
            self.taken = []
            self.list_key = "test"

        def enqueue(self, pakket):
            self.taken.append(pakket)
            return "id"

    monkeypatch.setattr("django_q.brokers.get_broker", lambda list_key=None: Broker())
    monkeypatch.setattr(Conf, "SYNC", False)
    wachtrij.broker_vergeten()
    yield teller
    wachtrij.broker_vergeten()


def test_tasks_share_the_process_broker(gemaakt):
    for i in range(4):
        wachtrij.taak_plaatsen("math.floor", i + 0.5)
    assert len(gemaakt) == 1
    assert len(gemaakt[0].taken) == 4


def test_another_configuration_gets_its_own_broker(gemaakt, monkeypatch):
    wachtrij.taak_plaatsen("math.floor", 1.5)
    monkeypatch.setattr(Conf, "REDIS", "redis://127.0.0.1:6390/0")
    wachtrij.taak_plaatsen("math.floor", 2.5)
    wachtrij.taak_plaatsen("math.floor", 3.5)
    assert len(gemaakt) == 2
    assert [len(b.taken) for b in gemaakt] == [1, 2]
