"""Regular expressions that *find* date expressions; compiled once, on first use.

Each pattern has named groups read by the resolver in :mod:`strife.dates.find`. Month and
weekday names are case-sensitive (Title or UPPER case) so that "may", "march" and "sun" as
ordinary words never match; the small words around them ("on", "late", "last") are not.
Bare month names and bare years only count with a cue ("in May", "late 2015", "May 2015"):
the finder drops matches without one.
"""

from __future__ import annotations

import re
from functools import cache

from strife.dates._lexicon import (
    ABBREVIATED_MONTHS,
    ABBREVIATED_WEEKDAYS,
    FULL_MONTHS,
    FULL_WEEKDAYS,
    NUMBER_WORDS,
)

# Whitespace inside an expression may hold one line break (wrapped text) but not a blank
# line: "BY\n\nWed, 27 Sep 2017" is a byline above a date, not "by Wednesday".
_SPACE = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_SPACE_OPT = r"[^\S\n]*\n?[^\S\n]*"


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source.replace(r"\s+", _SPACE).replace(r"\s*", _SPACE_OPT))


def _cases(words: tuple[str, ...]) -> str:
    return "|".join(form for word in words for form in (word, word.upper()))


_MONTH_FULL = rf"(?:{_cases(FULL_MONTHS)})"
_MONTH_ABBR = rf"(?:{_cases(ABBREVIATED_MONTHS)})\.?"
# The negative look-ahead keeps "Mayor", "Marine", "Junior" and "Decree" out.
_MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})(?![A-Za-z])"
_WEEKDAY_FULL = rf"(?:{_cases(FULL_WEEKDAYS)})"
_WEEKDAY_ANY = rf"(?:{_WEEKDAY_FULL}|(?:{_cases(ABBREVIATED_WEEKDAYS)})\.?)(?![A-Za-z])"
_YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?"
# Years followed by a counted noun are numbers, not years ("in 2000 homes").
_NOT_A_COUNT = (
    r"(?!s\b|\s*(?:%|[-–/][0-9])|\s+(?i:people|persons|civilians|soldiers|troops|fighters|"
    r"militants|men|women|children|families|residents|refugees|homes|houses|km|kilomet|miles|"
    r"metres|meters|tonnes|tons|dollars|rounds|rockets|shells|members))"
)
_DAY_CUE = (
    r"(?P<cue>(?i:on|since|by|until|till|from|before|after|of|around|about|approximately|"
    r"circa|roughly)\s+)?"
)
# ACLED's notes say "Around 6 March 2022 (week of)" for week-precise dates.
_WEEK_OR_MONTH_OF = r"(?:\s*\((?P<of>(?i:week|month))\s+(?i:of)\))?"
_WEEKDAY_PREFIX = rf"(?:(?P<wd>{_WEEKDAY_ANY}),?\s+)?"
# Longest first, so that "a few" is tried before "a" and "seventeen" before "seven".
_NUMBER = (
    r"(?:[0-9]{1,3}|"
    + "|".join(w.replace(" ", r"\s+") for w in sorted(NUMBER_WORDS, key=len, reverse=True))
    + ")"
)


@cache
def weekday() -> re.Pattern[str]:
    """Match "on Monday", "late on Wednesday", "Monday's", "Sunday night", "last Friday"."""
    return _compile(
        r"(?<![A-Za-z])(?P<pre>(?i:in\s+the\s+(?:early\s+)?(?:hours|morning|afternoon|evening|"
        r"night)\s+of\s+|(?:late|early)\s+(?:on\s+)?|overnight\s+(?:on\s+|of\s+)?|"
        r"(?:on|since|by|until|till|from|before|after)\s+|(?:last|this|past|previous)\s+|"
        r"(?:next|coming|this\s+coming)\s+))?"
        rf"(?P<wd>{_WEEKDAY_FULL})(?![A-Za-z])(?:['’]s\b)?"
        r"(?P<tod>\s+(?i:morning|afternoon|evening|night|overnight)\b)?"
    )


@cache
def relative_day() -> re.Pattern[str]:
    """Match "today", "yesterday", "overnight", "last night", "the previous day" ..."""
    return _compile(
        r"(?<![A-Za-z])(?i:(?P<dby>the\s+day\s+before\s+yesterday)"
        r"|(?P<yday>yesterday(?:\s+(?:morning|afternoon|evening))?)"
        r"|(?P<today>(?:earlier\s+|later\s+)?today|tonight|this\s+(?:morning|afternoon|evening))"
        r"|(?P<lastnight>last\s+night)"
        r"|(?P<overnight>overnight)"
        r"|(?P<prevday>the\s+(?:previous|preceding|prior)\s+day|the\s+day\s+before|"
        # "the raid came a day after a bridge was blown up": the blast was the day before
        r"a\s+day\s+(?:earlier|before)|(?<=came )a\s+day\s+after|(?<=comes )a\s+day\s+after)"
        r"|(?P<nextday>the\s+(?:next|following)\s+day|a\s+day\s+later)"
        r"|(?P<sameday>the\s+same\s+day|(?:earlier|later)\s+(?:that|the\s+same)\s+day))"
        r"(?![A-Za-z])(?:['’]s\b)?"
    )


@cache
def period() -> re.Pattern[str]:
    """Match "last week", "earlier this month", "late last year", "the weekend" ..."""
    return _compile(
        r"(?<![A-Za-z])(?i:(?P<mod>earlier|later|early|late|mid|the\s+(?:end|beginning|start|"
        r"middle)\s+of)(?:\s+|-))?"
        r"(?i:(?P<which>(?:in\s+|during\s+|over\s+|within\s+)?(?:the\s+)?(?:last|this|past|"
        r"previous|preceding|current))\s+(?P<unit>weekend|week|month|year)"
        r"|(?P<in>earlier|later)\s+in\s+the\s+(?P<inunit>week|month|year)"
        r"|the\s+(?P<beforeunit>week|month|year)\s+before"
        r"|(?P<weekend>(?:over|at|during)\s+the\s+weekend))"
        r"(?![A-Za-z])(?:['’]s\b)?"
    )


@cache
def recent() -> re.Pattern[str]:
    """Match "in the past two days", "over the last 24 hours", "in recent weeks"."""
    return _compile(
        r"(?<![A-Za-z])(?i:(?:in|over|during|within|for)\s+(?:the\s+)?(?:past|last|previous)\s+"
        rf"(?:(?P<n>{_NUMBER})\s+(?P<unit>hours?|days?|weeks?|months?|years?)"
        r"|(?P<plural>hours|days|weeks|months|years))"
        r"|in\s+recent\s+(?P<recentunit>days|weeks|months|years))(?![A-Za-z])"
    )


@cache
def ago() -> re.Pattern[str]:
    """Match "two days ago", "over a year ago", "about a week ago"."""
    return _compile(
        r"(?<![A-Za-z])(?i:(?P<q>about|around|approximately|roughly|nearly|almost|some|"
        r"more\s+than|over|less\s+than|under|just\s+over|just\s+under|at\s+least)\s+)?"
        rf"(?i:(?P<n>{_NUMBER})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago)"
        r"(?![A-Za-z])"
    )


@cache
def month() -> re.Pattern[str]:
    """Match "in December", "late December", "mid-May 2015", "December last year"."""
    return _compile(
        r"(?<![A-Za-z])(?P<cue>(?i:in|since|during|by|until|till|through|throughout|before|"
        r"after|from|last|this|at)\s+)?"
        r"(?P<mod>(?i:(?:early|mid|late)(?:\s+|\s*-\s*)|the\s+(?:end|beginning|start|middle|"
        r"first\s+half|second\s+half|(?:first|second|third|fourth|last|final)\s+week)\s+of\s+))?"
        rf"{_MONTH}"
        rf"(?:,?\s+(?P<year>{_YEAR})|\s+(?P<rel>(?i:last|this))\s+(?i:year)\b)?"
    )


@cache
def month_range() -> re.Pattern[str]:
    """Match "from July to December last year", "between March and May 2015"."""
    month1 = _MONTH.replace("?P<month>", "?P<month1>")
    month2 = _MONTH.replace("?P<month>", "?P<month2>")
    return _compile(
        r"(?<![A-Za-z])(?P<cue>(?i:from|between)\s+)?"
        r"(?P<mod1>(?i:early|mid|late)(?:\s+|\s*-\s*))?"
        rf"{month1}(?:,?\s+(?P<year1>{_YEAR}))?"
        r"\s*(?P<to>(?i:to|and|until|till|through)\s|[-–])\s*"
        r"(?P<mod2>(?i:early|mid|late)(?:\s+|\s*-\s*))?"
        rf"{month2}(?:,?\s+(?P<year2>{_YEAR})|\s+(?P<rel>(?i:last|this))\s+(?i:year)\b)?"
    )


@cache
def day_month() -> re.Pattern[str]:
    """Match "27 September 2017", "the 5th of January", "Wed, 27 Sep 2017", "26-27 June"."""
    return _compile(
        rf"(?<![A-Za-z0-9.,]){_DAY_CUE}{_WEEKDAY_PREFIX}(?:(?i:the)\s+)?"
        rf"(?P<day>{_DAY})(?:\s*(?:-|–|(?i:to|and))\s*(?P<day2>{_DAY}))?"
        rf"\s+(?:(?i:of)\s+)?{_MONTH}(?:,?\s+(?P<year>{_YEAR}))?{_WEEK_OR_MONTH_OF}"
    )


@cache
def month_day() -> re.Pattern[str]:
    """Match "September 27, 2017", "on Sept. 27", "Saturday, September 21, 2024"."""
    return _compile(
        rf"(?<![A-Za-z0-9]){_DAY_CUE}{_WEEKDAY_PREFIX}{_MONTH}\s+(?P<day>{_DAY})"
        rf"(?:\s*[-–]\s*(?P<day2>{_DAY}))?"
        # "the March 14 Alliance" (Lebanon) is a coalition, not a date.
        r"(?!\s*(?:[0-9:]|(?i:alliance|movement|coalition|bloc)\b))"
        rf"(?:,?\s+(?P<year>{_YEAR}))?{_WEEK_OR_MONTH_OF}"
    )


@cache
def numeric() -> re.Pattern[str]:
    """Match ISO dates (with an optional time) and day/month/year numbers."""
    return _compile(
        r"(?<![0-9./-])(?:(?P<iy>(?:19|20)[0-9]{2})(?P<sep>[-/])(?P<im>[01]?[0-9])(?P=sep)"
        r"(?P<id>[0-3]?[0-9])(?:[T ](?P<time>[0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?"
        r"(?:Z|[+-][0-2][0-9]:?[0-5][0-9])?))?"
        r"|(?P<a>[0-3]?[0-9])(?P<sep2>[./])(?P<b>[01]?[0-9])(?P=sep2)(?P<y>(?:19|20)[0-9]{2}))"
        r"(?![0-9./]?[0-9])"
    )


@cache
def year() -> re.Pattern[str]:
    """Match "in 2014", "since 2014", "late 2015", "mid-2016", "the summer of 2014"."""
    return _compile(
        r"(?<![A-Za-z0-9])(?P<cue>(?i:in|since|during|by|until|till|through|throughout|before|"
        r"after|from|for|at|(?:much|most|part|all|the\s+rest|the\s+course)\s+of)\s+)?"
        r"(?P<mod>(?i:(?:early|mid|late)(?:\s+|\s*-\s*)|(?:the\s+)?(?:end|beginning|start|middle|"
        r"first\s+half|second\s+half)\s+of\s+|(?:the\s+)?(?:spring|summer|autumn|fall|winter)"
        r"(?:\s+of)?\s+))?"
        rf"(?P<year>{_YEAR}){_NOT_A_COUNT}"
    )


@cache
def year_range() -> re.Pattern[str]:
    """Match "from 2014 to 2016", "between 2003 and 2011", "in 2014-2016"."""
    return _compile(
        r"(?<![A-Za-z0-9])(?P<cue>(?i:from|between|in|during|since)\s+)"
        rf"(?P<year1>{_YEAR})\s*(?:(?i:to|and|until|till|through)\s+|[-–]\s*)"
        rf"(?P<year2>{_YEAR}){_NOT_A_COUNT}"
    )


@cache
def time_of_day() -> re.Pattern[str]:
    """Match a clock time: "08:44", "8:44 pm", "8 a.m.", "T08:44"."""
    return _compile(
        r"(?<![0-9])(?:[0-2]?[0-9]:[0-5][0-9](?![0-9])|(?:1[0-2]|0?[1-9])\s*(?i:[ap]\.?m\b\.?))"
    )


@cache
def sentence_start_before() -> re.Pattern[str]:
    """Match text that ends at the start of a sentence (used to read capitalised "Today")."""
    return re.compile(r"(?:^|[.!?:;\"“”‘’'(\[\n]\s*|\n)\s*$")


@cache
def dateline() -> re.Pattern[str]:
    """Match a news dateline opening a line: "CAIRO Oct 22 At ...", "MEXICO CITY, Dec 30 —",
    "KANO, Nigeria, March 3 (Reuters) -", "BASRA (AFP) 4 May -": an upper-case place, the
    day the story was filed (``month``/``day``, ``year`` when written), then its text."""
    return re.compile(
        r"(?m)^[^\S\n]*[A-Z][A-Z.'’ -]{2,40}(?:,[^\S\n]*[A-Z][A-Za-z. ]{2,30})?,?[^\S\n]+"
        r"(?:\([A-Za-z .]{2,30}\)[^\S\n]+)?"
        r"(?P<date>(?:(?P<month>[A-Z][a-z]{2,8})\.?[^\S\n]+(?P<day>[0-3]?[0-9])"
        r"|(?P<day2>[0-3]?[0-9])[^\S\n]+(?P<month2>[A-Z][a-z]{2,8}))"
        r"(?:,?[^\S\n]+(?P<year>(?:19|20)[0-9]{2}))?)(?![0-9])"
        r"(?=[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*(?:[-–—:]|[^\S\n]+[A-Z]))"
    )
