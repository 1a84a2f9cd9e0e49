"""Partial ISO 8601 dates (YYYY, YYYY-MM, YYYY-MM-DD) and the days they can mean.

In: a date string with its real precision. Out: the earliest and latest calendar day it can mean,
or ValueError when it is not a partial date or not a real calendar date (2024-06-31); and how a
reader is shown it (date_label, precision_note), the same on the page and in TimelineJS.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=1 << 16)
def partial_date_interval(text: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a partial ISO date can mean: '2024-05' -> (2024-05-01, 2024-05-31).

    Raises ValueError when the text is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real calendar date."""
    match = PARTIAL_DATE.match(text)
    if not match:
        raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day_date = dt.date(year, month, day)  # raises ValueError for 2024-06-31
    return day_date, day_date


def precision(text: str) -> str:
    """'year', 'month' or 'day': how much a valid partial date says."""
    return {4: "year", 7: "month", 10: "day"}[len(text)]


def date_label(text: str) -> str:
    """'2024-05-04' -> '4 May 2024'; '2024-05' -> 'May 2024'; '2026' -> '2026'."""
    parts = text.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return text


def precision_note(text: str) -> str:
    """What a partial date does not say, for a reader: 'day not reported', 'month not reported' or ''."""
    return {"month": "day not reported", "year": "month not reported"}.get(precision(text), "") if text else ""
