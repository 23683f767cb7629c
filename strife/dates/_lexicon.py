"""Words of date expressions: month and weekday names, number words, modifiers.

Everything is keyed in lower case; callers look words up with ``.get`` so that an odd
Unicode case-fold (``re.IGNORECASE`` matches "ſ" for "s") never raises.
"""

from __future__ import annotations

FULL_MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# "May" has no abbreviation; "Sept" must come before "Sep" in a regex alternation.
ABBREVIATED_MONTHS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
FULL_WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
ABBREVIATED_WEEKDAYS: tuple[str, ...] = (
    "Mon",
    "Tues",
    "Tue",
    "Wed",
    "Thurs",
    "Thur",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
)

MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(FULL_MONTHS, start=1)},
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(FULL_WEEKDAYS)},
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# Counts in "two days ago", "the past three weeks". Vague words get a typical value and
# mark the expression as approximate (see APPROXIMATE_COUNTS).
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
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
