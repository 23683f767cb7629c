"""The load test script, for a few seconds: many clients against a real `strife serve`.

`benchmarks/load_test.py` runs wrk (Debian's package) with 50 concurrent clients against a
server on loopback; the full 60 s run and its figures are in docs/reliability.md. Here it
runs for 5 s with the same 50 clients, and must end with no 5xx answer, no socket error,
every path answered with the status class it is meant to get, and the server alive.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    requests = int(done.stdout.split("requests: ")[1].split()[0].replace(",", ""))
    assert requests > 100  # the server really answered under load
