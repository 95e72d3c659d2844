"""The import wizard: file, sheets and kinds, mapping, preview, import, summary.

Each page keeps its part of :class:`~pmodesk.gui.importing.state.ImportChoices`,
so Back never loses what was chosen. Reading, planning and importing run as
jobs of the app's :class:`~pmodesk.gui.jobs.JobRunner` with progress and
Cancel (:mod:`.tasks`); the applied import lands on the app's undo stack as one
step (:mod:`.command`).
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget, QWizard

from pmodesk.gui.context import AppContext
from pmodesk.gui.icons import icon
from pmodesk.gui.importing.file_page import FilePage
from pmodesk.gui.importing.mapping_page import MappingPage
from pmodesk.gui.importing.preview_page import PreviewPage
from pmodesk.gui.importing.sheets_page import SheetsPage
from pmodesk.gui.importing.state import KEY_GEOMETRY, ImportChoices
from pmodesk.gui.importing.summary_page import SummaryPage
from pmodesk.gui.importing.tasks import WizardTasks
from pmodesk.gui.jobs import JobRunner


class Step(IntEnum):
    FILE = 0
    SHEETS = 1
    MAPPING = 2
    PREVIEW = 3
    SUMMARY = 4


class ImportWizard(QWizard):
    """Bring a workbook into the workspace; see the module docstring."""

    def __init__(
        self,
        ctx: AppContext,
        jobs: JobRunner,
        paths: list[Path] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import a workbook")
        self.setWindowIcon(icon("import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.ctx = ctx
        self.choices = ImportChoices()
        self.tasks = WizardTasks(self, ctx, jobs, self.choices)
        self.file_page = FilePage(ctx, self.choices, self.tasks)
        self.sheets_page = SheetsPage(self.choices, self.tasks)
        self.mapping_page = MappingPage(ctx, self.choices, self.tasks)
        self.preview_page = PreviewPage(ctx, self.choices, self.tasks)
        self.summary_page = SummaryPage(self.choices)
        for step, page in (
            (Step.FILE, self.file_page),
            (Step.SHEETS, self.sheets_page),
            (Step.MAPPING, self.mapping_page),
            (Step.PREVIEW, self.preview_page),
            (Step.SUMMARY, self.summary_page),
        ):
            self.setPage(step, page)
            # Enter is for Next: no button of a page takes it over when it has had focus.
            for button in page.findChildren(QPushButton):
                button.setAutoDefault(False)
        self.setStartId(Step.FILE)
        if paths:
            self.file_page.add_files(list(paths))
        self._restore_geometry()

    def _restore_geometry(self) -> None:
        saved = self.ctx.settings.value(KEY_GEOMETRY)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)
        else:
            self.resize(1080, 720)

    def done(self, result: int) -> None:
        """Cancel closes the wizard; a running job is cancelled first (it writes nothing)."""
        if self.tasks.busy:
            self._close_after_job(result)
            return
        self.ctx.settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tasks.busy:
            event.ignore()
            self._close_after_job(QWizard.DialogCode.Rejected.value)
            return
        super().closeEvent(event)

    def _close_after_job(self, result: int) -> None:
        job = self.tasks.job
        if job is None:
            return
        job.cancel()

        def ended(busy: bool) -> None:
            if not busy:
                self.tasks.busy_changed.disconnect(ended)
                self.done(result)

        self.tasks.busy_changed.connect(ended)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves on when it can (QWizard's default button), never while a job runs."""
        if self.tasks.busy and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)


def open_import_wizard(
    window: QMainWindow | QWidget,
    ctx: AppContext,
    jobs: JobRunner,
    paths: list[Path] | None = None,
) -> ImportWizard:
    """Show the import wizard over ``window`` (non-modal, so the window keeps painting).

    ``paths``: files already chosen (dropped onto the window); the wizard opens
    on its first page with them listed, so a saved mapping can still be picked.
    """
    wizard = ImportWizard(ctx, jobs, paths, window)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    wizard.raise_()
    wizard.activateWindow()
    return wizard
