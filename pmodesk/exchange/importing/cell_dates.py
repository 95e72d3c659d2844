"""Reading dates, weeks and reporting periods from cells.

A date column's day/month order comes from its own cells (15/4/2024 tells),
else from the sheet's other date columns, else from the import's options; a
date that could be read either way is refused with both readings named. Weeks
are read as their Monday; periods as ``YYYY-MM`` (or ``YYYY-Www``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pmodesk.exchange.importing.cell_base import (
    EARLIEST_SERIAL,
    CellError,
    ColumnContext,
    Reader,
    empty,
)
from pmodesk.exchange.importing.kinds import FieldSpec
from pmodesk.exchange.reading import (
    CellValue,
    DateOrder,
    clean_text,
    infer_date_order,
    parse_date,
    parse_number,
)

_MONTH_NAMES = {
    name: n
    for n, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_PERIOD_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")
_PERIOD_MY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_PERIOD_WEEK = re.compile(r"(\d{4})\s*-?\s*w\s*(\d{1,2})", re.I)
_PERIOD_NAME = re.compile(r"([a-z]+)\.?[\s,'-]*(\d{2}|\d{4})", re.I)


def date_order(ctx: ColumnContext) -> DateOrder | None:
    order = infer_date_order(ctx.sample)
    if order is not None:
        ctx.notes.append(
            "dates are read day-first, as the column shows (e.g. 15/4/2024)"
            if order == "dmy"
            else "dates are read month-first, as the column shows (e.g. 4/15/2024)"
        )
        return order
    return ctx.date_order


def date_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    order = date_order(ctx)
    date1904 = ctx.date1904

    def read(raw: CellValue) -> Any:
        if raw is None:
            return None
        if raw.__class__ is dt.date:
            return raw
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw < EARLIEST_SERIAL:
            raise CellError(f"the number {clean_text(raw)} is not a date")
        parsed = parse_date(raw, date1904=date1904, order_hint=order)
        if parsed.value is not None:
            return parsed.value
        if parsed.empty:
            return None
        if parsed.ambiguous:
            raise CellError(f"{parsed.note}; choose the date order (day-first or month-first)")
        raise CellError(parsed.note or "is not a date")

    return read


def datetime_reader(spec: FieldSpec, ctx: ColumnContext) -> Reader:
    as_date = date_reader(spec, ctx)

    def read(raw: CellValue) -> Any:
        if isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, str):
            try:
                return dt.datetime.fromisoformat(raw.strip())
            except ValueError:
                pass
        day = as_date(raw)
        return None if day is None else dt.datetime.combine(day, dt.time())

    return read


def week_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    order = date_order(ctx)
    first_week, date1904 = ctx.first_week, ctx.date1904
    moved: list[bool] = []

    def monday(day: dt.date) -> dt.date:
        if day.weekday() and not moved:
            moved.append(True)
            ctx.notes.append("dates that are not Mondays are read as the Monday of their week")
        return day - dt.timedelta(days=day.weekday())

    def read(raw: CellValue) -> Any:
        if empty(raw):
            return None
        if isinstance(raw, dt.datetime):
            return monday(raw.date())
        if isinstance(raw, dt.date):
            return monday(raw)
        if isinstance(raw, str) and (m := _PERIOD_WEEK.fullmatch(raw.strip())):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        number = (
            parse_number(raw).value if not isinstance(raw, str) or raw.strip().isdigit() else None
        )
        if number is not None and number.is_integer() and 1 <= number <= 60:
            if first_week is None:
                raise CellError("is a week number; give the date of week 1 to read week numbers")
            return monday(first_week) + dt.timedelta(weeks=int(number) - 1)
        parsed = parse_date(raw, date1904=date1904, order_hint=order)
        if parsed.value is not None:
            return monday(parsed.value)
        raise CellError(parsed.note or "is not a week")

    return read


def period_text(raw: CellValue, *, date1904: bool = False) -> str | None:
    """A reporting period ``YYYY-MM`` (or ``YYYY-Www``) from a date or text; None if none."""
    if isinstance(raw, dt.date):
        return f"{raw.year:04d}-{raw.month:02d}"
    if not isinstance(raw, str):
        parsed = parse_date(raw, date1904=date1904)
        return None if parsed.value is None else period_text(parsed.value)
    text = raw.strip()
    if m := _PERIOD_WEEK.fullmatch(text):
        return f"{int(m[1]):04d}-W{int(m[2]):02d}"
    for pattern, year_group, month_group in ((_PERIOD_ISO, 1, 2), (_PERIOD_MY, 2, 1)):
        if (m := pattern.fullmatch(text)) and 1 <= int(m[month_group]) <= 12:
            return f"{int(m[year_group]):04d}-{int(m[month_group]):02d}"
    if (m := _PERIOD_NAME.fullmatch(text)) and m[1].casefold() in _MONTH_NAMES:
        year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
        return f"{year:04d}-{_MONTH_NAMES[m[1].casefold()]:02d}"
    parsed = parse_date(text)
    if parsed.value is not None:
        return period_text(parsed.value)
    if parsed.candidates and parsed.candidates[0].month == parsed.candidates[1].month:
        return period_text(parsed.candidates[0])
    return None


def period_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    date1904 = ctx.date1904

    def read(raw: CellValue) -> Any:
        if empty(raw):
            return None
        period = period_text(raw, date1904=date1904)
        if period is None:
            raise CellError("is not a reporting period (write it as YYYY-MM, e.g. 2026-03)")
        return period

    return read


# ---------------------------------------------------------------- numbers
