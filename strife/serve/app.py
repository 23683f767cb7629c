"""The FastAPI application behind `strife serve`: JSON API, exports, and the map dashboard.

Every page has a machine-readable twin (``/`` and ``/api/events.geojson``, ``/events`` and
``/api/events``, ``/events/{id}`` and ``/api/events/{id}``), and all of them answer the same
filter parameters (see :mod:`strife.serve.params`). The routes live in
:mod:`strife.serve.api` and :mod:`strife.serve.pages`; this module puts them together.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from urllib.parse import urlparse

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from strife.errors import StoreError
from strife.serve import api, pages, queries, streams
from strife.serve.config import (
    DOCS_LIBRARIES,
    VENDOR_DIRS,
    ServeSettings,
    find_assets_dir,
    missing_assets,
    serve_settings_from_env,
)
from strife.serve.security import RequestGuard
from strife.serve.stamp import ChangeStamp
from strife.store import Store

HERE = Path(__file__).parent
log = logging.getLogger("strife.serve")


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


def create_app(db_url: str, settings: ServeSettings | None = None) -> FastAPI:
    """Build the application for one database (opening it applies pending migrations)."""
    settings = settings or serve_settings_from_env()
    store = Store(db_url)
    if settings.create_indexes:
        _create_indexes(store.engine)
    assets_dir = find_assets_dir(settings)

    app = FastAPI(
        title="strife",
        summary="Armed-conflict incidents from news articles, with the quote behind every field.",
        version="1",
        # /docs is served by pages.api_docs with local assets; ReDoc would need a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.ingester = None
    app.state.stopping = threading.Event()  # set by `strife serve` on SIGTERM or Ctrl-C
    app.state.stream_gate = asyncio.Semaphore(settings.max_stream_queries)
    app.state.shared_renders = streams.SharedRenders(settings.max_shared_export)
    app.state.change_stamp = ChangeStamp(store.engine)
    app.state.missing_assets = missing_assets(assets_dir)
    app.state.docs_missing = bool(missing_assets(assets_dir, DOCS_LIBRARIES))

    _add_middleware(app, settings)
    _mount_static(app, assets_dir)
    _add_error_handlers(app)
    app.include_router(api.incidents)
    app.include_router(api.articles_router(settings.max_articles))
    app.include_router(pages.router)
    return app


def _create_indexes(engine: sa.Engine) -> None:
    """Add the indexes the map and timeline need; a read-only database is served anyway."""
    try:
        with engine.begin() as conn:
            created = queries.ensure_indexes(conn)
        if created:
            log.info("created indexes %s", ", ".join(created))
    except sa.exc.SQLAlchemyError as exc:  # a read-only file or role: serve all the same
        log.warning("could not create the dashboard's indexes (queries will be slower): %s", exc)


def _add_middleware(app: FastAPI, settings: ServeSettings) -> None:
    """Compression, CORS when origins are configured, and the request guard."""
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


def _mount_static(app: FastAPI, assets_dir: Path | None) -> None:
    """Serve the package's own static files and the npm libraries' folders."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if assets_dir is None:
        return
    for prefix, (package, folder) in VENDOR_DIRS.items():
        directory = assets_dir / package / folder
        if directory.is_dir():
            app.mount(f"/vendor/{prefix}", StaticFiles(directory=directory), name=prefix)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _wants_html(request) and exc.status_code in {400, 404, 422}:
        return pages.error_page(request, exc.status_code, str(exc.detail))
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        f"{'.'.join(str(p) for p in e['loc'] if p != 'query')}: {e['msg']}" for e in exc.errors()
    ]
    if _wants_html(request):
        return pages.error_page(request, 422, "; ".join(problems))
    return JSONResponse({"detail": problems}, status_code=422)


async def _database_down(request: Request, exc: Exception) -> Response:
    return JSONResponse({"detail": "the database is unavailable; try again"}, status_code=503)


def _add_error_handlers(app: FastAPI) -> None:
    """HTML error pages for pages, JSON for the API, 503 while the database is down."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StoreError, _database_down)
    app.add_exception_handler(sa.exc.OperationalError, _database_down)
