"""A read-only table model over the plain rows of a record list, and its search/sort proxy.

The rows come from :func:`pmodesk.services.lookups.list_rows` (one query per
kind); this module only decides how each cell looks: RAG as a coloured
letter, a RAID kind as its letter, a risk score coloured by its band,
archived rows in grey italics. Sorting compares the raw values (None last),
never the displayed text; the search box matches every word typed anywhere
in the row.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from pmodesk.domain.enums import Rag, RaidKind
from pmodesk.domain.rules import risk_band
from pmodesk.gui.editors.widgets import enum_label, format_number
from pmodesk.services.lookups import Column, ColumnKind, ListRow, describe

#: The role under which a row's record id (a string UUID) is available.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The role telling whether a row is archived.
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
_CENTRED = {ColumnKind.RAG, ColumnKind.KIND, ColumnKind.BOOL}
_RIGHT = {ColumnKind.NUMBER, ColumnKind.MONEY, ColumnKind.SCORE}
_ARCHIVED_COLOUR = QColor("#8a8a8a")
#: Text colours of RAG letters and risk scores: darker than the chip colours, readable on white.
RAG_TEXT_COLOURS = {Rag.GREEN: "#1b7a2a", Rag.AMBER: "#b36200", Rag.RED: "#c62828"}


def cell_text(kind: ColumnKind, value: Any) -> str:
    """What a cell shows for a raw value."""
    if value is None:
        return ""
    if kind is ColumnKind.RAG and isinstance(value, Rag):
        return value.letter
    if kind is ColumnKind.KIND and isinstance(value, RaidKind):
        return value.letter
    if kind is ColumnKind.BOOL:
        return "Yes" if value else ""
    if kind is ColumnKind.MONEY:
        return format_number(float(value), money=True)
    if kind in (ColumnKind.NUMBER, ColumnKind.SCORE):
        return format_number(float(value))
    if isinstance(value, StrEnum):
        return enum_label(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sort_key(value: Any) -> tuple[int, Any]:
    """Comparable key of a raw value: empty cells last, RAG by severity, text without case."""
    if value is None or value == "":
        return (1, 0)
    if isinstance(value, Rag):
        return (0, value.severity)
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, bool):
        return (0, int(value))
    return (0, value)


class RecordTableModel(QAbstractTableModel):
    """The rows of one record list; replaced wholesale by :meth:`set_rows`."""

    def __init__(self, columns: tuple[Column, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[ListRow] = []
        self._haystacks: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ------------------------------------------------------------------ contents

    def set_rows(self, rows: list[ListRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._haystacks = [describe(r.values) for r in rows]
        self.endResetModel()

    def row_record(self, row: int) -> ListRow:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        """The row of a record id, -1 when it is not listed."""
        for number, row in enumerate(self._rows):
            if str(row.id) == record_id:
                return number
        return -1

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def sort_key(self, row: int, column: int) -> tuple[int, Any]:
        return sort_key(self._rows[row].values[column])

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(column.kind))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _alignment(kind: ColumnKind) -> Qt.AlignmentFlag:
        if kind in _RIGHT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if kind in _CENTRED:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        value = record.values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(column.kind, value)
        if role == ID_ROLE:
            return str(record.id)
        if role == ARCHIVED_ROLE:
            return record.archived
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(column.kind))
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(column.kind, value, record.archived)
        if role == Qt.ItemDataRole.FontRole:
            if record.archived:
                return self._italic
            if column.kind in (ColumnKind.RAG, ColumnKind.SCORE, ColumnKind.KIND):
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column.kind, value, record.archived)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(column.kind, value, False) or cell_text(column.kind, value)
        return None

    @staticmethod
    def _foreground(kind: ColumnKind, value: Any, archived: bool) -> QBrush | None:
        if archived:
            return QBrush(_ARCHIVED_COLOUR)
        if kind is ColumnKind.RAG and isinstance(value, Rag):
            return QBrush(QColor(RAG_TEXT_COLOURS[value]))
        if kind is ColumnKind.SCORE and isinstance(value, int):
            band = risk_band(value)
            return QBrush(QColor(RAG_TEXT_COLOURS[band])) if band is not None else None
        return None

    @staticmethod
    def _tooltip(kind: ColumnKind, value: Any, archived: bool) -> str | None:
        note = " (archived)" if archived else ""
        if kind is ColumnKind.RAG and isinstance(value, Rag):
            return value.label + note
        if kind is ColumnKind.KIND and isinstance(value, RaidKind):
            return enum_label(value) + note
        if kind is ColumnKind.SCORE and isinstance(value, int):
            return f"Risk score {value} of 25 (probability × impact){note}"
        return "Archived" if archived else None


class RecordFilterProxy(QSortFilterProxyModel):
    """Keeps the rows containing every word of the search text; sorts by raw values."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _records(self) -> RecordTableModel:
        source = self.sourceModel()
        assert isinstance(source, RecordTableModel)
        return source

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        haystack = self._records().haystack(source_row)
        return all(word in haystack for word in self._words)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        records = self._records()
        return records.sort_key(left.row(), left.column()) < records.sort_key(
            right.row(), right.column()
        )
