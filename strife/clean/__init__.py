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

from strife.clean.text import Cleaned, classify_line, clean_lines, find_dateline, reads_as_paragraph
from strife.model import Article
from strife.resources import Resources

CLEAN_VERSION = "clean.v1"
# Size limits. Later stages cost time that grows with an article's length (some of it faster
# than linearly), so inputs far beyond any real news report are recorded as a problem instead
# of being processed: a crawler's page dump must not stall a batch. The longest reports in
# practice are a few tens of thousands of characters.
MAX_RAW_CHARS = 2_000_000  # what was read, furniture included
MAX_TEXT_CHARS = 100_000  # the cleaned text, about 15,000 words
_HEADER_LINES = 20  # a page's stamps and bylines sit in its first lines (some under the lede)


def clean(article: Article, res: Resources) -> Article:
    """Keep the article's own text and learn its dateline and publication date."""
    if len(article.raw) > MAX_RAW_CHARS:
        return _too_long(article, f"{len(article.raw):,} characters were read", MAX_RAW_CHARS)
    raw, store_date = _without_store_date(article.raw)
    if store_date is not None and article.raw.strip().startswith(article.title):
        # The title was read as the first line, store date and all: read it again. A first
        # line that is a paragraph of prose is the lede, not a headline to drop.
        first = raw.strip().split("\n", 1)[0].strip()
        article = replace(article, title="" if reads_as_paragraph(first) else first)
    cleaned = clean_lines(raw, article.title, date_line_kind)
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
    if article.published_source not in ("metadata", "record"):
        article = _detect_published(article, cleaned, raw, store_date)
    return article.touched_by(CLEAN_VERSION)


def _one_line(raw: str) -> bool:
    return sum(1 for line in raw.splitlines() if line.strip()) == 1


def _too_long(article: Article, what: str, limit: int) -> Article:
    message = f"{what}, over the limit of {limit:,}: not an article, or not one strife can read"
    return article.with_problem("clean", "too-long", message, fatal=True)


def date_line_kind(line: str) -> str | None:
    """Say whether a line is only a date: "updated", "timestamp" (has a time) or "bare"."""
    from strife.dates import parse_date_string
    from strife.dates.parse import strip_date_prefix

    if len(line.split()) > 10 or not re.search(r"\d", line):
        return None
    rest = strip_date_prefix(line)
    parsed = parse_date_string(rest)
    if parsed is None:
        return None
    if rest != line:
        return "updated"
    return "timestamp" if parsed[1] else "bare"


def _without_store_date(raw: str) -> tuple[str, date | None]:
    """Take a page store's leading "date 2019-03-14" off the first line; return its date."""
    from strife.dates.published import STORE_PREFIX

    match = STORE_PREFIX.match(raw)
    if match is None:
        return raw, None
    try:
        day = date.fromisoformat(match.group("iso"))
    except ValueError:
        return raw, None
    return raw[match.end() :], day


def _header(raw: str, title: str) -> list[str]:
    """Return the title and the page's first lines: where bylines and time stamps sit."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    return ([title] if title else []) + lines[:_HEADER_LINES]


def _detect_published(
    article: Article, cleaned: Cleaned, raw: str, store_date: date | None
) -> Article:
    from strife.dates.published import Candidate, choose, page_candidates, today_utc

    today = today_utc()
    earlier = None
    if article.published is not None and article.published_source:
        # A date a reader found (the HTML's) is one candidate among the others.
        earlier = Candidate(article.published, article.published_source, "the page's metadata")
    candidates = page_candidates(
        url=article.url,
        html=article.html,
        header=_header(raw, article.title),
        date_lines=cleaned.date_lines,
        dateline_date=cleaned.dateline_date,
        paragraphs=cleaned.paragraphs,
        store_date=store_date,
        earlier=earlier,
        today=today,
    )
    decision = choose(candidates, article.text, today)
    for candidate, reason in decision.rejected:
        article = article.with_problem(
            "clean",
            "uncertain-date",
            f"{candidate.source} date {candidate.day.isoformat()} ({candidate.text!r}) "
            f"not used: {reason}",
        )
    return replace(article, published=decision.day, published_source=decision.source)


__all__ = [
    "MAX_RAW_CHARS",
    "MAX_TEXT_CHARS",
    "clean",
    "classify_line",
    "date_line_kind",
    "find_dateline",
]
