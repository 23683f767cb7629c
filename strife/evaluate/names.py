"""Lenient comparison of place and actor names, so that scores measure facts, not spelling."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

# Leading articles: Arabic ones written as a word or with a hyphen ("Al-Qa'im", "Ar Rutbah"),
# and Romance ones ACLED keeps and texts often drop ("A Coruna", "La Guaira").
_ARTICLES = frozenset("al el ar ad as an at ash az adh ath the a o la le les los las".split())
# A qualifier in brackets tells homonyms apart ("Freiburg (Elbe)"); it is not the name.
_QUALIFIER = re.compile(r"\([^()]*\)")
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bf\u02be]")
_WORDS = re.compile(r"[a-z0-9]+")
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
# "Kilometre"/"Kilometer", "Centre"/"Center": British and American spellings.
_RE_ENDING = re.compile(r"([^aeiou])re\b")
_YEAR_SUFFIX = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=4096)
def place_key(name: str) -> str:
    """Return a transliteration-tolerant key: 'Al-Qa'im', 'Qaim' and 'Qaem' share one."""
    text = _APOSTROPHES.sub("", anyascii(_QUALIFIER.sub(" ", name)).lower())
    text = _RE_ENDING.sub(r"\1er", text)
    words = _WORDS.findall(text)
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    keys = []
    for word in words:
        word = word.replace("q", "k").replace("ph", "f")
        if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]  # -ah / -eh endings: "Rutbah" = "Rutba"
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: "Annah" = "Anah"
        # Vowels are the least stable part of a transliteration (ou/u/oo, ee/i, Qaem/Qaim).
        keys.append(_VOWEL_RUNS.sub("a", word))
    return " ".join(keys)


def same_place(predicted: str | None, gold_names: Iterable[str | None]) -> bool:
    """Return True when a predicted place name is one of the gold names, spelling aside."""
    if not predicted or not predicted.strip():
        return False
    key = place_key(predicted)
    if not key:
        return False
    for gold in gold_names:
        if not gold:
            continue
        # No fuzzy ratio on top of the key: it would make "Baghdadi" (a town) "Baghdad".
        if key == place_key(gold):
            return True
    return False


@lru_cache(maxsize=4096)
def actor_key(name: str) -> str:
    """Return an actor name without case, punctuation or '(2014-)'-style period suffixes."""
    text = _YEAR_SUFFIX.sub(" ", anyascii(name))
    text = _PUNCTUATION.sub(" ", text.casefold())
    return " ".join(text.split())


def same_actor(predicted: str | None, gold: str | None) -> bool:
    """Return True when two actor names agree; two missing actors agree too.

    A country qualifier present on one side only is ignored ("Islamic State" matches
    "Islamic State (Iraq)"), because that is a naming convention, not a different actor.
    """
    if not predicted or not predicted.strip():
        return not gold or not gold.strip()
    if not gold or not gold.strip():
        return False
    if actor_key(predicted) == actor_key(gold):
        return True
    bare_predicted = _TRAILING_PARENS.sub("", _YEAR_SUFFIX.sub("", predicted))
    bare_gold = _TRAILING_PARENS.sub("", _YEAR_SUFFIX.sub("", gold))
    one_side_only = (bare_predicted.strip() == predicted.strip()) != (
        bare_gold.strip() == gold.strip()
    )
    return one_side_only and actor_key(bare_predicted) == actor_key(bare_gold)


def same_label(predicted: str | None, gold: str | None) -> bool:
    """Return True when two category labels (event types) agree, ignoring case and spaces."""
    if not predicted or not gold:
        return not predicted and not gold
    return " ".join(predicted.casefold().split()) == " ".join(gold.casefold().split())
