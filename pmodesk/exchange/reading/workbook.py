"""Opening a workbook or CSV file and reading its sheets as tables, row by row.

Cell values come from calamine (fast, and the only reader here that handles Strict
Open XML, .xls, .xlsb and .ods); openpyxl is asked only for what calamine does not
report (hidden rows and columns, number formats, drop-down lists) and only for
.xlsx/.xlsm files of a moderate size. CSV files are read with the csv module after
their encoding and separator are detected. Formulas are read by their cached
values; nothing is ever evaluated or run.
"""

from __future__ import annotations

import codecs
import csv
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from pmodesk.exchange.reading.files import (
    DEFAULT_MAX_BYTES,
    FileCheck,
    FileKind,
    check_file,
)
from pmodesk.exchange.reading.header import (
    HEADER_SCAN_ROWS,
    LOOKAHEAD_ROWS,
    HeaderGuess,
    build_columns,
    detect_header,
    is_blank,
)
from pmodesk.exchange.reading.stream import PROGRESS_EVERY, SheetMeta, TableStream, _Source
from pmodesk.exchange.reading.tables import (
    CancelCallback,
    CellValue,
    Column,
    ProgressCallback,
    ReadError,
    SheetInfo,
    Table,
    TableInfo,
    Visibility,
)

__all__ = ["METADATA_LIMIT", "PROGRESS_EVERY", "Book", "TableStream", "open_book"]

#: openpyxl loads the whole workbook (a second per megabyte of worksheet XML); above this
#: much it is not asked, and hidden rows and number formats are read from the XML directly.
METADATA_LIMIT = 512 * 1024
#: Number formats are read for this many rows under the header.
FORMAT_ROWS = 50
_GRID_ROWS = HEADER_SCAN_ROWS + LOOKAHEAD_ROWS + 2


class _CalamineSource(_Source):
    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet
        start = sheet.start
        self._col0 = start[1] if start else 0
        self.height = int(sheet.total_height) + 1 if start else 0
        self.merged = list(sheet.merged_cell_ranges or ())

    def rows(self) -> Iterator[list[CellValue]]:
        if not self.height:
            return
        pad: list[CellValue] = [None] * self._col0
        # calamine yields rows from sheet row 1, and columns from the first used column
        for raw in self._sheet.iter_rows():
            yield (
                pad + [None if v == "" else v for v in raw]
                if pad
                else [None if v == "" else v for v in raw]
            )


class _CsvSource(_Source):
    def __init__(
        self, path: Path, encoding: str, dialect: type[csv.Dialect] | csv.Dialect, height: int
    ):
        self._path, self._encoding, self._dialect = path, encoding, dialect
        self.height = height

    def rows(self) -> Iterator[list[CellValue]]:
        with self._path.open(encoding=self._encoding, newline="") as fh:
            for raw in csv.reader(fh, self._dialect):
                yield [None if v == "" else v for v in raw]


# ---------------------------------------------------------------- the book


def open_book(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressCallback | None = None,
    cancelled: CancelCallback | None = None,
) -> Book:
    """Open a workbook (.xlsx, .xlsm, .xls, .xlsb, .ods) or a CSV file for reading.

    Raises :class:`ReadError` with one sentence when the file is not a workbook, is
    password-protected, damaged, too large or hostile. ``progress`` and ``cancelled``
    are used by every table read from the book.
    """
    path = Path(path)
    check = check_file(path, max_bytes=max_bytes)
    if check.kind is FileKind.CSV:
        return _open_csv(check, progress, cancelled)
    return _open_calamine(check, progress, cancelled)


class Book:
    """An open workbook: its sheets, what is worth telling the user about it, and its tables."""

    def __init__(
        self,
        check: FileCheck,
        sheets: list[SheetInfo],
        sources: dict[str, Any],
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCallback | None = None,
        closer: Any = None,
    ) -> None:
        self.path = check.path
        self.kind = check.kind
        self.date1904 = check.date1904
        self.strict_ooxml = check.strict_ooxml
        self.macros = check.macros
        self.notes: list[str] = list(check.notes)
        self.sheets = sheets
        self._check = check
        self._sources = sources
        self._progress = progress
        self._cancelled = cancelled
        self._closer = closer
        self._openpyxl: Any = None
        self._openpyxl_tried = False
        self._metas: dict[tuple[str, int], SheetMeta | None] = {}

    # -- sheets

    def sheet(self, name: str) -> SheetInfo:
        """The sheet called ``name``; a ReadError names the sheets there are when it does not exist."""
        for info in self.sheets:
            if info.name == name:
                return info
        names = ", ".join(f'"{s.name}"' for s in self.sheets)
        raise ReadError(f'"{self.path.name}" has no sheet called "{name}" (it has {names}).')

    def default_sheets(self) -> list[SheetInfo]:
        """The sheets picked unless the user chooses: visible worksheets that hold something."""
        return [s for s in self.sheets if s.selectable]

    # -- reading

    def _source(self, name: str) -> _Source:
        info = self.sheet(name)
        if info.visibility is Visibility.CHART:
            raise ReadError(f'"{name}" is a chart sheet; it holds no table to import.')
        source = self._sources[name]
        if callable(source):
            source = source()
            self._sources[name] = source
        assert isinstance(source, _Source)
        return source

    def grid(self, sheet: str, rows: int = _GRID_ROWS) -> list[list[CellValue]]:
        """The first ``rows`` rows of a sheet as a grid (row 0 = sheet row 1, column 0 = A)."""
        return list(islice(self._source(sheet).rows(), rows))

    def detect_header(self, sheet: str) -> HeaderGuess:
        """Guess the header row of ``sheet``."""
        source = self._source(sheet)
        return detect_header(self.grid(sheet), merged=source.merged)

    def open_table(
        self, sheet: str, *, header_row: int | None = None, two_row: bool | None = None
    ) -> TableStream:
        """Start reading ``sheet`` as a table; rows are produced as the stream is iterated.

        ``header_row`` (1-based, as Excel shows it) overrides the detected header;
        ``two_row`` forces or forbids a group-label row above it.
        """
        source = self._source(sheet)
        grid = self.grid(sheet)
        if not any(any(not is_blank(v) for v in row) for row in grid):
            raise ReadError(f'The sheet "{sheet}" is empty.')
        notes: list[str] = []
        if header_row is None:
            guess = detect_header(grid, merged=source.merged)
            if guess.confidence < 0.3:
                notes.append(
                    f"The header row of {sheet} is uncertain (row {guess.row} was taken); "
                    "check it before importing."
                )
        else:
            if header_row < 1 or header_row > max(source.height, 1):
                raise ReadError(
                    f'Row {header_row} is outside the sheet "{sheet}" ({source.height} rows).'
                )
            if header_row > len(grid):
                grid = list(islice(source.rows(), header_row + LOOKAHEAD_ROWS))
            auto = detect_header(grid[header_row - 2 : header_row + LOOKAHEAD_ROWS], merged=())
            guess = HeaderGuess(header_row, 1.0, header_row > 1 and auto.two_row and auto.row == 2)
        if two_row is not None:
            guess = HeaderGuess(guess.row, guess.confidence, two_row and guess.row > 1)
        columns = build_columns(grid, guess.row, two_row=guess.two_row, merged=source.merged)
        meta = self._meta(sheet, guess.row)
        if meta is not None:
            columns = _decorate(columns, meta, guess.row)
        header_rows = (guess.row - 1, guess.row) if guess.two_row else (guess.row,)
        info = TableInfo(sheet, guess.row, header_rows, columns, guess.confidence, notes)
        return TableStream(info, source, meta, progress=self._progress, cancelled=self._cancelled)

    def read_table(
        self, sheet: str, *, header_row: int | None = None, two_row: bool | None = None
    ) -> Table:
        """Read ``sheet`` whole as a :class:`Table` (see :meth:`open_table`)."""
        return self.open_table(sheet, header_row=header_row, two_row=two_row).collect()

    # -- openpyxl metadata

    def _meta(self, sheet: str, header_row: int) -> SheetMeta | None:
        """Hidden rows and columns, number formats and drop-down lists (.xlsx/.xlsm only).

        openpyxl loads the whole workbook, so it is asked only when the worksheets
        are small; a large sheet gets its hidden rows and columns from a quick scan of
        its XML, the number formats of the rows under its header from the start of
        that XML, and no drop-down lists. The answer is kept per sheet and header row.
        """
        key = (sheet, header_row)
        if key in self._metas:
            return self._metas[key]
        self._metas[key] = meta = self._read_meta(sheet, header_row)
        return meta

    def _read_meta(self, sheet: str, header_row: int) -> SheetMeta | None:
        if self.kind is not FileKind.XLSX or self.strict_ooxml:
            return None
        if self._check.sheet_xml_bytes > METADATA_LIMIT:
            if not self._openpyxl_tried:
                self._openpyxl_tried = True
                self.notes.append("The workbook is large, so drop-down lists were not read.")
            return _scan_meta(self.path, sheet, header_row + FORMAT_ROWS)
        if not self._openpyxl_tried:
            self._openpyxl_tried = True
            self._openpyxl = _load_openpyxl(self.path)
            if self._openpyxl is None:
                self.notes.append(
                    "Hidden rows and number formats could not be read; every row is read."
                )
        if self._openpyxl is None or sheet not in self._openpyxl.sheetnames:
            return None
        ws = self._openpyxl[sheet]
        return _sheet_meta(ws) if hasattr(ws, "row_dimensions") else None

    def close(self) -> None:
        """Release the file."""
        if self._closer is not None:
            self._closer()
            self._closer = None
        self._openpyxl = None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_calamine(
    check: FileCheck, progress: ProgressCallback | None, cancelled: CancelCallback | None
) -> Book:
    import python_calamine as pc

    name = check.path.name
    try:
        wb = pc.CalamineWorkbook.from_path(str(check.path))
        metadata = wb.sheets_metadata
    except pc.PasswordError:
        raise ReadError(
            f'"{name}" is password-protected; remove the password and try again.'
        ) from None
    except (pc.ZipError, pc.XmlError):
        raise ReadError(f'"{name}" is damaged and cannot be read as a workbook.') from None
    except (pc.CalamineError, ValueError, OSError) as exc:
        detail = str(exc).split("\n")[0][:120]
        raise ReadError(f'"{name}" cannot be read as a workbook ({detail}).') from None
    sheets: list[SheetInfo] = []
    sources: dict[str, Any] = {}
    for index, meta in enumerate(metadata):
        visibility = _visibility(meta)
        rows = cols = 0
        if visibility is not Visibility.CHART:
            try:
                sheet = wb.get_sheet_by_name(meta.name)
            except Exception:
                raise ReadError(f'The sheet "{meta.name}" of "{name}" is damaged.') from None
            if sheet.start is not None:
                rows, cols = int(sheet.total_height) + 1, int(sheet.total_width) + 1
            sources[meta.name] = _CalamineSource(sheet)
        sheets.append(SheetInfo(meta.name, index, visibility, rows, cols))
    book = Book(check, sheets, sources, progress=progress, cancelled=cancelled, closer=wb.close)
    if check.strict_ooxml:
        book.notes.append(
            "The workbook is saved as Strict Open XML; it was read with calamine "
            "(hidden rows and number formats are not available)."
        )
    if check.date1904:
        book.notes.append("The workbook uses the 1904 date system; its dates were converted.")
    return book


def _visibility(meta: Any) -> Visibility:
    typ, visible = str(meta.typ), str(meta.visible)
    if "Chart" in typ:
        return Visibility.CHART
    if "VeryHidden" in visible:
        return Visibility.VERY_HIDDEN
    if "Hidden" in visible:
        return Visibility.HIDDEN
    return Visibility.VISIBLE


# ---------------------------------------------------------------- CSV


def _csv_encoding(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        decoder: codecs.IncrementalDecoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("cp1252")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            return "cp1252"
        except UnicodeDecodeError:
            return "latin-1"


def _open_csv(
    check: FileCheck, progress: ProgressCallback | None, cancelled: CancelCallback | None
) -> Book:
    path = check.path
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(64 * 1024)
        dialect: type[csv.Dialect] | csv.Dialect
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
        fh.seek(0)
        height = width = 0
        try:
            for row in csv.reader(fh, dialect):
                height += 1
                width = max(width, len(row))
        except csv.Error as exc:
            raise ReadError(f'"{path.name}" is not a readable CSV file ({exc}).') from None
    check.notes.append(
        f"Read as a CSV file ({_ENCODING_NAMES.get(encoding, encoding)}, "
        f"separator {_SEPARATOR_NAMES.get(dialect.delimiter, repr(dialect.delimiter))})."
    )
    name = path.stem
    info = SheetInfo(name, 0, Visibility.VISIBLE, height, width)
    source = _CsvSource(path, encoding, dialect, height)
    return Book(check, [info], {name: source}, progress=progress, cancelled=cancelled)


_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


# ---------------------------------------------------------------- openpyxl metadata


def _load_openpyxl(path: Path) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except Exception:
        return None
    if not wb.sheetnames:  # Strict Open XML: openpyxl sees no sheets and says nothing
        return None
    return wb


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(r|min|max|hidden)="([^"]*)"')
_SCAN_CHUNK = 1 << 20


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding the worksheet called ``sheet``."""
    from defusedxml import ElementTree

    rel_id = None
    for el in ElementTree.fromstring(zf.read("xl/workbook.xml")).iter():
        if el.tag.endswith("}sheet") and el.get("name") == sheet:
            rel_id = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
    if rel_id is None:
        return None
    for el in ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels")).iter():
        if el.get("Id") == rel_id:
            target = el.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _scan_meta(path: Path, sheet: str, last_row: int) -> SheetMeta | None:
    """Hidden rows and columns from a scan of the sheet's XML, formats of its first rows."""
    from pmodesk.exchange.reading.formats import head_formats

    meta = _scan_hidden(path, sheet)
    if meta is None:
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_part(zf, sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        part = None
    if part is not None:
        meta.formats = head_formats(path, part, last_row)
    return meta


def _scan_hidden(path: Path, sheet: str) -> SheetMeta | None:
    """Hidden rows and columns of a large sheet, from its row and col tags, read in chunks."""
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_part(zf, sheet)
            if part is None:
                return None
            with zf.open(part) as fh:
                carry = b""
                while chunk := fh.read(_SCAN_CHUNK):
                    data = carry + chunk
                    cut = data.rfind(b"<")
                    if cut <= 0:
                        carry = data
                        continue
                    data, carry = data[:cut], data[cut:]
                    _hidden_tags(data, hidden_rows, hidden_cols)
                _hidden_tags(carry, hidden_rows, hidden_cols)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return SheetMeta(frozenset(hidden_rows), frozenset(hidden_cols))


def _hidden_tags(data: bytes, rows: set[int], cols: set[int]) -> None:
    if b"hidden" not in data:
        return
    for pattern, is_row in ((_ROW_TAG, True), (_COL_TAG, False)):
        for tag in pattern.finditer(data):
            attrs = dict(_ATTR.findall(tag.group()))
            if attrs.get(b"hidden") not in (b"1", b"true"):
                continue
            if is_row and attrs.get(b"r", b"").isdigit():
                rows.add(int(attrs[b"r"]))
            elif not is_row and attrs.get(b"min", b"").isdigit():
                lo = int(attrs[b"min"])
                hi = int(attrs.get(b"max", b"0")) if attrs.get(b"max", b"").isdigit() else lo
                cols.update(range(lo - 1, min(hi, 16384)))


def _sheet_meta(ws: Any) -> SheetMeta:
    from openpyxl.utils import column_index_from_string
    from openpyxl.worksheet.cell_range import CellRange

    hidden_rows = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden)
    hidden_cols: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if dim.hidden:
            lo = dim.min or column_index_from_string(key)
            hi = dim.max or lo
            hidden_cols.update(range(lo - 1, hi))
    lists: list[tuple[tuple[int, int, int, int], tuple[str, ...]]] = []
    for dv in ws.data_validations.dataValidation:
        formula = (dv.formula1 or "").strip()
        if dv.type != "list" or not (formula.startswith('"') and formula.endswith('"')):
            continue
        items = tuple(i.strip() for i in formula[1:-1].split(",") if i.strip())
        for rng in str(dv.sqref).split():
            cr = CellRange(rng)
            lists.append(((cr.min_row, cr.min_col - 1, cr.max_row, cr.max_col - 1), items))
    return SheetMeta(hidden_rows, frozenset(hidden_cols), _formats(ws), lists)


def _formats(ws: Any) -> dict[tuple[int, int], str]:
    formats: dict[tuple[int, int], str] = {}
    for (r, c), cell in list(ws._cells.items())[:200_000]:
        fmt = cell.number_format
        if fmt and fmt != "General":
            formats[(r, c - 1)] = fmt
    return formats


def _decorate(columns: list[Column], meta: SheetMeta, header_row: int) -> list[Column]:
    out: list[Column] = []
    first, last = header_row + 1, header_row + 50
    for col in columns:
        seen = Counter(
            fmt for (r, c), fmt in meta.formats.items() if c == col.index and first <= r <= last
        )
        number_format = seen.most_common(1)[0][0] if seen else None
        allowed = next(
            (
                items
                for (r0, c0, r1, c1), items in meta.lists
                if c0 <= col.index <= c1 and r0 <= first <= r1
            ),
            None,
        )
        out.append(
            Column(
                col.index,
                col.letter,
                col.name,
                col.source_names,
                number_format,
                allowed,
                col.index in meta.hidden_cols,
            )
        )
    return out
