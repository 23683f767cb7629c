"""`strife eval`: measure strife on labelled data (our gold, ACLED notes, geoparsing corpora)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from strife.cli_options import metadata_option
from strife.errors import StrifeError


def _echo_report(report: Any, as_json: bool, text: str) -> None:
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else text)


def _progress(label: str) -> Any:
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{label} {done}/{total}", err=True, nl=done == total)

    return report


@click.group("eval")
def eval_group() -> None:
    """Measure strife against labelled data and print its error rates."""


@eval_group.command("gold")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@metadata_option(Path)
@click.option(
    "--dups",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="DUPLICATES.json: also score deduplication pairwise.",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="Also list every missed, spurious and wrong-field event with its sentences.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def gold_command(
    folders: tuple[Path, ...],
    metadata: Path | None,
    dups: Path | None,
    show_errors: bool,
    as_json: bool,
) -> None:
    """Score events against our gold files (FOLDER/<id>.txt with <id>.gold.json).

    \b
    strife eval gold ../shared/corpus/seeds ../shared/corpus/extra \\
        --metadata ../shared/corpus/metadata.jsonl --dups ../shared/corpus/DUPLICATES.json
    """
    from strife.evaluate.report import format_errors, format_gold
    from strife.evaluate.runs import run_gold

    try:
        report = run_gold(
            list(folders), metadata=metadata, duplicates=dups, progress=_progress("articles")
        )
    except StrifeError as exc:
        raise click.ClickException(str(exc)) from exc
    if not report["articles"]:
        raise click.ClickException("no article with a .gold.json file found in those folders")
    text = format_gold(report)
    if show_errors:
        text = format_errors(report) + "\n\n" + text
    _echo_report(report, as_json, text)


@eval_group.command("acled")
@click.argument(
    "csv_path", metavar="CSV", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--limit", type=click.IntRange(min=1), help="Score a fixed random sample of N rows.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the sample.")
@click.option(
    "--countries",
    type=click.IntRange(min=0),
    default=0,
    help="Also print within 50 km for the N countries with the most rows.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def acled_command(
    csv_path: Path, limit: int | None, seed: int, countries: int, as_json: bool
) -> None:
    """Extract events from ACLED rows' notes and compare them with the coded rows."""
    from strife.evaluate.report import format_acled
    from strife.evaluate.runs import run_acled

    try:
        report = run_acled(csv_path, limit=limit, seed=seed, progress=_progress("rows"))
    except StrifeError as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_report(report, as_json, format_acled(report, countries))


@eval_group.command("geoparse")
@click.argument(
    "xml_paths",
    metavar="XML...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def geoparse_command(xml_paths: tuple[Path, ...], limit: int | None, as_json: bool) -> None:
    """Score toponym recognition and resolution on geoparsing corpora (GeoWebNews, LGL, ...)."""
    from strife.evaluate.geoparse import evaluate_geoparse, format_geoparse
    from strife.resources import Resources

    res = Resources.shared()
    try:
        reports = [evaluate_geoparse(path, res, limit=limit) for path in xml_paths]
    except StrifeError as exc:
        raise click.ClickException(str(exc)) from exc
    # One table for all corpora when each report lists its corpora (one row each).
    if all(isinstance(r.get("corpora"), list) for r in reports):
        merged = {**reports[0], "corpora": [row for r in reports for row in r["corpora"]]}
        _echo_report(merged, as_json, format_geoparse(merged))
    else:
        texts = [f"{p.name}\n{format_geoparse(r)}" for p, r in zip(xml_paths, reports, strict=True)]
        _echo_report(reports, as_json, "\n\n".join(texts))
