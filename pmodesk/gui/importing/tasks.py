"""The wizard's long steps (reading, planning, importing) as jobs of the app's JobRunner.

QWizard asks a page synchronously whether it may move on; planning 100,000
rows takes seconds. So a page that needs a plan starts the job, answers "not
yet", and the job's completion moves the wizard on. While a job runs, the
wizard's buttons are disabled and the window keeps painting; the progress
dialog's Cancel stops the job and leaves the workspace as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWizard

from pmodesk.gui.context import AppContext
from pmodesk.gui.importing.state import IMPORTED_TABLES, ImportChoices
from pmodesk.gui.jobs import Job, JobControl, JobRunner

_BUTTONS = (
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
)


class WizardTasks(QObject):
    """Runs the wizard's jobs one at a time and keeps the buttons honest meanwhile."""

    #: A new plan is in ``choices.plan``.
    planned = Signal()
    #: The import ran; ``choices.result`` holds its result.
    imported = Signal()
    #: A job started (True) or ended (False).
    busy_changed = Signal(bool)

    def __init__(
        self, wizard: QWizard, ctx: AppContext, jobs: JobRunner, choices: ImportChoices
    ) -> None:
        super().__init__(wizard)
        self.wizard, self.ctx, self.jobs, self.choices = wizard, ctx, jobs, choices
        self.job: Job | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def run(
        self,
        title: str,
        fn: Callable[[JobControl], Any],
        on_done: Callable[[Any], None],
        *,
        failed: Callable[[], None] | None = None,
        tables: frozenset[str] = frozenset(),
    ) -> Job | None:
        """Run ``fn`` as a modal job; ``failed()`` runs when it errs or is cancelled."""
        if self.job is not None:
            return None
        self._set_busy(True)
        job = self.jobs.run(title, fn, on_done, tables=tables, modal=True)
        self.job = job

        def ended() -> None:
            self.job = None
            self._set_busy(False)
            if not job.succeeded and failed is not None:
                failed()

        job.ended.connect(ended)
        return job

    def _set_busy(self, busy: bool) -> None:
        """Disable every wizard button while a job runs; QWizard recomputes them after.

        Emitting the page's ``completeChanged`` makes QWizard set Back, Next,
        Import and Finish as the (possibly new) current page wants them.
        """
        if busy:
            for which in _BUTTONS:
                button = self.wizard.button(which)
                if button is not None:
                    button.setEnabled(False)
        else:
            cancel = self.wizard.button(QWizard.WizardButton.CancelButton)
            if cancel is not None:
                cancel.setEnabled(True)
            page = self.wizard.currentPage()
            if page is not None:
                page.completeChanged.emit()
        self.busy_changed.emit(busy)

    # ------------------------------------------------------------------ planning
    def plan_arguments(self) -> dict[str, Any]:
        """plan_import's keyword arguments for the current choices."""
        choices = self.choices
        picked = choices.picked_sheets()
        mapping: Any = choices.mapping if choices.mapping is not None else choices.saved_mapping
        return {
            "kinds": {s.name: s.kind for s in picked if s.kind},
            "sheets": [s.name for s in picked] if choices.sheets else None,
            "mapping": mapping,
            "options": choices.options(),
        }

    def plan(self, *, then_next: bool = False, survey: bool = False) -> Job | None:
        """Plan the import in the background; on success store it, and move on if asked.

        ``survey``: first list every sheet of the files (hidden ones too) and let
        the importer choose the sheets; the sheets it plans come back ticked.
        """
        workspace = self.ctx.workspace
        sources = list(self.choices.sources)
        arguments = self.plan_arguments()
        if survey:
            arguments.update(sheets=None, kinds={})

        def work(control: JobControl) -> Any:
            from pmodesk.exchange.importing import plan_import
            from pmodesk.gui.importing.engine import sample_cells
            from pmodesk.gui.importing.sheets_page import list_sheets

            def is_cancelled() -> bool:
                return control.cancelled

            sheets = list_sheets(sources, cancelled=is_cancelled) if survey else None
            with workspace.session() as session:
                plan = plan_import(
                    session, sources, progress=control.progress, cancelled=is_cancelled, **arguments
                )
            control.progress(0, 0, "Reading example cells")
            return sheets, plan, sample_cells(plan, cancelled=is_cancelled)

        def done(planned: tuple[Any, Any, Any]) -> None:
            sheets, plan, samples = planned
            kinds = {(s.source, s.sheet): s.kind for s in plan.sheets}
            if sheets is not None:
                for sheet in sheets:
                    sheet.picked = sheet.key in kinds
                    if sheet.picked or (not sheet.hidden and not sheet.chart and sheet.rows):
                        sheet.detected = kinds.get(sheet.key, "")
                self.choices.sheets = sheets
            else:
                for sheet in self.choices.sheets:
                    sheet.detected = kinds.get(sheet.key, sheet.detected)
            self.choices.plan, self.choices.samples = plan, samples
            self.choices.mapping_edited = False
            self.planned.emit()
            if then_next:
                self.wizard.next()

        return self.run("Checking the workbook", work, done)

    # ------------------------------------------------------------------ applying
    def apply(self, on_done: Callable[[Any], None]) -> Job | None:
        """Write the planned import in one transaction, in the background."""
        plan = self.choices.plan
        if plan is None:
            return None
        workspace = self.ctx.workspace
        tables = IMPORTED_TABLES

        def work(control: JobControl) -> Any:
            from pmodesk.exchange.importing import apply_import

            with workspace.session() as session:
                return apply_import(
                    session, plan, progress=control.progress, cancelled=lambda: control.cancelled
                )

        def done(result: Any) -> None:
            self.choices.result = result
            on_done(result)
            self.imported.emit()

        return self.run("Importing", work, done, tables=tables)
