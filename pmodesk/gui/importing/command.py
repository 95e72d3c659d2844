"""The applied import as one step on the app's undo stack.

The import itself runs as a job (it may take a while and can be cancelled);
when it has written its batch, :class:`ImportBatchCommand` is pushed so that
Edit > Undo takes the whole batch back through ``undo_import`` and Edit > Redo
puts it back through ``redo_import``: the same records under the same ids (so
an edit made after the import, waiting further up the redo stack, still finds
them) with the values the import had set.

Either may be refused (a record the import touched was edited since, outside
this stack; the importer raises a ConflictError naming it). The refusal is
shown as its sentence and the stack is put back where it was, so what the Edit
menu offers always matches the workspace: the command knows whether its batch
is in place, and the move back over it does nothing.

Undoing 100,000 records takes seconds, so the undo and the redo run as jobs of
the app's JobRunner (progress in the status bar) while ``undo()`` or ``redo()``
waits in a local event loop that keeps the window painting but holds back
keyboard and mouse input until it is done: QUndoStack needs them to have
finished when they return, and no second Ctrl+Z may slip in meanwhile.
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
    """Undo: ``undo_import(batch)``; redo: ``redo_import(batch)`` (see the module)."""

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
        #: Whether the import's records are in the workspace: the job wrote them before the push.
        self.in_place = True

    def redo(self) -> None:
        """Put the undone import back; nothing to do when it is in place.

        It is in place when the command is pushed (the job wrote the batch) and
        when the stack moves back over it after a refused undo.
        """
        if self.in_place:
            return
        if self._run("Redoing the import", undoing=False):
            self.in_place = True
            return
        # Refused (the runner has shown why): the import stays undone, so the stack goes back.
        QTimer.singleShot(0, self._ctx.undo_stack.undo)

    def undo(self) -> None:
        """Take the import back; nothing to do when the stack moves back after a refused redo."""
        if not self.in_place:
            return
        if self._run("Undoing the import", undoing=True):
            self.in_place = False
            return
        # Refused (the runner has shown why): the import stands, so the stack goes back over it.
        QTimer.singleShot(0, self._ctx.undo_stack.redo)

    def _run(self, title: str, *, undoing: bool) -> bool:
        """Run the importer's ``undo_import`` or ``redo_import`` as a job and wait for it."""
        workspace, batch = self._ctx.workspace, self.batch

        def work(_control: JobControl) -> Any:
            from pmodesk.exchange.importing import redo_import, undo_import

            step = undo_import if undoing else redo_import
            with workspace.session() as session:
                return step(session, batch)

        job = self._jobs.run(title, work, lambda _result: None, tables=self._tables, modal=False)
        if not job.done:
            loop = QEventLoop()
            job.ended.connect(loop.quit)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return bool(job.succeeded)
