"""Reading the values people type into spreadsheets: empty markers, text, dates, durations.

Every parser takes a raw cell value (as read by :mod:`workbook`: text, number,
date, ...) and returns a small result that says what was read, whether the cell
was empty (blank, ``TBD``, ``n/a``, ``-`` ...), and a note a person can read when
the value could not be read or was read with an assumption. Nothing here guesses
silently: a date such as ``04/05/2024`` is reported as ambiguous unless the
caller passes the order found for the whole column (:func:`infer_date_order`).
Numbers, percentages and money are read by :mod:`numbers`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pmodesk.exchange.reading.tables import CellValue

DateOrder = Literal["dmy", "mdy"]
#: How a column writes its numbers: "dot decimal" is 1,234.5; "comma decimal" is 1.234,5.

#: Text that means "no value" in a cell (compared case-insensitively, spaces trimmed).
EMPTY_MARKERS = frozenset(
    {
        "tbd",
        "tbc",
        "tba",
        "n/a",
        "n.a.",
        "n.a",
        "na",
        "-",
        "--",
        "---",
        "—",
        "–",
        "#n/a",
        "null",
        "?",
    }
)

_EXCEL_EPOCH_1900 = dt.date(1899, 12, 30)
_EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31
#: Runs of spaces, also non-breaking and thin ones.
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def is_empty_marker(value: CellValue) -> bool:
    """True for None, blank text and the usual placeholders: TBD, TBC, n/a, NA, -, —."""
    if value is None:
        return True
    if isinstance(value, str):
        text = SPACES.sub(" ", value).strip().casefold()
        return text == "" or text in EMPTY_MARKERS
    return False


def clean_text(value: CellValue) -> str:
    """A value as text: spaces (also non-breaking) collapsed and trimmed, line breaks kept as one space."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return SPACES.sub(" ", str(value)).strip()


# ---------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date read from a cell.

    ``value`` is None when the cell is empty (``empty`` is then True), when the text
    is not a date, or when it is ambiguous: ``04/05/2024`` could be 4 May or 5 April;
    ``ambiguous`` is then True and ``candidates`` holds both readings.
    """

    value: dt.date | None
    ambiguous: bool = False
    note: str = ""
    empty: bool = False
    candidates: tuple[dt.date, ...] = ()

    @property
    def ok(self) -> bool:
        """Read as a date, or empty."""
        return self.value is not None or self.empty


_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_TIME_TAIL = (
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME_TAIL, re.IGNORECASE)
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})" + _TIME_TAIL, re.IGNORECASE)
_DAY_MONTH_NAME = re.compile(
    r"(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([a-z]+)\.?,?[\s/.-]+(\d{2}|\d{4})"
    + _TIME_TAIL,
    re.IGNORECASE,
)
_MONTH_NAME_DAY = re.compile(
    r"(?:[a-z]+,?\s+)?([a-z]+)\.?[\s/.-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s/.-]+(\d{2}|\d{4})"
    + _TIME_TAIL,
    re.IGNORECASE,
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # Excel's rule: 00-29 is 2000-2029, 30-99 is 1930-1999
        year += 2000 if year < 30 else 1900
    return year


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def serial_to_date(serial: float, *, date1904: bool = False) -> dt.date | None:
    """The date of an Excel serial number (the fraction, a time of day, is dropped)."""
    if not math.isfinite(serial) or serial < 0 or serial > _MAX_SERIAL:
        return None
    days = int(serial)
    if date1904:
        return _EXCEL_EPOCH_1904 + dt.timedelta(days=days)
    if days < 61:  # Excel counts a 29 February 1900 that never was
        days += 1
    return _EXCEL_EPOCH_1900 + dt.timedelta(days=days)


def parse_date(
    value: CellValue, *, date1904: bool = False, order_hint: DateOrder | None = None
) -> ParsedDate:
    """Read a date from a cell value.

    Accepts real dates and datetimes, Excel serial numbers (1900 or 1904 system),
    and text: ISO ``2024-04-15``, numeric ``15/4/2024`` / ``4/15/24`` / ``15.04.2024``
    and month names ``15 Apr 2024``, ``April 15, 2024``, ``01/Apr/25 10:31 AM``.
    A numeric text date whose day and month could be swapped is ambiguous unless
    ``order_hint`` ("dmy" or "mdy", usually from :func:`infer_date_order`) decides.
    """
    if is_empty_marker(value):
        return ParsedDate(None, empty=True)
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date())
    if isinstance(value, dt.date):
        return ParsedDate(value)
    if isinstance(value, bool):
        return ParsedDate(None, note="a true/false value is not a date")
    if isinstance(value, int | float):
        date = serial_to_date(float(value), date1904=date1904)
        if date is None:
            return ParsedDate(None, note=f"the number {clean_text(value)} is not a date")
        return ParsedDate(date, note="read from an Excel date serial number")
    if isinstance(value, dt.time | dt.timedelta):
        return ParsedDate(None, note="a time or duration is not a date")
    return _parse_date_text(clean_text(value), order_hint)


def _parse_date_text(text: str, order_hint: DateOrder | None) -> ParsedDate:
    bad = ParsedDate(None, note=f'"{text}" is not a date')
    if m := _ISO.fullmatch(text):
        date = _make_date(int(m[1]), int(m[2]), int(m[3]))
        return ParsedDate(date) if date else bad
    if m := _NUMERIC.fullmatch(text):
        first, second, year = int(m[1]), int(m[3]), _year(m[4])
        dmy = _make_date(year, second, first)
        mdy = _make_date(year, first, second)
        if m[2] == "." and dmy:  # 15.04.2024 is written day-first everywhere
            return ParsedDate(dmy)
        if dmy and not mdy:
            return ParsedDate(dmy)
        if mdy and not dmy:
            return ParsedDate(mdy)
        if dmy is None or mdy is None:
            return bad
        if dmy == mdy:
            return ParsedDate(dmy)
        if order_hint == "dmy":
            return ParsedDate(dmy, note="read day-first, like the rest of the column")
        if order_hint == "mdy":
            return ParsedDate(mdy, note="read month-first, like the rest of the column")
        return ParsedDate(
            None,
            ambiguous=True,
            note=f'"{text}" could be {dmy:%d %B %Y} or {mdy:%d %B %Y}; '
            "the day/month order cannot be decided",
            candidates=(dmy, mdy),
        )
    for pattern, day_group, month_group in ((_DAY_MONTH_NAME, 1, 2), (_MONTH_NAME_DAY, 2, 1)):
        if m := pattern.fullmatch(text):
            month = _MONTHS.get(m[month_group].casefold())
            if month is not None:
                date = _make_date(_year(m[3]), month, int(m[day_group]))
                return ParsedDate(date) if date else bad
    return bad


_NUMERIC_PARTS = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2(?:\d{2}|\d{4})\b")


def infer_date_order(values: Iterable[CellValue]) -> DateOrder | None:
    """The day/month order of the numeric text dates in a column, or None when nothing decides.

    A value with a first part above 12 (``15/4/2024``) means day-first; a second part
    above 12 (``4/15/2024``) month-first. When the column holds both, or only values
    that read either way, the answer is None and the caller reports the ambiguity.
    """
    day_first = month_first = False
    for value in values:
        if not isinstance(value, str):
            continue
        m = _NUMERIC_PARTS.match(value)
        if not m or m[2] == ".":
            continue
        first, second = int(m[1]), int(m[3])
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
    if day_first and not month_first:
        return "dmy"
    if month_first and not day_first:
        return "mdy"
    return None


# ---------------------------------------------------------------- durations


@dataclass(frozen=True, slots=True)
class ParsedDuration:
    """A duration read from text such as "2.5 -Hours", "10-Days", "15 Mins", "1 Hr"."""

    hours: float | None
    note: str = ""
    empty: bool = False
    unit: str | None = None


_DURATION = re.compile(r"([+-]?\d+(?:[.,]\d+)?)\s*-?\s*([a-z]+)?\.?", re.IGNORECASE)
_DURATION_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
}  # fmt: skip


def parse_duration(
    value: CellValue, *, hours_per_day: float = 8.0, default_unit: str = "hours"
) -> ParsedDuration:
    """Read a duration in hours. Days and weeks count working time (``hours_per_day``, 5 days a week)."""
    if is_empty_marker(value):
        return ParsedDuration(None, empty=True)
    if isinstance(value, dt.timedelta):
        return ParsedDuration(value.total_seconds() / 3600, unit="hours")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return ParsedDuration(None, note=f"{clean_text(value)} is not a duration")
    text = clean_text(value)
    m = _DURATION.fullmatch(text)
    if not m:
        return ParsedDuration(None, note=f'"{text}" is not a duration')
    unit = _DURATION_UNITS.get((m[2] or default_unit).casefold())
    if unit is None:
        return ParsedDuration(None, note=f'"{text}" has an unknown unit')
    amount = float(m[1].replace(",", "."))
    factor = {"minutes": 1 / 60, "hours": 1.0, "days": hours_per_day, "weeks": 5 * hours_per_day}[
        unit
    ]
    return ParsedDuration(amount * factor, unit=unit)
