"""Ingest: turn paths (files, folders, JSON Lines, '-') into Articles, never losing one.

Every input becomes at least one Article. An input that cannot be read becomes an Article
with a fatal Problem saying why, so that the run can report it instead of dropping it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from strife.errors import ConfigError
from strife.ingest.decode import decode_bytes
from strife.model import Article

READ_VERSION = "ingest.v1"
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
# A folder may carry its own crawler metadata under this name; it is used, not read as articles.
FOLDER_METADATA = "metadata.jsonl"
MAX_INPUT_BYTES = 20_000_000  # larger inputs are recorded as a problem, not processed


def read_inputs(
    paths: Iterable[str],
    metadata: str | Path | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Yield one Article per article found in the inputs, user metadata applied on top."""
    user_metadata = load_metadata(metadata) if metadata else {}
    skip = {Path(metadata).resolve()} if metadata else set()
    for raw_path in paths:
        if raw_path == "-":
            data = (stdin or sys.stdin.buffer).read()
            articles: Iterable[Article] = _read_bytes(data, "stdin", "-", suffix=None)
            yield from _with_metadata(articles, user_metadata, {})
            continue
        path = Path(raw_path)
        if path.is_dir():
            yield from _read_folder(path, user_metadata, skip)
        else:
            yield from _with_metadata(_read_file(path), user_metadata, {})


def load_metadata(path: str | Path) -> dict[str, dict[str, Any]]:
    """Load `{id, published, outlet, url}` records, one JSON object per line, keyed by id."""
    records: dict[str, dict[str, Any]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read metadata file {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not record.get("id"):
            raise ConfigError(f"{path}:{number}: each line needs an object with an 'id'")
        records[str(record["id"])] = record
    return records


def _read_folder(
    folder: Path, user_metadata: dict[str, dict[str, Any]], skip: set[Path]
) -> Iterator[Article]:
    folder_metadata: dict[str, dict[str, Any]] = {}
    candidates = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in candidates:
        if path.name == FOLDER_METADATA and path.resolve() not in skip:
            try:
                folder_metadata.update(load_metadata(path))
            except ConfigError:
                pass  # a broken folder metadata file must not stop the articles being read
    for path in candidates:
        if path.resolve() in skip or path.name == FOLDER_METADATA:
            continue
        if path.name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES:
            continue  # gold files, READMEs and other companions are not articles
        yield from _with_metadata(_read_file(path), user_metadata, folder_metadata)


def _read_file(path: Path) -> Iterator[Article]:
    article_id = path.stem
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            yield _failed(article_id, str(path), "too-large", f"{size:,} bytes is over the limit")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield _failed(article_id, str(path), "missing", "no such file or directory")
        return
    except OSError as exc:
        yield _failed(article_id, str(path), "unreadable", exc.strerror or str(exc))
        return
    yield from _read_bytes(data, article_id, str(path), suffix=path.suffix.lower())


def _read_bytes(data: bytes, article_id: str, source: str, suffix: str | None) -> Iterator[Article]:
    text, problem = decode_bytes(data)
    if text is None:
        code, message = problem or ("unreadable", "cannot decode the input")
        yield _failed(article_id, source, code, message)
        return
    stripped = text.lstrip()
    if suffix is None:  # stdin: sniff the format
        suffix = (
            ".jsonl"
            if stripped.startswith("{")
            else ".html"
            if stripped.startswith("<")
            else ".txt"
        )
    if suffix == ".jsonl":
        articles = list(_read_jsonl(text, Path(source).stem if source != "-" else "stdin", source))
    elif suffix in HTML_SUFFIXES:
        articles = [_from_html(text, article_id, source)]
    else:
        articles = [_from_text(text, article_id, source)]
    for article in articles:
        if problem and not article.failed:
            article = article.with_problem("ingest", problem[0], problem[1])
        yield article


def _read_jsonl(text: str, stem: str, source: str) -> Iterator[Article]:
    seen_any = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _failed(f"{stem}-{number}", where, "bad-json", f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield _failed(f"{stem}-{number}", where, "bad-json", "a line must be a JSON object")
            continue
        yield article_from_record(record, f"{stem}-{number}", where)
    if not seen_any:
        yield _failed(stem, source, "empty", "no records in the file")


def article_from_record(record: dict[str, Any], fallback_id: str, where: str) -> Article:
    """Build an Article from one `{id, url, outlet, title, published, text | html}` record."""
    article_id = str(record.get("id") or fallback_id)
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        article = _from_html(html, article_id, where)
    elif isinstance(text, str) and text.strip():
        article = _from_text(text, article_id, where)
    else:
        return _failed(article_id, where, "no-text", "the record has neither 'text' nor 'html'")
    title = record.get("title")
    if isinstance(title, str) and title.strip():
        article = replace(article, title=title.strip())
    return _apply_metadata(article, record, source="record")


def _from_text(text: str, article_id: str, source: str) -> Article:
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Article(id=article_id, title=title, raw=text, source_path=source).touched_by(
        READ_VERSION
    )


def _from_html(html: str, article_id: str, source: str) -> Article:
    import trafilatura  # imported here: a text-only run should not pay for it

    article = Article(id=article_id, html=html, source_path=source)
    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        return article.with_problem("ingest", "bad-html", f"cannot parse HTML: {exc}", fatal=True)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        return article.with_problem("ingest", "no-text", "no article text found in the HTML", True)
    title = (getattr(extracted, "title", None) or "").strip()
    published = _parse_date(getattr(extracted, "date", None))
    article = replace(
        article,
        title=title,
        raw=f"{title}\n\n{body}" if title else body,
        url=getattr(extracted, "url", None) or None,
        outlet=getattr(extracted, "sitename", None) or None,
        published=published,
        published_source="html" if published else None,
    )
    return article.touched_by(READ_VERSION)


def _with_metadata(
    articles: Iterable[Article],
    user_metadata: dict[str, dict[str, Any]],
    folder_metadata: dict[str, dict[str, Any]],
) -> Iterator[Article]:
    for article in articles:
        # Explicit --metadata beats the folder's own file, which beats guesses from the text.
        for metadata in (folder_metadata, user_metadata):
            if article.id in metadata:
                article = _apply_metadata(article, metadata[article.id], source="metadata")
        yield article


def _apply_metadata(article: Article, record: dict[str, Any], source: str) -> Article:
    changes: dict[str, Any] = {}
    for key in ("url", "outlet"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            changes[key] = value.strip()
    published = record.get("published")
    if published not in (None, ""):
        parsed = _parse_date(published)
        if parsed is None:
            article = article.with_problem(
                "ingest", "bad-date", f"cannot read published date {published!r}"
            )
        else:
            changes["published"] = parsed
            changes["published_source"] = source
    return replace(article, **changes) if changes else article


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None


def _failed(article_id: str, source: str, code: str, message: str) -> Article:
    return Article(id=article_id, source_path=source).with_problem("ingest", code, message, True)


__all__ = ["article_from_record", "load_metadata", "read_inputs"]
