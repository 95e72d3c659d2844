"""Long work off the UI thread: one operation mechanism with progress, cancel and one error path.

Following Anki's operations, every long job (an import, an export, the
review pack, the demo portfolio, a recomputation) goes through
:meth:`JobRunner.run`:

* ``fn(control)`` runs in a worker thread and opens its own sessions (the
  service it calls does, through ``ctx.workspace``); it reports with
  ``control.progress(done, total, message)`` and stops early when
  ``control.cancelled`` turns true (returning, or raising :class:`JobCancelled`);
* a progress dialog (``modal=True``) or the status-bar indicator
  (``modal=False``) shows the progress, and its Cancel really sets the flag;
* errors go to one place: a :class:`~pmodesk.domain.errors.DomainError` is shown
  as its sentence, anything else reaches the crash dialog;
* on success ``on_done(result)`` runs on the GUI thread and the changed tables
  are broadcast through :meth:`AppContext.notify`, so each view decides
  whether to refresh.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QWidget

from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs.errors import report_exception
from pmodesk.gui.forms import load_form

#: How long a modal job may run before its progress dialog appears (avoids a flash).
DIALOG_DELAY_MS = 300

#: Every table name, for jobs that may touch anything (the demo portfolio).


def all_tables() -> frozenset[str]:
    """Every table name (a job that touches everything, such as the demo, broadcasts these)."""
    from pmodesk.domain import RECORD_KINDS

    return frozenset(str(m.__tablename__) for m in RECORD_KINDS.values())


class JobCancelled(Exception):
    """Raised by a job's function to stop once the user has cancelled."""


def _is_cancellation(error: BaseException) -> bool:
    return isinstance(error, JobCancelled) or type(error).__name__.endswith("Cancelled")


class JobControl(QObject):
    """What a job's function holds: progress reporting and the cancel flag (both thread-safe)."""

    progressed = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` steps (``total`` 0: unknown); callable from any thread."""
        self.progressed.emit(int(done), int(total), str(message))

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise JobCancelled("The job was cancelled.")


class JobProgressDialog(QDialog):
    """Title, the latest message, a bar, and Cancel; closing it also cancels."""

    titleLabel: QLabel
    messageLabel: QLabel
    progressBar: QProgressBar
    buttonBox: QDialogButtonBox

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_form("progress_dialog.ui", self)
        self.setWindowTitle(title)
        self.titleLabel.setText(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.buttonBox.rejected.connect(self.reject)

    def show_progress(self, done: int, total: int, message: str) -> None:
        self.progressBar.setMaximum(max(total, 0))
        self.progressBar.setValue(min(done, total) if total > 0 else 0)
        if message:
            self.messageLabel.setText(message)

    def reject(self) -> None:
        """Escape, the close button and Cancel ask the job to stop; the job closes the dialog."""
        button = self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        if button is not None:
            button.setEnabled(False)
        self.messageLabel.setText("Cancelling…")
        self.cancel_requested.emit()


class _Worker(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        # Python keeps the runnable alive (the job holds it), not the pool.
        self.setAutoDelete(False)
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            result = job.fn(job.control)
        except BaseException as exc:  # every failure is reported on the GUI thread
            job.finished.emit(None, exc)
        else:
            job.finished.emit(result, None)


class Job(QObject):
    """One running job; lives on the GUI thread and receives the worker's signals."""

    finished = Signal(object, object)  # result, exception (emitted by the worker)
    #: Emitted on the GUI thread when the job is over, however it ended.
    ended = Signal()

    def __init__(
        self,
        runner: JobRunner,
        title: str,
        fn: Callable[[JobControl], Any],
        on_done: Callable[[Any], None],
        tables: frozenset[str],
        modal: bool,
    ) -> None:
        super().__init__(runner)
        self.runner, self.title, self.fn, self.on_done = runner, title, fn, on_done
        self.tables, self.modal = tables, modal
        self.control = JobControl(self)
        self.worker: _Worker | None = None
        self.dialog: JobProgressDialog | None = None
        self.done = False
        self.succeeded = False
        self.error: BaseException | None = None
        self.last_progress: tuple[int, int, str] = (0, 0, "")
        self.control.progressed.connect(self._on_progress)
        self.finished.connect(self._on_finished)

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    def cancel(self) -> None:
        self.control.cancel()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.done:
            return
        self.last_progress = (done, total, message)
        if self.dialog is not None:
            self.dialog.show_progress(done, total, message)
        self.runner.progressed.emit(self, done, total, message)

    def _show_dialog(self) -> None:
        if self.dialog is not None and not self.done:
            self.dialog.show()

    @Slot(object, object)
    def _on_finished(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.runner.job_ended(self)
        ctx = self.runner.ctx
        try:
            if error is not None:
                if self.cancelled and _is_cancellation(error):
                    return
                self.error = error
                report_exception(error, self.runner.parent_widget, title=self.title)
                return
            if self.cancelled:
                # The function returned early; whatever it wrote, views should look again.
                if self.tables:
                    ctx.notify(self.tables)
                return
            self.succeeded = True
            self.on_done(result)
            if self.tables:
                ctx.notify(self.tables)
        finally:
            self.ended.emit()


class JobRunner(QObject):
    """Runs jobs on a thread pool and shows their progress; see the module docstring."""

    #: A job began: ``(job)``.
    started = Signal(object)
    #: A job reported: ``(job, done, total, message)``.
    progressed = Signal(object, int, int, str)
    #: A job ended (success, error or cancel): ``(job)``.
    ended = Signal(object)

    def __init__(
        self, ctx: AppContext, parent_widget: QWidget | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else ctx)
        self.ctx = ctx
        self.parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._jobs: list[Job] = []

    @property
    def active_jobs(self) -> list[Job]:
        return list(self._jobs)

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        title: str,
        fn: Callable[[JobControl], Any],
        on_done: Callable[[Any], None],
        *,
        tables: Iterable[str] = (),
        modal: bool = True,
    ) -> Job:
        """Start ``fn`` in a worker thread; see the module docstring for what follows."""
        job = Job(self, title, fn, on_done, frozenset(tables), modal)
        if modal:
            job.dialog = JobProgressDialog(title, self.parent_widget)
            job.dialog.cancel_requested.connect(job.cancel)
            QTimer.singleShot(DIALOG_DELAY_MS, job._show_dialog)
        self._jobs.append(job)
        self.started.emit(job)
        job.worker = _Worker(job)
        self._pool.start(job.worker)
        return job

    def job_ended(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        self.ended.emit(job)

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every worker thread has returned (at shutdown)."""
        return bool(self._pool.waitForDone(msecs))


def create_demo_portfolio(
    runner: JobRunner, on_done: Callable[[Any], None], size: Any = None
) -> Job:
    """The first-run choice: fill the open workspace with the demo portfolio, with progress.

    ``generate_demo`` raises ``DemoCancelled`` (and writes nothing) when cancelled.
    """
    workspace = runner.ctx.workspace

    def work(control: JobControl) -> Any:
        from pmodesk.services.demo import DemoSize, generate_demo

        return generate_demo(
            workspace,
            size if size is not None else DemoSize(),
            progress=control.progress,
            cancelled=lambda: control.cancelled,
        )

    return runner.run("Creating the demo portfolio", work, on_done, tables=all_tables())
