"""Leave: a member with a permanent job asks, staff approve or decline; an approved leave
releases the assignments in it (coop.services.werk.vrijgave), which are paid as leave hours.

The same request again returns the existing record; the checks on the range and on overlap
are those of absence reports (coop.services.werk.afwezigheid). A leave's hours count the
permanent job's shifts beyond the planning horizon too (`verlof_uren`), so leave asked for
months ahead is weighed against the balance like leave next week.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coop.core.auth import vereis_staff
from coop.core.exceptions import Conflict
from coop.models import (
    Afwezigheidsmelding,
    Gebeurtenis,
    Inzet,
    Job,
)
from coop.notificaties import gebeurtenissen as notificaties
from coop.selectors.afwezigheid import verlofsaldo
from coop.selectors.rooster import occurrences
from coop.services.uren import afwezigheid_loon as loon
from coop.services.werk.afwezigheid import (
    ACTIEF,
    Soort,
    Status,
    controleer_bereik,
    eerdere_of_vrij,
    fout,
    gebruiker,
    melding_voor,
    overlap,
    weigering_overlap,
    werknemer_voor,
)
from coop.services.werk.geschiedenis import gebeurtenis_create
from coop.services.werk.vrijgave import afwezigheid_announce, inzetten_release, vrijgaven_pay
from werknemers.models import Werknemer


@transaction.atomic
def verlof_request(
    *, user, van: date, tot: date, reden: str = "", werknemer_id: int | None = None
) -> tuple[Afwezigheidsmelding, bool]:
    """A member with a permanent job asks for leave over van..tot; staff decide."""
    werknemer = werknemer_voor(user, werknemer_id)
    controleer_bereik(van, tot, tot_verplicht=True)
    if van < timezone.localdate():
        raise fout("van", "Verlof vraagt u aan voor vandaag of later.")
    if (
        not Job.objects.filter(soort=Job.Soort.VAST, werknemer=werknemer)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
        .exists()
    ):
        raise Conflict(
            "Verlof aanvragen kan met een vaste baan; voor oproepwerk neemt u geen aanbiedingen "
            "aan in die periode.",
            fields={"van": ["Geen vaste baan in deze periode."]},
        )
    zelfde = eerdere_of_vrij(werknemer, Soort.VERLOF, van, tot, ACTIEF)
    if zelfde is not None:
        return zelfde, False
    melding = Afwezigheidsmelding.objects.create(
        werknemer=werknemer,
        soort=Soort.VERLOF,
        status=Status.AANGEVRAAGD,
        van=van,
        tot=tot,
        reden=reden.strip()[:500],
        uren=verlof_uren(werknemer, van, tot),
        gemeld_door=gebruiker(user),
        gemeld_op=timezone.now(),
    )
    return melding, True


def verlof_uren(werknemer: Werknemer, van: date, tot: date) -> Decimal:
    """The hours a leave over van..tot takes: the member's assignments in it and the shifts of
    their permanent jobs in it not planned yet (beyond the planning horizon, planned and
    released later), each less its break as `geplande_uren` counts it."""
    begin, eind = loon.dag_grenzen(van, tot)
    gepland = Inzet.objects.filter(
        werknemer=werknemer, status=Inzet.Status.ACTIEF, start__gte=begin, start__lt=eind
    ).select_related("werknemer", "dienst")
    uren = sum((loon.geplande_uren(i) for i in gepland), Decimal(0))
    for job in Job.objects.filter(soort=Job.Soort.VAST, werknemer=werknemer):
        al = set(job.diensten.values_list("start", "fragment_id"))
        for start, einde, fragment in occurrences(job, van, tot):
            if (start, fragment.pk) not in al:
                uren += loon.venster_uren(werknemer, start, einde, None)
    return uren


@transaction.atomic
def verlof_approve(*, user, melding_id: int) -> Afwezigheidsmelding:
    """Staff approve leave: the assignments in it are released, re-offered and paid as leave."""
    vereis_staff(user, "Alleen de makelaar keurt verlof goed.")
    melding = melding_voor(user, melding_id)
    if melding.soort != Soort.VERLOF:
        raise fout("melding_id", "Dit is geen verlofaanvraag.", 409)
    if melding.status == Status.GOEDGEKEURD:
        return melding
    if melding.status != Status.AANGEVRAAGD:
        raise Conflict(f"Deze aanvraag is {melding.get_status_display()}.")
    Werknemer.objects.select_for_update().get(pk=melding.werknemer_id)
    botsing = overlap(melding.werknemer, melding.van, melding.tot, behalve=melding.pk)
    if botsing is not None:
        raise weigering_overlap(botsing)
    laatste = melding.tot or melding.van  # a leave request always states its last day
    melding.uren = verlof_uren(melding.werknemer, melding.van, laatste)
    saldo = verlofsaldo(werknemer=melding.werknemer, jaar=melding.van.year)
    if melding.uren > saldo.saldo:
        raise Conflict(
            f"Onvoldoende verlof: gevraagd {melding.uren} uur, saldo {melding.van.year} "
            f"{saldo.saldo} uur. Er is niets gewijzigd.",
            fields={"uren": ["Meer dan het saldo."]},
        )
    melding.status = Status.GOEDGEKEURD
    melding.beoordeeld_door, melding.beoordeeld_op = gebruiker(user), timezone.now()
    melding.save(update_fields=["status", "uren", "beoordeeld_door", "beoordeeld_op", "updated_at"])
    vrijgaven = inzetten_release(melding, user)
    vrijgaven_pay(melding, vrijgaven)
    afwezigheid_announce(melding, vrijgaven, user)
    return melding


@transaction.atomic
def verlof_decline(*, user, melding_id: int, reden: str) -> Afwezigheidsmelding:
    """Staff turn a leave request down, with a reason the member reads."""
    vereis_staff(user, "Alleen de makelaar beoordeelt verlof.")
    if not reden.strip():
        raise fout("reden", "Geef een reden op.")
    melding = melding_voor(user, melding_id)
    if melding.soort != Soort.VERLOF or melding.status != Status.AANGEVRAAGD:
        raise Conflict("Alleen een openstaande verlofaanvraag kan worden afgewezen.")
    melding.status = Status.AFGEWEZEN
    melding.beoordeeld_door, melding.beoordeeld_op = gebruiker(user), timezone.now()
    melding.reden = f"{melding.reden} — afgewezen: {reden.strip()}"[:500]
    melding.save(
        update_fields=["status", "beoordeeld_door", "beoordeeld_op", "reden", "updated_at"]
    )
    notificaties.afwezigheid_vastgelegd(melding)
    gebeurtenis_create(
        user=user,
        werknemer=melding.werknemer,
        soort=Gebeurtenis.Soort.AFWEZIGHEID,
        tekst=f"Bericht aan {melding.werknemer.volledige_naam}: uw verlofaanvraag vanaf "
        f"{melding.van:%d-%m-%Y} is afgewezen: {reden.strip()}",
    )
    return melding
