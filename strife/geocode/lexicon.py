"""Word lists for place recognition: cues, common words that are also place names, titles.

The lists live in `strife/data/place_words.yaml` (month and weekday names come from
`strife/data/words.yaml`); this module loads them once, through `Resources.lexicons.places`,
and names them for the recogniser. All entries are name keys (lower case ASCII, see
:func:`strife.geocode.names.name_key`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from strife.datafiles import read_data
from strife.resources import Resources

DATA_FILE = "place_words.yaml"


@dataclass(frozen=True)
class PlaceWords:
    """The word lists of `place_words.yaml` (see the comments there for each one)."""

    never_places: frozenset[str]
    never_phrases: frozenset[str]
    common_words: frozenset[str]
    titles: frozenset[str]
    organisation_words: frozenset[str]
    feature_words: dict[str, str]
    generic_place_words: frozenset[str]
    place_prefixes: frozenset[str]
    connectors: frozenset[str]
    lower_articles: frozenset[str]


def load_place_words() -> PlaceWords:
    """Read the place word lists (use `Resources.lexicons.places`, which keeps them)."""
    text = read_data(DATA_FILE)
    data: dict[str, Any] = yaml.safe_load(text)
    words = Resources.lexicons.words
    calendar = words.lower(
        words.months, words.month_abbreviations, words.weekdays, words.weekday_abbreviations
    )

    def listed(key: str) -> frozenset[str]:
        return frozenset(str(data[key]).split())

    return PlaceWords(
        never_places=listed("never_places") | calendar,
        never_phrases=frozenset(str(p) for p in data["never_phrases"]),
        common_words=listed("common_words"),
        titles=listed("titles"),
        organisation_words=listed("organisation_words"),
        feature_words={str(k): str(v) for k, v in data["feature_words"].items()},
        generic_place_words=listed("generic_place_words"),
        place_prefixes=listed("place_prefixes"),
        connectors=listed("connectors"),
        lower_articles=listed("lower_articles"),
    )


_WORDS = Resources.lexicons.places
NEVER_PLACES = _WORDS.never_places
NEVER_PHRASES = _WORDS.never_phrases
COMMON_WORDS = _WORDS.common_words
TITLES = _WORDS.titles
ORGANISATION_WORDS = _WORDS.organisation_words
FEATURE_WORDS = _WORDS.feature_words
GENERIC_PLACE_WORDS = _WORDS.generic_place_words
PLACE_PREFIXES = _WORDS.place_prefixes
CONNECTORS = _WORDS.connectors
LOWER_ARTICLES = _WORDS.lower_articles
