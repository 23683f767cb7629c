"""The HTML pages: the map dashboard, the incident table, one incident, and the palette."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from strife.serve import queries
from strife.serve.api import Engine, Filters, Settings, check_sort
from strife.serve.config import ServeSettings
from strife.serve.queries import EventQuery

HERE = Path(__file__).parent
PAGE_SIZE = 50  # rows per page of the HTML table
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))

router = APIRouter(include_in_schema=False)


def error_page(request: Request, status: int, message: str) -> Response:
    """Render the HTML error page."""
    return TEMPLATES.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def dashboard_config(settings: ServeSettings, missing: list[str]) -> dict[str, Any]:
    """Return what the dashboard's scripts are told (embedded in the page as JSON)."""
    classes = queries.event_type_classes()
    return {
        "tileUrl": settings.tile_url or "",
        "tileAttribution": settings.tile_attribution,
        "center": list(settings.center),
        "zoom": settings.zoom,
        # A list, not an object: the page's JSON arrives with its keys sorted, and the
        # legend's order is the palette's.
        "eventTypes": [
            {"name": name, "colour": colour, "className": classes[name]}
            for name, colour in queries.EVENT_TYPE_COLOURS.items()
        ],
        "otherColour": queries.OTHER_COLOUR,
        "otherClass": queries.OTHER_CLASS,
        "missingAssets": missing,
        "pageSize": PAGE_SIZE,
    }


def query_string(request: Request, **changes: Any) -> str:
    """Return the request's query string with some parameters replaced or removed."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, v) for k, v in changes.items() if v is not None]
    return urlencode(items)


def page_context(request: Request, filters: EventQuery) -> dict[str, Any]:
    """Return what every page's template needs: filters, event types, missing libraries."""
    return {
        "filters": filters,
        "event_types": list(queries.EVENT_TYPE_COLOURS),
        "type_classes": queries.event_type_classes(),
        "missing_assets": request.app.state.missing_assets,
        "query_string": query_string(request),
    }


@router.get("/colours.css")
def colours_css() -> Response:
    """The event-type palette as CSS classes."""
    # One source for the palette (queries.EVENT_TYPE_COLOURS); classes, not inline
    # styles, because the page policy forbids style attributes.
    classes = queries.event_type_classes()
    rules = [
        f".{classes[name]} {{ background-color: {colour}; }}"
        for name, colour in queries.EVENT_TYPE_COLOURS.items()
    ]
    rules.append(f".{queries.OTHER_CLASS} {{ background-color: {queries.OTHER_COLOUR}; }}")
    return Response("\n".join(rules) + "\n", media_type="text/css")


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, settings: Settings, filters: Filters) -> Response:
    """The map dashboard."""
    context = page_context(request, filters)
    context["config"] = dashboard_config(settings, request.app.state.missing_assets)
    return TEMPLATES.TemplateResponse(request, "map.html", context)


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    engine: Engine,
    filters: Filters,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    sort: Annotated[str, Query(max_length=20)] = "-date",
) -> Response:
    """The incident table, one page at a time."""
    check_sort(sort)
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
        prev_query=query_string(request, page=page - 1 if page > 1 else None),
        next_query=query_string(request, page=page + 1),
    )
    return TEMPLATES.TemplateResponse(request, "events.html", context)


@router.get("/events/{incident_id}", response_class=HTMLResponse)
def event_page(request: Request, engine: Engine, incident_id: str) -> Response:
    """One incident: every source's figures and quotes."""
    if len(incident_id) > 200:
        raise HTTPException(400, "incident id: at most 200 characters")
    with engine.connect() as conn:
        found = queries.resolve_incident_id(conn, incident_id)
        detail = queries.incident_detail(conn, found) if found else None
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    context = {"incident": detail, "figures": queries.FIGURES}
    return TEMPLATES.TemplateResponse(request, "event.html", context)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The OpenAPI page, its scripts served from here (swagger-ui-dist from npm), not a CDN."""
    if request.app.state.docs_missing:
        message = (
            "The API docs page needs swagger-ui-dist: run npm ci in the strife repository or "
            "set STRIFE_ASSETS_DIR. The API's schema is at /openapi.json."
        )
        return error_page(request, 503, message)
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="strife API",
        swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        # The spec validator is a web service: the page must work offline.
        swagger_ui_parameters={"validatorUrl": None},
    )
