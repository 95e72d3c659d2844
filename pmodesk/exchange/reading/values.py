"""Reading the values people type into spreadsheets: dates, numbers, percentages, money, durations.

Every parser takes a raw cell value (as read by :mod:`workbook`: text, number,
date, ...) and returns a small result that says what was read, whether the cell
was empty (blank, ``TBD``, ``n/a``, ``-`` ...), and a note a person can read when
the value could not be read or was read with an assumption. Nothing here guesses
silently: a date such as ``04/05/2024`` is reported as ambiguous unless the
caller passes the order found for the whole column (:func:`infer_date_order`).
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
PercentScale = Literal["fraction", "points"]

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
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def is_empty_marker(value: CellValue) -> bool:
    """True for None, blank text and the usual placeholders: TBD, TBC, n/a, NA, -, —."""
    if value is None:
        return True
    if isinstance(value, str):
        text = _SPACES.sub(" ", value).strip().casefold()
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
    return _SPACES.sub(" ", str(value)).strip()


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


# ---------------------------------------------------------------- numbers, percentages, money


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from a cell; ``unit`` is "%" for a percentage or the currency for money."""

    value: float | None
    note: str = ""
    empty: bool = False
    unit: str | None = None

    @property
    def ok(self) -> bool:
        """Read as a number, or empty."""
        return self.value is not None or self.empty


_CURRENCY_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₣": "CHF",
    "kr": "SEK",
}
_CURRENCY_CODES = frozenset(
    {
        "EUR",
        "USD",
        "GBP",
        "JPY",
        "INR",
        "CHF",
        "AUD",
        "CAD",
        "NZD",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "ZAR",
    }
)
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d[\d.,' ]*)?\d(?:[eE][+-]?\d+)?|[+-]?\.\d+")
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}


def _number_from_text(text: str) -> tuple[float | None, str]:
    """Read "1,234.50", "1.234,50", "1 234,5", "(12)", "-4", "1e3"; return the value and a note."""
    negative = False
    t = _SPACES.sub("", text)
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if t.endswith("-") and t[:-1] and t[:-1][-1].isdigit():
        negative, t = True, t[:-1]
    if not _NUMBER_TEXT.fullmatch(t):
        return None, f'"{text}" is not a number'
    t = t.replace("'", "")
    if t[0] in "+-":
        negative ^= t[0] == "-"
        t = t[1:]
    note = ""
    if "e" in t.lower():
        pass
    elif "," in t and "." in t:
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        t = t.replace(thousands, "").replace(decimal, ".")
    elif "," in t:
        parts = t.split(",")
        if len(parts) > 2 or (len(parts[1]) == 3 and parts[0] != "0"):
            t = t.replace(",", "")  # 1,234 and 1,234,567: thousands
        else:
            t = t.replace(",", ".")  # 1,5: a decimal comma
    elif t.count(".") > 1:
        t = t.replace(".", "")  # 1.234.567: thousands
    try:
        number = float(t)
    except ValueError:
        return None, f'"{text}" is not a number'
    return (-number if negative else number), note


def parse_number(value: CellValue) -> ParsedNumber:
    """Read a plain number: numeric cells as they are; text with thousands separators,
    a decimal comma or point, a sign or accounting brackets."""
    if is_empty_marker(value):
        return ParsedNumber(None, empty=True)
    if isinstance(value, bool):
        return ParsedNumber(None, note="a true/false value is not a number")
    if isinstance(value, int | float):
        return (
            ParsedNumber(float(value))
            if math.isfinite(value)
            else ParsedNumber(None, note="not a finite number")
        )
    if not isinstance(value, str):
        return ParsedNumber(None, note=f"{clean_text(value)} is not a number")
    number, note = _number_from_text(clean_text(value))
    return ParsedNumber(number, note=note)


def parse_percent(value: CellValue, *, scale: PercentScale | None = None) -> ParsedNumber:
    """Read a percentage as a fraction (45% -> 0.45).

    Text with a % sign is always percent points. A bare number is read by ``scale``:
    "fraction" (Excel percent cells store 0.45) or "points" (45 means 45%). Without
    a scale, numbers from -1 to 1 are fractions and larger ones points, with a note.
    """
    if is_empty_marker(value):
        return ParsedNumber(None, empty=True, unit="%")
    if isinstance(value, str) and "%" in value:
        text = clean_text(value)
        body = text.replace("%", "", 1).strip()
        if "%" in body:
            return ParsedNumber(None, note=f'"{text}" is a range, not one percentage', unit="%")
        parsed = parse_number(body)
        if parsed.value is None:
            return ParsedNumber(None, note=f'"{text}" is not a percentage', unit="%")
        return ParsedNumber(parsed.value / 100, unit="%")
    parsed = parse_number(value)
    if parsed.value is None:
        note = f'"{clean_text(value)}" is not a percentage'
        return ParsedNumber(None, note=note, unit="%")
    number = parsed.value
    if scale == "fraction":
        return ParsedNumber(number, unit="%")
    if scale == "points":
        return ParsedNumber(number / 100, unit="%")
    if -1 <= number <= 1:
        return ParsedNumber(number, unit="%")
    return ParsedNumber(
        number / 100, note=f"{clean_text(value)} read as {clean_text(value)}%", unit="%"
    )


_MONEY = re.compile(
    r"(?P<neg1>-)?\s*(?P<pre>[€$£¥₹₣]|[A-Z]{3}|kr)?\s*(?P<neg2>-)?\s*(?P<num>\(?[\d.,' \u00a0\u202f]*\d\)?-?)"
    r"\s*(?P<scale>k|m|mn|bn|b)?\s*(?P<post>[€$£¥₹₣]|[A-Z]{3}|kr)?",
    re.IGNORECASE,
)


def parse_money(value: CellValue) -> ParsedNumber:
    """Read an amount of money: "€1.234,50", "$1,234.50", "1 234,50 €", "EUR 1,200", "(300)", "1.2m".

    ``unit`` is the ISO currency code when the text names one (€ -> EUR, $ -> USD).
    """
    if is_empty_marker(value):
        return ParsedNumber(None, empty=True)
    if not isinstance(value, str):
        return parse_number(value)
    text = clean_text(value)
    bracketed = text.startswith("(") and text.endswith(")")  # accounting negative: ($500)
    m = _MONEY.fullmatch(text[1:-1].strip() if bracketed else text)
    if not m:
        return ParsedNumber(None, note=f'"{text}" is not an amount of money')
    currency = None
    for part in (m["pre"], m["post"]):
        if part:
            code = _CURRENCY_SYMBOLS.get(part) or _CURRENCY_SYMBOLS.get(part.lower())
            code = code or (part.upper() if part.upper() in _CURRENCY_CODES else None)
            if code is None:
                return ParsedNumber(None, note=f'"{text}" is not an amount of money')
            if currency and currency != code:
                return ParsedNumber(None, note=f'"{text}" names two currencies')
            currency = code
    number, note = _number_from_text(m["num"])
    if number is None:
        return ParsedNumber(None, note=f'"{text}" is not an amount of money')
    if bool(m["neg1"] or m["neg2"]) != bracketed:
        number = -number
    if m["scale"]:
        number *= _SCALE[m["scale"].lower()]
        note = f'"{text}" read as {number:,.2f}'
    return ParsedNumber(number, note=note, unit=currency)


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
