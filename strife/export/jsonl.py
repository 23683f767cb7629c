"""JSON Lines: one incident per line with everything: sources, reports and evidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from strife.dedupe import Incident
from strife.export.records import incident_to_dict


def write_jsonl(incidents: Iterable[Incident], stream: IO[str]) -> int:
    """Write one JSON object per incident and line; return the number of lines."""
    count = 0
    for incident in incidents:
        stream.write(json.dumps(incident_to_dict(incident), ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count
