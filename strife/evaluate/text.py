"""Sentence splitting and word overlap: how the scorers decide two quotes say the same thing."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from strife.model import Event

STOPWORDS = frozenset(
    """a about above after again against all also an and any are as at be been before being
    below between both but by can could did do does during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most
    my no nor not now of off on once only or other our out over own s same she should so some
    such t than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your said says say told""".split()
)
_WORDS = re.compile(r"[a-z0-9]+")
# Titles and initials whose full stop does not end a sentence ("Col. Walid", "U.S. forces").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr col gen lt maj capt cpt sgt st no vs jr sr prof gov sen rep brig adm cmdr
    jan feb mar apr jun jul aug sep sept oct nov dec u s""".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def words(text: str) -> list[str]:
    """Return the lowercase ASCII words of a text, in order."""
    return _WORDS.findall(anyascii(text).lower())


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """Return the set of words of a text that are not stopwords."""
    return frozenset(w for w in words(text) if w not in STOPWORDS)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of a text; lines never join."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start = offset
        for match in _SENTENCE_END.finditer(line):
            before = line[: match.start()].split()
            last_word = before[-1].lower().strip("\"'(“‘") if before else ""
            initial = len(last_word) == 1 and last_word.isalpha()
            if last_word in _ABBREVIATIONS or initial or "." in last_word:
                continue
            end = offset + match.start() + 1
            spans.append(_trimmed(text, start, end))
            start = offset + match.end()
        spans.append(_trimmed(text, start, offset + len(line)))
        offset += len(line)
    return [(s, e) for s, e in spans if e > s]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """Return the sentences of a text as strings."""
    return [text[s:e] for s, e in split_sentences(text)]


def event_sentences(event: Event, text: str | None = None) -> list[str]:
    """Return the sentences an event's evidence quotes, widened to whole sentences of `text`.

    Extraction may quote a phrase rather than a sentence; widening makes a phrase and the
    gold sentence it sits in compare as the same evidence.
    """
    spans = split_sentences(text) if text else []
    found: list[str] = []
    for evidence in event.evidence:
        valid = (
            text is not None
            and 0 <= evidence.start < evidence.end <= len(text)
            and text[evidence.start : evidence.end].strip() == evidence.text.strip()
        )
        if valid and text is not None:
            inside = [text[s:e] for s, e in spans if s < evidence.end and evidence.start < e]
            found.extend(inside or [evidence.text])
        elif evidence.text.strip():
            found.append(evidence.text)
    return list(dict.fromkeys(found))


def same_statement(first: str, second: str) -> bool:
    """Return True when two quotes share most of their content words (one holds the other)."""
    a, b = content_words(first), content_words(second)
    if not a or not b:
        return False
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return shared >= min(3, smaller) and shared / smaller >= 0.6
