"""A data sheet: an Excel table with typed columns, a frozen header, filters and validation lists.

:func:`write_table` streams rows into a new sheet of a :class:`BookWriter`:
dates as date cells, money with the workspace's currency format, percentages
as percentages, booleans as TRUE/FALSE; user text that would run as a formula
gets the quote prefix (:mod:`.cells`). Enum and stage columns carry a list
validation so that edits stay valid, RAG columns are coloured by conditional
formatting, and the column mapping is recorded for ``_pmodesk``. On a
protected sheet (status requests) the cells a person may edit are unlocked and
tinted; everything else stays locked.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from pmodesk.exchange.writing.book import BookWriter
from pmodesk.exchange.writing.cells import converter, needs_quote
from pmodesk.exchange.writing.styles import (
    BOOL_FORMAT,
    DATE_FORMAT,
    DATETIME_FORMAT,
    EDITABLE_FILL,
    HEADER,
    LOCKED_FILL,
    PERCENT_DECIMAL_FORMAT,
    PERCENT_FORMAT,
    RAG_COLOURS,
    apply,
    font,
    money_format,
    solid,
)
from pmodesk.services.exporting import ValueKind

LAST_ROW = 1_048_576
LINE_HEIGHT = 15.0
#: Sheets with more columns print on A3 (openpyxl's paper size code "8").
WIDE_SHEET = 14
PAPER_A3 = "8"
MAX_LINES = 8
#: Rows between progress reports (and cancel checks).
PROGRESS_ROWS = 1_000
MAX_WIDTH = 50.0
MIN_WIDTH = 6.0
#: Characters sampled per column to size it.
WIDTH_SAMPLE = 2_000

_FIXED_WIDTHS = {
    ValueKind.DATE: 11.5,
    ValueKind.DATETIME: 19.0,
    ValueKind.BOOL: 9.0,
    ValueKind.PERCENT: 9.0,
    ValueKind.MONEY: 16.0,
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a data sheet.

    ``field`` is the field key listed in ``_pmodesk`` (``None``: an information
    column the importer ignores); ``choices`` make a drop-down list; ``editable``
    matters on protected sheets only.
    """

    header: str
    kind: ValueKind
    field: str | None = None
    choices: tuple[str, ...] = ()
    editable: bool = True
    width: float | None = None
    rag: bool = False
    wrap: bool = False


def _number_format(
    column: Column, currency: str, rows: Sequence[Sequence[Any]], at: int, protect: bool
) -> str | None:
    """The number format of a column; plain numbers and text keep Excel's General."""
    kind = column.kind
    if kind is ValueKind.DATE:
        return DATE_FORMAT
    if kind is ValueKind.DATETIME:
        return DATETIME_FORMAT
    if kind is ValueKind.MONEY:
        return money_format(currency)
    if kind is ValueKind.PERCENT:
        whole = all(r[at] is None or float(r[at]).is_integer() for r in rows[:WIDTH_SAMPLE])
        return PERCENT_FORMAT if whole else PERCENT_DECIMAL_FORMAT
    if kind is ValueKind.BOOL and protect:
        # A styled boolean with the General format reads 0/1 in LibreOffice.
        return BOOL_FORMAT
    return None


def _width(column: Column, rows: Sequence[Sequence[Any]], at: int) -> float:
    header = len(column.header) * 1.15 + 3
    if column.width is not None:
        return column.width
    if column.kind in _FIXED_WIDTHS:
        return max(_FIXED_WIDTHS[column.kind], min(header, 22))
    lengths = sorted(
        len(str(r[at]).split("\n", 1)[0]) for r in rows[:WIDTH_SAMPLE] if r[at] is not None
    )
    typical = lengths[int(len(lengths) * 0.9)] if lengths else 0
    return max(MIN_WIDTH, min(MAX_WIDTH, max(typical * 1.1 + 2, min(header, 24))))


class _ColumnCells:
    """The reusable styled cells of one column (a cell is written before the next is filled)."""

    def __init__(
        self, sheet: Any, column: Column, fmt: str | None, protect: bool, top: bool
    ) -> None:
        self.convert = converter(column.kind)
        unlocked = protect and column.editable
        wrap: bool | None = column.wrap or (None if not top else False)
        self.styled = fmt is not None or protect or top
        self.cell = self._make(sheet, fmt, protect, unlocked, wrap, quote=False)
        self.quoted = self._make(sheet, fmt, protect, unlocked, wrap, quote=True)
        blank = self._make(sheet, fmt, protect, unlocked, wrap, quote=False)
        self.blank = blank if protect else None

    @staticmethod
    def _make(
        sheet: Any,
        fmt: str | None,
        protect: bool,
        unlocked: bool,
        wrap: bool | None,
        *,
        quote: bool,
    ) -> Any:
        """A cell of the column; ``wrap`` None leaves alignment alone, else aligns to the top."""
        cell = WriteOnlyCell(sheet)
        if fmt is not None:
            cell.number_format = fmt
        if unlocked:
            cell.protection = Protection(locked=False)
            cell.fill = solid(EDITABLE_FILL)
        elif protect:
            cell.fill = solid(LOCKED_FILL)
        if wrap is not None:
            cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        if quote:
            cell.quotePrefix = True
        return cell

    def value(self, raw: Any) -> Any:
        value = self.convert(raw)
        if value is None:
            return self.blank
        if isinstance(value, str):
            if needs_quote(value):
                self.quoted.value = value
                self.quoted.data_type = "s"
                return self.quoted
            if not self.styled and value not in ERROR_CODES:
                return value
            self.cell.value = value
            self.cell.data_type = "s"  # "#N/A" typed by a person is text, not an error
            return self.cell
        if not self.styled:
            return value
        self.cell.value = value
        return self.cell


def wrapped_lines(value: Any, width: float) -> int:
    """How many lines ``value`` wraps to in a column ``width`` characters wide (an estimate)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))


def write_table(
    book: BookWriter,
    title: str,
    kind: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    *,
    table_name: str,
    currency: str,
    protect: bool = False,
    before: Callable[[Any], None] | None = None,
) -> Any:
    """Write ``rows`` (domain values, one per column) as sheet ``title``; returns the sheet.

    ``before(sheet)`` runs before the first row (column sizes and panes must be
    set before a streamed sheet's rows).
    """
    sheet = book.sheet(title)
    book.step(f"Writing {title.lower()}")
    formats = [_number_format(c, currency, rows, n, protect) for n, c in enumerate(columns)]
    for n, column in enumerate(columns):
        sheet.column_dimensions[get_column_letter(n + 1)].width = _width(column, rows, n)
    sheet.freeze_panes = "B2"
    landscape(sheet)
    if len(columns) > WIDE_SHEET:
        sheet.page_setup.paperSize = PAPER_A3
    sheet.print_title_rows = "1:1"
    if before is not None:
        before(sheet)
    header_cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        apply(cell, HEADER)
        header_cells.append(cell)
    sheet.row_dimensions[1].height = 30
    sheet.append(header_cells)
    top = any(c.wrap for c in columns)
    makers = [
        _ColumnCells(sheet, c, f, protect, top) for c, f in zip(columns, formats, strict=True)
    ]
    width = len(columns)
    wrapped = [(n, c.width or MAX_WIDTH) for n, c in enumerate(columns) if c.wrap]
    for count, row in enumerate(rows, start=1):
        if wrapped:
            lines = max(wrapped_lines(row[n], w) for n, w in wrapped)
            if lines > 1:
                sheet.row_dimensions[count + 1].height = LINE_HEIGHT * min(lines, MAX_LINES)
        sheet.append([m.value(v) for m, v in zip(makers, row, strict=True)])
        if count % PROGRESS_ROWS == 0:
            book.advance(PROGRESS_ROWS * width)
    book.advance((len(rows) % PROGRESS_ROWS) * width)
    last = get_column_letter(width)
    end = max(len(rows) + 1, 2)
    _add_table(sheet, table_name, columns, f"A1:{last}{end}")
    _add_validations(book, sheet, columns)
    _colour_rag(sheet, columns, end)
    if protect:
        _protect(sheet)
    for column in columns:
        if column.field is not None:
            book.add_mapping(title, kind, column.header, column.field)
    return sheet


def _add_table(sheet: Any, name: str, columns: Sequence[Column], ref: str) -> None:
    table = Table(displayName=name, ref=ref)
    table.tableColumns = [TableColumn(id=n, name=c.header) for n, c in enumerate(columns, 1)]
    table.tableStyleInfo = TableStyleInfo(
        name="TableStyleLight1", showRowStripes=True, showColumnStripes=False
    )
    from openpyxl.worksheet.filters import AutoFilter

    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "add table columns manually": done above
        sheet.add_table(table)


#: Typed columns a person edits get a validation that keeps the cell's type.
_TYPED_RULES: dict[ValueKind, dict[str, str]] = {
    ValueKind.DATE: {
        "type": "date",
        "operator": "greaterThanOrEqual",
        "formula1": "1",
        "error": "Enter a date, such as 2026-12-31.",
    },
    ValueKind.PERCENT: {
        "type": "decimal",
        "operator": "between",
        "formula1": "0",
        "formula2": "1",
        "error": "Enter a percentage from 0 % to 100 %.",
    },
    ValueKind.MONEY: {
        "type": "decimal",
        "operator": "greaterThanOrEqual",
        "formula1": "0",
        "error": "Enter an amount of 0 or more.",
    },
}


def _add_validations(book: BookWriter, sheet: Any, columns: Sequence[Column]) -> None:
    for n, column in enumerate(columns, 1):
        letter = get_column_letter(n)
        typed = _TYPED_RULES.get(column.kind)
        if typed is not None and column.field is not None and column.editable:
            rule = DataValidation(
                allow_blank=True, showErrorMessage=True, errorTitle=column.header, **typed
            )
            rule.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.data_validations.append(rule)
        if not column.choices:
            continue
        shown = ", ".join(column.choices[:8]) + (" …" if len(column.choices) > 8 else "")
        validation = DataValidation(
            type="list",
            formula1=book.list_formula(column.choices),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{column.header}: not on the list",
            error=f"Choose one of: {shown}."[:255],
        )
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.data_validations.append(validation)


def _colour_rag(sheet: Any, columns: Sequence[Column], end: int) -> None:
    for n, column in enumerate(columns, 1):
        if not column.rag:
            continue
        letter = get_column_letter(n)
        target = f"{letter}2:{letter}{max(end, 2)}"
        for rag, (fill, text) in RAG_COLOURS.items():
            rule = CellIsRule(
                operator="equal",
                formula=[f'"{rag.capitalize()}"'],
                fill=solid(fill),
                font=font(bold=True, color=text),
            )
            sheet.conditional_formatting.add(target, rule)


def _protect(sheet: Any) -> None:
    """Lock the sheet without a password: filters, sorting and column widths stay usable."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False
    protection.sort = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def landscape(sheet: Any) -> None:
    """Printed (or turned into a PDF) across the page: landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def mapped_columns(columns: Iterable[Column]) -> list[Column]:
    return [c for c in columns if c.field is not None]
