"""Deduplication: blocking, scoring, clustering and reconciliation of incident reports."""

from __future__ import annotations

import json
import random
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import DAY, RAMADI, report_articles
from hypothesis import given, settings
from hypothesis import strategies as st

from strife.dedupe import cluster_events, deduplicate, reconcile
from strife.dedupe.blocking import candidate_pairs
from strife.dedupe.features import build_features, normalize_actor, normalize_place
from strife.dedupe.reconcile import reconcile_figures
from strife.dedupe.scoring import haversine_km, type_similarity
from strife.dedupe.synthetic import generate_events, pairwise_scores
from strife.model import Article, Event, Evidence


def _events() -> list[Event]:
    return [e for a in report_articles() for e in a.events]


def _at(event_id: str, lat: float, lon: float, day: date = DAY, **values: object) -> Event:
    """A clash reported by its own article at a point (geo_precision 1 unless told)."""
    base: dict[str, object] = {
        "event_id": event_id,
        "article_id": event_id.split(":")[0],
        "event_date": day,
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State",
        "actor2": "Military Forces of Iraq",
        "country": "Iraq",
        "admin1": "Al Anbar",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": 1,
        "fatalities": 5,
        "deaths_b": 5,
    }
    base.update(values)
    return Event(**base)  # type: ignore[arg-type]


def _km_east(km: float) -> float:
    """Degrees of longitude that make `km` at Ramadi's latitude."""
    return km / haversine_km(RAMADI[0], RAMADI[1], RAMADI[0], RAMADI[1] + 1.0)


# -- the pure core ----------------------------------------------------------------------


def test_three_outlets_of_one_attack_are_one_incident_and_the_rest_stay_apart() -> None:
    groups = cluster_events(_events())
    assert sorted(groups) == [
        ["agency-3:0", "daily-7:0", "wire-1:0"],
        ["basra-2:0"],
        ["market-9:0"],
    ]


def test_every_event_is_in_exactly_one_group() -> None:
    events, _ = generate_events(3000, seed=7)
    groups = cluster_events(events)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == sorted(e.event_id for e in events)
    assert len(flat) == len(set(flat))


def test_a_chain_of_nearby_places_never_becomes_one_incident() -> None:
    # Each neighbour is 15 km from the next; the ends are 30 km apart: beyond the
    # 25 km two precise places may be apart.
    step = _km_east(15)
    events = [
        _at("a:0", RAMADI[0], RAMADI[1]),
        _at("b:0", RAMADI[0], RAMADI[1] + step),
        _at("c:0", RAMADI[0], RAMADI[1] + 2 * step),
    ]
    groups = cluster_events(events)
    assert all(not {"a:0", "c:0"} <= set(g) for g in groups)


def test_consecutive_days_never_chain_into_one_incident() -> None:
    events = [
        _at("a:0", *RAMADI, day=DAY),
        _at("b:0", *RAMADI, day=DAY + timedelta(days=1)),
        _at("c:0", *RAMADI, day=DAY + timedelta(days=2)),
    ]
    groups = cluster_events(events)
    assert all(not {"a:0", "c:0"} <= set(g) for g in groups)
    # An overnight attack dated a day apart by two outlets is still one incident.
    assert any({"a:0", "b:0"} <= set(g) or {"b:0", "c:0"} <= set(g) for g in groups)


def test_events_far_apart_or_in_other_countries_are_never_candidates() -> None:
    events = [
        _at("a:0", *RAMADI),
        _at("b:0", RAMADI[0], RAMADI[1] + _km_east(300)),
        _at("c:0", *RAMADI, country="Syria"),
        _at("d:0", *RAMADI, day=DAY + timedelta(days=5)),
        _at("e:0", RAMADI[0] + 0.01, RAMADI[1]),
        _at("f:0", RAMADI[0], RAMADI[1] + _km_east(60)),  # may be a candidate, never linked
    ]
    features = build_features(events)
    pairs = {(features.ids[i], features.ids[j]) for i, j in candidate_pairs(features)}
    assert ("a:0", "e:0") in pairs
    assert not {p for p in pairs if {"b:0", "c:0", "d:0"} & set(p)}
    assert ["f:0"] in cluster_events(events)


def test_two_events_of_one_article_stay_apart_unless_they_are_the_same_incident() -> None:
    clash = _at("art:0", *RAMADI, evidence=(Evidence("art", "Fighting near the bridge.", 0, 25),))
    bombing = _at(
        "art:1",
        *RAMADI,
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        fatalities=9,
        deaths_b=9,
    )
    assert sorted(cluster_events([clash, bombing])) == [["art:0"], ["art:1"]]
    # The extractor reporting the same clash twice (lede and details) is one incident.
    twice = replace(clash, event_id="art:2")
    assert cluster_events([clash, twice]) == [["art:0", "art:2"]]


def test_two_attacks_in_two_articles_pair_up_by_figures_and_type() -> None:
    # Two outlets each report a barracks raid (22 dead) and a convoy bombing (25 dead)
    # near the same town the same day: each report joins its counterpart, never both.
    def pair(article: str, lat: float) -> list[Event]:
        return [
            _at(f"{article}:0", lat, RAMADI[1], fatalities=22, deaths_b=22),
            _at(
                f"{article}:1",
                lat,
                RAMADI[1],
                event_type="Explosions/Remote violence",
                sub_event_type="Suicide bomb",
                fatalities=25,
                deaths_b=25,
            ),
        ]

    events = pair("first", RAMADI[0]) + pair("second", RAMADI[0] + 0.02)
    assert sorted(cluster_events(events)) == [
        ["first:0", "second:0"],
        ["first:1", "second:1"],
    ]


def test_undated_reports_join_their_match_and_unplaced_ones_stay_single() -> None:
    undated = _at("u:0", *RAMADI, event_date=None)
    nowhere = _at("n:0", *RAMADI, latitude=None, longitude=None, admin1=None, country=None)
    dated = _at("d:0", *RAMADI)
    # The undated report joins the one incident its place, actors, type and toll match;
    # a report with no place at all stays alone.
    assert sorted(cluster_events([undated, nowhere, dated])) == [["d:0", "u:0"], ["n:0"]]


def test_strategic_developments_of_different_kinds_never_merge() -> None:
    assert (
        type_similarity("Strategic developments", "Other", "Strategic developments", "Other")
        is None
    )
    assert type_similarity("Battles", "Armed clash", "Protests", "Peaceful protest") is None
    assert type_similarity("Battles", "Armed clash", "Battles", "Armed clash") == 1.0
    related = type_similarity(
        "Battles", "Armed clash", "Explosions/Remote violence", "Suicide bomb"
    )
    assert related is not None and 0 < related < 1


def test_names_are_compared_in_a_normal_form() -> None:
    assert normalize_place("Al-Ramadi") == normalize_place("Ramadi") == "ramadi"
    assert normalize_place("Anbar Province") == normalize_place("al Anbar") == "anbar"
    assert normalize_actor("Military Forces of Iraq (2014-)") == "military forces of iraq"
    assert normalize_actor("Unidentified Armed Group (Iraq)") is None


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=20, max_value=300))
def test_grouping_depends_on_the_events_not_their_order(seed: int, n: int) -> None:
    events, _ = generate_events(n, seed=seed)
    shuffled = events[:]
    random.Random(seed).shuffle(shuffled)
    once = cluster_events(events)
    assert cluster_events(shuffled) == once
    # Clustering what was already merged merges nothing more.
    by_id = {e.event_id: e for e in events}
    first_of_each = [by_id[g[0]] for g in once]
    assert len(cluster_events(first_of_each)) <= len(once)


def test_generated_duplicates_are_found_with_high_precision_and_recall() -> None:
    events, truth = generate_events(20_000, seed=3)
    started = time.perf_counter()
    groups = cluster_events(events)
    elapsed = time.perf_counter() - started
    scores = pairwise_scores(groups, truth)
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.95
    assert elapsed < 20  # about 1 s on the development machine


# -- reconciliation ---------------------------------------------------------------------


def test_reconciled_figures_follow_acled_and_ucdp() -> None:
    (incident,) = [i for i in deduplicate(_events()) if i.number_of_sources == 3]
    event = incident.event
    # Sides: militants 20 and 20; soldiers 7, 2 and 7.
    assert event.fatalities == 22  # ACLED: the lowest figure of each side, summed
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (22, 27, 27)
    assert (event.deaths_a, event.deaths_b) == (20, 7)  # UCDP: best = sum of the sides
    assert event.injured == 16
    assert incident.conflicting
    soldiers = {r.article_id: r.deaths_b for r in incident.conflicting_reports}
    assert soldiers == {"wire-1": 7, "daily-7": 2, "agency-3": 7}
    quotes = {r.article_id: r.quotes for r in incident.conflicting_reports}
    assert any("two dead soldiers" in q for q in quotes["daily-7"])
    assert any("seven soldiers died" in q for q in quotes["wire-1"])


def test_reconciliation_takes_the_most_precise_place_and_date() -> None:
    vague = _at(
        "v:0",
        33.4,
        43.3,
        location="Al Anbar",
        geo_precision=3,
        time_precision=2,
        event_date=DAY - timedelta(days=2),
    )
    precise = _at("p:0", *RAMADI, location="Ramadi", geo_precision=1)
    incident = reconcile([vague, precise])
    assert incident.event.location == "Ramadi"
    assert incident.event.geo_precision == 1
    assert incident.event.event_date == DAY
    assert incident.event.time_precision == 1
    assert incident.event_ids == ("p:0", "v:0")


def test_sources_outlets_and_counts() -> None:
    articles = {a.id: a for a in report_articles()}
    (incident,) = [i for i in deduplicate(_events(), articles) if i.number_of_sources == 3]
    assert incident.source == "Desert Wire; Euphrates Agency; The Daily Courier"
    assert {s.url for s in incident.sources} == {"https://desert-wire.example/a/1", None}
    assert len(incident.event.evidence) == 3
    assert incident.incident_id.startswith("inc-")


def test_sides_are_aligned_when_outlets_name_the_actors_the_other_way_round() -> None:
    first = _at("x:0", *RAMADI, deaths_a=10, deaths_b=3, fatalities=13)
    swapped = _at(
        "y:0",
        *RAMADI,
        actor1="Military Forces of Iraq",
        actor2="Islamic State",
        deaths_a=3,
        deaths_b=10,
        fatalities=13,
    )
    incident = reconcile([first, swapped])
    assert (incident.event.deaths_a, incident.event.deaths_b) == (10, 3)
    assert not incident.conflicting


def test_a_total_without_sides_still_bounds_the_count() -> None:
    sided = _at("a:0", *RAMADI, fatalities=9, deaths_a=4, deaths_b=5)
    total = _at("b:0", *RAMADI, fatalities=12, deaths_a=None, deaths_b=None)
    figures = reconcile_figures([sided, total])
    assert figures["fatalities_low"] == 12
    assert figures["fatalities_high"] == 12
    only_totals = reconcile_figures(
        [replace(total, fatalities=n, event_id=f"t:{n}") for n in (3, 8, 5)]
    )
    assert (only_totals["fatalities_low"], only_totals["fatalities_best"]) == (3, 5)
    assert only_totals["fatalities_high"] == 8


# -- the real seed reports (read from ../shared at run time) -----------------------------


def _gold_events(corpus: Path) -> tuple[list[Event], dict[str, Article]]:
    metadata = {
        json.loads(line)["id"]: json.loads(line)
        for line in (corpus / "metadata.jsonl").read_text().splitlines()
        if line.strip()
    }
    events: list[Event] = []
    articles: dict[str, Article] = {}
    precision = {"day": 1, "week": 2, "month": 3}
    for path in sorted(p for d in ("seeds", "extra") for p in (corpus / d).glob("*.gold.json")):
        article_id = path.name.removesuffix(".gold.json")
        info = metadata.get(article_id, {})
        articles[article_id] = Article(
            id=article_id, outlet=info.get("outlet"), url=info.get("url")
        )
        for k, gold in enumerate(json.loads(path.read_text())["events"]):
            sides = gold.get("fatalities_by_side") or {}
            events.append(
                Event(
                    event_id=f"{article_id}:{k}",
                    article_id=article_id,
                    event_date=date.fromisoformat(gold["event_date"])
                    if gold.get("event_date")
                    else None,
                    time_precision=precision.get(gold.get("date_precision", "")),
                    event_type=gold.get("event_type"),
                    sub_event_type=gold.get("sub_event_type"),
                    actor1=gold.get("actor1"),
                    actor2=gold.get("actor2"),
                    country=gold.get("country"),
                    admin1=gold.get("admin1"),
                    location=gold.get("location"),
                    geo_precision=gold.get("geo_precision"),
                    fatalities=gold.get("fatalities"),
                    deaths_a=sides.get("actor1"),
                    deaths_b=sides.get("actor2"),
                    deaths_civilians=sides.get("civilians"),
                    injured=gold.get("injured"),
                    evidence=tuple(
                        Evidence(article_id, text, 0, len(text), ("fatalities",))
                        for text in gold.get("evidence", [])
                    ),
                )
            )
    return events, articles


def test_gold_events_of_the_seed_corpus_merge_exactly_as_annotated(corpus: Path) -> None:
    events, _ = _gold_events(corpus)
    duplicates = json.loads((corpus / "DUPLICATES.json").read_text())
    expected = sorted(
        sorted(f"{article}:{index}" for article, index in group["members"])
        for group in duplicates["groups"]
    )
    merged = sorted(g for g in cluster_events(events) if len(g) > 1)
    assert merged == expected


def test_gold_ramadi_incident_reconciles_to_the_conservative_count(corpus: Path) -> None:
    events, articles = _gold_events(corpus)
    (ramadi,) = [i for i in deduplicate(events, articles) if i.number_of_sources == 3]
    assert ramadi.event.fatalities == 22
    assert ramadi.event.fatalities_low == 22
    assert ramadi.event.fatalities_high == 27
    assert ramadi.conflicting
    soldiers = sorted(r.deaths_b for r in ramadi.conflicting_reports if r.deaths_b is not None)
    assert soldiers == [2, 7, 7]
    assert all(r.quotes for r in ramadi.conflicting_reports)


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_inputs(n: int) -> None:
    events = [_at("only:0", *RAMADI)][:n]
    assert cluster_events(events) == [[e.event_id] for e in events]
