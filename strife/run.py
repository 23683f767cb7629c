"""A whole run, top to bottom: read → per-article stages → store → merge into incidents.

`strife run` is this module with a progress display around it (:mod:`strife.store.cli`).
The per-article stages are :func:`strife.pipeline.process`; the local engine runs them here,
the Dask engine on workers (:mod:`strife.distributed`), and both store the same data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from strife import distributed
from strife.distributed import BATCH_SIZE, Outcome, Task, without_background
from strife.errors import StoreError
from strife.ingest import ARTICLE_SUFFIXES, FOLDER_METADATA, read_inputs
from strife.ingest.report import RunReport, describe_problem
from strife.model import Article
from strife.pipeline import process
from strife.resources import Resources
from strife.settings import Settings
from strife.store.store import DedupeStats, Store, content_hash, database_url

GAZETTEER_BUILD_NOTICE = "building the offline gazetteer, once, about 25 s"


class Progress(Protocol):
    """What a run tells the person waiting for it."""

    def start(self, what: str, total: int | None) -> None:
        """A step begins; `total` items when known (then an ETA can be shown)."""

    def advance(self) -> None:
        """One more item of the current step is done."""

    def say(self, line: str) -> None:
        """Print one line (a skipped article, a store error) above the progress display."""

    def read_bytes(self, source: str, done: int, total: int) -> None:
        """`done` of `total` bytes of a web archive are read (archives stream)."""


@dataclass
class RunResult:
    """What a run did, whichever engine ran it."""

    report: RunReport = field(default_factory=RunReport)
    unchanged: int = 0
    stored: int = 0
    store_errors: int = 0
    dedupe: DedupeStats | None = None
    counts: dict[str, int] = field(default_factory=dict)
    database: str = ""
    worker_line: str | None = None


def run(
    inputs: Sequence[str],
    settings: Settings,
    progress: Progress,
    *,
    metadata: str | None = None,
    fields: Mapping[str, str] | None = None,
    force: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
) -> RunResult:
    """Read the inputs, process and store each article, then merge new events into incidents.

    `fields` maps record fields to the keys of another corpus's JSON (``--field``).
    Articles stored unchanged are skipped (unless `force`); a store error on one article is
    counted and the run goes on. Raises StoreError when the database cannot be opened and
    ConfigError for a bad engine set-up.
    """
    store = Store(database_url(settings.db_url))
    result = RunResult(database=store.safe_url())
    keep_background = settings.include_background
    try:
        # 1. read (lazily: articles stream through the stages one batch at a time)
        articles = read_inputs(
            inputs, metadata=metadata, fields=dict(fields or {}), progress=progress.read_bytes
        )
        progress.start("articles", count_inputs(inputs, metadata))

        def skip() -> None:
            result.unchanged += 1
            progress.advance()

        def record(outcome: Outcome) -> None:
            # 3. store each processed article (unless a Dask worker already did)
            _record(outcome, store, result, keep_background, force, progress)

        if engine == "local":
            resources = Resources.shared(settings)
            _build_gazetteer_first(resources, progress)
            # 2. the per-article stages (strife.pipeline.process), in this process
            for outcome in _local(articles, store, resources, keep_background, force, skip):
                record(outcome)
            # 4. merge the new events into incidents
            progress.start("merging into incidents", None)
            result.dedupe = store.deduplicate()
        else:
            _run_dask(
                articles, store, settings, result, progress, record, skip, force, scheduler, workers
            )
        progress.advance()
        result.counts = store.counts()
    finally:
        store.close()
    result.report.incidents = result.counts["incidents"]
    return result


def _run_dask(
    articles: Iterable[Article],
    store: Store,
    settings: Settings,
    result: RunResult,
    progress: Progress,
    record: Callable[[Outcome], None],
    skip: Callable[[], None],
    force: bool,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Steps 2-4 on Dask workers (see docs/cluster.md)."""
    if not Path(settings.gazetteer_path).expanduser().exists():
        progress.say(f"strife: the workers are {GAZETTEER_BUILD_NOTICE}")
    with distributed.connect(scheduler, workers) as client:
        slots = distributed.check_workers(client)
        # A SQLite file has one writer at a time and workers elsewhere cannot reach it:
        # this process writes. PostgreSQL takes every worker's writes.
        sqlite = store.engine.dialect.name == "sqlite"
        worker_url = None if sqlite else store.url
        while True:
            held: list[Article] = []
            todo = _to_submit(articles, store, settings.include_background, force, skip, held)
            for outcome in distributed.run_tasks(
                client, todo, settings, store_url=worker_url, replace_same=force, slots=slots
            ):
                record(outcome)
            if not held:
                break
            articles = iter(held)
        progress.start("merging into incidents", None)
        if sqlite:
            result.dedupe = store.deduplicate()
        else:
            countries = store.pending_countries()
            result.dedupe = distributed.deduplicate(client, store.url, countries)
        result.worker_line = distributed.describe_workers(
            client.run(distributed.worker_report, settings)
        )


def count_inputs(inputs: Sequence[str], metadata: str | None = None) -> int | None:
    """Return how many articles the inputs hold, or None when only reading them would tell.

    Standard input and JSON Lines files are counted only by reading them, so their count is
    unknown up front; folders and plain files are counted as `strife.ingest` reads them.
    """
    skip = {Path(metadata).resolve()} if metadata else set()
    total = 0
    for raw in inputs:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if path.is_dir() and (
                file.name == FOLDER_METADATA
                or file.resolve() in skip
                or file.name.startswith(".")
                or suffix not in ARTICLE_SUFFIXES
            ):
                continue
            if suffix == ".jsonl":
                return None
            total += 1
    return total


def _build_gazetteer_first(resources: Resources, progress: Progress) -> None:
    """Build a missing gazetteer before the articles, saying so: it takes a while, once."""
    if not Path(resources.settings.gazetteer_path).expanduser().exists():
        progress.say(f"strife: {GAZETTEER_BUILD_NOTICE}")
        resources.gazetteer  # noqa: B018 - opening it builds it


def _record(
    outcome: Outcome,
    store: Store,
    result: RunResult,
    keep_background: bool,
    force: bool,
    progress: Progress,
) -> None:
    """Count a processed article, say why it was skipped, and store it if not yet done."""
    article = outcome.article
    result.report.add(article, keep_background)
    line = describe_problem(article)
    if line:
        progress.say(line)
    error = outcome.error
    if outcome.stored is None:
        try:
            result.stored += store.write_article(article, outcome.digest, replace_same=force)
        except StoreError as exc:
            error = str(exc)
    elif not error:
        result.stored += outcome.stored
    if error:
        result.store_errors += 1
        progress.say(f"strife: {error}")
    progress.advance()


def _local(
    articles: Iterable[Article],
    store: Store,
    resources: Resources,
    keep_background: bool,
    force: bool,
    skip: Callable[[], None],
) -> Iterator[Outcome]:
    """Process articles one at a time, in order, skipping those stored unchanged."""
    for article in articles:
        digest = content_hash(article, include_background=keep_background)
        if not force and store.stored_hashes([article.id]).get(article.id) == digest:
            skip()
            continue
        yield Outcome(without_background(process(article, resources), keep_background), digest)


def _to_submit(
    articles: Iterable[Article],
    store: Store,
    keep_background: bool,
    force: bool,
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
        digests = [content_hash(a, include_background=keep_background) for a in chunk]
        stored = {} if force else store.stored_hashes([a.id for a in chunk])
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
