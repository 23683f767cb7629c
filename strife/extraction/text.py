"""A fast sentence splitter and tokeniser that keep character offsets into the article text.

News prose is full of full stops that do not end sentences ("Col. Gamal", "Maj. Gen.",
"U.S.-led", "J. Smith"), and quotes that do ("... security breaches,” he said."). The rules
here are small and explicit so that a wrong split can be fixed by adding an abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence (compared lower-case).
ABBREVIATIONS = frozenset(
    """
    col lt gen maj brig capt cpt sgt cpl pvt adm cmdr cdr gov sen rep rev dr mr mrs ms
    prof st mt ft no nos vs etc al fig jan feb mar apr jun jul aug sep sept oct nov dec
    inc ltd co corp dept est approx govt km ave blvd
    """.split()
)
MAX_SENTENCE_CHARS = 1500  # far above any real sentence; see _append
# Dotted acronyms: "U.S.", "U.N.", "e.g.", "i.e.", "a.m.", "p.m.".
_DOTTED = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
# The look-behind starts a match only at the first stop of a run ("....."), so a long run is
# scanned once instead of once per character (quadratic).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?|\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it sits in the article text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or punctuation mark, with offsets into the string tokenised."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        """Return the token lower-cased."""
        return self.text.lower()


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` belongs to an abbreviation or an initial."""
    head = text[max(0, dot - 64) : dot]  # a bounded look back: linear over many stops
    word_match = re.search(r"[\w.]+$", head)
    if not word_match:
        return False
    word = word_match.group(0)
    if _DOTTED.search(word + "."):
        return True
    bare = word.rsplit(".", 1)[-1].lower()
    if bare in ABBREVIATIONS:
        return True
    # A single capital letter is an initial ("J. Smith"), not the end of a sentence.
    return len(bare) == 1 and bare.isalpha() and word[-1].isupper()


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences (never across paragraphs), keeping exact offsets."""
    sentences: list[Sentence] = []
    paragraph = 0
    for para in re.finditer(r"[^\n]+", text):
        chunk = para.group(0)
        if not chunk.strip():
            continue
        start = 0
        for match in _BOUNDARY.finditer(chunk):
            end = match.end()
            first_stop = match.start()
            if chunk[first_stop] == "." and _is_abbreviation(chunk, first_stop):
                continue
            _append(sentences, text, para.start() + start, para.start() + end, paragraph)
            start = end
        _append(sentences, text, para.start() + start, para.end(), paragraph)
        paragraph += 1
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # Analysing a sentence costs time quadratic in its length: run-on text (lists, dumps
    # without full stops) is cut at a space into pieces of bounded length.
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        _append(sentences, text, start, cut, paragraph)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))


def tokenize(text: str) -> list[Token]:
    """Split text into word, number and punctuation tokens with offsets."""
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


__all__ = ["ABBREVIATIONS", "Sentence", "Token", "split_sentences", "tokenize"]
