"""Geocoding: postcode (and house number) to coordinates, wijk and buurt.

The offline Postcode table (loaded by `manage.py import_postcodes`) answers first; the PDOK
Locatieserver adapter is used only when PDOK_ENABLED is set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from coop.validators import normalize_postcode


@dataclass(frozen=True)
class GeoResult:
    latitude: Decimal
    longitude: Decimal
    wijk: str = ""
    buurt: str = ""
    plaats: str = ""
    bron: str = "postcodetabel"


def geocode_address(postcode: str, huisnummer: str = "") -> GeoResult | None:
    """Coordinates for an address, or None when no source knows the postcode."""
    from coop.models import Postcode

    pc = normalize_postcode(postcode)
    row = Postcode.objects.filter(postcode=pc).first()
    if row is not None:
        return GeoResult(row.latitude, row.longitude, row.wijk, row.buurt, row.plaats)
    return None


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
