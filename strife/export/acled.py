"""ACLED CSV: ACLED's 31 columns, in ACLED's order, one row per incident.

`event_id_cnty` is ACLED-shaped, the country's ISO alpha-3 code and a number ("IRQ…"), the
number derived from the incident id, so the same incident keeps it in every export.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time
from functools import cache
from typing import IO, Any

import yaml

from strife.datafiles import read_data
from strife.dedupe import Incident
from strife.export.records import describe
from strife.export.regions import acled_region, alpha3

# event_id_cnty's number: 9 digits of the incident id's hash (ACLED's own run to 6 or 7).
ID_DIGITS = 9
UNKNOWN_COUNTRY = "XXX"  # ISO 3166's code for "unknown", when no country is known
# ACLED's source scales, narrowest first; two or more scales combine as "Narrowest-Widest".
SCALES = ("Local partner", "Subnational", "National", "Regional", "International", "New media")
SCALES_FILE = "outlet_scales.yaml"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)


# Columns that hold numbers; every other column is text and is neutralised against formulas.
NUMERIC_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "timestamp",
    }
)


def csv_safe(value: Any) -> Any:
    """Return a text cell a spreadsheet will not run: a leading = + - @ gets a quote before it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def event_id_cnty(incident: Incident) -> str:
    """Return the ACLED-style id of an incident, e.g. "IRQ482061377", stable across exports."""
    prefix = alpha3(incident.event.country, incident.event.iso) or UNKNOWN_COUNTRY
    return f"{prefix}{_id_number(incident.incident_id)}"


def _id_number(incident_id: str) -> int:
    # Incident ids end in a hex digest ("inc-df1ab11dbc0de97a"); its value, cut to
    # ID_DIGITS digits, never below 10**(ID_DIGITS-1) so every id has the same length.
    digest = incident_id.rsplit("-", 1)[-1]
    try:
        value = int(digest, 16)
    except ValueError:  # an id not made by strife: take a hash of it instead
        value = int(hashlib.sha1(incident_id.encode("utf-8")).hexdigest()[:16], 16)
    low = 10 ** (ID_DIGITS - 1)
    number: int = low + value % (10**ID_DIGITS - low)
    return number


class AcledIds:
    """Hands out event_id_cnty values, never the same one twice within one export.

    Two incidents whose numbers coincide (one chance in about 900 million per pair) keep
    the first, by the export's order (date, then id); the next gets the next free number.
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, incident: Incident) -> str:
        """Return the id of the next incident of the export."""
        value = event_id_cnty(incident)
        prefix, number = value[:3], int(value[3:])
        while value in self._used:
            number = number + 1 if number + 1 < 10**ID_DIGITS else 10 ** (ID_DIGITS - 1)
            value = f"{prefix}{number}"
        self._used.add(value)
        return value


@cache
def _outlet_scales() -> dict[str, str]:
    text = read_data(SCALES_FILE)
    data: dict[str, list[str]] = yaml.safe_load(text)
    return {_outlet_key(name): scale for scale, names in data.items() for name in names}


def _outlet_key(name: str) -> str:
    return name.strip().lower().removeprefix("www.")


def source_scale(incident: Incident) -> str | None:
    """Return ACLED's source_scale from the outlets listed in strife/data/outlet_scales.yaml.

    One known scale is given as it is; several as "Narrowest-Widest" (ACLED writes
    "National-International"); None when no outlet of the incident is listed.
    """
    known = {_outlet_scales().get(_outlet_key(s.outlet)) for s in incident.sources if s.outlet}
    scales = [scale for scale in SCALES if scale in known]
    if not scales:
        return None
    return scales[0] if len(scales) == 1 else f"{scales[0]}-{scales[-1]}"


def _dates(incident: Incident) -> list[date]:
    return sorted(s.published for s in incident.sources if s.published)


def _year(incident: Incident) -> int:
    # The event's year; when the event has no date, the year of its first report, so the
    # column stays whole numbers; 0 when no date at all is known.
    day = incident.event.event_date or next(iter(_dates(incident)), None)
    return day.year if day else 0


def _timestamp(incident: Incident) -> int:
    # ACLED's timestamp is when its row last changed: here, when the latest source was
    # published (else the event date), as Unix seconds at 00:00 UTC; 0 when neither is
    # known. Taking it from the data, not the clock, keeps exports of the same data identical.
    dates = _dates(incident)
    day = dates[-1] if dates else incident.event.event_date
    return int(datetime.combine(day, time(0), UTC).timestamp()) if day else 0


def _coordinate(value: float | None) -> str:
    # ACLED publishes four decimals (about 10 m); more would suggest false precision.
    return "" if value is None else f"{value:.4f}"


def acled_row(incident: Incident, event_id: str | None = None) -> dict[str, Any]:
    """Return one incident as an ACLED CSV row (column name → value, None when unknown).

    Text cells are neutralised against spreadsheet formulas (see `csv_safe`); `event_id`
    overrides the incident's own event_id_cnty (AcledIds gives one unique in an export).
    """
    event = incident.event
    row = {
        "event_id_cnty": event_id or event_id_cnty(incident),
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": _year(incident),
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2 if event.inter2 is not None else (0 if event.inter1 else None),
        "interaction": event.interaction,
        "civilian_targeting": event.civilian_targeting,
        "iso": event.iso,
        "region": acled_region(event.country, event.iso),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": event.admin3,
        "location": event.location,
        "latitude": _coordinate(event.latitude),
        "longitude": _coordinate(event.longitude),
        "geo_precision": event.geo_precision,
        "source": incident.source,
        "source_scale": source_scale(incident),
        "notes": event.notes or describe(incident),
        # ACLED codes 0 when no source reports a death toll.
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "tags": None,
        "timestamp": _timestamp(incident),
    }
    return {k: v if k in NUMERIC_COLUMNS else csv_safe(v) for k, v in row.items()}


def acled_rows(incidents: Iterable[Incident]) -> Iterator[dict[str, Any]]:
    """Yield ACLED rows for incidents, each event_id_cnty unique among them."""
    ids = AcledIds()
    for incident in incidents:
        yield acled_row(incident, ids(incident))


def write_acled_csv(incidents: Iterable[Incident], stream: IO[str]) -> int:
    """Write incidents as ACLED CSV with a header; return the number of rows."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in acled_rows(incidents):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
