"""Intake of VERA work orders: turning an order into a work package through the broker's services.

An order is identified by the corporation and its own id. A repeat of the same message
changes nothing; a changed repeat updates the order's work package in place (the broker's
werkpakket_update) as long as no member has taken it on, and is refused once one has. The
appointment blocks with the tenant become the package's time windows: every shift falls
inside one, and work that does not fit is refused. Keys are issued in coop.intake.koppelingen, an order is read in
coop.intake.orders, its status goes back from coop.intake.orderstatus, and a member's briefing and
completion are in coop.intake.gereedmelding.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coop.core.exceptions import ApplicationError, Conflict
from coop.intake.models import Koppeling, Onderhoudsorder, Pakketbriefing
from coop.intake.orders import (
    Blok,
    IntakeFout,
    OrderGegevens,
    lees_order,
    veldfout,
    vingerafdruk,
    werkafdruk,
)
from coop.intake.orderstatus import orderstatus_update
from coop.models import Werkpakket
from coop.services.werk import indeling, pakket_invoer
from coop.services.werk import werkpakket as werkpakket_services
from werkgevers.models import Locatie
from werkgevers.services import locatie_create

logger = logging.getLogger(__name__)

KWARTIER = Decimal("0.25")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


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


def _uren(uren: Decimal) -> str:
    return f"{uren.normalize():f}".replace(".", ",")


def _lokaal(moment: datetime) -> datetime:
    return timezone.localtime(moment, AMSTERDAM)


def _binnen_kwartieren(blok: Blok) -> tuple[date, time, time] | None:
    """The block on its local date, its begin rounded up and its end down to a quarter hour
    (shifts start and end on quarters); None when no quarter hour is left. A block runs
    within one day (its end may be midnight: the day's last quarter)."""
    begin, eind = _lokaal(blok.begin), _lokaal(blok.eind)
    if eind.date() != begin.date():
        if eind.date() == begin.date() + timedelta(days=1) and eind.time() == time(0):
            eind = datetime.combine(begin.date(), time(23, 45), tzinfo=AMSTERDAM)
        else:
            raise veldfout(
                blok.veld_eind,
                f"een blok met de huurder ligt binnen één dag; dit blok loopt van "
                f"{begin:%d-%m-%Y %H:%M} tot {eind:%d-%m-%Y %H:%M}. Stuur per dag een eigen blok.",
            )
    van = -(-(begin.hour * 60 + begin.minute + (begin.second > 0)) // 15) * 15
    tot = (eind.hour * 60 + eind.minute) // 15 * 15
    if tot <= van:
        return None
    return begin.date(), time(van // 60, van % 60), time(tot // 60, tot % 60)


def _vensters(gegevens: OrderGegevens, vandaag: date) -> list[pakket_invoer.VensterData]:
    """The appointment blocks as the package's time windows: the member's shifts fall inside
    them. Blocks of days before today are history (they stay in the briefing)."""
    vensters = []
    for blok in gegevens.blokken:
        binnen = _binnen_kwartieren(blok)
        if binnen is None:
            continue
        datum, begin, eind = binnen
        if datum > gegevens.uiterlijk:
            raise veldfout(
                blok.veld_begin,
                f"het blok op {datum:%d-%m-%Y} ligt na de uitersteGereeddatum "
                f"({gegevens.uiterlijk:%d-%m-%Y}).",
            )
        if datum >= vandaag:
            vensters.append(pakket_invoer.VensterData(datum, begin, eind))
    return vensters


def _pakket_gegevens(koppeling: Koppeling, gegevens: OrderGegevens, locatie: Locatie):
    assert koppeling.tarief_per_uur is not None
    vandaag = timezone.localdate()
    start = vandaag
    dagen: list[int] = []
    vensters = _vensters(gegevens, vandaag)
    if gegevens.blokken and not vensters:
        laatste = max(gegevens.blokken, key=lambda b: b.eind)
        raise veldfout(
            laatste.veld_eind,
            "geen enkel blok met de huurder ligt nog in de toekomst (of is een kwartier lang); "
            "stuur een nieuw blok.",
        )
    if vensters:
        # The windows decide the days and the times; per person and day no more than a
        # shift's length (the splitting engine's day limit).
        start = max(vandaag, min(v.datum for v in vensters))
        dagen = sorted({v.datum.weekday() for v in vensters})
    if gegevens.uiterlijk < start:
        raise veldfout(
            "uitersteGereeddatum", "ligt vóór de eerste dag waarop het werk kan beginnen."
        )
    titel = f"VERA-order {gegevens.order_id}: {gegevens.omschrijving}"
    return pakket_invoer.WerkpakketData(
        locatie_id=locatie.pk,
        titel=titel[:200],
        categorie=gegevens.categorie,
        soort=Werkpakket.Soort.EENMALIG,
        tarief_per_uur=koppeling.tarief_per_uur,
        omschrijving=gegevens.omschrijving,
        vroegste_start=start,
        uiterlijk_eind=gegevens.uiterlijk,
        totaal_uren=_kwartieren(gegevens.uren or koppeling.standaard_uren),
        dagen=dagen,
        vensters=vensters,
        vaardigheden=gegevens.vaardigheden,
    )


def _venster_uren(venster) -> Decimal:
    minuten = (venster.eind.hour - venster.begin.hour) * 60 + venster.eind.minute
    return Decimal(minuten - venster.begin.minute) / 60


def _past_in_de_blokken(gegevens: OrderGegevens, data) -> None:
    """The work must fit in the blocks agreed with the tenant (as the package will be split
    when published, also when staff publish it later); refused, naming the block, if not."""
    try:
        indeling.indeling_van(data, nu=timezone.now())
    except ApplicationError as exc:
        if "vensters" not in exc.fields:
            raise IntakeFout(
                "NIET_VERWERKT",
                f"De order kan niet worden verwerkt: {exc.message}",
                status_code=422,
            ) from exc
        uren = data.totaal_uren
        ruimte = sum((_venster_uren(v) for v in data.vensters), Decimal(0))
        if len(gegevens.blokken) == 1 and ruimte < uren:
            blok = gegevens.blokken[0]
            b, e = _lokaal(blok.begin), _lokaal(blok.eind)
            melding = (
                f"het blok met de huurder ({b:%d-%m-%Y} {b:%H:%M}-{e:%H:%M}, "
                f"{_uren(ruimte)} uur) is korter dan het werk ({_uren(uren)} uur)"
            )
            veld = blok.veld_eind
        elif ruimte < uren:
            melding = (
                f"de blokken met de huurder zijn samen {_uren(ruimte)} uur, korter dan het werk "
                f"({_uren(uren)} uur)"
            )
            veld = ", ".join(b.veld_eind.rsplit(".", 1)[0] for b in gegevens.blokken)
        else:
            melding = f"het werk past niet in de blokken met de huurder. {exc.message}"
            veld = "afspraken"
        raise IntakeFout(
            "BLOK_TE_KORT",
            f"{veld}: {melding}; de order is niet verwerkt. Stuur een langer blok, meer "
            "blokken, of minder uren in de voorcalculatie.",
            status_code=422,
            veld=veld,
        ) from exc


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


def _geen_tarief() -> IntakeFout:
    return IntakeFout(
        "NIET_INGESTELD",
        "De makelaar heeft voor uw organisatie nog geen uurtarief ingesteld; de order is "
        "niet verwerkt. Neem contact op met de makelaar.",
        status_code=422,
    )


def _werk(koppeling: Koppeling, gegevens: OrderGegevens):
    """The package's data and its briefing text; refused when it cannot be done."""
    if koppeling.tarief_per_uur is None:
        raise _geen_tarief()
    locatie = _locatie(koppeling, gegevens)
    data = _pakket_gegevens(koppeling, gegevens, locatie)
    _past_in_de_blokken(gegevens, data)
    return data, _briefing(koppeling, gegevens, locatie)


def _maak_pakket(koppeling: Koppeling, gegevens: OrderGegevens) -> Werkpakket:
    data, briefing = _werk(koppeling, gegevens)
    user = koppeling.gebruiker
    try:
        pakket = werkpakket_services.werkpakket_create(user=user, data=data)
        Pakketbriefing.objects.create(werkpakket=pakket, tekst=briefing)
        if koppeling.direct_publiceren:
            pakket = werkpakket_services.werkpakket_publish(user=user, werkpakket_id=pakket.pk)
    except IntakeFout:
        raise
    except ApplicationError as exc:
        raise IntakeFout(
            "NIET_VERWERKT", f"De order kan niet worden verwerkt: {exc.message}", status_code=422
        ) from exc
    return pakket


def _makelaar() -> str:
    return settings.COOP_MAKELAAR.get("naam") or "de makelaar"


def _wijzig_pakket(koppeling: Koppeling, order: Onderhoudsorder, gegevens: OrderGegevens) -> None:
    """The changed order changes its work package in place (the broker's
    werkpakket_update: open offers withdrawn, the work split again) while no member has
    taken it on; refused with the reason and whom to call once one has."""
    pakket = order.werkpakket
    assert pakket is not None
    data, briefing = _werk(koppeling, gegevens)
    try:
        werkpakket_services.werkpakket_update(
            user=koppeling.gebruiker, werkpakket_id=pakket.pk, data=data
        )
    except werkpakket_services.AlBemand as exc:
        wanneer = ""
        if exc.eerste_dienst is not None:
            eerste = _lokaal(exc.eerste_dienst)
            wanneer = f" (eerste afspraak {eerste:%d-%m-%Y} om {eerste:%H:%M})"
        raise IntakeFout(
            "AL_INGEPLAND",
            f"Order {order.order_id} is niet gewijzigd: het werk is al ingepland bij een lid "
            f"van de coöperatie{wanneer}, en een ingeplande order wordt niet meer automatisch "
            f"gewijzigd. Bel {_makelaar()} (de makelaar) om de wijziging door te geven; de "
            "makelaar overlegt met het lid. De order blijft zoals hij was.",
            status_code=409,
        ) from exc
    except Conflict as exc:
        raise IntakeFout(
            "NIET_WIJZIGBAAR",
            f"Order {order.order_id} is niet gewijzigd: {exc.message} Neem contact op met "
            f"{_makelaar()} (de makelaar). De order blijft zoals hij was.",
            status_code=409,
        ) from exc
    except ApplicationError as exc:
        raise IntakeFout(
            "NIET_VERWERKT", f"De order kan niet worden verwerkt: {exc.message}", status_code=422
        ) from exc
    Pakketbriefing.objects.update_or_create(werkpakket=pakket, defaults={"tekst": briefing})


@transaction.atomic
def order_receive(*, koppeling: Koppeling, bericht: dict) -> tuple[Onderhoudsorder, bool]:
    """Store an order (idempotent per corporation and order id); returns (order, new).

    The same message again changes nothing. A message that changes nothing the work is made
    of (the corporation's own status, labels) is stored and leaves the package as it is. A
    message that changes the work updates the order's package in place while no member has
    taken it on, and is refused (409 AL_INGEPLAND) once one has; a refused message leaves
    the stored order as it was."""
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
    if order is not None:
        if order.werkafdruk != werk:
            _wijzig_pakket(koppeling, order, gegevens)
        order.bericht, order.vingerafdruk, order.werkafdruk = bericht, afdruk, werk
        order.versie += 1
        order.save()
        orderstatus_update(order)
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
    orderstatus_update(order)
    return order, True
