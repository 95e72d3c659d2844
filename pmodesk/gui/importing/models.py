"""Qt table models over the importer's problems and row changes, with a filter proxy each.

Both lists can hold 100,000 entries. So they are shown through models (never
one widget per row), each row's texts are worked out once, when first shown,
and sorting is done by the model in Python (one key per row) rather than by
QSortFilterProxyModel (which would call back into Python for every comparison:
eleven seconds for 100,000 rows). The proxy only filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from pmodesk.gui.importing.state import kind_label

Index = QModelIndex | QPersistentModelIndex

ERROR_COLOUR = QColor("#d64545")
WARNING_COLOUR = QColor("#b7791f")

ACTION_WORDS = {"create": "Create", "update": "Update", "unchanged": "Unchanged", "skip": "Skip"}


def show_value(value: Any) -> str:
    """A field value as a person reads it: ISO dates, no trailing .0, "empty" for nothing."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    text = str(getattr(value, "value", value))
    return text if len(text) <= 60 else text[:57] + "…"


@cache
def field_text(kind: str, key: str) -> str:
    """The label of a field of a kind ("Planned start"), or the key when unknown."""
    try:
        from pmodesk.exchange.importing.kinds import kind_spec

        spec = kind_spec(kind).fields.get(key)
    except Exception:  # an unknown kind: show the key
        spec = None
    return spec.label if spec is not None else key.replace("_", " ").capitalize()


def record_key(change: Any) -> str:
    """The record a change is about: its key, or for a skipped row the code it gives."""
    if change.key:
        return str(change.key)
    for field in ("code", "name", "title"):
        value = change.value(field)
        if value:
            return str(value)
    return ""


def describe_change(change: Any) -> str:
    """``Budget 100 → 120; Overall RAG amber → green`` (what a row changes)."""
    if change.action == "skip":
        return "Left out: see the problems of this row"
    if change.action == "unchanged":
        return "Already as in the workbook"
    parts = []
    for key, (old, new) in change.changes.items():
        if change.action == "create" and key == "code":
            continue
        label = field_text(change.kind, key)
        if change.action == "create":
            parts.append(f"{label} {show_value(new)}")
        else:
            parts.append(f"{label} {show_value(old)} → {show_value(new)}")
    return "; ".join(parts)


class _ListModel(QAbstractTableModel):
    """A read-only table over a list; subclasses give each item's texts and sort keys."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, items: Sequence[Any] = ()) -> None:
        super().__init__()
        self.items: list[Any] = list(items)
        self._texts: dict[int, tuple[str, ...]] = {}

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self._texts.clear()
        self.endResetModel()

    def texts(self, item: Any) -> tuple[str, ...]:
        """The texts of one item's cells."""
        raise NotImplementedError

    def sort_key(self, item: Any, column: int) -> Any:
        """What ``column`` sorts ``item`` by (a number where the column holds numbers)."""
        return self.row_texts(item)[column].casefold()

    def row_texts(self, item: Any) -> tuple[str, ...]:
        key = id(item)
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = self.texts(item)
        return found

    def search_text(self, row: int) -> str:
        """Everything a row shows, folded, for the search box."""
        return " ".join(self.row_texts(self.items[row])).casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self.items.sort(
            key=lambda item: self.sort_key(item, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class ProblemsModel(_ListModel):
    """One problem per row: severity, where, the value, why; skipped rows are ticked."""

    HEADERS = ("Skip", "File", "Sheet", "Row", "Column", "Value", "Why")
    COL_SKIP, COL_FILE, COL_SHEET, COL_ROW, COL_COLUMN, COL_VALUE, COL_REASON = range(7)

    def __init__(self, items: Sequence[Any] = ()) -> None:
        super().__init__(items)
        #: Rows the user ticked to skip: (file, sheet, row).
        self.skipped: set[tuple[str, str, int]] = set()

    def texts(self, item: Any) -> tuple[str, ...]:
        return (
            "Error" if item.severity == "error" else "Warning",
            item.source,
            item.sheet,
            str(item.row) if item.row else "",
            item.column,
            item.value,
            item.reason,
        )

    def sort_key(self, item: Any, column: int) -> Any:
        if column == self.COL_ROW:
            return (item.source, item.sheet, item.row)
        return super().sort_key(item, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.row_texts(problem)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_SKIP:
            if not problem.row:
                return None
            skipped = problem.skipped or self._ticked(problem)
            return Qt.CheckState.Checked if skipped else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_SKIP:
            return ERROR_COLOUR if problem.severity == "error" else WARNING_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_SKIP and problem.row:
                if problem.skipped and not self._ticked(problem):
                    return "Left out because “Skip every row with an error” is ticked"
                return "Tick to leave this row out of the import"
            return str(problem)
        return None

    def _ticked(self, problem: Any) -> bool:
        return (problem.source, problem.sheet, problem.row) in self.skipped

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        problem = self.items[index.row()]
        user_may_tick = not problem.skipped or self._ticked(problem)
        if index.column() == self.COL_SKIP and problem.row and user_may_tick:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.COL_SKIP:
            return False
        problem = self.items[index.row()]
        key = (problem.source, problem.sheet, problem.row)
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.skipped.add(key)
        else:
            self.skipped.discard(key)
        # Every problem of the same row shows the same tick.
        first, last = self.index(0, self.COL_SKIP), self.index(self.rowCount() - 1, self.COL_SKIP)
        self.dataChanged.emit(first, last, [Qt.ItemDataRole.CheckStateRole])
        return True


class ChangesModel(_ListModel):
    """One record per row: what happens to it, which record, where it came from, what changes."""

    HEADERS = ("Action", "Kind", "Record", "Sheet", "Row", "What changes")
    COL_ACTION, COL_KIND, COL_KEY, COL_SHEET, COL_ROW, COL_WHAT = range(6)

    def texts(self, item: Any) -> tuple[str, ...]:
        return (
            ACTION_WORDS.get(item.action, item.action),
            kind_label(item.kind),
            record_key(item),
            item.sheet,
            str(item.row),
            describe_change(item),
        )

    def sort_key(self, item: Any, column: int) -> Any:
        if column == self.COL_ROW:
            return (item.source, item.sheet, item.row)
        if column == self.COL_ACTION:
            return item.action
        if column == self.COL_KEY:
            return record_key(item).casefold()
        if column == self.COL_SHEET:
            return item.sheet.casefold()
        return super().sort_key(item, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        texts = self.row_texts(self.items[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_WHAT:
            return texts[self.COL_WHAT].replace("; ", "\n")
        return None


class FilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose ``column`` text is in ``allowed`` and that hold the search text.

    Sorting is handed to the source model (see the module docstring).
    """

    def __init__(self, column: int) -> None:
        super().__init__()
        self._column = column
        self._allowed: frozenset[str] | None = None
        self._search = ""
        self.setDynamicSortFilter(False)

    def set_allowed(self, allowed: frozenset[str] | None) -> None:
        """Show only rows whose column text is one of ``allowed`` (None: every row)."""
        self.beginFilterChange()
        self._allowed = allowed
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        """Show only rows that hold ``text`` in any column (case ignored)."""
        self.beginFilterChange()
        self._search = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, _ListModel):
            model.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, _ListModel):
            return True
        if self._allowed is not None:
            texts = model.row_texts(model.items[source_row])
            if texts[self._column] not in self._allowed:
                return False
        return not self._search or self._search in model.search_text(source_row)
