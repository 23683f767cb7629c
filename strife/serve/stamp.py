"""A cheap value that changes whenever a write is committed to the served database.

The exports keep their last rendering under this stamp and serve it again only while the
stamp is unchanged, so a write committed by anyone (a post to this server, `strife run`
or Dask workers on the same database) is in every export asked for after it.

- SQLite: ``PRAGMA data_version`` on a connection of its own that never writes; SQLite
  changes it whenever another connection commits to the file.
- PostgreSQL: the current snapshot (``pg_current_snapshot()``: the oldest running
  transaction, the next transaction id, the ones in progress). Two equal snapshots see
  the same committed data, and any commit changes it (as do commits to other databases of
  the same server, which only costs a render).
- Anything else (an in-memory SQLite database): no stamp, and the exports are rendered
  for every request.
"""

from __future__ import annotations

import sqlite3
import threading

import sqlalchemy as sa


class ChangeStamp:
    """Read a stamp of the database's committed state (None when it cannot be known)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        url = engine.url
        self._sqlite_path: str | None = None
        if engine.dialect.name == "sqlite" and _is_plain_file(url):
            self._sqlite_path = url.database

    def read(self) -> str | None:
        """Return the stamp now: equal stamps mean no write was committed in between."""
        if self._sqlite_path is not None:
            with self._lock:  # one connection, shared by the worker threads
                if self._sqlite is None:
                    # Autocommit, never writes: each read sees the file's latest version.
                    self._sqlite = sqlite3.connect(
                        self._sqlite_path, check_same_thread=False, isolation_level=None
                    )
                version = self._sqlite.execute("PRAGMA data_version").fetchone()[0]
            return f"sqlite {version}"
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as conn:
                return str(conn.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar())
        return None


def _is_plain_file(url: sa.URL) -> bool:
    """True for a SQLite file named by its path (not in memory, not a file: URI)."""
    database = url.database or ""
    return bool(database) and database != ":memory:" and not url.query.get("uri")
