"""Parse a stand-alone date line ("Updated 27 September 2017", "Wed, 27 Sep 2017 - 08:44 GMT").

The cleaning stage uses this to spot publication dates. A line only counts when it is
(nearly) nothing but a date: once the date, a clock time and the usual filler words
("Updated", "Published", "GMT", "|") are taken out, at most a few words may remain (a
dateline's place, an outlet's name). Our own patterns read English dates; dateparser is
the fallback for other languages and odd formats, only on short lines that hold a year.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from strife.dates import _patterns as patterns
from strife.dates import _readings as readings
from strife.dates._readings import Context

MAX_LINE_CHARS = 120
MAX_OTHER_WORDS = 3
_FALLBACK_MAX_CHARS = 60
_FILLER = frozenset(
    "updated update published posted last modified first on at date dated created edited "
    "time gmt utc bst cet cest eet eest est edt cst cdt mst mdt pst pdt ast ist msk am pm".split()
)


@cache
def _other_words() -> re.Pattern[str]:
    return re.compile(r"[^\W\d_]{2,}")


@cache
def _year_anywhere() -> re.Pattern[str]:
    return re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


@cache
def _line_readers() -> tuple[tuple[re.Pattern[str], readings.Reader], ...]:
    return (
        (patterns.numeric(), readings.read_numeric),
        (patterns.day_month(), readings.read_day),
        (patterns.month_day(), readings.read_day),
    )


_DATE_PREFIX = re.compile(
    r"^(?:(?:last )?updated|published|posted|first published|date)\b\s*(?:on\b|at\b|:)?\s*",
    re.IGNORECASE,
)


def strip_date_prefix(line: str) -> str:
    """Return a date line without its "Updated"/"Published on" label."""
    return _DATE_PREFIX.sub("", line)


def parse_date_string(s: str) -> tuple[date, bool] | None:
    """Parse a line that is only a date; return (date, whether a time of day is given)."""
    line = " ".join(s.split())
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    return _parse_line(line, date.today().year + 1)


@lru_cache(maxsize=4096)
def _parse_line(line: str, max_year: int) -> tuple[date, bool] | None:
    # Absolute dates only, so any stand-in base date will do.
    context = Context(base=readings.STAND_IN_BASE, published=None, max_year=max_year)
    for pattern, read in _line_readers():
        for match in pattern.finditer(line):
            try:
                reading = read(match, context)
            except (ValueError, OverflowError):
                continue
            if reading is None or reading.relative:
                continue
            rest = line[: match.start()] + " " + line[match.end() :]
            if not _only_filler(rest):
                return None
            has_time = bool(match.groupdict().get("time")) or _has_time(rest)
            return reading.earliest, has_time
    if len(line) <= _FALLBACK_MAX_CHARS and _year_anywhere().search(line):
        return _parse_with_dateparser(line, max_year)
    return None


def _has_time(text: str) -> bool:
    return bool(patterns.time_of_day().search(text))


def _only_filler(text: str) -> bool:
    text = patterns.time_of_day().sub(" ", text)
    words = [w for w in _other_words().findall(text.lower()) if w not in _FILLER]
    return len(words) <= MAX_OTHER_WORDS


@cache
def _dateparser_settings() -> dict[str, Any]:
    return {
        # A fixed base: a line without a full date must not pick up today's day or month.
        "RELATIVE_BASE": datetime(2000, 1, 1),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
    }


def _parse_with_dateparser(line: str, max_year: int) -> tuple[date, bool] | None:
    import dateparser  # slow to import and to warm up: only for lines our patterns miss

    parsed = dateparser.parse(line, settings=_dateparser_settings())
    if parsed is None or not 1900 <= parsed.year <= max_year:
        return None
    return parsed.date(), _has_time(line)
