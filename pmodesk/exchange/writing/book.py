"""One workbook being written: streamed sheets, progress and cancel, the ``_pmodesk`` sheet, saving.

Every workbook pmodesk writes goes through :class:`BookWriter`. Sheets are
streamed (openpyxl's write-only mode), so a 100,000-row sheet never sits in
memory as cell objects; the writer counts cells for the progress callback,
checks ``cancelled()`` between rows, records the column mapping of every data
sheet and, last, adds the hidden ``_pmodesk`` sheet the importer reads (see
``/tmp/contract_import.md``): A1 ``pmodesk``, B1 the format version, the
key/value rows, a blank row, then ``sheet | kind | column | field`` per column.
Saving goes through :func:`~pmodesk.exchange.writing.safe_file.replaced_atomically`.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pmodesk.exchange.writing.cells import clean_text, needs_quote
from pmodesk.exchange.writing.safe_file import replaced_atomically
from pmodesk.exchange.writing.styles import CellStyle, apply
from pmodesk.services.exporting import ExportCancelled

META_SHEET = "_pmodesk"
LISTS_SHEET = "_lists"
FORMAT_VERSION = 1
#: Inline validation lists longer than this go to the hidden ``_lists`` sheet (Excel's limit is 255).
INLINE_LIST_LIMIT = 240

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class MappingRow:
    """One data column as the ``_pmodesk`` sheet lists it."""

    sheet: str
    kind: str
    column: str
    field: str


@dataclass
class BookWriter:
    """A write-only workbook with progress over ``total`` cells (see the module docstring)."""

    total: int = 0
    progress: Progress | None = None
    cancelled: Cancelled | None = None
    workbook: Workbook = field(default_factory=lambda: Workbook(write_only=True))
    mappings: list[MappingRow] = field(default_factory=list)
    lists: list[tuple[str, ...]] = field(default_factory=list)
    done: int = 0
    message: str = ""

    def __enter__(self) -> BookWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        if kind is not None:
            self.discard()

    def discard(self) -> None:
        """Close the half-written sheets and remove their temporary files (after an error or cancel).

        Streamed sheets hold open XML writers; left to the garbage collector they
        close in the wrong order and print errors.
        """
        for sheet in self.workbook.worksheets:
            rows = getattr(sheet, "_rows", None)
            writer = getattr(sheet, "_writer", None)
            with contextlib.suppress(Exception):
                if rows is not None:
                    rows.close()
            with contextlib.suppress(Exception):
                if writer is not None:
                    writer.close()
                    writer.cleanup()

    def sheet(self, title: str) -> WriteOnlyWorksheet:
        return self.workbook.create_sheet(title)

    def cell(
        self, sheet: WriteOnlyWorksheet, value: Any = None, style: CellStyle | None = None
    ) -> Any:
        """A cell for ``sheet.append``; text always stays text (see :func:`text_cell`)."""
        cell = WriteOnlyCell(sheet)
        if style is not None:
            apply(cell, style)
        set_value(cell, value)
        return cell

    def step(self, message: str) -> None:
        """A new stage of the work: report it (and stop if the person cancelled)."""
        self.message = message
        self.advance(0)

    def advance(self, cells: int) -> None:
        """``cells`` more cells written; report progress and honour a cancel."""
        self.done += cells
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("The export was cancelled; nothing was written.")
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, self.message)

    def list_formula(self, choices: tuple[str, ...]) -> str:
        """The ``formula1`` of a list validation: inline when short, else a range of ``_lists``."""
        inline = ",".join(choices)
        if len(inline) <= INLINE_LIST_LIMIT and not any("," in c or '"' in c for c in choices):
            return f'"{inline}"'
        if choices not in self.lists:
            self.lists.append(choices)
        column = self.lists.index(choices) + 1
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(column)
        return f"{LISTS_SHEET}!${letter}$1:${letter}${max(len(choices), 1)}"

    def add_mapping(self, sheet: str, kind: str, column: str, field_key: str) -> None:
        self.mappings.append(MappingRow(sheet, kind, column, field_key))

    def _write_lists(self) -> None:
        if not self.lists:
            return
        sheet = self.sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        longest = max(len(c) for c in self.lists)
        for n in range(longest):
            sheet.append([text_cell(sheet, c[n]) if n < len(c) else None for c in self.lists])

    def _write_meta(self, info: dict[str, str]) -> None:
        sheet = self.sheet(META_SHEET)
        sheet.sheet_state = "hidden"
        sheet.append(["pmodesk", FORMAT_VERSION])
        for key, value in info.items():
            sheet.append([key, text_cell(sheet, value)])
        sheet.append([])
        sheet.append(["sheet", "kind", "column", "field"])
        for row in self.mappings:
            sheet.append(
                [text_cell(sheet, v) for v in (row.sheet, row.kind, row.column, row.field)]
            )

    def save(self, path: Path, info: dict[str, str]) -> Path:
        """Add the hidden sheets and write the workbook to ``path`` atomically."""
        self._write_lists()
        self._write_meta(info)
        self.step("Saving the workbook")
        with replaced_atomically(path) as temporary, warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            self.workbook.save(temporary)
        return path


def set_value(cell: Any, value: Any) -> None:
    """Put ``value`` in ``cell``; text that a spreadsheet would run gets the quote prefix."""
    if isinstance(value, str):
        value = clean_text(value)
        cell.value = value
        cell.data_type = "s"
        if needs_quote(value):
            cell.quotePrefix = True
    else:
        cell.value = value


def text_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """``value`` ready for ``sheet.append``: a guarded cell for text, the value itself otherwise."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet)
        set_value(cell, value)
        return cell
    return value


def exported_stamp() -> str:
    """The ``exported`` value of ``_pmodesk``: now, in UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
