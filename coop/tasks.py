"""django-q2 tasks of the broker (work, hours, invoices): each takes ids, loads and calls a service."""

from django.utils import timezone

from coop.services.uren.loonexport import loonexport_run
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk.inzet import vaste_diensten_extend
from coop.services.werk.werkgeverbericht import werkgeverbericht_send
from coop.services.werk.werkpakket import werkpakketten_complete


def offer_next_candidate(dienst_id: int) -> int | None:
    aanbod = aanbod_services.dienst_offer_next(dienst_id=dienst_id)
    return aanbod.pk if aanbod else None


def offer_next_for_job(job_id: int) -> int | None:
    aanbod = aanbod_services.job_offer_next(job_id=job_id)
    return aanbod.pk if aanbod else None


def send_employer_message(gebeurtenis_id: int) -> int:
    """E-mail an employer's message (a released shift) to their users, once."""
    return werkgeverbericht_send(gebeurtenis_id=gebeurtenis_id)


def extend_permanent_shifts() -> int:
    """Scheduled daily: plan the shifts of filled permanent jobs a few weeks ahead."""

    return vaste_diensten_extend()


def expire_offers() -> int:
    """Scheduled: expire unanswered offers and hand the shifts to the next candidates."""
    return aanbod_services.aanbod_expire_due(now=timezone.now())


def finish_packages() -> int:
    """Scheduled daily: packages whose work is all in the past become 'afgerond'."""

    return werkpakketten_complete()


def run_loonexport(export_id: int) -> str:
    """Run a queued export; returns its final status (failures are recorded on the export)."""
    return loonexport_run(export_id=export_id).status
