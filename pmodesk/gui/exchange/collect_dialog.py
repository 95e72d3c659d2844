"""Collect returned status workbooks…: check them all, show who returned and what changed, import.

The PMO adds the returned files (or the folder they saved them into) and
presses Check: the workbooks are read and every row validated in the
background (nothing is written). The dialog then shows who returned, who did
not, what each return changes, files that were ignored and why, and every
problem at its sheet, row and column. Import is possible only when there is
no problem, and writes all returns in one transaction, or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.gui.context import AppContext
from pmodesk.gui.exchange import common
from pmodesk.gui.jobs import Job, JobControl, JobRunner

FOLDER_KEY = "returnedFolder"
#: The tables a collection writes (for the views to refresh).
TABLES = ("status_report", "milestone", "audit_event")


class CollectStatusDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.sources: list[Path] = []
        self.collection: Any = None
        self.result: Any = None
        self.undone = False
        self.job: Job | None = None
        self.setObjectName("collectStatusDialog")
        self.setWindowTitle("Collect returned status workbooks")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.addFilesButton = QPushButton("Add &files…", self)
        self.addFolderButton = QPushButton("Add a f&older…", self)
        self.clearButton = QPushButton("C&lear", self)
        for button in (self.addFilesButton, self.addFolderButton, self.clearButton):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.sourceList = QListWidget(self)
        self.sourceList.setObjectName("sourceList")
        self.sourceList.setMaximumHeight(110)
        layout.addWidget(self.sourceList)
        self.summaryLabel = QLabel("Add the returned workbooks, then press Check.", self)
        self.summaryLabel.setObjectName("collectSummary")
        self.summaryLabel.setWordWrap(True)
        layout.addWidget(self.summaryLabel)
        self.tabs = QTabWidget(self)
        self.returnedTree = self._tree(["Manager", "File"])
        self.missingList = QListWidget(self)
        self.changesTree = self._tree(["Manager", "Record", "What changes"])
        self.problemsTree = self._tree(["File", "Sheet", "Cell", "Value", "Problem"])
        self.ignoredTree = self._tree(["File", "Why it was left out"])
        self.tabs.addTab(self.returnedTree, "Returned")
        self.tabs.addTab(self.missingList, "Not returned")
        self.tabs.addTab(self.changesTree, "What changes")
        self.tabs.addTab(self.problemsTree, "Problems")
        self.tabs.addTab(self.ignoredTree, "Ignored files")
        layout.addWidget(self.tabs, 1)
        self.buttonBox = QDialogButtonBox(self)
        self.checkButton = self.buttonBox.addButton(
            "&Check", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.importButton = self.buttonBox.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.undoButton = self.buttonBox.addButton(
            "&Undo the import", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.closeButton = self.buttonBox.addButton(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(self.buttonBox)
        self.addFilesButton.clicked.connect(self._add_files)
        self.addFolderButton.clicked.connect(self._add_folder)
        self.clearButton.clicked.connect(self.clear_sources)
        self.checkButton.clicked.connect(self.check)
        self.importButton.clicked.connect(self.import_returns)
        self.undoButton.clicked.connect(self.undo_import)
        self.closeButton.clicked.connect(self.reject)
        self._sync()

    def _tree(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        return tree

    # ---------------------------------------------------------------- sources

    def add_sources(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.sources:
                self.sources.append(path)
                self.sourceList.addItem(str(path) + ("  (folder)" if path.is_dir() else ""))
        self.collection = None
        self._sync()

    def clear_sources(self) -> None:
        self.sources.clear()
        self.sourceList.clear()
        self.collection = None
        self._sync()

    def _add_files(self) -> None:
        chosen = common.ask_open_workbooks(self, common.remembered_folder(self.ctx, FOLDER_KEY))
        if chosen:
            common.remember_folder(self.ctx, FOLDER_KEY, chosen[0].parent)
            self.add_sources(chosen)

    def _add_folder(self) -> None:
        start = common.remembered_folder(self.ctx, FOLDER_KEY)
        chosen = common.ask_folder(self, "Folder of returned workbooks", start)
        if chosen is not None:
            common.remember_folder(self.ctx, FOLDER_KEY, chosen)
            self.add_sources([chosen])

    def _sync(self) -> None:
        busy = self.job is not None and not self.job.done
        self.checkButton.setEnabled(bool(self.sources) and not busy)
        ready = self.collection is not None and not self.collection.refused and self.result is None
        self.importButton.setEnabled(ready and not busy)
        self.undoButton.setEnabled(self.result is not None and not self.undone and not busy)
        for button in (self.addFilesButton, self.addFolderButton, self.clearButton):
            button.setEnabled(not busy)

    # ---------------------------------------------------------------- check and import

    def check(self) -> Job:
        """Read and validate every returned workbook in the background (writes nothing)."""
        sources, workspace = list(self.sources), self.ctx.workspace
        self.collection, self.result, self.undone = None, None, False

        def work(control: JobControl) -> Any:
            from pmodesk.exchange.writing.collection import plan_collection

            with workspace.session() as session:
                return plan_collection(
                    session, sources, progress=control.progress, cancelled=lambda: control.cancelled
                )

        self.job = self.runner.run("Checking the returned workbooks", work, self._show_plan)
        self.job.ended.connect(self._sync)
        self._sync()
        return self.job

    def import_returns(self) -> Job | None:
        """Import every return in one transaction (only after a check found no problem)."""
        collection, workspace = self.collection, self.ctx.workspace
        if collection is None or collection.refused:
            return None

        def work(control: JobControl) -> Any:
            from pmodesk.exchange.writing.collection import apply_collection

            with workspace.session() as session:
                return apply_collection(
                    session,
                    collection,
                    progress=control.progress,
                    cancelled=lambda: control.cancelled,
                )

        self.job = self.runner.run(
            "Importing the returned workbooks", work, self._show_result, tables=TABLES
        )
        self.job.ended.connect(self._sync)
        self._sync()
        return self.job

    def undo_import(self) -> Job | None:
        """Take the whole collection back out (the importer's undo of its one batch)."""
        if self.result is None or self.undone:
            return None
        batch, workspace = self.result.result.batch, self.ctx.workspace

        def work(_control: JobControl) -> Any:
            from pmodesk.exchange.importing import undo_import

            with workspace.session() as session:
                return undo_import(session, batch)

        self.job = self.runner.run("Undoing the import", work, self._show_undone, tables=TABLES)
        self.job.ended.connect(self._sync)
        self._sync()
        return self.job

    def _show_undone(self, undone: Any) -> None:
        self.undone = True
        self.summaryLabel.setText(
            f"The import was undone: {undone.deleted} records removed, {undone.restored} put back."
        )

    def _show_plan(self, collection: Any) -> None:
        self.collection = collection
        for tree in (self.returnedTree, self.changesTree, self.problemsTree, self.ignoredTree):
            tree.clear()
        self.missingList.clear()
        for workbook in collection.returned:
            QTreeWidgetItem(self.returnedTree, [workbook.manager, workbook.path.name])
        for manager in collection.missing:
            self.missingList.addItem(manager)
        for change in collection.changes:
            QTreeWidgetItem(
                self.changesTree, [change.manager, change.record, "; ".join(change.changes)]
            )
        for problem in collection.problems:
            where = f"{problem.column.split(' ', 1)[0]}{problem.row}" if problem.row else ""
            QTreeWidgetItem(
                self.problemsTree,
                [
                    problem.source,
                    problem.sheet,
                    where,
                    problem.value,
                    f"{problem.severity}: {problem.reason}",
                ],
            )
        for name, reason in collection.ignored:
            QTreeWidgetItem(self.ignoredTree, [name, reason])
        for tree in (self.returnedTree, self.changesTree, self.problemsTree, self.ignoredTree):
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)
        counts = collection.plan.counts_by_kind()
        reports = counts.get("status_report", {})
        milestones = counts.get("milestone", {})
        head = (
            f"Period {collection.period}: {len(collection.returned)} returned, "
            f"{len(collection.missing)} not returned. "
        )
        if collection.refused:
            self.summaryLabel.setText(
                head + f"{len(collection.plan.errors)} problems must be put right in the workbooks "
                "before anything can be imported (see Problems)."
            )
            self.tabs.setCurrentWidget(self.problemsTree)
        else:
            self.summaryLabel.setText(
                head + f"Import would create {reports.get('created', 0)} and update "
                f"{reports.get('updated', 0)} status reports, and update {milestones.get('updated', 0)} "
                "milestones."
            )
            self.tabs.setCurrentWidget(self.changesTree)

    def _show_result(self, outcome: Any) -> None:
        self.result = outcome
        result = outcome.result
        self.summaryLabel.setText(
            f"Imported the returns of {len(outcome.plan.returned)} managers for "
            f"{outcome.plan.period}: {result.created} records created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )


def open_collect_status_dialog(window: Any) -> CollectStatusDialog:
    """File › Collect returned status workbooks…: show the dialog for ``window``."""
    dialog = CollectStatusDialog(window.ctx, window.jobs, window)
    dialog.open()
    return dialog
