"""A fresh PostgreSQL schema per test (or module), on the server STRIFE_TEST_PG_URL names."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from strife.store import scratch_schema


def postgres_schema_url() -> Iterator[str]:
    """Yield a URL whose search_path is a fresh schema; skip without a server (fail in CI)."""
    base = os.environ.get("STRIFE_TEST_PG_URL")
    if not base:
        message = "STRIFE_TEST_PG_URL is not set (start a server: scripts/start-postgres.sh)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the PostgreSQL tests")
        pytest.skip(message)
    import sqlalchemy as sa

    # Only creating or dropping the schema can raise here: pytest does not throw a test's
    # own failure into its fixture.
    try:
        with scratch_schema(base, "t") as url:
            yield url
    except sa.exc.OperationalError as exc:
        pytest.fail(f"PostgreSQL at STRIFE_TEST_PG_URL is not reachable: {exc}")
