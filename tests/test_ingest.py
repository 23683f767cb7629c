"""Readers: text, HTML, JSON Lines, folders and stdin, with metadata and bad inputs."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from strife.errors import ConfigError
from strife.ingest import read_inputs

REPORT = (
    "Gunmen attacked a police checkpoint on the road to Gao on Tuesday, killing four officers.\n\n"
    "Security sources said the attackers fled on motorcycles towards the border."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_file_title_is_first_non_empty_line_and_id_is_stem(tmp_path):
    path = write(tmp_path / "gao-checkpoint.txt", "\n\nCheckpoint attacked near Gao\n\n" + REPORT)
    [article] = read_inputs([str(path)])
    assert article.id == "gao-checkpoint"
    assert article.title == "Checkpoint attacked near Gao"
    assert "motorcycles" in article.raw
    assert not article.problems


def test_jsonl_records_become_articles_with_their_ids_and_dates(tmp_path):
    records = [
        {
            "id": "a1",
            "url": "https://example.org/a1",
            "outlet": "Sahel Wire",
            "title": "T1",
            "published": "2023-04-11",
            "text": REPORT,
        },
        {
            "id": "a2",
            "title": "T2",
            "published": "2023-04-12T09:30:00Z",
            "html": "<html><body><article><p>" + REPORT + "</p></article></body></html>",
        },
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(r) for r in records))
    first, second = read_inputs([str(path)])
    assert (first.id, first.outlet, first.published, first.title) == (
        "a1",
        "Sahel Wire",
        date(2023, 4, 11),
        "T1",
    )
    assert first.published_source == "record"
    assert second.id == "a2" and second.published == date(2023, 4, 12)
    assert "checkpoint" in second.raw


def test_malformed_jsonl_line_is_recorded_and_the_rest_still_read(tmp_path):
    good = json.dumps({"id": "ok", "text": REPORT})
    path = write(tmp_path / "mixed.jsonl", good + "\n{not json at all\n" + json.dumps([1, 2]))
    articles = list(read_inputs([str(path)]))
    assert [a.id for a in articles] == ["ok", "mixed-2", "mixed-3"]
    assert not articles[0].failed
    assert [a.problems[0].code for a in articles[1:]] == ["bad-json", "bad-json"]
    assert all(a.failed for a in articles[1:])


def test_html_page_gives_main_text_and_metadata(tmp_path):
    html = f"""<html><head><title>Checkpoint attack | Sahel Wire</title>
    <meta property="og:title" content="Checkpoint attacked near Gao">
    <meta property="og:site_name" content="Sahel Wire">
    <meta property="article:published_time" content="2023-04-11T08:00:00Z">
    <link rel="canonical" href="https://sahelwire.example/gao-checkpoint"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Checkpoint attacked near Gao</h1><p>{REPORT.split(chr(10))[0]}</p>
    <p>{REPORT.split(chr(10))[-1]}</p></article>
    <aside>Most read: Floods in the capital displace hundreds of families</aside>
    <footer>Copyright Sahel Wire. All rights reserved.</footer>
    <script>var tracking = "should never appear";</script></body></html>"""
    [article] = read_inputs([str(write(tmp_path / "gao.html", html))])
    assert article.id == "gao"
    assert article.title == "Checkpoint attacked near Gao"
    assert article.published == date(2023, 4, 11) and article.published_source == "html"
    assert article.outlet == "Sahel Wire"
    assert "fled on motorcycles" in article.raw
    assert "tracking" not in article.raw and "Home" not in article.raw


def test_user_metadata_beats_what_the_record_says(tmp_path):
    path = write(
        tmp_path / "b.jsonl", json.dumps({"id": "x", "published": "2020-01-01", "text": REPORT})
    )
    meta = write(
        tmp_path / "meta.jsonl",
        json.dumps({"id": "x", "published": "2023-04-11", "outlet": "Mopti Daily"}),
    )
    [article] = read_inputs([str(path)], metadata=meta)
    assert article.published == date(2023, 4, 11)
    assert article.published_source == "metadata"
    assert article.outlet == "Mopti Daily"


def test_folder_is_read_recursively_with_its_own_metadata_file(tmp_path):
    write(tmp_path / "news" / "one.txt", "One\n\n" + REPORT)
    write(tmp_path / "news" / "deeper" / "two.txt", "Two\n\n" + REPORT)
    write(tmp_path / "news" / "one.gold.json", "{}")
    write(tmp_path / "news" / "README.md", "# not an article")
    write(
        tmp_path / "news" / "metadata.jsonl", json.dumps({"id": "two", "published": "2022-05-02"})
    )
    articles = {a.id: a for a in read_inputs([str(tmp_path / "news")])}
    assert set(articles) == {"one", "two"}
    assert articles["two"].published == date(2022, 5, 2)
    assert articles["one"].published is None


def test_stdin_is_sniffed_as_text_or_jsonl():
    [text] = read_inputs(["-"], stdin=io.BytesIO(("Title\n\n" + REPORT).encode()))
    assert text.id == "stdin" and text.title == "Title"
    line = json.dumps({"id": "piped", "text": REPORT}).encode()
    [record] = read_inputs(["-"], stdin=io.BytesIO(line))
    assert record.id == "piped"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\t\n", "empty"),
        ("image.txt", bytes(range(256)) * 4, "binary"),
        ("nulls.txt", b"Title\x00\x00\x00body", "binary"),
    ],
)
def test_unreadable_inputs_become_failed_articles_with_a_reason(tmp_path, name, content, code):
    [article] = read_inputs([str(write(tmp_path / name, content))])
    assert article.failed
    assert article.problems[0].code == code
    assert article.problems[0].message


def test_missing_path_is_reported_not_raised(tmp_path):
    [article] = read_inputs([str(tmp_path / "nowhere.txt")])
    assert article.failed and article.problems[0].code == "missing"


def test_windows_1252_text_is_read_with_a_warning(tmp_path):
    content = ("Title\n\n" + REPORT).replace("said", "said \u201cthey fled\u201d").encode("cp1252")
    [article] = read_inputs([str(write(tmp_path / "legacy.txt", content))])
    assert not article.failed
    assert "\u201cthey fled\u201d" in article.raw
    assert article.problems[0].code == "encoding"


def test_broken_metadata_file_is_a_usage_error(tmp_path):
    meta = write(tmp_path / "meta.jsonl", "{broken")
    with pytest.raises(ConfigError, match="meta.jsonl:1"):
        list(read_inputs([str(tmp_path)], metadata=meta))
