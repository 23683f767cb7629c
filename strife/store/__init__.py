"""Storage: a SQLAlchemy database of articles, events, problems and merged incidents.

with Store("sqlite:///strife.db") as store:
    store.write_article(article, content_hash(article))
    store.deduplicate()
    for incident in store.incidents(Filters(country="Iraq")):
        ...
"""

from __future__ import annotations

from strife.store.store import (
    DedupeStats,
    Filters,
    Store,
    content_hash,
    database_url,
    scratch_schema,
)

__all__ = ["DedupeStats", "Filters", "Store", "content_hash", "database_url", "scratch_schema"]
