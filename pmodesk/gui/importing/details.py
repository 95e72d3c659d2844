"""The details behind the summary: every record the import touched, sortable and filterable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmodesk.gui.importing.models import ACTION_WORDS, ChangesModel, FilterProxy

#: How long after the last key press a search filters.
SEARCH_DELAY_MS = 250


class SearchBox(QLineEdit):
    """A search field that filters a short pause after typing (100,000 rows take a moment).

    Enter filters at once, and is kept from the dialog: in the wizard it would
    otherwise press Next, or Import.
    """

    searched = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.textChanged.connect(lambda _t: self._timer.start())

    def _search(self) -> None:
        self._timer.stop()
        self.searched.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._search()
            event.accept()
            return
        super().keyPressEvent(event)


def changes_view(parent: QWidget, model: ChangesModel, proxy: FilterProxy) -> QTableView:
    """A read-only, sortable table of row changes with sensible column widths."""
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(ChangesModel.COL_ROW, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    for column, width in ((0, 90), (1, 110), (2, 110), (3, 130), (4, 60)):
        view.setColumnWidth(column, width)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def action_filter(parent: QWidget, proxy: FilterProxy) -> QComboBox:
    """A combo that shows every change, or only creates, updates, unchanged or skipped rows."""
    combo = QComboBox(parent)
    combo.setAccessibleName("Show")
    combo.addItem("Every record", None)
    for word in ACTION_WORDS.values():
        combo.addItem(f"{word} only", frozenset({word}))
    combo.currentIndexChanged.connect(lambda _i: proxy.set_allowed(combo.currentData()))
    return combo


class ChangesDialog(QDialog):
    """Every record of the batch: created, updated (old → new), unchanged, skipped."""

    def __init__(self, changes: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDetails")
        self.setWindowTitle("What the import changed")
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.model = ChangesModel(changes)
        self.proxy = FilterProxy(ChangesModel.COL_ACTION)
        row = QHBoxLayout()
        show = QLabel("&Show:", self)
        self.action_combo = action_filter(self, self.proxy)
        show.setBuddy(self.action_combo)
        self.search = SearchBox("Find a record, a sheet or a value", self)
        self.search.searched.connect(self.proxy.set_search)
        row.addWidget(show)
        row.addWidget(self.action_combo)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        self.view = changes_view(self, self.model, self.proxy)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
