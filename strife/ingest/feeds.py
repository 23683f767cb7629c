"""RSS and Atom feeds (read by feedparser): each item is one article.

An item gives its link (the url and the id), its title, and its full content when the feed
carries it, else its summary, with a `summary-only` warning. The item's date is a
publication-date candidate, kept in `date_hints`, not taken as the publication date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from strife.ingest.flatten import html_to_text
from strife.ingest.urls import url_id, url_key
from strife.model import Article

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READ_VERSION = "ingest.v1"


def looks_like_feed(text: str) -> bool:
    """True for text that starts like an RSS or Atom document."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<rss", "<feed", "<rdf:rdf")) or (
        head.startswith("<?xml") and any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))
    )


def read_feed(
    data: bytes,
    stem: str,
    source: str,
    failed: Callable[[str, str, str, str], Article],
    in_folder: bool = False,
) -> Iterator[Article]:
    """Yield one Article per item of a feed; in a folder, XML that is no feed is a companion."""
    import feedparser  # only feeds pay for the import

    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        if not in_folder:
            yield failed(stem, source, "not-a-feed", "not an RSS or Atom feed")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    seen: dict[str, str] = {}
    for number, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip()
        article_id = url_id(link) if link else f"{stem}-{number}"
        where = f"{source}#{number}"
        if link and url_key(link) in seen:
            message = f"the same item as {seen[url_key(link)]}, already read from this feed"
            yield failed(f"{article_id}~{number}", where, "duplicate", message)
            continue
        if link:
            seen[url_key(link)] = article_id
        yield _item(entry, article_id, where, link, outlet, failed)
    if not parsed.entries:
        yield failed(stem, source, "empty", "the feed has no items")


def _item(
    entry: Any,
    article_id: str,
    where: str,
    link: str,
    outlet: str | None,
    failed: Callable[[str, str, str, str], Article],
) -> Article:
    content = entry.get("content") or []
    full = next((c for c in content if (c.get("value") or "").strip()), None)
    part = full or {"value": entry.get("summary") or "", "type": "text/html"}
    value = part.get("value") or ""
    text = html_to_text(value) if "html" in (part.get("type") or "html") else value.strip()
    if not text:
        return failed(article_id, where, "no-text", "the item has neither content nor summary")
    date = entry.get("published") or entry.get("updated") or ""
    article = Article(
        id=article_id,
        url=link or None,
        outlet=outlet,
        title=(entry.get("title") or "").strip(),
        raw=text,
        source_path=where,
        date_hints=(("feed", date),) if date else (),
    ).touched_by(READ_VERSION)
    if full is None:
        message = "the feed carries only a summary of this item, not its full text"
        article = article.with_problem("ingest", "summary-only", message)
    return article
