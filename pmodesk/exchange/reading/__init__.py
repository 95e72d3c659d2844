"""The reading layer of the Excel importer: a file in, clean tables with their provenance out.

Nothing here writes to the workspace. The mapping, validation and wizard build on
this API::

    from pmodesk.exchange.reading import open_book, parse_date, infer_date_order

    with open_book(path, progress=on_progress, cancelled=is_cancelled) as book:
        book.notes                      # ["The workbook contains macros; they were ignored and never run.", ...]
        for info in book.default_sheets():   # visible worksheets; book.sheets lists all (hidden, chart)
            table = book.read_table(info.name)          # or header_row=6 to override detection
            table.header_row, [c.name for c in table.columns]
            for row in table.rows:                       # Row(number=sheet row, cells=..., hidden=...)
                ref = table.ref(row, 0)                  # CellRef: sheet, row, column letter/name, raw value
            table.skipped                                # SkippedRow(number, reason, text)

    # Big sheets: the same, streamed with bounded memory.
    stream = book.open_table("Register")
    for row in stream: ...
    stream.skipped, stream.trailing_blank_rows

Files (:func:`open_book`): .xlsx, .xlsm (macros never run; reported), .xlsb, .xls,
.ods, Strict Open XML (through calamine) and .csv/.tsv/.txt (encoding and separator
detected). A file that cannot be read raises :class:`ReadError` with one sentence;
a read stopped through ``cancelled()`` raises :class:`ReadCancelled`.

Tables (:meth:`Book.read_table`, :meth:`Book.open_table`): the header row is found
below titles and blank rows (:func:`detect_header`), merged and two-row headers
give names such as "Plan start" (:func:`build_columns`), repeated names are made
unique ("Sprint", "Sprint (2)"). Cells hold the values as read (text untrimmed,
numbers, dates, None for empty); formulas give their cached values. Blank rows,
totals rows, section separators, header continuation rows, a header repeated
inside the table, and what lies below the table (under its totals, a second
table whose header comes back after a gap, a footer such as "Last updated:
...") are skipped with a :class:`SkipReason`; hidden rows are kept and flagged
(``Row.hidden``). Large .xlsx sheets get their hidden rows and the number
formats of their first rows from the sheet's XML (:mod:`formats`), not openpyxl.

Values (:mod:`values`): :func:`parse_date` (dates, serials in the 1900 or 1904
system, ISO / day-first / month-first text with ambiguity reported),
:func:`infer_date_order` for a column, :func:`parse_duration`,
:func:`is_empty_marker` (TBD, n/a, -). Numbers (:mod:`numbers`):
:func:`parse_number`, :func:`parse_percent`, :func:`parse_money`, each read by
the style of its column (:func:`infer_number_style`: "1.234,5" or "1,234.5").
"""

from __future__ import annotations

from pmodesk.exchange.reading.files import DEFAULT_MAX_BYTES, FileKind
from pmodesk.exchange.reading.header import (
    HeaderGuess,
    build_columns,
    combine_names,
    detect_header,
    make_unique,
    normalise_header,
)
from pmodesk.exchange.reading.numbers import (
    NUMBER_DOUBT,
    NumberStyle,
    ParsedNumber,
    PercentScale,
    ambiguous_number_note,
    infer_number_style,
    parse_money,
    parse_number,
    parse_percent,
)
from pmodesk.exchange.reading.tables import (
    CellRef,
    CellValue,
    Column,
    ReadCancelled,
    ReadError,
    Row,
    SheetInfo,
    SkippedRow,
    SkipReason,
    Table,
    TableInfo,
    Visibility,
    column_letter,
)
from pmodesk.exchange.reading.values import (
    EMPTY_MARKERS,
    DateOrder,
    ParsedDate,
    ParsedDuration,
    clean_text,
    infer_date_order,
    is_empty_marker,
    parse_date,
    parse_duration,
    serial_to_date,
)
from pmodesk.exchange.reading.workbook import Book, TableStream, open_book

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EMPTY_MARKERS",
    "NUMBER_DOUBT",
    "Book",
    "CellRef",
    "CellValue",
    "Column",
    "DateOrder",
    "FileKind",
    "HeaderGuess",
    "NumberStyle",
    "ParsedDate",
    "ParsedDuration",
    "ParsedNumber",
    "PercentScale",
    "ReadCancelled",
    "ReadError",
    "Row",
    "SheetInfo",
    "SkipReason",
    "SkippedRow",
    "Table",
    "TableInfo",
    "TableStream",
    "Visibility",
    "ambiguous_number_note",
    "build_columns",
    "clean_text",
    "column_letter",
    "combine_names",
    "detect_header",
    "infer_date_order",
    "infer_number_style",
    "is_empty_marker",
    "make_unique",
    "normalise_header",
    "open_book",
    "parse_date",
    "parse_duration",
    "parse_money",
    "parse_number",
    "parse_percent",
    "serial_to_date",
]
