"""A produced project document as a workbook: its fields as a form, its sections as text.

One sheet, read top to bottom like the printed document: the title and the
project, the template's purpose, a *Fields* table (label, value, where the
value came from) with dates, amounts and per cents as real numbers, then one
block per section with its guidance and text. The look is the one every
pmodesk workbook shares (:mod:`pmodesk.exchange.writing.styles`), and the file
is written through a temporary file renamed into place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from pmodesk.exchange.writing.cells import clean_text, needs_quote
from pmodesk.exchange.writing.safe_file import replaced_atomically
from pmodesk.exchange.writing.styles import (
    DATE_FORMAT,
    HEADER,
    NOTE,
    NUMBER_FORMAT,
    SECTION,
    SUBTITLE,
    TITLE,
    WRAPPED,
    CellStyle,
    apply,
    font,
    money_format,
    rag_style,
)
from pmodesk.services.templates.body import SOURCES
from pmodesk.services.templates.documents import DocumentView

LABEL_WIDTH = 34
VALUE_WIDTH = 70
SOURCE_WIDTH = 24
STRONG = CellStyle(font=font(bold=True))


def _put(sheet: Worksheet, row: int, column: int, value: Any, style: CellStyle | None) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        if needs_quote(value):
            cell.quotePrefix = True  # a value starting with = stays text, never a formula
    else:
        cell.value = value
    if style is not None:
        apply(cell, style)


def _typed(view: DocumentView, kind: str, value: Any) -> tuple[Any, CellStyle | None]:
    """A field's value as the cell holds it, and the style that shows it right."""
    if value is None or value == "" or value == []:
        return None, None
    if isinstance(value, list):
        return "\n".join(str(v) for v in value), WRAPPED
    if kind == "date":
        try:
            return date.fromisoformat(str(value)), CellStyle(number_format=DATE_FORMAT)
        except ValueError:
            return str(value), None
    if kind == "money" and isinstance(value, int | float):
        return float(value), CellStyle(number_format=money_format(view.currency, decimals=False))
    if kind == "percent" and isinstance(value, int | float):
        return float(value) / 100, CellStyle(number_format="0%")
    if kind == "number" and isinstance(value, int | float):
        return float(value), CellStyle(number_format=NUMBER_FORMAT)
    if kind == "rag":
        return str(value).capitalize(), rag_style(str(value).lower())
    return str(value), WRAPPED


def write_document_workbook(view: DocumentView, destination: Path) -> Path:
    """Write ``view`` to ``destination`` (.xlsx); returns the path written."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Document"
    sheet.column_dimensions["A"].width = LABEL_WIDTH
    sheet.column_dimensions["B"].width = VALUE_WIDTH
    sheet.column_dimensions["C"].width = SOURCE_WIDTH
    sheet.sheet_view.showGridLines = False

    _put(sheet, 1, 1, view.title, TITLE)
    status = "Complete" if view.status.value == "complete" else "Draft"
    produced = f", produced {view.produced_on.isoformat()}" if view.produced_on else ""
    _put(
        sheet,
        2,
        1,
        f"{view.project_code} · {view.project_name} · {view.template_name}, template version "
        f"{view.template_version} · {status}{produced}",
        SUBTITLE,
    )
    row = 3
    if view.purpose:
        _put(sheet, row, 1, view.purpose, NOTE)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 30
    row += 2

    _put(sheet, row, 1, "Fields", SECTION)
    row += 1
    for column, header in enumerate(("Field", "Value", "Filled from"), start=1):
        _put(sheet, row, column, header, HEADER)
    row += 1
    for field in view.fields:
        value, style = _typed(view, field.type, field.value)
        _put(sheet, row, 1, field.label, STRONG)
        _put(sheet, row, 2, value, style)
        _put(sheet, row, 3, SOURCES.get(field.source, "Written by hand"), NOTE)
        if isinstance(field.value, list) and len(field.value) > 1:
            sheet.row_dimensions[row].height = min(409, 15 * len(field.value))
        row += 1

    for section in view.sections:
        row += 1
        _put(sheet, row, 1, section.title, SECTION)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        row += 1
        if section.guidance:
            _put(sheet, row, 1, section.guidance, NOTE)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        _put(sheet, row, 1, section.text or "(not written yet)", WRAPPED)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        lines = max(1, len(section.text) // 110 + section.text.count("\n") + 1)
        sheet.row_dimensions[row].height = min(409, 15 * lines)
        row += 1

    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    book.properties.title = view.title
    book.properties.creator = "pmodesk"
    with replaced_atomically(Path(destination)) as temporary:
        book.save(temporary)
    return Path(destination)
