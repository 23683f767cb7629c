"""The database schema, once, in SQLAlchemy Core; migrations live in ``migrations/``.

    articles ─┬─< events ──< evidence
              └─< problems
    incidents ──< incident_events >── events

Each per-article event keeps every Event field; an incident holds the reconciled fields
plus its sources and, when they disagree, each source's figures and quotes (JSON).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Every Event field except the identifiers and evidence, with its column type. The same
# columns hold an incident's reconciled values.
EVENT_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("event_date", sa.Date()),
    ("time_precision", sa.Integer()),
    ("disorder_type", sa.String()),
    ("event_type", sa.String()),
    ("sub_event_type", sa.String()),
    ("actor1", sa.String()),
    ("assoc_actor_1", sa.String()),
    ("inter1", sa.Integer()),
    ("actor2", sa.String()),
    ("assoc_actor_2", sa.String()),
    ("inter2", sa.Integer()),
    ("interaction", sa.Integer()),
    ("civilian_targeting", sa.String()),
    ("iso", sa.Integer()),
    ("country", sa.String()),
    ("admin1", sa.String()),
    ("admin2", sa.String()),
    ("admin3", sa.String()),
    ("location", sa.String()),
    ("latitude", sa.Float()),
    ("longitude", sa.Float()),
    ("geo_precision", sa.Integer()),
    ("geonameid", sa.BigInteger()),
    ("fatalities", sa.Integer()),
    ("injured", sa.Integer()),
    ("deaths_a", sa.Integer()),
    ("deaths_b", sa.Integer()),
    ("deaths_civilians", sa.Integer()),
    ("deaths_unknown", sa.Integer()),
    ("fatalities_low", sa.Integer()),
    ("fatalities_best", sa.Integer()),
    ("fatalities_high", sa.Integer()),
    ("notes", sa.Text()),
    ("historical", sa.Boolean()),
)
EVENT_COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in EVENT_COLUMNS)


def _event_columns() -> list[sa.Column[Any]]:
    return [sa.Column(name, kind, nullable=name != "historical") for name, kind in EVENT_COLUMNS]


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("url", sa.Text()),
    sa.Column("outlet", sa.String()),
    sa.Column("published", sa.Date()),
    sa.Column("published_source", sa.String()),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("dateline", sa.String()),
    sa.Column("source_path", sa.Text()),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("provenance", sa.JSON(), nullable=False),
    sa.Column("failed", sa.Boolean(), nullable=False),
    sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(), primary_key=True),
    sa.Column(
        "article_id",
        sa.String(),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("seq", sa.Integer(), nullable=False),  # order within the article
    *_event_columns(),
    sa.Index(None, "country", "event_date"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column(
        "event_id",
        sa.String(),
        sa.ForeignKey("events.event_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("article_id", sa.String(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("start_offset", sa.Integer(), nullable=False),  # Article.text[start:end]
    sa.Column("end_offset", sa.Integer(), nullable=False),
    sa.Column("fields", sa.JSON(), nullable=False),
)

problems = sa.Table(
    "problems",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        sa.String(),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("stage", sa.String(), nullable=False),
    sa.Column("code", sa.String(), nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("fatal", sa.Boolean(), nullable=False),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("incident_id", sa.String(), primary_key=True),
    sa.Column("article_id", sa.String(), nullable=False),  # the report the place came from
    *_event_columns(),
    sa.Column("number_of_sources", sa.Integer(), nullable=False),
    sa.Column("source", sa.Text(), nullable=False),  # ACLED's column: outlets joined by "; "
    sa.Column("sources", sa.JSON(), nullable=False),
    sa.Column("conflicting", sa.Boolean(), nullable=False),
    sa.Column("conflicting_reports", sa.JSON()),
    sa.Index(None, "country", "event_date"),
    sa.Index(None, "event_date"),
)

incident_events = sa.Table(
    "incident_events",
    metadata,
    sa.Column(
        "incident_id",
        sa.String(),
        sa.ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "event_id",
        sa.String(),
        sa.ForeignKey("events.event_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # Each event belongs to one incident at most.
    sa.UniqueConstraint("event_id"),
)
