"""Importing a template pack: the plan first, then the import as one undoable step.

The dialog lists every template in the pack with what importing would do:
new, newer than local, same as local, older than local (kept), conflict
(nothing replaced). Conflicts can be taken in as new local drafts. Nothing is
written until *Import* is pressed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.templates.commands import TemplateChangeCommand
from pmodesk.services.templates.packs import ImportPlan

if TYPE_CHECKING:
    from sqlmodel import Session

    from pmodesk.services.templates import TemplateChange

PACK_FILTER = "Template packs (*.pmtpl);;All files (*)"

COLUMNS = ("What happens", "Code", "Template", "In the pack", "Here", "Details")
ACTION_COLOURS = {
    "new": "#2e9e5b",
    "newer": "#2f5fb3",
    "same": "#8a94a3",
    "older": "#8a94a3",
    "conflict": "#d64545",
}


class PackImportDialog(QDialog):
    def __init__(
        self, ctx: AppContext, plan: ImportPlan, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.plan = plan
        self.setWindowTitle(f"Import {path.name}")
        self.setObjectName("packImportDialog")
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        counts = ", ".join(
            f"{plan.count(a)} {label}"
            for a, label in (
                ("new", "new"),
                ("newer", "newer than here"),
                ("same", "the same"),
                ("older", "older than here"),
                ("conflict", "in conflict"),
            )
            if plan.count(a)
        )
        summary = QLabel(
            f"The pack holds {len(plan.lines)} templates: {counts or 'none'}. "
            "Nothing in this workspace is replaced: newer versions are added beside the ones "
            "here, and a template that differs at the same version is left as it is.",
            self,
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableWidget(len(plan.lines), len(COLUMNS), self)
        self.table.setObjectName("planTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(False)
        for row, line in enumerate(plan.lines):
            cells = [
                line.action_label,
                line.code,
                line.name,
                f"v{line.pack_version}",
                f"v{line.local_version}" if line.local_version else "–",
                line.detail,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setForeground(QBrush(QColor(ACTION_COLOURS[line.action])))
                if column == 5:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.drafts_check = QCheckBox(
            "Take templates in conflict in as new local &drafts (to compare and publish)", self
        )
        self.drafts_check.setObjectName("conflictsAsDraftsCheck")
        self.drafts_check.setVisible(plan.count("conflict") > 0)
        layout.addWidget(self.drafts_check)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(plan.changes_anything)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.added = 0

    def accept(self) -> None:
        from pmodesk.services.templates import apply_import

        plan, drafts = self.plan, self.drafts_check.isChecked()
        command = TemplateChangeCommand(
            self._ctx,
            "Import template pack",
            lambda s: apply_import(s, plan, conflicts_as_drafts=drafts),
        )
        try:
            self._ctx.push(command)
        except DomainError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.added = len(command.result.created) if command.result is not None else 0
        super().accept()


def import_pack(ctx: AppContext, parent: QWidget | None, path: Path) -> str:
    """Read the pack, show its plan, import on request; returns a message for the page."""
    from pmodesk.gui.dialogs.errors import show_domain_error
    from pmodesk.services.templates import plan_import, read_pack

    try:
        versions = read_pack(path)
        with ctx.session() as session:
            plan = plan_import(session, versions)
    except DomainError as error:
        show_domain_error(parent, error, "Import template pack")
        return ""
    dialog = PackImportDialog(ctx, plan, path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return ""
    return f"Imported {dialog.added} template versions from {path.name} (Ctrl+Z undoes it)."


def export_pack(ctx: AppContext, parent: QWidget | None, codes: list[str]) -> str:
    """Ask where, write the pack of ``codes`` (every version); returns a message for the page."""
    from PySide6.QtWidgets import QFileDialog

    from pmodesk.gui.dialogs.errors import show_message
    from pmodesk.services.templates import export_pack as pack_of
    from pmodesk.services.templates import write_pack

    start = str(Path.home() / "templates.pmtpl")
    name, _ = QFileDialog.getSaveFileName(parent, "Export template pack", start, PACK_FILTER)
    if not name:
        return ""
    path = Path(name) if Path(name).suffix else Path(name).with_suffix(".pmtpl")
    try:
        with ctx.session() as session:
            pack = pack_of(session, codes)
        write_pack(pack, path)
    except (DomainError, OSError) as error:
        show_message(parent, "Export template pack", f"The pack was not written: {error}")
        return ""
    return f"Exported {len(codes)} templates to {path}."


def restore_defaults(ctx: AppContext, parent: QWidget | None) -> str:
    """Confirm, then give the built-in templates their shipped content as one undoable step."""
    from pmodesk.gui.dialogs.errors import show_domain_error
    from pmodesk.gui.editors.confirm import confirm
    from pmodesk.services.templates import restore_defaults as restore

    if not confirm(
        parent,
        "Restore defaults",
        "Give every built-in template the content pmodesk ships with?",
        "Restore defaults",
        informative="Each built-in template you changed gets the shipped content as a new "
        "published version; your versions stay in the history. Ctrl+Z undoes it.",
    ):
        return ""
    summary: list[str] = []

    def run(session: Session) -> TemplateChange:
        report = restore(session)
        summary.append(report.summary)
        return report.change

    command = TemplateChangeCommand(ctx, "Restore default templates", run)
    try:
        ctx.push(command)
    except DomainError as error:
        show_domain_error(parent, error, "Restore defaults")
        return ""
    return summary[0] if summary else ""
