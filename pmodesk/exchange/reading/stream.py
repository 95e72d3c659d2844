"""Reading a table row by row: which rows are data, which are totals, separators, footers.

A :class:`TableStream` walks a sheet's rows under its header and yields the data
rows, flagging hidden ones; the others are set aside with a reason (blank,
totals, section separator, header continuation, repeated header, below the
table). The table ends at a totals row followed by a gap, at a second table
(its header comes back after a gap), or at a sparse footer after a gap ("Last
updated: 12/2/19").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from pmodesk.exchange.reading.header import MergedRange, normalise_header
from pmodesk.exchange.reading.tables import (
    CancelCallback,
    CellValue,
    Column,
    ProgressCallback,
    ReadCancelled,
    Row,
    SkippedRow,
    SkipReason,
    Table,
    TableInfo,
)
from pmodesk.exchange.reading.values import clean_text

#: Progress is reported (and cancel checked) every this many rows.
PROGRESS_EVERY = 1000
_TOTALS = re.compile(r"^(grand\s+|sub-?\s*)?totals?\b|^sum\b", re.IGNORECASE)
#: A footer: a note under a table about the table.
_FOOTER = re.compile(
    r"^(last\s+)?(updated|modified|revised|printed|generated|prepared|source|notes?|key|legend)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class SheetMeta:
    """What openpyxl sees of a sheet: 1-based hidden rows, 0-based hidden columns, formats, lists."""

    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    lists: list[tuple[tuple[int, int, int, int], tuple[str, ...]]] = field(default_factory=list)


# ---------------------------------------------------------------- row sources


class _Source:
    """Rows of one sheet, padded so that index 0 is column A and the first row is sheet row 1."""

    height = 0
    merged: Sequence[MergedRange] = ()

    def rows(self) -> Iterator[list[CellValue]]:
        raise NotImplementedError


class TableStream:
    """A table being read: its header facts now, its rows as you iterate.

    Iterating yields :class:`Row` objects (hidden rows included, flagged); rows
    that are not data are added to :attr:`skipped` as they are met. Progress is
    reported and cancellation checked every :data:`PROGRESS_EVERY` rows; a
    cancelled read raises :class:`ReadCancelled`.
    """

    def __init__(
        self,
        info: TableInfo,
        source: _Source,
        meta: SheetMeta | None,
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCallback | None = None,
    ) -> None:
        self.info = info
        self.skipped: list[SkippedRow] = []
        self.trailing_blank_rows = 0
        self._source = source
        self._meta = meta
        self._progress = progress
        self._cancelled = cancelled

    @property
    def columns(self) -> list[Column]:
        """The table's columns."""
        return self.info.columns

    def __iter__(self) -> Iterator[Row]:
        info, source = self.info, self._source
        positions = [c.index for c in info.columns]
        width = len(positions)
        lo, hi = (positions[0], positions[-1] + 1) if positions else (0, 0)
        contiguous = positions == list(range(lo, hi))
        named = [c.index for c in info.columns if c.name]
        key_col = named[0] if named else positions[0] if positions else 0
        wide_merges = _wide_merges(source.merged, info.header_row)
        hidden = self._meta.hidden_rows if self._meta else frozenset()
        total = source.height
        pending_blank: list[int] = []
        filled: list[int] = []  # how many cells the data rows fill, for telling a footer
        seen_data = ended = False
        sheet = info.sheet
        headers = _header_texts(info.columns)
        header_words = frozenset(headers.values())
        rows = _Lookahead(enumerate(source.rows(), start=1))
        self._tick(0, total, sheet)
        for number, raw in rows:
            if number % PROGRESS_EVERY == 0:
                self._tick(number, total, sheet)
            if number <= info.header_row:
                continue
            if contiguous:
                cells = tuple(raw[lo:hi])
                if len(cells) < width:
                    cells += (None,) * (width - len(cells))
            else:
                cells = tuple(raw[i] if i < len(raw) else None for i in positions)
            present: list[tuple[int, CellValue]] = [
                (i, v)
                for i, v in zip(positions, cells, strict=True)
                if v is not None and (v.__class__ is not str or v.strip())
            ]
            if not present:
                pending_blank.append(number)
                continue
            if ended:
                self.skipped.append(
                    SkippedRow(number, SkipReason.BELOW_TABLE, _first_text(present))
                )
                continue
            if pending_blank:
                totals = self.skipped and self.skipped[-1].reason is SkipReason.TOTALS
                # a second table below this one: its header comes back after a gap
                another = headers and any(
                    _repeats(headers, r) for r in [raw, *rows.peek(REPEAT_LOOKAHEAD)]
                )
                footer = _classify(
                    present, key_col, seen_data, info.columns, wide_merges.get(number)
                ) is not SkipReason.SECTION and _is_footer(
                    present, filled, len(pending_blank), rows.peek(REPEAT_LOOKAHEAD)
                )
                if seen_data and (totals or another or footer):
                    ended = True
                    self.skipped.append(
                        SkippedRow(number, SkipReason.BELOW_TABLE, _first_text(present))
                    )
                    pending_blank.clear()
                    continue
                self.skipped.extend(SkippedRow(n, SkipReason.BLANK) for n in pending_blank)
                pending_blank.clear()
            lead = present[0][1]
            if (
                seen_data
                and lead.__class__ is str
                and lead.strip().casefold() in header_words
                and _repeats(headers, raw)
            ):
                self.skipped.append(
                    SkippedRow(number, SkipReason.REPEATED_HEADER, _first_text(present))
                )
                continue
            reason = _classify(present, key_col, seen_data, info.columns, wide_merges.get(number))
            if reason is not None:
                self.skipped.append(SkippedRow(number, reason, _first_text(present)))
                continue
            seen_data = True
            filled.append(len(present))
            yield Row(number, cells, number in hidden)
        self.trailing_blank_rows = len(pending_blank)
        self._tick(total, total, sheet)

    def _tick(self, done: int, total: int, sheet: str) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ReadCancelled()
        if self._progress is not None:
            self._progress(done, total, f"Reading {sheet}")

    def collect(self) -> Table:
        """Read every remaining row into a :class:`Table`."""
        rows = list(self)
        i = self.info
        return Table(
            i.sheet, i.header_row, i.header_rows, i.columns, i.confidence, i.notes,
            rows=rows, skipped=self.skipped,
        )  # fmt: skip


#: Rows looked at after a blank gap for the header of another table coming back.
REPEAT_LOOKAHEAD = 3


class _Lookahead:
    """An iterator of (row number, cells) that can show the next few rows without using them up."""

    def __init__(self, rows: Iterator[tuple[int, list[CellValue]]]) -> None:
        self._rows = rows
        self._ahead: list[tuple[int, list[CellValue]]] = []

    def __iter__(self) -> _Lookahead:
        return self

    def __next__(self) -> tuple[int, list[CellValue]]:
        if self._ahead:
            return self._ahead.pop(0)
        return next(self._rows)

    def peek(self, count: int) -> list[list[CellValue]]:
        while len(self._ahead) < count:
            following = next(self._rows, None)
            if following is None:
                break
            self._ahead.append(following)
        return [cells for _n, cells in self._ahead[:count]]


def _header_texts(columns: list[Column]) -> dict[int, str]:
    """0-based column -> the header's own text (the lower row of a two-row header), folded."""
    out: dict[int, str] = {}
    for col in columns:
        if col.source_names:
            text = normalise_header(col.source_names[-1]).casefold()
            if text:
                out[col.index] = text
    return out if len(out) >= 2 else {}


def _repeats(headers: dict[int, str], raw: list[CellValue]) -> bool:
    """True when a row holds most of the header's names again, in the same columns."""
    same = sum(
        1
        for i, text in headers.items()
        if i < len(raw) and raw[i] is not None and normalise_header(raw[i]).casefold() == text
    )
    return same >= 2 and same * 5 >= len(headers) * 3


def _is_footer(
    present: list[tuple[int, CellValue]],
    filled: list[int],
    gap: int,
    following: list[list[CellValue]],
) -> bool:
    """A row after a gap under the data that fills far fewer cells than the data rows do,
    and says so ("Last updated: ...") or is the last thing on the sheet after two blank rows."""
    if not filled:
        return False
    recent = filled[-50:]
    typical = sorted(recent)[len(recent) // 2]
    if len(present) > max(2, typical // 3):
        return False
    first = present[0][1]
    if isinstance(first, str) and _FOOTER.match(first.strip()) is not None:
        return True
    last = not any(
        v is not None and not (isinstance(v, str) and not v.strip()) for r in following for v in r
    )
    return gap >= 2 and last


def _wide_merges(merged: Sequence[MergedRange], header_row: int) -> dict[int, int]:
    """1-based row -> 0-based first column of a range merged across columns, under the header."""
    return {r0 + 1: c0 for (r0, c0), (_r1, c1) in merged if c1 > c0 and r0 + 1 > header_row}


def _first_text(present: list[tuple[int, CellValue]]) -> str:
    return clean_text(present[0][1])[:80] if present else ""


def _classify(
    present: list[tuple[int, CellValue]],
    key_col: int,
    seen_data: bool,
    columns: list[Column],
    merged_from: int | None,
) -> SkipReason | None:
    if not seen_data and len(present) >= 2 and all(i != key_col for i, _ in present):
        return SkipReason.HEADER_CONTINUATION
    first_col, first = present[0]
    texts = [v for _, v in present if isinstance(v, str)]
    if (
        isinstance(first, str)
        and _TOTALS.match(first.strip())
        and first_col <= columns[min(2, len(columns) - 1)].index
        and len(texts) <= 2
    ):
        return SkipReason.TOTALS
    if len(present) == 1 and isinstance(first, str):
        unnamed = any(c.index == first_col and not c.name for c in columns)
        if unnamed or merged_from == first_col:
            return SkipReason.SECTION
    return None
