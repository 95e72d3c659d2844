"""Week and month arithmetic of the capacity plan: Mondays, weekdays, month roll-up.

A week is identified by its Monday. A month roll-up splits each week's hours
across the months its five weekdays (Monday to Friday) fall in: the week of
Monday 29 September 2025 gives 2/5 of its hours to September and 3/5 to
October. Pure Python and NumPy; no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np

WEEKDAYS = 5
DAYS_IN_WEEK = 7


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def week_starts(start: date, weeks: int) -> list[date]:
    """``weeks`` consecutive Mondays from the Monday of ``start``."""
    first = monday_of(start)
    return [first + timedelta(weeks=n) for n in range(weeks)]


def shift_week(week: date, weeks: int) -> date:
    """The Monday ``weeks`` weeks later (earlier when negative)."""
    return week + timedelta(weeks=weeks)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def month_columns(weeks: list[date]) -> list[date]:
    """The first day of every month that a weekday of ``weeks`` falls in, in order."""
    months: list[date] = []
    for week in weeks:
        for offset in range(WEEKDAYS):
            month = first_of_month(week + timedelta(days=offset))
            if not months or months[-1] != month:
                months.append(month)
    return months


def month_split(weeks: list[date], months: list[date]) -> np.ndarray:
    """A ``weeks × months`` matrix: the share of each week's hours that falls in each month.

    Each row sums to 1; a week inside one month is 1.0 in that month's column,
    a straddling week is split by its weekdays (2/5 and 3/5, ...).
    """
    index = {month: n for n, month in enumerate(months)}
    split = np.zeros((len(weeks), len(months)), dtype=np.float64)
    for row, week in enumerate(weeks):
        for offset in range(WEEKDAYS):
            split[row, index[first_of_month(week + timedelta(days=offset))]] += 1.0 / WEEKDAYS
    return split


def weeks_of_month(month: date) -> list[date]:
    """The Mondays of the weeks that have at least one weekday in ``month``."""
    first = first_of_month(month)
    following = (first + timedelta(days=32)).replace(day=1)
    weeks: list[date] = []
    week = monday_of(first)
    while week < following:
        if any(first <= week + timedelta(days=d) < following for d in range(WEEKDAYS)):
            weeks.append(week)
        week += timedelta(weeks=1)
    return weeks


def share_of_week_in_month(week: date, month: date) -> float:
    """How much of ``week``'s hours (by weekdays) falls in ``month``."""
    first = first_of_month(month)
    days = sum(1 for d in range(WEEKDAYS) if first_of_month(week + timedelta(days=d)) == first)
    return days / WEEKDAYS


def month_span(first_month: date, months: int) -> tuple[date, int]:
    """``(start, weeks)`` of a query covering every weekday of ``months`` months.

    The first and last weeks may reach into the neighbouring months; the
    matrix then shows those neighbouring months partly (only the weeks asked for).
    """
    start = monday_of(first_of_month(first_month))
    month = first_of_month(first_month)
    for _ in range(months):
        month = (month + timedelta(days=32)).replace(day=1)
    last_day = month - timedelta(days=1)
    while last_day.weekday() >= WEEKDAYS:
        last_day -= timedelta(days=1)
    weeks = (monday_of(last_day) - start).days // DAYS_IN_WEEK + 1
    return start, weeks


def week_index(days: Iterable[object], start: date) -> np.ndarray:
    """The week number (0 = ``start``'s week) of each date (``date`` or ISO text) as an array."""
    values = np.array(list(days), dtype="datetime64[D]")
    offset = (values - np.datetime64(start, "D")).astype(np.int64)
    return np.floor_divide(offset, DAYS_IN_WEEK)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)
