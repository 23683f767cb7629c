"""Command-line options that several `strife` commands share, each defined once.

Used as decorators, as sqlite-utils does: ``@db_option`` on a command adds ``--db`` with the
same name, help and default everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

inputs_argument = click.argument("inputs", nargs=-1, required=True)

db_option = click.option(
    "--db",
    "db",
    default=None,
    help="Database: a SQLAlchemy URL (postgresql+psycopg://…) or a file path for SQLite. "
    "Default: STRIFE_DB_URL or sqlite:///strife.db.",
)

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="Write here instead of standard output.",
)

_METADATA_HELP = "JSON Lines of {id, published, outlet, url}; beats anything guessed from the text."


def metadata_option(path_type: type[Any] | None = None) -> Callable[[F], F]:
    """``--metadata FILE``: crawler metadata by article id (a str, or `path_type` if given)."""
    return click.option(
        "--metadata",
        type=click.Path(exists=True, dir_okay=False, path_type=path_type),
        help=_METADATA_HELP,
    )


def include_background_option(verb: str) -> Callable[[F], F]:
    """``--include-background``: also `verb` ("output", "store") background incidents."""
    return click.option(
        "--include-background",
        is_flag=True,
        help=f"Also {verb} background (historical) incidents.",
    )


__all__ = [
    "db_option",
    "include_background_option",
    "inputs_argument",
    "metadata_option",
    "output_option",
]
