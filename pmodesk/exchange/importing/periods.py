"""The period columns of a resource plan: weeks or months across, people down.

Headers may be dates (the Monday of each week, or any day of it), ISO weeks
("2026-W09"), week numbers ("1", "W1", "Week 1") counted from a given first
week, months ("Jan 2026", "2026-01", the 1st of each month), or days (one
column per day, weekends there or not). A month's hours are spread over the
weeks its weekdays fall in, in proportion to those weekdays, so that 160 hours
in March become about 36 hours a week; a week's days are added up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from pmodesk.exchange.reading import Column, parse_date

PeriodKind = Literal["weeks", "months", "week numbers", "days"]

_WEEK_NUMBER = re.compile(r"(?:w|wk|week|kw|sem|semaine)?\.?\s*(\d{1,2})", re.I)
_ISO_WEEK = re.compile(
    r"(\d{4})\s*[-/ ]?\s*w(?:k|eek)?\s*(\d{1,2})|w(?:k|eek)?\s*(\d{1,2})\s*[-/ ]\s*(\d{4})", re.I
)
_MONTH = re.compile(r"([a-z]+)\.?[\s,'-]*(\d{2}|\d{4})", re.I)
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_MONTHS = {
    name: n
    for n, names in enumerate(
        [("jan", "january", "janvier", "januar"), ("feb", "february", "fev", "februar"),
         ("mar", "march", "mars", "marz"), ("apr", "april", "avril"), ("may", "mai"),
         ("jun", "june", "juin", "juni"), ("jul", "july", "juil", "juli"),
         ("aug", "august", "aout"), ("sep", "sept", "september"), ("oct", "october", "okt", "oktober"),
         ("nov", "november"), ("dec", "december", "dez", "dezember")],
        start=1,
    )
    for name in names
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PeriodColumn:
    """One period column: its position among the table's columns and the period it holds."""

    position: int
    column: Column
    start: dt.date | None
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Periods:
    """The period columns of a sheet, all of one kind."""

    kind: PeriodKind
    columns: list[PeriodColumn]
    moved: bool = False

    @property
    def positions(self) -> frozenset[int]:
        return frozenset(p.position for p in self.columns)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _header_period(col: Column) -> tuple[str, dt.date | None, int | None] | None:
    """("date" | "month" | "iso week" | "number", date, week number) read from one header."""
    text = col.name.strip()
    if not text:
        return None
    if m := _ISO_WEEK.fullmatch(text):
        year, week = (m[1], m[2]) if m[1] else (m[4], m[3])
        try:
            return "iso week", dt.date.fromisocalendar(int(year), int(week), 1), None
        except ValueError:
            return None
    if (m := _YEAR_MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
        return "month", dt.date(int(m[1]), int(m[2]), 1), None
    if (m := _MONTH_YEAR.fullmatch(text)) and 1 <= int(m[1]) <= 12:
        return "month", dt.date(int(m[2]), int(m[1]), 1), None
    if (m := _MONTH.fullmatch(text)) and m[1].casefold() in _MONTHS:
        year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
        return "month", dt.date(year, _MONTHS[m[1].casefold()], 1), None
    if m := _WEEK_NUMBER.fullmatch(text):
        number = int(m[1])
        return ("number", None, number) if 1 <= number <= 60 else None
    parsed = parse_date(text)
    if parsed.value is not None:
        return "date", parsed.value, None
    return None


def find_periods(columns: Sequence[Column]) -> Periods | None:
    """The longest run of period columns of one kind, or None.

    Two dates or months make a plan; numbers need three (1, 2, 3) to be weeks.
    """
    found: list[tuple[int, Column, str, dt.date | None, int | None]] = []
    for position, col in enumerate(columns):
        period = _header_period(col)
        if period is not None:
            found.append((position, col, *period))
    best: Periods | None = None
    for kind in ("date", "month", "iso week", "number"):
        run = [f for f in found if f[2] == kind]
        if len(run) < (3 if kind == "number" else 2):
            continue
        periods = _as_periods(kind, run)
        if periods is not None and (best is None or len(periods.columns) > len(best.columns)):
            best = periods
    return best


def _as_periods(
    kind: str, run: list[tuple[int, Column, str, dt.date | None, int | None]]
) -> Periods | None:
    if kind == "number":
        numbers = [r[4] for r in run if r[4] is not None]
        if any(b <= a for a, b in pairwise(numbers)):
            return None
        cols = [PeriodColumn(p, c, None, n) for p, c, _k, _d, n in run]
        return Periods("week numbers", cols)
    dates = [r[3] for r in run if r[3] is not None]
    if any(b <= a for a, b in pairwise(dates)):
        return None
    if kind == "month":
        return Periods("months", [PeriodColumn(p, c, d) for p, c, _k, d, _n in run])
    if kind == "iso week":
        return Periods("weeks", [PeriodColumn(p, c, d) for p, c, _k, d, _n in run])
    steps = {(b - a).days for a, b in pairwise(dates)}
    if steps and all(s % 7 == 0 for s in steps):
        moved = any(d.weekday() for d in dates)
        cols = [PeriodColumn(p, c, monday(d)) for p, c, _k, d, _n in run if d is not None]
        return Periods("weeks", cols, moved)
    if steps and all(27 <= s <= 32 for s in steps) and all(d.day == 1 for d in dates):
        return Periods("months", [PeriodColumn(p, c, d) for p, c, _k, d, _n in run])
    if steps and all(1 <= s <= 3 for s in steps) and 1 in steps:
        # one column a day (a gap of two or three days is a weekend left out)
        return Periods("days", [PeriodColumn(p, c, d) for p, c, _k, d, _n in run])
    return None


def week_of_number(first_week: dt.date, number: int) -> dt.date:
    """The Monday of week ``number`` when week 1 starts on ``first_week``."""
    return monday(first_week) + dt.timedelta(weeks=number - 1)


def month_weeks(month: dt.date) -> list[tuple[dt.date, float]]:
    """The weeks of ``month`` with the share of the month's weekdays each holds (they sum to 1)."""
    from pmodesk.services.capacity.calendar import share_of_week_in_month, weeks_of_month

    weeks = [(w, share_of_week_in_month(w, month)) for w in weeks_of_month(month)]
    total = sum(share for _w, share in weeks)
    return [(w, share / total) for w, share in weeks if share > 0]


def month_week_days(month: dt.date) -> list[tuple[dt.date, float]]:
    """The weeks of ``month`` with the share of each week's weekdays inside the month."""
    from pmodesk.services.capacity.calendar import share_of_week_in_month, weeks_of_month

    return [(w, share_of_week_in_month(w, month)) for w in weeks_of_month(month)]
