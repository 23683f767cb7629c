"""`strife run`: the options of a run and its progress display; the run is :mod:`strife.run`."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from strife.cli_options import (
    db_option,
    include_background_option,
    inputs_argument,
    metadata_option,
)
from strife.errors import ConfigError, StoreError
from strife.ingest.cli import field_option
from strife.run import RunResult, run
from strife.settings import load_settings


class _Display:
    """Rich progress bars on standard error: done/total, elapsed and, when the total is known,
    the time left."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.archives: dict[str, TaskID] = {}

    def start(self, what: str, total: int | None) -> None:
        self.task = self.progress.add_task(what, total=total)

    def advance(self) -> None:
        if self.task is not None:
            self.progress.advance(self.task)

    def say(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False)

    def read_bytes(self, source: str, done: int, total: int) -> None:
        # One bar per archive, in MB: a 1 GB WARC shows how far reading has got.
        if source not in self.archives:
            name = f"reading {Path(source).name} (MB)"
            self.archives[source] = self.progress.add_task(name, total=max(1, total // 1_000_000))
        self.progress.update(self.archives[source], completed=done // 1_000_000)


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


@click.command("run")
@inputs_argument
@metadata_option()
@db_option
@include_background_option("store")
@click.option("--force", is_flag=True, help="Process articles again even when unchanged.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the articles are processed: in this process, or on Dask distributed.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler of a running cluster (tcp://host:8786). "
    "Default: start a LocalCluster on this machine.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the LocalCluster, one thread each (default: one per core).",
)
@field_option
@click.pass_context
def run_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    metadata: str | None,
    db: str | None,
    include_background: bool,
    force: bool,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    fields: dict[str, str],
) -> None:
    """Process INPUT files, folders, .jsonl files or '-' into a database of incidents.

    Each article is stored in one transaction with its events, evidence and problems;
    articles already stored unchanged are skipped, changed ones replace their events.
    Then new events are merged with the stored ones into incidents. Running the same
    inputs again changes nothing.

    With --engine dask the same stages run on Dask workers (see docs/cluster.md); with
    PostgreSQL the workers write to the database themselves, with SQLite this process
    writes what they return. Both engines store the same data.
    """
    if engine == "local" and (scheduler or workers):
        raise click.UsageError("--scheduler and --workers need --engine dask")
    if scheduler and workers:
        raise click.UsageError(
            "give --scheduler or --workers, not both: a cluster's workers are started "
            "with `dask worker` on its machines"
        )
    settings = load_settings(db_url=db, include_background=include_background or None)
    try:
        with _progress(Console(stderr=True)) as progress:
            result = run(
                inputs,
                settings,
                _Display(progress),
                metadata=metadata,
                fields=fields,
                force=force,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
            )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    _summarise(result)
    if result.store_errors:
        ctx.exit(1)
    # An unchanged rerun processes nothing and that is success, not "no article readable".
    ctx.exit(0 if result.unchanged or result.report.processed else result.report.exit_code)


def _summarise(result: RunResult) -> None:
    """Print what the run did: its report, then the database's totals."""
    counts, report = result.counts, result.report
    if report.read or not result.unchanged:
        click.echo(report.render(), err=True)
    else:
        click.echo(
            f"strife: articles: {result.unchanged} read, all unchanged since they were stored; "
            f"incidents: {counts['incidents']}",
            err=True,
        )
    merged = result.dedupe.pending if result.dedupe is not None else 0
    click.echo(
        f"strife: database {result.database}: {result.stored} articles stored, "
        f"{result.unchanged} unchanged, {result.store_errors} not stored; {merged} new events "
        f"merged; totals: {counts['articles']} articles, {counts['events']} events, "
        f"{counts['incidents']} incidents",
        err=True,
    )
    if result.worker_line:
        click.echo(result.worker_line, err=True)
