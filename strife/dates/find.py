"""Find date expressions in text and resolve them against the publication date.

Finding is done with our own regular expressions (:mod:`strife.dates._patterns`), not with
``dateparser.search_dates``, which is slow on whole articles and reads "of the 3rd" or
"On Monday afternoon, two" as dates. Resolving is plain date arithmetic: every expression
we find has a fixed meaning relative to the publication date, so no parser is needed.

Rules (see ``DateMention`` for the fields):

* Relative expressions ("Monday", "yesterday", "last week", "in December", "Sept. 27")
  resolve against ``published`` and never land after it: a bare weekday is the latest such
  day on or before ``published``, a bare month the latest such month that has begun.
* Without ``published`` they keep their precision but get no date at all, never a guess.
  Explicit dates ("27 September 2017", "May 2015", "in 2014") still resolve.
* Dates starting after ``published`` + 1 day (plans, typos) are dropped; ranges are clipped
  at ``published`` (``published`` + 1 day for explicit dates, to allow for time zones).
* ``background`` is True when the expression's latest possible day is more than 14 days
  (7 for an exact day)
  before ``published`` ("in May 2015", "since 2014", "over a year ago").
* "The previous day", "the next day", "the same day" count from the last day-precise date
  mentioned earlier in the same text (within about a paragraph), else from ``published``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from strife.dates import _patterns as patterns
from strife.dates import _readings as readings
from strife.dates._calendar import ONE_DAY, midpoint
from strife.dates._lexicon import MONTHS
from strife.dates._readings import Context, Reader, Reading

BACKGROUND_DAYS = 14  # "clearly before the article's news"
# A named day a week or more before publication ("On December 17" in a story of the 30th)
# is an earlier incident the story recalls, not its news.
BACKGROUND_DAYS_EXACT = 7
ANCHOR_REACH = 600  # characters: how far back "the previous day" looks for its day
_SPAN_EDGE = re.compile(r"(?i:since|until|till|by)\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text, with the dates it allows."""

    start: int  # offsets into the string passed to find_dates
    end: int
    text: str  # the expression as written: "on Monday", "overnight", "in May 2015"
    value: date | None  # resolved representative date (None when it cannot be resolved)
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month or longer
    earliest: date | None  # the range the expression allows ("late December" = 21..31)
    latest: date | None
    relative: bool  # True for "Monday", "yesterday", "last week"; False for "27 Sept 2017"
    background: bool  # clearly earlier than the article's news ("in May 2015")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    reading: Reading


@cache
def _readers() -> tuple[tuple[str, re.Pattern[str], Reader], ...]:
    """Each pattern with its reader and the family of trigger words that can start it."""
    return (
        ("weekday", patterns.weekday(), readings.read_weekday),
        ("day", patterns.relative_day(), readings.read_relative_day),
        ("period", patterns.period(), readings.read_period),
        ("recent", patterns.recent(), readings.read_recent),
        ("ago", patterns.ago(), readings.read_ago),
        ("month", patterns.month(), readings.read_month),
        ("month", patterns.month_range(), readings.read_month_range),
        ("month", patterns.day_month(), readings.read_day),
        ("month", patterns.month_day(), readings.read_day),
        ("year", patterns.numeric(), readings.read_numeric),
        ("year", patterns.year(), readings.read_year),
        ("year", patterns.year_range(), readings.read_year_range),
    )


# Speed: running a dozen patterns with optional leading cue words over a whole article
# costs ~2 ms, because the regex engine tries every cue at every position. Instead we find
# cheap trigger words with str.find on the lower-cased text, and run each pattern only in
# windows around its triggers; a window reaches far enough on both sides to hold the
# longest expression around its trigger ("just under a couple of days ago").
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "day": ("day", "night", "morning", "afternoon", "evening"),
    "period": ("week", "month", "year"),
    "recent": ("past", "last", "previous", "recent"),
    "ago": ("ago",),
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WINDOW_BEFORE = 60
_WINDOW_AFTER = 60


@cache
def _year_digits() -> re.Pattern[str]:
    return re.compile(r"(?:19|20)[0-9]{2}")


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per trigger family, the merged (start, end) windows worth scanning."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # Lower-casing changed the length ("İ"), so offsets would not line up: scan it all.
        return _whole(text)
    hits: dict[str, list[int]] = {}
    for family, words in _TRIGGERS.items():
        positions = hits.setdefault(family, [])
        for word in words:
            position = lowered.find(word)
            while position >= 0:
                if family != "month" or _is_month_token(lowered, position):
                    positions.append(position)
                position = lowered.find(word, position + 1)
    hits["weekday"] = [p for p in hits["day"] if lowered.endswith(_WEEKDAY_NAMES, 0, p + 3)]
    hits["year"] = [match.start() for match in _year_digits().finditer(text)]
    return {family: _merge(sorted(positions), len(text)) for family, positions in hits.items()}


def _whole(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return one window over the whole text for every family (the slow, sure way)."""
    return {family: [(0, len(text))] for family in (*_TRIGGERS, "weekday", "year")}


def _is_month_token(lowered: str, position: int) -> bool:
    """True when a month stem found by str.find starts a month name ("sept", not "market")."""
    if position > 0 and lowered[position - 1].isalpha():
        return False
    end = position + 3
    while end < len(lowered) and end - position < 10 and lowered[end].isalpha():
        end += 1
    return lowered[position:end] in MONTHS


def _merge(positions: list[int], length: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for position in positions:
        start, end = max(0, position - _WINDOW_BEFORE), min(length, position + _WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Find every date expression in a text and resolve it against the publication date."""
    if not text:
        return []
    context = Context(
        base=published or readings.STAND_IN_BASE,
        published=published,
        max_year=(published or date.today()).year + 1,
    )
    candidates = _candidates(text, context, _windows(text))
    filed = _dateline_dates(text)
    if filed:
        candidates = [c for c in candidates if not any(s <= c.start < e for s, e in filed)]
    mentions: list[DateMention] = []
    anchor: tuple[int, date] | None = None  # (end offset, day) of the last day-precise date
    for candidate in _without_overlaps(candidates):
        try:
            mention = _mention(text, candidate, context, anchor)
        except (ValueError, OverflowError):
            continue  # a date beyond the calendar's range (year 1 or 9999)
        if mention is None:
            continue
        mentions.append(mention)
        # "since March 2" opens a span: no day happened on it for "a day later" to follow.
        if (
            mention.precision == 1
            and mention.value is not None
            and not _SPAN_EDGE.match(mention.text)
        ):
            anchor = (mention.end, mention.value)
    return mentions


def _dateline_dates(text: str) -> list[tuple[int, int]]:
    """Return the spans of dates inside datelines: when a story was filed, not what it tells."""
    return [match.span("date") for match in patterns.dateline().finditer(text)]


def _candidates(
    text: str, context: Context, windows: dict[str, list[tuple[int, int]]]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for family, pattern, read in _readers():
        for window_start, window_end in windows[family]:
            for match in pattern.finditer(text, window_start, window_end):
                if match.end() == match.start():
                    continue
                try:
                    reading = read(match, context)
                except (ValueError, OverflowError):
                    continue  # 30 February, or arithmetic beyond year 1..9999
                if reading is not None:
                    found.append(_Candidate(match.start(), match.end(), reading))
    return found


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping matches ("on Monday, 14 March 2016" over "on Monday")."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in kept):
            kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return kept


def _mention(
    text: str, candidate: _Candidate, context: Context, anchor: tuple[int, date] | None
) -> DateMention | None:
    reading = candidate.reading
    if reading.rejected:
        return None
    start, end = candidate.start, candidate.end
    published = context.published
    if reading.relative and published is None:
        return DateMention(
            start, end, text[start:end], None, reading.precision, None, None, True, False
        )
    earliest, latest, value = reading.earliest, reading.latest, reading.value
    if reading.shift_days is not None and anchor is not None:
        if start - anchor[0] <= ANCHOR_REACH:
            earliest = latest = value = anchor[1] + timedelta(days=reading.shift_days)
    if published is not None:
        # Explicit and named days may be "tomorrow" for a reporter in another time zone.
        limit = _day_after(published) if reading.named_day or not reading.relative else published
        if earliest > limit:
            return None  # in the future of the article: a plan, or a misreading
        latest = min(latest, limit)
    value = min(max(value or midpoint(earliest, latest), earliest), latest)
    reach = BACKGROUND_DAYS_EXACT if earliest == latest else BACKGROUND_DAYS
    background = published is not None and latest < published - timedelta(days=reach)
    return DateMention(
        start,
        end,
        text[start:end],
        value,
        reading.precision,
        earliest,
        latest,
        reading.relative,
        background,
    )


def _day_after(day: date) -> date:
    return day if day == date.max else day + ONE_DAY
