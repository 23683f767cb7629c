"""Name keys: how place names are normalised for exact and transliteration-aware lookup.

Two keys are stored for every gazetteer name and computed for every span of text:

* the *key*: ASCII, lower case, apostrophes and dots removed, other punctuation turned into
  single spaces ("Al-Qa'im" -> "al qaim", "U.S." -> "us", "Ar Ruţbah" -> "ar rutbah");
* the *skeleton*: the key with Arabic articles dropped and the spelling differences of
  romanised Arabic, Persian, Kurdish or Pashto names folded together by general rules
  (doubled letters, q/k/g, ou/oo/u/aw, ee/i, e/i, o/u, y/i, -ah/-a/-eh, kh/gh/dh/th/sh), so that
  "Annah", "Anah" and "Anna"; "Qaem", "Qaim" and "Al-Qa'im"; "Heet" and "Hit"; "Rutba" and
  "Ar Rutbah" share one skeleton. Skeleton matches are weaker evidence than key matches.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Arabic definite articles as romanised in names ("Al Anbar", "Ar Rutbah", "Ash Sharqat"),
# plus the French/Spanish forms that GeoNames romanisations of Maghreb names use.
ARTICLES: frozenset[str] = frozenset(
    "al el ar er ad ed an en as es at et az ez ash esh adh ath ul il".split()
)

_APOSTROPHES = re.compile(r"[`'´‘’ʼʻʿʾ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ph", "f"))
_LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k", "e": "i", "o": "u", "y": "i", "j": "j"})
_DOUBLES = re.compile(r"(.)\1+")
_AW = re.compile(r"aw(?![aeiouy])")
_QU = re.compile(r"qu(?=[aeio])")
_ASSIMILATED = re.compile(r"^[ae]([tdrzsnl])\1(?=[a-z]{2})")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return the exact-match key of a name: ASCII, lower case, punctuation folded."""
    text = anyascii(name).lower()
    text = _APOSTROPHES.sub("", text).replace(".", "")
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def name_skeleton(key: str) -> str:
    """Return the transliteration-folded skeleton of a key made by :func:`name_key`."""
    tokens = key.split()
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        # An article assimilated into the next word: "Deir Ezzor" = "Deir ez-Zor".
        tokens = kept[:1] + [_ASSIMILATED.sub(r"\1", t) for t in kept[1:]] if kept else tokens
    text = "".join(tokens)
    # "w" after "a" is the same vowel as "u": "Hadramawt", "Hadramaut", "Hadramaout".
    text = _AW.sub("au", text)
    text = _QU.sub("q", text)  # "Quamishli" is Qamishli
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    # Final -ah/-eh/-ih are the same ending (ta marbuta) written three ways.
    text = re.sub(r"([aeiou])h$", r"\1", text)
    text = re.sub(r"e$", "a", text)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = text.translate(_LETTERS)
    return _DOUBLES.sub(r"\1", text)


def strip_article(key: str) -> str:
    """Return a key without its leading article ("al anbar" -> "anbar"), or the key itself."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and rest else key


def is_latin(name: str) -> bool:
    """Tell whether a name is written in Latin script (possibly with diacritics)."""
    for char in name:
        code = ord(char)
        if code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0x2B0 <= code < 0x370:
            continue
        if 0x2000 <= code <= 0x206F:  # general punctuation: quotes, dashes
            continue
        return False
    return any(c.isalpha() for c in name)
