"""strife: armed-conflict news in, an ACLED-style event dataset with evidence out.

>>> import strife
>>> events = strife.extract(text, published="2017-09-27")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from strife.model import Article, Event, Evidence, Problem
from strife.resources import Resources
from strife.settings import Settings, load_settings


def process_text(
    text: str,
    published: date | str | None = None,
    *,
    title: str = "",
    article_id: str = "text",
    outlet: str | None = None,
    url: str | None = None,
    resources: Resources | None = None,
) -> Article:
    """Run every per-article stage on raw article text and return the processed Article."""
    from strife.pipeline import process

    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(
        id=article_id,
        url=url,
        outlet=outlet,
        published=published,
        published_source="metadata" if published else None,
        title=title,
        raw=text,
    )
    return process(article, resources or Resources.shared())


def extract(
    text: str,
    published: date | str | None = None,
    *,
    include_background: bool = False,
    **kwargs: object,
) -> list[Event]:
    """Return the events one article's text reports (background incidents only if asked)."""
    article = process_text(text, published, **kwargs)  # type: ignore[arg-type]
    return [e for e in article.events if include_background or not e.historical]


def read(paths: Iterable[str | Path], metadata: str | Path | None = None) -> Iterator[Article]:
    """Read articles from files, folders, JSON Lines or '-' (stdin), with optional metadata."""
    from strife.ingest import read_inputs

    yield from read_inputs([str(p) for p in paths], metadata=metadata)


__all__ = [
    "Article",
    "Event",
    "Evidence",
    "Problem",
    "Resources",
    "Settings",
    "extract",
    "load_settings",
    "process_text",
    "read",
]
