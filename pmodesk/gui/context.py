"""The application context every view shares: the open workspace, undo, jobs, change broadcast.

Views never talk to each other. They call services through the context (or
push undo commands onto its stack) and listen to :attr:`AppContext.data_changed`,
which carries the set of table names that changed, to decide whether to refresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pmodesk.errors import DomainError

if TYPE_CHECKING:  # the data stack loads after the window shows (see gui.app.run)
    from sqlmodel import Session

    from pmodesk.store import Workspace


class AppContext(QObject):
    #: A different workspace was opened (or the current one was closed).
    workspace_changed = Signal()
    #: Records changed; the argument is a ``frozenset`` of table names (``"project"``, ...).
    data_changed = Signal(object)

    def __init__(
        self,
        workspace: Workspace | None,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.settings = settings if settings is not None else QSettings()
        self.undo_stack = QUndoStack(self)

    @property
    def has_workspace(self) -> bool:
        """False only during start-up, before the first workspace has opened."""
        return self._workspace is not None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            raise DomainError("No workspace is open yet.")
        return self._workspace

    def set_workspace(self, workspace: Workspace) -> None:
        old = self._workspace
        self._workspace = workspace
        self.undo_stack.clear()
        self.workspace_changed.emit()
        if old is not None and old is not workspace:
            old.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.workspace.session() as session:
            yield session

    def notify(self, tables: Iterable[str]) -> None:
        self.data_changed.emit(frozenset(tables))

    def push(self, command: QUndoCommand) -> None:
        """Run ``command`` through the undo stack; re-raise a service's refusal.

        A refused command is dropped from the stack (it is obsolete), so a
        failed edit leaves nothing to undo.
        """
        self.undo_stack.push(command)
        error = getattr(command, "error", None)
        if error is not None:
            raise error
