"""Benchmark cross-source deduplication on generated events with known duplicates.

    python benchmarks/dedupe_bench.py                  # 1,000,000 events
    python benchmarks/dedupe_bench.py --events 100000  # a quicker look

Generates events with an ACLED-like spread of countries, hot towns, dates over six years
and 1-6 reports per incident (strife.dedupe.synthetic), then times the dedupe core
(`cluster_events`) and the reconciliation of every incident, and prints events per second,
the peak resident memory of the process and the pairwise precision/recall of "same
incident" against the generator's truth. Not a test: run it by hand and copy the result
to docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import sys
import time

from strife.dedupe import cluster_events, reconcile
from strife.dedupe.synthetic import generate_events, pairwise_scores


def peak_rss_mib() -> float:
    """Return the peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="how many events")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--no-reconcile", action="store_true", help="time the clustering only")
    args = parser.parse_args(argv)

    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    started = time.perf_counter()
    events, truth = generate_events(args.events, seed=args.seed)
    generated = time.perf_counter() - started
    print(
        f"generated {len(events):,} events in {len(truth):,} true incidents "
        f"in {generated:.1f} s (peak memory so far {peak_rss_mib():,.0f} MiB)"
    )
    gc.collect()

    started = time.perf_counter()
    groups = cluster_events(events)
    clustered = time.perf_counter() - started
    print(
        f"cluster_events: {clustered:.1f} s, {len(events) / clustered:,.0f} events/s, "
        f"{len(groups):,} incidents"
    )

    total = clustered
    if not args.no_reconcile:
        by_id = {e.event_id: e for e in events}
        started = time.perf_counter()
        merged = 0
        for group in groups:
            reconcile([by_id[i] for i in group])
            merged += 1
        reconciled = time.perf_counter() - started
        total += reconciled
        print(f"reconcile: {reconciled:.1f} s for {merged:,} incidents")

    scores = pairwise_scores(groups, truth)
    print(
        f"pairwise same-incident precision {scores['precision']:.3f}, "
        f"recall {scores['recall']:.3f}, F1 {scores['f1']:.3f} "
        f"({int(scores['true_pairs']):,} true pairs)"
    )
    print(
        f"dedupe total: {total:.1f} s ({len(events) / total:,.0f} events/s); "
        f"peak memory {peak_rss_mib():,.0f} MiB (including the generated events)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
