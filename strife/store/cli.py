"""`strife run`: read, process and store articles, then merge their events into incidents."""

from __future__ import annotations

from dataclasses import replace

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from strife.errors import ConfigError, StoreError
from strife.ingest import read_inputs
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


def _keep(article: Article, include_background: bool) -> Article:
    """Drop background incidents unless asked to keep them."""
    if include_background or not any(e.historical for e in article.events):
        return article
    return replace(article, events=tuple(e for e in article.events if not e.historical))


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
@click.pass_context
def run_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    metadata: str | None,
    db: str | None,
    include_background: bool,
    force: bool,
) -> None:
    """Process INPUT files, folders, .jsonl files or '-' into a database of incidents.

    Each article is stored in one transaction with its events, evidence and problems;
    articles already stored unchanged are skipped, changed ones replace their events.
    Then new events are merged with the stored ones into incidents. Running the same
    inputs again changes nothing.
    """
    settings = load_settings(db_url=db, include_background=include_background or None)
    console = Console(stderr=True)
    try:
        store = Store(database_url(settings.db_url))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    resources = Resources.shared(settings)
    keep_background = settings.include_background
    report = RunReport()
    unchanged = stored = store_errors = 0
    try:
        with _progress(console) as progress:
            task = progress.add_task("articles", total=None)
            for article in read_inputs(inputs, metadata=metadata):
                progress.advance(task)
                digest = content_hash(article, include_background=keep_background)
                if not force and store.stored_hashes([article.id]).get(article.id) == digest:
                    unchanged += 1
                    continue
                article = _keep(process(article, resources), keep_background)
                report.add(article, keep_background)
                line = describe_problem(article)
                if line:
                    progress.console.print(line, markup=False, highlight=False)
                try:
                    stored += store.write_article(article, digest, replace_same=force)
                except StoreError as exc:
                    store_errors += 1
                    progress.console.print(f"strife: {exc}", markup=False, highlight=False)
            dedupe_task = progress.add_task("merging into incidents", total=None)
            stats = store.deduplicate()
            progress.update(dedupe_task, total=1, completed=1)
        counts = store.counts()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
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
    if store_errors:
        ctx.exit(1)
    # An unchanged rerun processes nothing and that is success, not "no article readable".
    ctx.exit(0 if unchanged or report.processed else report.exit_code)
