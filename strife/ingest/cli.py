"""`strife extract`: articles in, one event per line out, no database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from strife.cli_options import (
    include_background_option,
    inputs_argument,
    metadata_option,
    output_option,
)
from strife.errors import ConfigError
from strife.ingest import RECORD_FIELDS, parse_field_mapping, read_inputs
from strife.ingest.report import RunReport, describe_problem
from strife.model import Article
from strife.output import FORMATS, EventWriter
from strife.pipeline import process
from strife.resources import Resources
from strife.settings import load_settings

F = TypeVar("F", bound=Callable[..., Any])


def _field_mapping(ctx: click.Context, param: click.Parameter, specs: tuple[str, ...]) -> Any:
    try:
        return parse_field_mapping(specs)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def field_option(command: F) -> F:
    """Add `--field FIELD=KEY` (repeatable) to a command; it receives `fields`, a dict."""
    return click.option(
        "--field",
        "fields",
        multiple=True,
        metavar="FIELD=KEY",
        callback=_field_mapping,
        help="Read a JSON record's FIELD from KEY (repeatable), e.g. --field text=doc_text "
        f"--field id=doc_id. FIELD is one of {', '.join(RECORD_FIELDS)}.",
    )(command)


@click.command("extract")
@inputs_argument
@metadata_option()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@output_option
@include_background_option("output")
@field_option
def extract_command(
    inputs: tuple[str, ...],
    metadata: str | None,
    fmt: str,
    output: str,
    include_background: bool,
    fields: dict[str, str],
) -> None:
    """Extract events from INPUT files, folders, .jsonl files or '-' (stdin).

    Writes one event per line (JSON Lines by default). Inputs that cannot be read are
    reported on stderr, one line each, and counted in the closing summary.
    """
    res = Resources.shared(load_settings(include_background=include_background))
    report = RunReport()
    stream = sys.stdout if output == "-" else Path(output).open("w", encoding="utf-8")
    writer = EventWriter(stream, fmt)
    try:
        for article in read_inputs(inputs, metadata=metadata, fields=fields):
            article = process(article, res)
            report.add(article, include_background)
            _explain(article)
            writer.write(e for e in article.events if include_background or not e.historical)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    finally:
        writer.close()
        if stream is not sys.stdout:
            stream.close()
    click.echo(report.render(), err=True)
    sys.exit(report.exit_code)


def _explain(article: Article) -> None:
    """Print one stderr line for a skipped article, and one per reading warning."""
    line = describe_problem(article)
    if line:
        click.echo(line, err=True)
        return
    for problem in article.problems:
        if problem.stage == "ingest":
            where = article.source_path or article.id
            click.echo(f"strife: warning {where}: {problem.message}", err=True)
