"""ACLED CSV: ACLED's 31 columns, in ACLED's order, one row per incident."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from strife.dedupe import Incident
from strife.export.records import describe
from strife.export.regions import acled_region

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)


def _coordinate(value: float | None) -> str:
    # ACLED publishes four decimals (about 10 m); more would suggest false precision.
    return "" if value is None else f"{value:.4f}"


def acled_row(incident: Incident) -> dict[str, Any]:
    """Return one incident as an ACLED row (column name → value, "" when unknown)."""
    event = incident.event
    return {
        "event_id_cnty": incident.incident_id,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2 if event.inter2 is not None else (0 if event.inter1 else None),
        "interaction": event.interaction,
        "civilian_targeting": event.civilian_targeting,
        "iso": event.iso,
        "region": acled_region(event.country, event.iso),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": event.admin3,
        "location": event.location,
        "latitude": _coordinate(event.latitude),
        "longitude": _coordinate(event.longitude),
        "geo_precision": event.geo_precision,
        "source": incident.source,
        "source_scale": None,
        "notes": event.notes or describe(incident),
        # ACLED codes 0 when no source reports a death toll.
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "tags": None,
        # ACLED's timestamp is when its row last changed; strife leaves it empty so that
        # exports of the same data are identical whenever they are made.
        "timestamp": None,
    }


def acled_rows(incidents: Iterable[Incident]) -> Iterator[dict[str, Any]]:
    """Yield ACLED rows for incidents."""
    for incident in incidents:
        yield acled_row(incident)


def write_acled_csv(incidents: Iterable[Incident], stream: IO[str]) -> int:
    """Write incidents as ACLED CSV with a header; return the number of rows."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in acled_rows(incidents):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
