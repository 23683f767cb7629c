"""`strife run`: read, process and store articles, then merge their events into incidents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

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
)

from strife import distributed
from strife.distributed import BATCH_SIZE, Outcome, Task, without_background
from strife.errors import ConfigError, StoreError
from strife.ingest import read_inputs
from strife.ingest.cli import field_option
from strife.ingest.report import RunReport, describe_problem
from strife.model import Article
from strife.pipeline import process
from strife.resources import Resources
from strife.settings import load_settings
from strife.store.store import Store, content_hash, database_url


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


@dataclass
class _Tally:
    """What a run did, whichever engine ran it."""

    keep_background: bool
    force: bool
    report: RunReport = field(default_factory=RunReport)
    unchanged: int = 0
    stored: int = 0
    store_errors: int = 0

    def record(self, outcome: Outcome, store: Store, progress: Progress, task: TaskID) -> None:
        """Count a processed article, say why it was skipped, and store it if not yet done."""
        article = outcome.article
        self.report.add(article, self.keep_background)
        line = describe_problem(article)
        if line:
            progress.console.print(line, markup=False, highlight=False)
        error = outcome.error
        if outcome.stored is None:
            try:
                self.stored += store.write_article(article, outcome.digest, replace_same=self.force)
            except StoreError as exc:
                error = str(exc)
        elif not error:
            self.stored += outcome.stored
        if error:
            self.store_errors += 1
            progress.console.print(f"strife: {error}", markup=False, highlight=False)
        progress.advance(task)


def _local(
    articles: Iterable[Article],
    store: Store,
    resources: Resources,
    tally: _Tally,
    skip: Callable[[], None],
) -> Iterator[Outcome]:
    """Process articles one at a time, in order, skipping those stored unchanged."""
    for article in articles:
        digest = content_hash(article, include_background=tally.keep_background)
        if not tally.force and store.stored_hashes([article.id]).get(article.id) == digest:
            skip()
            continue
        yield Outcome(
            without_background(process(article, resources), tally.keep_background), digest
        )


def _to_submit(
    articles: Iterable[Article],
    store: Store,
    tally: _Tally,
    skip: Callable[[], None],
    held: list[Article],
) -> Iterator[Task]:
    """Yield the articles to process, looking up stored hashes a batch at a time.

    An id already submitted in this pass is held for the next pass, so that the later
    copy replaces the earlier one as it would in a local run, whatever order workers
    finish in.
    """
    submitted: set[str] = set()
    chunk: list[Article] = []

    def flush() -> Iterator[Task]:
        digests = [content_hash(a, include_background=tally.keep_background) for a in chunk]
        stored = {} if tally.force else store.stored_hashes([a.id for a in chunk])
        for article, digest in zip(chunk, digests, strict=True):
            if article.id in submitted:
                held.append(article)
            elif stored.get(article.id) == digest:
                skip()
            else:
                submitted.add(article.id)
                yield Task(article, digest)
        chunk.clear()

    for article in articles:
        chunk.append(article)
        if len(chunk) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON Lines of {id, published, outlet, url}; beats anything guessed from the text.",
)
@click.option(
    "--db",
    "db",
    default=None,
    help="Database: a SQLAlchemy URL (postgresql+psycopg://…) or a file path for SQLite. "
    "Default: STRIFE_DB_URL or sqlite:///strife.db.",
)
@click.option(
    "--include-background", is_flag=True, help="Also store background (historical) incidents."
)
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
    console = Console(stderr=True)
    try:
        store = Store(database_url(settings.db_url))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    tally = _Tally(keep_background=settings.include_background, force=force)
    worker_line = None
    try:
        with _progress(console) as progress:
            task = progress.add_task("articles", total=None)

            def skip() -> None:
                tally.unchanged += 1
                progress.advance(task)

            articles = read_inputs(inputs, metadata=metadata, fields=fields)
            if engine == "local":
                for outcome in _local(articles, store, Resources.shared(settings), tally, skip):
                    tally.record(outcome, store, progress, task)
                dedupe_task = progress.add_task("merging into incidents", total=None)
                stats = store.deduplicate()
            else:
                with distributed.connect(scheduler, workers) as client:
                    slots = distributed.check_workers(client)
                    # A SQLite file has one writer at a time and workers elsewhere cannot
                    # reach it: this process writes. PostgreSQL takes every worker's writes.
                    sqlite = store.engine.dialect.name == "sqlite"
                    worker_url = None if sqlite else store.url
                    while True:
                        held: list[Article] = []
                        todo = _to_submit(articles, store, tally, skip, held)
                        for outcome in distributed.run_tasks(
                            client,
                            todo,
                            settings,
                            store_url=worker_url,
                            replace_same=force,
                            slots=slots,
                        ):
                            tally.record(outcome, store, progress, task)
                        if not held:
                            break
                        articles = iter(held)
                    dedupe_task = progress.add_task("merging into incidents", total=None)
                    if sqlite:
                        stats = store.deduplicate()
                    else:
                        countries = store.pending_countries()
                        stats = distributed.deduplicate(client, store.url, countries)
                    worker_line = distributed.describe_workers(
                        client.run(distributed.worker_report, settings)
                    )
            progress.update(dedupe_task, total=1, completed=1)
        counts = store.counts()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    report, unchanged, stored, store_errors = (
        tally.report,
        tally.unchanged,
        tally.stored,
        tally.store_errors,
    )
    report.incidents = counts["incidents"]
    if report.read or not unchanged:
        click.echo(report.render(), err=True)
    else:
        click.echo(
            f"strife: articles: {unchanged} read, all unchanged since they were stored; "
            f"incidents: {counts['incidents']}",
            err=True,
        )
    click.echo(
        f"strife: database {store.safe_url()}: {stored} articles stored, "
        f"{unchanged} unchanged, {store_errors} not stored; {stats.pending} new events merged; "
        f"totals: {counts['articles']} articles, {counts['events']} events, "
        f"{counts['incidents']} incidents",
        err=True,
    )
    if worker_line:
        click.echo(worker_line, err=True)
    if store_errors:
        ctx.exit(1)
    # An unchanged rerun processes nothing and that is success, not "no article readable".
    ctx.exit(0 if unchanged or report.processed else report.exit_code)
