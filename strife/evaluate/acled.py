"""Score events extracted from ACLED's own ``notes`` against the coded row.

Each row's notes (its trailing "[size=...]" tag removed) go through the pipeline with the
row's date as publication date; the top event (the first one not marked historical) is
compared to the row. Every rate is over all scored rows, so a row that gave no event counts
as wrong on every field.
"""

from __future__ import annotations

import csv
import math
import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from strife.evaluate.names import same_actor, same_label, same_place
from strife.model import Event

_SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]\s*$")
# ACLED files in the wild: 2022-02-23 (acledR), 9-May-20, 21 March 2020, 01-January-2015.
_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d-%B-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y")
_EARTH_RADIUS_KM = 6371.0088


def parse_date(value: str | None) -> date | None:
    """Parse an ACLED event_date in any of the styles its files use; None if unreadable."""
    text = (value or "").strip()
    for style in _DATE_FORMATS:
        try:
            return datetime.strptime(text, style).date()
        except ValueError:
            continue
    return None


def strip_size(notes: str) -> str:
    """Remove the trailing "[size=...]" crowd-size tag ACLED appends to notes."""
    return _SIZE_TAG.sub("", notes or "").strip()


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read an ACLED CSV with lowercase column names (old files use UPPERCASE)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {(k or "").strip().lower(): (v or "") for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


def sample_rows(
    rows: Sequence[dict[str, str]], limit: int | None, seed: int
) -> list[dict[str, str]]:
    """Return `limit` rows drawn with a fixed seed (in file order), or all rows."""
    if limit is None or limit >= len(rows):
        return list(rows)
    chosen = sorted(random.Random(seed).sample(range(len(rows)), limit))
    return [rows[i] for i in chosen]


def top_event(events: Sequence[Event]) -> Event | None:
    """Return the event a row is compared with: the first one not marked historical."""
    return next((e for e in events if not e.historical), None)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _norm(label: str | None) -> str | None:
    return " ".join(label.casefold().split()) if label and label.strip() else None


def macro_f1(
    gold: Sequence[str | None], predicted: Sequence[str | None]
) -> tuple[float, dict[str, float]]:
    """Return macro-averaged F1 over every label seen in gold or predictions, and per label.

    A missing prediction (None) is a miss for the gold label and a label of its own for
    nothing, so rows without an event lower recall but invent no class.
    """
    pairs = [(_norm(g), _norm(p)) for g, p in zip(gold, predicted, strict=True)]
    labels = sorted({g for g, _ in pairs if g} | {p for _, p in pairs if p})
    per_label: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if p == label and g != label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        per_label[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    average = sum(per_label.values()) / len(per_label) if per_label else 0.0
    return average, per_label


def score_rows(rows: Sequence[dict[str, str]], events: Sequence[Event | None]) -> dict[str, Any]:
    """Compare each row with its top predicted event (None when the notes gave no event)."""
    n = len(rows)
    tallies: Counter[str] = Counter()
    errors_km: list[float] = []
    confusion: Counter[str] = Counter()
    # Per country: rows with coordinates, and those placed within 50 km of them.
    countries: dict[str, list[int]] = {}
    for row, event in zip(rows, events, strict=True):
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        country = countries.setdefault(row.get("country") or "", [0, 0])
        country[0] += lat is not None and lon is not None
        if event is None:
            tallies["no_event"] += 1
            confusion[f"{row.get('event_type', '')} -> (none)"] += 1
            continue
        confusion[f"{row.get('event_type', '')} -> {event.event_type}"] += 1
        tallies["event_type"] += same_label(event.event_type, row.get("event_type"))
        tallies["sub_event_type"] += same_label(event.sub_event_type, row.get("sub_event_type"))
        tallies["actor1"] += same_actor(event.actor1, row.get("actor1"))
        tallies["actor2"] += same_actor(event.actor2, row.get("actor2"))
        tallies["location"] += same_place(event.location, [row.get("location")])
        # ACLED writes 0 when no death is reported; strict None == 0 would punish silence.
        tallies["fatalities"] += (event.fatalities or 0) == (_int(row.get("fatalities")) or 0)
        tallies["event_date"] += event.event_date == parse_date(row.get("event_date"))
        if lat is not None and lon is not None:
            tallies["with_coordinates"] += 1
            if event.latitude is not None and event.longitude is not None:
                km = distance_km(event.latitude, event.longitude, lat, lon)
                errors_km.append(km)
                tallies["within_10km"] += km <= 10
                tallies["within_50km"] += km <= 50
                country[1] += km <= 50
    f1, per_label = macro_f1(
        [r.get("sub_event_type") for r in rows],
        [e.sub_event_type if e else None for e in events],
    )
    has_sub_types = any(r.get("sub_event_type") for r in rows)

    def rate(name: str, total: int = n) -> float | None:
        return tallies[name] / total if total else None

    located = sum(1 for r in rows if _float(r.get("latitude")) is not None)
    return {
        "rows": n,
        "no_event": tallies["no_event"],
        "no_event_share": rate("no_event"),
        "event_type_accuracy": rate("event_type"),
        "sub_event_type_accuracy": rate("sub_event_type") if has_sub_types else None,
        "sub_event_type_macro_f1": f1 if has_sub_types else None,
        "actor1_accuracy": rate("actor1"),
        "actor2_accuracy": rate("actor2"),
        "location_accuracy": rate("location"),
        "within_10km": rate("within_10km", located),
        "within_50km": rate("within_50km", located),
        "median_error_km": statistics.median(errors_km) if errors_km else None,
        "located_events": len(errors_km),
        "fatalities_accuracy": rate("fatalities"),
        "event_date_accuracy": rate("event_date"),
        "sub_event_type_f1": per_label if has_sub_types else {},
        "event_type_confusion": dict(confusion.most_common()),
        "within_50km_by_country": {
            name: {"rows": located_rows, "within_50km": within / located_rows}
            for name, (located_rows, within) in sorted(
                countries.items(), key=lambda item: (-item[1][0], item[0])
            )
            if located_rows
        },
    }
