"""Cross-source deduplication: which reports are one incident, and what that incident was.

groups = cluster_events(events)                 # [[event_id, ...], ...]
incidents = [reconcile(group_events, articles) for group_events in ...]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from strife.dedupe.cluster import cluster_events
from strife.dedupe.reconcile import incident_id_for, reconcile
from strife.model import Article, Event, Incident, Report, Source


def deduplicate(
    events: Sequence[Event], articles: Mapping[str, Article] | None = None
) -> list[Incident]:
    """Group events into incidents and reconcile each one, sorted by incident_id."""
    by_id = {e.event_id: e for e in events}
    incidents = [reconcile([by_id[i] for i in group], articles) for group in cluster_events(events)]
    return sorted(incidents, key=lambda incident: incident.incident_id)


__all__ = [
    "Incident",
    "Report",
    "Source",
    "cluster_events",
    "deduplicate",
    "incident_id_for",
    "reconcile",
]
