"""Compact per-event features for blocking and scoring, kept in parallel lists.

A million Event objects are already large; the dedupe core therefore reads each event once
into flat lists of numbers and interned strings, so that scoring a candidate pair touches
only a few list items and no attribute lookups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from strife.model import EVENT_WEEKDAY, Event
from strife.resources import Resources

# ACLED time_precision → how many days either side of event_date the incident may lie.
# Precision 2 means "within a week", 3 "within a month" (ACLED codes the middle or the
# first of the period; ±15 days covers both readings).
HALF_WINDOW_DAYS: dict[int, int] = {1: 0, 2: 3, 3: 15}
UNDATED_REACH = 10**7  # days: beyond any date ordinal

_ARTICLE_PREFIX = re.compile(r"^(?:al|ar|as|an|ad|at|az|el|ash|adh) ")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_YEARS = re.compile(r"\((?:[^()]*\d{4}[^()]*)\)")


@lru_cache(maxsize=65536)
def normalize_place(name: str | None) -> str | None:
    """Return a comparable form of a place name: ASCII, lower case, no leading article."""
    if not name:
        return None
    text = _NON_ALNUM.sub(" ", anyascii(name).lower()).strip()
    text = _ARTICLE_PREFIX.sub("", text)
    text = re.sub(r"\b(?:province|governorate|district|city|region|state)\b", "", text)
    return " ".join(text.split()) or None


@lru_cache(maxsize=65536)
def normalize_actor(name: str | None) -> str | None:
    """Return a comparable actor name, or None for an unnamed one ("Unidentified ...")."""
    if not name:
        return None
    # ACLED appends periods of government ("(2014-)"); they do not change who acted.
    text = _YEARS.sub("", name).strip().lower()
    if not text or text.startswith("unidentified") or text.startswith("unknown"):
        return None
    return " ".join(text.split())


_WEEKDAY_INDEX = {name.lower(): n for n, name in enumerate(Resources.lexicons.words.weekdays)}
_WEEKDAY_NAMES = re.compile(r"\b(" + "|".join(_WEEKDAY_INDEX) + r")\b", re.IGNORECASE)


def named_weekday(event: Event) -> int:
    """Return the weekday (Monday = 0) an undated report says it happened on, or -1.

    Only a sentence extraction cited for it counts, and only when it names one weekday.
    """
    if event.event_date is not None:
        return -1
    for evidence in event.evidence:
        if EVENT_WEEKDAY in evidence.fields:
            named = {m.group(1).lower() for m in _WEEKDAY_NAMES.finditer(evidence.text)}
            return _WEEKDAY_INDEX[named.pop()] if len(named) == 1 else -1
    return -1


PLACE_STEM_LETTERS = 5


@lru_cache(maxsize=65536)
def place_stem(location: str | None) -> str | None:
    """Return the first letters of a normalized place name, spelling variants folded.

    Two outlets transliterate one village differently ("Timmapur" / "Timmapuram"), and a
    gazetteer may then place them far apart: reports of one day whose names share a stem
    are compared even so (see scoring.alike_names).
    """
    name = normalize_place(location)
    if not name:
        return None
    folded = name.replace(" ", "").replace("y", "i")
    letters = "".join(c for c in folded if not c.isdigit())
    if len(letters) < PLACE_STEM_LETTERS:
        return None
    # Numbers in a name ("Sector 5", "Km 40") tell places apart: they are part of the key.
    return letters[:PLACE_STEM_LETTERS] + "".join(c for c in folded if c.isdigit())


def actor_names(event: Event) -> frozenset[str]:
    """Return the named actors of an event (main and associated, unnamed ones left out)."""
    names: set[str] = set()
    for value in (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2):
        if not value:
            continue
        for part in value.split(";"):
            normal = normalize_actor(part)
            if normal:
                names.add(normal)
    return frozenset(names)


@dataclass(slots=True)
class Features:
    """Everything the dedupe core needs about n events, index-aligned, sorted by event_id."""

    events: list[Event]
    ids: list[str] = field(default_factory=list)
    article: list[str] = field(default_factory=list)
    country: list[str | None] = field(default_factory=list)
    dated: list[bool] = field(default_factory=list)
    day: list[int] = field(default_factory=list)  # date ordinal, 0 when undated
    lo: list[int] = field(default_factory=list)  # earliest day the incident may be on
    hi: list[int] = field(default_factory=list)  # latest day
    precise_day: list[bool] = field(default_factory=list)  # time_precision 1
    spatial: list[bool] = field(default_factory=list)  # coordinates that mean a place
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    geo_precision: list[int] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    admin2: list[str | None] = field(default_factory=list)
    location: list[str | None] = field(default_factory=list)
    event_type: list[str | None] = field(default_factory=list)
    sub_event_type: list[str | None] = field(default_factory=list)
    actors: list[frozenset[str]] = field(default_factory=list)  # shared between equal sets
    total: list[int] = field(default_factory=list)  # 0 when unknown or none
    deaths_a: list[int] = field(default_factory=list)
    deaths_b: list[int] = field(default_factory=list)
    deaths_civilians: list[int] = field(default_factory=list)
    weekday: list[int] = field(default_factory=list)  # an undated report's weekday, or -1
    place_stem: list[str | None] = field(default_factory=list)  # see place_stem()
    # (i, j) -> shingle Jaccard, i < j: events told in one text (wire copies, see copies.py)
    copies: dict[tuple[int, int], float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


def build_features(events: Sequence[Event]) -> Features:
    """Read the fields dedupe uses from every event, in event_id order."""
    ordered = sorted(events, key=lambda e: e.event_id)
    features = Features(events=ordered)
    interned_actors: dict[frozenset[str], frozenset[str]] = {}
    interned: dict[str, str] = {}

    def intern(value: str | None) -> str | None:
        return None if value is None else interned.setdefault(value, value)

    for event in ordered:
        features.ids.append(event.event_id)
        features.article.append(event.article_id)
        features.country.append(intern(event.country))
        precision = event.time_precision or 1
        if event.event_date is not None:
            day = event.event_date.toordinal()
            half = HALF_WINDOW_DAYS.get(precision, 15)
            features.dated.append(True)
            features.day.append(day)
            features.lo.append(day - half)
            features.hi.append(day + half)
        else:
            # An undated report may be of any day: its window never narrows a group's.
            features.dated.append(False)
            features.day.append(0)
            features.lo.append(-UNDATED_REACH)
            features.hi.append(UNDATED_REACH)
        features.precise_day.append(precision == 1)
        geo_precision = event.geo_precision or 1
        has_point = (
            event.latitude is not None
            and event.longitude is not None
            and math.isfinite(event.latitude)
            and math.isfinite(event.longitude)
        )
        # A province-level point (geo_precision 3) is a centroid, not a place: compare
        # such events by admin names instead of distance.
        features.spatial.append(has_point and geo_precision <= 2)
        features.lat.append(float(event.latitude) if has_point else 0.0)  # type: ignore[arg-type]
        features.lon.append(float(event.longitude) if has_point else 0.0)  # type: ignore[arg-type]
        features.geo_precision.append(geo_precision)
        features.admin1.append(intern(normalize_place(event.admin1)))
        features.admin2.append(intern(normalize_place(event.admin2)))
        features.location.append(intern(normalize_place(event.location)))
        features.event_type.append(intern(event.event_type))
        features.sub_event_type.append(intern(event.sub_event_type))
        names = actor_names(event)
        features.actors.append(interned_actors.setdefault(names, names))
        features.total.append(max(event.fatalities or 0, 0))
        features.deaths_a.append(max(event.deaths_a or 0, 0))
        features.deaths_b.append(max(event.deaths_b or 0, 0))
        features.deaths_civilians.append(max(event.deaths_civilians or 0, 0))
        features.weekday.append(named_weekday(event))
        features.place_stem.append(place_stem(event.location))
    return features
