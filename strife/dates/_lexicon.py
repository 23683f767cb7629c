"""Words of date expressions: month and weekday names, number words, modifiers.

Month, weekday and number words come from ``strife/data/words.yaml`` (through
``Resources.lexicons.words``, shared with casualties and notes); the words only date
expressions use (parts of a month, "a few", "Bloody Sunday") are kept here.
Everything is keyed in lower case; callers look words up with ``.get`` so that an odd
Unicode case-fold (``re.IGNORECASE`` matches "ſ" for "s") never raises.
"""

from __future__ import annotations

from strife.resources import Resources

_WORDS = Resources.lexicons.words
FULL_MONTHS: tuple[str, ...] = _WORDS.months
# Longest first, so that a regex alternation tries "Sept" before "Sep".
ABBREVIATED_MONTHS: tuple[str, ...] = tuple(
    sorted(_WORDS.month_abbreviations, key=len, reverse=True)
)
FULL_WEEKDAYS: tuple[str, ...] = _WORDS.weekdays
ABBREVIATED_WEEKDAYS: tuple[str, ...] = tuple(
    sorted(_WORDS.weekday_abbreviations, key=len, reverse=True)
)


def _numbered(full: tuple[str, ...], abbreviations: tuple[str, ...], start: int) -> dict[str, int]:
    """Map each name and abbreviation, lower case, to its number ("sept" -> 9)."""
    numbers = {name.lower(): n for n, name in enumerate(full, start=start)}
    for short in abbreviations:
        numbers[short.lower()] = next(
            n for name, n in numbers.items() if name.startswith(short.lower())
        )
    return numbers


MONTHS: dict[str, int] = _numbered(FULL_MONTHS, ABBREVIATED_MONTHS, 1)
WEEKDAYS: dict[str, int] = _numbered(FULL_WEEKDAYS, ABBREVIATED_WEEKDAYS, 0)

# Counts in "two days ago", "the past three weeks": the number words of words.yaml plus
# the vague words of time spans, which get a typical value and mark the expression as
# approximate (see APPROXIMATE_COUNTS).
NUMBER_WORDS: dict[str, int] = {
    **_WORDS.units,
    **_WORDS.tens,
    "a": 1,
    "an": 1,
    "a few": 3,
    "few": 3,
    "several": 3,
    "a couple of": 2,
    "couple of": 2,
}
APPROXIMATE_COUNTS: frozenset[str] = frozenset({"a few", "few", "several"})

# Parts of a month as (first day, last day); 31 stands for "the month's last day".
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
    "first half": (1, 15),
    "second half": (16, 31),
    "first week": (1, 7),
    "second week": (8, 14),
    "third week": (15, 21),
    "fourth week": (22, 28),
    "last week": (25, 31),
    "final week": (25, 31),
}
# Parts of a year as (first month, last month).
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4),
    "beginning": (1, 4),
    "start": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (9, 12),
    "first half": (1, 6),
    "second half": (7, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (1, 2),  # "winter 2016" read as its January-February part
}
# Parts of a week as (first weekday, last weekday), Monday = 0.
WEEK_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 2),
    "beginning": (0, 2),
    "start": (0, 2),
    "mid": (1, 3),
    "middle": (1, 3),
    "late": (3, 6),
    "end": (3, 6),
}

# Words before or after a weekday that make it a name, not a date ("Bloody Sunday",
# "the Sunday Times").
WEEKDAY_NAME_BEFORE: frozenset[str] = frozenset(
    {"bloody", "black", "good", "palm", "easter", "ash", "holy", "super", "maundy", "shrove"}
)
WEEKDAY_NAME_AFTER: frozenset[str] = frozenset(
    {"times", "telegraph", "mail", "express", "mirror", "herald", "post", "tribune", "star"}
)
