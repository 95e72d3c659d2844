"""The Templates page: the library (browse, search, preview, versions, publish) and compliance.

``TemplatesPage(ctx, parent)``. The *Library* tab lists templates by kind in a
tree (search as you type with Ctrl+F, filter by kind, hide retired, sort by
any column) beside the selected template's detail. Its toolbar creates a
template, exports or imports a template pack and restores the built-in
library. The *Compliance* tab shows how far each project follows its
templates. Every change goes through the undo stack.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import TemplateKind
from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.page_messages import announce
from pmodesk.gui.templates.commands import TEMPLATE_TABLES, TemplateChangeCommand
from pmodesk.gui.templates.detail import TemplateDetail
from pmodesk.gui.templates.library_model import ROW_ROLE, LibraryModel, LibraryProxy
from pmodesk.services.templates.library import KIND_LABELS, KIND_ORDER, TemplateRow

SPLITTER_KEY = "templates/splitter"
PACK_FILTER = "Template packs (*.pmtpl);;All files (*)"
_WATCHED = TEMPLATE_TABLES | {"lesson", "project"}


class TemplatesPage(QWidget):
    """The template library and compliance (see the module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("TemplatesPage")
        self.setAccessibleName("Templates")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs)

        library = QWidget(self)
        layout = QVBoxLayout(library)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(self._toolbar(library))
        self.message_label = QLabel(library)
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(10_000)
        self._message_timer.timeout.connect(self.message_label.hide)
        layout.addWidget(self.message_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, library)
        self.model = LibraryModel(self)
        self.proxy = LibraryProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self.splitter)
        self.tree.setObjectName("libraryTree")
        self.tree.setModel(self.proxy)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Template library")
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = TemplateDetail(ctx, self.splitter)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([690, 750])
        saved = ctx.settings.value(SPLITTER_KEY)
        if saved is not None:
            self.splitter.restoreState(saved)
        self.splitter.splitterMoved.connect(
            lambda *_: ctx.settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        )
        layout.addWidget(self.splitter, 1)
        self.tabs.addTab(library, "Library")

        from pmodesk.gui.templates.compliance_view import ComplianceView

        self.compliance = ComplianceView(ctx, self)
        self.tabs.addTab(self.compliance, "Compliance")

        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.detail.use_requested.connect(self.new_project_from)
        self.detail.edit_requested.connect(self.edit_template)
        self.detail.publish_requested.connect(self.publish)
        self.detail.retire_requested.connect(self.retire)
        self.detail.duplicate_requested.connect(self.duplicate)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self.reload)
        self._setup_actions()
        self.reload()

    # ------------------------------------------------------------ set-up

    def _toolbar(self, parent: QWidget) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search_edit = QLineEdit(parent)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Search templates (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(240)
        self.search_edit.textChanged.connect(self._on_filter)
        self.kind_combo = QComboBox(parent)
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.addItem("All kinds", "")
        for kind in KIND_ORDER:
            self.kind_combo.addItem(KIND_LABELS[kind][1], kind.value)
        self.kind_combo.currentIndexChanged.connect(self._on_filter)
        self.retired_check = QCheckBox("Show &retired", parent)
        self.retired_check.setObjectName("retiredCheck")
        self.retired_check.setChecked(True)
        self.retired_check.toggled.connect(self._on_filter)
        self.count_label = QLabel(parent)
        self.count_label.setProperty("role", "muted")
        self.new_button = QPushButton("&New template…", parent)
        self.new_button.setObjectName("newTemplateButton")
        self.new_button.clicked.connect(self.new_template)
        self.import_button = QPushButton("&Import pack…", parent)
        self.import_button.setObjectName("importPackButton")
        self.import_button.clicked.connect(self.import_pack)
        self.export_button = QPushButton("E&xport pack…", parent)
        self.export_button.setObjectName("exportPackButton")
        self.export_button.clicked.connect(self.export_pack)
        self.restore_button = QPushButton("Restore &defaults…", parent)
        self.restore_button.setObjectName("restoreDefaultsButton")
        self.restore_button.clicked.connect(self.restore_defaults)
        for widget in (self.search_edit, self.kind_combo, self.retired_check):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        for button in (self.new_button, self.import_button, self.export_button):
            bar.addWidget(button)
        bar.addWidget(self.restore_button)
        return bar

    def _setup_actions(self) -> None:
        find = QAction("Find template", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        publish = QAction("Publish", self)
        publish.setShortcut(QKeySequence("Ctrl+Shift+P"))
        publish.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        publish.triggered.connect(self.detail.publish_button.click)
        self.addAction(publish)
        edit = QAction("Edit template", self)
        edit.setShortcut(QKeySequence("Ctrl+E"))
        edit.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit.triggered.connect(lambda: self.edit_template(self.detail.code))
        self.addAction(edit)
        self.tree.activated.connect(lambda _index: self.detail.use_button.click())

    # ------------------------------------------------------------ public API

    def current_model(self) -> type[Any]:
        """Edit > New record here creates a project from a template."""
        from pmodesk.domain import Project

        return Project

    def new_record(self) -> uuid.UUID | None:
        return self.new_project_from(self.detail.code)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def show_message(self, text: str) -> None:
        announce(self, self.message_label, self._message_timer, text)

    def reload(self) -> None:
        from pmodesk.services.templates import list_library

        selected = self.detail.code
        with self._ctx.session() as session:
            rows = list_library(session)
        self.model.set_rows(rows)
        self._span_groups()
        self._update_count()
        self.select(selected or (rows[0].code if rows else ""))

    def select(self, code: str) -> None:
        """Select template ``code`` in the tree (and show it)."""
        source = self.model.index_of(code)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self.detail.show_template(code if index.isValid() else "")

    def visible_codes(self) -> list[str]:
        codes = []
        for group in range(self.proxy.rowCount()):
            parent = self.proxy.index(group, 0)
            for child in range(self.proxy.rowCount(parent)):
                row = self.proxy.index(child, 0, parent).data(ROW_ROLE)
                if isinstance(row, TemplateRow):
                    codes.append(row.code)
        return codes

    # ------------------------------------------------------------ reacting

    def _on_filter(self) -> None:
        kind = self.kind_combo.currentData()
        self.proxy.set_filter(
            search=self.search_edit.text(),
            kind=TemplateKind(kind) if kind else None,
            show_retired=self.retired_check.isChecked(),
        )
        self._span_groups()
        self._update_count()

    def _span_groups(self) -> None:
        """Group rows (the kinds) read across the whole tree, and every group is open."""
        for group in range(self.proxy.rowCount()):
            self.tree.setFirstColumnSpanned(group, self.tree.rootIndex(), True)
        self.tree.expandAll()

    def _update_count(self) -> None:
        shown, total = len(self.visible_codes()), len(self.model.rows)
        self.count_label.setText(
            f"{total} templates" if shown == total else f"{shown} of {total} templates"
        )

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.tree.currentIndex().data(ROW_ROLE)
        self.detail.show_template(row.code if isinstance(row, TemplateRow) else "")
        self.detail.tabs.setTabText(0, "Preview")

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & _WATCHED:
            self.reload()

    # ------------------------------------------------------------ actions

    def _push(self, command: TemplateChangeCommand, done: str) -> bool:
        try:
            self._ctx.push(command)
        except DomainError as error:
            from pmodesk.gui.dialogs.errors import show_domain_error

            show_domain_error(self, error, "Templates")
            return False
        self.show_message(done)
        return True

    def new_project_from(self, code: str) -> uuid.UUID | None:
        from pmodesk.gui.templates.create_dialog import create_project_from_template

        dialog = create_project_from_template(self._ctx, self, code)
        if dialog is None or dialog.project_id is None:
            return None
        note = f" {' '.join(dialog.notes)}" if dialog.notes else ""
        self.show_message(
            f"Project {dialog.name_edit.text().strip()} created (Ctrl+Z undoes it).{note}"
        )
        return dialog.project_id

    def new_template(self) -> None:
        from pmodesk.gui.templates.editor_dialog import TemplateEditorDialog

        dialog = TemplateEditorDialog(self._ctx, self)
        if dialog.exec():
            self.select(dialog.code)
            self.show_message(f"Template {dialog.code} created as a draft; publish it when ready.")

    def edit_template(self, code: str) -> None:
        if not code:
            return
        from pmodesk.gui.templates.editor_dialog import TemplateEditorDialog

        dialog = TemplateEditorDialog(self._ctx, self, code)
        if dialog.exec():
            self.select(code)
            self.show_message(f"Saved as a draft of {code}; publish it to let projects use it.")

    def publish(self, code: str, version: int) -> None:
        from pmodesk.services.templates import publish

        if not confirm(
            self,
            "Publish template",
            f"Publish version {version} of {code}?",
            "Publish",
            informative="New projects will use this version; the version in use now is retired. "
            "Projects that used an earlier version keep it.",
        ):
            return
        command = TemplateChangeCommand(
            self._ctx, f"Publish {code} v{version}", lambda s: publish(s, code, version)
        )
        self._push(command, f"Version {version} of {code} is published.")

    def retire(self, code: str, version: int) -> None:
        from pmodesk.services.templates import retire

        if not confirm(
            self,
            "Retire template",
            f"Retire {code} version {version}?",
            "Retire",
            informative="No new project can use it; projects that used it keep it.",
        ):
            return
        command = TemplateChangeCommand(
            self._ctx, f"Retire {code}", lambda s: retire(s, code, version)
        )
        self._push(command, f"{code} is retired.")

    def duplicate(self, code: str) -> None:
        from pmodesk.services.templates import duplicate_template

        new_code, ok = QInputDialog.getText(
            self, "Duplicate template", f"Code of the copy of {code}:", text=f"{code}-COPY"
        )
        if not ok or not new_code.strip():
            return
        target = new_code.strip().upper()
        command = TemplateChangeCommand(
            self._ctx,
            f"Duplicate {code}",
            lambda s: duplicate_template(s, code, target, f"Copy of {self.detail.title.text()}"),
        )
        if self._push(command, f"{target} created as a draft copy of {code}."):
            self.select(target)

    def export_pack(self) -> None:
        from pmodesk.gui.templates.pack_dialog import export_pack

        message = export_pack(self._ctx, self, self.visible_codes())
        if message:
            self.show_message(message)

    def import_pack(self) -> None:
        from pmodesk.gui.templates.pack_dialog import import_pack

        name, _ = QFileDialog.getOpenFileName(
            self, "Import template pack", str(Path.home()), PACK_FILTER
        )
        if name:
            message = import_pack(self._ctx, self, Path(name))
            if message:
                self.show_message(message)

    def restore_defaults(self) -> None:
        from pmodesk.gui.templates.pack_dialog import restore_defaults

        message = restore_defaults(self._ctx, self)
        if message:
            self.show_message(message)
