"""The employer hears by e-mail that a member cannot do their shift and that the shift stays.

The message itself is the history entry the employer reads on their package page
(`Gebeurtenis` soort `melding_werkgever`, written by coop.services.werk.vrijgave, which names
the member by first name and initial and never gives the reason). After the transaction
commits, a django-q2 task sends it to the employer's active users that have an e-mail
address; the entry records when it was sent, so a rerun of the task sends nothing twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coop.core.wachtrij import taak_plaatsen
from coop.models import Gebeurtenis
from werkgevers.models import WerkgeverGebruiker

VOORVOEGSEL = "Bericht aan de werkgever: "
ONDERWERP = "Wijziging in de bezetting van uw dienst"


def werkgeverbericht_enqueue(gebeurtenis: Gebeurtenis) -> None:
    """Queue the e-mail once the transaction that wrote the entry commits."""
    transaction.on_commit(
        lambda: taak_plaatsen("coop.tasks.send_employer_message", gebeurtenis.pk), robust=True
    )


def _werkgever_id(gebeurtenis: Gebeurtenis) -> int | None:
    """The employer whose shift it is: the package's, else the shift's location's."""
    if gebeurtenis.werkpakket is not None:
        return gebeurtenis.werkpakket.werkgever_id
    if gebeurtenis.inzet is not None:
        return gebeurtenis.inzet.dienst.locatie.werkgever_id
    return None


def _tekst(gebeurtenis: Gebeurtenis, naam: str) -> str:
    bericht = gebeurtenis.tekst.removeprefix(VOORVOEGSEL)
    regels = [f"Beste {naam},", "", bericht]
    basis = settings.COOP_BASIS_URL.rstrip("/")
    if basis and gebeurtenis.werkpakket_id is not None:
        pad = reverse("pages:werkgever_pakket", args=[gebeurtenis.werkpakket_id])
        regels += ["", f"U ziet het ook bij uw werk: {basis}{pad}"]
    regels += ["", settings.COOP_MAKELAAR["naam"]]  # the legal employer, as configured
    return "\n".join(regels)


def werkgeverbericht_send(*, gebeurtenis_id: int) -> int:
    """E-mail the employer's message to their active users, once. Returns how many e-mails
    were sent (0 when it was sent before, is no employer's message, or nobody has an
    address)."""
    with transaction.atomic():
        gebeurtenis = (
            Gebeurtenis.objects.select_for_update(of=("self",))
            .select_related("werkpakket", "inzet__dienst__locatie")
            .filter(pk=gebeurtenis_id, soort=Gebeurtenis.Soort.MELDING_WERKGEVER)
            .first()
        )
        if gebeurtenis is None or gebeurtenis.gemaild_op is not None:
            return 0
        werkgever_id = _werkgever_id(gebeurtenis)
        gebruikers = (
            WerkgeverGebruiker.objects.none()
            if werkgever_id is None
            else WerkgeverGebruiker.objects.filter(werkgever_id=werkgever_id, user__is_active=True)
            .exclude(user__email="")
            .select_related("user")
            .order_by("pk")
        )
        berichten = [
            mail.EmailMessage(
                subject=ONDERWERP,
                body=_tekst(gebeurtenis, g.user.first_name or g.user.username),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[g.user.email],
            )
            for g in gebruikers
        ]
        if berichten:
            with mail.get_connection() as verbinding:
                verbinding.send_messages(berichten)
        gebeurtenis.gemaild_op = timezone.now()
        gebeurtenis.save(update_fields=["gemaild_op"])
        return len(berichten)
