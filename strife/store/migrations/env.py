"""Alembic environment: migrate the connection strife hands over, or a URL from the config."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from strife.store.schema import metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER TABLE by copying the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    if context.is_offline_mode():
        context.configure(
            url=config.get_main_option("sqlalchemy.url"),
            target_metadata=metadata,
            literal_binds=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = sa.create_engine(str(config.get_main_option("sqlalchemy.url")))
    with engine.begin() as owned:
        _run(owned)
    engine.dispose()


_main()
