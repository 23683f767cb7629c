"""Merge the reports of one incident into one record, keeping every source's figures.

Place comes from the most precise report, the date from the most precise and earliest.
Deaths follow both conventions: ACLED's `fatalities` is the conservative reading (the
lowest figure each side was given, summed), UCDP's low / best / high are the per-side
minimum, median and maximum, summed. When the sources disagree, `conflicting_reports`
lists each one's figures with the quotes behind them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from urllib.parse import urlparse

from strife.dedupe.features import normalize_actor
from strife.model import Article, Event, Evidence, Incident, Report, Source

FIGURE_FIELDS: tuple[str, ...] = (
    "fatalities",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "injured",
)
_SIDES: tuple[str, ...] = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def incident_id_for(event_ids: Sequence[str]) -> str:
    """Return a stable incident id: it changes only if an earlier-sorting report joins."""
    first = min(event_ids)
    return "inc-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:16]


def outlet_name(article: Article | None) -> str | None:
    """Return the outlet of an article, or the host of its address when the outlet is unknown."""
    if article is None:
        return None
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlparse(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def _median_low(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _orient(event: Event, actor1: str | None, actor2: str | None) -> Event:
    """Swap sides a/b when this report names the incident's actors the other way round."""
    own1, own2 = normalize_actor(event.actor1), normalize_actor(event.actor2)
    want1, want2 = normalize_actor(actor1), normalize_actor(actor2)
    swapped = (own1 is not None and own1 == want2 and own1 != want1) or (
        own2 is not None and own2 == want1 and own2 != want2
    )
    if not swapped:
        return event
    return replace(event, deaths_a=event.deaths_b, deaths_b=event.deaths_a)


def reconcile_figures(events: Sequence[Event]) -> dict[str, int | None]:
    """Return fatalities (conservative), fatalities_low/best/high and deaths by side."""
    by_side: dict[str, list[int]] = {side: [] for side in _SIDES}
    totals_only: list[int] = []
    side_totals: list[int] = []
    for event in events:
        sides = {side: getattr(event, side) for side in _SIDES}
        known = {k: v for k, v in sides.items() if v is not None and v >= 0}
        if known and sum(known.values()) > 0:
            for side, value in known.items():
                by_side[side].append(value)
            side_totals.append(max(event.fatalities or 0, sum(known.values())))
        elif event.fatalities is not None and event.fatalities >= 0:
            totals_only.append(event.fatalities)
    result: dict[str, int | None] = dict.fromkeys(
        ("fatalities", "fatalities_low", "fatalities_best", "fatalities_high", *_SIDES)
    )
    if any(by_side.values()):
        low = sum(min(v) for v in by_side.values() if v)
        best = sum(_median_low(v) for v in by_side.values() if v)
        high = sum(max(v) for v in by_side.values() if v)
        for side, values in by_side.items():
            result[side] = _median_low(values) if values else None
        # A report giving only a total still bounds the count: it can raise the low end (the
        # sides are a lower bound of what it counted) and the high end.
        if totals_only:
            low = max(low, min(totals_only))
            best = max(best, _median_low(totals_only))
            high = max(high, max(totals_only))
        high = max(high, *side_totals)
        best = min(max(best, low), high)
    elif totals_only:
        low, best, high = min(totals_only), _median_low(totals_only), max(totals_only)
        if best:
            result["deaths_unknown"] = best
    else:
        return result
    result.update(fatalities=low, fatalities_low=low, fatalities_best=best, fatalities_high=high)
    return result


def _most_precise(events: Sequence[Event], precision: str, value: str) -> Event:
    """Pick the report with the most precise value; ties go to the commonest value."""
    with_value = [e for e in events if getattr(e, value) is not None] or list(events)
    counts = Counter(getattr(e, value) for e in with_value)
    return min(
        with_value,
        key=lambda e: (
            getattr(e, precision) or 9,
            -counts[getattr(e, value)],
            e.event_id,
        ),
    )


def _earliest_date(events: Sequence[Event]) -> Event:
    """Pick the report with the most precise date, and of those the earliest.

    A report can only date an incident late (the day an official spoke of it, the page's
    own day, the morning after a night), never before it happened; an incident that
    spans a night is coded on the day it began, as ACLED does.
    """
    dated = [e for e in events if e.event_date is not None] or list(events)
    return min(
        dated,
        key=lambda e: (e.time_precision or 9, e.event_date or date.max, e.event_id),
    )


def _choose_actors(events: Sequence[Event]) -> Event:
    """Pick the report whose actors most sources share, preferring named actors."""
    pairs = Counter(
        frozenset(filter(None, (normalize_actor(e.actor1), normalize_actor(e.actor2))))
        for e in events
    )

    def rank(e: Event) -> tuple[int, int, int, str]:
        names = frozenset(filter(None, (normalize_actor(e.actor1), normalize_actor(e.actor2))))
        agreeing = sum(n for other, n in pairs.items() if names and names <= other)
        return (-agreeing, -len(names), 0 if e.actor1 else 1, e.event_id)

    return min(events, key=rank)


def _choose_type(events: Sequence[Event]) -> Event:
    """Pick the report with the commonest (event_type, sub_event_type)."""
    counts: Counter[tuple[str | None, str | None]] = Counter(
        (e.event_type, e.sub_event_type) for e in events if e.event_type
    )
    if not counts:
        return min(events, key=lambda e: e.event_id)
    return min(
        (e for e in events if e.event_type),
        key=lambda e: (-counts[(e.event_type, e.sub_event_type)], e.event_id),
    )


def _figure_quotes(event: Event) -> tuple[str, ...]:
    fields = {"fatalities", "injured", *_SIDES}
    quotes = [e.text for e in event.evidence if fields.intersection(e.fields)]
    return tuple(dict.fromkeys(quotes))


def reconcile(events: Sequence[Event], articles: Mapping[str, Article] | None = None) -> Incident:
    """Merge the reports of one incident into an Incident (articles give outlets and URLs)."""
    if not events:
        raise ValueError("reconcile needs at least one event")
    articles = articles or {}
    events = sorted(events, key=lambda e: e.event_id)
    incident_id = incident_id_for([e.event_id for e in events])
    place = _most_precise(events, "geo_precision", "location")
    when = _earliest_date(events)
    kind = _choose_type(events)
    who = _choose_actors(events)
    oriented = [_orient(e, who.actor1, who.actor2) for e in events]
    figures = reconcile_figures(oriented)
    injured = [e.injured for e in events if e.injured is not None]
    interaction = who.interaction
    if interaction is None and who.inter1 is not None:
        inter2 = who.inter2 or 0
        interaction = (
            10 * min(who.inter1, inter2) + max(who.inter1, inter2) if inter2 else (10 * who.inter1)
        )
    evidence: list[Evidence] = []
    for event in events:
        evidence.extend(event.evidence)
    notes = next((e.notes for e in (place, when, kind, *events) if e.notes), None)
    merged = Event(
        event_id=incident_id,
        article_id=place.article_id,
        event_date=when.event_date,
        time_precision=when.time_precision,
        disorder_type=kind.disorder_type,
        event_type=kind.event_type,
        sub_event_type=kind.sub_event_type,
        actor1=who.actor1,
        assoc_actor_1=who.assoc_actor_1,
        inter1=who.inter1,
        actor2=who.actor2,
        assoc_actor_2=who.assoc_actor_2,
        inter2=who.inter2,
        interaction=interaction,
        civilian_targeting=kind.civilian_targeting,
        iso=place.iso,
        country=place.country,
        admin1=place.admin1,
        admin2=place.admin2,
        admin3=place.admin3,
        location=place.location,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        geonameid=place.geonameid,
        fatalities=figures["fatalities"],
        injured=min(injured) if injured else None,
        deaths_a=figures["deaths_a"],
        deaths_b=figures["deaths_b"],
        deaths_civilians=figures["deaths_civilians"],
        deaths_unknown=figures["deaths_unknown"],
        fatalities_low=figures["fatalities_low"],
        fatalities_best=figures["fatalities_best"],
        fatalities_high=figures["fatalities_high"],
        notes=notes,
        historical=all(e.historical for e in events),
        evidence=tuple(evidence),
    )
    sources = tuple(
        Source(
            event_id=e.event_id,
            article_id=e.article_id,
            outlet=outlet_name(articles.get(e.article_id)),
            url=articles[e.article_id].url if e.article_id in articles else None,
            published=articles[e.article_id].published if e.article_id in articles else None,
            title=articles[e.article_id].title if e.article_id in articles else "",
        )
        for e in events
    )
    reports = tuple(
        Report(
            event_id=e.event_id,
            article_id=e.article_id,
            outlet=s.outlet,
            fatalities=e.fatalities,
            deaths_a=e.deaths_a,
            deaths_b=e.deaths_b,
            deaths_civilians=e.deaths_civilians,
            deaths_unknown=e.deaths_unknown,
            injured=e.injured,
            quotes=_figure_quotes(e),
        )
        for e, s in zip(oriented, sources, strict=True)
    )
    conflicting = any(
        len({getattr(r, name) for r in reports if getattr(r, name) is not None}) > 1
        for name in FIGURE_FIELDS
    )
    outlets = sorted({s.outlet for s in sources if s.outlet})
    return Incident(
        incident_id=incident_id,
        event=merged,
        event_ids=tuple(e.event_id for e in events),
        sources=sources,
        number_of_sources=len({e.article_id for e in events}),
        source="; ".join(outlets),
        conflicting=conflicting,
        conflicting_reports=reports if conflicting else (),
    )
