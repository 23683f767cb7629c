"""Cleaning stage: boilerplate out, dateline and publication date in.

Drops repeated titles, photo captions and credits, bylines, share/comment/"Leave a Reply"
blocks, newsletter and ad strings and the headlines of other articles appended at the end;
keeps a dateline's place as a hint; detects the publication date from the text when no
metadata gave one, and says how sure it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from strife.clean.text import Cleaned, classify_line, clean_lines, find_dateline
from strife.model import Article
from strife.resources import Resources

CLEAN_VERSION = "clean.v1"
# Size limits. Later stages cost time that grows with an article's length (some of it faster
# than linearly), so inputs far beyond any real news report are recorded as a problem instead
# of being processed: a crawler's page dump must not stall a batch. The longest reports in
# practice are a few tens of thousands of characters.
MAX_RAW_CHARS = 2_000_000  # what was read, furniture included
MAX_TEXT_CHARS = 100_000  # the cleaned text, about 15,000 words
_DATE_PREFIX = re.compile(
    r"^(?:(?:last )?updated|published|posted|first published|date)\b\s*(?:on\b|at\b|:)?\s*",
    re.IGNORECASE,
)


def clean(article: Article, res: Resources) -> Article:
    """Keep the article's own text and learn its dateline and publication date."""
    if len(article.raw) > MAX_RAW_CHARS:
        return _too_long(article, f"{len(article.raw):,} characters were read", MAX_RAW_CHARS)
    cleaned = clean_lines(article.raw, article.title, date_line_kind)
    text = "\n\n".join(cleaned.paragraphs)
    article = replace(article, title=cleaned.title, dateline=cleaned.dateline)
    if not text.strip() and cleaned.dropped["title"] and _one_line(article.raw):
        # A one-line article (a wire flash, a record without a title) is its own headline:
        # keep the line as the text instead of losing the article.
        text = article.raw.strip()
    if not text.strip():
        return article.with_problem("clean", "no-text", "no article text left after cleaning", True)
    if len(text) > MAX_TEXT_CHARS:
        return _too_long(
            article, f"{len(text):,} characters of text after cleaning", MAX_TEXT_CHARS
        )
    article = replace(article, text=text)
    if article.published is None:
        article = _detect_published(article, cleaned)
    return article.touched_by(CLEAN_VERSION)


def _one_line(raw: str) -> bool:
    return sum(1 for line in raw.splitlines() if line.strip()) == 1


def _too_long(article: Article, what: str, limit: int) -> Article:
    message = f"{what}, over the limit of {limit:,}: not an article, or not one strife can read"
    return article.with_problem("clean", "too-long", message, fatal=True)


def date_line_kind(line: str) -> str | None:
    """Say whether a line is only a date: "updated", "timestamp" (has a time) or "bare"."""
    from strife.dates import parse_date_string

    if len(line.split()) > 10 or not re.search(r"\d", line):
        return None
    rest = _DATE_PREFIX.sub("", line)
    parsed = parse_date_string(rest)
    if parsed is None:
        return None
    if rest != line:
        return "updated"
    return "timestamp" if parsed[1] else "bare"


def _detect_published(article: Article, cleaned: Cleaned) -> Article:
    from strife.dates import parse_date_string

    today = date.today()
    candidates: list[tuple[str, str]] = []
    if cleaned.dateline_date:
        candidates.append(("text:dateline", cleaned.dateline_date))
    for kind, line in cleaned.date_lines:
        if kind != "body":
            candidates.append((f"text:{kind}", _DATE_PREFIX.sub("", line)))
    for source, date_text in candidates:
        parsed = parse_date_string(date_text)
        if parsed is None or parsed[0] > today:
            continue
        if source == "text:page":
            # A lone date at the top of a page is as often the crawl's date as the article's.
            article = article.with_problem(
                "clean",
                "uncertain-date",
                f"the date line {date_text!r} may be the page's or crawler's date; not used",
            )
            continue
        return replace(article, published=parsed[0], published_source=source)
    return article


__all__ = [
    "MAX_RAW_CHARS",
    "MAX_TEXT_CHARS",
    "clean",
    "classify_line",
    "date_line_kind",
    "find_dateline",
]
