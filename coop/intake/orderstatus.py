"""An order's status back to the corporation as the broker's work proceeds: its state, hours spent.

A change of state is queued as a message (a django-q2 task) after the transaction commits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from coop.core.wachtrij import taak_plaatsen
from coop.intake import referentiedata as ref
from coop.intake.models import Gereedmelding, Onderhoudsorder, Statusmelding
from coop.models import Factuur, Factuurregel, Inzet, Urenregel, Werkpakket

GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)


# --- status --------------------------------------------------------------------------------


@dataclass
class Stand:
    status: str
    begindatum: datetime | None = None
    technisch_gereed_op: datetime | None = None
    financieel_gereed_op: datetime | None = None


def _urenregels(pakket: Werkpakket):
    """The current hours lines of the package's work (a corrected line counts no more)."""
    return (
        Urenregel.objects.filter(inzet__dienst__job__werkpakket=pakket, correctie__isnull=True)
        .exclude(soort__in=(Urenregel.Soort.ZIEK, Urenregel.Soort.VERLOF))
        .select_related("inzet")
        .order_by("datum", "pk")
    )


def stand_van(order: Onderhoudsorder) -> Stand:
    """The VERA status that follows from the broker's records (see README, VERA OHD)."""
    pakket = order.werkpakket
    if pakket is None:
        return Stand("REG")
    if pakket.status == Werkpakket.Status.GEANNULEERD:
        return Stand("GEA")
    inzetten = Inzet.objects.filter(dienst__job__werkpakket=pakket, status=Inzet.Status.ACTIEF)
    eerste = inzetten.order_by("start").first()
    begindatum = eerste.start if eerste else None
    regels = list(_urenregels(pakket))
    gemeld = Gereedmelding.objects.filter(werkpakket=pakket).order_by("-created_at").first()
    alles_goed = bool(regels) and all(r.status in GOEDGEKEURD for r in regels)
    if gemeld is not None and alles_goed:
        beoordeeld = [r.vastgesteld_op or r.beoordeeld_op for r in regels]
        tec = max([gemeld.created_at, *[b for b in beoordeeld if b]])
        gefactureerd = (
            Factuurregel.objects.filter(
                werkpakket=pakket,
                factuur__soort=Factuur.Soort.FACTUUR,
                factuur__status=Factuur.Status.UITGEGEVEN,
            )
            .order_by("factuur__created_at")
            .values_list("factuur__created_at", flat=True)
            .first()
        )
        if gefactureerd is not None:
            return Stand("AFG", begindatum, tec, gefactureerd)
        return Stand("TEC", begindatum, tec)
    if regels:
        return Stand("INB", begindatum)
    if eerste is not None:
        return Stand("PLN", begindatum)
    if pakket.status == Werkpakket.Status.CONCEPT:
        return Stand("REG")
    return Stand("GUN")


def orderstatus_update(order: Onderhoudsorder) -> bool:
    """Store the status that follows from the records; a change is queued for the
    corporation when it has a callback address. True when the status changed."""
    stand = stand_van(order)
    velden = {
        "begindatum": stand.begindatum,
        "technisch_gereed_op": stand.technisch_gereed_op,
        "financieel_gereed_op": stand.financieel_gereed_op,
    }
    gewijzigd = stand.status != order.status
    if not gewijzigd and all(getattr(order, k) == v for k, v in velden.items()):
        return False
    for k, v in velden.items():
        setattr(order, k, v)
    if gewijzigd:
        order.status, order.status_sinds = stand.status, timezone.now()
    order.save()
    if gewijzigd and order.koppeling.callback_url:
        melding = Statusmelding.objects.create(
            order=order, status=order.status, bericht=order_bericht(order)
        )
        transaction.on_commit(lambda: _zet_in_wachtrij(melding.pk))
    return gewijzigd


def _zet_in_wachtrij(melding_id: int) -> None:
    taak_plaatsen("coop.intake.tasks.statusmelding_versturen", melding_id)


def orders_van_pakket(pakket_id: int | None) -> list[Onderhoudsorder]:
    """The orders behind a package. Most packages have none (they were not sent by VERA):
    the keys are asked first, which is cheap, and the orders read only when there are any."""
    if pakket_id is None:
        return []
    ids = list(Onderhoudsorder.objects.filter(werkpakket_id=pakket_id).values_list("pk", flat=True))
    if not ids:
        return []
    return list(Onderhoudsorder.objects.filter(pk__in=ids).select_related("koppeling"))


# --- the order as the specification shows it ----------------------------------------------


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _duur(minuten: int) -> str:
    uren, rest = divmod(minuten, 60)
    return "PT" + (f"{uren}H" if uren else "") + (f"{rest}M" if rest or not uren else "")


TAAKSTATUS = {"REG": "CON", "GUN": "CON", "PLN": "GEP", "INB": "UIT", "TEC": "GER", "AFG": "GES"}


# Per hours line: the field, the kind of besteding and its description.
BESTEDING_DELEN = (
    ("gewerkte_uren", "WER", "Werktijd", ""),
    ("aanvulling_uren", "OVE", "Aanvulling tot het minimum per oproep", "-aanvulling"),
    ("doorbetaalde_uren", "OVE", "Doorbetaald bij late annulering", "-doorbetaald"),
)


def bestedingen(order: Onderhoudsorder) -> list[dict]:
    """The approved hours as Onderhoudsbestedingen, per hours line: worked time (WER), the
    top-up to the minimum per call and pay kept on a late cancellation (OVE), each in hours,
    with the member's travel time on the first; together they are the billed hours."""
    pakket = order.werkpakket
    if pakket is None:
        return []
    regels = [r for r in _urenregels(pakket) if r.status in GOEDGEKEURD]
    gemeld = Gereedmelding.objects.filter(werkpakket=pakket).order_by("-created_at").first()
    lijst = []
    for regel in regels:
        datum = _utc(regel.start) or f"{regel.datum:%Y-%m-%d}T00:00:00Z"
        for veld, soort, omschrijving, achtervoegsel in BESTEDING_DELEN:
            uren = getattr(regel, veld)
            if not uren:
                continue
            besteding = {
                "id": f"uren-{regel.pk}{achtervoegsel}",
                "soort": ref.referentie(ref.ONDERHOUDSBESTEDINGSOORT, soort),
                "omschrijving": omschrijving,
                "uitvoerdatum": datum,
                "aantal": float(uren),
                "meeteenheid": ref.referentie(ref.MEETEENHEID, "UUR"),
            }
            if soort == "WER" and regel.start and regel.eind:
                besteding["uitvoerBegintijd"] = _utc(regel.start)
                besteding["uitvoerEindtijd"] = _utc(regel.eind)
            if not lijst and gemeld is not None and gemeld.reistijd_minuten:
                besteding["reistijd"] = _duur(gemeld.reistijd_minuten)
            lijst.append(besteding)
    return lijst


def order_bericht(order: Onderhoudsorder) -> dict:
    """The order as received, with the supplier's part filled in: status, dates, the planned
    appointment, and per task its status and the bestedingen (on the first task)."""
    bericht = json.loads(json.dumps(order.bericht))
    bericht["status"] = ref.referentie(ref.ONDERHOUDSORDERSTATUS, order.status)
    for sleutel, waarde in (
        ("begindatum", order.begindatum),
        ("technischGereeddatum", order.technisch_gereed_op),
        ("financieelGereeddatum", order.financieel_gereed_op),
    ):
        if waarde is not None:
            bericht[sleutel] = _utc(waarde)
    taken = bericht.setdefault("onderhoudstaken", [])
    if not taken:
        taken.append({"code": "1", "omschrijving": bericht.get("omschrijving") or "Uitvoering"})
    taakstatus = TAAKSTATUS.get(order.status)
    for taak in taken:
        if taakstatus and order.status != "GEA":
            taak["status"] = ref.referentie(ref.ONDERHOUDSTAAKSTATUS, taakstatus)
    if order.status == "GEA":
        for taak in taken:
            taak.pop("status", None)
    lijst = bestedingen(order)
    if lijst:
        taken[0]["onderhoudsbestedingen"] = lijst
    if order.werkpakket is not None:
        inzetten = Inzet.objects.filter(
            dienst__job__werkpakket=order.werkpakket, status=Inzet.Status.ACTIEF
        ).order_by("start")
        eerste = inzetten.first()
        if eerste is not None:
            afspraken = bericht.setdefault("afspraken", [])
            if not afspraken:
                afspraken.append({"onderwerp": "Uitvoering van de order"})
            afspraak = afspraken[0]
            afspraak["begindatum"] = _utc(eerste.start)
            afspraak["einddatum"] = _utc(eerste.eind)
            klaar = order.status in ("TEC", "AFG")
            afspraak["status"] = ref.referentie(ref.AFSPRAAKSTATUS, "AFG" if klaar else "GEP")
    return bericht
