"""The per-article stages in order, and the function that runs them on a stream."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator

from strife.clean import clean
from strife.extraction import extract_events
from strife.geocode import geocode
from strife.model import Article
from strife.resources import Resources

Stage = Callable[[Article, Resources], Article]

STAGES: list[Stage] = [clean, extract_events, geocode]


def process(article: Article, res: Resources, stages: Iterable[Stage] = STAGES) -> Article:
    """Run every per-article stage; a crash becomes a fatal Problem instead of ending the batch."""
    if article.failed:
        return article
    for stage in stages:
        try:
            article = stage(article, res)
        except Exception as exc:  # a bug, not a data problem: keep it, with where it happened
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = f"{type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"
            return article.with_problem(stage.__name__, "crash", message, fatal=True)
        if article.failed:
            break
    return article


def run(articles: Iterable[Article], res: Resources) -> Iterator[Article]:
    """Process a stream of articles, one at a time, in order."""
    for article in articles:
        yield process(article, res)
