"""Extraction stage: find the incidents an article reports (placeholder until issue 4)."""

from __future__ import annotations

from strife.model import Article
from strife.resources import Resources


def extract_events(article: Article, res: Resources) -> Article:
    """Attach the events the cleaned text reports."""
    return article.touched_by("extract.none")
