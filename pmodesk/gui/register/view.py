"""The project register: every project in one table, filtered, sorted and edited in place.

Layout from ``ui/register_view.ui``: the filter bar, a count "N of M
projects", the table and, in a collapsible side panel, the selected project's
change history. Column order, widths, visibility and sort persist under
``register/header`` in the application settings. Every change goes through
the context's undo stack; a refusal shows the service's sentence.

At start-up the view may be built before the workspace is attached and
filled with :meth:`RegisterView.preload` (rows read with the stdlib alone);
it takes the workspace's own rows and filter choices when it arrives.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.audit_view import AuditHistoryPanel
from pmodesk.gui.commands import ArchiveRecordsCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.forms import load_form
from pmodesk.gui.page_messages import announce
from pmodesk.gui.register.columns import COLUMNS, display_text
from pmodesk.gui.register.delegates import RegisterDelegate
from pmodesk.gui.register.filter_bar import FilterBar
from pmodesk.gui.register.model import RegisterModel
from pmodesk.gui.register.proxy import RegisterProxy
from pmodesk.gui.shared_filter import shared_filter
from pmodesk.services.register import (
    FilterChoices,
    RegisterFilter,
    RegisterRow,
    RegisterSnapshot,
    filter_choices,
)

HEADER_KEY = "register/header"
HEADER_COLUMNS_KEY = "register/header_columns"
SPLITTER_KEY = "register/splitter"
#: Tables whose change may add or rename filter choices.
_CHOICE_TABLES = frozenset({"project", "portfolio", "programme", "stage"})
_CODES_LISTED = 12


class RegisterView(QWidget):
    """The project register page: ``RegisterView(ctx, parent)``."""

    #: The filter changed; the argument is a :class:`RegisterFilter`.
    filter_changed = Signal(object)
    #: A project was opened (Enter or double-click); the argument is its UUID.
    project_activated = Signal(object)
    #: A message for the status bar (refused edits, archive results).
    status_message = Signal(str)

    # Widgets from ui/register_view.ui
    searchEdit: QLineEdit
    portfolioButton: QToolButton
    programmeButton: QToolButton
    stageButton: QToolButton
    stateButton: QToolButton
    ragButton: QToolButton
    managerButton: QToolButton
    showArchivedCheck: QCheckBox
    clearFiltersButton: QToolButton
    countLabel: QLabel
    messageLabel: QLabel
    splitter: QSplitter
    tableView: QTableView
    historyHost: QWidget

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        load_form("register_view.ui", self)

        self.model = RegisterModel(ctx, self, load=False)
        self.proxy = RegisterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.delegate = RegisterDelegate(self.tableView)

        self.history = AuditHistoryPanel(ctx, self.historyHost)
        layout = self.historyHost.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.history)

        self.filter_bar = FilterBar.from_form(self)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(10_000)
        self._message_timer.timeout.connect(self.messageLabel.hide)

        self._setup_table()
        self._setup_actions()
        self._restore_layout()

        self.filter_bar.changed.connect(self._on_filter_changed)
        self.proxy.filter_changed.connect(self.filter_changed)
        self.model.refreshed.connect(self._after_refresh)
        self.model.edit_refused.connect(self.show_message)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._reload_choices)
        ctx.workspace_changed.connect(self._show_current_history)

        if ctx.has_workspace:
            self.model.reload()
            self._reload_choices()

        # The register and the board show the same projects through one filter.
        self.shared = shared_filter(ctx)
        self.shared.changed.connect(self._on_shared_filter)
        if self.shared.current != RegisterFilter():
            self.filter_bar.set_state(self.shared.current)

    def _on_shared_filter(self, wanted: RegisterFilter) -> None:
        if wanted != self.filter_bar.state():
            self.filter_bar.set_state(wanted)

    def preload(self, snapshot: RegisterSnapshot) -> None:
        """Show ``snapshot`` until the workspace is attached (read-only until then)."""
        self.model.preload(snapshot)
        self._set_choices(snapshot.choices)

    # ------------------------------------------------------------ public API

    def selected_project_ids(self) -> list[uuid.UUID]:
        """The selected projects, in the order shown."""
        return [row.id for row in self._selected_rows()]

    def filter_state(self) -> RegisterFilter:
        return self.proxy.register_filter()

    def set_filter_state(self, wanted: RegisterFilter) -> None:
        self.filter_bar.set_state(wanted)

    def shown_codes(self) -> list[str]:
        """The codes of the projects shown, top to bottom."""
        source = self.model
        return [
            source.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).code
            for r in range(self.proxy.rowCount())
        ]

    def focus_search(self) -> None:
        self.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.searchEdit.selectAll()

    def show_message(self, text: str) -> None:
        """Show ``text`` above the table and in the window's status bar."""
        announce(self, self.messageLabel, self._message_timer, text)
        self.status_message.emit(text)

    # ------------------------------------------------------------ set-up

    def _setup_table(self) -> None:
        table = self.tableView
        table.setModel(self.proxy)
        table.setItemDelegate(self.delegate)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(max(24, table.fontMetrics().height() + 8))
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for section, column in enumerate(COLUMNS):
            header.resizeSection(section, column.width)
            header.setSectionHidden(section, column.hidden)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.doubleClicked.connect(self._on_double_clicked)
        selection = table.selectionModel()
        selection.selectionChanged.connect(self._update_actions)
        selection.currentRowChanged.connect(self._on_current_changed)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)

    def _action(
        self, text: str, keys: list[QKeySequence], slot: object, on: QWidget, tip: str
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        on.addAction(action)
        return action

    def _setup_actions(self) -> None:
        table = self.tableView
        self.archive_action = self._action(
            "&Archive…",
            [QKeySequence(QKeySequence.StandardKey.Delete)],
            self.archive_selected,
            table,
            "Archive the selected projects (they can be restored)",
        )
        self.restore_action = self._action(
            "&Restore",
            [QKeySequence("Ctrl+Shift+R")],
            self.restore_selected,
            table,
            "Restore the selected archived projects",
        )
        self.open_action = self._action(
            "&Open…",
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
            self.open_current,
            table,
            "Open the project's form",
        )
        self.copy_action = self._action(
            "&Copy rows",
            [QKeySequence(QKeySequence.StandardKey.Copy)],
            self.copy_selected,
            table,
            "Copy the selected rows as tab-separated text",
        )
        self.find_action = QAction("&Find", self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._update_actions()

    # ------------------------------------------------------------ layout persistence

    def _restore_layout(self) -> None:
        settings = self._ctx.settings
        header = self.tableView.horizontalHeader()
        signature = ",".join(column.field for column in COLUMNS)
        state = settings.value(HEADER_KEY)
        if settings.value(HEADER_COLUMNS_KEY) == signature and isinstance(state, QByteArray):
            header.restoreState(state)
        splitter = settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([1000, 220])
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sectionMoved.connect(self._save_layout)
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._save_layout)
        self.splitter.splitterMoved.connect(self._save_layout)

    def _save_layout(self, *_args: object) -> None:
        settings = self._ctx.settings
        settings.setValue(HEADER_KEY, self.tableView.horizontalHeader().saveState())
        settings.setValue(HEADER_COLUMNS_KEY, ",".join(column.field for column in COLUMNS))
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def _header_menu(self, pos: QPoint) -> None:
        self.header_menu().popup(self.tableView.horizontalHeader().mapToGlobal(pos))

    def header_menu(self) -> QMenu:
        """The header's menu: one check per column, to show or hide it."""
        header = self.tableView.horizontalHeader()
        menu = QMenu(self)
        visible = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        for logical in sorted(range(header.count()), key=header.visualIndex):
            action = menu.addAction(COLUMNS[logical].title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.setEnabled(visible != [logical])  # keep at least one column
            action.toggled.connect(lambda shown, s=logical: self.set_column_visible(s, shown))
        return menu

    def set_column_visible(self, section: int, visible: bool) -> None:
        self.tableView.horizontalHeader().setSectionHidden(section, not visible)
        self._save_layout()

    # ------------------------------------------------------------ filters and counts

    def _on_filter_changed(self, wanted: RegisterFilter) -> None:
        self.proxy.set_register_filter(wanted)
        self._update_count()
        self._update_actions()
        self.shared.set_filter(wanted)

    def _reload_choices(self) -> None:
        if not self._ctx.has_workspace:
            return
        with self._ctx.session() as session:
            self._set_choices(filter_choices(session))

    def _set_choices(self, choices: FilterChoices) -> None:
        self.filter_bar.set_choices(choices)
        self.delegate.set_managers([key for key, _label in choices.managers if key])

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & _CHOICE_TABLES:
            self._reload_choices()

    def _after_refresh(self) -> None:
        self._update_count()
        self._update_actions()

    def _update_count(self) -> None:
        total = (
            len(self.model.rows) if self.filter_state().show_archived else self.model.live_count()
        )
        shown = self.proxy.rowCount()
        self.countLabel.setText(f"{shown:,} of {total:,} project{'s' if total != 1 else ''}")

    # ------------------------------------------------------------ selection

    def _selected_rows(self) -> list[RegisterRow]:
        selection = self.tableView.selectionModel()
        proxy_rows = sorted({index.row() for index in selection.selectedRows()})
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in proxy_rows
        ]

    def _current_row(self) -> RegisterRow | None:
        current = self.tableView.currentIndex()
        if not current.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(current).row())

    def _update_actions(self, *_args: object) -> None:
        rows = self._selected_rows()
        self.archive_action.setEnabled(any(not row.archived for row in rows))
        self.restore_action.setEnabled(any(row.archived for row in rows))
        self.copy_action.setEnabled(bool(rows))
        self.open_action.setEnabled(self.tableView.currentIndex().isValid())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = (
            self.model.row_at(self.proxy.mapToSource(current).row()) if current.isValid() else None
        )
        self._show_history(row)

    def _show_current_history(self) -> None:
        self._show_history(self._current_row())

    def _show_history(self, row: RegisterRow | None) -> None:
        if row is None or not self._ctx.has_workspace:
            self.history.show_record(None, None)
            return
        from pmodesk.domain import Project

        self.history.show_record(Project, row.id)

    # ------------------------------------------------------------ actions

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.tableView.setCurrentIndex(index)
            self.open_current()

    def open_current(self) -> None:
        """Open the current project's form (Enter or double-click)."""
        row = self._current_row()
        if row is None or not self._ctx.has_workspace:
            return
        self.project_activated.emit(row.id)
        from pmodesk.domain import Project
        from pmodesk.gui.editors import open_editor

        open_editor(self._ctx, Project, record_id=row.id, parent=self)

    def copy_selected(self) -> None:
        """Copy the selected rows, visible columns in their shown order, as TSV with a header."""
        rows = self._selected_rows()
        if not rows:
            return
        header = self.tableView.horizontalHeader()
        sections = [
            s
            for s in sorted(range(header.count()), key=header.visualIndex)
            if not header.isSectionHidden(s)
        ]
        lines = ["\t".join(COLUMNS[s].title for s in sections)]
        for row in rows:
            cells = (display_text(COLUMNS[s], COLUMNS[s].value(row)) for s in sections)
            lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.show_message(f"Copied {len(rows)} row{'s' if len(rows) != 1 else ''}.")

    def archive_selected(self) -> None:
        """Archive the selected projects after the user confirms."""
        rows = [row for row in self._selected_rows() if not row.archived]
        if not rows:
            return
        codes = ", ".join(row.code for row in rows[:_CODES_LISTED])
        if len(rows) > _CODES_LISTED:
            codes += f" and {len(rows) - _CODES_LISTED} more"
        noun = "project" if len(rows) == 1 else f"{len(rows)} projects"
        answer = QMessageBox.question(
            self,
            "Archive projects",
            f"Archive {noun}: {codes}?\n\nArchived projects are hidden from the register "
            "and can be restored with “Show archived”. Ctrl+Z undoes this.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._push_archive([row.id for row in rows], restore=False)

    def restore_selected(self) -> None:
        rows = [row for row in self._selected_rows() if row.archived]
        if rows:
            self._push_archive([row.id for row in rows], restore=True)

    def _push_archive(self, ids: list[uuid.UUID], *, restore: bool) -> None:
        from pmodesk.domain import Project

        command = ArchiveRecordsCommand(self._ctx, Project, ids, restore=restore)
        try:
            self._ctx.push(command)
        except DomainError as exc:
            self.show_message(exc.message)
            return
        verb = "Restored" if restore else "Archived"
        self.show_message(f"{verb} {len(ids)} project{'s' if len(ids) != 1 else ''}.")
