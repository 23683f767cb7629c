"""Geocoding stage: place each event, from an offline gazetteer (GeoNames, CC BY 4.0).

Public pieces: :func:`geocode` (the pipeline stage), :func:`find_places` (place mentions in any
text) and :class:`PlaceMention`. Place data © GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

from dataclasses import replace

from strife.errors import ResourceMissing
from strife.extraction.actors import detect_countries
from strife.extraction.notes import write_notes
from strife.geocode.locate import EventLocator
from strife.geocode.recognize import PlaceMention, find_places, recognize
from strife.model import Article, Event
from strife.resources import Resources

STAGE_VERSION = "geocode.v1"


def geocode(article: Article, res: Resources) -> Article:
    """Fill each event's place fields (location, admins, coordinates, precision) with evidence."""
    if not article.events:
        return article.touched_by(STAGE_VERSION)
    try:
        gazetteer = res.gazetteer
    except ResourceMissing as exc:
        return article.with_problem("geocode", "no_gazetteer", str(exc)).touched_by(STAGE_VERSION)
    text = article.text or ""
    found = recognize(text, gazetteer, detect_countries(text))
    locator = EventLocator(article, found, gazetteer)
    events: list[Event] = []
    problems: list[tuple[str, str]] = []
    spans = [[(e.start, e.end) for e in event.evidence] for event in article.events]
    for number, event in enumerate(article.events):
        others = [span for n, own in enumerate(spans) if n != number for span in own]
        location = locator.refine(event, locator.locate(event), others)
        if location is None:
            problems.append(("no_location", f"event {event.event_id}: no place found"))
            events.append(event)
            continue
        placed = locator.place_event(event, location)
        if location.place is not None and location.place.feature == "country":
            problems.append(("country_only", f"event {event.event_id}: only the country is known"))
        events.append(replace(placed, notes=write_notes(placed)))
    result = replace(article, events=tuple(events))
    for code, message in problems:
        result = result.with_problem("geocode", code, message)
    return result.touched_by(STAGE_VERSION)


__all__ = ["PlaceMention", "find_places", "geocode"]
