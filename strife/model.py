"""The core data types: Article, Event, Evidence, Problem, and the Incident events merge into.

An :class:`Article` is read by ``ingest``, cleaned by ``clean``, gains ``events`` in
``extract`` and places in ``geocode``. Every type is a frozen dataclass, so a stage returns
a new object (``dataclasses.replace``) instead of mutating one; that keeps stages plain
functions, makes golden tests simple equality checks and lets Dask pickle everything.
Deduplication merges the events that report one real incident into an :class:`Incident`
(with its :class:`Source` list and, when they disagree, each :class:`Report`'s figures).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

# ACLED's inter codes: the kind of actor on each side of an event (Event.inter1, inter2).
INTER_STATE = 1  # state forces
INTER_REBELS = 2  # rebel groups
INTER_POLITICAL_MILITIA = 3  # political militias, and unidentified armed groups
INTER_IDENTITY_MILITIA = 4  # identity (ethnic, communal) militias
INTER_RIOTERS = 5
INTER_PROTESTERS = 6
INTER_CIVILIANS = 7
INTER_EXTERNAL = 8  # external or other forces (international coalitions, private security)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a stage could not do for one article: a data problem, not a bug."""

    stage: str
    code: str
    message: str
    fatal: bool = False  # True when the article could not be processed at all


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quoted span of the cleaned article text that supports one or more event fields."""

    article_id: str
    text: str
    start: int  # character offsets into Article.text: text == article.text[start:end]
    end: int
    fields: tuple[str, ...] = ()


# An Evidence field: the sentence naming the weekday of an event that has no date (no
# publication date to resolve "on Friday" against). Merging reads the weekday from it.
EVENT_WEEKDAY = "event_weekday"


@dataclass(frozen=True, slots=True)
class Event:
    """One incident reported by one article, in ACLED's vocabulary (plus UCDP death counts)."""

    event_id: str
    article_id: str
    event_date: date | None = None
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month or longer
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None  # "Civilian targeting" or None, as in ACLED
    iso: int | None = None  # ISO 3166-1 numeric, as in ACLED's `iso` column
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED: 1 the place itself, 2 near it, 3 province only
    geonameid: int | None = None
    fatalities: int | None = None  # ACLED's conservative total; None when unknown
    injured: int | None = None
    deaths_a: int | None = None  # UCDP: deaths of the side of actor1
    deaths_b: int | None = None  # ... of the side of actor2
    deaths_civilians: int | None = None
    deaths_unknown: int | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    notes: str | None = None
    historical: bool = False  # a background incident, earlier than the article's news
    evidence: tuple[Evidence, ...] = ()

    def evidence_for(self, field_name: str) -> tuple[Evidence, ...]:
        """Return the evidence spans that support one field."""
        return tuple(e for e in self.evidence if field_name in e.fields)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as it moves through the pipeline."""

    id: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    # Where `published` came from: "metadata", "record", "html", "text:updated",
    # "text:dateline", "text:timestamp". None when unknown.
    published_source: str | None = None
    title: str = ""
    raw: str = ""  # the text as read (for HTML: the main text trafilatura extracted)
    text: str = ""  # cleaned text; Evidence offsets index this
    html: str | None = None
    dateline: str | None = None  # place named in the dateline ("RAMADI, Iraq:"), a hint only
    # Publication-date candidates that are not facts, as (source, value) pairs: a WARC
    # record's crawl date ("warc-date"), a feed item's date ("feed"), an HTTP
    # Last-Modified ("http-last-modified"). Unlike `published`, nothing vouches for them.
    date_hints: tuple[tuple[str, str], ...] = ()
    source_path: str | None = None
    events: tuple[Event, ...] = ()
    problems: tuple[Problem, ...] = ()
    provenance: tuple[str, ...] = ()  # stage versions that touched it: "clean.v1", ...

    @property
    def failed(self) -> bool:
        """True when a fatal problem means the article could not be processed."""
        return any(p.fatal for p in self.problems)

    def with_problem(self, stage: str, code: str, message: str, fatal: bool = False) -> Article:
        """Return a copy with one more problem recorded."""
        return replace(self, problems=(*self.problems, Problem(stage, code, message, fatal)))

    def touched_by(self, stage_version: str) -> Article:
        """Return a copy that records a stage version in its provenance."""
        return replace(self, provenance=(*self.provenance, stage_version))


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    """Turn an event into JSON-ready data: every field present, dates as ISO strings."""
    data: dict[str, Any] = _plain(event)
    return data


def article_to_dict(article: Article, *, with_html: bool = False) -> dict[str, Any]:
    """Turn an article (with its events and problems) into JSON-ready data."""
    data: dict[str, Any] = _plain(article)
    if not with_html:
        data.pop("html", None)
    return data


def _date_or_none(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an event from :func:`event_to_dict` output."""
    values = {k: v for k, v in data.items() if k in EVENT_FIELDS}
    values["event_date"] = _date_or_none(values.get("event_date"))
    values["evidence"] = tuple(
        Evidence(**{**e, "fields": tuple(e.get("fields", ()))}) for e in values.get("evidence", ())
    )
    return Event(**values)


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an article from :func:`article_to_dict` output."""
    names = {f.name for f in dataclasses.fields(Article)}
    values = {k: v for k, v in data.items() if k in names}
    values["published"] = _date_or_none(values.get("published"))
    values["events"] = tuple(event_from_dict(e) for e in values.get("events", ()))
    values["problems"] = tuple(Problem(**p) for p in values.get("problems", ()))
    values["provenance"] = tuple(values.get("provenance", ()))
    values["date_hints"] = tuple(tuple(pair) for pair in values.get("date_hints", ()))
    return Article(**values)


def dumps(data: Any) -> str:
    """Serialise dataclasses or plain data as one compact JSON line."""
    return json.dumps(_plain(data), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Source:
    """One report of an incident: which event of which article, from which outlet."""

    event_id: str
    article_id: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """One source's figures for an incident, with the sentences that state them."""

    event_id: str
    article_id: str
    outlet: str | None
    fatalities: int | None
    deaths_a: int | None
    deaths_b: int | None
    deaths_civilians: int | None
    deaths_unknown: int | None
    injured: int | None
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident:
    """One real incident: reconciled fields (as an Event), its sources and their reports."""

    incident_id: str
    event: Event  # event_id == incident_id; evidence from every source
    event_ids: tuple[str, ...]
    sources: tuple[Source, ...]
    number_of_sources: int
    source: str  # ACLED's `source` column: outlet names joined by "; "
    conflicting: bool
    conflicting_reports: tuple[Report, ...] = ()  # every source's figures, when they disagree


__all__ = [
    "INTER_CIVILIANS",
    "INTER_EXTERNAL",
    "INTER_IDENTITY_MILITIA",
    "INTER_POLITICAL_MILITIA",
    "INTER_PROTESTERS",
    "INTER_REBELS",
    "INTER_RIOTERS",
    "INTER_STATE",
    "Article",
    "EVENT_FIELDS",
    "Event",
    "Evidence",
    "Incident",
    "Problem",
    "Report",
    "Source",
    "article_from_dict",
    "article_to_dict",
    "dumps",
    "event_from_dict",
    "event_to_dict",
]
