"""Numbers as news writes them: "47", "1,200", "Twelve", "forty-seven", "a dozen",
"two hundred and five", with qualifiers ("at least", "up to", "nearly") and vague amounts
("several", "dozens") that follow ACLED's conventions (see `vague_quantities` in
`strife/data/event_types.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strife.extraction.lexicon import get_lexicon
from strife.extraction.text import Token
from strife.resources import Resources

_WORDS = Resources.lexicons.words
UNITS = _WORDS.units
TENS = _WORDS.tens
SCALES = _WORDS.scales
# Qualifiers before a number, as token sequences, with what they say about the true value.
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("a", "minimum", "of"): "at least",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("upwards", "of"): "more than",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("fewer", "than"): "nearly",
    ("less", "than"): "nearly",
    ("around",): "about",
    ("about",): "about",
    ("some",): "about",
    ("approximately",): "about",
    ("roughly",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("reportedly",): "reportedly",
}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_MAX_DIGITS = 20  # longer digit runs are not counts (and int() refuses over 4,300 digits)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found in text; `value` is what ACLED would code (the conservative figure).

    `low`/`high` are the ends of a stated range ("20 to 30"); both equal `value` otherwise.
    """

    value: int
    low: int
    high: int
    vague: bool
    qualifier: str | None
    first: int  # index of the first token (qualifier included)
    last: int  # index of the last token (inclusive)


def _word_value(word: str) -> int | None:
    """Value of one number word or hyphenated compound ("forty-seven"), else None."""
    word = word.lower()
    if word in UNITS:
        return UNITS[word]
    if word in TENS:
        return TENS[word]
    if "-" in word:
        head, _, tail = word.partition("-")
        if head in TENS and tail in UNITS and 0 < UNITS[tail] < 10:
            return TENS[head] + UNITS[tail]
    return None


def _plain_number(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """Parse digits or number words starting at token i: (value, index of last token)."""
    text = tokens[i].text
    if len(text) <= _MAX_DIGITS and _DIGITS.match(text):
        value = int(text.replace(",", ""))
        last = i
        if i + 1 < len(tokens) and tokens[i + 1].lower in SCALES:
            value *= SCALES[tokens[i + 1].lower]
            last = i + 1
        return value, last
    lower = tokens[i].lower
    if lower in {"a", "an"} and i + 1 < len(tokens):
        nxt = tokens[i + 1].lower
        if nxt == "dozen":
            return 12, i + 1
        if nxt in {"hundred", "thousand"}:
            total, last = SCALES[nxt], i + 1
            return _extend(tokens, total, last)
        return None
    if lower == "half" and i + 2 < len(tokens) and tokens[i + 1].lower == "a":
        if tokens[i + 2].lower == "dozen":
            return 6, i + 2
        return None
    word_value = _word_value(lower)
    if word_value is None:
        return None
    value, last = word_value, i
    # "twenty one" written with a space
    if value in TENS.values() and last + 1 < len(tokens):
        unit = UNITS.get(tokens[last + 1].lower)
        if unit is not None and 0 < unit < 10:
            value, last = value + unit, last + 1
    if last + 1 < len(tokens) and tokens[last + 1].lower == "dozen":
        return value * 12, last + 1
    if last + 1 < len(tokens) and tokens[last + 1].lower in SCALES:
        value *= SCALES[tokens[last + 1].lower]
        return _extend(tokens, value, last + 1)
    return value, last


def _extend(tokens: list[Token], total: int, last: int) -> tuple[int, int]:
    """Continue "two hundred [and] five" after a scale word."""
    j = last + 1
    if j < len(tokens) and tokens[j].lower == "and":
        j += 1
    if j < len(tokens):
        rest = _word_value(tokens[j].lower)
        if rest is not None and rest < 100:
            return total + rest, j
    return total, last


_QUALIFIER_STARTS = frozenset(words[0] for words in QUALIFIERS)


def _qualifier_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """Return (qualifier, index after it) when a qualifier starts at token i."""
    if tokens[i].lower not in _QUALIFIER_STARTS:
        return None
    for words, meaning in QUALIFIERS.items():
        n = len(words)
        if i + n <= len(tokens) and tuple(t.lower for t in tokens[i : i + n]) == words:
            return meaning, i + n
    return None


def _vague_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """Match a vague amount ("several", "dozens of", "an unknown number of") at token i."""
    lexicon = get_lexicon()
    for length in (4, 3, 2, 1):
        if i + length > len(tokens):
            continue
        phrase = " ".join(t.lower for t in tokens[i : i + length])
        if phrase in lexicon.vague:
            last = i + length - 1
            if last + 1 < len(tokens) and tokens[last + 1].lower == "of":
                last += 1
            return lexicon.vague[phrase], last
    return None


def quantity_at(tokens: list[Token], i: int, *, allow_vague: bool = True) -> Quantity | None:
    """Parse a (qualified) number, range or vague amount that starts at token i."""
    qualifier: str | None = None
    j = i
    found = _qualifier_at(tokens, i)
    if found:
        qualifier, j = found
        if j >= len(tokens):
            return None
    if j < len(tokens) and tokens[j].lower == "between":
        j += 1
    plain = _plain_number(tokens, j) if j < len(tokens) else None
    if plain is None:
        if qualifier in {"about"} and tokens[i].lower == "some":
            qualifier, j = None, i  # "some" alone is a vague amount, not a qualifier
        # "how many of its troops died" asks a number; it states none
        asked = i > 0 and tokens[i - 1].lower == "how"
        if allow_vague and j < len(tokens) and not asked:
            vague = _vague_at(tokens, j)
            if vague:
                value, last = vague
                return Quantity(value, value, value, True, qualifier, i, last)
        return None
    value, last = plain
    low, high = value, value
    # Ranges: "20 to 30", "20-30", "between 20 and 30", "20 or 30": the low end is the value.
    k = last + 1
    if k + 1 < len(tokens) and tokens[k].lower in {"to", "-", "–", "and", "or"}:
        other = _plain_number(tokens, k + 1)
        if other and other[0] > value:
            high, last = other[0], other[1]
    return Quantity(value, low, high, False, qualifier, i, last)


def is_year(tokens: list[Token], i: int) -> bool:
    """True when token i is a four-digit year rather than a count."""
    text = tokens[i].text
    return bool(re.fullmatch(r"(?:19|20)\d\d", text))


__all__ = ["QUALIFIERS", "Quantity", "is_year", "quantity_at"]
