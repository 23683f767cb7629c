"""Parquet (via pyarrow): one row per incident, a fixed schema; nested parts as JSON text."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from strife.dedupe import Incident
from strife.export.records import FLAT_EVENT_FIELDS, incident_to_dict
from strife.store.schema import EVENT_COLUMNS

_ARROW_TYPES: dict[str, pa.DataType] = {
    "DATE": pa.date32(),
    "INTEGER": pa.int64(),
    "BIGINT": pa.int64(),
    "FLOAT": pa.float64(),
    "BOOLEAN": pa.bool_(),
}
_NESTED = ("sources", "conflicting_reports", "evidence")


def parquet_schema() -> pa.Schema:
    """Return the Arrow schema of the Parquet export."""
    kinds = {name: str(kind.compile()) for name, kind in EVENT_COLUMNS}
    columns = [pa.field("incident_id", pa.string(), nullable=False)]
    for name in FLAT_EVENT_FIELDS:
        columns.append(pa.field(name, _ARROW_TYPES.get(kinds.get(name, ""), pa.string())))
    columns += [
        pa.field("number_of_sources", pa.int64()),
        pa.field("source", pa.string()),
        pa.field("conflicting", pa.bool_()),
        pa.field("event_ids", pa.list_(pa.string())),
        *(pa.field(name, pa.string()) for name in _NESTED),  # JSON text
    ]
    return pa.schema(columns)


def _row(incident: Incident) -> dict[str, Any]:
    data = incident_to_dict(incident)
    data["event_date"] = incident.event.event_date
    for name in _NESTED:
        data[name] = json.dumps(data[name], ensure_ascii=False)
    return data


def write_parquet(incidents: Iterable[Incident], stream: IO[bytes], *, batch: int = 10_000) -> int:
    """Write incidents to a Parquet file in row groups of `batch`; return the row count."""
    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(stream, schema) as writer:
        rows: list[dict[str, Any]] = []
        for incident in incidents:
            rows.append(_row(incident))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
