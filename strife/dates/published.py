"""Publication dates: every date a page offers, each checked against the story it dates.

Candidates, each with its source and a prior weight (how often that source is the date of
publication rather than of something else):

* ``url``: ``/2019/03/14/``, ``/2019/mar/14/``, ``-20190314``, ``?date=2019-03-14``;
  ``url:id`` for a date packed into an article number (``...KCN0J91QR20141125``) or a
  millisecond timestamp (``...1719164627126``), which are weaker.
* ``html``: the page's date metadata (``<meta property="article:published_time">`` and
  the like), read by htmldate without guessing from the page's text.
* ``text:updated`` ("Published 14 March 2019"), ``text:timestamp`` (a date with a clock
  time under the headline or in a byline), ``text:store`` (a leading ``date 2019-03-14``
  that a page store puts in front of a page), ``text:page`` (a bare date above the
  headline: often the day the page was crawled), ``text:bare`` (a bare date under it),
  ``text:dateline`` ("KANO, March 3:" takes its year from the other candidates),
  ``text:embed`` (the latest embedded social-media post: "(@handle) January 8, 2023").

Checks against the text (a failing candidate is rejected, and the reason recorded):

* never in the future; a weekday printed with the date must be that date's weekday;
* weekday words ("on Saturday", "Friday's attack") must land at most 3 days before it:
  news is told within days, and a crawl date lands anywhere;
* an embedded post's day needs a weekday of the story on it or the day before;
* no year the story tells of in the past may come after it; and a weak candidate (a page
  or store date) two years or more after the latest year the story speaks of is a crawl
  date, unless a weekday of the story falls on it or the day before;
* candidates more than a day apart from the chosen one are rejected as disagreeing.

The best-supported day wins: weights of candidates that agree add up, so the source is
recorded as all of them ("url+text:timestamp") and :func:`confidence` reads it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

from strife.dates import _patterns as patterns
from strife.dates import _readings as readings
from strife.dates._lexicon import MONTHS, WEEKDAYS
from strife.dates._readings import Context

# How often each source is the publication date when the text does not object.
WEIGHTS: dict[str, float] = {
    "metadata": 1.0,
    "record": 1.0,
    "url": 0.9,
    "html": 0.85,
    "text:updated": 0.85,
    "text:timestamp": 0.8,
    "text:dateline": 0.7,
    "url:id": 0.5,
    "text:store": 0.6,
    "text:bare": 0.5,
    "text:page": 0.4,
    "text:embed": 0.3,
}
EMBED_SOURCE = "text:embed"  # the latest social-media post a page embeds
# Printed date banners: as often the day a page was crawled or viewed as its own date.
WEAK_SOURCES = frozenset({"text:page", "text:bare"})
WEEKDAY_REACH_DAYS = 3  # "on Friday" in a Monday paper; more is a week-old story or a crawl
CRAWL_YEARS = 2  # a weak date this many years after the story's latest year is suspect
_EARLIEST = date(1990, 1, 1)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One date a page offers as its publication date."""

    day: date
    source: str
    text: str  # what was read, for the problem message
    weekday: int | None = None  # the weekday printed next to the date, when there is one


@dataclass(frozen=True, slots=True)
class Decision:
    """The chosen publication date (or none) and every candidate rejected, with why."""

    day: date | None
    source: str | None
    rejected: tuple[tuple[Candidate, str], ...] = ()


def confidence(source: str | None) -> float:
    """Return how sure a publication date is, in [0, 1], from its recorded source(s)."""
    if not source:
        return 0.0
    return min(1.0, sum(WEIGHTS.get(part, 0.3) for part in source.split("+")))


# --------------------------------------------------------------------------- the URL

_MONTH_WORDS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"


@cache
def _url_patterns() -> tuple[re.Pattern[str], ...]:
    sep = r"[/_.-]"
    return (
        # /2019/03/14/ or -2019-03-14- or /2019/mar/14/
        re.compile(
            rf"(?<![0-9])(?P<y>(?:19|20)[0-9]{{2}}){sep}(?P<m>0?[1-9]|1[0-2]|{_MONTH_WORDS})"
            rf"{sep}(?P<d>0?[1-9]|[12][0-9]|3[01])(?![0-9])",
            re.IGNORECASE,
        ),
        # ?date=2019-03-14, &pubdate=20190314
        re.compile(
            r"[?&](?:date|pubdate|published|d)=(?P<y>(?:19|20)[0-9]{2})-?(?P<m>[01][0-9])-?"
            r"(?P<d>[0-3][0-9])",
            re.IGNORECASE,
        ),
    )


@cache
def _url_compact() -> re.Pattern[str]:
    # 20141125 (optionally with hhmm) closing a run of digits in an article number.
    return re.compile(
        r"(?P<y>20[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])"
        r"(?:[01][0-9]|2[0-3])?(?:[0-5][0-9])?(?![0-9])"
    )


@cache
def _url_epoch() -> re.Pattern[str]:
    # A Unix time in milliseconds closing an article number (13 digits starting 1).
    return re.compile(r"(?P<ms>1[0-9]{12})(?![0-9])")


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.casefold()]


def url_candidates(url: str | None, today: date) -> list[Candidate]:
    """Return the publication dates a URL spells out (none when it has no date)."""
    if not url:
        return []
    found: list[Candidate] = []
    path = url.split("://", 1)[-1]
    for pattern in _url_patterns():
        for match in pattern.finditer(path):
            day = _safe_date(int(match["y"]), _month_number(match["m"]), int(match["d"]))
            if day is not None and _EARLIEST <= day <= today:
                found.append(Candidate(day, "url", match.group(0)))
    if found:
        return found
    for match in _url_compact().finditer(path):
        day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
        if day is not None and _EARLIEST <= day <= today:
            found.append(Candidate(day, "url:id", match.group(0)))
    for match in _url_epoch().finditer(path):
        moment = datetime.fromtimestamp(int(match["ms"]) / 1000, tz=UTC).date()
        if _EARLIEST <= moment <= today:
            found.append(Candidate(moment, "url:id", match.group(0)))
    return found


def url_month(url: str | None) -> tuple[int, int] | None:
    """Return (year, month) when a URL's path holds only a year and month (``/2021/02/``)."""
    if not url:
        return None
    match = re.search(r"/((?:19|20)[0-9]{2})/(0[1-9]|1[0-2])/", url)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- HTML


def html_candidates(html: str | None, url: str | None, today: date) -> list[Candidate]:
    """Return the publication date in a page's HTML metadata (htmldate, no text guessing)."""
    if not html:
        return []
    from htmldate import find_date  # imported here: text-only runs should not pay for it

    found = find_date(
        html,
        url=url,
        original_date=True,
        extensive_search=False,
        outputformat="%Y-%m-%d",
        max_date=today.isoformat(),
    )
    if not found:
        return []
    day = date.fromisoformat(found[:10])
    return [Candidate(day, "html", found)] if _EARLIEST <= day <= today else []


# --------------------------------------------------------------------------- the text

# A page store's own record of the page's date, put in front of the first line.
STORE_PREFIX = re.compile(r"^\s*date\s+(?P<iso>(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9])\s+")


@cache
def _full_date_readers() -> tuple[tuple[re.Pattern[str], readings.Reader], ...]:
    return (
        (patterns.numeric(), readings.read_numeric),
        (patterns.day_month(), readings.read_day),
        (patterns.month_day(), readings.read_day),
    )


def full_dates(line: str, max_year: int) -> list[tuple[int, int, date, int | None]]:
    """Return every date with a year in a line: (start, end, day, printed weekday)."""
    context = Context(base=readings.STAND_IN_BASE, published=None, max_year=max_year)
    found: list[tuple[int, int, date, int | None]] = []
    for pattern, read in _full_date_readers():
        for match in pattern.finditer(line):
            try:
                reading = read(match, context)
            except (ValueError, OverflowError):
                continue
            if reading is None or reading.rejected or reading.relative:
                continue
            if reading.precision != 1:
                continue
            if any(s < match.end() and match.start() < e for s, e, _, _ in found):
                continue
            weekday_text = match.groupdict().get("wd") or ""
            weekday = WEEKDAYS.get(weekday_text.rstrip(".").casefold())
            found.append((match.start(), match.end(), reading.earliest, weekday))
    return found


def timestamp_candidates(
    header: Iterable[str], today: date, limit_words: int = 16
) -> list[Candidate]:
    """Return dates followed by a clock time in the short lines of a page's header.

    "Melinda Barton | 18 February, 2018, 02:49", "Outlet | 09 Sep 2018, 12:25 pm" and a
    headline run into "June 23, 2024 18:54" are bylines and stamps, whatever else the line
    holds; a long line is a paragraph, whose dates belong to the story.
    """
    found: list[Candidate] = []
    for line in header:
        if len(line.split()) > limit_words:
            continue
        for start, end, day, weekday in full_dates(line, today.year + 1):
            after = line[end : end + 14]
            if patterns.time_of_day().search(after) and day <= today:
                found.append(Candidate(day, "text:timestamp", line[start:end], weekday))
    return found


def dateline_candidates(paragraphs: Sequence[str], years: Iterable[date]) -> list[Candidate]:
    """Return a dateline's month and day, dated by the nearest other candidate's year."""
    anchors = sorted(set(years))
    for paragraph in paragraphs[:3]:
        match = patterns.dateline().match(paragraph)
        if match is None or match["year"]:
            continue  # a dateline with its year is a full date, read with the others
        month = MONTHS.get((match["month"] or match["month2"]).casefold())
        if month is None or not anchors:
            return []
        best: date | None = None
        for anchor in anchors:
            for year in (anchor.year - 1, anchor.year, anchor.year + 1):
                day = _safe_date(year, month, int(match["day"] or match["day2"]))
                if day is None:
                    continue
                if best is None or abs((day - anchor).days) < abs((best - anchor).days):
                    best = day
        if best is not None and min(abs((best - a).days) for a in anchors) <= 7:
            return [Candidate(best, "text:dateline", match.group(0).strip())]
        return []
    return []


# --------------------------------------------------------------------------- checks


@cache
def _future_words() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:will|would|plans?|planned|scheduled|due|next|expected|expects|until|by|"
        r"target|aims?|before|ahead|upcoming|to be held)\b",
        re.IGNORECASE,
    )


@cache
def _year_word() -> re.Pattern[str]:
    # Not "1900 GMT" (a clock time) nor "2000-3000" (a range of numbers).
    return re.compile(
        r"(?<![0-9A-Za-z$£€.,/:-])(?:19|20)[0-9]{2}"
        r"(?![0-9%:]|\s*(?:-|–)\s*[0-9]|\s*(?:GMT|UTC|hrs|hours|local)\b)"
    )


_SENTENCE = re.compile(r"[^.!?\n]+")


def story_years(text: str, max_year: int) -> list[int]:
    """Return the years a story tells of in the past (sentences about plans left out)."""
    years: list[int] = []
    for sentence in _SENTENCE.finditer(text):
        words = _year_word().findall(sentence.group(0))
        if not words or _future_words().search(sentence.group(0)):
            continue
        years.extend(y for y in map(int, words) if 1900 <= y <= max_year)
    return years


def weekday_mentions(text: str) -> list[int]:
    """Return the weekdays the story names as days of its news ("on Friday", "Monday's")."""
    days: list[int] = []
    for match in patterns.weekday().finditer(text):
        prefix = (match.group("pre") or "").strip().casefold()
        if prefix.startswith(("next", "coming", "this coming", "since", "until", "till", "by")):
            continue
        day = WEEKDAYS.get(match.group("wd").casefold())
        if day is not None:
            days.append(day)
    return days


def _weekday_gaps(day: date, weekdays: Sequence[int]) -> list[int]:
    """Days from each named weekday back to `day` (0 = the same day)."""
    return [(day.weekday() - w) % 7 for w in weekdays]


def objection(
    candidate: Candidate, weekdays: Sequence[int], years: Sequence[int], today: date
) -> str | None:
    """Return why the text cannot have been published on the candidate's day, or None."""
    day = candidate.day
    if day > today:
        return f"{day.isoformat()} is in the future"
    if candidate.weekday is not None and candidate.weekday != day.weekday():
        return f"{candidate.text!r} names a weekday that {day.isoformat()} was not"
    reasons: list[str] = []
    gaps = _weekday_gaps(day, weekdays)
    if gaps and min(gaps) > WEEKDAY_REACH_DAYS:
        reasons.append(
            f"the story's weekdays fall {min(gaps)} or more days before "
            f"{day.strftime('%A')} {day.isoformat()}"
        )
    later = [y for y in years if y > day.year]
    if later:
        reasons.append(f"the story tells of {max(later)} in the past, after {day.isoformat()}")
    if candidate.source == EMBED_SOURCE and not any(gap <= 1 for gap in gaps):
        reasons.append(
            "an embedded post only shows the page is no older than it, and no weekday of the "
            f"story falls on {day.isoformat()} or the day before"
        )
    if candidate.source in WEAK_SOURCES and years:
        latest = max(years)
        supported = any(gap <= 1 for gap in gaps)
        if day.year - latest >= CRAWL_YEARS and not supported:
            reasons.append(
                f"{day.isoformat()} is {day.year - latest} years after {latest}, the latest "
                "year the story speaks of, and no weekday of the story falls on it or the "
                "day before: a crawl or page date"
            )
    return "; ".join(reasons) or None


def choose(candidates: Sequence[Candidate], text: str, today: date) -> Decision:
    """Check every candidate against the text and pick the best-supported day."""
    if not candidates:
        return Decision(None, None)
    weekdays = weekday_mentions(text)
    years = story_years(text, today.year + 1)
    rejected: list[tuple[Candidate, str]] = []
    kept: list[Candidate] = []
    for candidate in candidates:
        reason = objection(candidate, weekdays, years, today)
        if reason is None:
            kept.append(candidate)
        else:
            rejected.append((candidate, reason))
    if not kept:
        return Decision(None, None, tuple(rejected))
    support: dict[date, float] = {}
    sources: dict[date, list[str]] = {}
    for candidate in kept:
        if candidate.source not in sources.setdefault(candidate.day, []):
            sources[candidate.day].append(candidate.source)
            support[candidate.day] = support.get(candidate.day, 0.0) + WEIGHTS.get(
                candidate.source, 0.3
            )
    best = max(support, key=lambda d: (support[d], d))
    for candidate in kept:
        if abs((candidate.day - best).days) > 1:
            reason = f"disagrees with {best.isoformat()} from {'+'.join(sorted(sources[best]))}"
            rejected.append((candidate, reason))
    return Decision(best, "+".join(sorted(sources[best])), tuple(rejected))


@cache
def _embed_signature() -> re.Pattern[str]:
    # "— Jane Doe (@janedoe) January 8, 2023": how an embedded social-media post signs off.
    return re.compile(
        r"\(@\w{1,30}\)[^\S\n]+(?P<date>[A-Z][a-z]{2,8}\.?[^\S\n]+[0-3]?[0-9],[^\S\n]*(?:19|20)[0-9]{2})"
    )


def embed_candidates(lines: Iterable[str], today: date) -> list[Candidate]:
    """Return the day of the latest post a page embeds: the page is no older than it.

    Weak on its own (a page may quote an old post), so :func:`objection` asks a weekday of
    the story to fall on it or the day before.
    """
    from strife.dates.parse import parse_date_string

    days: list[tuple[date, str]] = []
    for line in lines:
        for match in _embed_signature().finditer(line):
            parsed = parse_date_string(match.group("date"))
            if parsed is not None and parsed[0] <= today:
                days.append((parsed[0], match.group(0)))
    if not days:
        return []
    day, text = max(days)
    return [Candidate(day, "text:embed", text)]


def today_utc() -> date:
    """Return today's date in UTC plus one day (a page from a later time zone is not future)."""
    return datetime.now(tz=UTC).date() + timedelta(days=1)


def page_candidates(
    *,
    url: str | None,
    html: str | None,
    header: Sequence[str],
    date_lines: Sequence[tuple[str, str]],
    dateline_date: str | None,
    paragraphs: Sequence[str],
    store_date: date | None,
    earlier: Candidate | None,
    today: date,
) -> list[Candidate]:
    """Gather every publication-date candidate a page offers, from the URL to the dateline."""
    from strife.dates.parse import parse_date_string, strip_date_prefix

    found = [*url_candidates(url, today), *html_candidates(html, url, today)]
    if earlier is not None:
        found.append(earlier)
    if store_date is not None:
        found.append(Candidate(store_date, "text:store", f"date {store_date.isoformat()}"))
    for kind, line in date_lines:
        if kind == "body":
            continue  # deep in the story a date belongs to the story, not to the page
        parsed = parse_date_string(strip_date_prefix(line))
        if parsed is not None:
            dated = full_dates(line, today.year + 1)
            weekday = dated[0][3] if dated else None
            found.append(Candidate(parsed[0], f"text:{kind}", line, weekday))
    if dateline_date:
        parsed = parse_date_string(dateline_date)
        if parsed is not None:
            found.append(Candidate(parsed[0], "text:dateline", dateline_date))
    found.extend(timestamp_candidates(header, today))
    found.extend(embed_candidates([*paragraphs, *(line for _, line in date_lines)], today))
    anchors = [c.day for c in found]
    month = url_month(url)
    if month is not None:
        anchors.append(date(month[0], month[1], 15))
    if not dateline_date:
        found.extend(dateline_candidates(paragraphs, anchors))
    return found
