"""Filtering the register: a QSortFilterProxyModel driven by a Qt-free RegisterFilter.

The source model precomputes each row's folded search text and, when the
filter changes, decides for all rows at once whether each is shown (a few set
look-ups and substring tests per row); ``filterAcceptsRow`` is then a single
list look-up. A new
filter re-runs only the row filter (``beginFilterChange`` / ``endFilterChange``
on Qt 6.10+, ``invalidateRowsFilter`` before). Sorting is forwarded to the
source model, which sorts on typed keys without calling back into Python per
comparison.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from pmodesk.gui.register.model import RegisterModel
from pmodesk.services.register import RegisterFilter

_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "beginFilterChange")


class RegisterProxy(QSortFilterProxyModel):
    """Shows the rows of a :class:`RegisterModel` that pass a :class:`RegisterFilter`."""

    #: The filter changed; the argument is the new :class:`RegisterFilter`.
    filter_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = RegisterFilter()
        self._register: RegisterModel | None = None
        self._shown: list[bool] = []

    def setSourceModel(self, source: RegisterModel) -> None:  # type: ignore[override]
        self._register = source
        self._shown = source.shown_flags
        source.set_filter(self._filter)
        super().setSourceModel(source)

    def register_model(self) -> RegisterModel:
        if self._register is None:
            raise RuntimeError("The register proxy has no source model yet.")
        return self._register

    # ------------------------------------------------------------ filter

    def register_filter(self) -> RegisterFilter:
        return self._filter

    def set_register_filter(self, new: RegisterFilter) -> None:
        """Apply ``new``; re-filters rows only (columns never change)."""
        if new == self._filter:
            return
        self._filter = new
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()
            if self._register is not None:
                self._register.set_filter(new)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.10
            if self._register is not None:
                self._register.set_filter(new)
            self.invalidateRowsFilter()
        self.filter_changed.emit(new)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        # Hot path: one list look-up; the source computed the flags in bulk.
        return self._shown[source_row]

    # ------------------------------------------------------------ sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source sort on typed keys; the proxy keeps the source order."""
        if self._register is not None and column >= 0:
            self._register.sort(column, order)
