"""The streamed exports: every matching incident as GeoJSON or as ACLED CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import sqlalchemy as sa

from strife.export import ACLED_COLUMNS, acled_row, geojson_feature
from strife.serve import queries
from strife.serve.queries import EventQuery


def geojson_stream(engine: sa.Engine, filters: EventQuery, limit: int | None) -> Iterator[str]:
    """Yield a FeatureCollection of the matching incidents, 500 features at a time."""
    yield '{"type":"FeatureCollection","features":['
    # A second connection looks up each batch's event ids while the first one streams.
    with engine.connect() as conn, engine.connect() as lookup:

        def features(batch: list[sa.RowMapping]) -> str:
            members = queries.member_ids(lookup, [r["incident_id"] for r in batch])
            return ",\n".join(
                json.dumps(
                    geojson_feature(queries.light_incident(r, members[r["incident_id"]])),
                    ensure_ascii=False,
                )
                for r in batch
            )

        batch: list[sa.RowMapping] = []
        separator = "\n"
        for row in queries.iter_incident_rows(conn, filters, limit=limit):
            batch.append(row)
            if len(batch) == 500:
                yield separator + features(batch)
                separator, batch = ",\n", []
        if batch:
            yield separator + features(batch)
    yield "\n]}\n"


def csv_stream(engine: sa.Engine, filters: EventQuery, limit: int | None) -> Iterator[str]:
    """Yield the matching incidents as ACLED CSV, header first, 500 rows at a time."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    with engine.connect() as conn:
        for count, row in enumerate(queries.iter_incident_rows(conn, filters, limit=limit), 1):
            values = acled_row(queries.light_incident(row))
            writer.writerow({k: "" if v is None else v for k, v in values.items()})
            if count % 500 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
