"""Exports: ACLED and UCDP CSV, GeoJSON, JSON Lines and Parquet, deterministic."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import SHARED, report_articles

from strife.cli import cli
from strife.export import ACLED_COLUMNS, UCDP_COLUMNS, write_export
from strife.export.regions import acled_region, alpha3
from strife.export.ucdp import priogrid_gid
from strife.store import Store, content_hash


@pytest.fixture
def filled(db_url: str) -> str:
    """A database holding the hand-written reports, deduplicated."""
    with Store(db_url) as store:
        for article in report_articles():
            store.write_article(article, content_hash(article))
        store.deduplicate()
    return db_url


def _export(url: str, fmt: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", url, "--format", fmt, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_acled_csv_has_acleds_31_columns_in_order(filled: str) -> None:
    assert len(ACLED_COLUMNS) == 31
    rows = list(csv.DictReader(io.StringIO(_export(filled, "acled-csv"))))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    (attack,) = [r for r in rows if r["event_type"] == "Battles"]
    assert attack["fatalities"] == "22"
    assert attack["source"] == "Desert Wire; Euphrates Agency; The Daily Courier"
    assert attack["region"] == "Middle East"
    assert attack["latitude"] == "33.4206" and attack["year"] == "2017"
    assert attack["interaction"] == "12"
    assert attack["notes"]  # a generated description when no source gives one
    protest = next(r for r in rows if r["event_type"] == "Protests")
    assert protest["inter2"] == "0"  # ACLED writes 0 for "no second actor"


def test_acled_header_matches_a_real_acled_file() -> None:
    sample = SHARED / "eval" / "acled" / "acled_2022_global_sample9000_acledR.csv"
    if not sample.exists():
        pytest.skip("../shared/eval/acled is not available")
    with sample.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert tuple(header) == ACLED_COLUMNS


def test_ucdp_csv_columns_and_deaths(filled: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(filled, "ucdp-csv"))))
    assert list(rows[0]) == list(UCDP_COLUMNS)
    (attack,) = [r for r in rows if r["number_of_sources"] == "3"]
    assert (attack["low"], attack["best"], attack["high"]) == ("22", "27", "27")
    sides = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    assert sum(int(attack[k]) for k in sides) == int(attack["best"])
    assert attack["type_of_violence"] == "1"  # state forces involved
    assert attack["geom_wkt"] == "POINT (43.3078 33.4206)"
    bomb = next(r for r in rows if r["where_coordinates"] == "Ramadi" and r != attack)
    assert bomb["type_of_violence"] == "3"  # civilians targeted


def test_priogrid_cells_match_ucdp() -> None:
    assert priogrid_gid(-89.9, -179.9) == 1
    assert priogrid_gid(-89.9, 179.9) == 720
    assert priogrid_gid(89.9, 179.9) == 259200
    sample = SHARED / "eval" / "ucdp" / "ucdp_ged231_sample1000.csv"
    if not sample.exists():
        pytest.skip("../shared/eval/ucdp is not available")
    with sample.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:200]
    for row in rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        # Points exactly on a cell edge are ambiguous; UCDP assigns them either way.
        if (lat * 2) % 1 and (lon * 2) % 1:
            assert priogrid_gid(lat, lon) == int(row["priogrid_gid"]), row["id"]


def test_geojson_is_a_feature_collection(filled: str) -> None:
    data = json.loads(_export(filled, "geojson"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    feature = next(f for f in data["features"] if f["properties"]["number_of_sources"] == 3)
    assert feature["geometry"] == {"type": "Point", "coordinates": [43.3078, 33.4206]}
    assert feature["properties"]["fatalities_high"] == 27
    assert len(feature["properties"]["sources"]) == 3


def test_jsonl_carries_sources_reports_and_evidence(filled: str) -> None:
    lines = [json.loads(line) for line in _export(filled, "jsonl").splitlines()]
    attack = next(line for line in lines if line["number_of_sources"] == 3)
    assert attack["event_ids"] == ["agency-3:0", "daily-7:0", "wire-1:0"]
    assert {s["outlet"] for s in attack["sources"]} == {
        "Desert Wire",
        "Euphrates Agency",
        "The Daily Courier",
    }
    assert attack["conflicting"] is True
    figures = {r["article_id"]: (r["deaths_b"], r["quotes"]) for r in attack["conflicting_reports"]}
    assert figures["daily-7"][0] == 2 and "two dead soldiers" in figures["daily-7"][1][0]
    assert len(attack["evidence"]) == 3
    assert all(
        {"article_id", "text", "start", "end", "fields"} <= set(e) for e in attack["evidence"]
    )


def test_parquet_round_trips(filled: str, tmp_path: Path) -> None:
    target = tmp_path / "incidents.parquet"
    result = CliRunner().invoke(
        cli, ["export", "--db", filled, "--format", "parquet", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.num_rows == 3
    rows = table.to_pylist()
    attack = next(r for r in rows if r["number_of_sources"] == 3)
    assert attack["fatalities"] == 22 and str(attack["event_date"]) == "2017-09-27"
    assert len(json.loads(attack["evidence"])) == 3


@pytest.mark.parametrize("fmt", ["acled-csv", "ucdp-csv", "geojson", "jsonl", "parquet"])
def test_exports_are_identical_when_made_twice(filled: str, fmt: str) -> None:
    def once() -> bytes:
        buffer: io.BytesIO | io.StringIO = io.BytesIO() if fmt == "parquet" else io.StringIO()
        with Store(filled) as store:
            write_export(store.incidents(), fmt, buffer)
        value = buffer.getvalue()
        return value if isinstance(value, bytes) else value.encode("utf-8")

    assert once() == once()


def test_filters_on_the_command_line(filled: str) -> None:
    rows = list(
        csv.DictReader(io.StringIO(_export(filled, "acled-csv", "--event-type", "Protests")))
    )
    assert [r["location"] for r in rows] == ["Basra"]
    rows = list(csv.DictReader(io.StringIO(_export(filled, "acled-csv", "--since", "2017-10-01"))))
    assert [r["event_date"] for r in rows] == ["2017-10-03"]
    rows = list(csv.DictReader(io.StringIO(_export(filled, "acled-csv", "--country", "Syria"))))
    assert rows == []
    bad = CliRunner().invoke(cli, ["export", "--db", filled, "--format", "jsonl", "--since", "May"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_export_of_a_missing_sqlite_file_fails_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(cli, ["export", "--db", str(missing), "--format", "jsonl"])
    assert result.exit_code == 1 and "no database" in result.output
    assert not missing.exists()


def test_regions_and_codes() -> None:
    assert acled_region("Iraq") == "Middle East"
    assert acled_region("Democratic Republic of Congo") == "Middle Africa"
    assert acled_region(None, 804) == "Europe"  # Ukraine by ISO number
    assert alpha3("Kosovo") == "XKX"
    assert acled_region("Atlantis") is None
