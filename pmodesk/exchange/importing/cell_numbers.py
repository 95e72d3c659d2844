"""Reading numbers, amounts, percentages, 1-5 ratings, yes/no and choices from cells."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from pmodesk.exchange.importing.cell_base import (
    CellError,
    ColumnContext,
    Reader,
    as_text,
    empty,
    multiplier,
)
from pmodesk.exchange.importing.kinds import FieldSpec, FieldType
from pmodesk.exchange.importing.words import (
    BOOL_WORDS,
    SCALE_WORDS,
    WordMap,
    choices_text,
    enum_words,
)
from pmodesk.exchange.reading import (
    CellValue,
    NumberStyle,
    PercentScale,
    clean_text,
    infer_number_style,
    is_empty_marker,
    parse_money,
    parse_number,
    parse_percent,
)

_PERCENT_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|to)\s*(\d+(?:[.,]\d+)?)\s*%")
_LEADING_NUMBER = re.compile(r"^\s*([1-5])(?:\s*[-:.)=]\s*|\s+)[a-z]", re.I)


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise CellError("is not a finite number")
    return value


def number_style(ctx: ColumnContext) -> NumberStyle | None:
    """How a column writes its text numbers, from its sample cells, else as the sheet chose."""
    style = infer_number_style(ctx.sample)
    if style == "comma decimal":
        ctx.notes.append(
            'numbers are read with "," as the decimal point and "." between thousands, '
            "as the column shows (e.g. 1.250,50)"
        )
    return style or ctx.number_style


def _doubts(ctx: ColumnContext) -> Callable[[str], None]:
    """Says once in the column notes that a number such as "20.000" could be read two ways."""
    said = False

    def note(text: str) -> None:
        nonlocal said
        if not said:
            said = True
            ctx.notes.append(text)

    return note


def number_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    factor = multiplier(ctx)
    style = number_style(ctx)
    doubt = _doubts(ctx)

    def read(raw: CellValue) -> Any:
        if raw is None:
            return None
        if raw.__class__ is float or raw.__class__ is int:
            return _finite(float(raw)) * factor
        parsed = parse_number(raw, style=style)
        if parsed.ambiguous:
            doubt(parsed.note)
        if parsed.value is None:
            if parsed.empty:
                return None
            raise CellError(parsed.note or "is not a number")
        return parsed.value * factor

    return read


def integer_reader(spec: FieldSpec, ctx: ColumnContext) -> Reader:
    as_number = number_reader(spec, ctx)

    def read(raw: CellValue) -> Any:
        value = as_number(raw)
        if value is None:
            return None
        if not float(value).is_integer():
            raise CellError("is not a whole number")
        return int(value)

    return read


def money_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    factor = multiplier(ctx)
    currency = ctx.currency
    foreign: set[str] = set()
    style = number_style(ctx)
    doubt = _doubts(ctx)

    def read(raw: CellValue) -> Any:
        if raw is None:
            return None
        if raw.__class__ is float or raw.__class__ is int:
            return _finite(float(raw)) * factor
        parsed = parse_money(raw, style=style)
        if parsed.ambiguous:
            doubt(parsed.note)
        if parsed.value is None:
            if parsed.empty:
                return None
            raise CellError(parsed.note or "is not an amount of money")
        if parsed.unit and currency and parsed.unit != currency and parsed.unit not in foreign:
            foreign.add(parsed.unit)
            ctx.notes.append(
                f"amounts in {parsed.unit} were taken as they are (the workspace counts in "
                f"{currency}; nothing was converted)"
            )
        return parsed.value * factor

    return read


def percent_scale(ctx: ColumnContext) -> PercentScale | None:
    """Whether a column's bare numbers are fractions (0.45) or points (45), from its cells."""
    if ctx.number_format and "%" in ctx.number_format:
        return "fraction"
    numbers = [
        float(v) for v in ctx.sample if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    if any(abs(v) > 1 for v in numbers):
        return "points"
    if numbers and any(not v.is_integer() for v in numbers):
        return "fraction"
    return None


def percent_reader(spec: FieldSpec, ctx: ColumnContext) -> Reader:
    """Percent points 0-100 (percent complete, share of capacity); a fraction for FRACTION."""
    scale = percent_scale(ctx)
    points = spec.type is FieldType.PERCENT
    style = number_style(ctx)
    doubt = _doubts(ctx)

    def read(raw: CellValue) -> Any:
        if raw is None:
            return None
        parsed = parse_percent(raw, scale=scale, style=style)
        if parsed.ambiguous:
            doubt(parsed.note)
        if parsed.value is None:
            if parsed.empty:
                return None
            raise CellError(parsed.note or "is not a percentage")
        value = _finite(parsed.value)
        return round(value * 100, 6) if points else value

    return read


def scale_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    words = WordMap(SCALE_WORDS, ctx.given_values)
    ctx.words = words
    refused = "must be a whole number from 1 to 5 (or very low, low, medium, high, very high)"

    def from_number(value: float) -> int:
        if not value.is_integer() or not 1 <= value <= 5:
            raise CellError(refused)
        return int(value)

    def read(raw: CellValue) -> Any:
        if raw is None:
            return None
        if isinstance(raw, bool):
            raise CellError(refused)
        if isinstance(raw, int | float):
            return from_number(float(raw))
        if is_empty_marker(raw):
            return None
        text = clean_text(raw)
        value = words.read(text)
        if value is not None:
            return int(value)
        if m := _PERCENT_RANGE.search(text):  # "75% to 100%": the band of its middle
            middle = (float(m[1].replace(",", ".")) + float(m[2].replace(",", "."))) / 200
            return min(5, 1 + int(middle * 5))
        if "%" in text:
            share = parse_percent(text).value
            if share is not None and 0 <= share <= 1:
                return min(5, 1 + int(share * 5))
        if m := _LEADING_NUMBER.match(text):  # "3 - Medium", "5: High"
            return int(m[1])
        number = parse_number(text).value
        if number is not None:
            return from_number(number)
        raise CellError(refused)

    return read


def bool_reader(_spec: FieldSpec, ctx: ColumnContext) -> Reader:
    words = WordMap(BOOL_WORDS, ctx.given_values, fuzzy=0)
    ctx.words = words

    def read(raw: CellValue) -> Any:
        if raw is None:
            return None
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float):
            if raw in (0, 1):
                return bool(raw)
            raise CellError("is not yes or no")
        value = words.read(clean_text(raw))
        if value is None:
            raise CellError("is not yes or no")
        return value

    return read


def enum_reader(spec: FieldSpec, ctx: ColumnContext) -> Reader:
    assert spec.enum is not None
    enum = spec.enum
    words = WordMap(enum_words(enum), ctx.given_values)
    ctx.words = words
    what = spec.label.lower() if spec.key != "state" else "project state"
    if spec.key.startswith("rag_"):
        what = "RAG colour"
    reason = f"is not a {what} ({choices_text(enum)})"

    def read(raw: CellValue) -> Any:
        if empty(raw):
            return None
        value = words.read(as_text(raw))
        if value is None:
            raise CellError(reason)
        return enum(value)

    return read
