"""ACLED fidelity: ACLED-shaped stable ids, whole-number years, timestamps, source scales,
country codes on the command line, and cells a spreadsheet will not run."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from conftest import report_articles

from strife.cli import cli
from strife.dedupe import Incident, Source
from strife.export import write_export
from strife.export.acled import AcledIds, acled_row, event_id_cnty, source_scale
from strife.model import Event
from strife.store import Store, content_hash


def incident(
    incident_id: str = "inc-df1ab11dbc0de97a",
    outlets: tuple[str, ...] = ("Reuters",),
    published: date | None = date(2023, 6, 2),
    **event: object,
) -> Incident:
    values: dict[str, object] = {
        "event_id": incident_id,
        "article_id": "a1",
        "event_date": date(2023, 6, 1),
        "country": "Iraq",
        "iso": 368,
        "event_type": "Battles",
        "actor1": "Military Forces of Iraq",
        "latitude": 33.42,
        "longitude": -43.3,
    }
    values.update(event)
    sources = tuple(
        Source(f"e{i}", f"a{i}", outlet=o, published=published) for i, o in enumerate(outlets)
    )
    return Incident(
        incident_id=incident_id,
        event=Event(**values),  # type: ignore[arg-type]
        event_ids=(incident_id,),
        sources=sources,
        number_of_sources=len(sources),
        source="; ".join(outlets),
        conflicting=False,
    )


def csv_rows(incidents: list[Incident]) -> list[dict[str, str]]:
    buffer = io.StringIO()
    write_export(incidents, "acled-csv", buffer)
    return list(csv.DictReader(io.StringIO(buffer.getvalue())))


def test_event_id_cnty_is_iso3_and_a_number_derived_from_the_incident():
    one = incident()
    assert re.fullmatch(r"IRQ\d{9}", event_id_cnty(one))
    assert event_id_cnty(one) == event_id_cnty(incident())  # the same incident, the same id
    other = incident("inc-0000000000000001")
    assert event_id_cnty(other) != event_id_cnty(one)
    assert event_id_cnty(incident(country=None, iso=None)).startswith("XXX")


def test_colliding_numbers_get_distinct_ids_within_one_export():
    # Two ids whose hashes coincide modulo the number's range: the second takes the next.
    first = incident("inc-0000000000000005")
    second = incident(f"inc-{5 + 900_000_000:016x}")
    assert event_id_cnty(first) == event_id_cnty(second)
    ids = AcledIds()
    assert ids(first) != ids(second)
    rows = csv_rows([first, second])
    assert len({r["event_id_cnty"] for r in rows}) == 2


def test_year_is_a_whole_number_even_without_an_event_date():
    undated = incident("inc-00000000000000aa", event_date=None)
    nothing = incident("inc-00000000000000bb", event_date=None, published=None)
    rows = csv_rows([incident(), undated, nothing])
    assert [r["year"] for r in rows] == ["2023", "2023", "0"]
    assert all(r["year"].isdigit() and r["timestamp"].isdigit() for r in rows)
    assert rows[1]["event_date"] == ""


def test_timestamp_is_the_latest_source_date_in_unix_seconds():
    assert acled_row(incident())["timestamp"] == 1685664000  # 2023-06-02 00:00 UTC
    assert acled_row(incident(published=None))["timestamp"] == 1685577600  # the event date


def test_source_scale_from_known_outlets_else_blank():
    assert source_scale(incident(outlets=("Reuters",))) == "International"
    assert source_scale(incident(outlets=("Kurdistan 24", "reuters.com"))) == (
        "Subnational-International"
    )
    assert source_scale(incident(outlets=("Iraqi News", "Unknown Gazette"))) == "National"
    assert source_scale(incident(outlets=("Unknown Gazette",))) is None
    assert csv_rows([incident(outlets=("Unknown Gazette",))])[0]["source_scale"] == ""


def test_cells_that_would_run_as_formulas_are_neutralised_but_numbers_kept():
    hostile = incident(
        outlets=('=HYPERLINK("http://x.example")', "@SUM(A1)"),
        actor1="+cmd|' /C calc'!A0",
        notes="-2+3",
        location="Ramadi",
        latitude=-3.5,
        longitude=-60.25,
    )
    [row] = csv_rows([hostile])
    assert row["actor1"] == "'+cmd|' /C calc'!A0"
    assert row["notes"] == "'-2+3"
    assert row["source"].startswith("'=HYPERLINK")
    assert (row["latitude"], row["longitude"]) == ("-3.5000", "-60.2500")
    assert row["location"] == "Ramadi"
    buffer = io.StringIO()
    write_export([hostile], "ucdp-csv", buffer)
    [ucdp] = csv.DictReader(io.StringIO(buffer.getvalue()))
    assert ucdp["side_a"] == "'+cmd|' /C calc'!A0" and ucdp["latitude"] == "-3.5"


# -- on the command line -----------------------------------------------------------------


def filled_db(path: Path) -> str:
    url = f"sqlite:///{path}"
    with Store(url) as store:
        for article in report_articles():
            store.write_article(article, content_hash(article))
        store.deduplicate()
    return url


def export(url: str, *args: str):
    return CliRunner().invoke(cli, ["export", "--db", url, "--format", "acled-csv", *args])


def test_ids_are_stable_across_reruns(tmp_path):
    first = export(filled_db(tmp_path / "one.db")).stdout
    again = export(filled_db(tmp_path / "two.db")).stdout
    ids = [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(first))]
    assert ids == [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(again))]
    assert all(re.fullmatch(r"IRQ\d{9}", i) for i in ids)


def test_country_accepts_iso_codes_and_names_and_says_when_nothing_matched(tmp_path):
    url = filled_db(tmp_path / "t.db")
    everything = list(csv.DictReader(io.StringIO(export(url).stdout)))
    for given in ("IRQ", "iq", "iraq", "Iraq"):
        result = export(url, "--country", given)
        assert result.exit_code == 0, result.output
        assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == len(everything)
        assert "no incidents in country" not in result.stderr
    none = export(url, "--country", "NGA")
    assert none.exit_code == 0
    assert "no incidents in country 'NGA'; countries in the database: Iraq" in none.stderr
