"""The main window: sidebar navigation over lazily built pages, menus, toolbar and status bar.

The layout comes from ``ui/main_window.ui``; this module wires it: the page
registry (:mod:`pmodesk.gui.pages`) fills the sidebar and the View menu,
the context's undo stack feeds Edit, the File menu opens, creates and copies
workspaces (always through :meth:`AppContext.set_workspace`), and window
geometry, splitter sizes and the last page persist in ``ctx.settings``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QToolBar,
    QToolButton,
    QUndoView,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs import workspace as workspace_dialogs
from pmodesk.gui.dialogs.about import AboutDialog
from pmodesk.gui.dialogs.errors import show_message
from pmodesk.gui.dialogs.first_run import FirstRunPanel
from pmodesk.gui.dialogs.shortcuts import ShortcutsDialog
from pmodesk.gui.forms import load_form
from pmodesk.gui.icons import app_icon, icon
from pmodesk.gui.importing import accept_workbook_drops
from pmodesk.gui.jobs import Job, JobRunner, create_demo_portfolio
from pmodesk.gui.pages import PageSpec, build_page, page_specs

if TYPE_CHECKING:
    from pmodesk.services.register import RegisterSnapshot
    from pmodesk.store import Workspace

log = logging.getLogger(__name__)

MAX_RECENT = 8
KEY_GEOMETRY = "mainWindow/geometry"
KEY_STATE = "mainWindow/state"
KEY_SPLITTER = "mainWindow/splitter"
KEY_LAST_PAGE = "mainWindow/lastPage"
KEY_SIDEBAR = "mainWindow/sidebarVisible"
KEY_RECENT = "recentWorkspaces"
STATE_VERSION = 1
#: The page that can show data before the workspace has opened (see show_preview).
REGISTER_PAGE = "register"


def _as_list(value: Any) -> list[str]:
    """QSettings returns a lone string for a one-item list (INI format); normalise."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _as_bool(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def with_mnemonic(title: str, used: set[str]) -> str:
    """``title`` with ``&`` escaped and a mnemonic on its first letter not in ``used``."""
    escaped = title.replace("&", "&&")
    for index, char in enumerate(escaped):
        if char.isalnum() and char.lower() not in used:
            if index > 0 and escaped[index - 1] == "&":
                continue
            used.add(char.lower())
            return escaped[:index] + "&" + escaped[index:]
    return escaped


def _mnemonics_in(menu: QMenu) -> set[str]:
    used = set()
    for action in menu.actions():
        text = action.text().replace("&&", "")
        position = text.find("&")
        if 0 <= position < len(text) - 1:
            used.add(text[position + 1].lower())
    return used


def _prepare(workspace: Workspace) -> None:
    """Seed the default lifecycle into a workspace that has none."""
    from pmodesk.services.setup import prepare_workspace

    prepare_workspace(workspace)


def workspace_is_empty(ctx: AppContext) -> bool:
    """True when the workspace holds no project (the first-run panel shows)."""
    from pmodesk.services.setup import is_empty

    with ctx.session() as session:
        return bool(is_empty(session))


class MainWindow(QMainWindow):
    """The window a PMO coordinator lives in; see the module docstring."""

    # Children built by ui/main_window.ui.
    centralwidget: QWidget
    mainSplitter: QSplitter
    navList: QListWidget
    pageStack: QStackedWidget
    menuFile: QMenu
    menuOpenRecent: QMenu
    menuEdit: QMenu
    menuView: QMenu
    menuHelp: QMenu
    mainToolBar: QToolBar
    statusbar: QStatusBar
    actionNewWorkspace: QAction
    actionOpen: QAction
    actionSaveCopy: QAction
    actionImport: QAction
    actionExport: QAction
    actionPrintPack: QAction
    actionQuit: QAction
    actionNewRecord: QAction
    actionUndoHistory: QAction
    actionToggleSidebar: QAction
    actionToggleToolbar: QAction
    actionShortcuts: QAction
    actionAbout: QAction

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        load_form("main_window.ui", self)
        self.setWindowIcon(app_icon())
        self.jobs = JobRunner(ctx, self)
        self._specs: list[PageSpec] = page_specs()
        self._pages: dict[str, QWidget] = {}
        self._page_actions: dict[str, QAction] = {}
        self._current_key = ""
        self._first_run_dismissed = False
        self.first_run_panel: FirstRunPanel | None = None

        self._setup_file_menu()
        accept_workbook_drops(self, self.import_workbooks)
        self._setup_edit_menu()
        self._setup_navigation()
        self._setup_view_menu()
        self._setup_help_menu()
        self._setup_status_bar()
        self._setup_accessibility()

        ctx.workspace_changed.connect(self._on_workspace_changed)
        ctx.data_changed.connect(self._on_data_changed)
        self.jobs.started.connect(self._on_job_started)
        self.jobs.progressed.connect(self._on_job_progress)
        self.jobs.ended.connect(self._on_job_ended)

        self._restore_settings()
        if ctx.has_workspace:
            self._on_workspace_changed()
        else:
            self._show_waiting()

    def _show_waiting(self) -> None:
        """The frame before the first workspace opens: shown at once, filled a moment later."""
        self.setWindowTitle("pmodesk")
        self.workspace_label.setText("Opening workspace…")
        self.navList.setEnabled(False)
        self.menuEdit.setEnabled(False)
        for action in self._workspace_actions():
            action.setEnabled(False)

    def _workspace_actions(self) -> list[QAction]:
        """File menu entries that need an open workspace (disabled while one opens)."""
        return [
            self.actionImport,
            self.actionExport,
            self.actionStatusRequests,
            self.actionCollectStatus,
            self.actionPrintPack,
        ]

    def show_preview(self, snapshot: RegisterSnapshot) -> bool:
        """Show the register from ``snapshot`` while the workspace is still opening.

        Only before the first workspace is attached and when the register is
        the page the window would open on; the page is painted at once. The
        register stays read-only until :meth:`AppContext.set_workspace`, after
        which it follows the store. Returns whether the preview is shown.
        """
        if self.ctx.has_workspace or self._last_page() != REGISTER_PAGE:
            return False
        page = self.show_page(REGISTER_PAGE)
        preload = getattr(page, "preload", None)
        if not callable(preload):
            return False
        preload(snapshot)
        self.setWindowTitle(f"{snapshot.name} — pmodesk")
        self.workspace_label.setText(f"{snapshot.name} (opening…)")
        self.repaint()  # the rows are on screen before the data stack loads
        return True

    def check_integrity(self) -> Job | None:
        """Run the workspace file's integrity check in the background.

        A damaged file is reported in a dialog with the store's sentence (and
        where the latest backup is); the window stays usable meanwhile.
        """
        path = self.ctx.workspace.path
        if path is None:
            return None

        def work(_control: Any) -> None:
            from pmodesk.store.workspace import check_workspace

            check_workspace(path)

        def done(_result: object) -> None:
            log.info("Workspace %s passed the integrity check", path)

        return self.jobs.run("Checking the workspace", work, done, modal=False)

    def import_workbooks(self, paths: list[Path] | None = None) -> None:
        """File > Import, a workbook dropped on the window, or the first-run button: the wizard."""
        if not self.ctx.has_workspace:
            return
        from pmodesk.gui.importing import open_import_wizard

        self.import_wizard = open_import_wizard(self, self.ctx, self.jobs, paths)

    def export_workbook(self) -> None:
        """File > Export: the portfolio workbook dialog; the file is written as a job."""
        from pmodesk.gui.exchange import open_export_dialog

        open_export_dialog(self)

    def write_status_requests(self) -> None:
        from pmodesk.gui.exchange import open_status_requests_dialog

        open_status_requests_dialog(self)

    def collect_status(self) -> None:
        from pmodesk.gui.exchange import open_collect_status_dialog

        open_collect_status_dialog(self)

    def print_pack(self) -> None:
        """File > Print pack: the review pack dialog; the PDF is built as a background job."""
        from pmodesk.gui.pack import open_pack_dialog

        open_pack_dialog(self)

    # ------------------------------------------------------------------ set-up
    def _setup_file_menu(self) -> None:
        self.menuFile.setToolTipsVisible(True)
        self.actionNewWorkspace.setIcon(icon("new-workspace"))
        self.actionNewWorkspace.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.actionOpen.setIcon(icon("open"))
        self.actionOpen.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.actionSaveCopy.setIcon(icon("save-copy"))
        self.actionSaveCopy.setShortcut(QKeySequence(QKeySequence.StandardKey.SaveAs))
        self.actionQuit.setIcon(icon("quit"))
        self.actionQuit.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.actionImport.setIcon(icon("import"))
        self.actionImport.setShortcut(QKeySequence("Ctrl+Shift+I"))
        tip = "Bring in a workbook: a project register, RAID log, resource plan… (or drop it on the window)"
        self.actionImport.setToolTip(tip)
        self.actionImport.setStatusTip(tip)
        self.actionImport.triggered.connect(lambda: self.import_workbooks())
        self.actionPrintPack.setIcon(icon("print"))
        self.actionPrintPack.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.actionPrintPack.triggered.connect(self.print_pack)
        self.actionExport.setIcon(icon("export"))
        self.actionExport.setShortcut(QKeySequence("Ctrl+Shift+E"))
        tip = "Export the workspace, a portfolio, a programme or the register's filter to Excel"
        self.actionExport.setToolTip(tip)
        self.actionExport.setStatusTip(tip)
        self.actionExport.triggered.connect(self.export_workbook)
        self.actionStatusRequests = QAction(icon("export"), "Status &requests…", self)
        self.actionStatusRequests.setStatusTip(
            "Write one status-update workbook per project manager for a period"
        )
        self.actionStatusRequests.triggered.connect(self.write_status_requests)
        self.actionCollectStatus = QAction(
            icon("import"), "Co&llect returned status workbooks…", self
        )
        self.actionCollectStatus.setStatusTip(
            "Import the status workbooks project managers sent back, all at once"
        )
        self.actionCollectStatus.triggered.connect(self.collect_status)
        self.menuFile.insertAction(self.actionPrintPack, self.actionStatusRequests)
        self.menuFile.insertAction(self.actionPrintPack, self.actionCollectStatus)
        self.menuOpenRecent.setIcon(icon("history"))
        self.menuOpenRecent.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()

        self.actionNewWorkspace.triggered.connect(self.new_workspace)
        self.actionOpen.triggered.connect(self.open_workspace)
        self.actionSaveCopy.triggered.connect(self.save_copy)
        self.actionQuit.triggered.connect(self.close)

    def _setup_edit_menu(self) -> None:
        stack = self.ctx.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("actionRedo")
        self.redo_action.setIcon(icon("redo"))
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
            if key.toString() not in {k.toString() for k in redo_keys}:
                redo_keys.append(key)
        self.redo_action.setShortcuts(redo_keys)
        first = self.menuEdit.actions()[0]
        self.menuEdit.insertAction(first, self.undo_action)
        self.menuEdit.insertAction(first, self.redo_action)
        self.menuEdit.insertSeparator(first)

        self.actionNewRecord.setIcon(icon("new-record"))
        self.actionNewRecord.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.actionNewRecord.triggered.connect(self.new_record)

        self.undo_view = QUndoView(stack)
        self.undo_view.setEmptyLabel("Workspace as opened")
        self.undo_view.setAccessibleName("Undo history")
        self.undo_dock = QDockWidget("Undo history", self)
        self.undo_dock.setObjectName("undoDock")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()
        self.actionUndoHistory.setIcon(icon("history"))
        self.actionUndoHistory.toggled.connect(self.undo_dock.setVisible)
        self.undo_dock.visibilityChanged.connect(self._sync_undo_history_action)

        self.mainToolBar.addAction(self.undo_action)
        self.mainToolBar.addAction(self.redo_action)
        self.mainToolBar.addSeparator()
        self.mainToolBar.addAction(self.actionOpen)
        self.mainToolBar.addAction(self.actionSaveCopy)
        self.mainToolBar.addAction(self.actionUndoHistory)

    def _sync_undo_history_action(self, visible: bool) -> None:
        if not self.isVisible() and not visible:
            return  # a hidden window hides its docks; keep the user's choice
        self.actionUndoHistory.setChecked(visible)

    def _setup_navigation(self) -> None:
        self.navList.clear()
        for spec in self._specs:
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title} ({spec.shortcut})" if spec.shortcut else spec.title)
            self.navList.addItem(item)
        self.navList.itemClicked.connect(self._on_nav_clicked)
        self.navList.currentRowChanged.connect(self._on_nav_row_changed)
        self.mainSplitter.setStretchFactor(0, 0)
        self.mainSplitter.setStretchFactor(1, 1)

    def _setup_view_menu(self) -> None:
        self._page_group = QActionGroup(self)
        self._page_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        first = self.menuView.actions()[0]
        used = _mnemonics_in(self.menuView)
        for spec in self._specs:
            action = QAction(icon(spec.icon), with_mnemonic(spec.title, used), self)
            action.setObjectName(f"actionPage_{spec.key}")
            action.setCheckable(True)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self._page_group.addAction(action)
            self.menuView.insertAction(first, action)
            self._page_actions[spec.key] = action
        self.menuView.insertSeparator(first)
        self.actionToggleSidebar.setIcon(icon("sidebar"))
        self.actionToggleSidebar.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.actionToggleSidebar.toggled.connect(self.navList.setVisible)
        self.actionToggleToolbar.setIcon(icon("toolbar"))
        self.actionToggleToolbar.toggled.connect(self.mainToolBar.setVisible)
        self.mainToolBar.visibilityChanged.connect(self._sync_toolbar_action)

    def _sync_toolbar_action(self, visible: bool) -> None:
        if self.isVisible():
            self.actionToggleToolbar.setChecked(visible)

    def _setup_help_menu(self) -> None:
        self.actionShortcuts.setIcon(icon("keyboard"))
        self.actionShortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.actionAbout.setIcon(icon("about"))
        self.actionShortcuts.triggered.connect(self.show_shortcuts)
        self.actionAbout.triggered.connect(self.show_about)

    def _setup_status_bar(self) -> None:
        bar = self.statusbar
        self.workspace_label = QLabel(self)
        self.workspace_label.setObjectName("workspaceLabel")
        self.workspace_label.setAccessibleName("Workspace")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setAccessibleName("Record counts")
        self.job_label = QLabel(self)
        self.job_label.setObjectName("jobLabel")
        self.job_progress = QProgressBar(self)
        self.job_progress.setObjectName("jobProgress")
        self.job_progress.setAccessibleName("Background job progress")
        self.job_progress.setMaximumWidth(160)
        self.job_progress.setMaximumHeight(14)
        self.job_progress.setTextVisible(False)
        self.job_cancel = QToolButton(self)
        self.job_cancel.setObjectName("jobCancel")
        self.job_cancel.setText("Cancel")
        self.job_cancel.setAccessibleName("Cancel the background job")
        self.job_cancel.setAutoRaise(True)
        self.job_cancel.clicked.connect(self.jobs.cancel_all)
        self.workspace_label.setProperty("role", "strong")
        bar.addWidget(self.workspace_label)
        bar.addWidget(self.counts_label)
        bar.addPermanentWidget(self.job_label)
        bar.addPermanentWidget(self.job_progress)
        bar.addPermanentWidget(self.job_cancel)
        for widget in (self.job_label, self.job_progress, self.job_cancel):
            widget.hide()

    def _setup_accessibility(self) -> None:
        self.menuBar().setAccessibleName("Menu bar")
        self.statusbar.setAccessibleName("Status bar")
        self.setTabOrder(self.navList, self.pageStack)

    # ------------------------------------------------------------------ pages
    @property
    def page_keys(self) -> list[str]:
        return [spec.key for spec in self._specs]

    def page_widget(self, key: str) -> QWidget | None:
        """The page built for ``key`` (``None`` until it was first shown)."""
        return self._pages.get(key)

    def current_page_key(self) -> str:
        """The key of the page on screen; ``""`` while the first-run panel shows."""
        return self._current_key

    def show_page(self, key: str) -> QWidget:
        """Show the page ``key``, building it on first use."""
        index = self.page_keys.index(key)  # ValueError for an unknown page: a bug
        spec = self._specs[index]
        page = self._pages.get(key)
        if page is None:
            page = build_page(spec, self.ctx, self.pageStack)
            page.setObjectName(page.objectName() or f"page_{key}")
            self._pages[key] = page
            self.pageStack.addWidget(page)
        self.pageStack.setCurrentWidget(page)
        self._current_key = key
        if self.navList.currentRow() != index:
            blocked = self.navList.blockSignals(True)
            self.navList.setCurrentRow(index)
            self.navList.blockSignals(blocked)
        self._page_actions[key].setChecked(True)
        self.ctx.settings.setValue(KEY_LAST_PAGE, key)
        self._update_new_record_action()
        return page

    def _on_nav_clicked(self, item: QListWidgetItem) -> None:
        self.show_page(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_nav_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._specs) and self._specs[row].key != self._current_key:
            self.show_page(self._specs[row].key)

    def _last_page(self) -> str:
        key = str(self.ctx.settings.value(KEY_LAST_PAGE, "") or "")
        return key if key in self.page_keys else self._specs[0].key

    def _show_start_page(self) -> None:
        if self._should_offer_first_run():
            self.show_first_run()
        else:
            self.show_page(self._last_page())

    # ------------------------------------------------------------------ first run
    def _should_offer_first_run(self) -> bool:
        return not self._first_run_dismissed and workspace_is_empty(self.ctx)

    def is_first_run_shown(self) -> bool:
        panel = self.first_run_panel
        return panel is not None and self.pageStack.currentWidget() is panel

    def show_first_run(self) -> FirstRunPanel:
        """Offer the demo portfolio, an import or another workspace instead of an empty grid."""
        panel = self.first_run_panel
        if panel is None:
            panel = FirstRunPanel(self.pageStack)
            panel.setObjectName("firstRunPanel")
            panel.demo_requested.connect(self.create_demo)
            panel.open_requested.connect(self.open_workspace)
            panel.empty_requested.connect(self.dismiss_first_run)
            panel.import_requested.connect(lambda: self.import_workbooks())
            panel.offer_import()
            self.pageStack.addWidget(panel)
            self.first_run_panel = panel
        panel.set_workspace(self.ctx.workspace.display_location)
        self.pageStack.setCurrentWidget(panel)
        self._current_key = ""
        blocked = self.navList.blockSignals(True)
        self.navList.setCurrentRow(-1)
        self.navList.blockSignals(blocked)
        for action in self._page_actions.values():
            action.setChecked(False)
        self._update_new_record_action()
        panel.demoButton.setFocus()
        return panel

    def dismiss_first_run(self) -> None:
        """ "Start with an empty workspace": leave the panel for the last page."""
        self._first_run_dismissed = True
        self.show_page(self._last_page())

    def create_demo(self) -> Job:
        """Run the "Create demo portfolio" job, then show the register."""
        panel = self.first_run_panel
        if panel is not None:
            panel.set_busy(True)

        def done(_result: object) -> None:
            self._first_run_dismissed = True
            self.statusbar.showMessage("The demo portfolio is ready.", 5000)
            self.show_page(self._specs[0].key)

        job = create_demo_portfolio(self.jobs, done)
        if panel is not None:
            job.ended.connect(lambda: panel.set_busy(False))
        return job

    # ------------------------------------------------------------------ edit
    def _current_model(self) -> type[Any] | None:
        """The record kind Edit > New record creates on the current page."""
        if self._current_key in ("", REGISTER_PAGE):
            from pmodesk.domain import Project

            return Project
        page = self._pages.get(self._current_key)
        current_model = getattr(page, "current_model", None)
        if callable(current_model):
            model = current_model()
            return model if isinstance(model, type) else None
        return None

    def _update_new_record_action(self) -> None:
        self.actionNewRecord.setEnabled(
            self.ctx.has_workspace and self._current_model() is not None
        )

    def new_record(self) -> None:
        page = self._pages.get(self._current_key)
        page_new_record = getattr(page, "new_record", None)
        if callable(page_new_record):
            page_new_record()
            return
        model = self._current_model()
        if model is None:
            return
        from pmodesk.gui.editors import open_editor

        open_editor(self.ctx, model, record_id=None, parent=self)

    # ------------------------------------------------------------------ workspaces
    def _start_folder(self) -> Path:
        path = self.ctx.workspace.path
        return path.parent if path is not None else Path.home()

    def open_workspace(self) -> bool:
        """File > Open…: ask for a workspace file and switch to it."""
        path = workspace_dialogs.ask_open_path(self, self._start_folder())
        return path is not None and self.switch_workspace(path, create=False)

    def new_workspace(self) -> bool:
        """File > New workspace…: ask where, create it, switch to it."""
        path = workspace_dialogs.ask_new_path(self, self._start_folder())
        if path is None:
            return False
        if path.exists():
            show_message(
                self,
                "New workspace",
                f"{path} already exists; a new workspace never replaces a file. "
                "Choose another name, or use Open to open it.",
            )
            return False
        return self.switch_workspace(path, create=True)

    def switch_workspace(self, path: Path, *, create: bool) -> bool:
        """Open ``path`` and make it current; a failure leaves the current workspace open."""
        if self.jobs.is_busy():
            show_message(
                self,
                "Open workspace",
                "Wait for the running job to finish before switching workspace.",
            )
            return False
        current = self.ctx.workspace.path
        if current is not None and path.expanduser().resolve() == current:
            self.statusbar.showMessage("That workspace is already open.", 5000)
            return False
        from pmodesk.store import open_workspace

        workspace: Workspace | None = None
        try:
            workspace = open_workspace(path, create=create)
            _prepare(workspace)
        except DomainError as exc:
            if workspace is not None:
                workspace.close()
            log.info("Workspace %s not opened: %s", path, exc)
            show_message(self, "The workspace cannot be opened", str(exc))
            return False
        self._first_run_dismissed = False
        self.ctx.set_workspace(workspace)
        if workspace.backup_taken is not None:
            self.statusbar.showMessage(
                f"The workspace was upgraded; a backup of the old version is at {workspace.backup_taken}.",
                10000,
            )
        return True

    def save_copy(self) -> Job | None:
        """File > Save a copy…: an online backup of the open workspace to a chosen file."""
        workspace = self.ctx.workspace
        if workspace.path is None:
            show_message(
                self,
                "Save a copy",
                "This workspace lives on a database server; its copies are made there.",
            )
            return None
        suggested = workspace.path.with_name(f"{workspace.path.stem} copy{workspace.path.suffix}")
        destination = workspace_dialogs.ask_copy_path(self, suggested)
        if destination is None:
            return None
        if destination.expanduser().resolve() == workspace.path:
            show_message(self, "Save a copy", "A copy cannot replace the workspace itself.")
            return None

        def work(_control: Any) -> Path:
            return workspace.backup(destination)

        def done(written: Path) -> None:
            self.statusbar.showMessage(f"Saved a copy to {written}.", 8000)

        return self.jobs.run("Saving a copy of the workspace", work, done)

    def _on_workspace_changed(self) -> None:
        self.navList.setEnabled(True)
        self.menuEdit.setEnabled(True)
        for action in self._workspace_actions():
            action.setEnabled(True)
        self._add_recent(self.ctx.workspace)
        self._refresh_workspace_ui()
        self._update_new_record_action()
        if self._should_offer_first_run():
            self.show_first_run()
        elif self.is_first_run_shown() or not self._current_key:
            self.show_page(self._last_page())

    # ------------------------------------------------------------------ recent
    def recent_workspaces(self) -> list[str]:
        return _as_list(self.ctx.settings.value(KEY_RECENT, []))

    def _add_recent(self, workspace: Workspace) -> None:
        if workspace.path is None:
            return
        entry = str(workspace.path)
        recent = [p for p in self.recent_workspaces() if p != entry]
        recent.insert(0, entry)
        self.ctx.settings.setValue(KEY_RECENT, recent[:MAX_RECENT])

    def _forget_recent(self, entry: str) -> None:
        recent = [p for p in self.recent_workspaces() if p != entry]
        self.ctx.settings.setValue(KEY_RECENT, recent)

    def _fill_recent_menu(self) -> None:
        menu = self.menuOpenRecent
        menu.clear()
        recent = self.recent_workspaces()
        for number, entry in enumerate(recent, start=1):
            path = Path(entry)
            action = menu.addAction(f"&{number} {path.stem}   {path.parent}")
            action.setToolTip(entry)
            action.setStatusTip(entry)
            action.triggered.connect(lambda _checked=False, e=entry: self._open_recent(e))
        if not recent:
            empty = menu.addAction("No recent workspaces")
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            clear = menu.addAction("&Clear the list")
            clear.triggered.connect(lambda: self.ctx.settings.setValue(KEY_RECENT, []))

    def _open_recent(self, entry: str) -> bool:
        path = Path(entry)
        if not path.exists():
            self._forget_recent(entry)
            show_message(
                self,
                "The workspace cannot be opened",
                f"There is no workspace at {path} any more; it was removed from the recent list.",
            )
            return False
        return self.switch_workspace(path, create=False)

    # ------------------------------------------------------------------ status
    def _refresh_workspace_ui(self) -> None:
        workspace = self.ctx.workspace
        self.setWindowTitle(f"{workspace.name} — pmodesk")
        self.workspace_label.setText(workspace.name)
        self.workspace_label.setToolTip(workspace.display_location)
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        from sqlmodel import func, select

        from pmodesk.domain import Person, Project

        with self.ctx.session() as session:
            projects = session.exec(
                select(func.count()).select_from(Project).where(Project.archived_at.is_(None))  # type: ignore[union-attr]
            ).one()
            people = session.exec(
                select(func.count()).select_from(Person).where(Person.archived_at.is_(None))  # type: ignore[union-attr]
            ).one()
        self.counts_label.setText(
            f"{projects} project{'s' if projects != 1 else ''} · "
            f"{people} {'person' if people == 1 else 'people'}"
        )

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if not tables or tables & {"project", "person"}:
            self._refresh_counts()
        if self.is_first_run_shown() and "project" in tables and not workspace_is_empty(self.ctx):
            self.show_page(self._specs[0].key)

    def _on_job_started(self, job: Job) -> None:
        self.job_label.setText(job.title)
        self.job_progress.setRange(0, 0)
        for widget in (self.job_label, self.job_progress, self.job_cancel):
            widget.show()

    def _on_job_progress(self, job: Job, done: int, total: int, message: str) -> None:
        self.job_progress.setRange(0, max(total, 0))
        if total > 0:
            self.job_progress.setValue(min(done, total))
        self.job_label.setText(message or job.title)

    def _on_job_ended(self, _job: Job) -> None:
        if not self.jobs.is_busy():
            for widget in (self.job_label, self.job_progress, self.job_cancel):
                widget.hide()

    # ------------------------------------------------------------------ help
    def all_actions(self) -> list[QAction]:
        """Every command of the menus, in menu order (for the shortcuts list)."""
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                sub = action.menu()
                if isinstance(sub, QMenu):
                    walk(sub)
                elif not action.isSeparator():
                    found.append(action)

        for menu in (self.menuFile, self.menuEdit, self.menuView, self.menuHelp):
            walk(menu)
        return found

    def show_about(self) -> None:
        AboutDialog(self.ctx, self).exec()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.all_actions(), self).exec()

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value(KEY_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value(KEY_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)
        splitter = settings.value(KEY_SPLITTER)
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.mainSplitter.restoreState(splitter)
        else:
            self.mainSplitter.setSizes([220, max(self.width() - 220, 400)])
        sidebar = _as_bool(settings.value(KEY_SIDEBAR), True)
        self.actionToggleSidebar.setChecked(sidebar)
        self.navList.setVisible(sidebar)
        self.actionToggleToolbar.setChecked(not self.mainToolBar.isHidden())
        self.actionUndoHistory.setChecked(not self.undo_dock.isHidden())

    def save_settings(self) -> None:
        settings = self.ctx.settings
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        settings.setValue(KEY_STATE, self.saveState(STATE_VERSION))
        settings.setValue(KEY_SPLITTER, self.mainSplitter.saveState())
        settings.setValue(KEY_SIDEBAR, self.actionToggleSidebar.isChecked())
        if self._current_key:
            settings.setValue(KEY_LAST_PAGE, self._current_key)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.jobs.is_busy():
            self.jobs.cancel_all()
            self.jobs.wait(10_000)
        self.save_settings()
        super().closeEvent(event)
