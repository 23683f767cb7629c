"""POST /api/articles: validate posted articles, run the pipeline, store, deduplicate."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from strife.model import Article
from strife.pipeline import process
from strife.resources import Resources
from strife.store import Store, content_hash

MAX_TEXT_CHARS = 2_000_000  # one article; the request-size limit caps the whole body anyway


class ArticleIn(BaseModel):
    """One article as posted: its text or its HTML page, and what the sender knows of it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=2000)
    published: date | None = None
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)


def request_schema(max_articles: int) -> dict[str, Any]:
    """Return the JSON schema of a post body (one article or a list), for the OpenAPI page."""
    one = ArticleIn.model_json_schema()  # flat: no $defs, so it can be inlined
    return {"anyOf": [one, {"type": "array", "items": one, "maxItems": max_articles}]}


class TooMuchWork(ValueError):
    """A post asks for more text than one request may carry (answered 413)."""


def parse_articles(body: bytes, max_articles: int, max_chars: int) -> list[ArticleIn]:
    """Parse a posted body (one article or a list); raise ValueError with a clear message.

    Raises :class:`TooMuchWork` when the articles' text and HTML together pass ``max_chars``:
    the pipeline's time grows with the text, so this bounds the work one request asks for.
    """
    if not body.strip():
        raise ValueError("the body is empty: post one article object or a list of them")
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ValueError(f"body: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    except (RecursionError, UnicodeDecodeError) as exc:
        raise ValueError("body: not readable JSON (too deeply nested or not UTF-8)") from exc
    records = [data] if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ValueError("body: post one article object or a list of them")
    if not records:
        raise ValueError("the list is empty")
    if len(records) > max_articles:
        raise ValueError(f"at most {max_articles} articles per request")
    items = []
    for number, record in enumerate(records):
        try:
            item = ArticleIn.model_validate(record)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "article"
            raise ValueError(f"article {number}: {where}: {first['msg']}") from exc
        if not (item.text or item.html):
            raise ValueError(f"article {number} ({item.id!r}) has neither 'text' nor 'html'")
        items.append(item)
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique within one request")
    chars = sum(len(item.text or "") + len(item.html or "") for item in items)
    if chars > max_chars:
        raise TooMuchWork(
            f"the articles hold {chars:,} characters of text and HTML; at most {max_chars:,} "
            "per request: post them in smaller batches"
        )
    return items


def to_article(item: ArticleIn) -> Article:
    """Turn a posted article into the Article that `strife run` would read from a record."""
    from strife import ingest

    record: dict[str, Any] = item.model_dump(exclude_none=True)
    if "published" in record:
        record["published"] = item.published.isoformat() if item.published else None
    # The JSON Lines reader already turns a record into an Article (HTML via trafilatura,
    # metadata precedence); reuse it so posted and read articles never differ.
    return ingest.article_from_record(record, item.id, "api")


class Ingester:
    """Runs posted articles through the pipeline into the store, one request at a time."""

    def __init__(self, store: Store, resources: Resources) -> None:
        self.store = store
        self.resources = resources
        # SQLite has one writer; serialising here keeps two posts from interleaving their
        # deduplication passes on any backend.
        self._lock = threading.Lock()

    def ingest_one(self, item: ArticleIn) -> dict[str, Any]:
        """Process and store one posted article; report what happened to it."""
        keep_background = self.resources.settings.include_background
        with self._lock:
            article = process(to_article(item), self.resources)
            if not keep_background:
                # As `strife run` does: background incidents are not stored by default.
                kept = tuple(e for e in article.events if not e.historical)
                article = replace(article, events=kept)
            digest = content_hash(article, include_background=keep_background)
            stored = self.store.write_article(article, digest)
        return {
            "id": article.id,
            "stored": stored,
            "unchanged": not stored,
            "failed": article.failed,
            "events": [e.event_id for e in article.events],
            "problems": [
                {"stage": p.stage, "code": p.code, "message": p.message} for p in article.problems
            ],
        }

    def deduplicate(self) -> dict[str, int]:
        """Merge the stored events into incidents; report how many were written and removed."""
        with self._lock:
            stats = self.store.deduplicate()
        return {
            "incidents_written": stats.incidents_written,
            "incidents_removed": stats.incidents_removed,
        }
