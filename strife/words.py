"""Calendar and number words from `strife/data/words.yaml` (months, weekdays, "forty")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from strife.datafiles import read_data

DATA_FILE = "words.yaml"


@dataclass(frozen=True)
class Words:
    """The shared word lists; names as written (capitalised), number words in lower case."""

    months: tuple[str, ...]  # January .. December, in order
    month_abbreviations: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday .. Sunday, in order
    weekday_abbreviations: tuple[str, ...]
    units: dict[str, int]  # "zero" .. "nineteen"
    tens: dict[str, int]  # "twenty" .. "ninety"
    scales: dict[str, int]  # "hundred", "thousand", "million"

    def lower(self, *lists: tuple[str, ...]) -> frozenset[str]:
        """Return the words of some of the lists above in lower case, as one set."""
        return frozenset(word.lower() for words in lists for word in words)


def load_words() -> Words:
    """Read the word lists shipped with the package (use `Resources.lexicons.words`)."""
    text = read_data(DATA_FILE)
    data: dict[str, Any] = yaml.safe_load(text)
    return Words(
        months=tuple(data["months"]),
        month_abbreviations=tuple(data["month_abbreviations"]),
        weekdays=tuple(data["weekdays"]),
        weekday_abbreviations=tuple(data["weekday_abbreviations"]),
        units={str(k): int(v) for k, v in data["units"].items()},
        tens={str(k): int(v) for k, v in data["tens"].items()},
        scales={str(k): int(v) for k, v in data["scales"].items()},
    )
