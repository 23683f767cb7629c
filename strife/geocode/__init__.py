"""Geocoding stage: place each event, from an offline gazetteer (GeoNames, CC BY 4.0).

Public pieces: :func:`geocode` (the pipeline stage), :func:`find_places` (place mentions in any
text) and :class:`PlaceMention`. Place data © GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from strife.errors import ResourceMissing
from strife.geocode.recognize import PlaceMention, find_places
from strife.model import Article, Event
from strife.resources import Resources

STAGE_VERSION = "geocode.v1"


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """Return a function another part of strife may provide, or None while it does not."""
    import importlib

    try:
        function = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return function if callable(function) else None


def _article_countries(text: str) -> Sequence[str]:
    detect = _optional("strife.extraction.actors", "detect_countries")
    if detect is None:
        return ()
    try:
        countries = detect(text)
    except Exception:  # another stage's bug must not stop geocoding; context is optional
        return ()
    return [c for c in countries if isinstance(c, str)]


def _with_notes(event: Event) -> Event:
    write_notes = _optional("strife.extraction", "write_notes")
    if write_notes is None:
        return event
    notes = write_notes(event)
    if isinstance(notes, Event):
        return notes
    return replace(event, notes=notes) if isinstance(notes, str) else event


def geocode(article: Article, res: Resources) -> Article:
    """Fill each event's place fields (location, admins, coordinates, precision) with evidence."""
    if not article.events:
        return article.touched_by(STAGE_VERSION)
    from strife.geocode.locate import EventLocator
    from strife.geocode.recognize import recognize

    try:
        gazetteer = res.gazetteer
    except ResourceMissing as exc:
        return article.with_problem("geocode", "no_gazetteer", str(exc)).touched_by(STAGE_VERSION)
    text = article.text or ""
    found = recognize(text, gazetteer, _article_countries(text))
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
        events.append(_with_notes(placed))
    result = replace(article, events=tuple(events))
    for code, message in problems:
        result = result.with_problem("geocode", code, message)
    return result.touched_by(STAGE_VERSION)


__all__ = ["PlaceMention", "find_places", "geocode"]
