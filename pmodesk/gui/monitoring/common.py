"""What the monitoring views share: number and date wording, RAG chips in tables, a sort role.

Tables of these views are plain :class:`QAbstractTableModel` subclasses that
answer :data:`SORT_ROLE` with a comparable key (empty values last) and
:data:`RAG_ROLE` with a :class:`~pmodesk.domain.enums.Rag` for the cells that
:class:`RagChipDelegate` paints as a chip with its letter.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from pmodesk.domain.enums import Rag
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.theme import rag_colour

AnyIndex = QModelIndex | QPersistentModelIndex

#: The comparable key a cell sorts by.
SORT_ROLE = Qt.ItemDataRole.UserRole + 20
#: The RAG a cell shows as a chip (``None``: not rated).
RAG_ROLE = Qt.ItemDataRole.UserRole + 21
#: The record id of a row (a :class:`uuid.UUID`).
ID_ROLE = Qt.ItemDataRole.UserRole + 22

#: Text colours for good / bad figures, readable on white (darker than the chips).
GOOD_TEXT = QColor("#1b7a2a")
WARN_TEXT = QColor("#b36200")
BAD_TEXT = QColor("#c62828")
MUTED_TEXT = QColor("#6b7480")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def as_uuid(value: object) -> uuid.UUID | None:
    """A record id back from a combo box's data (kept there as text: Qt compares text)."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str) and len(value) == 36:
        try:
            return uuid.UUID(value)
        except ValueError:
            return None
    return None


def select_data(combo: QComboBox, value: object) -> bool:
    """Make the item whose data is ``value`` (an id, an enum, a text) current; False if absent."""
    wanted = None if value is None else str(getattr(value, "value", value))
    found = combo.findData(wanted)
    if found >= 0:
        combo.setCurrentIndex(found)
    return found >= 0


def money(value: float | None) -> str:
    """``1,250,000`` (whole units); blank for no value."""
    return "" if value is None else f"{value:,.0f}"


def signed_money(value: float | None) -> str:
    """``+12,500`` / ``−3,000``; blank for no value."""
    if value is None:
        return ""
    if round(value) == 0:
        return "0"
    return f"{value:+,.0f}".replace("-", "−")


def signed_days(days: int | None) -> str:
    """``+14 d`` late, ``−3 d`` early, ``0 d``; blank when not comparable."""
    if days is None:
        return ""
    return f"{days:+d} d".replace("-", "−") if days else "0 d"


def day_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def sort_key(value: Any) -> tuple[int, Any]:
    """Empty values last; RAG by severity; text without case; everything else as it is."""
    if value is None or value == "":
        return (1, 0)
    if isinstance(value, Rag):
        return (0, value.severity)
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, uuid.UUID):
        return (0, str(value))
    return (0, value)


def tint(colour: QColor, alpha: int = 46) -> QColor:
    """A pale version of ``colour`` for a cell background."""
    pale = QColor(colour)
    pale.setAlpha(alpha)
    return pale


def rag_tint(rag: Rag | None, alpha: int = 46) -> QColor:
    return tint(rag_colour(rag), alpha)


def as_rag(value: object) -> Rag | None:
    """A RAG back from a model role (Qt hands a ``StrEnum`` back as its plain string)."""
    if isinstance(value, Rag):
        return value
    if isinstance(value, str) and value in Rag._value2member_map_:
        return Rag(value)
    return None


class RagChipDelegate(QStyledItemDelegate):
    """Paints the :data:`RAG_ROLE` of a cell as a chip with its letter (G, A, R)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rag = as_rag(index.data(RAG_ROLE))
        if rag is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        paint_rag_chip(painter, QRectF(option.rect), rag)


class RowsModel[Row](QAbstractTableModel):
    """A table over a list of plain rows that sorts the list itself (fast for thousands of rows).

    Subclasses give :meth:`sort_value` (the raw value of a cell). Sorting a
    Python list once is far cheaper than a proxy asking every pair of cells
    through Qt, so :class:`SortProxy` hands its sorting to this model.
    Subclasses that set :attr:`columns` (and :attr:`header_tips`) get their
    column count and headers from here, aligned like their cells (:meth:`_alignment`).
    """

    #: ``(key, header)`` of every column, in order.
    columns: tuple[tuple[str, str], ...] = ()
    #: Header tooltips by column key.
    header_tips: Mapping[str, str] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def sort_value(self, row: Row, column: int) -> Any:
        raise NotImplementedError

    @staticmethod
    def _alignment(key: str) -> Qt.AlignmentFlag:
        return LEFT

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        key, header = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(key)
        return None

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._order is not None:
            self._sorted(*self._order)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row(self, number: int) -> Row:
        return self._rows[number]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _sorted(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(
            key=lambda r: sort_key(self.sort_value(r, column)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        kept_rows = [id(self._rows[i.row()]) for i in kept]
        self._sorted(column, order)
        position = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            kept,
            [self.index(position[r], i.column()) for r, i in zip(kept_rows, kept, strict=True)],
        )
        self.layoutChanged.emit()


class SortProxy(QSortFilterProxyModel):
    """Filters (subclasses), and sorts by :data:`SORT_ROLE` or through a :class:`RowsModel`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowsModel):
            source.sort(column, order)  # the proxy keeps the model's (sorted) order
            return
        super().sort(column, order)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))

    def refilter(self) -> None:
        """Apply changed filter values."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)


def setup_table(view: QTableView, name: str, *, stretch: int | None = None) -> None:
    """The look every monitoring table shares: row selection, sortable, compact rows."""
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def selected_ids(view: QTableView) -> list[uuid.UUID]:
    """The ids (:data:`ID_ROLE`) of the selected rows, in view order."""
    rows = sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())
    return [value for i in rows if isinstance(value := i.data(ID_ROLE), uuid.UUID)]


def current_id(view: QTableView) -> uuid.UUID | None:
    index = view.currentIndex()
    value = index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
    return value if isinstance(value, uuid.UUID) else None


def select_id(view: QTableView, record_id: uuid.UUID) -> bool:
    """Select and scroll to the row of ``record_id``; ``False`` when it is not shown."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) == record_id:
            view.selectRow(row)
            view.scrollTo(index)
            return True
    return False
