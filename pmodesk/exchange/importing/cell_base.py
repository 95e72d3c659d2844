"""What every cell reader shares: the error it raises, what it knows of its column, text helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pmodesk.exchange.importing.words import WordMap
from pmodesk.exchange.reading import CellValue, DateOrder, NumberStyle, clean_text, is_empty_marker

Reader = Callable[[CellValue], Any]

_THOUSANDS = re.compile(
    r"\((?:[£€$]\s*)?k\)|\bk[£€$]|\(\s*'?000s?\s*\)|in thousands|\bk\s*(?:eur|usd|gbp)\b", re.I
)
_MILLIONS = re.compile(r"\((?:[£€$]\s*)?(?:m|mn)\)|\bm[£€$]|in millions", re.I)
#: A number below this (1 January 1950 as an Excel serial) is a count or a period, not a date.
EARLIEST_SERIAL = 18264


class CellError(Exception):
    """A cell that cannot be read as its field's value; the message is the reason."""


@dataclass(slots=True)
class ColumnContext:
    """What is known about a column before its cells are read.

    ``number_style`` is the style the sheet or the person chose ("1.234,5" or "1,234.5"),
    used when the column's own cells do not show it.
    """

    header: str
    sample: Sequence[CellValue]
    number_format: str | None = None
    date1904: bool = False
    date_order: DateOrder | None = None
    first_week: dt.date | None = None
    currency: str = ""
    given_values: Mapping[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    words: WordMap | None = None
    number_style: NumberStyle | None = None


_MESSY = re.compile(r"\s\s|[\n\r\t\u00a0\u202f\u2009]")


def quick_text(raw: str) -> str:
    """Text trimmed, its inner runs of spaces and line breaks made one space (fast when clean)."""
    text = raw.strip()
    if _MESSY.search(text) is not None:
        return clean_text(text)
    return text


def empty(raw: CellValue) -> bool:
    """None, blank, or a placeholder such as TBD or n/a (which are all short)."""
    if raw is None:
        return True
    return raw.__class__ is str and len(raw) <= 8 and _short_empty(raw)


@lru_cache(maxsize=4096)
def _short_empty(raw: str) -> bool:
    # a column's short texts repeat (Green, Active, TBD): each is judged once
    return is_empty_marker(raw)


def as_text(raw: CellValue) -> str:
    if raw.__class__ is str:
        return quick_text(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return clean_text(raw)


def long_text(raw: CellValue) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.replace("\u00a0", " ").replace("\r\n", "\n").strip()
        return text or None
    return as_text(raw) or None


def multiplier(ctx: ColumnContext) -> float:
    if _MILLIONS.search(ctx.header):
        ctx.notes.append("amounts are in millions (the header says so)")
        return 1e6
    if _THOUSANDS.search(ctx.header):
        ctx.notes.append("amounts are in thousands (the header says so)")
        return 1e3
    return 1.0
