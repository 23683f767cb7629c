"""Generated events with known duplicates, for the dedupe benchmark and scale tests.

The spread imitates ACLED's: a few countries carry most events (a war, a civil war, a
drug war), events cluster in hot towns, most incidents have one report and some have many,
and reports of one incident disagree the way outlets do: a day apart, "near" the town
instead of in it, the province only, other figures, another event type, a vaguer actor.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strife.model import Event, Evidence

# (ACLED country name, share of events, centre latitude, centre longitude, spread in degrees)
COUNTRIES: tuple[tuple[str, float, float, float, float], ...] = (
    ("Ukraine", 0.16, 48.5, 35.0, 2.5),
    ("Syria", 0.12, 35.0, 38.5, 1.5),
    ("Myanmar", 0.07, 21.0, 96.0, 2.5),
    ("Mexico", 0.06, 21.0, -101.0, 4.0),
    ("Brazil", 0.05, -15.0, -47.0, 6.0),
    ("India", 0.05, 23.0, 80.0, 5.0),
    ("Pakistan", 0.04, 31.0, 71.0, 3.0),
    ("Nigeria", 0.04, 10.0, 8.0, 3.0),
    ("Yemen", 0.04, 15.0, 45.0, 1.5),
    ("Democratic Republic of Congo", 0.04, -1.5, 28.5, 2.0),
    ("Palestine", 0.03, 31.5, 34.8, 0.3),
    ("Iraq", 0.03, 33.3, 43.5, 2.0),
    ("Afghanistan", 0.03, 34.0, 66.0, 2.5),
    ("Somalia", 0.03, 4.0, 45.5, 2.5),
    ("Sudan", 0.03, 14.0, 29.0, 3.0),
    ("Burkina Faso", 0.03, 12.5, -1.5, 1.5),
    ("Colombia", 0.03, 5.0, -74.5, 2.5),
    ("Ethiopia", 0.03, 9.0, 39.0, 2.5),
    ("Mali", 0.02, 15.0, -3.0, 2.5),
    ("Cameroon", 0.02, 6.0, 12.0, 2.0),
    ("Philippines", 0.02, 10.0, 123.0, 3.0),
    ("Lebanon", 0.01, 33.8, 35.8, 0.3),
    ("Kenya", 0.01, 0.0, 37.5, 2.0),
    ("Mozambique", 0.01, -13.0, 39.5, 1.5),
    ("Bangladesh", 0.01, 23.7, 90.3, 1.0),
)
TYPES: tuple[tuple[str, str, float], ...] = (
    ("Battles", "Armed clash", 0.30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.14),
    ("Explosions/Remote violence", "Air/drone strike", 0.08),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.04),
    ("Violence against civilians", "Attack", 0.14),
    ("Violence against civilians", "Abduction/forced disappearance", 0.02),
    ("Protests", "Peaceful protest", 0.18),
    ("Riots", "Violent demonstration", 0.05),
    ("Strategic developments", "Looting/property destruction", 0.05),
)
_WORDS = tuple(
    "attack attacked fighters village town district province forces militants gunmen army "
    "police checkpoint convoy market mosque church school hospital road bridge border camp "
    "base soldiers civilians residents officials witnesses morning evening night overnight "
    "clashes shelling rockets drones airstrike explosion blast device ambush raid kidnapped "
    "protesters demonstrators crowd teargas burned looted shops houses killed wounded dead "
    "injured bodies fled displaced reinforcements commander spokesman statement security".split()
)
FIRST_DAY = date(2018, 1, 1)
DAYS = 6 * 365


@dataclass(frozen=True, slots=True)
class _Town:
    name: str
    country: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float


def _pick(rng: random.Random, cumulative: Sequence[float]) -> int:
    x = rng.random() * cumulative[-1]
    lo, hi = 0, len(cumulative) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cumulative[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _towns(rng: random.Random, country: str, lat: float, lon: float, spread: float) -> list[_Town]:
    provinces = [
        (f"{country[:3]} Province {k}", lat + rng.gauss(0, spread), lon + rng.gauss(0, spread))
        for k in range(12)
    ]
    towns = []
    for k in range(250):
        t_lat = max(-80.0, min(80.0, lat + rng.gauss(0, spread)))
        t_lon = lon + rng.gauss(0, spread)
        province = min(provinces, key=lambda p: (p[1] - t_lat) ** 2 + (p[2] - t_lon) ** 2)
        district = f"{province[0]} District {int((t_lat * 4) % 7)}"
        towns.append(_Town(f"{country[:3]}town{k}", country, province[0], district, t_lat, t_lon))
    return towns


def generate_events(n: int, *, seed: int = 1) -> tuple[list[Event], list[list[str]]]:
    """Return about n events and the true incident groups (lists of event_ids)."""
    rng = random.Random(seed)
    country_weights = _cumulative([c[1] for c in COUNTRIES])
    type_weights = _cumulative([t[2] for t in TYPES])
    towns = {c[0]: _towns(rng, c[0], c[2], c[3], c[4]) for c in COUNTRIES}
    # Hot towns: a Zipf-like spread within each country.
    town_weights = _cumulative([1.0 / (k + 1) ** 0.8 for k in range(250)])
    report_counts = _cumulative([0.55, 0.25, 0.12, 0.04, 0.02, 0.02])
    actors = {
        c[0]: [f"Military Forces of {c[0]}", f"Police Forces of {c[0]}"]
        + [f"{c[0][:3]} Armed Group {k}" for k in range(6)]
        for c in COUNTRIES
    }
    events: list[Event] = []
    truth: list[list[str]] = []
    article = 0
    while len(events) < n:
        country = COUNTRIES[_pick(rng, country_weights)][0]
        town = towns[country][_pick(rng, town_weights)]
        event_type, sub_type, _ = TYPES[_pick(rng, type_weights)]
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        actor1, actor2 = rng.sample(actors[country], 2)
        killed = 0 if event_type == "Protests" else int(rng.expovariate(0.25))
        words = " ".join(rng.choice(_WORDS) for _ in range(14))
        group: list[str] = []
        for _ in range(_pick(rng, report_counts) + 1):
            if len(events) >= n:
                break
            article += 1
            event_id = f"a{article:08d}:0"
            e_day, precision = day, 1
            roll = rng.random()
            if roll < 0.06:
                e_day = day + timedelta(days=rng.choice((-1, 1)))
            elif roll < 0.08:
                precision = 2
            lat, lon, geo = town.latitude, town.longitude, 1
            location = town.name
            roll = rng.random()
            if roll < 0.12:  # "near" the town: a point a few km off, precision 2
                geo = 2
                lat += rng.uniform(-0.08, 0.08)
                lon += rng.uniform(-0.08, 0.08)
            elif roll < 0.15:  # only the province is known
                geo = 3
                location = town.admin1
            e_type, e_sub = event_type, sub_type
            if event_type == "Battles" and rng.random() < 0.1:
                e_type, e_sub = "Explosions/Remote violence", "Shelling/artillery/missile attack"
            figure = killed
            if killed and rng.random() < 0.3:
                figure = max(0, killed + rng.randint(-killed // 3 - 1, killed // 3 + 1))
            a1 = actor1 if rng.random() > 0.1 else f"Unidentified Armed Group ({country})"
            text = words if rng.random() < 0.5 else " ".join(words.split()[::-1][:10])
            events.append(
                Event(
                    event_id=event_id,
                    article_id=event_id.split(":")[0],
                    event_date=e_day,
                    time_precision=precision,
                    event_type=e_type,
                    sub_event_type=e_sub,
                    actor1=a1,
                    actor2=actor2 if e_type not in {"Protests", "Riots"} else None,
                    country=country,
                    admin1=town.admin1,
                    admin2=town.admin2 if geo < 3 else None,
                    location=location,
                    latitude=round(lat, 4),
                    longitude=round(lon, 4),
                    geo_precision=geo,
                    fatalities=figure,
                    deaths_b=figure or None,
                    evidence=(Evidence(event_id.split(":")[0], text, 0, len(text), ("event",)),),
                )
            )
            group.append(event_id)
        if group:
            truth.append(group)
    return events, truth


def pairwise_scores(
    predicted: Sequence[Sequence[str]], truth: Sequence[Sequence[str]]
) -> dict[str, float]:
    """Return pairwise precision, recall and F1 of "same incident" between two groupings."""
    label = {event_id: k for k, group in enumerate(truth) for event_id in group}
    true_pairs = sum(len(g) * (len(g) - 1) // 2 for g in truth)
    predicted_pairs = sum(len(g) * (len(g) - 1) // 2 for g in predicted)
    correct = 0
    for group in predicted:
        counts: dict[int, int] = {}
        for event_id in group:
            counts[label[event_id]] = counts.get(label[event_id], 0) + 1
        correct += sum(c * (c - 1) // 2 for c in counts.values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": float(true_pairs)}


__all__ = ["generate_events", "pairwise_scores"]
