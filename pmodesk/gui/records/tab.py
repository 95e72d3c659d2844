"""One record list: search, sortable table, New / Edit / Archive / Restore, a count.

The frame is ``ui/records_page.ui``. The rows are fetched with one query
(:func:`pmodesk.services.lookups.list_rows`) and fetched again only when
:attr:`AppContext.data_changed` names a table this list shows; while the tab
is hidden it just remembers that it is stale.
"""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from pmodesk.domain import PortfolioRecord
from pmodesk.errors import DomainError
from pmodesk.gui.commands import ArchiveRecordsCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor, spec_for
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.forms import load_form
from pmodesk.gui.records.model import ID_ROLE, RecordFilterProxy, RecordTableModel
from pmodesk.services import lookups

MAX_COLUMN_WIDTH = 320


class RecordListTab(QWidget):
    """The list of one kind of record, with its actions."""

    #: The number of rows shown changed (shown, total).
    count_changed = Signal(int, int)

    searchEdit: QLineEdit
    showArchivedCheck: QCheckBox
    newButton: QPushButton
    editButton: QPushButton
    archiveButton: QPushButton
    restoreButton: QPushButton
    tableView: QTableView
    countLabel: QLabel

    def __init__(
        self,
        ctx: AppContext,
        model: type[PortfolioRecord],
        plural: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        load_form("records_page.ui", self)
        self.ctx = ctx
        self.model = model
        self.plural = plural
        self.noun = spec_for(model).noun
        self.listing = lookups.listing(model)
        self._stale = True
        self._sized = False

        self.table_model = RecordTableModel(self.listing.columns, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setDynamicSortFilter(True)
        view = self.tableView
        view.setModel(self.proxy)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAccessibleName(plural)
        self._in_text = plural if plural[:2].isupper() else plural.lower()
        self.searchEdit.setPlaceholderText(f"Search {self._in_text}…")
        self.searchEdit.setAccessibleName(f"Search {self._in_text}")
        self.showArchivedCheck.setToolTip(f"List archived {self._in_text} too (in grey)")
        self._restore_header()
        header.sectionMoved.connect(self._header_changed)
        header.sectionResized.connect(self._header_changed)

        # Ctrl+N belongs to the window's Edit > New record, which calls this page's new_record().
        self.new_action = self._action(f"&New {self.noun}…", None, self)
        self.edit_action = self._action(f"&Edit {self.noun}…", Qt.Key.Key_Return, view)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.archive_action = self._action("&Archive…", QKeySequence.StandardKey.Delete, view)
        self.restore_action = self._action("&Restore", None, view)
        self.new_action.triggered.connect(self.new_record)
        self.edit_action.triggered.connect(self.edit_current)
        self.archive_action.triggered.connect(self.archive_selected)
        self.restore_action.triggered.connect(self.restore_selected)
        self.newButton.clicked.connect(self.new_record)
        self.editButton.clicked.connect(self.edit_current)
        self.archiveButton.clicked.connect(self.archive_selected)
        self.restoreButton.clicked.connect(self.restore_selected)
        self.newButton.setToolTip(f"New {self.noun} (Ctrl+N)")
        self.editButton.setToolTip(f"Edit the selected {self.noun} (Enter or double-click)")
        self.archiveButton.setToolTip(f"Archive the selected {self._in_text} (Delete)")
        view.doubleClicked.connect(self._double_clicked)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.searchEdit.textChanged.connect(self._search)
        self.showArchivedCheck.toggled.connect(self._archived_toggled)
        self.proxy.rowsInserted.connect(self._rows_changed)
        self.proxy.rowsRemoved.connect(self._rows_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)
        self._update_actions()

    def _double_clicked(self, _index: object) -> None:
        self.edit_current()

    def _selection_changed(self, *_args: object) -> None:
        self._update_actions()

    def _archived_toggled(self, _on: bool) -> None:
        self.reload()

    def _rows_changed(self, *_args: object) -> None:
        self._update_count()

    def _action(self, text: str, key: object, owner: QWidget) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))  # type: ignore[call-overload]
        action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
            if owner is self
            else Qt.ShortcutContext.WidgetShortcut
        )
        owner.addAction(action)
        return action

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Fetch the rows again, keeping the selection and the current row where they still exist."""
        kept = self.selected_ids()
        current = self.current_id()
        with self.ctx.session() as session:
            rows = lookups.list_rows(
                session, self.model, include_archived=self.showArchivedCheck.isChecked()
            )
        self.table_model.set_rows(rows)
        self._stale = False
        if not self._sized and rows:
            self._sized = True
            # After the layout has settled, so the spare width of the view is known.
            QTimer.singleShot(0, self, self._size_columns)
        self._select([*kept], current)
        self._update_count()
        self._update_actions()

    def _size_columns(self) -> None:
        view = self.tableView
        if not shiboken6.isValid(view):
            return
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for section in range(header.count()):
            header.resizeSection(section, min(header.sectionSize(section) + 12, MAX_COLUMN_WIDTH))
        # The main text column (name or title) takes the room that is left.
        keys = [c.key for c in self.listing.columns]
        main = next((keys.index(k) for k in ("title", "name", "project_name") if k in keys), None)
        spare = view.viewport().width() - header.length()
        if main is not None and spare > 0:
            header.resizeSection(main, header.sectionSize(main) + spare)
        self._sized = True

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if not tables & self.listing.depends_on:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _on_workspace_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # ------------------------------------------------------------------ settings

    def _settings_key(self) -> str:
        return f"records/{self.listing.table}/header"

    def _restore_header(self) -> None:
        state = self.ctx.settings.value(self._settings_key())
        if state is not None:
            self.tableView.horizontalHeader().restoreState(state)
            self._sized = True

    def _header_changed(self, *_args: object) -> None:
        self._save_header()

    def _save_header(self) -> None:
        if self._sized and shiboken6.isValid(self.tableView):
            self.ctx.settings.setValue(
                self._settings_key(), self.tableView.horizontalHeader().saveState()
            )

    # ------------------------------------------------------------------ selection

    def selected_ids(self) -> list[uuid.UUID]:
        rows = self.tableView.selectionModel().selectedRows()
        return [uuid.UUID(str(index.data(ID_ROLE))) for index in rows]

    def current_id(self) -> uuid.UUID | None:
        index = self.tableView.currentIndex()
        if not index.isValid():
            return None
        return uuid.UUID(str(index.siblingAtColumn(0).data(ID_ROLE)))

    def _proxy_row(self, record_id: uuid.UUID) -> int:
        source_row = self.table_model.row_of(str(record_id))
        if source_row < 0:
            return -1
        return self.proxy.mapFromSource(self.table_model.index(source_row, 0)).row()

    def _select(self, ids: list[uuid.UUID], current: uuid.UUID | None) -> None:
        selection = self.tableView.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for record_id in ids:
            row = self._proxy_row(record_id)
            if row >= 0:
                selection.select(self.proxy.index(row, 0), flags)
        if current is not None:
            row = self._proxy_row(current)
            if row >= 0:
                selection.setCurrentIndex(
                    self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.tableView.scrollTo(self.proxy.index(row, 0))

    def select_record(self, record_id: uuid.UUID) -> bool:
        """Make ``record_id`` the selected, current row; ``False`` when it is not listed."""
        if self._proxy_row(record_id) < 0:
            return False
        self._select([record_id], record_id)
        return True

    def _selected_archived(self) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
        live: list[uuid.UUID] = []
        archived: list[uuid.UUID] = []
        for index in self.tableView.selectionModel().selectedRows():
            source = self.proxy.mapToSource(index)
            record = self.table_model.row_record(source.row())
            (archived if record.archived else live).append(record.id)
        return live, archived

    # ------------------------------------------------------------------ feedback

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        total = self.table_model.rowCount()
        noun = "record" if total == 1 else "records"
        text = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        self.countLabel.setText(text)
        self.count_changed.emit(shown, total)

    def _update_actions(self) -> None:
        live, archived = self._selected_archived()
        one = len(live) + len(archived) == 1
        self.edit_action.setEnabled(one)
        self.editButton.setEnabled(one)
        self.archive_action.setEnabled(bool(live))
        self.archiveButton.setEnabled(bool(live))
        self.restore_action.setEnabled(bool(archived))
        self.restoreButton.setEnabled(bool(archived))
        self.restoreButton.setVisible(self.showArchivedCheck.isChecked())

    # ------------------------------------------------------------------ actions

    def new_record(self) -> uuid.UUID | None:
        created = open_editor(self.ctx, self.model, None, self)
        if created is not None:
            if self._stale:
                self.reload()
            self.select_record(created)
        return created

    def edit_current(self) -> uuid.UUID | None:
        record_id = self.current_id()
        if record_id is None:
            return None
        return open_editor(self.ctx, self.model, record_id, self)

    def archive_selected(self) -> bool:
        live, _archived = self._selected_archived()
        if not live:
            return False
        what = f"this {self.noun}" if len(live) == 1 else f"these {len(live)} {self._in_text}"
        if not confirm(
            self,
            f"Archive {self._in_text}",
            f"Archive {what}?",
            "Archive",
            informative="Archived records leave the lists but nothing is lost; "
            "tick “Show archived” to see and restore them. Ctrl+Z undoes this.",
        ):
            return False
        return self._push_archive(live, restore=False)

    def restore_selected(self) -> bool:
        _live, archived = self._selected_archived()
        if not archived:
            return False
        return self._push_archive(archived, restore=True)

    def _push_archive(self, ids: list[uuid.UUID], *, restore: bool) -> bool:
        try:
            self.ctx.push(ArchiveRecordsCommand(self.ctx, self.model, ids, restore=restore))
        except DomainError as error:
            QMessageBox.warning(self, "Restore" if restore else "Archive", error.message)
            return False
        return True

    def edit(self, record_id: uuid.UUID) -> uuid.UUID | None:
        """Open the editor of one record of this list."""
        return open_editor(self.ctx, self.model, record_id, self)
