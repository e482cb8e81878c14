"""Distances on the earth: the one formula every engine and selector uses.

Pure: floats (and numpy arrays) in, kilometres out; no Django, no settings, no network.
Great-circle distance by the haversine formula on the mean earth radius (IUGG), which is
within 0.5 % of the ellipsoid distance at Dutch latitudes: ample for travel radii.
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_rij(lat1: float, lon1: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """`haversine_km` from one point to many at once; every argument in RADIANS."""
    a = np.sin((lat - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat) * np.sin((lon - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def graden_per_km() -> float:
    """Degrees of latitude per km along a meridian (for a bounding box in SQL)."""
    return math.degrees(1 / EARTH_RADIUS_KM)


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within `radius_km`.

    For a database prefilter; the exact distance check follows. The longitude span is the
    exact one for a great circle (it widens towards the poles).
    """
    hoek = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(hoek)
    min_lat, max_lat = lat - dlat, lat + dlat
    if max_lat >= 90 or min_lat <= -90 or hoek >= math.pi / 2:
        return max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0
    dlon = math.degrees(math.asin(min(1.0, math.sin(hoek) / math.cos(math.radians(lat)))))
    return min_lat, max_lat, lon - dlon, lon + dlon
