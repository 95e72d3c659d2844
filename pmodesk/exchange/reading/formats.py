"""Number formats of a sheet's first rows, read straight from the .xlsx XML.

openpyxl loads a whole workbook to tell a cell's number format, which for a
10,000-row sheet costs longer than reading every value. The importer only needs
the formats of the rows under the header (is this column a percentage, a
date?), so for large sheets they are read here: the styles part once, then the
sheet's XML streamed only as far as the rows asked for.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*\br=\"(\d+)\"")
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_CHUNK = 1 << 16


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def _style_formats(zf: zipfile.ZipFile) -> list[str]:
    """The number format of each cell style (``s="3"`` -> "0%")."""
    from defusedxml import ElementTree
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    try:
        root = ElementTree.fromstring(zf.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return []
    custom: dict[int, str] = {}
    formats: list[str] = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "numFmt" and el.get("numFmtId", "").isdigit():
            custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "cellXfs":
            for xf in el:
                number = int(xf.get("numFmtId", "0") or 0)
                formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
            break
    return formats


def head_formats(path: Path, part: str, last_row: int) -> dict[tuple[int, int], str]:
    """(1-based row, 0-based column) -> number format, for rows up to ``last_row``.

    ``part`` is the zip member of the worksheet. Cells in "General" are left out.
    """
    found: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            styles = _style_formats(zf)
            if not styles:
                return found
            with zf.open(part) as fh:
                carry = b""
                while chunk := fh.read(_CHUNK):
                    data = carry + chunk
                    cut = data.rfind(b"<")
                    data, carry = (data[:cut], data[cut:]) if cut > 0 else (b"", data)
                    if not _cells(data, styles, found, last_row):
                        return found
                _cells(carry, styles, found, last_row)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}
    return found


def _cells(data: bytes, styles: list[str], found: dict[tuple[int, int], str], last: int) -> bool:
    """Add the formats of the cells in ``data``; False once past ``last``."""
    for m in _CELL.finditer(data):
        attrs = m.group(1)
        ref = _REF.search(attrs)
        if ref is None:
            continue
        row = int(ref.group(2))
        if row > last:
            return False
        style = _STYLE.search(attrs)
        if style is None:
            continue
        index = int(style.group(1))
        fmt = styles[index] if index < len(styles) else "General"
        if fmt and fmt != "General":
            found[(row, _column_index(ref.group(1)))] = fmt
    rows = _ROW.findall(data)
    return not rows or int(rows[-1]) <= last
