"""Latency of `strife serve` on a generated database of 100,000 incidents.

    python benchmarks/serve_bench.py                   # builds bench-serve.db once, reuses it
    python benchmarks/serve_bench.py --incidents 20000 --db other.db --rebuild

The database is built from strife.dedupe.synthetic (ACLED-like spread over 25 countries and
six years), each true incident reconciled from its reports and written with bulk inserts,
so building it takes tens of seconds, not the hours 100,000 single-article transactions
would. Then `strife serve` runs as a real server on a free loopback port, and the script
times sequential HTTP requests: a page of the list, the whole-world map GeoJSON, a zoomed
map view, the timeline statistics and a free-text search. Every loop is bounded both in
count and in time; requests go to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from strife.dedupe import Incident, reconcile
from strife.dedupe.synthetic import generate_events
from strife.export.records import report_to_dict, source_to_dict
from strife.model import Article, Event
from strife.store import Store, schema

TARGETS_MS = {"list": 100.0, "world map": 1000.0}
EVENTS_PER_INCIDENT = 1.8  # the generator's mean number of reports per true incident


def _chunks(rows: Sequence[dict[str, Any]], size: int = 5000) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _incident_row(incident: Incident) -> dict[str, Any]:
    row = {name: getattr(incident.event, name) for name in schema.EVENT_COLUMN_NAMES}
    row.update(
        incident_id=incident.incident_id,
        article_id=incident.event.article_id,
        number_of_sources=incident.number_of_sources,
        source=incident.source,
        sources=[source_to_dict(s) for s in incident.sources],
        conflicting=incident.conflicting,
        conflicting_reports=[report_to_dict(r) for r in incident.conflicting_reports] or None,
    )
    return row


def build_database(url: str, incidents: int) -> None:
    """Generate events until there are ``incidents`` true incidents, and store them all."""
    started = time.perf_counter()
    events, truth = generate_events(int(incidents * EVENTS_PER_INCIDENT) + 1000, seed=7)
    truth = truth[:incidents]
    by_id = {e.event_id: e for e in events}
    kept: list[Event] = [by_id[i] for group in truth for i in group]
    outlets = ("Desert Wire", "Meridian Wire", "Lake Chad Monitor", "Continental Times")
    stubs = {
        e.article_id: Article(
            id=e.article_id, outlet=outlets[int(e.article_id[1:]) % 4], published=e.event_date
        )
        for e in kept
    }
    merged = [reconcile([by_id[i] for i in group], stubs) for group in truth]
    print(
        f"generated {len(kept):,} reports of {len(merged):,} incidents "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    now = datetime.now(UTC)
    article_rows = [
        {
            "id": e.article_id,
            "url": f"https://news.example/{e.article_id}",
            "outlet": stubs[e.article_id].outlet,
            "published": e.event_date,
            "published_source": "metadata",
            "title": f"Report {e.article_id}",
            "text": e.evidence[0].text,
            "dateline": None,
            "source_path": None,
            "content_hash": e.article_id,
            "provenance": [],
            "failed": False,
            "processed_at": now,
        }
        for e in kept
    ]
    event_rows = []
    evidence_rows = []
    for e in kept:
        row = {name: getattr(e, name) for name in schema.EVENT_COLUMN_NAMES}
        row.update(event_id=e.event_id, article_id=e.article_id, seq=0)
        event_rows.append(row)
        for seq, quote in enumerate(e.evidence):
            evidence_rows.append(
                {
                    "event_id": e.event_id,
                    "seq": seq,
                    "article_id": quote.article_id,
                    "text": quote.text,
                    "start_offset": quote.start,
                    "end_offset": quote.end,
                    "fields": list(quote.fields),
                }
            )
    link_rows = [
        {"incident_id": i.incident_id, "event_id": event_id}
        for i in merged
        for event_id in i.event_ids
    ]
    with Store(url) as store, store.engine.begin() as conn:
        for table, rows in (
            (schema.articles, article_rows),
            (schema.events, event_rows),
            (schema.evidence, evidence_rows),
            (schema.incidents, [_incident_row(i) for i in merged]),
            (schema.incident_events, link_rows),
        ):
            for chunk in _chunks(rows):
                conn.execute(table.insert(), list(chunk))
    print(f"database built in {time.perf_counter() - started:.1f} s", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_requests(
    client: httpx.Client, path: str, *, count: int, budget_s: float
) -> tuple[list[float], int]:
    """Time sequential GETs of one path (after one warm-up); return milliseconds and bytes."""
    if count > 3:
        client.get(path).raise_for_status()  # warm-up
    times: list[float] = []
    size = 0
    deadline = time.monotonic() + budget_s
    while len(times) < count and time.monotonic() < deadline:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        times.append(elapsed)
        size = len(response.content)
    return times, size


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) the database, serve it, and print latency percentiles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--db", default="bench-serve.db", help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--requests", type=int, default=100, help="per endpoint, at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="per endpoint, at most")
    args = parser.parse_args(argv)

    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if args.rebuild and path.exists():
            path.unlink()
        if not path.exists():
            build_database(url, args.incidents)
    elif args.rebuild:
        build_database(url, args.incidents)
    engine = sa.create_engine(url)
    table = schema.incidents
    with engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
        # The busiest town, for a zoomed-in view that has markers in it.
        lat, lon = conn.execute(
            sa.select(table.c.latitude, table.c.longitude)
            .where(table.c.geo_precision == 1)
            .group_by(table.c.latitude, table.c.longitude)
            .order_by(sa.func.count().desc())
            .limit(1)
        ).one()
    engine.dispose()
    print(f"database: {stored:,} incidents")
    town = f"{lon - 0.3:.3f},{lat - 0.2:.3f},{lon + 0.3:.3f},{lat + 0.2:.3f}"

    port = _free_port()
    env = {**os.environ, "STRIFE_API_TOKEN": ""}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "strife", "serve", "--db", url, "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    cases = [
        ("list", "/api/events?limit=100"),
        (
            "list, filtered",
            "/api/events?limit=100&country=Syria&event_type=Battles&sort=-fatalities",
        ),
        ("world map", "/api/events.geojson?zoom=2&bbox=-180,-85,180,85"),
        ("world map, no bbox", "/api/events.geojson?zoom=2"),
        ("country map", "/api/events.geojson?zoom=6&bbox=33,46,38,51"),
        ("town map", f"/api/events.geojson?zoom=10&bbox={town}"),
        ("timeline", "/api/stats?include=weekly"),
        ("all stats", "/api/stats"),
        ("free text", "/api/events?limit=100&q=checkpoint"),
        # Whole-database exports: streamed, timed to the last byte, a few times only.
        ("CSV export", "/api/events.csv"),
        ("GeoJSON export", "/api/events.geojson"),
    ]
    failed = False
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/stats?since=2100-01-01").raise_for_status()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("strife serve did not start") from None
                    time.sleep(0.3)
            # The first start on a database creates the dashboard's indexes.
            print(f"server ready in {time.perf_counter() - started:.1f} s")
            print(f"{'request':<20} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>10}  path")
            for name, path in cases:
                count = args.requests
                if "export" in name:
                    count = 3
                elif "map" in name and "town" not in name:
                    count = max(1, args.requests // 4)
                times, size = time_requests(client, path, count=count, budget_s=args.seconds)
                p50, p95 = statistics.median(times), _percentile(times, 0.95)
                target = TARGETS_MS.get(name)
                verdict = "" if target is None else ("  ok" if p95 < target else "  OVER TARGET")
                failed |= target is not None and p95 >= target
                row = f"{name:<20} {len(times):>4} {p50:>8.1f} {p95:>8.1f} {size:>10,}"
                print(f"{row}  {path}{verdict}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    print("targets: p95 < 100 ms for the list, < 1000 ms for the world map")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
