"""Reading the numbers people type into spreadsheets: plain numbers, percentages, money.

Numeric cells are taken as they are. Text is read with its sign, accounting
brackets, currency symbol or code, and separators; a text such as ``20.000``
is read by the style of its column (:func:`infer_number_style`: "1.234,5" or
"1,234.5"), and reported as ambiguous when the column does not show it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pmodesk.exchange.reading.tables import CellValue
from pmodesk.exchange.reading.values import SPACES, clean_text, is_empty_marker

NumberStyle = Literal["dot decimal", "comma decimal"]
PercentScale = Literal["fraction", "points"]

# ---------------------------------------------------------------- numbers, percentages, money


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from a cell; ``unit`` is "%" for a percentage or the currency for money.

    ``ambiguous`` is True when the text could be read two ways ("20.000", "1,500": one
    separator followed by three digits) and no number style decided; ``note`` then says
    how it was read.
    """

    value: float | None
    note: str = ""
    empty: bool = False
    unit: str | None = None
    ambiguous: bool = False

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


_SEPARATED = re.compile(r"\d[\d.,]*\d")
_DIGIT_SPACE = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009']+(?=\d)")
_DECIMAL_STYLE: dict[str, NumberStyle] = {".": "dot decimal", ",": "comma decimal"}
_OTHER = {".": ",", ",": "."}


def _grouped(text: str, separator: str) -> bool:
    """True for digits in groups of three after the first: 1,234 / 1.234.567."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+", text) is not None


def _style_shown(token: str) -> NumberStyle | None:
    """The style one number proves: "1.234,5", "1,234,567", "3,5"; None for "20.000" or "12"."""
    if "," in token and "." in token:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        whole = token[: token.rfind(decimal)]
        return _DECIMAL_STYLE[decimal] if _grouped(whole, _OTHER[decimal]) else None
    separator = "," if "," in token else "."
    parts = token.split(separator)
    if len(parts) > 2:  # 1.250.000: the separator is between thousands
        return _DECIMAL_STYLE[_OTHER[separator]] if _grouped(token, separator) else None
    if len(parts) < 2:
        return None
    head, tail = parts
    if len(tail) != 3 or head.startswith("0") or len(head) > 3:  # 3,5 / 0.250 / 1234.567
        return _DECIMAL_STYLE[separator]
    return None


def infer_number_style(values: Iterable[CellValue]) -> NumberStyle | None:
    """The number style of a column's text cells, or None when nothing decides or cells disagree.

    Both separators in one number ("1.234,5") make the last one the decimal; one separator
    used twice ("1,250,000") is between thousands; a separator followed by other than
    three digits ("3,5", "20,000.5") is the decimal. Numeric cells say nothing.
    """
    found: set[NumberStyle] = set()
    for value in values:
        if value.__class__ is not str:
            continue
        for token in _SEPARATED.findall(_DIGIT_SPACE.sub("", str(value))):
            style = _style_shown(token)
            if style is not None:
                found.add(style)
    return found.pop() if len(found) == 1 else None


#: The words every note on a number that could be read two ways holds (the wizard looks for them).
NUMBER_DOUBT = "the column does not show which is meant"


def ambiguous_number_note(text: str, what: str = "numbers") -> str:
    """What the column notes say about a number such as "20.000" read without a style."""
    if "," in text:
        how = 'with "," as a thousands separator, not as the decimal point'
    else:
        how = 'with "." as the decimal point, not as a thousands separator'
    return f'{what} such as "{text}" were read {how}; {NUMBER_DOUBT}, so check them'


def _number_from_text(text: str, style: NumberStyle | None = None) -> tuple[float | None, bool]:
    """Read "1,234.50", "1.234,50", "1 234,5", "(12)", "-4", "1e3".

    Return the value (None when not a number) and whether it was ambiguous: one separator
    followed by three digits, read as today ("1,500" thousands, "20.000" decimal) unless
    ``style`` decides.
    """
    negative = False
    t = SPACES.sub("", text)
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if t.endswith("-") and t[:-1] and t[:-1][-1].isdigit():
        negative, t = True, t[:-1]
    if not _NUMBER_TEXT.fullmatch(t):
        return None, False
    t = t.replace("'", "")
    if t[0] in "+-":
        negative ^= t[0] == "-"
        t = t[1:]
    ambiguous = False
    if "e" in t.lower():
        pass
    elif "," in t and "." in t:
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        t = t.replace(thousands, "").replace(decimal, ".")
    elif "," in t:
        parts = t.split(",")
        lone_group = len(parts) == 2 and len(parts[1]) == 3 and parts[0] != "0"
        if len(parts) > 2 or (lone_group and style != "comma decimal"):
            t = t.replace(",", "")  # 1,234 and 1,234,567: thousands
            ambiguous = lone_group and style is None
        else:
            t = t.replace(",", ".")  # 1,5: a decimal comma
    elif "." in t:
        parts = t.split(".")
        lone_group = len(parts) == 2 and len(parts[1]) == 3 and parts[0] not in ("", "0")
        if len(parts) > 2 or (lone_group and style == "comma decimal"):
            t = t.replace(".", "")  # 1.234.567, and 20.000 in a 1.234,5 column: thousands
        else:
            ambiguous = lone_group and style is None
    try:
        number = float(t)
    except ValueError:
        return None, False
    return (-number if negative else number), ambiguous


def parse_number(value: CellValue, *, style: NumberStyle | None = None) -> ParsedNumber:
    """Read a plain number: numeric cells as they are; text with thousands separators,
    a decimal comma or point, a sign or accounting brackets.

    ``style`` (from :func:`infer_number_style`) decides "20.000" and "1,500"; without it
    they are read as 20.0 and 1500.0 and reported as ambiguous.
    """
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
    text = clean_text(value)
    number, ambiguous = _number_from_text(text, style)
    if number is None:
        return ParsedNumber(None, note=f'"{text}" is not a number')
    if ambiguous:
        return ParsedNumber(number, note=ambiguous_number_note(text), ambiguous=True)
    return ParsedNumber(number)


def parse_percent(
    value: CellValue, *, scale: PercentScale | None = None, style: NumberStyle | None = None
) -> ParsedNumber:
    """Read a percentage as a fraction (45% -> 0.45).

    Text with a % sign is always percent points. A bare number is read by ``scale``:
    "fraction" (Excel percent cells store 0.45) or "points" (45 means 45%). Without
    a scale, numbers from -1 to 1 are fractions and larger ones points, with a note.
    ``style`` reads the separators as :func:`parse_number` does.
    """
    if is_empty_marker(value):
        return ParsedNumber(None, empty=True, unit="%")
    if isinstance(value, str) and "%" in value:
        text = clean_text(value)
        body = text.replace("%", "", 1).strip()
        if "%" in body:
            return ParsedNumber(None, note=f'"{text}" is a range, not one percentage', unit="%")
        parsed = parse_number(body, style=style)
        if parsed.value is None:
            return ParsedNumber(None, note=f'"{text}" is not a percentage', unit="%")
        if parsed.ambiguous:
            note = ambiguous_number_note(text, "percentages")
            return ParsedNumber(parsed.value / 100, note=note, unit="%", ambiguous=True)
        return ParsedNumber(parsed.value / 100, unit="%")
    parsed = parse_number(value, style=style)
    if parsed.value is None:
        note = f'"{clean_text(value)}" is not a percentage'
        return ParsedNumber(None, note=note, unit="%")
    number = parsed.value
    if scale == "fraction":
        return ParsedNumber(number, note=parsed.note, unit="%", ambiguous=parsed.ambiguous)
    if scale == "points":
        return ParsedNumber(number / 100, note=parsed.note, unit="%", ambiguous=parsed.ambiguous)
    if -1 <= number <= 1:
        return ParsedNumber(number, note=parsed.note, unit="%", ambiguous=parsed.ambiguous)
    note = parsed.note or f"{clean_text(value)} read as {clean_text(value)}%"
    return ParsedNumber(number / 100, note=note, unit="%", ambiguous=parsed.ambiguous)


_MONEY = re.compile(
    r"(?P<neg1>-)?\s*(?P<pre>[€$£¥₹₣]|[A-Z]{3}|kr)?\s*(?P<neg2>-)?\s*(?P<num>\(?[\d.,' \u00a0\u202f]*\d\)?-?)"
    r"\s*(?P<scale>k|m|mn|bn|b)?\s*(?P<post>[€$£¥₹₣]|[A-Z]{3}|kr)?",
    re.IGNORECASE,
)


def parse_money(value: CellValue, *, style: NumberStyle | None = None) -> ParsedNumber:
    """Read an amount of money: "€1.234,50", "$1,234.50", "1 234,50 €", "EUR 1,200", "(300)", "1.2m".

    ``unit`` is the ISO currency code when the text names one (€ -> EUR, $ -> USD).
    ``style`` reads the separators as :func:`parse_number` does ("€ 20.000").
    """
    if is_empty_marker(value):
        return ParsedNumber(None, empty=True)
    if not isinstance(value, str):
        return parse_number(value, style=style)
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
    number, ambiguous = _number_from_text(m["num"], style)
    if number is None:
        return ParsedNumber(None, note=f'"{text}" is not an amount of money')
    if bool(m["neg1"] or m["neg2"]) != bracketed:
        number = -number
    note = ambiguous_number_note(text, "amounts") if ambiguous else ""
    if m["scale"]:
        number *= _SCALE[m["scale"].lower()]
        note = note or f'"{text}" read as {number:,.2f}'
    return ParsedNumber(number, note=note, unit=currency, ambiguous=ambiguous)
