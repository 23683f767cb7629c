"""`strife run --engine dask`: real LocalClusters give what a local run gives."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, report_articles

from strife.cli import cli
from strife.distributed import BATCH_SIZE, Task, _batches, describe_workers
from strife.model import Article
from strife.store import Store, content_hash

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["run", *args])
    return result.exit_code, result.output


def _exports(url: str) -> dict[str, str]:
    out = {}
    for fmt in ("jsonl", "acled-csv"):
        result = CliRunner().invoke(cli, ["export", "--db", url, "--format", fmt])
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    return out


def _examples() -> list[str]:
    if not any(EXAMPLES.glob("*.txt")):
        pytest.skip("examples/ is not written yet")
    return [str(EXAMPLES), "--metadata", str(EXAMPLES / "metadata.jsonl")]


def test_dask_run_equals_local_run_and_a_rerun_skips(db_url: str, tmp_path: Path) -> None:
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    code, output = _run(*_examples(), "--db", local_url)
    assert code == 0, output
    expected = _exports(local_url)

    code, output = _run(*_examples(), "--db", db_url, "--engine", "dask", "--workers", "2")
    assert code == 0, output
    assert "17 articles stored, 0 unchanged, 0 not stored" in output
    # Each of the two worker processes loaded the gazetteer and the lexicons exactly once.
    assert "2 workers; loads per worker: resources 1, gazetteer 1, lexicons 1;" in output
    peaks = re.search(r"peak memory per worker (\d+)(?:-(\d+))? MiB", output)
    assert peaks is not None and int(peaks.group(2) or peaks.group(1)) < 1536
    exported = _exports(db_url)
    assert exported["jsonl"].count("\n") >= 10
    assert exported == expected

    code, output = _run(*_examples(), "--db", db_url, "--engine", "dask", "--workers", "2")
    assert code == 0, output
    assert "0 articles stored, 17 unchanged" in output
    assert "resources 0, gazetteer 0" in output  # nothing reached the workers
    assert _exports(db_url) == expected


# -- a stage that fails on hostile input, and a worker that dies -----------------------

MARKERS = {"raise": "ZX-RAISE-ZX", "die": "ZX-DIE-ZX"}


def _hostile_stage_plugin() -> Any:
    """Return a worker plugin that adds a stage failing on marked articles, on every worker.

    Defined inside a function so that it is pickled by value: the workers need not import
    this test module. A plugin (not a one-off client.run) also patches the worker that
    replaces one that died.
    """
    from distributed.diagnostics.plugin import WorkerPlugin

    def hostile(article: Article, res: object) -> Article:
        if MARKERS["die"] in article.text:
            import os

            os._exit(3)  # like a segfault in a C extension: the whole worker goes
        if MARKERS["raise"] in article.text:
            raise ValueError("this stage cannot cope with the input")
        return article

    class HostileStage(WorkerPlugin):  # type: ignore[misc]
        name = "strife-test-hostile-stage"

        def setup(self, worker: object) -> None:
            from strife import pipeline

            if hostile not in pipeline.STAGES:
                pipeline.STAGES.append(hostile)

    return HostileStage()


@pytest.fixture
def hostile_cluster() -> Iterator[str]:
    """A LocalCluster of two workers whose pipeline fails on marked articles."""
    import dask

    # Kill the worker running a poisonous task once, not four times (the default).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # not :8787, maybe taken
            silence_logs=logging.CRITICAL,
        )
        client = distributed.Client(cluster)
        try:
            client.register_plugin(_hostile_stage_plugin())
            yield str(cluster.scheduler_address)
        finally:
            client.close()
            cluster.close()


def _write_reports(path: Path) -> Path:
    reports = {
        "calm-1": "Gunmen killed three farmers near Kajuru in Kaduna State on Monday.",
        "calm-2": "A roadside bomb killed two soldiers near Djibo on Tuesday.",
        "calm-3": "Protesters blocked a highway in Kisumu on Wednesday over fuel prices.",
        "calm-4": "An air strike hit a market in Ariha on Thursday, killing five civilians.",
        "bad-raise": f"Militants attacked a checkpoint in Taiz on Friday. {MARKERS['raise']}",
        "bad-die": f"Shelling hit homes in Kharkiv on Saturday. {MARKERS['die']}",
    }
    # A later copy of calm-4 (an updated story): like a local run, the last copy wins.
    updated = ("calm-4", "An air strike hit a market in Ariha on Thursday, killing six civilians.")
    with path.open("w", encoding="utf-8") as f:
        for article_id, text in [*reports.items(), updated]:
            record = {
                "id": article_id,
                "title": f"Report {article_id}",
                "published": "2024-05-18",
                "text": f"{text} Officials said on Sunday that they were investigating.",
            }
            f.write(json.dumps(record) + "\n")
    return path


def test_a_failing_article_is_recorded_and_never_fails_the_job(
    hostile_cluster: str, tmp_path: Path
) -> None:
    inputs = str(_write_reports(tmp_path / "reports.jsonl"))
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    code, output = _run(inputs, "--db", url, "--engine", "dask", "--scheduler", hostile_cluster)
    assert code == 0, output
    assert "7 read, 5 processed, 2 skipped (2 crash)" in output
    assert "7 articles stored" in output  # calm-4 twice
    with Store(url) as store:
        stored = {a.id: a for a in store.articles()}
        assert store.counts()["failed_articles"] == 2
    assert set(stored) == {"calm-1", "calm-2", "calm-3", "calm-4", "bad-raise", "bad-die"}
    (raised,) = [p for p in stored["bad-raise"].problems if p.fatal]
    assert (raised.stage, raised.code) == ("hostile", "crash")
    assert "ValueError: this stage cannot cope" in raised.message
    (died,) = [p for p in stored["bad-die"].problems if p.fatal]
    assert (died.stage, died.code) == ("dask", "crash")
    assert "KilledWorker" in died.message
    assert not any(p.fatal for a in stored.values() if a.id.startswith("calm") for p in a.problems)
    assert "killing six civilians" in stored["calm-4"].text

    # A rerun skips everything, the failed articles included (--force would retry them),
    # except the two copies of calm-4, which replace each other again (as in a local run).
    code, output = _run(inputs, "--db", url, "--engine", "dask", "--scheduler", hostile_cluster)
    assert code == 0, output
    assert "2 articles stored, 5 unchanged" in output
    with Store(url) as store:
        (calm4,) = [a for a in store.articles() if a.id == "calm-4"]
    assert "killing six civilians" in calm4.text


# -- the pieces --------------------------------------------------------------------------


def test_batches_start_small_then_stay_bounded() -> None:
    tasks = [Task(Article(id=str(i)), "") for i in range(100)]
    sizes = [len(b) for b in _batches(tasks, BATCH_SIZE)]
    assert sizes[:5] == [2, 4, 8, 16, 32]
    assert max(sizes) == BATCH_SIZE and sum(sizes) == 100
    assert [len(b) for b in _batches(tasks[:3], 1)] == [1, 1, 1]


def test_describe_workers_shows_the_spread() -> None:
    def report(loads: int, peak_mib: int) -> dict[str, Any]:
        return {
            "resources": loads,
            "gazetteer": loads,
            "lexicons": {"a:b": loads, "c:d": loads},
            "peak_rss": peak_mib * 2**20,
        }

    line = describe_workers({"w1": report(1, 180), "w2": report(2, 200)})
    assert "2 workers; loads per worker: resources 1-2, gazetteer 1-2, lexicons 1-2" in line
    assert line.endswith("peak memory per worker 180-200 MiB")


def test_deduplication_by_country_partitions_equals_one_pass(tmp_path: Path) -> None:
    whole, parts = (f"sqlite:///{tmp_path / name}" for name in ("whole.db", "parts.db"))
    for url in (whole, parts):
        with Store(url) as store:
            for article in report_articles():
                store.write_article(article, content_hash(article))
    with Store(whole) as store:
        store.deduplicate()
        expected = list(store.incidents())
    with Store(parts) as store:
        countries = store.pending_countries()
        assert len(countries) >= 1
        for country in reversed(countries):  # any order, one country at a time
            store.deduplicate([country])
        assert store.pending_countries() == []
        assert list(store.incidents()) == expected
