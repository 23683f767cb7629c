"""Corpora researchers hold: WARC archives, RSS/Atom feeds, news-please JSON, other languages.

Every archive, feed and crawl folder here is built from the project's own examples/.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from strife.cli import cli
from strife.ingest import read_inputs
from strife.ingest.urls import url_key

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT_EXAMPLES = ("so_mogadishu_bomb", "ng_kajuru_abduction", "sd_el_fasher_shelling")
METADATA = {
    r["id"]: r
    for r in map(json.loads, (EXAMPLES / "metadata.jsonl").read_text("utf-8").splitlines())
}
# Our own words, in French: a page a crawl of the region would hold.
FRENCH = (
    "Des hommes armés ont attaqué mardi un poste de l'armée près de Gao, dans le nord du "
    "Mali, tuant quatre soldats, selon le gouverneur de la région. Les habitants affirment "
    "que les assaillants ont pris la fuite à moto en direction de la frontière, et que les "
    "renforts sont arrivés dans la soirée."
)

FRENCH_PAGE = (
    "<html><head><title>Attaque contre un poste de l'armée près de Gao</title></head>"
    f"<body><article><h1>Attaque près de Gao</h1><p>{FRENCH}</p><p>{FRENCH}</p></article>"
    "</body></html>"
)


def page(example: str) -> str:
    """An example article as the HTML page its outlet would serve."""
    meta = METADATA.get(example, {})
    title, _, body = (EXAMPLES / f"{example}.txt").read_text("utf-8").partition("\n")
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.splitlines() if p.strip())
    return (
        f"<html><head><title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="{meta.get("published", "")}">'
        f'<link rel="canonical" href="{meta.get("url", "")}"></head>'
        f"<body><article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    )


def write_warc(path: Path, records: Iterable[tuple[str, str, bytes]], gz: bool = True) -> Path:
    """Write (url, content type, body) responses, each after its request, as a crawler does."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for url, content_type, body in records:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)
    return path


def summary(events: Iterable[dict]) -> list[tuple]:
    keys = ("event_type", "sub_event_type", "location", "fatalities", "event_date")
    return sorted(tuple(e[k] for k in keys) for e in events)


def extract(*args: str):
    result = CliRunner().invoke(cli, ["extract", *args])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


@pytest.fixture
def pages(tmp_path) -> dict[str, tuple[str, Path]]:
    """Each example as an HTML page on its own: (its address, the file)."""
    found = {}
    for example in TEXT_EXAMPLES:
        path = tmp_path / "pages" / f"{example}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(example), encoding="utf-8")
        found[example] = (METADATA[example]["url"], path)
    drones = EXAMPLES / "ua_kharkiv_drones.html"
    found["ua_kharkiv_drones"] = ("https://easternfront.example/kharkiv-drones", drones)
    return found


def test_a_warc_gives_the_same_events_as_the_pages_and_counts_what_it_skips(tmp_path, pages):
    records = [(url, "text/html; charset=utf-8", p.read_bytes()) for url, p in pages.values()]
    first_url, first_path = pages["so_mogadishu_bomb"]
    records += [
        ("https://hornobserver.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        (first_url, "text/html", first_path.read_bytes()),  # fetched twice
        ("https://sahelpost.example/fr/gao", "text/html", FRENCH_PAGE.encode()),
    ]
    archive = write_warc(tmp_path / "crawl.warc.gz", records)
    direct, _ = extract(*(str(p) for _, p in pages.values()))
    from_warc, stderr = extract(str(archive))
    assert summary(from_warc) == summary(direct)
    assert len(direct) >= len(pages)
    assert "7 read, 4 processed, 3 skipped (1 duplicate, 1 language:fr, 1 not-html)" in stderr


def test_warc_articles_carry_their_address_and_the_crawl_date_only_as_a_hint(tmp_path, pages):
    url, path = pages["ng_kajuru_abduction"]
    archive = write_warc(tmp_path / "one.warc", [(url, "text/html", path.read_bytes())], False)
    [article] = read_inputs([str(archive)])
    assert article.url == url and article.id.startswith("northernsentinel-example-security")
    [(source, value)] = article.date_hints
    assert source == "warc-date" and value[:4].isdigit()
    assert article.published_source != "warc-date"


def test_an_amp_copy_is_read_once(tmp_path, pages):
    url, path = pages["sd_el_fasher_shelling"]
    amp = url.rstrip("/") + "/amp"
    records = [(url, "text/html", path.read_bytes()), (amp, "text/html", path.read_bytes())]
    articles = list(read_inputs([str(write_warc(tmp_path / "amp.warc.gz", records))]))
    assert [a.failed for a in articles] == [False, True]
    assert articles[1].problems[-1].code == "duplicate"
    assert url_key(amp) == url_key(url)


def test_warc_progress_is_reported_in_bytes(tmp_path, pages):
    url, path = pages["so_mogadishu_bomb"]
    archive = write_warc(tmp_path / "p.warc.gz", [(url, "text/html", path.read_bytes())] * 3)
    seen: list[tuple[int, int]] = []
    list(read_inputs([str(archive)], progress=lambda _src, done, total: seen.append((done, total))))
    size = archive.stat().st_size
    assert seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_strife_run_shows_how_far_an_archive_has_been_read(tmp_path, pages):
    from strife import run as run_module
    from strife.settings import load_settings

    url, path = pages["so_mogadishu_bomb"]
    archive = write_warc(tmp_path / "p.warc.gz", [(url, "text/html", path.read_bytes())])

    class Shown:
        def __init__(self) -> None:
            self.read: list[tuple[str, int, int]] = []

        def start(self, what: str, total: int | None) -> None:
            pass

        def advance(self) -> None:
            pass

        def say(self, line: str) -> None:
            pass

        def read_bytes(self, source: str, done: int, total: int) -> None:
            self.read.append((source, done, total))

    shown = Shown()
    settings = load_settings(db_url=f"sqlite:///{tmp_path / 'run.db'}")
    run_module.run([str(archive)], settings, shown)
    size = archive.stat().st_size
    assert shown.read and shown.read[-1] == (str(archive), size, size)


def rss(items: list[tuple[str, str, str, str | None]]) -> str:
    """(link, title, date, full text or None for summary only) → an RSS 2.0 feed."""
    body = []
    for link, title, date, full in items:
        content = f"<content:encoded>{escape(full)}</content:encoded>" if full else ""
        body.append(
            f"<item><title>{escape(title)}</title><link>{link}</link><pubDate>{date}</pubDate>"
            f"<description>{escape('A short summary of the report.')}</description>"
            f"{content}</item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Horn Observer</title><link>https://hornobserver.example/</link>"
        + "".join(body)
        + "</channel></rss>"
    )


def article_html(example: str) -> tuple[str, str]:
    title, _, body = (EXAMPLES / f"{example}.txt").read_text("utf-8").partition("\n")
    return title, "".join(f"<p>{escape(p)}</p>" for p in body.splitlines() if p.strip())


def test_feed_items_are_articles_with_their_full_text_or_a_marked_summary(tmp_path):
    title, html = article_html("so_mogadishu_bomb")
    url = METADATA["so_mogadishu_bomb"]["url"]
    feed = rss(
        [
            (url, title, "Sun, 11 Aug 2024 09:00:00 GMT", html),
            ("https://hornobserver.example/b", "Market reopens", "Mon, 12 Aug 2024", None),
            (url, title, "Sun, 11 Aug 2024 09:00:00 GMT", html),  # listed twice
        ]
    )
    path = tmp_path / "horn.rss"
    path.write_text(feed, encoding="utf-8")
    full, summary_only, again = read_inputs([str(path)])
    assert (full.url, full.title, full.outlet) == (url, title, "Horn Observer")
    assert "Tarabuunka junction" in full.raw and not full.problems
    assert full.date_hints == (("feed", "Sun, 11 Aug 2024 09:00:00 GMT"),)
    assert full.published is None  # a feed's date is a candidate, not the publication date
    assert summary_only.raw == "A short summary of the report."
    assert [p.code for p in summary_only.problems] == ["summary-only"]
    assert again.failed and again.problems[-1].code == "duplicate"
    direct, _ = extract(str(EXAMPLES / "so_mogadishu_bomb.txt"))
    from_feed, _ = extract(str(path))
    assert summary(from_feed) == summary(direct)


def test_an_atom_feed_and_a_feed_on_stdin(tmp_path):
    title, html = article_html("ng_kajuru_abduction")
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Northern Sentinel</title><entry><title>" + escape(title) + "</title>"
        '<link href="https://northernsentinel.example/kajuru"/>'
        "<updated>2024-05-15T08:00:00Z</updated>"
        '<content type="html">' + escape(html) + "</content></entry></feed>"
    )
    [article] = read_inputs(["-"], stdin=io.BytesIO(atom.encode("utf-8")))
    assert article.outlet == "Northern Sentinel" and "Kajuru" in article.raw
    assert article.date_hints == (("feed", "2024-05-15T08:00:00Z"),)
    (tmp_path / "notes.xml").write_text("<notes><n>not a feed</n></notes>", "utf-8")
    assert list(read_inputs([str(tmp_path)])) == []  # XML that is no feed is a companion


def test_news_please_folder_through_the_field_mapping(tmp_path):
    crawl = tmp_path / "crawl" / "hornobserver.example"
    crawl.mkdir(parents=True)
    for example in TEXT_EXAMPLES:
        meta = METADATA[example]
        title, _, body = (EXAMPLES / f"{example}.txt").read_text("utf-8").partition("\n")
        record = {
            "authors": [],
            "date_download": "2024-09-01 10:00:00",
            "date_publish": f"{meta['published']} 08:30:00",
            "description": None,
            "language": "en",
            "maintext": body.strip(),
            "source_domain": meta["outlet"],
            "text": None,
            "title": title,
            "url": meta["url"],
        }
        (crawl / f"{example}.json").write_text(json.dumps(record), encoding="utf-8")
    fields = ["--field", "text=maintext", "--field", "published=date_publish"]
    fields += ["--field", "outlet=source_domain"]
    from_crawl, stderr = extract(str(tmp_path / "crawl"), *fields)
    assert "3 read, 3 processed" in stderr
    direct, _ = extract(
        *(str(EXAMPLES / f"{e}.txt") for e in TEXT_EXAMPLES),
        "--metadata",
        str(EXAMPLES / "metadata.jsonl"),
    )
    assert summary(from_crawl) == summary(direct)
    unmapped = CliRunner().invoke(cli, ["extract", str(tmp_path / "crawl")])
    assert unmapped.exit_code == 1 and "0 read" in unmapped.stderr  # companions, like gold


def test_an_article_in_another_language_is_counted_not_misread(tmp_path):
    (tmp_path / "gao-fr.txt").write_text("Attaque près de Gao\n\n" + FRENCH, "utf-8")
    (tmp_path / "gao-en.txt").write_text(
        (EXAMPLES / "so_mogadishu_bomb.txt").read_text("utf-8"), "utf-8"
    )
    articles = {a.id: a for a in read_inputs([str(tmp_path)])}
    french = articles["gao-fr"]
    assert french.failed and french.problems[-1].code == "language:fr"
    assert not articles["gao-en"].failed
    _, stderr = extract(str(tmp_path))
    assert "2 read, 1 processed, 1 skipped (1 language:fr)" in stderr
