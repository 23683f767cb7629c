"""Plain-data views of an Incident shared by every export format."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from strife.dedupe import Incident, Report, Source
from strife.model import EVENT_FIELDS, event_to_dict

# Incident columns every flat format starts from: the Event fields minus the identifiers
# and the evidence (which only JSON Lines carries in full).
FLAT_EVENT_FIELDS: tuple[str, ...] = tuple(
    name for name in EVENT_FIELDS if name not in {"event_id", "article_id", "evidence"}
)


# Field names looked up once: `dataclasses.fields` and the generic conversion of
# `event_to_dict` cost more than the rest of a GeoJSON feature together.
_SOURCE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Source))
_REPORT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Report))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def source_to_dict(source: Source) -> dict[str, Any]:
    """Return one source as JSON-ready data."""
    return {name: _plain(getattr(source, name)) for name in _SOURCE_FIELDS}


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return one source's figures and quotes as JSON-ready data."""
    data = {name: getattr(report, name) for name in _REPORT_FIELDS}
    data["quotes"] = list(report.quotes)
    return data


def incident_to_dict(incident: Incident, *, evidence: bool = True) -> dict[str, Any]:
    """Return everything about an incident as JSON-ready data (evidence unless told not to)."""
    event = incident.event
    data: dict[str, Any] = {"incident_id": incident.incident_id}
    # Every flat field is a scalar or a date, so no generic dataclass walk is needed.
    data.update({name: _plain(getattr(event, name)) for name in FLAT_EVENT_FIELDS})
    data.update(
        number_of_sources=incident.number_of_sources,
        source=incident.source,
        conflicting=incident.conflicting,
        event_ids=list(incident.event_ids),
        sources=[source_to_dict(s) for s in incident.sources],
        conflicting_reports=[report_to_dict(r) for r in incident.conflicting_reports],
    )
    if evidence:
        data["evidence"] = event_to_dict(event)["evidence"]
    return data


def describe(incident: Incident) -> str:
    """Return a one-sentence, ACLED-style note for an incident that has none."""
    event = incident.event
    when = f"On {event.event_date:%-d %B %Y}" if event.event_date else "On an unknown date"
    if event.event_date and (event.time_precision or 1) > 1:
        when = f"Around {event.event_date:%-d %B %Y}"
    place = event.location or event.admin1 or event.country or "an unknown place"
    region = ", ".join(p for p in (event.admin1, event.country) if p and p != place)
    where = f"{place} ({region})" if region else place
    what = (event.sub_event_type or event.event_type or "incident").lower()
    who = event.actor1 or "an unidentified actor"
    sentence = f"{when}, {what} involving {who}"
    if event.actor2:
        sentence += f" and {event.actor2}"
    sentence += f" in {where}."
    if event.fatalities is not None:
        sentence += f" [fatalities: {event.fatalities}]"
    return sentence
