"""Intake of VERA work orders: turning an order into a work package through the broker's services.

An order is identified by the corporation and its own id. A repeat of the same message
changes nothing; a changed repeat replaces the order's work package (the old one is
cancelled through the broker's service, a new one posted) as long as no member is assigned,
and is refused once one is. Keys are issued in coop.intake.koppelingen, an order is read in
coop.intake.orders, its status goes back from coop.intake.orderstatus, and a member's briefing and
completion are in coop.intake.gereedmelding.
"""

from __future__ import annotations

import logging
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coop.core.exceptions import ApplicationError
from coop.intake.models import Koppeling, Onderhoudsorder, Pakketbriefing
from coop.intake.orders import (
    IntakeFout,
    OrderGegevens,
    lees_order,
    veldfout,
    vingerafdruk,
    werkafdruk,
)
from coop.intake.orderstatus import status_bijwerken
from coop.models import Inzet, Werkpakket
from coop.services.werk import werkpakket as werkpakket_services
from werkgevers.models import Locatie
from werkgevers.services import locatie_create

logger = logging.getLogger(__name__)

KWARTIER = Decimal("0.25")


def _locatie(koppeling: Koppeling, gegevens: OrderGegevens) -> Locatie:
    adres = gegevens.adres
    postcode = "".join((adres.get("postcode") or "").split()).upper()
    huisnummer = (adres.get("huisnummer") or "").strip()
    toevoeging = "".join(
        d for d in ((adres.get("huisletter") or ""), (adres.get("huisnummerToevoeging") or "")) if d
    ).strip()
    if len(postcode) == 6:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    bestaand = Locatie.objects.filter(
        werkgever=koppeling.werkgever,
        postcode=postcode,
        huisnummer=huisnummer,
        toevoeging=toevoeging,
        actief=True,
    ).first()
    if bestaand is not None:
        return bestaand
    straat = (adres.get("straatnaam") or "").strip()
    plaats = ((adres.get("woonplaats") or {}).get("naam") or "").strip()
    data = {
        "naam": f"{straat} {huisnummer}{toevoeging}".strip() or f"{postcode} {huisnummer}",
        "straat": straat,
        "huisnummer": huisnummer,
        "toevoeging": toevoeging,
        "postcode": postcode,
        "plaats": plaats,
    }
    try:
        return locatie_create(
            user=koppeling.gebruiker, werkgever_id=koppeling.werkgever_id, data=data
        )
    except ValidationError as exc:
        velden = getattr(exc, "message_dict", {"adres": exc.messages})
        veld, meldingen = next(iter(velden.items()))
        naam = {"straat": "straatnaam", "toevoeging": "huisnummerToevoeging"}.get(veld, veld)
        raise veldfout(f"{gegevens.adres_veld}.{naam}", " ".join(meldingen)) from exc


def _kwartieren(uren: Decimal) -> Decimal:
    return (uren / KWARTIER).to_integral_value(rounding=ROUND_CEILING) * KWARTIER


def _pakket_gegevens(koppeling: Koppeling, gegevens: OrderGegevens, locatie: Locatie):
    vandaag = timezone.localdate()
    blokken = gegevens.blokken
    start = vandaag
    dagen: list[int] = []
    max_per_dag = None
    if blokken:
        start = max(vandaag, min(timezone.localtime(b.begin).date() for b in blokken))
        dagen = sorted({timezone.localtime(b.begin).weekday() for b in blokken})
        langste = max((b.eind - b.begin).total_seconds() / 3600 for b in blokken)
        max_per_dag = max(Decimal(1), _kwartieren(Decimal(str(langste))))
    if gegevens.uiterlijk < start:
        raise veldfout(
            "uitersteGereeddatum", "ligt vóór de eerste dag waarop het werk kan beginnen."
        )
    titel = f"VERA-order {gegevens.order_id}: {gegevens.omschrijving}"
    return werkpakket_services.WerkpakketData(
        locatie_id=locatie.pk,
        titel=titel[:200],
        categorie=gegevens.categorie,
        soort=Werkpakket.Soort.EENMALIG,
        tarief_per_uur=koppeling.tarief_per_uur,
        omschrijving=gegevens.omschrijving,
        vroegste_start=start,
        uiterlijk_eind=gegevens.uiterlijk,
        totaal_uren=_kwartieren(gegevens.uren or koppeling.standaard_uren),
        max_uren_per_dag=max_per_dag,
        dagen=dagen,
        vaardigheden=gegevens.vaardigheden,
    )


def _briefing(koppeling: Koppeling, gegevens: OrderGegevens, locatie: Locatie) -> str:
    regels = [
        f"Onderhoudsorder {gegevens.order_id} van {koppeling.werkgever.naam}",
        f"Omschrijving: {gegevens.omschrijving}",
        f"Adres: {locatie.adresregel}",
    ]
    regels += [f"Taak: {t}" for t in gegevens.taken]
    regels += [f"Defect: {d}" for d in gegevens.defecten]
    for blok in gegevens.blokken:
        b, e = timezone.localtime(blok.begin), timezone.localtime(blok.eind)
        regels.append(f"Afspraak met de huurder: {b:%d-%m-%Y %H:%M} tot {e:%H:%M}")
    for huurder in gegevens.huurders:
        regels.append(f"Huurder: {huurder.naam}" + "".join(f"; {c}" for c in huurder.contact))
    regels.append(f"Klaar uiterlijk: {gegevens.uiterlijk:%d-%m-%Y}")
    return "\n".join(regels)


def _maak_pakket(koppeling: Koppeling, gegevens: OrderGegevens) -> Werkpakket:
    if koppeling.tarief_per_uur is None:
        raise IntakeFout(
            "NIET_INGESTELD",
            "De makelaar heeft voor uw organisatie nog geen uurtarief ingesteld; de order is "
            "niet verwerkt. Neem contact op met de makelaar.",
            status_code=422,
        )
    locatie = _locatie(koppeling, gegevens)
    data = _pakket_gegevens(koppeling, gegevens, locatie)
    user = koppeling.gebruiker
    try:
        pakket = werkpakket_services.werkpakket_create(user=user, data=data)
        Pakketbriefing.objects.create(
            werkpakket=pakket, tekst=_briefing(koppeling, gegevens, locatie)
        )
        if koppeling.direct_publiceren:
            pakket = werkpakket_services.werkpakket_publish(user=user, werkpakket_id=pakket.pk)
    except IntakeFout:
        raise
    except ApplicationError as exc:
        raise IntakeFout(
            "NIET_VERWERKT", f"De order kan niet worden verwerkt: {exc.message}", status_code=422
        ) from exc
    return pakket


def _bemand(pakket: Werkpakket | None) -> bool:
    if pakket is None:
        return False
    return Inzet.objects.filter(dienst__job__werkpakket=pakket, status=Inzet.Status.ACTIEF).exists()


@transaction.atomic
def order_ontvangen(*, koppeling: Koppeling, bericht: dict) -> tuple[Onderhoudsorder, bool]:
    """Store an order (idempotent per corporation and order id); returns (order, new)."""
    gegevens = lees_order(bericht)
    koppeling = (
        Koppeling.objects.select_for_update()
        .select_related("werkgever", "gebruiker")
        .get(pk=koppeling.pk)
    )
    afdruk = vingerafdruk(bericht)
    order = (
        Onderhoudsorder.objects.select_for_update()
        .filter(koppeling=koppeling, order_id=gegevens.order_id)
        .first()
    )
    if order is not None and order.vingerafdruk == afdruk:
        return order, False
    werk = werkafdruk(gegevens)
    if order is not None and order.werkafdruk == werk:
        # Changed, but not in anything the work is made of (e.g. the corporation's own
        # status or labels): stored, the package stays as it is, staffed or not.
        order.bericht, order.vingerafdruk = bericht, afdruk
        order.versie += 1
        order.save()
        return order, False
    if order is not None:
        oud = order.werkpakket
        if _bemand(oud):
            raise IntakeFout(
                "AL_INGEPLAND",
                f"Order {order.order_id} is al ingepland bij een lid van de coöperatie; een "
                "gewijzigde order kan niet meer automatisch worden verwerkt. Neem contact op "
                "met de makelaar.",
                status_code=409,
            )
        nieuw = _maak_pakket(koppeling, gegevens)
        # The order moves to the new package first, so cancelling the old one does not
        # report the order itself as cancelled.
        order.bericht, order.vingerafdruk, order.werkpakket = bericht, afdruk, nieuw
        order.werkafdruk = werk
        order.versie += 1
        order.save()
        if oud is not None and oud.status not in (
            Werkpakket.Status.GEANNULEERD,
            Werkpakket.Status.AFGEROND,
        ):
            werkpakket_services.werkpakket_cancel(user=koppeling.gebruiker, werkpakket_id=oud.pk)
        status_bijwerken(order)
        return order, False
    pakket = _maak_pakket(koppeling, gegevens)
    order = Onderhoudsorder.objects.create(
        koppeling=koppeling,
        order_id=gegevens.order_id,
        bericht=bericht,
        vingerafdruk=afdruk,
        werkafdruk=werk,
        werkpakket=pakket,
    )
    status_bijwerken(order)
    return order, True
