"""The JSON API: incidents (list, detail, GeoJSON, CSV, statistics) and articles.

The endpoints find the database and the settings on ``request.app.state`` (set by
:func:`strife.serve.app.create_app`), so the routers are plain module-level objects.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from strife.resources import Resources
from strife.serve import queries, streams
from strife.serve.config import ServeSettings
from strife.serve.ingest import Ingester, TooMuchWork, parse_articles, request_schema
from strife.serve.params import SORT_CHOICES, event_query
from strife.serve.queries import EventQuery
from strife.serve.security import require_token
from strife.serve.stamp import ChangeStamp
from strife.settings import load_settings
from strife.store import Store

log = logging.getLogger("strife.serve")
MAX_LIMIT = 1000  # rows per page of the JSON API
MAX_EXPORT = 1_000_000


def get_engine(request: Request) -> sa.Engine:
    """FastAPI dependency: the served database's engine."""
    engine: sa.Engine = request.app.state.store.engine
    return engine


def get_settings(request: Request) -> ServeSettings:
    """FastAPI dependency: the server's settings."""
    settings: ServeSettings = request.app.state.settings
    return settings


def get_stream_gate(request: Request) -> asyncio.Semaphore:
    """FastAPI dependency: the semaphore that bounds the chunks streams read at once."""
    gate: asyncio.Semaphore = request.app.state.stream_gate
    return gate


def get_shared_renders(request: Request) -> streams.SharedRenders:
    """FastAPI dependency: the renders of whole exports shared by identical requests."""
    shared: streams.SharedRenders = request.app.state.shared_renders
    return shared


def get_change_stamp(request: Request) -> ChangeStamp:
    """FastAPI dependency: reads the stamp that changes with every committed write."""
    stamp: ChangeStamp = request.app.state.change_stamp
    return stamp


Engine = Annotated[sa.Engine, Depends(get_engine)]
Shared = Annotated[streams.SharedRenders, Depends(get_shared_renders)]
Stamp = Annotated[ChangeStamp, Depends(get_change_stamp)]
StreamGate = Annotated[asyncio.Semaphore, Depends(get_stream_gate)]
Settings = Annotated[ServeSettings, Depends(get_settings)]
Filters = Annotated[EventQuery, Depends(event_query)]
ExportLimit = Annotated[int | None, Query(ge=1, le=MAX_EXPORT)]

incidents = APIRouter(prefix="/api", tags=["incidents"])


def check_sort(sort: str) -> None:
    """Raise 400 unless ``sort`` is one of the sort keys."""
    if sort not in SORT_CHOICES:
        raise HTTPException(400, f"sort: one of {', '.join(SORT_CHOICES)}")


@incidents.get("/events")
def list_events(
    engine: Engine,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Annotated[str, Query(pattern="^-?[a-z]+$", description=", ".join(SORT_CHOICES))] = (
        "-date"
    ),
) -> dict[str, Any]:
    """List incidents matching the filters, one page at a time."""
    check_sort(sort)
    with engine.connect() as conn:
        total = queries.count_incidents(conn, filters)
        items = queries.list_incidents(conn, filters, sort=sort, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "items": items}


@incidents.get("/events.geojson", response_model=None)
def events_geojson(
    engine: Engine,
    gate: StreamGate,
    shared: Shared,
    stamp: Stamp,
    settings: Settings,
    filters: Filters,
    zoom: Annotated[
        int | None,
        Query(ge=0, le=22, description="map zoom: many incidents come back as grid cells"),
    ] = None,
    limit: ExportLimit = None,
) -> Response:
    """Incidents as GeoJSON: every one (an export), or for a map view when zoom is given."""
    if zoom is not None:
        with engine.connect() as conn:
            data = queries.map_features(conn, filters, zoom=zoom, max_points=settings.max_points)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return Response(body, media_type="application/geo+json")
    return StreamingResponse(
        streams.shared_export("geojson", engine, filters, limit, gate, shared, stamp),
        media_type="application/geo+json",
        headers={"Content-Disposition": 'inline; filename="strife-incidents.geojson"'},
    )


@incidents.get("/events.csv", response_class=StreamingResponse)
def events_csv(
    engine: Engine,
    gate: StreamGate,
    shared: Shared,
    stamp: Stamp,
    filters: Filters,
    limit: ExportLimit = None,
) -> StreamingResponse:
    """Incidents as ACLED CSV (ACLED's 31 columns in ACLED's order), sorted by date."""
    return StreamingResponse(
        streams.shared_export("csv", engine, filters, limit, gate, shared, stamp),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="strife-incidents.csv"'},
    )


@incidents.get("/events/{incident_id}")
def get_event(
    engine: Engine, incident_id: Annotated[str, PathParam(max_length=200)]
) -> dict[str, Any]:
    """One incident with every source: its figures, its quotes and the article text."""
    with engine.connect() as conn:
        found = queries.resolve_incident_id(conn, incident_id)
        detail = queries.incident_detail(conn, found) if found else None
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return detail


@incidents.get("/stats")
def get_stats(
    engine: Engine,
    filters: Filters,
    include: Annotated[
        str | None,
        Query(
            max_length=100,
            description="comma-separated parts: totals (always), "
            + ", ".join(queries.STATS_PARTS)
            + "; default: all",
        ),
    ] = None,
) -> dict[str, Any]:
    """Counts and deaths: by week and event type, by type, by country and by actor."""
    parts = queries.STATS_PARTS
    if include is not None:
        parts = tuple(p.strip() for p in include.split(",") if p.strip())
        unknown = sorted(set(parts) - {*queries.STATS_PARTS, "totals"})
        if unknown:
            raise HTTPException(400, f"include: unknown parts {', '.join(unknown)}")
    with engine.connect() as conn:
        return queries.stats(conn, filters, parts=parts)


def get_article(
    engine: Engine, article_id: Annotated[str, PathParam(max_length=200)]
) -> dict[str, Any]:
    """One stored article: its cleaned text, its events with their quotes, its problems."""
    with engine.connect() as conn:
        detail = queries.article_detail(conn, article_id)
    if detail is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return detail


async def post_articles(request: Request) -> Any:
    """Process one article or a list through the pipeline, store them, merge incidents.

    Needs ``Authorization: Bearer <token>`` (the token given to ``strife serve``). A
    request carries at most ``max_articles`` articles and ``max_post_chars`` characters of
    text and HTML (413 beyond). Articles are processed one at a time: when the client goes
    away or the server stops, the articles not yet started are left alone.
    """
    state = request.app.state
    settings: ServeSettings = state.settings
    # The body is read only after the token check, so strangers cannot make the server
    # parse anything.
    body = await request.body()
    try:
        items = parse_articles(body, settings.max_articles, settings.max_post_chars)
    except TooMuchWork as exc:
        raise HTTPException(413, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    if state.ingester is None:
        # The pipeline's resources load on the first post, not when the server starts.
        state.ingester = await run_in_threadpool(_new_ingester, state.store)
    ingester: Ingester = state.ingester
    results: list[dict[str, Any]] = []
    for item in items:
        if state.stopping.is_set():
            # Answer before the server's grace period ends; the next post (or `strife run`)
            # merges what was stored into incidents.
            detail = (
                f"the server is stopping: {len(results)} of {len(items)} articles were "
                "processed and stored (their incidents merge on the next post); post the rest again"
            )
            return JSONResponse({"detail": detail, "articles": results}, status_code=503)
        if await request.is_disconnected():
            log.warning(
                "client gone: %d of %d posted articles left alone",
                len(items) - len(results),
                len(items),
            )
            break
        results.append(await run_in_threadpool(ingester.ingest_one, item))
    return {"articles": results, **await run_in_threadpool(ingester.deduplicate)}


def _new_ingester(store: Store) -> Ingester:
    return Ingester(store, Resources.shared(load_settings(db_url=store.url)))


def articles_router(max_articles: int) -> APIRouter:
    """Return the article routes, the post's documented body sized by the article limit."""
    router = APIRouter(prefix="/api", tags=["articles"])
    router.add_api_route("/articles/{article_id}", get_article, methods=["GET"])
    router.add_api_route(
        "/articles",
        post_articles,
        methods=["POST"],
        dependencies=[Depends(require_token)],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": request_schema(max_articles)}},
            }
        },
    )
    return router
