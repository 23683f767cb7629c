"""`strife serve`: the API and the map dashboard of a database, on one port."""

from __future__ import annotations

from pathlib import Path

import click

from strife.errors import StoreError
from strife.settings import load_settings
from strife.store import database_url


@click.command("serve")
@click.option(
    "--db",
    "db",
    default=None,
    help="Database: a SQLAlchemy URL or a SQLite file path. Default: STRIFE_DB_URL or "
    "sqlite:///strife.db.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    default=None,
    help="Bearer token that POST /api/articles requires (better: STRIFE_API_TOKEN, which "
    "other users cannot see in the process list). Without one, writes are disabled.",
)
@click.option(
    "--tile-url",
    default=None,
    help="Map tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png "
    "(needs the internet when viewed; default: STRIFE_TILE_URL or country outlines only).",
)
@click.option("--tile-attribution", default=None, help="Credit line for the map tiles.")
def serve_command(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    tile_url: str | None,
    tile_attribution: str | None,
) -> None:
    """Serve the dashboard at / and the API at /api (OpenAPI docs at /docs).

    Read-only unless a token is set; CORS is off unless STRIFE_CORS_ORIGINS lists origins.
    """
    import uvicorn

    from strife.serve.app import create_app
    from strife.serve.config import (
        DOCS_LIBRARIES,
        MAP_LIBRARIES,
        find_assets_dir,
        missing_assets,
        serve_settings_from_env,
    )

    settings = serve_settings_from_env(
        api_token=token, tile_url=tile_url, tile_attribution=tile_attribution
    )
    url = database_url(load_settings(db_url=db).db_url)
    if url.startswith("sqlite:///") and not settings.api_token:
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            raise click.ClickException(
                f"no database at {path}: build one with `strife run ARTICLES --db {path}`, "
                "or give --token to start an empty one that accepts posted articles"
            )
    try:
        app = create_app(url, settings)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    assets = find_assets_dir(settings)
    missing = missing_assets(assets, MAP_LIBRARIES + DOCS_LIBRARIES)
    if missing:
        click.echo(
            f"strife: browser libraries are missing ({', '.join(missing)}): run `npm ci` in "
            "the repository or set STRIFE_ASSETS_DIR; the map and /docs pages will say so",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"strife: serving {app.state.store.safe_url()} at http://{shown}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
