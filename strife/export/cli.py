"""`strife export`: write the merged incidents of a database in an exchange format."""

from __future__ import annotations

import io
import sys
from datetime import date, datetime
from pathlib import Path

import click
import sqlalchemy as sa

from strife.cli_options import db_option, output_option
from strife.errors import StoreError
from strife.export import FORMATS, write_export
from strife.export.regions import alpha2
from strife.settings import load_settings
from strife.store import Filters, Store, database_url, schema


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2017-09-27") from exc


def _countries(store: Store) -> list[str]:
    """Return the country names the database's incidents use."""
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(schema.incidents.c.country).distinct())
        return sorted(row.country for row in found if row.country)


def _country_name(given: str, stored: list[str]) -> str:
    """Return the stored name of a country given by name, ISO alpha-2 or alpha-3 code."""
    code = alpha2(given.strip())
    for name in stored:
        if name.lower() == given.strip().lower() or (code and alpha2(name) == code):
            return name
    return given


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@output_option
@click.option(
    "--country",
    help="Only incidents in this country: a name (any case) or an ISO code (NG, NGA).",
)
@click.option("--since", help="Only incidents on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only incidents on or before this date (YYYY-MM-DD).")
@click.option("--event-type", help='Only this ACLED event type, e.g. "Battles".')
def export_command(
    db: str | None,
    fmt: str,
    output: str,
    country: str | None,
    since: str | None,
    until: str | None,
    event_type: str | None,
) -> None:
    """Export the incidents of a database, sorted by date then id (identical data, identical file).

    acled-csv has ACLED's 31 columns in ACLED's order; ucdp-csv UCDP GED's 49; geojson is
    one FeatureCollection; jsonl carries everything, sources and evidence included;
    parquet needs -o FILE.
    """
    _, binary = FORMATS[fmt]
    if binary and output == "-" and sys.stdout.isatty():
        raise click.UsageError(f"--format {fmt} writes binary data: give -o FILE")
    url = database_url(load_settings(db_url=db).db_url)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise click.ClickException(f"no database at {url.removeprefix('sqlite:///')}")
    try:
        with Store(url) as store:
            stored = _countries(store) if country else []
            if country:
                country = _country_name(country, stored)
            filters = Filters(
                country=country, since=_day(since), until=_day(until), event_type=event_type
            )
            incidents = store.incidents(filters)
            if output == "-":
                if binary:
                    buffer = io.BytesIO()
                    count = write_export(incidents, fmt, buffer)
                    sys.stdout.buffer.write(buffer.getvalue())
                else:
                    count = write_export(incidents, fmt, sys.stdout)
            else:
                mode = "wb" if binary else "w"
                encoding = None if binary else "utf-8"
                with open(output, mode, encoding=encoding, newline="" if not binary else None) as f:
                    count = write_export(incidents, fmt, f)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"strife: exported {count} incidents as {fmt}", err=True)
    if country and country not in stored:
        known = ", ".join(stored) or "none"
        click.echo(
            f"strife: no incidents in country {country!r}; countries in the database: {known}",
            err=True,
        )
