"""The order's status follows the broker's work: post_save signals on the broker's models
(no call inside the broker's services, which other parts of the code keep changing).

Each handler recomputes the status of the orders behind the package inside a savepoint:
a failure here is logged and never undoes the broker's own change.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save

from coop.intake.models import Gereedmelding
from coop.intake.orderstatus import orders_van_pakket, status_bijwerken
from coop.models import Dienst, Factuurregel, Inzet, Urenregel, Werkpakket

logger = logging.getLogger(__name__)


def _bijwerken(pakket_id: int | None) -> None:
    for order in orders_van_pakket(pakket_id):
        try:
            with transaction.atomic():
                status_bijwerken(order)
        except Exception:
            logger.exception("VERA-status van order %s niet bijgewerkt", order.pk)


def _op_werkpakket(sender, instance, **kwargs):
    _bijwerken(instance.pk)


def _op_inzet(sender, instance, **kwargs):
    if Inzet.dienst.is_cached(instance) and Dienst.job.is_cached(instance.dienst):
        pakket_id = instance.dienst.job.werkpakket_id  # the acceptance read it with its lock
    else:
        pakket_id = (
            Dienst.objects.filter(pk=instance.dienst_id).values_list(
                "job__werkpakket_id", flat=True
            )
        ).first()
    _bijwerken(pakket_id)


def _op_urenregel(sender, instance, **kwargs):
    pakket_id = (
        Inzet.objects.filter(pk=instance.inzet_id).values_list(
            "dienst__job__werkpakket_id", flat=True
        )
    ).first()
    _bijwerken(pakket_id)


def _op_pakket_kind(sender, instance, **kwargs):
    _bijwerken(instance.werkpakket_id)


def register() -> None:
    post_save.connect(_op_werkpakket, sender=Werkpakket, dispatch_uid="intake-werkpakket")
    post_save.connect(_op_inzet, sender=Inzet, dispatch_uid="intake-inzet")
    post_save.connect(_op_urenregel, sender=Urenregel, dispatch_uid="intake-urenregel")
    post_save.connect(_op_pakket_kind, sender=Gereedmelding, dispatch_uid="intake-gereed")
    post_save.connect(_op_pakket_kind, sender=Factuurregel, dispatch_uid="intake-factuurregel")
