"""`strife run` end to end: inputs → database → incidents; reruns change nothing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, report_articles

import strife.run as run_module
from strife.cli import cli
from strife.model import Article
from strife.resources import Resources
from strife.settings import load_settings
from strife.store import Store


def _write_inputs(folder: Path, articles: list[Article]) -> Path:
    """Write articles as one JSON Lines input file, as a crawler would hand them over."""
    path = folder / "reports.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            record = {
                "id": a.id,
                "url": a.url,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "text": a.raw,
            }
            f.write(json.dumps(record) + "\n")
    return path


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> dict[str, Article]:
    """Replace the pipeline with one that returns the hand-written events for each article."""
    known = {a.id: a for a in report_articles()}
    calls: dict[str, Article] = {}

    def process(article: Article, res: Resources) -> Article:
        calls[article.id] = article
        events = known[article.id].events if article.id in known else ()
        return replace(article, text=article.raw, events=events)

    monkeypatch.setattr(run_module, "process", process)
    return calls


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["run", *args])
    return result.exit_code, result.output


def _exports(url: str) -> dict[str, str]:
    out = {}
    for fmt in ("acled-csv", "jsonl", "geojson", "ucdp-csv"):
        result = CliRunner().invoke(cli, ["export", "--db", url, "--format", fmt])
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    return out


def test_run_stores_merges_and_summarises(
    db_url: str, tmp_path: Path, scripted: dict[str, Article]
) -> None:
    inputs = _write_inputs(tmp_path, report_articles())
    code, output = _run(str(inputs), "--db", db_url)
    assert code == 0, output
    assert "5 read, 5 processed, 0 skipped; events: 5; incidents: 3" in output
    assert "5 articles stored" in output
    rows = list(csv.DictReader(io.StringIO(_exports(db_url)["acled-csv"])))
    assert sorted(r["fatalities"] for r in rows) == ["0", "22", "4"]


def test_running_twice_changes_nothing(
    db_url: str, tmp_path: Path, scripted: dict[str, Article]
) -> None:
    inputs = _write_inputs(tmp_path, report_articles())
    assert _run(str(inputs), "--db", db_url)[0] == 0
    first = _exports(db_url)
    scripted.clear()
    code, output = _run(str(inputs), "--db", db_url)
    assert code == 0, output
    assert scripted == {}  # nothing was processed again
    assert "0 articles stored, 5 unchanged" in output
    assert _exports(db_url) == first


def test_changed_and_new_articles_on_a_later_run(
    db_url: str, tmp_path: Path, scripted: dict[str, Article]
) -> None:
    first, second, third, protest, bomb = report_articles()
    inputs = _write_inputs(tmp_path, [first, protest, bomb])
    assert _run(str(inputs), "--db", db_url)[0] == 0
    # Later: the protest story is updated and two more outlets report the attack.
    updated = replace(protest, raw=protest.raw + " Police watched from a distance.")
    inputs = _write_inputs(tmp_path, [first, updated, bomb, second, third])
    code, output = _run(str(inputs), "--db", db_url)
    assert code == 0, output
    assert set(scripted) == {"basra-2", "daily-7", "agency-3", "wire-1", "market-9"}
    assert "3 articles stored, 2 unchanged" in output
    with Store(db_url) as store:
        counts = store.counts()
        incidents = list(store.incidents())
    assert (counts["articles"], counts["events"], counts["incidents"]) == (5, 5, 3)
    assert sorted(i.number_of_sources for i in incidents) == [1, 1, 3]


def test_a_bare_path_is_a_sqlite_database(tmp_path: Path, scripted: dict[str, Article]) -> None:
    inputs = _write_inputs(tmp_path, report_articles()[:1])
    target = tmp_path / "events.db"
    assert _run(str(inputs), "--db", str(target))[0] == 0
    assert target.exists()


def test_unreadable_inputs_are_reported_and_stored(
    sqlite_url: str, tmp_path: Path, scripted: dict[str, Article]
) -> None:
    inputs = _write_inputs(tmp_path, report_articles()[:1])
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "half-a-record", "text": \n', encoding="utf-8")
    code, output = _run(str(inputs), str(broken), "--db", sqlite_url)
    assert code == 0, output
    assert "skipped" in output
    with Store(sqlite_url) as store:
        assert store.counts()["failed_articles"] >= 1


def test_examples_run_twice_with_the_real_pipeline(sqlite_url: str) -> None:
    if not any(EXAMPLES.glob("*.txt")):
        pytest.skip("examples/ is not written yet")
    code, output = _run(str(EXAMPLES), "--db", sqlite_url)
    assert code == 0, output
    first = _exports(sqlite_url)
    code, output = _run(str(EXAMPLES), "--db", sqlite_url)
    assert code == 0, output
    assert "0 articles stored" in output
    assert _exports(sqlite_url) == first


def test_seed_corpus_duplicates_with_the_real_pipeline(sqlite_url: str, corpus: Path) -> None:
    code, output = _run(
        str(corpus / "seeds"),
        str(corpus / "extra"),
        "--metadata",
        str(corpus / "metadata.jsonl"),
        "--db",
        sqlite_url,
    )
    assert code == 0, output
    with Store(sqlite_url) as store:
        incidents = list(store.incidents())
    if not any(i.event.country for i in incidents):
        pytest.skip("the geocoding stage places no events yet")
    multi = sorted(
        sorted({e.split(":")[0] for e in i.event_ids}) for i in incidents if len(i.event_ids) > 1
    )
    places = {
        e.event_id: (e.location, e.admin1, e.latitude, e.longitude)
        for i in incidents
        for e in [i.event]
    }
    assert ["egypttoday_2017-09-27", "seed_001", "seed_003"] in multi, places
    assert multi.count(["antiwar_2016-03-14", "seed_000"]) == 2
    assert len(multi) == 3, multi
    (ramadi,) = [i for i in incidents if i.number_of_sources == 3]
    assert ramadi.event.fatalities == 22
    assert (ramadi.event.fatalities_low, ramadi.event.fatalities_high) == (22, 27)
    soldiers = sorted(r.deaths_b or 0 for r in ramadi.conflicting_reports)
    assert soldiers == [2, 7, 7]


class _Recorder:
    """A progress display that remembers what it was told."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int | None]] = []
        self.advanced = 0
        self.lines: list[str] = []

    def start(self, what: str, total: int | None) -> None:
        self.steps.append((what, total))

    def advance(self) -> None:
        self.advanced += 1

    def say(self, line: str) -> None:
        self.lines.append(line)

    def read_bytes(self, source: str, done: int, total: int) -> None:
        pass


def test_progress_has_a_total_for_a_folder_and_says_when_the_gazetteer_is_built(
    tmp_path: Path, sqlite_url: str, scripted: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("one", "two", "three"):
        (folder / f"{name}.txt").write_text(f"Report {name}\n\nShots were fired in Gao.\n")
    (folder / "README.md").write_text("not an article")
    built: list[str] = []
    monkeypatch.setattr(Resources, "gazetteer", property(lambda res: built.append("built")))
    settings = replace(
        load_settings(db_url=sqlite_url), gazetteer_path=str(tmp_path / "missing.sqlite")
    )
    shown = _Recorder()
    result = run_module.run([str(folder)], settings, shown)
    assert shown.steps[0] == ("articles", 3)
    assert shown.lines == ["strife: building the offline gazetteer, once, about 25 s"]
    assert built == ["built"]
    assert result.report.read == 3 and result.stored == 3


def test_the_count_of_stdin_or_json_lines_is_unknown_up_front(tmp_path: Path) -> None:
    lines = _write_inputs(tmp_path, report_articles())
    assert run_module.count_inputs([str(lines)]) is None
    assert run_module.count_inputs(["-"]) is None
    assert run_module.count_inputs([str(EXAMPLES)]) is None  # it holds wire.jsonl
    pages = [str(p) for p in EXAMPLES.rglob("*") if p.suffix in {".txt", ".html"}]
    assert run_module.count_inputs(pages) == len(pages) > 10
