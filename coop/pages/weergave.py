"""What a member sees of an offer, a shift or an assignment: plain values for templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from coop.core.afstand import haversine_km
from coop.core.exceptions import ApplicationError
from coop.models import Aanbod, Dienst, Werkpakket
from coop.selectors import lonen
from coop.selectors.aanbod_weergave import (
    aanbod_oproeptermijn,
    aanbod_rooster,
    aanbod_uurloon,
    aanbod_werkgevers,
)


def kaart_link(locatie) -> str:
    """A map at the address (OpenStreetMap, opens in the phone's browser or map app)."""
    if locatie is None or locatie.latitude is None or locatie.longitude is None:
        return ""
    lat, lon = f"{locatie.latitude:.6f}", f"{locatie.longitude:.6f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def afstand_km(werknemer, locatie) -> float | None:
    if None in (werknemer.latitude, werknemer.longitude, locatie.latitude, locatie.longitude):
        return None
    return round(
        haversine_km(
            float(werknemer.latitude),
            float(werknemer.longitude),
            float(locatie.latitude),
            float(locatie.longitude),
        ),
        1,
    )


@dataclass
class Werk:
    """One piece of work on a page: an offer, an open shift or an assignment."""

    titel: str
    omschrijving: str
    werkgever: str
    plaats: str
    adres: str
    kaart: str
    start: datetime | None
    eind: datetime | None
    uren: Decimal | None
    afstand_km: float | None
    uurloon: Decimal | None
    regie: str
    korte_termijn: bool
    rooster: list[dict] = field(default_factory=list)
    # The call term (days) the offer was asked within, when `korte_termijn`: from the table.
    oproeptermijn_dagen: int | None = None


def regie(pakket: Werkpakket | None, werkgever: str) -> str:
    """Who directs the work, in plain words (the legal term is in the contract)."""
    if pakket is None:
        return ""
    if pakket.regie == Werkpakket.Regie.OPDRACHTGEVER:
        return _("%(werkgever)s. U werkt onder hun leiding.") % {"werkgever": werkgever}
    return _("De coöperatie. Zij zegt wat u doet, ook als u bij %(werkgever)s werkt.") % {
        "werkgever": werkgever
    }


def _pakket(dienst: Dienst | None, job) -> Werkpakket | None:
    if job.werkpakket_id is not None:
        return job.werkpakket
    if dienst is not None and dienst.fragment_id is not None:
        return dienst.fragment.werkpakket
    fragment = job.fragmenten.select_related("werkpakket").first()
    return fragment.werkpakket if fragment is not None else None


def _loon(werknemer, dag) -> Decimal | None:
    """The wage the member is paid that day (coop/selectors/lonen.py); None when none can be stated."""
    try:
        return lonen.loon_op(werknemer, dag)
    except ApplicationError:
        return None


def werk_van_dienst(
    dienst: Dienst,
    werknemer,
    *,
    uurloon=None,
    korte_termijn=False,
    oproeptermijn_dagen=None,
    rooster=None,
    werkgever="",
) -> Werk:
    pakket = _pakket(dienst, dienst.job)
    locatie = dienst.locatie
    if uurloon is None:
        uurloon = _loon(werknemer, timezone.localtime(dienst.start).date())
    return Werk(
        titel=pakket.titel if pakket else dienst.job.reden,
        omschrijving=pakket.omschrijving if pakket else "",
        werkgever=werkgever or locatie.werkgever.naam,
        plaats=locatie.naam,
        adres=locatie.adresregel or locatie.plaats,
        kaart=kaart_link(locatie),
        start=timezone.localtime(dienst.start),
        eind=timezone.localtime(dienst.eind),
        uren=dienst.uren,
        afstand_km=afstand_km(werknemer, locatie),
        uurloon=uurloon,
        regie=regie(pakket, werkgever or locatie.werkgever.naam),
        korte_termijn=korte_termijn,
        rooster=rooster or [],
        oproeptermijn_dagen=oproeptermijn_dagen,
    )


def werk_van_aanbod(aanbod: Aanbod) -> Werk:
    werknemer = aanbod.werknemer
    if aanbod.dienst is not None:
        return werk_van_dienst(
            aanbod.dienst,
            werknemer,
            uurloon=aanbod_uurloon(aanbod),
            korte_termijn=aanbod.korte_termijn,
            oproeptermijn_dagen=aanbod_oproeptermijn(aanbod) if aanbod.korte_termijn else None,
        )
    pakket = _pakket(None, aanbod.job)
    rooster = aanbod_rooster(aanbod)
    locatie = pakket.locatie if pakket else None
    return Werk(
        titel=pakket.titel if pakket else aanbod.job.reden,
        omschrijving=aanbod.job.reden,
        werkgever=aanbod_werkgevers(aanbod),
        plaats=locatie.naam if locatie else "",
        adres=(locatie.adresregel or locatie.plaats) if locatie else "",
        kaart=kaart_link(locatie),
        start=None,
        eind=None,
        uren=aanbod.job.uren_per_week,
        afstand_km=afstand_km(werknemer, locatie) if locatie else None,
        uurloon=aanbod_uurloon(aanbod),
        regie=regie(pakket, aanbod_werkgevers(aanbod)),
        korte_termijn=aanbod.korte_termijn,
        rooster=rooster,
        oproeptermijn_dagen=aanbod_oproeptermijn(aanbod) if aanbod.korte_termijn else None,
    )


def opdracht_pakketten(inzetten) -> set[int]:
    """The packages among these assignments that carry a briefing for the member (a VERA
    order's: the address, the tenant's contact, reporting the work done), whose page is
    /opdracht/<id>/. Read by the relation's name: the member pages do not import the intake."""
    ids = {i.dienst.job.werkpakket_id for i in inzetten if i.dienst.job.werkpakket_id}
    if not ids:
        return set()
    return set(
        Werkpakket.objects.filter(pk__in=ids, briefing__isnull=False).values_list("pk", flat=True)
    )
