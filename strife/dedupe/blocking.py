"""Candidate pairs: only events of one country, days within reach and places nearby meet.

A sweep over events sorted by their earliest possible day keeps an index of the days still
in reach; each event looks up the grid cells around its point (or its province when it has
no precise point, and the first letters of its place's name) on the days its window
touches, then joins the index for every day of its own window. Days that fall behind the
sweep are dropped, so memory follows the window, not the data, and the cost is
O(n log n) for the sort plus the (local) density of events.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from strife.dedupe.features import Features
from strife.dedupe.scoring import RADIUS_KM_NEAR

CELL_DEGREES = 0.5  # ≈ 55 km of latitude: one cell either side covers RADIUS_KM_NEAR
_KM_PER_DEGREE = 111.32

Key = tuple[object, ...]


def _lon_reach(lat: float) -> int:
    """Return how many longitude cells either side can hold a point within the radius."""
    width_km = _KM_PER_DEGREE * CELL_DEGREES * max(math.cos(math.radians(lat)), 0.01)
    return min(math.ceil(RADIUS_KM_NEAR / width_km), 360)


def blockable(f: Features, i: int) -> bool:
    """Tell whether an event can be compared at all: dated, in a country, with a place."""
    return f.dated[i] and f.country[i] is not None and (f.spatial[i] or f.admin1[i] is not None)


def candidate_pairs(f: Features) -> Iterator[tuple[int, int]]:
    """Yield each candidate pair (i, j) once, i < j, of events that might be one incident."""
    order = sorted((i for i in range(len(f)) if blockable(f, i)), key=lambda i: (f.lo[i], i))
    index: dict[int, dict[Key, list[int]]] = {}
    oldest = None
    for i in order:
        lo, hi = f.lo[i], f.hi[i]
        # Later events start no earlier than this one, so days before lo - 1 are out of reach.
        if oldest is not None and oldest < lo - 1:
            for day in [d for d in index if d < lo - 1]:
                del index[day]
            oldest = min(index, default=None)
        country, admin1, spatial = f.country[i], f.admin1[i], f.spatial[i]
        if spatial:
            row = math.floor(f.lat[i] / CELL_DEGREES)
            col = math.floor(f.lon[i] / CELL_DEGREES)
            reach = _lon_reach(f.lat[i])
            cells: list[Key] = [
                ("s", country, row + dr, col + dc)
                for dr in (-1, 0, 1)
                for dc in range(-reach, reach + 1)
            ]
            if admin1 is not None:
                cells.append(("n", country, admin1))  # events of the province with no point
            own: list[Key] = [("s", country, row, col)]
            if admin1 is not None:
                own.append(("a", country, admin1))
        else:
            cells = [("a", country, admin1)]
            own = [("a", country, admin1), ("n", country, admin1)]
        stem = f.place_stem[i]
        if stem is not None and f.precise_day[i]:
            # Places spelled alike may sit far apart in the gazetteer (scoring.alike_names).
            cells.append(("p", country, stem))
            own.append(("p", country, stem))
        found: set[int] = set()
        for day in range(lo - 1, hi + 2):
            bucket = index.get(day)
            if bucket is None:
                continue
            for key in cells:
                members = bucket.get(key)
                if members:
                    found.update(members)
        for j in sorted(found):
            yield (j, i) if j < i else (i, j)
        for day in range(lo, hi + 1):
            bucket = index.get(day)
            if bucket is None:
                bucket = index[day] = {}
                if oldest is None or day < oldest:
                    oldest = day
            for key in own:
                members = bucket.get(key)
                if members is None:
                    bucket[key] = [i]
                else:
                    members.append(i)


UNDATED_BUCKET_MAX = 5000  # a bigger bucket is too vague a place to join an undated report


def undated_candidates(f: Features) -> Iterator[tuple[int, list[int]]]:
    """Yield each undated event with the events of its province (or country) to compare."""
    undated = [i for i in range(len(f)) if not f.dated[i] and f.country[i] is not None]
    if not undated:
        return
    by_place: dict[Key, list[int]] = {}
    for i in range(len(f)):
        if f.country[i] is None:
            continue
        by_place.setdefault(("c", f.country[i]), []).append(i)
        if f.admin1[i] is not None:
            by_place.setdefault(("a", f.country[i], f.admin1[i]), []).append(i)
    for i in undated:
        bucket = by_place[("c", f.country[i])]
        if len(bucket) > UNDATED_BUCKET_MAX and f.admin1[i] is not None:
            bucket = by_place[("a", f.country[i], f.admin1[i])]
        if len(bucket) > UNDATED_BUCKET_MAX:
            continue
        yield i, [j for j in bucket if j != i]
