"""Benchmark the per-article pipeline, 1 vs N Dask workers, and whole `strife run`s.

    python benchmarks/pipeline_bench.py                    # 10,000 articles, 1 vs 2 workers
    python benchmarks/pipeline_bench.py --articles 2000    # a quicker look
    python benchmarks/pipeline_bench.py --pg URL           # also a run where workers write
    python benchmarks/pipeline_bench.py --profile          # where one core spends its time

Generates a corpus by varying the project's examples (benchmarks/corpus.py) in a temporary
folder, then prints, as rates and ratios:

1. on one core, in this process: articles/s for cleaning + extraction and for the full
   per-article pipeline (clean + extract + geocode), by wall clock and per CPU second;
2. the pipeline on Dask LocalClusters of 1 and N workers (one thread each): articles/s,
   the N/1 ratio, peak resident memory per worker and how often each worker loaded the
   gazetteer and lexicons;
3. whole `strife run`s (reading, store, deduplication) as subprocesses: local engine,
   Dask engine into SQLite (the client writes) and, with --pg, into PostgreSQL (the
   workers write), and an unchanged rerun.

The machine may be shared: the load average is printed before and after, and the CPU-time
rates are the fairer per-core figures when it is not idle. Not a test: run it by hand and
copy the result to docs/performance.md. Deduplication of 1,000,000 events has its own
script, benchmarks/dedupe_bench.py.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for corpus.py, run as a script

from corpus import generate_corpus  # noqa: E402

from strife import distributed  # noqa: E402
from strife.clean import clean  # noqa: E402
from strife.extraction import extract_events  # noqa: E402
from strife.ingest import read_inputs  # noqa: E402
from strife.model import Article  # noqa: E402
from strife.pipeline import process  # noqa: E402
from strife.resources import Resources  # noqa: E402
from strife.settings import load_settings  # noqa: E402
from strife.store import scratch_schema  # noqa: E402

TARGET_RATE = 50.0  # articles/s on one core, full per-article pipeline
TARGET_RATIO = 1.7  # two workers vs one
TARGET_PEAK_MIB = 1536  # per worker
ANCHORS = "PETRARCH2 ~2,500 stories/hour (0.7/s); Mordecai 2 ~10 documents/s"


def load() -> str:
    """Return the machine's load averages (1, 5, 15 minutes)."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def machine_busy() -> float | None:
    """Return the CPU seconds every process of the machine has used since boot (Linux)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / ticks


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    """Return user + system CPU seconds of this process (or its waited-for children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Return the peak resident memory (Linux: KiB in ru_maxrss) in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def rate_line(label: str, count: int, wall: float, cpu: float | None = None) -> str:
    """Return one aligned line: articles/s by wall clock (and per CPU second)."""
    line = f"  {label:<44} {count / wall:8.1f} articles/s  ({count:,} in {wall:6.1f} s"
    if cpu:
        line += f"; {count / cpu:6.1f} per CPU second"
    return line + ")"


def time_in_process(
    articles: Sequence[Article], step: Callable[[Article], Article]
) -> tuple[float, float]:
    """Return wall and CPU seconds to run one step over the articles, in this process."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    for article in articles:
        step(article)
    return time.perf_counter() - wall, cpu_seconds() - cpu


def one_core(articles: Sequence[Article], profile: bool) -> float:
    """Print one-core rates of the stages; return the full pipeline's articles/s."""
    res = Resources.shared(load_settings())
    started = time.perf_counter()
    for article in articles[:20]:  # load the gazetteer and lexicons outside the timing
        process(article, res)
    print(f"  first 20 articles, resources loading included: {time.perf_counter() - started:.2f} s")

    def clean_extract(article: Article) -> Article:
        return extract_events(clean(article, res), res)

    wall, cpu = time_in_process(articles, clean_extract)
    print(rate_line("clean + extract", len(articles), wall, cpu))
    full_wall, full_cpu = time_in_process(articles, lambda a: process(a, res))
    print(
        rate_line("clean + extract + geocode (full pipeline)", len(articles), full_wall, full_cpu)
    )
    share = max(0.0, 1 - cpu / full_cpu)
    print(f"  geocode share of the full pipeline's CPU time: {share:.0%}")
    chars = sum(len(a.raw) for a in articles)
    print(f"  text: {chars / len(articles):,.0f} characters per article on average")
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for article in articles:
            process(article, res)
        profiler.disable()
        print("  profile of the full pipeline (top 20 by own time):")
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(20)
        stats.sort_stats("cumulative").print_stats("strife", 25)
    return len(articles) / full_wall


def timed(client: Any, articles: Sequence[Article], workers: int) -> dict[str, float]:
    """Run the pipeline on a cluster's workers; return wall, CPU and others' CPU seconds."""
    settings = load_settings()
    tasks = [distributed.Task(a, "") for a in articles]
    before = client.run(_cpu_seconds)
    busy = machine_busy()
    client_cpu, wall = cpu_seconds(), time.perf_counter()
    done = sum(1 for _ in distributed.run_tasks(client, iter(tasks), settings, slots=workers))
    wall = time.perf_counter() - wall
    client_cpu = cpu_seconds() - client_cpu
    busy_after = machine_busy()
    after = client.run(_cpu_seconds)
    worker_cpu = sum(after[w] - before.get(w, 0.0) for w in after)
    # What the rest of the machine used meanwhile: other users' jobs, mostly.
    others = busy_after - busy - worker_cpu - client_cpu if busy and busy_after else 0.0
    return {
        "articles": done,
        "wall": wall,
        "worker_cpu": worker_cpu,
        "client_cpu": client_cpu,
        "others_cpu": max(0.0, others),
    }


def scaling(articles: Sequence[Article], workers: int, rounds: int) -> tuple[float, float]:
    """Print 1 vs N worker rates, in interleaved rounds; return the ratio and peak MiB.

    Both clusters stay up and take turns on the same slices of the corpus, so that a
    burst of other jobs on a shared machine hits both about equally, and the rounds run
    while the machine was quiet can be told apart.
    """
    settings = load_settings()
    size = -(-len(articles) // rounds)
    slices = [articles[i : i + size] for i in range(0, len(articles), size)]
    totals: dict[int, dict[str, float]] = {}
    quiet: dict[int, list[float]] = {1: [0.0, 0.0], workers: [0.0, 0.0]}
    with (
        distributed.connect(workers=1) as one,
        distributed.connect(workers=workers) as many,
    ):
        clusters = {1: one, workers: many}
        for client in clusters.values():
            distributed.check_workers(client)
            client.run(distributed.warm_up, settings)  # imports, gazetteer, lexicons
        print(f"  round  articles  1 worker (others)  {workers} workers (others)  ratio")
        for number, part in enumerate(slices, 1):
            order = (1, workers) if number % 2 else (workers, 1)  # alternate who goes first
            result = {n: timed(clusters[n], part, n) for n in order}
            for n, figures in result.items():
                total = totals.setdefault(n, {})
                for key, value in figures.items():
                    total[key] = total.get(key, 0.0) + value
            one_rate = len(part) / result[1]["wall"]
            many_rate = len(part) / result[workers]["wall"]
            others = {n: r["others_cpu"] / r["wall"] for n, r in result.items()}  # in cores
            calm = max(others.values()) < 0.15
            if calm:
                for n in (1, workers):
                    quiet[n][0] += len(part)
                    quiet[n][1] += result[n]["wall"]
            print(
                f"  {number:5}  {len(part):8,}  {one_rate:7.1f}/s ({others[1]:.2f})"
                f"  {many_rate:10.1f}/s ({others[workers]:.2f})"
                f"    {many_rate / one_rate:.2f}x{'  quiet' if calm else ''}"
            )
        reports = {n: c.run(distributed.worker_report, settings) for n, c in clusters.items()}
    print("  (others) = cores used by other processes of the machine meanwhile")
    for n, total in totals.items():
        label = f"{n} worker(s), all rounds"
        print(rate_line(label, int(total["articles"]), total["wall"], total["worker_cpu"]))
        per_worker = total["articles"] / total["wall"] / n
        busy = total["others_cpu"] / total["wall"]
        print(
            f"      {per_worker:.1f} articles/s per worker; client CPU "
            f"{total['client_cpu']:.1f} s; others used {busy:.2f} cores"
        )
        print(f"      {distributed.describe_workers(reports[n])}")
    ratio = (totals[workers]["articles"] / totals[workers]["wall"]) / (
        totals[1]["articles"] / totals[1]["wall"]
    )
    print(f"  {workers} workers / 1 worker, all rounds: {ratio:.2f}x")
    cpu_ratio = (
        workers
        * (totals[workers]["articles"] / totals[workers]["worker_cpu"])
        / (totals[1]["articles"] / totals[1]["worker_cpu"])
    )
    print(f"  {workers} workers / 1 worker, per CPU second x {workers}: {cpu_ratio:.2f}x")
    if quiet[1][1] and quiet[workers][1]:
        calm_ratio = (quiet[workers][0] / quiet[workers][1]) / (quiet[1][0] / quiet[1][1])
        print(f"  {workers} workers / 1 worker, quiet rounds only: {calm_ratio:.2f}x")
        ratio = calm_ratio
    peak = max(r["peak_rss"] for rs in reports.values() for r in rs.values()) / 2**20
    return ratio, peak


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def strife_run(label: str, corpus: Path, db: str, *extra: str) -> tuple[float, float | None]:
    """Run `strife run` on the corpus in a subprocess; return articles/s and worker peak MiB."""
    count = sum(1 for p in corpus.glob("*.txt"))
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "strife", "run", str(corpus), "--db", db, *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    if result.returncode != 0:
        print(f"  {label}: failed ({result.returncode}):\n{result.stderr}")
        return 0.0, None
    print(rate_line(label, count, wall, cpu))
    for line in result.stderr.strip().splitlines():
        print(f"      {line}")
    peaks = re.search(r"peak memory per worker (?:\d+-)?(\d+) MiB", result.stderr)
    return count / wall, float(peaks.group(1)) if peaks else None


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--sample", type=int, default=2_000, help="articles for one-core rates")
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with one")
    parser.add_argument("--rounds", type=int, default=10, help="1 vs N worker rounds")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL URL for a run where workers write")
    parser.add_argument("--profile", action="store_true", help="cProfile the full pipeline")
    parser.add_argument("--no-one-core", action="store_true", help="skip the one-core rates")
    parser.add_argument("--no-runs", action="store_true", help="skip the whole `strife run`s")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args(argv)

    print(f"strife pipeline benchmark: python {platform.python_version()}, {platform.machine()}")
    print(f"start: {load()}")
    with tempfile.TemporaryDirectory(prefix="strife-bench-") as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        started = time.perf_counter()
        generate_corpus(corpus, args.articles)
        print(f"corpus: {args.articles:,} articles in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        articles = list(read_inputs([str(corpus)]))
        read = time.perf_counter() - started
        print(rate_line("reading (ingest)", len(articles), read))

        one = None
        if not args.no_one_core:
            print(f"\n1. one core, in process ({min(args.sample, len(articles)):,} articles)")
            one = one_core(articles[: args.sample], args.profile)

        print(f"\n2. Dask LocalClusters, 1 vs {args.workers} workers ({len(articles):,} articles)")
        ratio, peak = scaling(articles, args.workers, args.rounds)

        if not args.no_runs:
            print("\n3. whole `strife run` (read, process, store, deduplicate), subprocesses")
            local_db = f"sqlite:///{Path(scratch) / 'local.db'}"
            strife_run("local engine, SQLite", corpus, local_db)
            strife_run("local engine, SQLite, unchanged rerun", corpus, local_db)
            dask = ("--engine", "dask", "--workers", str(args.workers))
            dask_db = f"sqlite:///{Path(scratch) / 'dask.db'}"
            label = f"dask engine, {args.workers} workers"
            _, worker_peak = strife_run(f"{label}, SQLite", corpus, dask_db, *dask)
            peak = max(peak, worker_peak or 0)
            if args.pg:
                with scratch_schema(args.pg, "bench") as pg_url:
                    _, worker_peak = strife_run(f"{label}, PostgreSQL", corpus, pg_url, *dask)
                peak = max(peak, worker_peak or 0)

    print(f"\nend: {load()}")
    print(f"anchors: {ANCHORS}")
    print("deduplication of 1,000,000 events: python benchmarks/dedupe_bench.py")
    checks = [
        (f"{args.workers} workers >= {TARGET_RATIO}x one", ratio >= TARGET_RATIO, f"{ratio:.2f}x"),
        (
            f"peak memory per worker <= {TARGET_PEAK_MIB} MiB",
            peak <= TARGET_PEAK_MIB,
            f"{peak:.0f} MiB",
        ),
    ]
    if one is not None:
        target = f"full pipeline on one core >= {TARGET_RATE:.0f} articles/s"
        checks.insert(0, (target, one >= TARGET_RATE, f"{one:.1f}"))
    for name, ok, value in checks:
        print(f"  {'met    ' if ok else 'NOT MET'} {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
