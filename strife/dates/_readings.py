"""Readings: what one matched date expression means, before the publication-date checks.

Each ``_read_*`` function takes a regex match (from :mod:`strife.dates._patterns`) and a
:class:`Context` and returns a :class:`Reading`, or None when the match is not a usable
date expression ("May" without a cue, "next Monday", a year out of range). Relative
expressions are computed against ``Context.base``: the publication date, or a stand-in
when it is unknown (the finder then throws the range away and keeps only the precision).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from strife.dates._calendar import (
    ONE_DAY,
    add_months,
    month_day,
    month_end,
    most_recent_weekday,
    range_precision,
    week_start,
)
from strife.dates._lexicon import (
    APPROXIMATE_COUNTS,
    FULL_MONTHS,
    MONTH_PARTS,
    MONTHS,
    NUMBER_WORDS,
    WEEK_PARTS,
    WEEKDAY_NAME_AFTER,
    WEEKDAY_NAME_BEFORE,
    WEEKDAYS,
    YEAR_PARTS,
)
from strife.dates._patterns import sentence_start_before

# Used as "today" to size relative expressions when the publication date is unknown.
STAND_IN_BASE = date(2001, 6, 13)


@dataclass(frozen=True, slots=True)
class Context:
    """What every reading needs: the base date, whether it is real, the year window."""

    base: date
    published: date | None
    max_year: int


@dataclass(frozen=True, slots=True)
class Reading:
    """The range a date expression allows, before clipping at the publication date."""

    earliest: date
    latest: date
    precision: int
    relative: bool
    value: date | None = None  # the representative day; the range's middle when None
    shift_days: int | None = None  # "the previous day": days from the last day mentioned
    rejected: bool = False  # a date expression we recognise but drop ("next Monday", 2090)
    named_day: bool = False  # a calendar day without a year ("Sept. 27"): may be tomorrow


# Recognised but unusable: it still claims its span, so "Saturday" in "Saturday,
# September 21, 2090" is not read on its own.
REJECTED = Reading(STAND_IN_BASE, STAND_IN_BASE, 1, False, rejected=True)


Reader = Callable[[re.Match[str], Context], Reading | None]


def _words(text: str | None) -> list[str]:
    return (text or "").casefold().replace("-", " ").split()


def _part_key(text: str | None) -> str:
    """Turn "the end of ", "mid-", "the first half of " into "end", "mid", "first half"."""
    return " ".join(w for w in _words(text) if w not in ("the", "of", "in", "on"))


def _year_ok(year: int, context: Context) -> bool:
    return 1900 <= year <= context.max_year


def _number(word: str) -> tuple[int, bool] | None:
    """Return (count, approximate) for "two", "a few", "12"."""
    key = " ".join(word.casefold().split())
    if key.isdigit():
        return int(key), False
    count = NUMBER_WORDS.get(key)
    return None if count is None else (count, key in APPROXIMATE_COUNTS)


def _is_abbreviated(month_name: str) -> bool:
    return month_name.rstrip(".").title() not in FULL_MONTHS


def read_weekday(match: re.Match[str], context: Context) -> Reading | None:
    """Read "on Monday", "late on Wednesday", "last Friday", "overnight Sunday"."""
    weekday = WEEKDAYS.get(match.group("wd").casefold())
    prefix = _words(match.group("pre"))
    if weekday is None or prefix[:1] in (["next"], ["coming"]) or prefix[:2] == ["this", "coming"]:
        return REJECTED  # a plan, not a report
    if not prefix and _names_a_day(match):
        return None
    day = most_recent_weekday(
        context.base, weekday, strictly_before=prefix[:1] in (["last"], ["past"], ["previous"])
    )
    tod = (match.group("tod") or "").strip().casefold()
    if "overnight" in prefix or tod == "overnight":
        # "overnight Saturday": the night from Saturday into Sunday, told on the morning it
        # ends, as a bare "overnight" is told on the day it is reported.
        return Reading(day, day + ONE_DAY, 1, True, value=day + ONE_DAY)
    # The small hours of a day may still fall on the day before.
    night = "hours" in prefix
    return Reading(day - ONE_DAY if night else day, day, 1, True, value=day)


def _names_a_day(match: re.Match[str]) -> bool:
    """True for weekday names inside names: "Bloody Sunday", "the Sunday Times"."""
    text = match.string
    before = text[max(0, match.start("wd") - 12) : match.start("wd")].split()
    after = text[match.end("wd") : match.end("wd") + 12].split()
    return bool(
        (before and before[-1].casefold() in WEEKDAY_NAME_BEFORE)
        or (after and after[0].casefold().strip(".,;:") in WEEKDAY_NAME_AFTER)
    )


def read_relative_day(match: re.Match[str], context: Context) -> Reading | None:
    """Read "today", "yesterday", "overnight", "last night", "the previous day"."""
    kind = match.lastgroup
    found = match.group(0)
    # Title case mid-sentence is a name; ALL CAPS is a headline style.
    if (
        found[:1].isupper()
        and not found.isupper()
        and not sentence_start_before().search(
            match.string, max(0, match.start() - 3), match.start()
        )
    ):
        return None  # "USA Today", "Iraq Today": an outlet's name
    base = context.base
    if kind == "today":
        return Reading(base, base, 1, True)
    if kind == "yday":
        return Reading(base - ONE_DAY, base - ONE_DAY, 1, True)
    if kind == "dby":
        return Reading(base - 2 * ONE_DAY, base - 2 * ONE_DAY, 1, True)
    if kind == "lastnight":
        return Reading(base - ONE_DAY, base, 1, True, value=base - ONE_DAY)
    if kind == "overnight":
        return Reading(base - ONE_DAY, base, 1, True, value=base)
    shift = {"prevday": -1, "nextday": 1, "sameday": 0}.get(kind or "")
    if shift is None:
        return None
    day = base + timedelta(days=shift)
    return Reading(day, day, 1, True, shift_days=shift)


_COUNTED_TIMES = re.compile(r"(?i:\btimes?)\s+$")


def read_period(match: re.Match[str], context: Context) -> Reading | None:
    """Read "last week", "earlier this month", "late last year", "over the weekend"."""
    if _COUNTED_TIMES.search(match.string, max(0, match.start() - 16), match.start()):
        return None  # "for the third time this month": a count of occurrences, not a date
    base = context.base
    modifier = _part_key(match.group("mod"))
    if match.group("weekend"):
        return _weekend(base, last=False)
    if match.group("in"):
        unit, which = match.group("inunit").casefold(), "this"
        modifier = match.group("in").casefold()
    elif match.group("beforeunit"):
        unit, which = match.group("beforeunit").casefold(), "previous"
    else:
        unit = match.group("unit").casefold()
        words = _words(match.group("which"))
        which = words[-1]
        if which == "last" and "the" in words:
            which = "past"  # "the last week": the seven days before, not last calendar week
    if modifier == "later":
        return REJECTED  # "later this month": a plan
    if unit == "weekend":
        return _weekend(base, last=which in ("last", "previous", "preceding"))
    if unit not in ("week", "month", "year"):
        return None  # an odd case-fold of a unit word
    if which == "past":
        earliest = {
            "week": base - timedelta(days=7),
            "month": add_months(base, -1),
            "year": add_months(base, -12),
        }[unit]
        return Reading(earliest, base, 2 if unit == "week" else 3, True)
    previous = which in ("last", "previous", "preceding")
    if unit == "week":
        start = week_start(base) - timedelta(days=7 if previous else 0)
        first, last = WEEK_PARTS.get(modifier, (0, 6))
        earliest, latest = start + timedelta(days=first), start + timedelta(days=last)
    elif unit == "month":
        start = add_months(base.replace(day=1), -1 if previous else 0)
        first_day, last_day = MONTH_PARTS.get(modifier, (1, 31))
        earliest = month_day(start.year, start.month, first_day)
        latest = month_day(start.year, start.month, last_day)
    else:
        year = base.year - 1 if previous else base.year
        first_month, last_month = YEAR_PARTS.get(modifier, (1, 12))
        earliest, latest = date(year, first_month, 1), month_end(year, last_month)
    precision = range_precision(earliest, latest)
    if modifier == "earlier":
        latest = max(earliest, base - ONE_DAY)
    return Reading(earliest, latest, precision, True)


def _weekend(base: date, *, last: bool) -> Reading:
    saturday = most_recent_weekday(base, 5)
    if last and base.weekday() >= 5:
        saturday -= timedelta(days=7)  # "last weekend", said during a weekend
    return Reading(saturday, saturday + ONE_DAY, 2, True)


def read_recent(match: re.Match[str], context: Context) -> Reading | None:
    """Read "in the past two days", "over the last 24 hours", "in recent weeks"."""
    unit = (match.group("unit") or match.group("plural") or match.group("recentunit")).casefold()
    unit = unit.rstrip("s")
    if unit not in ("hour", "day", "week", "month", "year"):
        return None
    if match.group("n"):
        number = _number(match.group("n"))
        if number is None:
            return None
        count = number[0]
    else:
        count = 3  # "in recent days", "over the past weeks": a few
    base = context.base
    if unit == "hour":
        earliest = base - timedelta(days=max(1, -(-count // 24)))
        return Reading(earliest, base, 1 if count <= 24 else range_precision(earliest, base), True)
    earliest = {
        "day": base - timedelta(days=count),
        "week": base - timedelta(days=7 * count),
        "month": add_months(base, -count),
        "year": add_months(base, -12 * count),
    }[unit]
    precision = 1 if unit == "day" and count == 1 else range_precision(earliest, base)
    return Reading(earliest, base, precision, True)


_HALF_WIDTH_DAYS = {"day": 0, "week": 3, "month": 15, "year": 182, "decade": 1826}


def read_ago(match: re.Match[str], context: Context) -> Reading | None:
    """Read "two days ago", "over a year ago", "about a week ago"."""
    number = _number(match.group("n"))
    if number is None:
        return None
    count, approximate = number
    unit = match.group("unit").casefold().rstrip("s")
    if unit not in _HALF_WIDTH_DAYS:
        return None
    base = context.base
    if unit == "day":
        value = base - timedelta(days=count)
    elif unit == "week":
        value = base - timedelta(days=7 * count)
    else:
        value = add_months(base, -count * {"month": 1, "year": 12, "decade": 120}[unit])
    qualifier = " ".join(_words(match.group("q")))
    width = timedelta(days=_HALF_WIDTH_DAYS[unit])
    if qualifier in ("over", "more than", "just over", "at least"):
        earliest, latest = value - (base - value), value  # "over a year ago": one to two years
    elif qualifier in ("under", "less than", "nearly", "almost", "just under"):
        earliest, latest = value, value + max(width, ONE_DAY)
    else:
        if qualifier or approximate:
            width = max(width, ONE_DAY)
        earliest, latest = value - width, value + width
    if unit == "day":
        precision = 1 if earliest == latest else 2
    else:
        precision = 2 if unit == "week" else 3
    return Reading(earliest, latest, precision, True, value=value)


def read_month(match: re.Match[str], context: Context) -> Reading | None:
    """Read "in December", "late December", "mid-May 2015", "December last year"."""
    name = match.group("month")
    month = MONTHS.get(name.rstrip(".").casefold())
    cue = _words(match.group("cue"))[:1]
    modifier = _part_key(match.group("mod"))
    year_text, relative_year = match.group("year"), (match.group("rel") or "").casefold()
    if month is None or not (cue or modifier or year_text or relative_year):
        return None  # a bare month name is too often something else ("May", "March")
    if _is_abbreviated(name) and not year_text:
        return None
    first_day, last_day = MONTH_PARTS.get(modifier, (1, 31))
    base = context.base
    if year_text:
        year = int(year_text)
        if not _year_ok(year, context):
            return REJECTED
    elif relative_year:
        year = base.year - 1 if relative_year == "last" else base.year
    elif cue == ["last"]:
        year = base.year if month < base.month else base.year - 1
    elif cue == ["this"]:
        year = base.year
    else:
        # The most recent such month (part) that has begun by the base date.
        year = base.year if month <= base.month else base.year - 1
        if month_day(year, month, first_day) > base:
            year -= 1
    earliest, latest = month_day(year, month, first_day), month_day(year, month, last_day)
    return Reading(earliest, latest, range_precision(earliest, latest), not year_text)


def read_month_range(match: re.Match[str], context: Context) -> Reading | None:
    """Read "from July to December last year", "between March and May 2015"."""
    month1 = MONTHS.get(match.group("month1").rstrip(".").casefold())
    month2 = MONTHS.get(match.group("month2").rstrip(".").casefold())
    year1_text, year2_text = match.group("year1"), match.group("year2")
    relative_year = (match.group("rel") or "").casefold()
    if month1 is None or month2 is None:
        return None
    if not match.group("cue") and (match.group("to").strip() not in ("-", "–") or not year2_text):
        return None  # "May and June" alone is too weak a cue
    if not year2_text and (
        _is_abbreviated(match.group("month1")) or _is_abbreviated(match.group("month2"))
    ):
        return None
    base = context.base
    if year2_text:
        year2 = int(year2_text)
    elif relative_year:
        year2 = base.year - 1 if relative_year == "last" else base.year
    else:
        year2 = base.year if month2 <= base.month else base.year - 1
    year1 = int(year1_text) if year1_text else (year2 if month1 <= month2 else year2 - 1)
    if year2_text and not (_year_ok(year1, context) and _year_ok(year2, context)):
        return REJECTED
    first_day = MONTH_PARTS.get(_part_key(match.group("mod1")), (1, 31))[0]
    last_day = MONTH_PARTS.get(_part_key(match.group("mod2")), (1, 31))[1]
    earliest, latest = month_day(year1, month1, first_day), month_day(year2, month2, last_day)
    if earliest > latest:
        return None
    return Reading(earliest, latest, range_precision(earliest, latest), not year2_text)


def read_day(match: re.Match[str], context: Context) -> Reading | None:
    """Read "27 September 2017", "on Sept. 27", "the 5th of January", "June 26-27, 2016"."""
    month = MONTHS.get(match.group("month").rstrip(".").casefold())
    day = int(match.group("day").rstrip("stndrh"))
    day2_text = match.group("day2")
    day2 = int(day2_text.rstrip("stndrh")) if day2_text else day
    if month is None:
        return None
    year_text = match.group("year")
    weekday = WEEKDAYS.get((match.group("wd") or "").rstrip(".").casefold())
    if year_text:
        year = int(year_text)
        if not _year_ok(year, context):
            return REJECTED
        found: date | None = date(year, month, day)
    else:
        found = _recent_day(context.base, month, day, weekday)
    if found is None:
        return None
    earliest = found
    latest = earliest.replace(day=day2) if day < day2 <= 31 else earliest
    relative = not year_text
    precision = range_precision(earliest, latest)
    value = None
    period = (match.group("of") or "").casefold()
    if period == "month":
        value, precision = earliest, 3
        earliest, latest = earliest.replace(day=1), month_end(earliest.year, earliest.month)
    elif period == "week" or _words(match.group("cue"))[:1] in _APPROXIMATE_CUES:
        # "around 18 April 2022": ACLED codes the day with time_precision 2.
        value, precision = earliest, max(precision, 2)
        earliest, latest = earliest - 3 * ONE_DAY, latest + 3 * ONE_DAY
    return Reading(earliest, latest, precision, relative, value=value, named_day=relative)


_APPROXIMATE_CUES = (["around"], ["about"], ["approximately"], ["circa"], ["roughly"])


def _recent_day(base: date, month: int, day: int, weekday: int | None) -> date | None:
    """Return the latest (month, day) on or before base + 1 day, matching a weekday if given."""
    limit = base + ONE_DAY
    fallback: date | None = None
    for year in range(limit.year, limit.year - 8, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February in a common year
        if candidate > limit:
            continue
        if weekday is None or candidate.weekday() == weekday:
            return candidate
        fallback = fallback or candidate
    return fallback


def read_numeric(match: re.Match[str], context: Context) -> Reading | None:
    """Read "2017-09-27", "2017-09-27T08:44:00Z", "27/09/2017", "27.09.2017"."""
    if match.group("iy"):
        year, month, day = int(match.group("iy")), int(match.group("im")), int(match.group("id"))
        if not _year_ok(year, context):
            return REJECTED
        found = date(year, month, day)
        return Reading(found, found, 1, False)
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    if not _year_ok(year, context):
        return REJECTED
    readings: list[date] = []
    # Day first unless that is impossible or lies in the future and month-first does not.
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    found = readings[0]
    limit = context.base + ONE_DAY
    if context.published is not None and found > limit and readings[-1] <= limit:
        found = readings[-1]
    return Reading(found, found, 1, False)


def read_year(match: re.Match[str], context: Context) -> Reading | None:
    """Read "in 2014", "since 2014", "late 2015", "mid-2016", "the summer of 2014"."""
    if not (match.group("cue") or match.group("mod")):
        return None
    year = int(match.group("year"))
    if not _year_ok(year, context):
        return REJECTED
    first_month, last_month = YEAR_PARTS.get(_part_key(match.group("mod")), (1, 12))
    earliest, latest = date(year, first_month, 1), month_end(year, last_month)
    return Reading(earliest, latest, 3, False)


def read_year_range(match: re.Match[str], context: Context) -> Reading | None:
    """Read "from 2014 to 2016", "between 2003 and 2011"."""
    year1, year2 = int(match.group("year1")), int(match.group("year2"))
    if year1 >= year2:
        return None
    if not (_year_ok(year1, context) and _year_ok(year2, context)):
        return REJECTED
    return Reading(date(year1, 1, 1), date(year2, 12, 31), 3, False)
