"""strife: armed-conflict news in, an ACLED-style event dataset with evidence out.

>>> import strife
>>> events = strife.extract(text, published="2017-09-27")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path

from strife.errors import ConfigError, StrifeError
from strife.model import Article, Event, Evidence, Problem
from strife.resources import Resources
from strife.settings import Settings, load_settings

# Kept equal to pyproject.toml's version (tests/test_python_api.py checks it): the one a
# Dask cluster compares across machines.
__version__ = "0.1.0"


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
    """Run every per-article stage on raw article text and return the processed Article.

    Keyword arguments are those of :func:`extract` except `include_background`; a bad
    `published` raises ConfigError (a StrifeError).
    """
    from strife.pipeline import process

    published = _published(published)
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


def _published(value: object) -> date | None:
    """Return a publication date given as a date or as ISO text ("2017-09-27")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ConfigError(f"published={value!r} is not a date: give a datetime.date or 'YYYY-MM-DD'")


def extract(
    text: str,
    published: date | str | None = None,
    *,
    include_background: bool = False,
    title: str = "",
    article_id: str = "text",
    outlet: str | None = None,
    url: str | None = None,
    resources: Resources | None = None,
) -> list[Event]:
    """Return the events one article's text reports (background incidents only if asked).

    Args:
        text: the article's text; its first line may be the title.
        published: the publication date, a `datetime.date` or "YYYY-MM-DD"; relative
            dates in the text ("on Tuesday") are read from it. Anything else raises
            ConfigError, a StrifeError.
        include_background: also return background incidents (`historical=True`).
        title: the headline, when it is not the text's first line.
        article_id: the id the events' `article_id` and evidence carry.
        outlet: the outlet's name, a hint for places and for the sources of incidents.
        url: the article's address.
        resources: loaded lexicons and gazetteer to share between calls (default: one
            shared set per process).
    """
    article = process_text(
        text,
        published,
        title=title,
        article_id=article_id,
        outlet=outlet,
        url=url,
        resources=resources,
    )
    return [e for e in article.events if include_background or not e.historical]


def read(
    paths: Iterable[str | Path],
    metadata: str | Path | None = None,
    fields: Mapping[str, str] | None = None,
) -> Iterator[Article]:
    """Read articles from files, folders, JSON Lines, .json or '-' (stdin).

    `metadata` is a JSON Lines file of {id, published, outlet, url}; `fields` maps record
    fields to other keys, e.g. {"text": "maintext"}.
    """
    from strife.ingest import read_inputs

    yield from read_inputs([str(p) for p in paths], metadata=metadata, fields=fields)


__all__ = [
    "Article",
    "Event",
    "Evidence",
    "Problem",
    "Resources",
    "Settings",
    "StrifeError",
    "extract",
    "load_settings",
    "process_text",
    "read",
]
