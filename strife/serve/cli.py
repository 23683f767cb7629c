"""`strife serve`: the API and the map dashboard of a database, on one port."""

from __future__ import annotations

import copy
import errno
import logging
import socket
import sys
from pathlib import Path
from types import FrameType

import click

from strife.cli_options import db_option
from strife.errors import StoreError
from strife.settings import load_settings
from strife.store import database_url

GRACE_SECONDS = 3


@click.command("serve")
@db_option
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
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="info",
    show_default=True,
    help="info: one access-log line per request; warning: problems only.",
)
def serve_command(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    tile_url: str | None,
    tile_attribution: str | None,
    log_level: str,
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
    listener = _listen(host, port)  # first: a busy port is one clear error, and nothing else
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
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    shown = f"[{host}]" if ":" in host else host
    bound = listener.getsockname()[1]
    click.echo(f"strife: serving {app.state.store.safe_url()} at http://{shown}:{bound}/", err=True)
    # uvicorn writes its access log to stdout; keep every log line on stderr.
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config = uvicorn.Config(
        app,
        log_config=log_config,
        log_level=log_level,
        access_log=log_level in {"debug", "info"},
        server_header=False,
        # On SIGTERM or Ctrl-C, requests get this long to finish; then they are cancelled.
        # A post stops before its next article (see strife.serve.api.post_articles).
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    server = uvicorn.Server(config)
    stop_uvicorn = server.handle_exit

    def handle_exit(sig: int, frame: FrameType | None) -> None:
        app.state.stopping.set()  # a post in progress answers before its next article
        stop_uvicorn(sig, frame)

    server.handle_exit = handle_exit  # type: ignore[method-assign]
    server.run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket; exit with status 2 and one line when that fails."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        click.echo(f"strife: cannot listen on {host}:{port}: {reason}", err=True)
        sys.exit(2)
    return listener
