"""A workbook's own description of its sheets: the hidden ``_pmodesk`` sheet an export writes.

A1 holds ``pmodesk`` and B1 the format version; key/value rows follow until a
blank row (``kind``, ``exported``, ``workspace``, ``period``, ``manager``);
then a header row ``sheet | kind | column | field`` and one row per data
column of every data sheet. A workbook that describes itself is imported
without guessing: only its listed sheets, with the kinds and fields it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmodesk.exchange.reading import Book, CellValue, clean_text, normalise_header

SHEET = "_pmodesk"
#: The format versions this importer reads.
VERSIONS = frozenset({"1"})
_MAX_ROWS = 20_000


@dataclass
class DescribedSheet:
    """One data sheet as the description lists it."""

    kind: str
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class Description:
    """The metadata and the data sheets of a workbook that describes itself."""

    version: str
    meta: dict[str, str]
    sheets: dict[str, DescribedSheet]


def read_description(book: Book) -> Description | None:
    """The ``_pmodesk`` description of ``book``, or None when it has none (or a foreign one)."""
    if not any(s.name == SHEET for s in book.sheets):
        return None
    grid = book.grid(SHEET, rows=_MAX_ROWS)
    if not grid or clean_text(_cell(grid[0], 0)).casefold() != "pmodesk":
        return None
    version = clean_text(_cell(grid[0], 1))
    meta: dict[str, str] = {}
    sheets: dict[str, DescribedSheet] = {}
    r = 1
    while r < len(grid) and any(clean_text(v) for v in grid[r]):
        key, value = clean_text(_cell(grid[r], 0)), clean_text(_cell(grid[r], 1))
        if key.casefold() == "sheet" and value.casefold() == "kind":
            break
        meta[key] = value
        r += 1
    while r < len(grid) and not (
        clean_text(_cell(grid[r], 0)).casefold() == "sheet"
        and clean_text(_cell(grid[r], 1)).casefold() == "kind"
    ):
        r += 1
    for row in grid[r + 1 :]:
        sheet, kind = clean_text(_cell(row, 0)), clean_text(_cell(row, 1))
        header, field_key = normalise_header(_cell(row, 2)), clean_text(_cell(row, 3))
        if not sheet or not kind:
            continue
        described = sheets.setdefault(sheet, DescribedSheet(kind))
        if header and field_key:
            described.columns[header] = field_key
    return Description(version, meta, sheets)


def find_header_row(grid: list[list[CellValue]], headers: list[str]) -> int | None:
    """The first sheet row (1-based) holding most of ``headers``; None when none does."""
    wanted = {h.casefold() for h in headers if h}
    if not wanted:
        return None
    for number, row in enumerate(grid, start=1):
        present = {normalise_header(v).casefold() for v in row if v is not None}
        if len(wanted & present) >= max(1, (len(wanted) * 4 + 4) // 5):
            return number
    return None


def _cell(row: list[CellValue], index: int) -> CellValue:
    return row[index] if index < len(row) else None
