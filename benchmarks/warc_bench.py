"""Benchmark reading a WARC archive: records/s and peak memory, reading alone and `strife run`.

    python benchmarks/warc_bench.py                  # 10,000 pages
    python benchmarks/warc_bench.py --pages 1000     # a quicker look

Generates a corpus of varied examples (benchmarks/corpus.py), writes each article as an
HTML page into one .warc.gz (a request record and a response record per page, as a crawler
writes them) with warcio's writer, then measures, each in its own process:

1. reading alone: every page through `strife.ingest.read_inputs` (HTML extraction and
   language detection included), without processing;
2. the whole `strife run` into a fresh SQLite file (read, process, store, deduplicate).

Peak memory is each process's maximum resident set size. Not a test: run it by hand and
copy the result to docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_corpus  # noqa: E402

# A child process runs this and prints its own peak memory (kB) as its last line.
_CHILD = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
_READ = """
import sys
from strife.ingest import read_inputs
counts = {"pages": 0, "failed": 0}
for article in read_inputs([sys.argv[1]]):
    counts["pages"] += 1
    counts["failed"] += article.failed
print(counts)
"""


def write_warc(corpus: Path, archive: Path) -> int:
    """Write every .txt of a generated corpus as an HTML response record; return the count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    metadata = {
        r["id"]: r
        for r in map(json.loads, (corpus / "metadata.jsonl").read_text("utf-8").splitlines())
    }
    count = 0
    with archive.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for path in sorted(corpus.glob("*.txt")):
            meta = metadata.get(path.stem, {})
            url = meta.get("url") or f"https://bench.example/{path.stem}"
            title, _, body = path.read_text("utf-8").partition("\n")
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.splitlines() if p.strip())
            page = (
                f"<html><head><title>{escape(title)}</title>"
                f'<meta property="article:published_time" content="{meta.get("published")}">'
                f"</head><body><article><h1>{escape(title)}</h1>{paragraphs}</article>"
                "</body></html>"
            ).encode()
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
            )
            payload = io.BytesIO(page)
            record = writer.create_warc_record(
                url, "response", payload=payload, length=len(page), http_headers=headers
            )
            writer.write_record(record)
            count += 1
    return count


def measure(args: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run `python -m ARGS` in a child; return (seconds, peak kB, its stderr)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0,):
        raise SystemExit(f"{args} failed ({done.returncode}): {done.stderr[-2000:]}")
    *rest, peak = done.stderr.strip().splitlines()
    return seconds, int(peak), "\n".join(rest) + done.stdout


def main() -> None:
    """Generate the archive, run both measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    options = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate_corpus(work / "corpus", options.pages)
        archive = work / "bench.warc.gz"
        pages = write_warc(work / "corpus", archive)
        size = archive.stat().st_size
        print(f"archive: {pages:,} pages, {2 * pages:,} records, {size / 2**20:.1f} MiB gzipped")
        reader = work / "read_only.py"
        reader.write_text(_READ, encoding="utf-8")
        seconds, peak, out = measure(["read_only", str(archive)], cwd=work)
        print(
            f"reading alone: {pages / seconds:,.1f} pages/s ({2 * pages / seconds:,.1f} records/s),"
            f" {seconds:.1f} s, peak memory {peak / 1024:.0f} MiB; {out.strip()}"
        )
        db = work / "bench.db"
        seconds, peak, out = measure(["strife", "run", str(archive), "--db", str(db)], cwd=work)
        summary = " | ".join(line for line in out.splitlines() if line.startswith("strife:"))
        print(
            f"strife run: {pages / seconds:,.1f} pages/s, {seconds:.1f} s, "
            f"peak memory {peak / 1024:.0f} MiB\n  {summary}"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
