"""Exports of the merged incidents: acled-csv, ucdp-csv, geojson, jsonl, parquet.

Every writer takes incidents (already sorted by the store: date, then id) and a stream, so
the same data always gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, Any

from strife.dedupe import Incident
from strife.export.acled import ACLED_COLUMNS, acled_row, write_acled_csv
from strife.export.geojson import geojson_feature, write_geojson
from strife.export.jsonl import write_jsonl
from strife.export.records import incident_to_dict
from strife.export.ucdp import UCDP_COLUMNS, ucdp_row, write_ucdp_csv

Writer = Callable[[Iterable[Incident], IO[Any]], int]


def _write_parquet(incidents: Iterable[Incident], stream: IO[Any]) -> int:
    from strife.export.parquet import write_parquet  # pyarrow is slow to import

    return write_parquet(incidents, stream)


# format name → (writer, is the stream binary)
FORMATS: dict[str, tuple[Writer, bool]] = {
    "acled-csv": (write_acled_csv, False),
    "ucdp-csv": (write_ucdp_csv, False),
    "geojson": (write_geojson, False),
    "jsonl": (write_jsonl, False),
    "parquet": (_write_parquet, True),
}


def write_export(incidents: Iterable[Incident], fmt: str, stream: IO[Any]) -> int:
    """Write incidents in one of FORMATS to a stream (binary for parquet); return the count."""
    writer, _binary = FORMATS[fmt]
    return writer(incidents, stream)


__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "UCDP_COLUMNS",
    "acled_row",
    "geojson_feature",
    "incident_to_dict",
    "ucdp_row",
    "write_export",
]
