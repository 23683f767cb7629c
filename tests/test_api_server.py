"""`strife serve` as a process: its access log, a busy port, and stopping mid-post."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import start_strife_serve

TOKEN = "a long and secret test token"
PLACES = ["Kismayo", "Baidoa", "Beledweyne", "Jowhar", "Marka", "Afgooye", "Garowe", "Bosaso"]


def _serve(
    db: Path, log: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    return start_strife_serve(db, log, *args, env=env)


def _stop(server: subprocess.Popen[bytes]) -> float:
    """SIGTERM the server; return how long it took to exit."""
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    return time.monotonic() - started


def test_access_log_has_one_line_per_request_unless_quieter(tmp_path: Path) -> None:
    log = tmp_path / "info.log"
    server, base = _serve(tmp_path / "new.db", log, "--token", TOKEN)
    httpx.get(f"{base}/api/events?limit=3")
    httpx.get(f"{base}/no-such-page")
    _stop(server)
    text = log.read_text()
    assert '"GET /api/events?limit=3 HTTP/1.1" 200' in text
    assert '"GET /no-such-page HTTP/1.1" 404' in text
    quiet_log = tmp_path / "warning.log"
    server, base = _serve(
        tmp_path / "new.db", quiet_log, "--token", TOKEN, "--log-level", "warning"
    )
    httpx.get(f"{base}/api/events?limit=3")
    _stop(server)
    assert "GET /api/events" not in quiet_log.read_text()


def test_busy_port_is_one_clear_error_and_status_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "strife",
                "serve",
                "--db",
                str(tmp_path / "x.db"),
                "--token",
                TOKEN,
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.strip() == f"strife: cannot listen on 127.0.0.1:{port}: the port is in use"
    assert "serving" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.db").exists()  # nothing was started


def _article(number: int, sentences: int) -> dict[str, str]:
    # Every line differs, so cleaning (which drops repeated lines) leaves all the work.
    lines = []
    for n in range(sentences):
        place = PLACES[(number + n) % len(PLACES)]
        lines.append(
            f"Gunmen attacked a market in {place} on Tuesday, killing {n % 9 + 2} traders, "
            f"a district official told reporters in call number {number * 1000 + n}."
        )
    return {"id": f"market-{number}", "published": "2024-03-05", "text": "\n\n".join(lines)}


@pytest.mark.slow
def test_sigterm_stops_the_server_during_a_long_post(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    server, base = _serve(
        tmp_path / "posted.db",
        log,
        "--token",
        TOKEN,
        env={"STRIFE_MAX_POST_CHARS": "50000000", "STRIFE_MAX_BODY_BYTES": "50000000"},
    )
    # A first post loads the pipeline's resources, so the second one is all processing.
    warm = httpx.post(f"{base}/api/articles", json=_article(0, 3), headers=auth, timeout=300)
    assert warm.status_code == 200, warm.text
    many = [_article(n, 800) for n in range(1, 101)]  # 100 articles of about 95,000 characters
    answers: list[object] = []

    def post() -> None:
        try:
            answers.append(httpx.post(f"{base}/api/articles", json=many, headers=auth, timeout=600))
        except httpx.TransportError as exc:
            answers.append(exc)

    poster = threading.Thread(target=post)
    poster.start()
    time.sleep(3)
    try:
        assert not answers, f"the post finished too soon to test stopping during it: {answers}"
    finally:
        seconds = _stop(server)  # never leave the server running, whatever happened
        poster.join(timeout=60)
    assert seconds < 8, f"the server took {seconds:.1f} s to stop"
    assert server.returncode in {0, -signal.SIGTERM}, log.read_text()
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
