"""Compare a predicted place with a gold place through the gazetteer, not by spelling.

Gold files name places as their annotators spell them ("Dnepropetrovsk"), strife as GeoNames does
("Dnipro"). Two names are one place when their keys agree (:func:`same_place`) or when the
predicted point lies within :data:`SAME_PLACE_KM` of a gazetteer place that carries the gold
name in the gold event's country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from strife.evaluate.names import same_place
from strife.geocode.gazetteer import Gazetteer
from strife.geocode.geo import distance_km
from strife.model import Event

SAME_PLACE_KM = 10.0
# A gold name matches many namesakes; a few within the gold country are enough to judge.
_CANDIDATES = 10

PlaceCheck = Callable[[Event, Mapping[str, Any], list[str]], bool]
# Words annotators add around a name that are not part of it: "Ituri territory", "Mandera
# County", "northern Niger", "the Rostov region".
_BEFORE_NAME = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east"
    r"|south-?west)(?:ern)?\s+)?",
    re.IGNORECASE,
)
_AFTER_NAME = re.compile(
    r"\s+(?:territory|county|district|province|region|oblast|governorate|state|municipality"
    r"|department|area|village|town|city)$",
    re.IGNORECASE,
)


def bare_names(names: list[str]) -> list[str]:
    """Return the names with the words annotators put around a place name taken off too."""
    bare = [_BEFORE_NAME.sub("", _AFTER_NAME.sub("", name)).strip() for name in names]
    return list(dict.fromkeys([*names, *(b for b in bare if b)]))


def gazetteer_place_check(gazetteer: Gazetteer) -> PlaceCheck:
    """Return a check: is the event's place one of the gold names, by key or by distance?"""

    def check(event: Event, gold_event: Mapping[str, Any], names: list[str]) -> bool:
        names = bare_names(names)
        if same_place(event.location, names):
            return True
        if gold_event.get("geo_precision") == 3 and event.geo_precision == 3:
            # Both say "somewhere in this province": the province is the place.
            return same_place(event.admin1, names)
        if event.latitude is None or event.longitude is None:
            return False
        country = gold_event.get("country")
        # "Russia, Ukraine": the gold may list several countries; any of them will do.
        countries = [c.strip() for c in str(country).split(",")] if country else [None]
        for name in names:
            for each in countries:
                for match in gazetteer.lookup(name, country=each, limit=_CANDIDATES):
                    place = match.place
                    if place.feature in ("country", "admin1"):
                        continue  # a province's middle says nothing about a town in it
                    km = distance_km(
                        event.latitude, event.longitude, place.latitude, place.longitude
                    )
                    if km <= SAME_PLACE_KM:
                        return True
        return False

    return check
