"""Values as cells: typed (dates, money, percentages), and user text that Excel never runs.

Text a person typed that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be taken by Excel (or LibreOffice) as a formula, a DDE
call or a hyperlink trick. Such text is written as a string cell with the
*quote prefix* style, which shows the text as it is and is read back by
openpyxl and calamine as the very same text (no added apostrophe). Characters
XML cannot hold are dropped and text longer than Excel's 32,767 characters is
cut, so a workbook always opens.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from pmodesk.services.exporting import ValueKind

#: The first characters that make a spreadsheet read text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit for the text of one cell.
MAX_CELL_TEXT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def needs_quote(text: str) -> bool:
    """Whether ``text`` must be written with the quote prefix to stay text."""
    return text.startswith(FORMULA_STARTS)


def clean_text(text: str) -> str:
    """``text`` as a cell can hold it: no XML-illegal control characters, at most 32,767 characters."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text[:MAX_CELL_TEXT]


def enum_label(member: Enum | str) -> str:
    """How a workbook shows an enum: ``ProjectState.ON_HOLD`` -> ``On hold``, ``Rag.RED`` -> ``Red``."""
    label = getattr(member, "label", None)
    if isinstance(label, str):
        return label
    value = str(member.value if isinstance(member, Enum) else member)
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]


def naive_utc(stamp: datetime) -> datetime:
    """A time stamp as Excel holds it: UTC, without a time zone, to the second."""
    if stamp.utcoffset() is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return stamp.replace(microsecond=0)


def cell_value(kind: ValueKind, value: Any) -> Any:
    """The value a cell of ``kind`` holds for ``value`` (``None`` for an empty cell).

    Percentages stored 0–100 become fractions (the cell's format shows 45 %);
    empty text becomes an empty cell.
    """
    if value is None:
        return None
    if kind is ValueKind.TEXT or kind is ValueKind.CODE:
        text = clean_text(str(value))
        return text or None
    if kind is ValueKind.ENUM:
        return enum_label(value)
    if kind is ValueKind.DATE:
        return value.date() if isinstance(value, datetime) else value
    if kind is ValueKind.DATETIME:
        return naive_utc(value) if isinstance(value, datetime) else value
    if kind is ValueKind.BOOL:
        return bool(value)
    if kind is ValueKind.INTEGER:
        return int(value)
    number = float(value)
    if not math.isfinite(number):
        return None
    if kind is ValueKind.PERCENT:
        return number / 100.0
    return number


def converter(kind: ValueKind) -> Callable[[Any], Any]:
    """:func:`cell_value` for one kind, made once per column (the fast path of big sheets)."""
    if kind is ValueKind.TEXT or kind is ValueKind.CODE:

        def text(value: Any) -> Any:
            return None if value is None else (clean_text(str(value)) or None)

        return text
    if kind is ValueKind.ENUM:
        labels: dict[Any, str] = {}

        def label(value: Any) -> Any:
            if value is None:
                return None
            found = labels.get(value)
            if found is None:
                found = labels[value] = enum_label(value)
            return found

        return label
    if kind in (ValueKind.NUMBER, ValueKind.MONEY):

        def number(value: Any) -> Any:
            if value is None:
                return None
            number = float(value)
            return number if math.isfinite(number) else None

        return number
    if kind is ValueKind.BOOL:
        return lambda value: None if value is None else bool(value)
    return lambda value: cell_value(kind, value)
