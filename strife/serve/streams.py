"""The streamed exports: every matching incident as GeoJSON or as ACLED CSV.

A stream never holds a pooled connection between chunks: each chunk of incidents is read
with one connection, which goes back to the pool before the chunk is sent. At most
``gate`` chunks are read at once (the server's ``max_stream_queries``), so any number of
downloads leaves connections and worker threads for the other endpoints, and a slow or
stalled client holds nothing but its own socket.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from strife.export import ACLED_COLUMNS, acled_row, geojson_feature
from strife.serve import queries
from strife.serve.queries import EventQuery

CHUNK = 500  # incidents per query and per piece of the response

Render = Callable[[sa.Connection, Sequence[sa.RowMapping]], str]


def _read_chunk(
    engine: sa.Engine, filters: EventQuery, after: tuple[Any, str] | None, size: int, render: Render
) -> tuple[int, str, tuple[Any, str] | None]:
    """Read and render one chunk with one connection; return its size, text and last key."""
    with engine.connect() as conn:
        rows = queries.incident_chunk(conn, filters, after, size)
        text = render(conn, rows) if rows else ""
    last = (rows[-1]["event_date"], rows[-1]["incident_id"]) if rows else after
    return len(rows), text, last


async def _chunks(
    engine: sa.Engine,
    filters: EventQuery,
    limit: int | None,
    gate: asyncio.Semaphore,
    render: Render,
) -> AsyncIterator[str]:
    """Yield the rendered chunks of the matching incidents, in date order, up to ``limit``."""
    after: tuple[Any, str] | None = None
    left = limit
    while left is None or left > 0:
        size = CHUNK if left is None else min(CHUNK, left)
        async with gate:
            count, text, after = await run_in_threadpool(
                _read_chunk, engine, filters, after, size, render
            )
        if count:
            yield text
        if count < size:
            return
        if left is not None:
            left -= count


def _features(conn: sa.Connection, rows: Sequence[sa.RowMapping]) -> str:
    members = queries.member_ids(conn, [r["incident_id"] for r in rows])
    return ",\n".join(
        json.dumps(
            geojson_feature(queries.light_incident(r, members[r["incident_id"]])),
            ensure_ascii=False,
        )
        for r in rows
    )


def _csv_rows(conn: sa.Connection, rows: Sequence[sa.RowMapping]) -> str:
    buffer = io.StringIO()
    # A plain writer in the header's column order writes what csv.DictWriter writes, without
    # its per-row check of every key against every column (a third of the chunk's time).
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        values = acled_row(queries.light_incident(row))
        writer.writerow(["" if (v := values[k]) is None else v for k in ACLED_COLUMNS])
    return buffer.getvalue()


async def geojson_stream(
    engine: sa.Engine, filters: EventQuery, limit: int | None, gate: asyncio.Semaphore
) -> AsyncIterator[str]:
    """Yield a FeatureCollection of the matching incidents, a chunk of features at a time."""
    yield '{"type":"FeatureCollection","features":['
    separator = "\n"
    async for text in _chunks(engine, filters, limit, gate, _features):
        yield separator + text
        separator = ",\n"
    yield "\n]}\n"


async def csv_stream(
    engine: sa.Engine, filters: EventQuery, limit: int | None, gate: asyncio.Semaphore
) -> AsyncIterator[str]:
    """Yield the matching incidents as ACLED CSV, header first, a chunk of rows at a time."""
    header = io.StringIO()
    csv.DictWriter(header, fieldnames=ACLED_COLUMNS, lineterminator="\n").writeheader()
    yield header.getvalue()
    async for text in _chunks(engine, filters, limit, gate, _csv_rows):
        yield text
