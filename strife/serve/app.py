"""The FastAPI application behind `strife serve`: JSON API, exports, and the map dashboard.

Every page has a machine-readable twin (``/`` and ``/api/events.geojson``, ``/events`` and
``/api/events``, ``/events/{id}`` and ``/api/events/{id}``), and all of them answer the same
filter parameters (see :mod:`strife.serve.params`).
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlparse

import sqlalchemy as sa
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from strife.errors import StoreError
from strife.export import ACLED_COLUMNS, acled_row, geojson_feature
from strife.resources import Resources
from strife.serve import queries
from strife.serve.config import (
    VENDOR_DIRS,
    ServeSettings,
    find_assets_dir,
    missing_assets,
    serve_settings_from_env,
)
from strife.serve.ingest import Ingester, parse_articles, request_schema
from strife.serve.params import SORT_CHOICES, event_query
from strife.serve.queries import EventQuery
from strife.serve.security import RequestGuard, require_token
from strife.settings import load_settings
from strife.store import Store

HERE = Path(__file__).parent
log = logging.getLogger("strife.serve")
PAGE_SIZE = 50  # rows per page of the HTML table
MAX_LIMIT = 1000  # rows per page of the JSON API
MAX_EXPORT = 1_000_000

Filters = Annotated[EventQuery, Depends(event_query)]


def _tile_origin(tile_url: str | None) -> str:
    """Return the CSP source that map tiles come from ("" when tiles are off)."""
    if not tile_url:
        return ""
    parsed = urlparse(tile_url.replace("{s}", "tiles"))
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return ""
    host = parsed.hostname
    if "{s}" in tile_url:
        host = "*." + host.split(".", 1)[1] if "." in host else host
    return f"{parsed.scheme}://{host}"


def content_security_policy(settings: ServeSettings) -> str:
    """Return the page policy: scripts, styles and data only from this server."""
    images = " ".join(filter(None, ("'self'", "data:", _tile_origin(settings.tile_url))))
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def _dashboard_config(settings: ServeSettings, missing: list[str]) -> dict[str, Any]:
    return {
        "tileUrl": settings.tile_url or "",
        "tileAttribution": settings.tile_attribution,
        "center": list(settings.center),
        "zoom": settings.zoom,
        "colours": queries.EVENT_TYPE_COLOURS,
        "otherColour": queries.OTHER_COLOUR,
        "missingAssets": missing,
        "pageSize": PAGE_SIZE,
    }


def _query_string(request: Request, **changes: Any) -> str:
    """Return the request's query string with some parameters replaced or removed."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, v) for k, v in changes.items() if v is not None]
    return urlencode(items)


def create_app(db_url: str, settings: ServeSettings | None = None) -> FastAPI:
    """Build the application for one database (opening it applies pending migrations)."""
    settings = settings or serve_settings_from_env()
    store = Store(db_url)
    engine = store.engine
    assets_dir = find_assets_dir(settings)
    missing = missing_assets(assets_dir)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    if settings.create_indexes:
        try:
            with engine.begin() as conn:
                created = queries.ensure_indexes(conn)
            if created:
                log.info("created indexes %s", ", ".join(created))
        except sa.exc.SQLAlchemyError as exc:  # a read-only file or role: serve all the same
            log.warning(
                "could not create the dashboard's indexes (queries will be slower): %s", exc
            )

    app = FastAPI(
        title="strife",
        summary="Armed-conflict incidents from news articles, with the quote behind every field.",
        version="1",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.ingester = None

    app.add_middleware(GZipMiddleware, minimum_size=2000)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET"],
            allow_headers=[],
        )
    app.add_middleware(
        RequestGuard,
        max_body_bytes=settings.max_body_bytes,
        content_security_policy=content_security_policy(settings),
    )

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if assets_dir is not None:
        for prefix, (package, folder) in VENDOR_DIRS.items():
            directory = assets_dir / package / folder
            if directory.is_dir():
                app.mount(f"/vendor/{prefix}", StaticFiles(directory=directory), name=prefix)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/")

    def error_page(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request) and exc.status_code in {400, 404, 422}:
            return error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e['loc'] if p != 'query')}: {e['msg']}"
            for e in exc.errors()
        ]
        if wants_html(request):
            return error_page(request, 422, "; ".join(problems))
        return JSONResponse({"detail": problems}, status_code=422)

    @app.exception_handler(StoreError)
    @app.exception_handler(sa.exc.OperationalError)
    async def database_down(request: Request, exc: Exception) -> Response:
        return JSONResponse({"detail": "the database is unavailable; try again"}, status_code=503)

    # -- JSON API ----------------------------------------------------------------------

    @app.get("/api/events", tags=["incidents"])
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        sort: Annotated[str, Query(pattern="^-?[a-z]+$", description=", ".join(SORT_CHOICES))] = (
            "-date"
        ),
    ) -> dict[str, Any]:
        """List incidents matching the filters, one page at a time."""
        if sort not in SORT_CHOICES:
            raise HTTPException(400, f"sort: one of {', '.join(SORT_CHOICES)}")
        with engine.connect() as conn:
            total = queries.count_incidents(conn, filters)
            items = queries.list_incidents(conn, filters, sort=sort, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "sort": sort, "items": items}

    @app.get("/api/events.geojson", tags=["incidents"], response_model=None)
    def events_geojson(
        filters: Filters,
        zoom: Annotated[
            int | None,
            Query(ge=0, le=22, description="map zoom: many incidents come back as grid cells"),
        ] = None,
        limit: Annotated[int | None, Query(ge=1, le=MAX_EXPORT)] = None,
    ) -> Response:
        """Incidents as GeoJSON: every one (an export), or for a map view when zoom is given."""
        if zoom is not None:
            with engine.connect() as conn:
                data = queries.map_features(
                    conn, filters, zoom=zoom, max_points=settings.max_points
                )
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            return Response(body, media_type="application/geo+json")
        return StreamingResponse(
            _geojson_stream(filters, limit),
            media_type="application/geo+json",
            headers={"Content-Disposition": 'inline; filename="strife-incidents.geojson"'},
        )

    def _geojson_stream(filters: EventQuery, limit: int | None) -> Iterator[str]:
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

    @app.get("/api/events.csv", tags=["incidents"], response_class=StreamingResponse)
    def events_csv(
        filters: Filters,
        limit: Annotated[int | None, Query(ge=1, le=MAX_EXPORT)] = None,
    ) -> StreamingResponse:
        """Incidents as ACLED CSV (ACLED's 31 columns in ACLED's order), sorted by date."""

        def rows() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
            writer.writeheader()
            with engine.connect() as conn:
                for count, row in enumerate(
                    queries.iter_incident_rows(conn, filters, limit=limit), 1
                ):
                    values = acled_row(queries.light_incident(row))
                    writer.writerow({k: "" if v is None else v for k, v in values.items()})
                    if count % 500 == 0:
                        yield buffer.getvalue()
                        buffer.seek(0)
                        buffer.truncate()
            yield buffer.getvalue()

        return StreamingResponse(
            rows(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="strife-incidents.csv"'},
        )

    @app.get("/api/events/{incident_id}", tags=["incidents"])
    def get_event(incident_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """One incident with every source: its figures, its quotes and the article text."""
        with engine.connect() as conn:
            found = queries.resolve_incident_id(conn, incident_id)
            detail = queries.incident_detail(conn, found) if found else None
        if detail is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        return detail

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """One stored article: its cleaned text, its events with their quotes, its problems."""
        with engine.connect() as conn:
            detail = queries.article_detail(conn, article_id)
        if detail is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return detail

    @app.get("/api/stats", tags=["incidents"])
    def get_stats(
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

    @app.post(
        "/api/articles",
        tags=["articles"],
        dependencies=[Depends(require_token)],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": request_schema(settings.max_articles)}},
            }
        },
    )
    async def post_articles(request: Request) -> Any:
        """Process one article or a list through the pipeline, store them, merge incidents.

        Needs ``Authorization: Bearer <token>`` (the token given to ``strife serve``).
        """
        # The body is read only after the token check, so strangers cannot make the server
        # parse anything.
        body = await request.body()
        try:
            items = parse_articles(body, settings.max_articles)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from exc
        if app.state.ingester is None:
            # The pipeline's resources load on the first post, not when the server starts.
            resources = Resources.shared(load_settings(db_url=store.url))
            app.state.ingester = Ingester(store, resources)
        return await run_in_threadpool(app.state.ingester.ingest, items)

    # -- pages -------------------------------------------------------------------------

    def page_context(request: Request, filters: EventQuery) -> dict[str, Any]:
        return {
            "filters": filters,
            "event_types": list(queries.EVENT_TYPE_COLOURS),
            "colours": queries.EVENT_TYPE_COLOURS,
            "missing_assets": missing,
            "query_string": _query_string(request),
        }

    @app.get("/colours.css", include_in_schema=False)
    def colours_css() -> Response:
        # One source for the palette (queries.EVENT_TYPE_COLOURS); classes, not inline
        # styles, because the page policy forbids style attributes.
        colours = [*queries.EVENT_TYPE_COLOURS.values()]
        rules = [f".type-{i} {{ background-color: {c}; }}" for i, c in enumerate(colours)]
        rules.append(f".type-other {{ background-color: {queries.OTHER_COLOUR}; }}")
        return Response("\n".join(rules) + "\n", media_type="text/css")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request, filters: Filters) -> Response:
        context = page_context(request, filters)
        context["config"] = _dashboard_config(settings, missing)
        return templates.TemplateResponse(request, "map.html", context)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        filters: Filters,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        sort: Annotated[str, Query(max_length=20)] = "-date",
    ) -> Response:
        if sort not in SORT_CHOICES:
            raise HTTPException(400, f"sort: one of {', '.join(SORT_CHOICES)}")
        with engine.connect() as conn:
            total = queries.count_incidents(conn, filters)
            items = queries.list_incidents(
                conn, filters, sort=sort, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )
        context = page_context(request, filters)
        context.update(
            items=items,
            total=total,
            page=page,
            pages=max(1, -(-total // PAGE_SIZE)),
            sort=sort,
            prev_query=_query_string(request, page=page - 1 if page > 1 else None),
            next_query=_query_string(request, page=page + 1),
        )
        return templates.TemplateResponse(request, "events.html", context)

    @app.get("/events/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, incident_id: str) -> Response:
        if len(incident_id) > 200:
            raise HTTPException(400, "incident id: at most 200 characters")
        with engine.connect() as conn:
            found = queries.resolve_incident_id(conn, incident_id)
            detail = queries.incident_detail(conn, found) if found else None
        if detail is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        context = {"incident": detail, "figures": queries.FIGURES}
        return templates.TemplateResponse(request, "event.html", context)

    return app
