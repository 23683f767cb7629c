"""The streamed exports: every matching incident as GeoJSON or as ACLED CSV.

A stream never holds a pooled connection between chunks: each chunk of incidents is read
with one connection, which goes back to the pool before the chunk is sent. At most
``gate`` chunks are read at once (the server's ``max_stream_queries``), so any number of
downloads leaves connections and worker threads for the other endpoints, and a slow or
stalled client holds nothing but its own socket.

Identical export requests share their rendering (:class:`SharedRenders`): fifty clients
asking for the whole map at once cost one render, not fifty, and no answer is ever older
than its request.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
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


Stream = Callable[[sa.Engine, EventQuery, int | None, asyncio.Semaphore], AsyncIterator[str]]
STREAMS: dict[str, Stream] = {"geojson": geojson_stream, "csv": csv_stream}
Body = list[bytes] | None  # a whole rendered export, or None when it is too large to share
Key = tuple[str, EventQuery, int | None]


class SharedRenders:
    """Renders of the same export shared by the requests that wait for them (single flight).

    A request joins the render that has not started reading yet, or opens one; renders of
    one key run one after another. A request never joins a render that has already begun
    reading, so every answer is read after its request arrived and includes every write
    that finished before it: nothing is kept between renders, so nothing can be stale.
    Under load, requests that arrive during a render all share the next one.
    """

    def __init__(self, max_incidents: int) -> None:
        self.max_incidents = max_incidents  # larger exports are streamed per request
        self.renders = 0  # how many renders ran: the tests and the load figures read it
        self._open: dict[Key, asyncio.Future[Body]] = {}  # not yet reading: may be joined
        self._last: dict[Key, asyncio.Future[Body]] = {}  # the newest render of each key

    async def body(self, key: Key, render: Callable[[], Awaitable[Body]]) -> Body:
        """Return the body of the next render of ``key``, starting it when none is open."""
        task = self._open.get(key)
        if task is None:
            task = asyncio.ensure_future(self._run(key, self._last.get(key), render))
            # Retrieve a failure even when every waiting client has gone, so it is not
            # reported again as "never retrieved"; the waiting requests get it themselves.
            task.add_done_callback(lambda done: done.cancelled() or done.exception())
            self._open[key] = self._last[key] = task
        # A client that goes away cancels only its own wait, never the shared render.
        return await asyncio.shield(task)

    async def _run(
        self, key: Key, before: asyncio.Future[Body] | None, render: Callable[[], Awaitable[Body]]
    ) -> Body:
        me = asyncio.current_task()
        try:
            if before is not None:
                await asyncio.wait([before])  # one render of a key at a time, however it ended
            del self._open[key]  # from here on, new requests wait for the next render
            self.renders += 1
            return await render()
        finally:
            # Also when cancelled while waiting (the server stopping): no dead render stays.
            if self._open.get(key) is me:
                del self._open[key]
            if self._last.get(key) is me:
                del self._last[key]


async def shared_export(
    kind: str,
    engine: sa.Engine,
    filters: EventQuery,
    limit: int | None,
    gate: asyncio.Semaphore,
    shared: SharedRenders,
) -> AsyncIterator[bytes | str]:
    """Yield an export ("geojson" or "csv"), rendered once for all identical requests.

    An export of more than ``shared.max_incidents`` incidents is not held in memory: each
    request streams it on its own, a chunk at a time.
    """
    stream = STREAMS[kind]

    async def render() -> Body:
        if limit is None or limit > shared.max_incidents:
            async with gate:
                count = await run_in_threadpool(_count, engine, filters)
            if count > shared.max_incidents:
                return None
        return [piece.encode() async for piece in stream(engine, filters, limit, gate)]

    body = await shared.body((kind, filters, limit), render)
    if body is None:
        async for text in stream(engine, filters, limit, gate):
            yield text
        return
    for piece in body:
        yield piece


def _count(engine: sa.Engine, filters: EventQuery) -> int:
    with engine.connect() as conn:
        return queries.count_incidents(conn, filters)
