"""The result types of the reading layer: sheets, tables, columns, rows and cell references.

A :class:`Table` is what the importer maps to records. Rows keep the 1-based row
number the user sees in Excel and columns keep their letter, so that any problem
found later can be reported as "sheet, row, column, raw value".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from pmodesk.domain.errors import DomainError

#: A value as read from a cell: text, a number, a boolean, a date or time, or None for empty.
CellValue = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

#: ``progress(done, total, message)``: rows read so far, rows in the sheet, what is happening.
ProgressCallback = Callable[[int, int, str], None]
#: ``cancelled()`` returns True when the user asked to stop.
CancelCallback = Callable[[], bool]


class ReadError(DomainError):
    """The file cannot be read as a workbook; the message is one sentence for the user."""


class ReadCancelled(DomainError):
    """Reading stopped because the user cancelled it."""

    def __init__(self, message: str = "Reading the file was cancelled.") -> None:
        super().__init__(message)


class Visibility(StrEnum):
    """How a sheet shows in Excel. Only visible worksheets are picked by default."""

    VISIBLE = "visible"
    HIDDEN = "hidden"
    VERY_HIDDEN = "very_hidden"
    CHART = "chart"


class SkipReason(StrEnum):
    """Why a row under the header is not a data row."""

    BLANK = "blank row"
    TOTALS = "totals row"
    SECTION = "section separator"
    HEADER_CONTINUATION = "header continuation"
    REPEATED_HEADER = "repeated header"
    BELOW_TABLE = "below the table"


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index (0 -> "A", 27 -> "AB")."""
    if index < 0:
        raise ValueError("column index must be 0 or more")
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """One sheet of a book as listed to the user before anything is read."""

    name: str
    index: int
    visibility: Visibility
    rows: int
    cols: int

    @property
    def selectable(self) -> bool:
        """A visible worksheet with something in it: picked by default."""
        return self.visibility is Visibility.VISIBLE and self.rows > 0


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table.

    ``index`` is the 0-based column in the sheet (A = 0), ``letter`` its Excel
    letter, ``name`` the cleaned header text, unique within the table ("" when
    the header cell is blank; :attr:`label` then says "Column A"), and
    ``source_names`` the raw header texts it came from (two for a two-row header).
    ``number_format`` is the Excel number format most data cells use (".xlsx" only),
    ``allowed_values`` the items of an in-cell drop-down list when the sheet has
    one, ``hidden`` whether Excel hides the column.
    """

    index: int
    letter: str
    name: str
    source_names: tuple[str, ...] = ()
    number_format: str | None = None
    allowed_values: tuple[str, ...] | None = None
    hidden: bool = False

    @property
    def label(self) -> str:
        """The name, or "Column X" when the header cell is blank."""
        return self.name or f"Column {self.letter}"


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: its 1-based sheet row number and one value per table column."""

    number: int
    cells: tuple[CellValue, ...]
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row under the header that is not data, with the reason and its first text."""

    number: int
    reason: SkipReason
    text: str = ""


@dataclass(frozen=True, slots=True)
class CellRef:
    """Where a value came from, for an import report: sheet, row, column and the raw value."""

    sheet: str
    row: int
    column: str
    column_name: str
    raw: CellValue

    @property
    def address(self) -> str:
        """The cell address, e.g. "B7"."""
        return f"{self.column}{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.address} ({self.column_name})"


@dataclass(slots=True)
class TableInfo:
    """Everything about a table except its rows: where it is and what its columns are."""

    sheet: str
    header_row: int
    header_rows: tuple[int, ...]
    columns: list[Column]
    confidence: float
    notes: list[str] = field(default_factory=list)

    def column(self, name: str) -> Column:
        """The column with this name (case and surrounding spaces ignored)."""
        wanted = name.strip().casefold()
        for col in self.columns:
            if col.name.casefold() == wanted:
                return col
        raise KeyError(name)

    def ref(self, row: Row, column: Column | int) -> CellRef:
        """The provenance of one cell of ``row``: ``column`` is a Column or a position in ``columns``."""
        pos = self.columns.index(column) if isinstance(column, Column) else column
        col = self.columns[pos]
        return CellRef(self.sheet, row.number, col.letter, col.label, row.cells[pos])


@dataclass(slots=True)
class Table(TableInfo):
    """A table read whole: data rows (hidden ones kept, flagged) and the rows skipped, with reasons."""

    rows: list[Row] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    def records(self) -> Iterator[dict[str, CellValue]]:
        """Each row as a mapping of column label to value."""
        labels = [c.label for c in self.columns]
        for row in self.rows:
            yield dict(zip(labels, row.cells, strict=True))
