"""Undoable board actions: moving a project through a gate, and holds, cancels and closes.

:class:`MoveStageCommand` runs :func:`pmodesk.services.gates.move_project`
(the gate check, the audit event); its undo puts the stage back with
:func:`~pmodesk.services.gates.restore_stage`, and a redo after an undo
re-applies the move the same way, without a second gate check (it was
passed already). :class:`ChangeStateCommand` goes through
:func:`pmodesk.services.projects.change_state`, which records the reason.
"""

from __future__ import annotations

import uuid

from pmodesk.domain import Project
from pmodesk.domain.enums import ProjectState
from pmodesk.gui.commands import ServiceCommand
from pmodesk.gui.context import AppContext

#: What a move or a state change alters on screen.
CHANGED_TABLES = frozenset({"project"})


class MoveStageCommand(ServiceCommand):
    """Move a project to another stage through its gate; undo moves it back."""

    def __init__(
        self,
        ctx: AppContext,
        project_id: uuid.UUID,
        to_stage_id: uuid.UUID,
        *,
        reason: str = "",
        text: str = "",
    ) -> None:
        super().__init__(text or "Move project to another stage")
        self._ctx = ctx
        self.project_id = project_id
        self.to_stage_id = to_stage_id
        self.reason = reason
        self.from_stage_id: uuid.UUID | None = None

    def do(self) -> None:
        from pmodesk.services import gates

        with self._ctx.session() as session:
            if not self._done_once:
                self.from_stage_id = gates.move_project(
                    session, self.project_id, self.to_stage_id, reason=self.reason
                )
            else:
                gates.restore_stage(session, self.project_id, self.to_stage_id, source="redo")
        self._ctx.notify(CHANGED_TABLES)

    def undo(self) -> None:
        from pmodesk.services import gates

        if self.from_stage_id is None:
            return
        with self._ctx.session() as session:
            gates.restore_stage(session, self.project_id, self.from_stage_id, source="undo")
        self._ctx.notify(CHANGED_TABLES)


class ChangeStateCommand(ServiceCommand):
    """Put a project on hold, cancel, close or reactivate it, with a reason; undo restores it."""

    def __init__(
        self, ctx: AppContext, project_id: uuid.UUID, state: ProjectState, reason: str
    ) -> None:
        super().__init__(f"Mark project {state.label.lower()}")
        self._ctx = ctx
        self.project_id = project_id
        self.state = state
        self.reason = reason
        self.old_state: ProjectState | None = None

    def _set(self, state: ProjectState, reason: str, source: str) -> None:
        from pmodesk.services import projects, records

        with self._ctx.session() as session:
            project = records.get(session, Project, self.project_id)
            if self.old_state is None:
                self.old_state = project.state
            projects.change_state(session, project, state, reason, source=source)
        self._ctx.notify(CHANGED_TABLES)

    def do(self) -> None:
        self._set(self.state, self.reason, "redo" if self._done_once else "")

    def undo(self) -> None:
        if self.old_state is None:
            return
        self._set(
            self.old_state,
            f"Undo of: {self.state.label.lower()} ({self.reason.strip()})",
            "undo",
        )
