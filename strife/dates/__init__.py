"""Dates: find date expressions in news text and resolve them against the publication date.

``find_dates(text, published)`` returns one :class:`DateMention` per expression ("on
Monday", "overnight", "late December", "in May 2015", "27 September 2017"), with ACLED's
time_precision, the range of days it allows, and whether it is background to the news.
``parse_date_string(line)`` reads a stand-alone date line for the cleaning stage.
"""

from strife.dates.find import DateMention, find_dates
from strife.dates.parse import parse_date_string

__all__ = ["DateMention", "find_dates", "parse_date_string"]
