"""Undoable edits: each command calls the record services and broadcasts what changed.

Every edit made in the window goes through one of these onto the context's
QUndoStack, so Ctrl+Z / Ctrl+Shift+Z work across views. The record services
(and with them SQLModel) are imported when the first command is made, not
when the window starts.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext

if TYPE_CHECKING:
    from pmodesk.domain import PortfolioRecord, Record


class ServiceCommand(QUndoCommand):
    """A command whose first redo may be refused by a service.

    A refused first redo marks the command obsolete (QUndoStack then drops it)
    and keeps the error, which :meth:`AppContext.push` raises to the caller so
    the form can show it beside the field.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.error: DomainError | None = None
        self._done_once = False

    def redo(self) -> None:
        try:
            self.do()
        except DomainError as exc:
            if self._done_once:
                raise
            self.error = exc
            self.setObsolete(True)
            return
        except BaseException:
            # A bug, not a refusal: drop the command and let the crash handler report it.
            if not self._done_once:
                self.setObsolete(True)
            raise
        self._done_once = True

    def do(self) -> None:
        raise NotImplementedError


def _table(model: type[Record]) -> str:
    return str(model.__tablename__)


class EditRecordCommand(ServiceCommand):
    """Change some fields of one record; undo puts the old values back."""

    def __init__(
        self,
        ctx: AppContext,
        model: type[Record],
        record_id: uuid.UUID,
        changes: Mapping[str, Any],
        text: str = "",
        *,
        expected_version: int | None = None,
    ) -> None:
        """``expected_version`` is the version the form was loaded at: an edit made
        meanwhile (another window, another process) is refused instead of overwritten."""
        from pmodesk.services import records

        super().__init__(text or f"Edit {records.kind_label(model)}")
        self._ctx, self._model, self._id = ctx, model, record_id
        self._new = dict(changes)
        self._expected_version = expected_version
        with ctx.session() as session:
            current = records.get(session, model, record_id)
            self._old = {f: getattr(current, f) for f in self._new}
        self.changed_fields: list[str] = []

    def _apply(self, values: Mapping[str, Any]) -> None:
        from pmodesk.services import records

        with self._ctx.session() as session:
            obj = records.get(session, self._model, self._id)
            first_time = values is self._new and not self._done_once
            self.changed_fields = records.update(
                session,
                obj,
                values,
                source="undo" if values is self._old else "",
                expected_version=self._expected_version if first_time else None,
            )
        self._ctx.notify({_table(self._model)})

    def do(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class CreateRecordCommand(ServiceCommand):
    """Create a record; undo removes it again (it is new, nothing refers to it)."""

    def __init__(
        self, ctx: AppContext, model: type[Record], values: Mapping[str, Any], text: str = ""
    ) -> None:
        from pmodesk.services import records

        super().__init__(text or f"New {records.kind_label(model)}")
        self._ctx, self._model = ctx, model
        self._values = dict(values)
        self.record_id: uuid.UUID | None = None

    def do(self) -> None:
        from pmodesk.services import records

        with self._ctx.session() as session:
            obj = records.create(session, self._model, self._values, record_id=self.record_id)
            self.record_id = obj.id
        self._ctx.notify({_table(self._model)})

    def undo(self) -> None:
        from pmodesk.services import records

        if self.record_id is None:
            return
        with self._ctx.session() as session:
            records.delete_created(session, records.get(session, self._model, self.record_id))
        self._ctx.notify({_table(self._model)})


class ArchiveRecordsCommand(ServiceCommand):
    """Archive (or, with ``restore=True``, restore) one or many records as one step."""

    def __init__(
        self,
        ctx: AppContext,
        model: type[PortfolioRecord],
        record_ids: list[uuid.UUID],
        *,
        restore: bool = False,
        reason: str = "",
    ) -> None:
        from pmodesk.services import records

        verb = "Restore" if restore else "Archive"
        noun = records.kind_label(model)
        super().__init__(f"{verb} {len(record_ids)} {noun}{'s' if len(record_ids) != 1 else ''}")
        self._ctx, self._model, self._ids = ctx, model, list(record_ids)
        self._restore, self._reason = restore, reason

    def _run(self, restore: bool) -> None:
        from pmodesk.services import records

        with self._ctx.session() as session:
            for record_id in self._ids:
                obj = records.get(session, self._model, record_id)
                if restore:
                    records.restore(session, obj)
                else:
                    records.archive(session, obj, reason=self._reason)
        self._ctx.notify({_table(self._model)})

    def do(self) -> None:
        self._run(self._restore)

    def undo(self) -> None:
        self._run(not self._restore)
