"""Geocoding stage: place each event (placeholder until issue 5)."""

from __future__ import annotations

from strife.model import Article
from strife.resources import Resources


def geocode(article: Article, res: Resources) -> Article:
    """Fill each event's place fields from the gazetteer."""
    return article.touched_by("geocode.none")
