"""Query-string parameters shared by the API and the pages, validated into an EventQuery.

Every bad value is the client's mistake and gets a 4xx with a message that names the
parameter; nothing here can make the server answer 500.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from strife.serve.queries import SORTS, BBox, EventQuery

MAX_TEXT = 200  # characters in any one text filter
MAX_VALUES = 20  # repeated values of one parameter (country=…&country=…)
SORT_CHOICES = sorted([*SORTS, *(f"-{name}" for name in SORTS)])

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def bad_request(parameter: str, message: str) -> HTTPException:
    """Return a 400 error that names the parameter at fault."""
    return HTTPException(status_code=400, detail=f"{parameter}: {message}")


def parse_bbox(value: str) -> BBox:
    """Parse "west,south,east,north" in degrees; west > east crosses the antimeridian."""
    parts = value.split(",")
    if len(parts) != 4:
        raise bad_request("bbox", "give four numbers: west,south,east,north")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError as exc:
        raise bad_request("bbox", "give four numbers: west,south,east,north") from exc
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise bad_request("bbox", "numbers must be finite")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise bad_request("bbox", "longitudes must be between -180 and 180")
    if not (-90 <= south <= north <= 90):
        raise bad_request("bbox", "latitudes must be between -90 and 90, south <= north")
    return BBox(west, south, east, north)


def _clean_list(name: str, values: list[str] | None) -> tuple[str, ...]:
    items = tuple(v.strip() for v in values or () if v.strip())
    if len(items) > MAX_VALUES:
        raise bad_request(name, f"at most {MAX_VALUES} values")
    if any(len(v) > MAX_TEXT for v in items):
        raise bad_request(name, f"each value at most {MAX_TEXT} characters")
    return items


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def event_query(
    country: Annotated[
        list[str] | None, Query(description="ACLED country name, any case; repeat for more")
    ] = None,
    admin1: Text = None,
    since: Annotated[date | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="last day, YYYY-MM-DD")] = None,
    event_type: Annotated[
        list[str] | None, Query(description='ACLED event type, e.g. "Battles"; repeat for more')
    ] = None,
    sub_event_type: Text = None,
    actor: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="part of an actor's name")
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    bbox: Annotated[
        str | None, Query(max_length=120, description="west,south,east,north in degrees")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="free text: names, notes, quotes")
    ] = None,
    historical: Annotated[
        bool | None, Query(description="true: only background incidents; false: none")
    ] = None,
) -> EventQuery:
    """Validate the filter parameters of a request into an EventQuery."""
    if since and until and since > until:
        raise bad_request("since", "must not be after until")
    return EventQuery(
        country=_clean_list("country", country),
        admin1=_clean(admin1),
        since=since,
        until=until,
        event_type=_clean_list("event_type", event_type),
        sub_event_type=_clean(sub_event_type),
        actor=_clean(actor),
        min_fatalities=min_fatalities,
        bbox=parse_bbox(bbox) if bbox and bbox.strip() else None,
        q=_clean(q),
        historical=historical,
    )
