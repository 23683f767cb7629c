"""UCDP GED CSV: the 49 columns of UCDP's Georeferenced Event Dataset, one row per incident.

strife has no UCDP conflict or dyad identifiers and no Gleditsch-Ward codes; those columns
are left empty. Deaths follow UCDP: best = deaths_a + deaths_b + deaths_civilians +
deaths_unknown, with low and high from the sources' lowest and highest readings.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import IO, Any

from strife.dedupe import Incident, Source
from strife.dedupe.features import HALF_WINDOW_DAYS
from strife.export.acled import csv_safe
from strife.export.regions import UCDP_REGION, acled_region

UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

# ACLED geo_precision → UCDP where_prec (1 exact place, 2 within 25 km, 4 first-order admin).
_WHERE_PREC = {1: 1, 2: 2, 3: 4}
# ACLED time_precision → UCDP date_prec (1 exact day, 3 week, 4 month).
_DATE_PREC = {1: 1, 2: 3, 3: 4}


def priogrid_gid(latitude: float, longitude: float) -> int:
    """Return the PRIO-GRID cell (0.5°, numbered from the south-west corner) of a point."""
    row = min(int(math.floor((latitude + 90) / 0.5)), 359) + 1
    col = min(int(math.floor((longitude + 180) / 0.5)), 719) + 1
    return (row - 1) * 720 + col


def type_of_violence(incident: Incident) -> int | None:
    """Return UCDP's type: 1 state-based, 2 non-state, 3 one-sided; None for the rest."""
    event = incident.event
    if event.event_type == "Violence against civilians" or event.civilian_targeting:
        return 3
    if event.event_type not in {"Battles", "Explosions/Remote violence"}:
        return None  # protests, riots and strategic developments are outside UCDP GED
    if 1 in (event.inter1, event.inter2):
        return 1
    return 2 if event.inter1 and event.inter2 else None


def _cite(source: Source) -> str:
    """Return 'Outlet 2017-09-27 "Headline"' with whatever parts are known."""
    parts = [source.outlet or source.article_id]
    if source.published:
        parts.append(source.published.isoformat())
    if source.title:
        parts.append(f'"{source.title}"')
    return " ".join(parts)


def ucdp_row(incident: Incident) -> dict[str, Any]:
    """Return one incident as a UCDP GED row (column name → value, None when unknown)."""
    event = incident.event
    day = event.event_date
    half = HALF_WINDOW_DAYS.get(event.time_precision or 1, 15)
    region = acled_region(event.country, event.iso)
    low, best, high = event.fatalities_low, event.fatalities_best, event.fatalities_high
    sides = [event.deaths_a, event.deaths_b, event.deaths_civilians]
    unknown = event.deaths_unknown
    if best is not None:
        # Keep UCDP's identity best == sum of the four counts.
        unknown = max(best - sum(v or 0 for v in sides), 0)
    has_point = event.latitude is not None and event.longitude is not None
    place = ", ".join(p for p in (event.location, event.admin2, event.admin1) if p)
    return {
        "id": incident.incident_id,
        "relid": incident.incident_id,
        "year": day.year if day else None,
        "type_of_violence": type_of_violence(incident),
        "side_a": event.actor1,
        "side_b": event.actor2,
        "number_of_sources": incident.number_of_sources,
        "source_article": "; ".join(_cite(s) for s in incident.sources),
        "source_office": incident.source,
        "source_date": "; ".join(s.published.isoformat() for s in incident.sources if s.published),
        "source_headline": "; ".join(s.title for s in incident.sources if s.title),
        "where_prec": _WHERE_PREC.get(event.geo_precision or 0),
        "where_coordinates": event.location,
        "where_description": place or None,
        "adm_1": event.admin1,
        "adm_2": event.admin2,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geom_wkt": f"POINT ({event.longitude} {event.latitude})" if has_point else None,
        "priogrid_gid": (
            priogrid_gid(event.latitude, event.longitude)  # type: ignore[arg-type]
            if has_point
            else None
        ),
        "country": event.country,
        "region": UCDP_REGION.get(region) if region else None,
        "event_clarity": 1 if (event.time_precision or 1) == 1 else 2,
        "date_prec": _DATE_PREC.get(event.time_precision or 1, 4),
        "date_start": (day - timedelta(days=half)).isoformat() if day else None,
        "date_end": (day + timedelta(days=half)).isoformat() if day else None,
        "deaths_a": event.deaths_a or 0,
        "deaths_b": event.deaths_b or 0,
        "deaths_civilians": event.deaths_civilians or 0,
        "deaths_unknown": unknown or 0,
        "best": best or 0,
        "high": high or 0,
        "low": low or 0,
    }


def ucdp_rows(incidents: Iterable[Incident]) -> Iterator[dict[str, Any]]:
    """Yield UCDP GED rows for incidents."""
    for incident in incidents:
        yield ucdp_row(incident)


def write_ucdp_csv(incidents: Iterable[Incident], stream: IO[str]) -> int:
    """Write incidents as UCDP GED CSV with a header; return the number of rows."""
    writer = csv.DictWriter(stream, fieldnames=UCDP_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in ucdp_rows(incidents):
        # Numbers are never str here, so only text cells can be neutralised.
        writer.writerow({k: "" if row.get(k) is None else csv_safe(row[k]) for k in UCDP_COLUMNS})
        count += 1
    return count
