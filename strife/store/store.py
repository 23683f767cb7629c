"""The Store: articles, their events and problems, and the incidents they merge into.

Any SQLAlchemy URL works (SQLite by default, PostgreSQL for teams). Opening a store
applies pending migrations. Writes are idempotent and one transaction per article: an
unchanged article is skipped, a changed one replaces its own events, and the incidents
its old events belonged to are taken apart so the next :meth:`Store.deduplicate` pass
rebuilds them. Events that belong to no incident yet are "pending"; a pass clusters them
together with the stored events near them in time, so new reports join existing incidents.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from strife.dedupe import cluster_events, reconcile
from strife.errors import StoreError
from strife.model import Article, Event, Evidence, Incident, Problem, Report, Source
from strife.store import schema
from strife.store.migrate import upgrade

# How far (days) around a pending event stored events can still be the same incident: the
# widest date window (precision 3, ±15 days) on both sides, plus the one-day slack.
NEIGHBOUR_DAYS = 32
_CHUNK = 500  # rows per IN (...) list: well under every backend's parameter limit
_FIGURE_FIELDS = tuple(f.name for f in fields(Report) if f.name not in {"quotes"})
_DEDUPE_LOCK_KEY = 0x4444  # PostgreSQL advisory lock class of a country's dedupe pass ("DD")


@dataclass(frozen=True, slots=True)
class Filters:
    """Which incidents (or events) a query returns; None means no restriction."""

    country: str | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    historical: bool | None = None


@dataclass(frozen=True, slots=True)
class DedupeStats:
    """What one deduplication pass did."""

    pending: int  # events that had no incident
    considered: int  # pending events plus the stored neighbours clustered with them
    incidents_written: int
    incidents_removed: int


def database_url(value: str) -> str:
    """Return a SQLAlchemy URL for a URL or a bare file path (a path means SQLite)."""
    return value if "://" in value else f"sqlite:///{value}"


@contextmanager
def scratch_schema(url: str, prefix: str = "scratch") -> Iterator[str]:
    """Yield a PostgreSQL URL whose search_path is a new, empty schema; drop it afterwards.

    For tests and benchmarks: each gets a database of its own on a shared server.
    """
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        fresh = sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield fresh.render_as_string(hide_password=False)
        finally:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def content_hash(article: Article, *, include_background: bool = False) -> str:
    """Return a fingerprint of what was read for an article, to skip unchanged ones."""
    parts = {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_source": article.published_source,
        "title": article.title,
        "raw": article.raw,
        "html": article.html,
        # Storing background incidents or not changes what is stored for the same text.
        "include_background": include_background,
    }
    encoded = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _lock_key(country: str | None) -> int:
    """Return a stable signed 32-bit key for a country (PostgreSQL advisory lock ids)."""
    value = zlib.crc32((country or "").encode("utf-8"))
    return value - (1 << 32) if value >= 1 << 31 else value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Writers wait for each other instead of failing with "database is locked".
    cursor.execute("PRAGMA busy_timeout=60000")
    # Readers (strife serve, exports) keep reading while a run writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _event_row(event: Event, seq: int) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in schema.EVENT_COLUMN_NAMES}
    row.update(event_id=event.event_id, article_id=event.article_id, seq=seq)
    return row


def _event_from_row(row: sa.RowMapping, evidence: Sequence[Evidence] = ()) -> Event:
    values = {name: row[name] for name in schema.EVENT_COLUMN_NAMES}
    values["historical"] = bool(values["historical"])
    event_id = row["incident_id"] if "incident_id" in row else row["event_id"]
    return Event(
        event_id=event_id, article_id=row["article_id"], evidence=tuple(evidence), **values
    )


def _evidence_from_row(row: sa.RowMapping) -> Evidence:
    return Evidence(
        article_id=row["article_id"],
        text=row["text"],
        start=row["start_offset"],
        end=row["end_offset"],
        fields=tuple(row["fields"]),
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _incident_row(incident: Incident) -> dict[str, Any]:
    row = {name: getattr(incident.event, name) for name in schema.EVENT_COLUMN_NAMES}
    row.update(
        incident_id=incident.incident_id,
        article_id=incident.event.article_id,
        number_of_sources=incident.number_of_sources,
        source=incident.source,
        sources=[
            {f.name: _plain(getattr(s, f.name)) for f in fields(Source)} for s in incident.sources
        ],
        conflicting=incident.conflicting,
        conflicting_reports=[
            {**{name: getattr(r, name) for name in _FIGURE_FIELDS}, "quotes": list(r.quotes)}
            for r in incident.conflicting_reports
        ]
        or None,
    )
    return row


def _incident_from_row(
    row: sa.RowMapping, event_ids: Sequence[str], evidence: Sequence[Evidence]
) -> Incident:
    sources = tuple(
        Source(**{**s, "published": date.fromisoformat(s["published"]) if s["published"] else None})
        for s in row["sources"]
    )
    reports = tuple(
        Report(**{**r, "quotes": tuple(r.get("quotes", ()))})
        for r in (row["conflicting_reports"] or ())
    )
    return Incident(
        incident_id=row["incident_id"],
        event=_event_from_row(row, evidence),
        event_ids=tuple(event_ids),
        sources=sources,
        number_of_sources=row["number_of_sources"],
        source=row["source"],
        conflicting=bool(row["conflicting"]),
        conflicting_reports=reports,
    )


def _merge_windows(days: Iterable[date], reach: int) -> list[tuple[date, date]]:
    """Return the union of [day - reach, day + reach] over all days, as sorted ranges."""
    windows: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        start, end = day - timedelta(days=reach), day + timedelta(days=reach)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


class Store:
    """A strife database: open it with a URL, write articles, deduplicate, query."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = database_url(url)
        try:
            self.engine = sa.create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            if migrate:
                upgrade(self.engine)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot open the database {self.safe_url()}: {exc}") from exc

    def safe_url(self) -> str:
        """Return the database URL with its password hidden, for messages."""
        return sa.make_url(self.url).render_as_string(hide_password=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------------

    def stored_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Return the content hash stored for each of these articles that is stored."""
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(article_ids)):
                query = sa.select(schema.articles.c.id, schema.articles.c.content_hash).where(
                    schema.articles.c.id.in_(chunk)
                )
                found.update({row.id: row.content_hash for row in conn.execute(query)})
        return found

    def write_article(self, article: Article, digest: str, *, replace_same: bool = False) -> bool:
        """Store an article with its events and problems in one transaction.

        Returns False (and writes nothing) when the article is stored with the same digest,
        unless ``replace_same`` asks to replace it all the same (a forced reprocessing).
        """
        articles = schema.articles
        try:
            with self.engine.begin() as conn:
                stored = conn.execute(
                    sa.select(articles.c.content_hash).where(articles.c.id == article.id)
                ).first()
                if stored is not None and stored.content_hash == digest and not replace_same:
                    return False
                if stored is not None:
                    self._remove_article_rows(conn, article.id)
                conn.execute(
                    articles.insert(),
                    {
                        "id": article.id,
                        "url": article.url,
                        "outlet": article.outlet,
                        "published": article.published,
                        "published_source": article.published_source,
                        "title": article.title,
                        "text": article.text,
                        "dateline": article.dateline,
                        "source_path": article.source_path,
                        "content_hash": digest,
                        "provenance": list(article.provenance),
                        "failed": article.failed,
                        "processed_at": datetime.now(UTC),
                    },
                )
                if article.events:
                    conn.execute(
                        schema.events.insert(),
                        [_event_row(e, seq) for seq, e in enumerate(article.events)],
                    )
                    evidence_rows = [
                        {
                            "event_id": e.event_id,
                            "seq": seq,
                            "article_id": ev.article_id,
                            "text": ev.text,
                            "start_offset": ev.start,
                            "end_offset": ev.end,
                            "fields": list(ev.fields),
                        }
                        for e in article.events
                        for seq, ev in enumerate(e.evidence)
                    ]
                    if evidence_rows:
                        conn.execute(schema.evidence.insert(), evidence_rows)
                if article.problems:
                    conn.execute(
                        schema.problems.insert(),
                        [
                            {
                                "article_id": article.id,
                                "seq": seq,
                                "stage": p.stage,
                                "code": p.code,
                                "message": p.message,
                                "fatal": p.fatal,
                            }
                            for seq, p in enumerate(article.problems)
                        ],
                    )
        except sa.exc.IntegrityError as exc:
            raise StoreError(
                f"article {article.id!r} could not be stored (an event id clashes with "
                f"another article's?): {exc.orig}"
            ) from exc
        return True

    def _remove_article_rows(self, conn: sa.Connection, article_id: str) -> None:
        """Delete an article and everything hanging off it; its incidents become pending."""
        events, links = schema.events, schema.incident_events
        own_events = sa.select(events.c.event_id).where(events.c.article_id == article_id)
        touched = sa.select(links.c.incident_id).where(links.c.event_id.in_(own_events))
        incident_ids = [row.incident_id for row in conn.execute(touched)]
        self._remove_incidents(conn, incident_ids)
        conn.execute(schema.evidence.delete().where(schema.evidence.c.event_id.in_(own_events)))
        conn.execute(events.delete().where(events.c.article_id == article_id))
        conn.execute(schema.problems.delete().where(schema.problems.c.article_id == article_id))
        conn.execute(schema.articles.delete().where(schema.articles.c.id == article_id))

    def _remove_incidents(self, conn: sa.Connection, incident_ids: Sequence[str]) -> None:
        links, incidents = schema.incident_events, schema.incidents
        for chunk in _chunks(list(incident_ids)):
            conn.execute(links.delete().where(links.c.incident_id.in_(chunk)))
            conn.execute(incidents.delete().where(incidents.c.incident_id.in_(chunk)))

    # -- deduplication ------------------------------------------------------------------

    def pending_countries(self) -> list[str | None]:
        """Return the countries that have events in no incident yet (None for no country)."""
        events, links = schema.events, schema.incident_events
        pending_filter = ~sa.exists().where(links.c.event_id == events.c.event_id)
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(events.c.country).where(pending_filter).distinct())
            countries = [row.country for row in found]
        return sorted(countries, key=lambda c: (c is None, c or ""))

    def deduplicate(self, countries: Sequence[str | None] | None = None) -> DedupeStats:
        """Cluster pending events with their stored neighbours and rewrite those incidents.

        One transaction per country, so an interrupted pass leaves some countries done and
        the others still pending for the next pass. Incidents never span two countries, so
        ``countries`` lets several processes share a pass, each taking some countries.
        """
        events, links = schema.events, schema.incident_events
        pending_filter = ~sa.exists().where(links.c.event_id == events.c.event_id)
        if countries is None:
            countries = self.pending_countries()
        totals = [0, 0, 0, 0]
        for country in countries:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # One pass at a time per country: two processes deduplicating the same
                    # country concurrently would each build incidents from half the events.
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:key, :country)"),
                        {"key": _DEDUPE_LOCK_KEY, "country": _lock_key(country)},
                    )
                stats = self._deduplicate_country(conn, country, pending_filter)
            totals = [a + b for a, b in zip(totals, stats, strict=True)]
        return DedupeStats(*totals)

    def _deduplicate_country(
        self, conn: sa.Connection, country: str | None, pending_filter: sa.ColumnElement[bool]
    ) -> tuple[int, int, int, int]:
        events, links = schema.events, schema.incident_events
        in_country = events.c.country.is_(None) if country is None else events.c.country == country
        pending = self._load_events(conn, sa.and_(in_country, pending_filter))
        if not pending:
            return (0, 0, 0, 0)
        subset = {e.event_id: e for e in pending}
        touched: set[str] = set()
        dated = [e.event_date for e in pending if e.event_date is not None]
        if country is not None and dated:
            windows = _merge_windows(dated, NEIGHBOUR_DAYS)
            near = sa.or_(*(events.c.event_date.between(lo, hi) for lo, hi in windows))
            linked = sa.select(links.c.incident_id).where(
                links.c.event_id == events.c.event_id, in_country, near
            )
            touched = {row.incident_id for row in conn.execute(linked)}
            for chunk in _chunks(sorted(touched)):
                members = sa.select(links.c.event_id).where(links.c.incident_id.in_(chunk))
                for event in self._load_events(conn, events.c.event_id.in_(members)):
                    subset[event.event_id] = event
        articles = self._load_article_stubs(conn, sorted({e.article_id for e in subset.values()}))
        groups = cluster_events(list(subset.values()))
        new = [reconcile([subset[i] for i in group], articles) for group in groups]
        self._remove_incidents(conn, sorted(touched))
        if new:
            conn.execute(schema.incidents.insert(), [_incident_row(i) for i in new])
            conn.execute(
                links.insert(),
                [{"incident_id": i.incident_id, "event_id": e} for i in new for e in i.event_ids],
            )
        return (len(pending), len(subset), len(new), len(touched))

    def _load_events(self, conn: sa.Connection, where: sa.ColumnElement[bool]) -> list[Event]:
        events, evidence = schema.events, schema.evidence
        found: dict[str, list[Evidence]] = {}
        query = (
            sa.select(evidence)
            .join(events, events.c.event_id == evidence.c.event_id)
            .where(where)
            .order_by(evidence.c.event_id, evidence.c.seq)
        )
        for row in conn.execute(query).mappings():
            found.setdefault(row["event_id"], []).append(_evidence_from_row(row))
        rows = conn.execute(sa.select(events).where(where).order_by(events.c.event_id))
        return [_event_from_row(r, found.get(r["event_id"], ())) for r in rows.mappings()]

    def _load_article_stubs(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, Article]:
        """Return the articles' identities (outlet, address, date, title) without their text."""
        a = schema.articles
        stubs: dict[str, Article] = {}
        for chunk in _chunks(ids):
            query = sa.select(a.c.id, a.c.url, a.c.outlet, a.c.published, a.c.title).where(
                a.c.id.in_(chunk)
            )
            for row in conn.execute(query):
                stubs[row.id] = Article(
                    id=row.id,
                    url=row.url,
                    outlet=row.outlet,
                    published=row.published,
                    title=row.title,
                )
        return stubs

    # -- reading ------------------------------------------------------------------------

    def _where(self, table: sa.Table, filters: Filters) -> list[sa.ColumnElement[bool]]:
        conditions: list[sa.ColumnElement[bool]] = []
        if filters.country:
            conditions.append(sa.func.lower(table.c.country) == filters.country.lower())
        if filters.since:
            conditions.append(table.c.event_date >= filters.since)
        if filters.until:
            conditions.append(table.c.event_date <= filters.until)
        if filters.event_type:
            conditions.append(sa.func.lower(table.c.event_type) == filters.event_type.lower())
        if filters.historical is not None:
            conditions.append(table.c.historical == filters.historical)
        return conditions

    def incidents(
        self, filters: Filters | None = None, *, batch: int = _CHUNK
    ) -> Iterator[Incident]:
        """Yield incidents, by date (undated last) then id, with every source's evidence."""
        table, links = schema.incidents, schema.incident_events
        query = (
            sa.select(table)
            .where(*self._where(table, filters or Filters()))
            .order_by(sa.nulls_last(table.c.event_date.asc()), table.c.incident_id)
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
            for start in range(0, len(rows), batch):
                part = rows[start : start + batch]
                ids = [r["incident_id"] for r in part]
                members: dict[str, list[str]] = {}
                link_rows = conn.execute(
                    sa.select(links).where(links.c.incident_id.in_(ids)).order_by(links.c.event_id)
                )
                for link in link_rows:
                    members.setdefault(link.incident_id, []).append(link.event_id)
                events = self._load_events(
                    conn,
                    schema.events.c.event_id.in_(
                        sa.select(links.c.event_id).where(links.c.incident_id.in_(ids))
                    ),
                )
                by_event = {e.event_id: e.evidence for e in events}
                for row in part:
                    event_ids = members.get(row["incident_id"], [])
                    evidence = [ev for i in event_ids for ev in by_event.get(i, ())]
                    yield _incident_from_row(row, event_ids, evidence)

    def events(self, filters: Filters | None = None) -> Iterator[Event]:
        """Yield the per-article events (before merging), by date then event_id."""
        table = schema.events
        with self.engine.connect() as conn:
            conditions = self._where(table, filters or Filters())
            yield from sorted(
                self._load_events(conn, sa.and_(sa.true(), *conditions)),
                key=lambda e: (e.event_date is None, e.event_date or date.min, e.event_id),
            )

    def articles(self, *, with_events: bool = True) -> Iterator[Article]:
        """Yield stored articles by id, with their problems (and events, unless told not to)."""
        a, p = schema.articles, schema.problems
        with self.engine.connect() as conn:
            problems: dict[str, list[Problem]] = {}
            for found in conn.execute(sa.select(p).order_by(p.c.article_id, p.c.seq)):
                problems.setdefault(found.article_id, []).append(
                    Problem(found.stage, found.code, found.message, bool(found.fatal))
                )
            by_article: dict[str, list[Event]] = {}
            if with_events:
                events = self._load_events(conn, sa.true())
                order = sa.select(schema.events.c.event_id, schema.events.c.seq)
                seqs: dict[str, int] = {row[0]: row[1] for row in conn.execute(order)}
                for event in sorted(events, key=lambda e: (e.article_id, seqs[e.event_id])):
                    by_article.setdefault(event.article_id, []).append(event)
            for row in conn.execute(sa.select(a).order_by(a.c.id)).mappings():
                yield Article(
                    id=row["id"],
                    url=row["url"],
                    outlet=row["outlet"],
                    published=row["published"],
                    published_source=row["published_source"],
                    title=row["title"],
                    text=row["text"],
                    dateline=row["dateline"],
                    source_path=row["source_path"],
                    events=tuple(by_article.get(row["id"], ())),
                    problems=tuple(problems.get(row["id"], ())),
                    provenance=tuple(row["provenance"]),
                )

    def counts(self) -> dict[str, int]:
        """Return row counts: articles, failed articles, events, pending events, incidents."""
        events, links = schema.events, schema.incident_events
        with self.engine.connect() as conn:

            def count(query: sa.Select[Any]) -> int:
                return int(conn.execute(query).scalar_one())

            return {
                "articles": count(sa.select(sa.func.count()).select_from(schema.articles)),
                "failed_articles": count(
                    sa.select(sa.func.count())
                    .select_from(schema.articles)
                    .where(schema.articles.c.failed.is_(True))
                ),
                "events": count(sa.select(sa.func.count()).select_from(events)),
                "pending_events": count(
                    sa.select(sa.func.count())
                    .select_from(events)
                    .where(~sa.exists().where(links.c.event_id == events.c.event_id))
                ),
                "incidents": count(sa.select(sa.func.count()).select_from(schema.incidents)),
                "problems": count(sa.select(sa.func.count()).select_from(schema.problems)),
            }
