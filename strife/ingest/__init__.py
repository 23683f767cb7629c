"""Ingest: turn paths (files, folders, JSON Lines, '-') into Articles, never losing one.

Every input becomes at least one Article. An input that cannot be read becomes an Article
with a fatal Problem saying why, so that the run can report it instead of dropping it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from strife.errors import ConfigError
from strife.ingest.decode import decode_bytes
from strife.ingest.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from strife.ingest.flatten import MAX_DEPTH, flatten_html, too_deep
from strife.ingest.language import check_language
from strife.ingest.warc import ByteProgress, is_warc, read_warc
from strife.model import Article

READ_VERSION = "ingest.v1"
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".json", *FEED_SUFFIXES}
HTML_SUFFIXES = {".html", ".htm"}
# A folder may carry its own crawler metadata under this name; it is used, not read as articles.
FOLDER_METADATA = "metadata.jsonl"
# Larger files are recorded as a problem, not processed. A JSON Lines file is read a line
# at a time, so for it the limit applies to each record instead of the whole file.
MAX_INPUT_BYTES = 20_000_000
# Extracting the text of a page takes about 3 s per MB of dense HTML; a news page is rarely
# over 2 MB, so a bigger one is recorded as too large instead of stalling the batch.
MAX_HTML_CHARS = 5_000_000
MAX_ID_CHARS = 200  # longer ids are shortened (with a hash): databases index them
# Characters no database or encoder accepts: NUL (PostgreSQL text) and lone UTF-16
# surrogates (from JSON escapes such as "\ud800", or file names that are not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_TEXT_FIELDS = ("id", "url", "outlet", "title", "raw", "html", "source_path")
# The keys of a JSON record; --field maps them to other keys of other corpora.
RECORD_FIELDS = ("id", "url", "outlet", "title", "published", "text", "html")


def read_inputs(
    paths: Iterable[str],
    metadata: str | Path | None = None,
    stdin: BinaryIO | None = None,
    fields: Mapping[str, str] | None = None,
    progress: ByteProgress | None = None,
) -> Iterator[Article]:
    """Yield one Article per article found in the inputs, user metadata applied on top.

    `fields` maps an Article field of a JSON record to the key that holds it in the
    inputs' records, e.g. {"text": "doc_text", "id": "doc_id"} (see parse_field_mapping).
    `progress(source, bytes_read, total_bytes)` is called as a WARC archive is read.
    """
    fields = dict(fields or {})
    user_metadata = load_metadata(metadata) if metadata else {}
    skip = {Path(metadata).resolve()} if metadata else set()
    for raw_path in paths:
        if raw_path == "-":
            articles: Iterable[Article] = _read_stdin(stdin, fields)
            yield from _guarded(_with_metadata(articles, user_metadata, {}), "stdin", "-")
            continue
        path = Path(raw_path)
        if path.is_dir():
            folder = _read_folder(path, user_metadata, skip, fields, progress)
            yield from _guarded(folder, path.name, raw_path)
        else:
            articles = _with_metadata(_read_file(path, fields, progress), user_metadata, {})
            yield from _guarded(articles, path.stem, raw_path)


def _read_stdin(stdin: BinaryIO | None, fields: Mapping[str, str]) -> Iterator[Article]:
    data = (stdin or sys.stdin.buffer).read()
    yield from _read_bytes(data, "stdin", "-", None, fields)


def _guarded(articles: Iterator[Article], article_id: str, source: str) -> Iterator[Article]:
    """Yield the articles of one input; an exception while reading it becomes a failed article.

    Reading runs third-party parsers on untrusted bytes and imports optional modules, so a
    crash here is as possible as in a stage: like `pipeline.process`, it is recorded with
    where it happened, the run goes on with the next input and the summary counts it.
    """
    try:
        for article in articles:
            # Articles in languages strife cannot read yet are counted, not misread.
            yield check_language(article)
    except Exception as exc:  # a bug or a broken install, kept as the input's problem
        yield make_storable(_failed(article_id, source, "crash", crash_message(exc)))


def crash_message(exc: BaseException) -> str:
    """Return "Type: message (file:line)" for an exception, naming where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


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
        except RecursionError as exc:
            raise ConfigError(f"{path}:{number}: JSON nested too deeply") from exc
        if not isinstance(record, dict) or not record.get("id"):
            raise ConfigError(f"{path}:{number}: each line needs an object with an 'id'")
        records[str(record["id"])] = record
    return records


def _read_folder(
    folder: Path,
    user_metadata: dict[str, dict[str, Any]],
    skip: set[Path],
    fields: Mapping[str, str],
    progress: ByteProgress | None,
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
        known = path.suffix.lower() in ARTICLE_SUFFIXES or is_warc(path)
        if path.name.startswith(".") or not known:
            continue  # gold files, READMEs and other companions are not articles
        articles = _read_file(path, fields, progress, in_folder=True)
        articles = _with_metadata(articles, user_metadata, folder_metadata)
        yield from _guarded(articles, path.stem, str(path))


def _read_file(
    path: Path,
    fields: Mapping[str, str],
    progress: ByteProgress | None,
    in_folder: bool = False,
) -> Iterator[Article]:
    """Read one file; in a folder, .json without an article and .xml without a feed are
    companions, not articles."""
    article_id = path.stem
    if is_warc(path) and path.exists():
        # Streamed: the size limit applies to each page, not to the archive.
        yield from read_warc(path, _from_html, _failed, MAX_INPUT_BYTES, progress)
        return
    if path.suffix.lower() == ".jsonl" and not _is_utf16_file(path):
        yield from _stream_jsonl(path, fields)
        return
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
    if path.suffix.lower() == ".json":
        yield from _read_json(data, article_id, str(path), fields, in_folder)
        return
    if path.suffix.lower() in FEED_SUFFIXES:
        yield from read_feed(data, article_id, str(path), _failed, in_folder)
        return
    yield from _read_bytes(data, article_id, str(path), path.suffix.lower(), fields)


def _read_bytes(
    data: bytes, article_id: str, source: str, suffix: str | None, fields: Mapping[str, str]
) -> Iterator[Article]:
    text, problem = decode_bytes(data)
    if text is None:
        code, message = problem or ("unreadable", "cannot decode the input")
        yield _failed(article_id, source, code, message)
        return
    stripped = text.lstrip()
    if suffix is None and looks_like_feed(text):
        yield from read_feed(data, article_id, source, _failed)
        return
    if suffix is None:  # stdin: sniff the format
        suffix = (
            ".jsonl"
            if stripped.startswith("{")
            else ".html"
            if stripped.startswith("<")
            else ".txt"
        )
    if suffix == ".jsonl":
        stem = Path(source).stem if source != "-" else "stdin"
        articles = list(_read_jsonl(text, stem, source, fields))
    elif suffix in HTML_SUFFIXES:
        articles = [_from_html(text, article_id, source)]
    else:
        articles = [_from_text(text, article_id, source)]
    for article in articles:
        if problem and not article.failed:
            article = article.with_problem("ingest", problem[0], problem[1])
        yield article


def _is_utf16_file(path: Path) -> bool:
    """True for a file that starts with a UTF-16 byte order mark (it cannot be split at b"\n")."""
    try:
        with path.open("rb") as handle:
            return handle.read(2) in (b"\xff\xfe", b"\xfe\xff")
    except OSError:
        return False  # _stream_jsonl reports why it cannot be read


def _stream_jsonl(path: Path, fields: Mapping[str, str]) -> Iterator[Article]:
    """Read a JSON Lines file a record at a time: a crawl dump of any size, in bounded memory."""
    stem, source = path.stem, str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield _failed(stem, source, "missing", "no such file or directory")
        return
    except OSError as exc:
        yield _failed(stem, source, "unreadable", exc.strerror or str(exc))
        return
    seen_any = False
    number = 0
    with handle:
        try:
            while line := handle.readline(MAX_INPUT_BYTES + 1):
                number += 1
                if not line.strip():
                    continue
                seen_any = True
                fallback_id, where = f"{stem}-{number}", f"{source}:{number}"
                if len(line) > MAX_INPUT_BYTES:
                    while line and not line.endswith(b"\n"):  # skip the rest of the record
                        line = handle.readline(1 << 20)
                    message = f"the record is over the limit of {MAX_INPUT_BYTES:,} bytes"
                    yield _failed(fallback_id, where, "too-large", message)
                    continue
                if number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark
                text, problem = decode_bytes(line)
                if text is None:
                    code, message = problem or ("unreadable", "cannot decode the record")
                    yield _failed(fallback_id, where, code, message)
                    continue
                article = _guarded_record(text, fallback_id, where, fields)
                if problem and not article.failed:
                    article = article.with_problem("ingest", problem[0], problem[1])
                yield article
        except OSError as exc:
            message = exc.strerror or str(exc)
            yield _failed(f"{stem}-{number + 1}", source, "unreadable", message)
            return
    if not seen_any:
        yield _failed(stem, source, "empty", "no records in the file")


def _read_jsonl(text: str, stem: str, source: str, fields: Mapping[str, str]) -> Iterator[Article]:
    seen_any = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen_any = True
        yield _guarded_record(line, f"{stem}-{number}", f"{source}:{number}", fields)
    if not seen_any:
        yield _failed(stem, source, "empty", "no records in the file")


def _guarded_record(line: str, fallback_id: str, where: str, fields: Mapping[str, str]) -> Article:
    """Read one record; a crash fails that record only, so the rest of the file is read."""
    try:
        return _record_line(line, fallback_id, where, fields)
    except Exception as exc:  # as in _guarded: recorded on the record, never lost
        return _failed(fallback_id, where, "crash", crash_message(exc))


def _record_line(line: str, fallback_id: str, where: str, fields: Mapping[str, str]) -> Article:
    """Turn one line of JSON Lines into an Article, or a failed one that says what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _failed(fallback_id, where, "bad-json", f"not valid JSON ({exc.msg})")
    except RecursionError:
        return _failed(fallback_id, where, "bad-json", "JSON nested too deeply")
    if not isinstance(record, dict):
        return _failed(fallback_id, where, "bad-json", "a line must be a JSON object")
    return _from_record(map_fields(record, fields), fallback_id, where)


def _read_json(
    data: bytes, article_id: str, source: str, fields: Mapping[str, str], in_folder: bool
) -> Iterator[Article]:
    """Read a .json file holding one record (news-please writes one per article)."""
    text, problem = decode_bytes(data)
    if text is None:
        code, message = problem or ("unreadable", "cannot decode the input")
        yield _failed(article_id, source, code, message)
        return
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _failed(article_id, source, "bad-json", f"not valid JSON ({exc.msg})")
        return
    except RecursionError:
        yield _failed(article_id, source, "bad-json", "JSON nested too deeply")
        return
    if not isinstance(record, dict):
        yield _failed(article_id, source, "bad-json", "a .json file must hold one JSON object")
        return
    record = map_fields(record, fields)
    if in_folder and not any(_non_empty(record.get(name)) for name in ("text", "html")):
        return  # gold annotations and other companions in a folder of articles
    article = _from_record(record, article_id, source)
    if problem and not article.failed:
        article = article.with_problem("ingest", problem[0], problem[1])
    yield article


def _non_empty(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def parse_field_mapping(specs: Iterable[str]) -> dict[str, str]:
    """Turn ["text=doc_text", "id=doc_id"] into {"text": "doc_text", "id": "doc_id"}."""
    mapping: dict[str, str] = {}
    for spec in specs:
        name, sep, key = spec.partition("=")
        name, key = name.strip(), key.strip()
        if not sep or not key or name not in RECORD_FIELDS:
            raise ConfigError(
                f"--field {spec!r}: give FIELD=KEY, FIELD one of {', '.join(RECORD_FIELDS)}"
            )
        mapping[name] = key
    return mapping


def map_fields(record: dict[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    """Return the record with each mapped field read from its key (None when it is absent)."""
    if not fields:
        return record
    return {**record, **{name: record.get(key) for name, key in fields.items()}}


def article_from_record(record: dict[str, Any], fallback_id: str, where: str) -> Article:
    """Build an Article from one `{id, url, outlet, title, published, text | html}` record."""
    return make_storable(_from_record(record, fallback_id, where))


def _from_record(record: dict[str, Any], fallback_id: str, where: str) -> Article:
    article_id = str(record.get("id") or fallback_id)
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        article = _from_html(html, article_id, where)
    elif isinstance(text, str) and text.strip():
        # A record's title is its `title` key, never the body's first line: a record of one
        # paragraph and a share line would otherwise lose its paragraph as the title.
        article = replace(_from_text(text, article_id, where), title="")
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

    article = Article(id=article_id, source_path=source)
    if len(html) > MAX_HTML_CHARS:
        message = f"{len(html):,} characters of HTML is over the limit of {MAX_HTML_CHARS:,}"
        return article.with_problem("ingest", "too-large", message, fatal=True)
    article = replace(article, html=html)
    try:
        page = html
        if too_deep(html):
            # lxml stops about 256 levels deep and would leave no text: read a flat copy.
            page = flatten_html(html)
            message = f"the HTML is nested over {MAX_DEPTH} levels deep; read from a flat copy"
            article = article.with_problem("ingest", "deep-html", message)
        extracted = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=False
        )
        body = getattr(extracted, "text", None) if extracted is not None else None
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        return article.with_problem("ingest", "bad-html", f"cannot parse HTML: {exc}", fatal=True)
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
        yield make_storable(article)


def make_storable(article: Article) -> Article:
    """Remove what no database can store (NUL, lone surrogates) and shorten overlong ids.

    Every article leaves ingest through here, so that one hostile record cannot stop a
    batch when it is hashed or written; what was changed is recorded as a problem.
    """
    changes: dict[str, Any] = {}
    replaced = 0
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str) and _UNSTORABLE.search(value):
            replaced += len(_UNSTORABLE.findall(value))
            # Lone surrogates become U+FFFD, as a decoder would write them; NUL goes.
            changes[name] = _UNSTORABLE.sub(_replacement, value)
    given_id: str = changes.get("id", article.id)
    if len(given_id) > MAX_ID_CHARS:
        digest = hashlib.sha256(given_id.encode("utf-8")).hexdigest()[:16]
        changes["id"] = f"{given_id[: MAX_ID_CHARS - 17]}-{digest}"
    if not changes:
        return article
    article = replace(article, **changes)
    if replaced:
        message = f"removed or replaced {replaced} NUL or lone surrogate characters"
        article = article.with_problem("ingest", "bad-characters", message)
    if len(given_id) > MAX_ID_CHARS:
        message = f"an id of {len(given_id):,} characters was shortened to {article.id!r}"
        article = article.with_problem("ingest", "long-id", message)
    return article


def _replacement(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


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


__all__ = [
    "RECORD_FIELDS",
    "article_from_record",
    "load_metadata",
    "make_storable",
    "map_fields",
    "parse_field_mapping",
    "read_inputs",
]
