"""Reading one column's cells as the values of one field.

:func:`cell_reader` builds, once per column, a small function that turns a raw
cell into the field's value (a date, a number, a choice, a code ...), returns
None for an empty cell (blank, TBD, n/a ...) and raises :class:`CellError`
with the reason when the cell cannot be read. What holds for the whole column
(the day/month order of its dates, whether its percentages are fractions,
amounts in thousands) is decided from a sample of its cells and the header,
and said once in the column's notes rather than on every row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from pmodesk.exchange.importing.cell_base import (
    CellError,
    ColumnContext,
    Reader,
    as_text,
    empty,
    long_text,
    quick_text,
)
from pmodesk.exchange.importing.cell_dates import (
    date_reader,
    datetime_reader,
    period_reader,
    period_text,
    week_reader,
)
from pmodesk.exchange.importing.cell_numbers import (
    bool_reader,
    enum_reader,
    integer_reader,
    money_reader,
    number_reader,
    percent_reader,
    percent_scale,
    scale_reader,
)
from pmodesk.exchange.importing.kinds import FieldSpec, FieldType
from pmodesk.exchange.importing.words import WordMap, fold
from pmodesk.exchange.reading import CellValue, is_empty_marker, parse_date

__all__ = [
    "CellError",
    "ColumnContext",
    "Reader",
    "cell_reader",
    "code_text",
    "fitness",
    "percent_scale",
    "period_text",
    "quick_text",
]

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._/-]{0,39}$")


def cell_reader(spec: FieldSpec, ctx: ColumnContext) -> Reader:
    """The function that reads this column's cells as values of ``spec``."""
    builder = _BUILDERS[spec.type]
    return builder(spec, ctx)


# ---------------------------------------------------------------- text and codes


def _text_reader(spec: FieldSpec, _ctx: ColumnContext) -> Reader:
    limit = spec.max_length

    def read(raw: CellValue) -> Any:
        if empty(raw):
            return None
        text = as_text(raw)
        if not text:
            return None
        if limit is not None and len(text) > limit:
            raise CellError(f"is longer than {limit} characters ({len(text)})")
        return text

    return read


def _long_text_reader(spec: FieldSpec, _ctx: ColumnContext) -> Reader:
    limit = spec.max_length

    def read(raw: CellValue) -> Any:
        text = long_text(raw)
        if text is not None and limit is not None and len(text) > limit:
            raise CellError(f"is longer than {limit} characters ({len(text)})")
        return text

    return read


def code_text(raw: CellValue) -> str | None:
    """A cell as a code: trimmed, upper case, 7.0 as "7"; None when empty."""
    if empty(raw):
        return None
    return as_text(raw).upper() or None


def _code_reader(_spec: FieldSpec, _ctx: ColumnContext) -> Reader:
    def read(raw: CellValue) -> Any:
        code = code_text(raw)
        if code is not None and not _CODE.match(code):
            raise CellError(
                "is not a code: codes use only letters, digits and . _ / - (at most 40 characters)"
            )
        return code

    return read


def _ref_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    """A reference as the text that names it; a value map may say what a text means
    ("Whitepaper" is the stage IDEA)."""
    given = {fold(str(k)): str(v) for k, v in ctx.given_values.items() if v is not None}
    seen: dict[str, Any] = {}
    if given:
        ctx.words = WordMap({}, ctx.given_values, fuzzy=0, leading=False)
        seen = ctx.words.seen

    def read(raw: CellValue) -> Any:
        if empty(raw):
            return None
        text = as_text(raw)
        if given:
            mapped = given.get(fold(text))
            if mapped is not None:
                if len(seen) < 500:
                    seen[text] = mapped
                return mapped
        return text or None

    return read


# ---------------------------------------------------------------- dates


_BUILDERS: dict[FieldType, Callable[[FieldSpec, ColumnContext], Reader]] = {
    FieldType.TEXT: _text_reader,
    FieldType.LONG_TEXT: _long_text_reader,
    FieldType.CODE: _code_reader,
    FieldType.REF: _ref_reader,
    FieldType.DATE: date_reader,
    FieldType.DATETIME: datetime_reader,
    FieldType.WEEK: week_reader,
    FieldType.PERIOD: period_reader,
    FieldType.NUMBER: number_reader,
    FieldType.INTEGER: integer_reader,
    FieldType.MONEY: money_reader,
    FieldType.PERCENT: percent_reader,
    FieldType.FRACTION: percent_reader,
    FieldType.SCALE: scale_reader,
    FieldType.BOOL: bool_reader,
    FieldType.ENUM: enum_reader,
}


def fitness(
    spec: FieldSpec, sample: Sequence[CellValue], number_format: str | None = None
) -> float:
    """The share of a sample's non-empty cells that read as ``spec``'s values (1.0 when none)."""
    present = [v for v in sample if not is_empty_marker(v)][:60]
    if not present:
        return 1.0
    if spec.type in (FieldType.TEXT, FieldType.LONG_TEXT, FieldType.REF):
        # a column of long sentences is not a name, an owner or a reference
        if spec.type is FieldType.LONG_TEXT:
            return 1.0
        short = sum(1 for v in present if len(as_text(v)) <= (spec.max_length or 200))
        return short / len(present)
    ctx = ColumnContext(header="", sample=present, number_format=number_format)
    reader = cell_reader(spec, ctx)
    dates = spec.type in (FieldType.DATE, FieldType.WEEK, FieldType.DATETIME)
    good = 0
    for value in present:
        try:
            reader(value)
        except CellError:
            if dates and parse_date(value).ambiguous:
                good += 1  # a date all the same, whichever way it is read
            continue
        good += 1
    return good / len(present)
