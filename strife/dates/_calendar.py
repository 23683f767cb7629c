"""Small date arithmetic helpers (pure functions; may raise ValueError/OverflowError)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def month_end(year: int, month: int) -> date:
    """Return the last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_day(year: int, month: int, day: int) -> date:
    """Return a day of a month, clipping 31 to the month's real last day."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(day: date, months: int) -> date:
    """Move a date by whole months, clipping the day to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    return month_day(index // 12, index % 12 + 1, day.day)


def most_recent_weekday(base: date, weekday: int, *, strictly_before: bool = False) -> date:
    """Return the latest date with this weekday on (or strictly before) ``base``."""
    delta = (base.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return base - timedelta(days=delta)


def week_start(day: date) -> date:
    """Return the Monday of a date's week."""
    return day - timedelta(days=day.weekday())


def midpoint(earliest: date, latest: date) -> date:
    """Return the middle day of a range (the earlier one when there are two)."""
    return earliest + timedelta(days=(latest - earliest).days // 2)


def range_precision(earliest: date, latest: date) -> int:
    """Return ACLED's time_precision for a range: 1 one day, 2 up to 11 days, 3 longer."""
    days = (latest - earliest).days + 1
    if days <= 1:
        return 1
    return 2 if days <= 11 else 3
