"""Great-circle distance and offset points ("30 km northwest of Ramadi")."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088

BEARINGS: dict[str, float] = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}

UNITS_KM: dict[str, float] = {"km": 1.0, "kilometer": 1.0, "kilometre": 1.0, "mile": 1.609344}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def offset_point(lat: float, lon: float, km: float, bearing_degrees: float) -> tuple[float, float]:
    """Return the point ``km`` away from (lat, lon) on an initial bearing (0 = north)."""
    delta = km / EARTH_RADIUS_KM
    theta = math.radians(bearing_degrees)
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    )
    lambda2 = lambda1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1),
        math.cos(delta) - math.sin(phi1) * math.sin(phi2),
    )
    lon2 = (math.degrees(lambda2) + 540.0) % 360.0 - 180.0
    return round(math.degrees(phi2), 5), round(lon2, 5)


def bearing_of(direction: str) -> float | None:
    """Return the bearing of a direction word ("north-west", "northwestern", "west")."""
    word = direction.lower().replace("-", "").replace(" ", "")
    if word.endswith("ern"):
        word = word[:-3]
    return BEARINGS.get(word)


def kilometres(amount: float, unit: str) -> float | None:
    """Convert a distance in a unit as written ("kms", "miles") to kilometres."""
    word = unit.lower().rstrip("s")
    if word in {"mi"}:
        word = "mile"
    factor = UNITS_KM.get(word)
    return amount * factor if factor else None
