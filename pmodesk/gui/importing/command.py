"""The applied import as one step on the app's undo stack.

The import itself runs as a job (it may take a while and can be cancelled);
when it has written its batch, :class:`ImportBatchCommand` is pushed so that
Edit > Undo takes the whole batch back through ``undo_import``.

Redo cannot be exact with the importer as it is: ``undo_import`` deletes the
records the import created and bumps the versions of those it updated, so
applying the same plan again would give the new records other ids (an edit
made after the import and waiting on the redo stack would no longer find
them) and its updates would be refused as "changed since the plan was made".
So a successful undo makes the command obsolete: QUndoStack drops it, and
the way back is to import the file again. A refused undo (a record the import
touched was edited since; ``undo_import`` raises a ConflictError) is shown as
its sentence and the stack is put back over the command, so what the Edit
menu offers always matches the workspace.

Undoing 100,000 records takes seconds, so the undo runs as a job of the app's
JobRunner (progress in the status bar) while ``undo()`` waits in a local event
loop that keeps the window painting but holds back keyboard and mouse input
until it is done: QUndoStack needs ``undo()`` to have finished when it returns,
and no second Ctrl+Z may slip in meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QUndoCommand

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.jobs import JobControl, JobRunner


def import_text(source: str, result: Any) -> str:
    """The undo history line: ``Import register.xlsx (3 created, 2 updated)``."""
    parts = []
    if result.created:
        parts.append(f"{result.created:,} created")
    if result.updated:
        parts.append(f"{result.updated:,} updated")
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"Import {source}{detail}"


class ImportBatchCommand(QUndoCommand):
    """Undo: ``undo_import(batch)``, after which the command is obsolete (see the module)."""

    def __init__(
        self,
        ctx: AppContext,
        jobs: JobRunner,
        sources: str,
        result: Any,
        tables: frozenset[str],
    ) -> None:
        super().__init__(import_text(sources, result))
        self._ctx, self._jobs, self._tables = ctx, jobs, tables
        self.batch = result.batch
        self.result = result
        self.error: DomainError | None = None  # read by AppContext.push; the push never fails

    def redo(self) -> None:
        """Nothing to do: the job wrote the batch before the command was pushed.

        Also called to move the stack back over the command after a refused undo.
        """

    def undo(self) -> None:
        workspace, batch = self._ctx.workspace, self.batch

        def work(_control: JobControl) -> Any:
            from pmodesk.exchange.importing import undo_import

            with workspace.session() as session:
                return undo_import(session, batch)

        job = self._jobs.run(
            "Undoing the import", work, lambda _result: None, tables=self._tables, modal=False
        )
        if not job.done:
            loop = QEventLoop()
            job.ended.connect(loop.quit)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if job.succeeded:
            self.setObsolete(True)
            return
        # Refused (the runner has shown why): the import stands, so the stack goes back over it.
        QTimer.singleShot(0, self._ctx.undo_stack.redo)
