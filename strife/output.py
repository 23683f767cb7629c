"""Writers for per-article events: JSON Lines, CSV and GeoJSON, streamed to a text file."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from strife.model import EVENT_FIELDS, Event, dumps, event_to_dict

FORMATS = ("jsonl", "csv", "geojson")
CSV_COLUMNS = [name for name in EVENT_FIELDS if name != "evidence"] + ["evidence"]


class EventWriter:
    """Write events as they come; call :meth:`close` to finish the document."""

    def __init__(self, stream: TextIO, fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.stream, self.fmt, self.count = stream, fmt, 0
        self._csv: Any = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
            self._csv.writeheader()
        elif fmt == "geojson":
            stream.write('{"type":"FeatureCollection","features":[\n')

    def write(self, events: Iterable[Event]) -> None:
        """Write some events."""
        for event in events:
            data = event_to_dict(event)
            if self.fmt == "jsonl":
                self.stream.write(dumps(data) + "\n")
            elif self.fmt == "csv":
                data["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
                self._csv.writerow(data)
            else:
                self.stream.write(("," if self.count else "") + dumps(_feature(data)) + "\n")
            self.count += 1

    def close(self) -> None:
        """Finish the document (closes the GeoJSON collection); the stream stays open."""
        if self.fmt == "geojson":
            self.stream.write("]}\n")
        self.stream.flush()


def _feature(data: dict[str, Any]) -> dict[str, Any]:
    lon, lat = data.get("longitude"), data.get("latitude")
    geometry = (
        {"type": "Point", "coordinates": [lon, lat]}
        if lon is not None and lat is not None
        else None
    )
    properties = {k: v for k, v in data.items() if k not in ("latitude", "longitude")}
    return {
        "type": "Feature",
        "id": data["event_id"],
        "geometry": geometry,
        "properties": properties,
    }
