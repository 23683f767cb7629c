"""Cleaning stage (placeholder, being written)."""

from __future__ import annotations

from dataclasses import replace

from strife.model import Article
from strife.resources import Resources


def clean(article: Article, res: Resources) -> Article:
    """Drop boilerplate lines and detect the publication date."""
    return replace(article, text=article.raw).touched_by("clean.none")
