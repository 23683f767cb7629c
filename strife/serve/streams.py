"""The streamed exports: every matching incident as GeoJSON or as ACLED CSV.

A stream never holds a pooled connection between chunks: each chunk of incidents is read
with one connection, which goes back to the pool before the chunk is sent. At most
``gate`` chunks are read at once (the server's ``max_stream_queries``), so any number of
downloads leaves connections and worker threads for the other endpoints, and a slow or
stalled client holds nothing but its own socket.

Whole exports are rendered once per state of the database (:class:`SharedRenders`): fifty
clients asking for the whole map cost one render, not fifty, and a write committed before
a request is always in its answer.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from anyio import CapacityLimiter, to_thread

from strife.export import ACLED_COLUMNS, acled_row, geojson_feature
from strife.serve import queries
from strife.serve.queries import EventQuery
from strife.serve.stamp import ChangeStamp

CHUNK = 500  # incidents per query and per piece of the response
# Chunk reads get worker threads of their own instead of queueing for the default pool's
# 40 with every other endpoint's requests: an export reads several chunks and would wait
# in that queue once per chunk (seconds each under 50 clients). The gate, not this
# limiter, bounds how many run at once.
_READERS = CapacityLimiter(32)

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
            count, text, after = await to_thread.run_sync(
                _read_chunk, engine, filters, after, size, render, limiter=_READERS
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


@dataclass
class _Render:
    stamp: str
    task: asyncio.Future[Body] | None  # None once done: the body is then kept alone
    body: Body = None


class SharedRenders:
    """Whole exports rendered once per state of the database, for every request asking.

    Each rendering is kept with the database's change stamp read before it began
    (:class:`~strife.serve.stamp.ChangeStamp`). A request whose stamp is the same (no
    write committed since) shares it, running or finished; any other stamp starts a new
    rendering. So fifty clients asking for the whole map cost one render, and an export
    never leaves out a write committed before it was asked for.
    """

    def __init__(self, max_incidents: int, keep: int = 4) -> None:
        self.max_incidents = max_incidents  # larger exports are streamed per request
        self.keep = keep  # renderings kept, the most recently asked for
        self.renders = 0  # how many renders ran: the tests read it
        self._kept: OrderedDict[Key, _Render] = OrderedDict()

    async def body(self, key: Key, stamp: str, render: Callable[[], Awaitable[Body]]) -> Body:
        """Return the export ``key`` for the database state ``stamp``, rendering it if new."""
        kept = self._kept.get(key)
        if kept is not None and kept.stamp == stamp:
            self._kept.move_to_end(key)
            if kept.task is None:
                return kept.body
            task = kept.task
        else:
            task = asyncio.ensure_future(render())
            self.renders += 1
            self._kept[key] = _Render(stamp, task)
            self._kept.move_to_end(key)
            while len(self._kept) > self.keep:
                self._kept.popitem(last=False)
            task.add_done_callback(lambda done: self._finished(key, done))
        # A client that goes away cancels only its own wait, never the shared render.
        return await asyncio.shield(task)

    def _finished(self, key: Key, task: asyncio.Future[Body]) -> None:
        kept = self._kept.get(key)
        if kept is None or kept.task is not task:
            return
        if task.cancelled() or task.exception() is not None:
            del self._kept[key]  # the next request tries again (and the waiting ones fail)
        else:
            kept.task, kept.body = None, task.result()


async def shared_export(
    kind: str,
    engine: sa.Engine,
    filters: EventQuery,
    limit: int | None,
    gate: asyncio.Semaphore,
    shared: SharedRenders,
    stamp: ChangeStamp,
) -> AsyncIterator[bytes | str]:
    """Yield an export ("geojson" or "csv"), rendered once per database state.

    An export of more than ``shared.max_incidents`` incidents is not held in memory, nor
    one of a database without a stamp: each request streams it on its own, a chunk at a
    time.
    """
    stream = STREAMS[kind]

    async def render() -> Body:
        if limit is None or limit > shared.max_incidents:
            async with gate:
                count = await to_thread.run_sync(_count, engine, filters, limiter=_READERS)
            if count > shared.max_incidents:
                return None
        return [piece.encode() async for piece in stream(engine, filters, limit, gate)]

    async with gate:
        now = await to_thread.run_sync(stamp.read, limiter=_READERS)
    body = None if now is None else await shared.body((kind, filters, limit), now, render)
    if body is None:
        async for text in stream(engine, filters, limit, gate):
            yield text
        return
    for piece in body:
        yield piece


def _count(engine: sa.Engine, filters: EventQuery) -> int:
    with engine.connect() as conn:
        return queries.count_incidents(conn, filters)
