"""Read queries the API needs beyond the Store's: filters, pages, map cells, stats, details.

Everything is SQLAlchemy Core on the store's own tables, so it runs on SQLite and
PostgreSQL alike, and every user value reaches the database as a bound parameter. The
Store stays the one place that writes; candidates to move into it later are
:func:`conditions` (bounding box, free text, actor, admin1, minimum fatalities),
:func:`list_incidents` (pages and sorts), :func:`stats`, :func:`incident_detail` and
:func:`article_detail`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from strife.dedupe import Incident, Source
from strife.model import Event
from strife.store import schema

incidents = schema.incidents
links = schema.incident_events

# ACLED's six event types, with colours that stay apart for colour-blind readers (Okabe-Ito).
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#009E73",
    "Strategic developments": "#56B4E9",
}
OTHER_COLOUR = "#6B6B6B"
OTHER_CLASS = "type-other"


def event_type_classes() -> dict[str, str]:
    """Return each event type's CSS class, named once here for the CSS, pages and scripts."""
    return {name: f"type-{i}" for i, name in enumerate(EVENT_TYPE_COLOURS)}


FIGURES: tuple[str, ...] = (
    "fatalities",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "injured",
)

# sort name → columns; a leading "-" in the request means descending.
SORTS: dict[str, tuple[str, ...]] = {
    "date": ("event_date",),
    "fatalities": ("fatalities",),
    "sources": ("number_of_sources",),
    "country": ("country", "admin1"),
    "type": ("event_type", "sub_event_type"),
}

# Columns the map needs for one marker: small, so a page of 5,000 stays light.
_MARKER_COLUMNS: tuple[str, ...] = (
    "incident_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "fatalities",
    "location",
    "country",
    "actor1",
    "actor2",
    "number_of_sources",
    "conflicting",
)


@dataclass(frozen=True, slots=True)
class BBox:
    """A longitude/latitude box; west > east means it crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which incidents a request asks for; empty values mean no restriction."""

    country: tuple[str, ...] = ()
    admin1: str | None = None
    since: date | None = None
    until: date | None = None
    event_type: tuple[str, ...] = ()
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    bbox: BBox | None = None
    q: str | None = None
    historical: bool | None = None

    def without_dates(self) -> EventQuery:
        """Return the same query with no date range (the timeline shows every week)."""
        return EventQuery(**{**self.as_dict(), "since": None, "until": None})

    def as_dict(self) -> dict[str, Any]:
        """Return the fields as a dict (for copies with changes)."""
        return {name: getattr(self, name) for name in self.__slots__}


def _lower_in(column: sa.ColumnElement[Any], values: Sequence[str]) -> sa.ColumnElement[bool]:
    return sa.func.lower(column).in_([v.lower() for v in values])


def conditions(query: EventQuery) -> list[sa.ColumnElement[bool]]:
    """Return the WHERE conditions on the incidents table for a query."""
    c = incidents.c
    where: list[sa.ColumnElement[bool]] = []
    if query.country:
        where.append(_lower_in(c.country, query.country))
    if query.admin1:
        where.append(sa.func.lower(c.admin1) == query.admin1.lower())
    if query.since:
        where.append(c.event_date >= query.since)
    if query.until:
        where.append(c.event_date <= query.until)
    if query.event_type:
        where.append(_lower_in(c.event_type, query.event_type))
    if query.sub_event_type:
        where.append(sa.func.lower(c.sub_event_type) == query.sub_event_type.lower())
    if query.actor:
        where.append(
            sa.or_(
                *(
                    col.icontains(query.actor, autoescape=True)
                    for col in (c.actor1, c.actor2, c.assoc_actor_1, c.assoc_actor_2)
                )
            )
        )
    if query.min_fatalities is not None:
        where.append(c.fatalities >= query.min_fatalities)
    if query.bbox is not None:
        box = query.bbox
        where.append(c.latitude.between(box.south, box.north))
        if box.west <= box.east:
            where.append(c.longitude.between(box.west, box.east))
        else:
            where.append(sa.or_(c.longitude >= box.west, c.longitude <= box.east))
    if query.q:
        where.append(_text_match(query.q))
    if query.historical is not None:
        where.append(c.historical.is_(query.historical))
    return where


def _text_match(text: str) -> sa.ColumnElement[bool]:
    """Match free text in the incident's names and notes or in any of its quotes."""
    c = incidents.c
    columns = (
        c.location,
        c.admin1,
        c.admin2,
        c.country,
        c.actor1,
        c.actor2,
        c.assoc_actor_1,
        c.assoc_actor_2,
        c.notes,
        c.source,
        c.sub_event_type,
    )
    # One pass over the quotes (an IN list), not one correlated lookup per incident.
    evidence = schema.evidence
    quoted = (
        sa.select(links.c.incident_id)
        .join(evidence, evidence.c.event_id == links.c.event_id)
        .where(evidence.c.text.icontains(text, autoescape=True))
    )
    return sa.or_(
        *(col.icontains(text, autoescape=True) for col in columns), c.incident_id.in_(quoted)
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def incident_summary(row: sa.RowMapping) -> dict[str, Any]:
    """Return one incidents row as JSON-ready data (everything but the evidence)."""
    data = {"incident_id": row["incident_id"]}
    data.update({name: _plain(row[name]) for name in schema.EVENT_COLUMN_NAMES})
    data["historical"] = bool(row["historical"])
    data.update(
        article_id=row["article_id"],
        number_of_sources=row["number_of_sources"],
        source=row["source"],
        conflicting=bool(row["conflicting"]),
        sources=row["sources"] or [],
        conflicting_reports=row["conflicting_reports"] or [],
    )
    return data


def _order_by(sort: str) -> list[sa.UnaryExpression[Any]]:
    descending = sort.startswith("-")
    names = SORTS[sort.lstrip("-")]
    order: list[sa.UnaryExpression[Any]] = []
    for name in names:
        column = incidents.c[name]
        # Unknown values last in both directions: an undated incident is neither newest nor
        # oldest.
        order.append(sa.nulls_last(column.desc() if descending else column.asc()))
    order.append(incidents.c.incident_id.desc() if descending else incidents.c.incident_id.asc())
    return order


def count_incidents(conn: sa.Connection, query: EventQuery) -> int:
    """Return how many incidents match."""
    found = conn.execute(
        sa.select(sa.func.count()).select_from(incidents).where(*conditions(query))
    ).scalar_one()
    return int(found)


def list_incidents(
    conn: sa.Connection, query: EventQuery, *, sort: str = "-date", limit: int, offset: int
) -> list[dict[str, Any]]:
    """Return one page of matching incidents, sorted."""
    select = (
        sa.select(incidents)
        .where(*conditions(query))
        .order_by(*_order_by(sort))
        .limit(limit)
        .offset(offset)
    )
    return [incident_summary(row) for row in conn.execute(select).mappings()]


def iter_incident_rows(
    conn: sa.Connection, query: EventQuery, *, sort: str = "date", limit: int | None = None
) -> Iterator[sa.RowMapping]:
    """Yield every matching incidents row, sorted, a batch at a time."""
    select = sa.select(incidents).where(*conditions(query)).order_by(*_order_by(sort))
    if limit is not None:
        select = select.limit(limit)
    result = conn.execution_options(yield_per=1000).execute(select)
    yield from result.mappings()


def incident_chunk(
    conn: sa.Connection, query: EventQuery, after: tuple[Any, str] | None, size: int
) -> list[sa.RowMapping]:
    """Return up to ``size`` matching incidents in date order, after the one ``after`` names.

    ``after`` is the (event_date, incident_id) of the last row of the previous chunk (None
    for the first). Each chunk is one short query, so a stream holds a connection only
    while a chunk is read, never while a slow client downloads. Dated incidents come first,
    undated ones last, each in id order: the order of :func:`iter_incident_rows`.
    """
    base = sa.select(incidents).where(*conditions(query))
    rows: list[sa.RowMapping] = []
    last_undated: str | None = None
    if after is None or after[0] is not None:
        dated = base.where(incidents.c.event_date.is_not(None))
        if after is not None:
            dated = dated.where(sa.tuple_(incidents.c.event_date, incidents.c.incident_id) > after)
        order = (incidents.c.event_date, incidents.c.incident_id)
        rows = list(conn.execute(dated.order_by(*order).limit(size)).mappings())
        if len(rows) == size:
            return rows
    else:
        last_undated = after[1]
    undated = base.where(incidents.c.event_date.is_(None))
    if last_undated is not None:
        undated = undated.where(incidents.c.incident_id > last_undated)
    undated = undated.order_by(incidents.c.incident_id).limit(size - len(rows))
    rows.extend(conn.execute(undated).mappings())
    return rows


def light_incident(row: sa.RowMapping, event_ids: Sequence[str] = ()) -> Incident:
    """Build an Incident from its row alone (no evidence), for the export writers."""
    values = {name: row[name] for name in schema.EVENT_COLUMN_NAMES}
    values["historical"] = bool(values["historical"])
    sources = tuple(
        Source(
            **{
                **s,
                "published": date.fromisoformat(s["published"]) if s.get("published") else None,
            }
        )
        for s in (row["sources"] or ())
    )
    return Incident(
        incident_id=row["incident_id"],
        event=Event(event_id=row["incident_id"], article_id=row["article_id"], **values),
        event_ids=tuple(event_ids),
        sources=sources,
        number_of_sources=row["number_of_sources"],
        source=row["source"],
        conflicting=bool(row["conflicting"]),
    )


def member_ids(conn: sa.Connection, incident_ids: Sequence[str]) -> dict[str, list[str]]:
    """Return the event ids of each incident."""
    found: dict[str, list[str]] = defaultdict(list)
    if not incident_ids:
        return found
    select = (
        sa.select(links.c.incident_id, links.c.event_id)
        .where(links.c.incident_id.in_(list(incident_ids)))
        .order_by(links.c.event_id)
    )
    for incident_id, event_id in conn.execute(select):
        found[incident_id].append(event_id)
    return found


# -- the map ------------------------------------------------------------------------------


def cell_size(zoom: int) -> float:
    """Return the grid cell (degrees) for a zoom level: about 32 screen pixels wide."""
    return 45.0 / float(2 ** max(0, min(zoom, 18)))


def _cell_index(
    conn: sa.Connection, column: sa.ColumnElement[Any], shift: float, size: float
) -> sa.ColumnElement[Any]:
    scaled = (column + shift) / size
    if conn.dialect.name == "sqlite":
        # The shift keeps values positive, where SQLite's integer cast is a floor.
        return sa.cast(scaled, sa.Integer)
    return sa.func.floor(scaled)


def map_features(
    conn: sa.Connection, query: EventQuery, *, zoom: int, max_points: int
) -> dict[str, Any]:
    """Return the map's GeoJSON: one point per incident, or grid cells when there are many.

    Up to ``max_points`` incidents in view come back as points (the browser clusters them);
    more come back as one feature per grid cell with the count, the deaths and the commonest
    event type, so the whole world at low zoom costs one GROUP BY, not 100,000 features.
    """
    where = [*conditions(query), incidents.c.latitude.is_not(None)]
    where.append(incidents.c.longitude.is_not(None))
    # How many are in view, counting no further than the point limit: cheap either way.
    probe = sa.select(incidents.c.incident_id).where(*where).limit(max_points + 1).subquery()
    in_view = conn.execute(sa.select(sa.func.count()).select_from(probe)).scalar_one()
    if in_view <= max_points or zoom >= 14:
        columns = [incidents.c[name] for name in _MARKER_COLUMNS]
        select = (
            sa.select(*columns, incidents.c.latitude, incidents.c.longitude)
            .where(*where)
            # Past the limit (only when zoomed right in), the deadliest are shown.
            .order_by(sa.nulls_last(incidents.c.fatalities.desc()), incidents.c.incident_id)
            .limit(max_points)
        )
        features = [
            {
                "type": "Feature",
                "id": row["incident_id"],
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": {
                    **{name: _plain(row[name]) for name in _MARKER_COLUMNS},
                    "conflicting": bool(row["conflicting"]),
                },
            }
            for row in conn.execute(select).mappings()
        ]
        total = in_view if in_view <= max_points else count_incidents(conn, query)
        return {
            "type": "FeatureCollection",
            "aggregated": False,
            "total": total,
            "truncated": total > len(features),
            "features": features,
        }
    return _grid_features(conn, where, zoom)


def _grid_features(
    conn: sa.Connection, where: list[sa.ColumnElement[bool]], zoom: int
) -> dict[str, Any]:
    size = cell_size(zoom)
    cx = _cell_index(conn, incidents.c.longitude, 180.0, size).label("cx")
    cy = _cell_index(conn, incidents.c.latitude, 90.0, size).label("cy")
    select = (
        sa.select(
            cx,
            cy,
            incidents.c.event_type,
            sa.func.count().label("n"),
            sa.func.sum(sa.func.coalesce(incidents.c.fatalities, 0)).label("deaths"),
            sa.func.sum(incidents.c.latitude).label("lat"),
            sa.func.sum(incidents.c.longitude).label("lon"),
        )
        .where(*where)
        .group_by(cx, cy, incidents.c.event_type)
    )
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for row in conn.execute(select).mappings():
        key = (int(row["cx"]), int(row["cy"]))
        cell = cells.setdefault(key, {"n": 0, "deaths": 0, "lat": 0.0, "lon": 0.0, "types": {}})
        cell["n"] += row["n"]
        cell["deaths"] += int(row["deaths"] or 0)
        cell["lat"] += float(row["lat"])
        cell["lon"] += float(row["lon"])
        cell["types"][row["event_type"] or "Unknown"] = row["n"]
    features = []
    total = 0
    for (x, y), cell in sorted(cells.items()):
        total += cell["n"]
        west, south = x * size - 180.0, y * size - 90.0
        types = dict(sorted(cell["types"].items(), key=lambda kv: (-kv[1], kv[0])))
        features.append(
            {
                "type": "Feature",
                "id": f"cell-{zoom}-{x}-{y}",
                "geometry": {
                    "type": "Point",
                    # The mean position of its incidents: the marker sits where they are.
                    "coordinates": [
                        round(cell["lon"] / cell["n"], 5),
                        round(cell["lat"] / cell["n"], 5),
                    ],
                },
                "properties": {
                    "cell": True,
                    "count": cell["n"],
                    "fatalities": cell["deaths"],
                    "event_type": next(iter(types)),
                    "types": types,
                    "bounds": [west, south, west + size, south + size],
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "aggregated": True,
        "cell_degrees": size,
        "total": total,
        "truncated": False,
        "features": features,
    }


# -- statistics ---------------------------------------------------------------------------


def week_of(day: date) -> date:
    """Return the Monday that starts a day's week."""
    return day - timedelta(days=day.weekday())


STATS_PARTS: tuple[str, ...] = ("weekly", "by_event_type", "by_country", "by_actor")


def stats(
    conn: sa.Connection,
    query: EventQuery,
    *,
    top: int = 25,
    parts: Sequence[str] = STATS_PARTS,
) -> dict[str, Any]:
    """Return counts and deaths in total, and the parts asked for.

    Parts: by week × event type, by event type, by country (top 2×top) and by actor (top).
    """
    where = conditions(query)
    c = incidents.c
    deaths = sa.func.sum(sa.func.coalesce(c.fatalities, 0))
    total_row = conn.execute(
        sa.select(sa.func.count(), deaths).select_from(incidents).where(*where)
    ).one()
    result: dict[str, Any] = {"incidents": int(total_row[0]), "fatalities": int(total_row[1] or 0)}

    def grouped(column: sa.ColumnElement[Any], limit: int | None) -> list[dict[str, Any]]:
        select = (
            sa.select(column.label("name"), sa.func.count().label("n"), deaths.label("dead"))
            .where(*where)
            .group_by(column)
            .order_by(sa.desc("n"), column)
        )
        if limit is not None:
            select = select.limit(limit)
        return [
            {"name": name, "incidents": n, "fatalities": int(dead or 0)}
            for name, n, dead in conn.execute(select)
        ]

    if "weekly" in parts:
        # Days × types stay few (a few thousand over years); folding them into weeks here
        # keeps the SQL the same on every backend.
        weekly: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
        by_day = (
            sa.select(c.event_date, c.event_type, sa.func.count(), deaths)
            .where(*where, c.event_date.is_not(None))
            .group_by(c.event_date, c.event_type)
        )
        for day, event_type, n, dead in conn.execute(by_day):
            cell = weekly[(week_of(day), event_type or "Unknown")]
            cell[0] += n
            cell[1] += int(dead or 0)
        result["weekly"] = [
            {"week": week.isoformat(), "event_type": kind, "incidents": n, "fatalities": dead}
            for (week, kind), (n, dead) in sorted(weekly.items())
        ]
    if "by_event_type" in parts:
        result["by_event_type"] = grouped(c.event_type, None)
    if "by_country" in parts:
        result["by_country"] = grouped(c.country, top * 2)
    if "by_actor" in parts:
        counts: Counter[str] = Counter()
        dead_by_actor: Counter[str] = Counter()
        for column in (c.actor1, c.actor2):
            for item in grouped(column, None):
                if item["name"]:
                    counts[item["name"]] += item["incidents"]
                    dead_by_actor[item["name"]] += item["fatalities"]
        result["by_actor"] = [
            {"name": name, "incidents": counts[name], "fatalities": dead_by_actor[name]}
            for name in sorted(counts, key=lambda name: (-counts[name], name))[:top]
        ]
    return result


# Indexes the dashboard's queries use, created by `strife serve` when missing. Plain DDL
# (not sa.Index objects) so the store's schema metadata and its migrations stay untouched;
# they belong in a store migration later.
SERVE_INDEXES: dict[str, str] = {
    # the timeline (week × type) and the list sorted by date: a covering index
    "ix_serve_incidents_date_type": "incidents (event_date, event_type, fatalities)",
    # counts by type, the type filter
    "ix_serve_incidents_type": "incidents (event_type, fatalities)",
    # counts by country
    "ix_serve_incidents_country": "incidents (country, fatalities)",
    # bounding boxes and map cells: covering, so the grid never reads the rows
    "ix_serve_incidents_place": "incidents (latitude, longitude, event_type, fatalities)",
}


def ensure_indexes(conn: sa.Connection) -> list[str]:
    """Create the serve indexes that are missing; return the names created."""
    existing = {ix["name"] for ix in sa.inspect(conn).get_indexes("incidents")}
    created = []
    for name, target in SERVE_INDEXES.items():
        if name not in existing:
            conn.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))
            created.append(name)
    return created


# -- one incident, one article ------------------------------------------------------------


def highlight_segments(text: str, spans: Sequence[tuple[int, int, Sequence[str]]]) -> list[Any]:
    """Split text into plain and quoted segments: [[text, fields or None], ...].

    Offsets are Python character offsets, so the browser never has to count UTF-16 units;
    overlapping quotes merge, and a quote whose offsets do not fit the text is dropped.
    """
    valid = [(s, e, f) for s, e, f in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    segments: list[Any] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        fields = sorted({f for s, e, fs in valid if s <= start and end <= e for f in fs})
        covered = any(s <= start and end <= e for s, e, _ in valid)
        piece = text[start:end]
        if not covered and segments and segments[-1][1] is None:
            segments[-1][0] += piece
        else:
            segments.append([piece, fields if covered else None])
    return segments


def _evidence_by_event(conn: sa.Connection, event_ids: Sequence[str]) -> dict[str, list[Any]]:
    ev = schema.evidence
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not event_ids:
        return found
    select = (
        sa.select(ev).where(ev.c.event_id.in_(list(event_ids))).order_by(ev.c.event_id, ev.c.seq)
    )
    for row in conn.execute(select).mappings():
        found[row["event_id"]].append(
            {
                "article_id": row["article_id"],
                "text": row["text"],
                "start": row["start_offset"],
                "end": row["end_offset"],
                "fields": list(row["fields"] or ()),
            }
        )
    return found


def _located(quote: dict[str, Any], text: str) -> tuple[int, int] | None:
    """Return where a quote sits in the text: its offsets, or the first place it occurs."""
    start, end = quote["start"], quote["end"]
    if 0 <= start < end <= len(text) and text[start:end] == quote["text"]:
        return start, end
    found = text.find(quote["text"]) if quote["text"] else -1
    return (found, found + len(quote["text"])) if found >= 0 else None


def _event_dict(row: sa.RowMapping) -> dict[str, Any]:
    data = {"event_id": row["event_id"], "article_id": row["article_id"]}
    data.update({name: _plain(row[name]) for name in schema.EVENT_COLUMN_NAMES})
    data["historical"] = bool(row["historical"])
    return data


def _article_stub(row: sa.RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "url": row["url"],
        "outlet": row["outlet"],
        "title": row["title"],
        "published": _plain(row["published"]),
    }


def resolve_incident_id(conn: sa.Connection, some_id: str) -> str | None:
    """Return the incident for an incident id, or for the id of one of its events."""
    if conn.execute(
        sa.select(incidents.c.incident_id).where(incidents.c.incident_id == some_id)
    ).first():
        return some_id
    found = conn.execute(
        sa.select(links.c.incident_id).where(links.c.event_id == some_id)
    ).scalar_one_or_none()
    return str(found) if found is not None else None


def incident_detail(conn: sa.Connection, incident_id: str) -> dict[str, Any] | None:
    """Return an incident with every report: its figures, quotes and the article text."""
    row = (
        conn.execute(sa.select(incidents).where(incidents.c.incident_id == incident_id))
        .mappings()
        .first()
    )
    if row is None:
        return None
    data = incident_summary(row)
    event_ids = member_ids(conn, [incident_id]).get(incident_id, [])
    events = schema.events
    event_rows = list(
        conn.execute(
            sa.select(events).where(events.c.event_id.in_(event_ids)).order_by(events.c.event_id)
        ).mappings()
    )
    evidence = _evidence_by_event(conn, event_ids)
    article_ids = sorted({r["article_id"] for r in event_rows})
    a = schema.articles
    article_rows = {
        r["id"]: r for r in conn.execute(sa.select(a).where(a.c.id.in_(article_ids))).mappings()
    }
    reports = []
    for event_row in event_rows:
        article = article_rows.get(event_row["article_id"])
        text = article["text"] if article is not None else ""
        quotes = evidence.get(event_row["event_id"], [])
        spans = []
        for quote in quotes:
            where = _located(quote, text)
            quote["found"] = where is not None
            if where is not None:
                spans.append((where[0], where[1], quote["fields"]))
        reports.append(
            {
                "event_id": event_row["event_id"],
                "article": _article_stub(article) if article is not None else None,
                "figures": {name: event_row[name] for name in FIGURES},
                "event": _event_dict(event_row),
                "evidence": quotes,
                "segments": highlight_segments(text, spans),
            }
        )
    data["event_ids"] = event_ids
    data["reports"] = reports
    data["figures_differ"] = [
        name
        for name in FIGURES
        if len({r["figures"][name] for r in reports if r["figures"][name] is not None}) > 1
    ]
    return data


def article_detail(conn: sa.Connection, article_id: str) -> dict[str, Any] | None:
    """Return an article: its cleaned text, problems, and events with their quotes."""
    a, p, events = schema.articles, schema.problems, schema.events
    row = conn.execute(sa.select(a).where(a.c.id == article_id)).mappings().first()
    if row is None:
        return None
    event_rows = list(
        conn.execute(
            sa.select(events, links.c.incident_id)
            .outerjoin(links, links.c.event_id == events.c.event_id)
            .where(events.c.article_id == article_id)
            .order_by(events.c.seq)
        ).mappings()
    )
    evidence = _evidence_by_event(conn, [r["event_id"] for r in event_rows])
    spans = []
    event_list = []
    for event_row in event_rows:
        quotes = evidence.get(event_row["event_id"], [])
        for quote in quotes:
            where = _located(quote, row["text"])
            quote["found"] = where is not None
            if where is not None:
                spans.append((where[0], where[1], quote["fields"]))
        event_list.append(
            {**_event_dict(event_row), "incident_id": event_row["incident_id"], "evidence": quotes}
        )
    problems = [
        {"stage": r.stage, "code": r.code, "message": r.message, "fatal": bool(r.fatal)}
        for r in conn.execute(sa.select(p).where(p.c.article_id == article_id).order_by(p.c.seq))
    ]
    return {
        **_article_stub(row),
        "published_source": row["published_source"],
        "dateline": row["dateline"],
        "failed": bool(row["failed"]),
        "text": row["text"],
        "segments": highlight_segments(row["text"], spans),
        "events": event_list,
        "problems": problems,
    }
