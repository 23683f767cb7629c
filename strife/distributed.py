"""Run the per-article stages on Dask distributed: a LocalCluster or a real cluster.

The client reads the inputs (so ids, metadata and content hashes are exactly those of a
local run), skips articles stored unchanged, and submits batches of the rest with
:func:`run_partition`, a few batches per worker at a time. Workers run the same stage
functions as a local run with ``Resources.shared(settings)``: this module is importable,
so each worker process loads the gazetteer and lexicons once and keeps them (a function
defined in ``__main__`` would be pickled by value and reload them for every task).

Who writes: with SQLite the client writes what workers return (a file has one writer at a
time, and workers on other machines cannot reach it); with PostgreSQL each worker writes
its articles itself, one transaction per article, and returns a slim summary. A batch
that fails as a whole (a worker died) is split into single articles, run one at a time;
an article that still fails (twice, if its worker died) is stored with a fatal Problem, so
one bad input never fails the job.

Dask is imported inside the functions that need it: the local engine must not need it.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any

import strife
from strife.errors import ConfigError
from strife.model import Article
from strife.pipeline import process
from strife.resources import Resources
from strife.settings import Settings, load_settings
from strife.store.store import DedupeStats, Store

# Dask ships without type information: its objects are typed as Any here.
Client = Any
Future = Any

BATCH_SIZE = 32  # articles per task: ~0.3 s of work, so scheduling overhead stays < 1 %
BATCHES_PER_WORKER = 3  # in flight per worker thread: enough to never idle, bounded memory


@dataclass(frozen=True, slots=True)
class Task:
    """One article to process, with the content hash it will be stored under."""

    article: Article
    digest: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """A processed article; ``stored`` is None when the client still has to store it."""

    article: Article
    digest: str
    stored: bool | None = None
    error: str | None = None  # why a worker could not store it


def without_background(article: Article, include_background: bool) -> Article:
    """Drop background incidents unless asked to keep them."""
    if include_background or not any(e.historical for e in article.events):
        return article
    return replace(article, events=tuple(e for e in article.events if not e.historical))


def strife_version() -> str:
    """Return the strife version (every machine of a cluster must agree)."""
    return strife.__version__


# -- on the workers ---------------------------------------------------------------------


def worker_settings(settings: Settings) -> Settings:
    """Return the run's settings with this machine's gazetteer path.

    The gazetteer is built once per machine, where that machine's environment says
    (STRIFE_GAZETTEER_PATH or the user cache), not at a path of the client's machine.
    """
    return replace(settings, gazetteer_path=load_settings().gazetteer_path)


@cache
def _worker_store(url: str) -> Store:
    """Return this process's connection pool to the run's database (opened once)."""
    return Store(url, migrate=False)  # the client has already migrated it


def _slim(article: Article) -> Article:
    """Return what the client needs to report on a stored article: no text, no evidence."""
    events = tuple(replace(e, evidence=()) for e in article.events)
    return replace(article, raw="", text="", html=None, events=events)


def run_partition(
    tasks: Sequence[Task],
    settings: Settings,
    store_url: str | None = None,
    replace_same: bool = False,
) -> list[Outcome]:
    """Process a batch of articles on a worker; store them too when given a database URL."""
    res = Resources.shared(worker_settings(settings))
    outcomes = []
    for task in tasks:
        article = without_background(process(task.article, res), settings.include_background)
        if store_url is None:
            outcomes.append(Outcome(article, task.digest))
            continue
        try:
            stored = _worker_store(store_url).write_article(
                article, task.digest, replace_same=replace_same
            )
        except Exception as exc:  # a StoreError, or the database went away: report, go on
            outcomes.append(Outcome(article, task.digest, stored=False, error=str(exc)))
            continue
        outcomes.append(Outcome(_slim(article), task.digest, stored=stored))
    return outcomes


def warm_up(settings: Settings) -> int:
    """Load this worker's gazetteer and lexicons now; return the warm-up article's events."""
    text = (
        "Gunmen killed four villagers near Kaduna on Monday and burned two houses, police "
        "said. Soldiers later clashed with the attackers outside the town."
    )
    article = Article(id="warm-up", title="Villagers killed near Kaduna", raw=text)
    return len(process(article, Resources.shared(worker_settings(settings))).events)


def dedupe_partition(store_url: str, countries: Sequence[str | None]) -> DedupeStats:
    """Run the deduplication pass for some countries (incidents never span two)."""
    return _worker_store(store_url).deduplicate(countries)


def worker_report(settings: Settings) -> dict[str, Any]:
    """Return this process's id, strife version, resource load counts and peak memory."""
    shared = Resources.shared.cache_info()
    gazetteer = 0
    if shared.currsize:
        gazetteer = int("gazetteer" in vars(Resources.shared(worker_settings(settings))))
    # Lexicons live on one process-wide object: each is either loaded (once) or not yet.
    lexicons = dict.fromkeys(Resources.lexicons.loaded(), 1)
    import psutil  # a dependency of distributed

    rss = int(psutil.Process().memory_info().rss)
    try:
        import resource  # Unix only

        peak = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # Linux: KiB
    except ImportError:
        peak = rss
    return {
        "pid": os.getpid(),
        "strife": strife_version(),
        "resources": int(shared.misses),
        "gazetteer": gazetteer,
        "lexicons": lexicons,
        "rss": rss,
        "peak_rss": max(peak, rss),
    }


# -- on the client ----------------------------------------------------------------------


def _distributed() -> Any:
    """Import Dask distributed, an optional dependency, when a run asks for it."""
    try:
        import distributed
    except ModuleNotFoundError as exc:  # the optional extra is missing: say how to get it
        if exc.name != "distributed":
            raise
        raise ConfigError("--engine dask needs Dask: pip install 'strife[dask]'") from exc
    return distributed


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """Yield a client of the scheduler at this address, or of a new LocalCluster.

    The LocalCluster has ``workers`` processes with one thread each (the stages are pure
    Python, so threads would share one core) and no dashboard; it stops with the client.
    """
    dask = _distributed()
    if scheduler:
        try:
            client = dask.Client(scheduler, timeout="20s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with (
        dask.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # Even without a dashboard the scheduler serves /health on :8787 unless told
            # otherwise; a free loopback port lets several clusters share a machine.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as cluster,
        dask.Client(cluster) as client,
    ):
        yield client


def check_workers(client: Client) -> int:
    """Return the number of worker threads, after checking every worker runs our strife."""
    client.wait_for_workers(1, timeout=60)
    try:
        versions = client.run(strife_version)
    except ModuleNotFoundError as exc:
        raise ConfigError(f"a Dask worker cannot import strife ({exc}); install it there") from exc
    ours = strife_version()
    other = {address: v for address, v in versions.items() if v != ours}
    if other:
        listed = ", ".join(f"{a} has {v}" for a, v in sorted(other.items()))
        raise ConfigError(f"Dask workers must run strife {ours} like this client: {listed}")
    return sum(client.nthreads().values())


def run_tasks(
    client: Client,
    tasks: Iterable[Task],
    settings: Settings,
    *,
    store_url: str | None = None,
    replace_same: bool = False,
    batch_size: int = BATCH_SIZE,
    slots: int | None = None,
) -> Iterator[Outcome]:
    """Submit tasks in batches, a bounded number at a time, and yield outcomes as they come.

    ``tasks`` is consumed lazily, so a 10,000-article input is never held as one list nor
    shipped as one task. A batch that fails as a whole is split into single articles; an
    article that then fails alone comes back with a fatal "dask"/"crash" Problem.
    """
    limit = BATCHES_PER_WORKER * (slots or max(1, sum(client.nthreads().values())))
    running = _distributed().as_completed()
    batches: dict[Future, tuple[list[Task], int]] = {}
    # Split articles run one at a time: when a worker dies it takes every task it holds
    # with it, so an innocent article queued beside the one that kills it would be blamed.
    singles: deque[tuple[Task, int]] = deque()
    single_running = False

    def submit(batch: list[Task], tries: int = 0) -> None:
        nonlocal single_running
        future = client.submit(run_partition, batch, settings, store_url, replace_same, pure=False)
        batches[future] = (batch, tries)
        single_running = single_running or len(batch) == 1
        running.add(future)

    def collect(future: Future) -> list[Outcome]:
        nonlocal single_running
        batch, tries = batches.pop(future)
        if len(batch) == 1:
            single_running = False
        if future.status == "finished":
            outcomes: list[Outcome] = future.result()
            future.release()
            return outcomes
        if future.status != "error":  # cancelled or lost: the cluster went away
            raise ConfigError(f"the Dask cluster stopped answering ({future.status})")
        exc = future.exception()
        future.release()
        if len(batch) > 1:
            singles.extend((task, 0) for task in batch)  # find the one that fails
            return []
        (task,) = batch
        if type(exc).__name__ == "KilledWorker" and tries == 0:
            # A batch that ran beside it on the same worker may be what killed it: once more.
            singles.appendleft((task, 1))
            return []
        message = f"{type(exc).__name__}: {exc}"
        return [
            Outcome(task.article.with_problem("dask", "crash", message, fatal=True), task.digest)
        ]

    def next_single() -> None:
        if singles and not single_running:
            task, tries = singles.popleft()
            submit([task], tries)

    for batch in _batches(tasks, batch_size):
        submit(batch)
        next_single()
        while running.count() >= limit:
            yield from collect(next(running))
            next_single()
    next_single()
    while running.count():
        yield from collect(next(running))
        next_single()


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Cut tasks into batches of 2, 4, 8 … then ``size`` articles.

    Small first batches start every worker at once and bring the first results back
    quickly; full-size batches then keep the per-task overhead low.
    """
    batch: list[Task] = []
    want = min(2, size)
    for task in tasks:
        batch.append(task)
        if len(batch) >= want:
            yield batch
            batch = []
            want = min(2 * want, size)
    if batch:
        yield batch


def deduplicate(client: Client, store_url: str, countries: Sequence[str | None]) -> DedupeStats:
    """Run the deduplication pass on the workers, one task per country."""
    futures = [client.submit(dedupe_partition, store_url, [c], pure=False) for c in countries]
    results: list[DedupeStats] = client.gather(futures)
    return DedupeStats(*(sum(getattr(r, f.name) for r in results) for f in fields(DedupeStats)))


def describe_workers(reports: dict[str, dict[str, Any]]) -> str:
    """Return one line on the workers: how often they loaded resources, peak memory."""
    if not reports:
        return "strife: dask: no workers"
    values = list(reports.values())

    def spread(numbers: list[int]) -> str:
        low, high = min(numbers), max(numbers)
        return str(low) if low == high else f"{low}-{high}"

    names = sorted({name for r in values for name in r["lexicons"]})
    lexicons = [r["lexicons"].get(name, 0) for r in values for name in names]
    peak = [r["peak_rss"] // 2**20 for r in values]
    return (
        f"strife: dask: {len(values)} workers; loads per worker: resources "
        f"{spread([r['resources'] for r in values])}, gazetteer "
        f"{spread([r['gazetteer'] for r in values])}, lexicons "
        f"{spread(lexicons) if lexicons else 0}; peak memory per worker {spread(peak)} MiB"
    )
