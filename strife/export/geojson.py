"""GeoJSON: a FeatureCollection with one Point feature per incident (null geometry if unplaced)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from strife.dedupe import Incident
from strife.export.records import incident_to_dict


def geojson_feature(incident: Incident) -> dict[str, Any]:
    """Return one incident as a GeoJSON Feature (properties without the evidence)."""
    event = incident.event
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {
        "type": "Feature",
        "id": incident.incident_id,
        "geometry": geometry,
        "properties": incident_to_dict(incident, evidence=False),
    }


def write_geojson(incidents: Iterable[Incident], stream: IO[str]) -> int:
    """Write incidents as one GeoJSON FeatureCollection, streamed; return the feature count."""
    stream.write('{"type":"FeatureCollection","features":[')
    count = 0
    for incident in incidents:
        if count:
            stream.write(",")
        stream.write("\n")
        stream.write(json.dumps(geojson_feature(incident), ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count
