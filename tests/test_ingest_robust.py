"""Reading never stops a run: crashing readers, pages nested thousands deep, other corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import strife.ingest
from strife.cli import cli
from strife.errors import ConfigError
from strife.ingest import parse_field_mapping, read_inputs

STORY = (
    "Gunmen attacked an army post near Gao on Tuesday, killing four soldiers, the regional "
    "governor said. Residents said the attackers fled on motorbikes towards the border."
)
PAGE = """<html><head><title>Army post attacked near Gao</title>
<meta property="og:site_name" content="Sahel Post"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>{open}
<article><h1>Army post attacked near Gao</h1><p>{story}</p></article>{close}
<footer>All rights reserved</footer></body></html>"""


def deep_page(levels: int) -> str:
    return PAGE.format(open="<div>" * levels, close="</div>" * levels, story=STORY)


# -- one failing input never stops a run -------------------------------------------------


def crash_on_broken(real):
    def reader(html: str, article_id: str, source: str):
        if "broken" in source:
            raise ImportError("lxml.html.clean module is now a separate project")
        return real(html, article_id, source)

    return reader


def test_a_reader_that_raises_fails_its_input_only(tmp_path, monkeypatch):
    monkeypatch.setattr(strife.ingest, "_from_html", crash_on_broken(strife.ingest._from_html))
    (tmp_path / "a_first.txt").write_text("Post attacked\n\n" + STORY, encoding="utf-8")
    (tmp_path / "b_broken.html").write_text(deep_page(2), encoding="utf-8")
    (tmp_path / "c_fine.html").write_text(deep_page(3), encoding="utf-8")
    record = {"id": "rec-2", "html": deep_page(1)}
    (tmp_path / "d_batch.jsonl").write_text(
        json.dumps({"id": "rec-1", "text": STORY}) + "\n" + json.dumps(record) + "\n",
        encoding="utf-8",
    )
    articles = {a.id: a for a in read_inputs([str(tmp_path), str(tmp_path / "c_fine.html")])}
    assert set(articles) == {"a_first", "b_broken", "c_fine", "rec-1", "rec-2"}
    broken = articles["b_broken"]
    assert broken.failed
    [problem] = broken.problems
    assert (problem.stage, problem.code) == ("ingest", "crash")
    assert "ImportError: lxml.html.clean module" in problem.message
    assert "test_ingest_robust.py:" in problem.message  # where it was raised
    assert not articles["c_fine"].failed and "motorbikes" in articles["c_fine"].raw
    assert not articles["rec-2"].failed  # the guard is per input, and the file went on


def test_a_crashing_input_is_counted_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(strife.ingest, "_from_html", crash_on_broken(strife.ingest._from_html))
    (tmp_path / "broken.html").write_text(deep_page(2), encoding="utf-8")
    (tmp_path / "story.txt").write_text("Army post attacked near Gao\n\n" + STORY, "utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(tmp_path / "broken.html"), str(tmp_path / "story.txt")]
    )
    assert result.exit_code == 0, result.stderr
    assert "skipped" in result.stderr and "ImportError" in result.stderr
    assert "2 read, 1 processed, 1 skipped (1 crash)" in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["article_id"] == "story" for e in events)


# -- deeply nested HTML --------------------------------------------------------------------


@pytest.mark.parametrize("levels", [300, 20_000])
def test_deeply_nested_page_keeps_its_text(tmp_path, levels):
    path = tmp_path / "deep.html"
    path.write_text(deep_page(levels), encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert not article.failed, article.problems
    assert STORY in article.raw
    assert "rights reserved" not in article.raw and "Home" not in article.raw
    assert (article.title, article.outlet) == ("Army post attacked near Gao", "Sahel Post")
    assert [p.code for p in article.problems] == ["deep-html"]


def test_a_page_of_ordinary_depth_is_read_as_it_is(tmp_path):
    path = tmp_path / "shallow.html"
    path.write_text(deep_page(40), encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert STORY in article.raw and not article.problems


def test_deep_page_gives_its_event(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(deep_page(20_000), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    [event] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (event["location"], event["fatalities"]) == ("Gao", 4)


# -- JSON Lines from other corpora ------------------------------------------------------


def test_a_record_without_title_keeps_its_paragraph_as_body(tmp_path):
    text = STORY + "\nShare this article on Facebook"
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": text}) + "\n", encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.title == ""
    assert article.raw == text
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "1 processed" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["fatalities"] == 4


def test_field_mapping_reads_other_corpora_keys(tmp_path):
    record = {"doc_id": "corpus-17", "doc_text": STORY, "text": "", "headline": "Gao attack"}
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    fields = parse_field_mapping(["text=doc_text", "id=doc_id", "title=headline"])
    [article] = read_inputs([str(path)], fields=fields)
    assert (article.id, article.title, article.raw) == ("corpus-17", "Gao attack", STORY)
    [unmapped] = read_inputs([str(path)])
    assert unmapped.failed  # its `text` is empty: the mapping is what finds the body


@pytest.mark.parametrize("command", ["extract", "run"])
def test_field_option_on_both_commands(tmp_path, command):
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"doc_id": "c-1", "doc_text": STORY}) + "\n", encoding="utf-8")
    extra = ["--db", str(tmp_path / "t.db")] if command == "run" else []
    args = [command, str(path), "--field", "text=doc_text", "--field", "id=doc_id", *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert "1 processed" in result.stderr
    bad = CliRunner().invoke(cli, [command, str(path), "--field", "body", *extra])
    assert bad.exit_code == 2 and "FIELD=KEY" in bad.stderr


def test_bad_field_mapping_is_a_config_error():
    with pytest.raises(ConfigError, match="FIELD one of id, url"):
        parse_field_mapping(["colour=doc_colour"])


def test_json_files_in_a_folder_are_articles_and_gold_files_companions(tmp_path):
    (tmp_path / "story.json").write_text(json.dumps({"id": "s1", "text": STORY}), "utf-8")
    (tmp_path / "story.gold.json").write_text(json.dumps({"id": "s1", "events": []}), "utf-8")
    assert [a.id for a in read_inputs([str(tmp_path)])] == ["s1"]
    [alone] = read_inputs([str(tmp_path / "story.gold.json")])
    assert alone.failed  # named on its own, a file with no article is reported


def test_examples_folder_still_reads_only_articles():
    examples = Path(__file__).resolve().parents[1] / "examples"
    ids = [a.id for a in read_inputs([str(examples)])]
    assert not any(i.endswith(".gold") or i == "DUPLICATES" for i in ids)
    assert "ua_kharkiv_drones" in ids
