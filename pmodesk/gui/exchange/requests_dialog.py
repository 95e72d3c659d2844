"""Status requests…: one status-update workbook per project manager, for a period, into a folder.

The dialog lists who will be asked (each manager of an active project, with
their number of projects), takes the period (the current one by default) and
the folder, and writes the workbooks in the background with progress and
Cancel. It then lists the files and offers to open the folder.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs.errors import show_message
from pmodesk.gui.exchange import common
from pmodesk.gui.jobs import Job, JobControl, JobRunner

FOLDER_KEY = "statusRequestFolder"
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$")


class StatusRequestsDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.job: Job | None = None
        self.written: list[Any] = []
        self.setObjectName("statusRequestsDialog")
        self.setWindowTitle("Status requests")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Write one status-update workbook per project manager, filled in with their last "
            "report. Send each to its manager; collect the returned workbooks with "
            "“Collect returned status workbooks…”.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.periodEdit = QLineEdit(self)
        self.periodEdit.setPlaceholderText("YYYY-MM")
        form.addRow("&Period:", self.periodEdit)
        self.folderRow = common.PathRow("The folder to write the workbooks into", self)
        form.addRow("&Folder:", self.folderRow)
        layout.addLayout(form)
        self.managersLabel = QLabel(self)
        layout.addWidget(self.managersLabel)
        self.managersList = QListWidget(self)
        self.managersList.setObjectName("managersList")
        layout.addWidget(self.managersList, 1)
        self.resultLabel = QLabel(self)
        self.resultLabel.setWordWrap(True)
        layout.addWidget(self.resultLabel)
        self.buttonBox = QDialogButtonBox(self)
        self.writeButton = self.buttonBox.addButton(
            "&Write requests", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.openButton = QPushButton("&Open the folder", self)
        self.buttonBox.addButton(self.openButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.closeButton = self.buttonBox.addButton(QDialogButtonBox.StandardButton.Close)
        self.openButton.setEnabled(False)
        layout.addWidget(self.buttonBox)
        self.writeButton.clicked.connect(self.start_writing)
        self.openButton.clicked.connect(lambda: common.open_in_system(self.folder_path()))
        self.closeButton.clicked.connect(self.reject)
        self.folderRow.browse.clicked.connect(self._browse)
        self._fill()

    def _fill(self) -> None:
        from sqlmodel import col, select

        from pmodesk.domain import Project
        from pmodesk.domain.enums import ProjectState
        from pmodesk.services.status_collection import current_period

        with self.ctx.session() as session:
            self.periodEdit.setText(current_period(session))
            statement = select(Project.manager).where(
                col(Project.archived_at).is_(None),
                col(Project.state) == ProjectState.ACTIVE,
                col(Project.manager) != "",
            )
            counts = Counter(str(m).strip() for m in session.exec(statement))
        from pmodesk.services.register import fold

        for manager in sorted(counts, key=fold):
            projects = counts[manager]
            self.managersList.addItem(
                f"{manager} — {projects} project{'s' if projects != 1 else ''}"
            )
        self.managersLabel.setText(f"{len(counts)} managers will be asked:")
        self.writeButton.setEnabled(bool(counts))
        self.folderRow.set_path(common.remembered_folder(self.ctx, FOLDER_KEY))

    def folder_path(self) -> Path:
        return self.folderRow.path or Path.home()

    def _browse(self) -> None:
        chosen = common.ask_folder(self, "Folder for the status requests", self.folder_path())
        if chosen is not None:
            self.folderRow.set_path(chosen)

    def start_writing(self) -> Job | None:
        period = self.periodEdit.text().strip()
        if not _PERIOD.match(period):
            show_message(
                self,
                "Status requests",
                f"Write the period as YYYY-MM (e.g. 2026-03), not {period!r}.",
            )
            return None
        folder = self.folderRow.path
        if folder is None or not folder.is_dir():
            show_message(self, "Status requests", "Choose an existing folder for the workbooks.")
            return None
        workspace = self.ctx.workspace

        def work(control: JobControl) -> Any:
            from pmodesk.exchange.writing.status_requests import write_status_requests

            with workspace.session() as session:
                return write_status_requests(
                    session,
                    folder,
                    period,
                    workspace_name=workspace.name,
                    progress=control.progress,
                    cancelled=lambda: control.cancelled,
                )

        common.remember_folder(self.ctx, FOLDER_KEY, folder)
        self.writeButton.setEnabled(False)
        self.resultLabel.setText("")
        self.job = self.runner.run(f"Writing status requests for {period}", work, self._done)
        self.job.ended.connect(lambda: self.writeButton.setEnabled(True))
        return self.job

    def _done(self, written: list[Any]) -> None:
        self.written = written
        self.managersList.clear()
        for request in written:
            self.managersList.addItem(
                f"{request.path.name} — {request.projects} projects, {request.milestones} milestones"
            )
        self.managersLabel.setText("Written:")
        self.resultLabel.setText(f"{len(written)} workbooks written to {self.folder_path()}.")
        self.openButton.setEnabled(True)


def open_status_requests_dialog(window: Any) -> StatusRequestsDialog:
    """File › Status requests…: show the dialog for ``window`` (with ``ctx`` and ``jobs``)."""
    dialog = StatusRequestsDialog(window.ctx, window.jobs, window)
    dialog.open()
    return dialog


__all__ = ["StatusRequestsDialog", "open_status_requests_dialog"]
