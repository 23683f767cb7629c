"""Settings of `strife serve`, and where the dashboard's browser libraries are found.

The browser libraries (Leaflet, its marker-cluster plugin, topojson-client and the
world-atlas country outlines for the map; swagger-ui-dist for the API docs page) come from
npm and are never copied into the repository: the install step puts them in the
repository's ``node_modules/``, or ``STRIFE_ASSETS_DIR`` points at a folder that holds the
same packages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# URL prefix → (npm package, folder inside it). Only these folders are served, never the
# whole of node_modules.
VENDOR_DIRS: dict[str, tuple[str, str]] = {
    "leaflet": ("leaflet", "dist"),
    "markercluster": ("leaflet.markercluster", "dist"),
    "topojson": ("topojson-client", "dist"),
    "world-atlas": ("world-atlas", ""),
    "swagger-ui": ("swagger-ui-dist", ""),
}
# One file per package that the dashboard cannot work without.
VENDOR_FILES: dict[str, str] = {
    "leaflet": "leaflet.js",
    "markercluster": "leaflet.markercluster.js",
    "topojson": "topojson-client.min.js",
    "world-atlas": "countries-110m.json",
    "swagger-ui": "swagger-ui-bundle.js",
}
MAP_LIBRARIES = ("leaflet", "markercluster", "topojson", "world-atlas")
DOCS_LIBRARIES = ("swagger-ui",)

MIB = 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    """Everything `strife serve` can be told, with safe defaults (read-only, offline, no CORS)."""

    api_token: str | None = None  # None: write endpoints answer 403
    tile_url: str | None = None  # e.g. an OpenStreetMap template; None keeps the map offline
    tile_attribution: str = ""
    center: tuple[float, float] = (15.0, 20.0)  # the default view: latitude, longitude
    zoom: int = 2
    cors_origins: tuple[str, ...] = ()  # empty: no CORS headers at all
    max_body_bytes: int = 8 * MIB  # larger request bodies get 413
    max_articles: int = 100  # per POST /api/articles
    # Characters of text and HTML per POST: bounds the pipeline work one request asks for
    # (about 3 s of work for a million characters of news text).
    max_post_chars: int = 1_000_000
    max_points: int = 5000  # above this many incidents in view the map gets grid cells
    # Chunks the GeoJSON and CSV streams read at once, all streams together: fewer than the
    # database pool's 5 connections, so other endpoints always find one.
    max_stream_queries: int = 2
    # Whole exports up to this many incidents are rendered once per state of the database
    # and kept (four at most, about 1.4 KB of GeoJSON per incident); larger ones are
    # streamed a chunk at a time per request.
    max_shared_export: int = 10_000
    assets_dir: Path | None = None  # None: found by :func:`find_assets_dir`
    create_indexes: bool = True  # add the indexes the map and timeline need, when missing


def _float_pair(value: str) -> tuple[float, float] | None:
    parts = value.split(",")
    if len(parts) != 2:
        return None
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        return None


def serve_settings_from_env(
    environ: Mapping[str, str] | None = None, **overrides: object
) -> ServeSettings:
    """Return serve settings from STRIFE_* environment variables, then explicit overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    if env.get("STRIFE_API_TOKEN"):
        values["api_token"] = env["STRIFE_API_TOKEN"]
    if env.get("STRIFE_TILE_URL"):
        values["tile_url"] = env["STRIFE_TILE_URL"]
        values["tile_attribution"] = env.get("STRIFE_TILE_ATTRIBUTION", "")
    if env.get("STRIFE_MAP_CENTER") and (pair := _float_pair(env["STRIFE_MAP_CENTER"])):
        values["center"] = pair
    if env.get("STRIFE_MAP_ZOOM", "").isdigit():
        values["zoom"] = int(env["STRIFE_MAP_ZOOM"])
    if env.get("STRIFE_CORS_ORIGINS"):
        origins = [o.strip() for o in env["STRIFE_CORS_ORIGINS"].split(",") if o.strip()]
        values["cors_origins"] = tuple(origins)
    if env.get("STRIFE_MAX_BODY_BYTES", "").isdigit():
        values["max_body_bytes"] = int(env["STRIFE_MAX_BODY_BYTES"])
    if env.get("STRIFE_MAX_POST_CHARS", "").isdigit():
        values["max_post_chars"] = int(env["STRIFE_MAX_POST_CHARS"])
    if env.get("STRIFE_SERVE_INDEXES", "").lower() in {"0", "false", "no"}:
        values["create_indexes"] = False
    if env.get("STRIFE_ASSETS_DIR"):
        values["assets_dir"] = Path(env["STRIFE_ASSETS_DIR"])
    values.update({k: v for k, v in overrides.items() if v is not None})
    return ServeSettings(**values)  # type: ignore[arg-type]


def find_assets_dir(settings: ServeSettings) -> Path | None:
    """Return the folder holding the npm packages, or None when none is installed."""
    if settings.assets_dir is not None:
        # Given explicitly: what it lacks is reported package by package.
        return settings.assets_dir if settings.assets_dir.is_dir() else None
    # An editable install (the development layout) has node_modules next to the package;
    # otherwise look where the server was started.
    candidates = [Path(__file__).resolve().parents[2] / "node_modules", Path.cwd() / "node_modules"]
    for candidate in candidates:
        if (candidate / "leaflet").is_dir():
            return candidate
    return None


def missing_assets(assets_dir: Path | None, libraries: Iterable[str] = MAP_LIBRARIES) -> list[str]:
    """Return the npm packages among ``libraries`` (the map's by default) not installed."""
    missing = []
    for key in libraries:
        package, folder = VENDOR_DIRS[key]
        path = assets_dir / package / folder / VENDOR_FILES[key] if assets_dir else None
        if path is None or not path.is_file():
            missing.append(package)
    return missing
