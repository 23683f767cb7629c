"""Schema migrations: bring a database to the current schema with alembic, in-process.

python -m strife.store.migrate upgrade [URL]          # what opening a Store does
python -m strife.store.migrate revision -m MESSAGE    # autogenerate a new migration
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
# PostgreSQL advisory lock key, so that several workers opening one database at once
# migrate it one after the other instead of racing to create the same tables.
_LOCK_KEY = 0x5357_5246  # "STRF"


def alembic_config(url: str | None = None) -> Config:
    """Return an alembic Config for the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """Return the newest migration's revision id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    """Return the revision a database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Apply every pending migration to the database behind an engine."""
    head = head_revision()
    with engine.connect() as connection:
        if current_revision(connection) == head:
            return  # the common case: nothing to do, and no lock taken
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        if current_revision(connection) == head:
            return
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _main(argv: list[str]) -> int:
    if argv[:1] == ["upgrade"]:
        url = argv[1] if len(argv) > 1 else "sqlite:///strife.db"
        engine = sa.create_engine(url)
        upgrade(engine)
        engine.dispose()
        return 0
    if argv[:1] == ["revision"] and "-m" in argv:
        message = argv[argv.index("-m") + 1]
        url = "sqlite:///" + str(Path.cwd() / ".strife-autogenerate.db")
        engine = sa.create_engine(url)
        upgrade(engine)
        engine.dispose()
        command.revision(alembic_config(url), message=message, autogenerate=True)
        Path(".strife-autogenerate.db").unlink(missing_ok=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
