"""The load test script, for a few seconds: many clients against a real `strife serve`.

`benchmarks/load_test.py` runs wrk (Debian's package) with 50 concurrent clients against a
server on loopback; the full 60 s run and its figures are in docs/reliability.md. Here it
runs for 5 s with the same 50 clients, and must end with no 5xx answer, no socket error,
every path answered with the status class it is meant to get, and the server alive.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest import start_strife_serve

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "load_test.py"

pytestmark = pytest.mark.slow


def test_fifty_clients_get_no_server_errors(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:
        if os.environ.get("CI"):
            pytest.fail("wrk is not installed; CI must run the load test (apt-get install wrk)")
        pytest.skip("wrk is not installed (apt-get install wrk)")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--seconds", "5", "--connections", "50"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5xx 0" in done.stdout
    assert "socket errors: connect 0, read 0, write 0, timeout 0" in done.stdout
    for endpoint in ("map GeoJSON", "CSV export", "stats", "mix of"):
        assert f"| {endpoint}" in done.stdout  # each heavy endpoint on its own, then the mix
    counts = [
        line.split("requests: ")[1].split()[0]
        for line in done.stdout.splitlines()
        if line.startswith("requests: ")
    ]
    assert len(counts) == 4 and all(int(c.replace(",", "")) > 20 for c in counts)


def _slow_download(base: str, path: str) -> tuple[int, bytes]:
    """GET over a socket with a small window, read slowly: a client on a poor connection."""
    host, port = base.removeprefix("http://").split(":")
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
        sock.settimeout(120)
        sock.connect((host, int(port)))
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode())
        data = bytearray()
        while piece := sock.recv(16384):
            data += piece
            time.sleep(0.02)
    head, _, body = bytes(data).partition(b"\r\n\r\n")
    if b"transfer-encoding: chunked" in head.lower():
        body = _unchunk(body)
    return int(head.split()[1]), body


def _unchunk(body: bytes) -> bytes:
    """Join the chunks of a chunked body; a body cut off mid-chunk stays cut off."""
    out = bytearray()
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return bytes(out)


def test_slow_geojson_downloads_leave_the_server_responsive(tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    from serve_bench import build_database

    db = tmp_path / "many.db"
    build_database(f"sqlite:///{db}", 4000)
    log = tmp_path / "serve.log"
    server, base = start_strife_serve(db, log)
    try:
        # 16 slow streams: the old ones held two pooled connections each for as long as
        # their client took (the pool has 15), so the list waited 30 s for a connection
        # and streams were cut off after their 200.
        with ThreadPoolExecutor(max_workers=16) as pool:
            downloads = [
                pool.submit(_slow_download, base, "/api/events.geojson") for _ in range(16)
            ]
            time.sleep(1.0)
            started = time.monotonic()
            listed = httpx.get(f"{base}/api/events?limit=20", timeout=60)
            list_seconds = time.monotonic() - started
            answers = [d.result() for d in downloads]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert listed.status_code == 200 and listed.json()["total"] == 4000
    assert list_seconds < 3, f"the list took {list_seconds:.1f} s during the downloads"
    for status, body in answers:
        assert status == 200
        assert len(json.loads(body)["features"]) == 4000  # complete, not cut off
    assert "QueuePool" not in log.read_text() and "Traceback" not in log.read_text()
