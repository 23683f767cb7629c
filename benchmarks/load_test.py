"""Load test: many concurrent clients against a real `strife serve` on loopback, with wrk.

    python benchmarks/load_test.py                       # 50 clients, 60 s per run
    python benchmarks/load_test.py --seconds 5           # a quick look
    python benchmarks/load_test.py --incidents 3000      # a generated database of 3,000
    python benchmarks/load_test.py --db events.db        # serve an existing database

Builds a database from the project's examples (`strife run examples/`) unless --db or
--incidents is given, starts `strife serve` on a free loopback port, and runs wrk (Debian's
`wrk` package) with `--connections` clients, once per heavy endpoint on its own (the map's
whole GeoJSON, the CSV export, the statistics) and once on the mix. In the mix a Lua script
sends each request to the next of a set of read endpoints: list pages with and without
filters, incident and article details, the map GeoJSON, the timeline, statistics, the
filtered CSV, and requests with bad parameters, which must be answered 4xx (each path is
first asked once, alone, and must get the status class it is meant to). During the load
wrk counts the answers by status class.

While each heavy endpoint is loaded, one more client asks for a page of the list
(`/api/events?limit=20`) twice a second, to show that the other endpoints keep answering.

Prints, per run, requests per second, latency percentiles (p50, p90, p99, max), the counts
and the socket errors, then a table of all runs; exits 1 when any answer was a 5xx, any
socket error occurred, a path got the wrong status class, a list page during a heavy run
failed or took longer than --timeout, the server logged a traceback or a pool exhaustion,
or the server process died. Bounded: wrk stops after
--seconds, and each request times out after --timeout seconds (counted as an error).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each path is tagged with the status class it must get: "2" for success, "4" for refusal.
READS = [
    "/api/events?limit=100",
    "/api/events?limit=20&sort=-fatalities",
    "/api/events?event_type=Battles&limit=50",
    "/api/events?country=Nigeria&since=2020-01-01",
    "/api/events?q=killed&limit=20",
    "/api/events.geojson?zoom=3&bbox=-180,-85,180,85",
    "/api/events.geojson",
    "/api/stats",
    "/api/stats?include=weekly",
    "/api/events.csv?event_type=Battles",
    "/",
]
# Each heavy endpoint is also loaded on its own: name, path.
HEAVY = [
    ("map GeoJSON", "/api/events.geojson"),
    ("CSV export", "/api/events.csv"),
    ("stats", "/api/stats"),
]
REFUSALS = [
    "/api/events?limit=-5",
    "/api/events?since=yesterday",
    "/api/events?bbox=1,2,3",
    "/api/events?sort=drop",
    "/api/events/no-such-incident",
]

LUA = r"""
local paths = {%(paths)s}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  s2, s3, s4, s5 = 0, 0, 0, 0
  counter = id
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  if class == 2 then s2 = s2 + 1 elseif class == 3 then s3 = s3 + 1
  elseif class == 4 then s4 = s4 + 1 else s5 = s5 + 1 end
end

function done(summary, latency, requests)
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do t[key] = t[key] + thread:get(key) end
  end
  local e = summary.errors
  io.write(string.format("STRIFE %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    t.s2, t.s3, t.s4, t.s5))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _strife(*args: str) -> list[str]:
    return [sys.executable, "-m", "strife", *args]


def _wait_until_up(base: str, server: subprocess.Popen[bytes], limit_s: float = 120.0) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"strife serve exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"strife serve did not answer within {limit_s:.0f} s")


def _detail_paths(base: str) -> list[str]:
    """Incident and article details of the database's first incidents."""
    with urllib.request.urlopen(base + "/api/events?limit=5", timeout=10) as answer:
        items = json.load(answer)["items"]
    paths = [f"/api/events/{item['incident_id']}" for item in items if item.get("incident_id")]
    for item in items[:2]:
        for source in item.get("sources") or []:
            if source.get("article_id"):
                paths.append(f"/api/articles/{source['article_id']}")
                break
    return paths


def _lua(paths: list[str]) -> str:
    return LUA % {"paths": ", ".join(json.dumps(path) for path in paths)}


def _wrong_answers(base: str, paths: list[tuple[str, int]]) -> list[str]:
    """Ask each path once, before the load: each must get the status class it is meant to."""
    wrong = []
    for path, expected in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as answer:
                status = answer.status
        except urllib.error.HTTPError as refusal:
            status = refusal.code
        if status // 100 != expected:
            wrong.append(f"{path}: {status}, expected {expected}xx")
    return wrong


def main(argv: list[str] | None = None) -> int:
    """Serve a database, load it with wrk, print rates and percentiles; 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", help="SQLite file or SQLAlchemy URL (default: built from examples/)"
    )
    parser.add_argument(
        "--incidents", type=int, help="generate a database of this many incidents instead"
    )
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seconds", type=int, default=60, help="how long each run lasts")
    parser.add_argument("--timeout", type=int, default=10, help="per request, in seconds")
    args = parser.parse_args(argv)

    wrk = shutil.which("wrk")
    if wrk is None:
        print("load_test: wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="strife-load-") as folder:
        return _load(args, wrk, Path(folder))


def _database(args: argparse.Namespace, work: Path) -> str:
    """Return the database to serve: given, generated, or built from the examples."""
    if args.db is not None:
        return str(args.db)
    db = work / "load.db"
    if args.incidents:
        from serve_bench import build_database  # the same folder: run as a script

        build_database(f"sqlite:///{db}", args.incidents)
        return str(db)
    subprocess.run(
        _strife("run", str(ROOT / "examples"), "--db", str(db)),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return str(db)


def _wrk(args: argparse.Namespace, wrk: str, base: str, script: Path) -> dict[str, int] | None:
    """Run wrk with a Lua script; return its counts, or None when wrk failed."""
    command = [
        wrk,
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={args.seconds}s",
        f"--timeout={args.timeout}s",
        f"--script={script}",
        base,
    ]
    print("      " + " ".join(command[:-2]) + f" --script={script.name} " + base)
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.seconds + 120)
    found = re.search(r"^STRIFE ([\d ]+)$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not found:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        return None
    names = "requests duration connect read write timeout p50 p90 p99 max s2 s3 s4 s5"
    return dict(zip(names.split(), (int(v) for v in found.group(1).split()), strict=True))


class ListProbe(threading.Thread):
    """Ask for one list page twice a second until stopped; keep each answer's time."""

    PATH = "/api/events?limit=20"

    def __init__(self, base: str, timeout: float) -> None:
        super().__init__(daemon=True)
        self.base, self.timeout = base, timeout
        self.seconds: list[float] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        """Probe until :attr:`stop` is set."""
        while not self.stop.wait(0.5):
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + self.PATH, timeout=self.timeout) as answer:
                    answer.read()
            except OSError as exc:  # an HTTP error, a refused connection or a timeout
                self.failures.append(f"{type(exc).__name__}: {exc}")
                continue
            self.seconds.append(time.monotonic() - started)

    def summary(self) -> str:
        """One line: how many pages, their median and slowest time, the failures."""
        times = sorted(self.seconds)
        if not times:
            return f"list during the run: no answer, {len(self.failures)} failed"
        median = times[len(times) // 2] * 1000
        return (
            f"list during the run: {len(times)} pages, p50 {median:,.0f} ms, "
            f"max {times[-1] * 1000:,.0f} ms, {len(self.failures)} failed"
        )


def _report(name: str, r: dict[str, int]) -> bool:
    """Print one run's figures; return True when it had no 5xx and no socket error."""
    seconds = r["duration"] / 1e6
    errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
    rate = r["requests"] / seconds
    print(f"requests: {r['requests']:,} in {seconds:.1f} s = {rate:,.1f} requests/s")
    print(
        f"latency:  p50 {r['p50'] / 1000:.1f} ms   p90 {r['p90'] / 1000:.1f} ms   "
        f"p99 {r['p99'] / 1000:.1f} ms   max {r['max'] / 1000:.1f} ms"
    )
    print(f"answers:  2xx {r['s2']:,}   3xx {r['s3']:,}   4xx {r['s4']:,}   5xx {r['s5']:,}")
    print(
        f"socket errors: connect {r['connect']}, read {r['read']}, write {r['write']}, "
        f"timeout {r['timeout']}"
    )
    return r["s5"] == 0 and errors == 0


def _load(args: argparse.Namespace, wrk: str, work: Path) -> int:
    """Build or take the database, serve it, ask each path once, then run wrk per endpoint."""
    url = _database(args, work)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "STRIFE_API_TOKEN": ""}
    log = work / "serve.log"
    with log.open("wb") as sink:  # a file: a pipe nobody reads would stall the server
        server = subprocess.Popen(
            _strife("serve", "--db", url, "--port", str(port), "--log-level", "warning"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    runs: list[tuple[str, dict[str, int] | None]] = []
    probes: dict[str, ListProbe] = {}
    try:
        _wait_until_up(base, server)
        paths = [(p, 2) for p in READS + _detail_paths(base)] + [(p, 4) for p in REFUSALS]
        wrong = _wrong_answers(base, paths)
        plans = [(name, [path]) for name, path in HEAVY]
        plans.append((f"mix of {len(paths)} paths", [path for path, _ in paths]))
        for name, plan in plans:
            script = work / f"run{len(runs)}.lua"
            script.write_text(_lua(plan), encoding="utf-8")
            print(f"\n== {name}: {args.connections} clients for {args.seconds} s")
            probe = ListProbe(base, args.timeout)
            if name in dict(HEAVY):
                probes[name] = probe
                probe.start()
            result = _wrk(args, wrk, base, script)
            probe.stop.set()
            if probe.is_alive():
                probe.join()
            runs.append((name, result))
            if result is not None:
                _report(name, result)
            if name in probes:
                print(probe.summary())
        alive = server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    failed = not alive or bool(wrong)
    print(
        "\n| endpoint | requests/s | p50 ms | p99 ms | 2xx | 5xx | socket errors "
        "| list page meanwhile, max ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in runs:
        probe = probes.get(name)
        meanwhile = "–"
        if probe is not None:
            meanwhile = f"{max(probe.seconds) * 1000:,.0f}" if probe.seconds else "none"
            failed = failed or bool(probe.failures) or not probe.seconds
        if r is None:
            print(f"| {name} | wrk failed | | | | | | {meanwhile} |")
            failed = True
            continue
        errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
        rate = r["requests"] / (r["duration"] / 1e6)
        print(
            f"| {name} | {rate:,.1f} | {r['p50'] / 1000:,.0f} | {r['p99'] / 1000:,.0f} | "
            f"{r['s2']:,} | {r['s5']} | {errors} | {meanwhile} |"
        )
        failed = failed or r["s5"] > 0 or errors > 0
    print(f"\npaths answered with the wrong status class before the load: {len(wrong)}")
    for line in wrong:
        print("   " + line)
    print(f"server alive at the end: {alive}")
    logged = log.read_text(encoding="utf-8", errors="replace")
    if "Traceback" in logged or "QueuePool" in logged:
        print("the server logged a problem:\n" + logged[-2000:])
        failed = True
    print("FAILED" if failed else "ok: no server errors, no socket errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
