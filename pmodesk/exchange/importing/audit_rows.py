"""The audit events of an import, written as rows: one per new record, one per changed field.

Every imported change is audited as any service's change is (who, entity,
code, field, old, new, when), with the file's name as source and the import's
batch id. An import of 100,000 allocations makes 100,000 events, so the events
of new records are filled straight into stored rows, the parts every event of
the import shares made once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from pmodesk.domain import AuditEvent
from pmodesk.domain.enums import AuditAction
from pmodesk.exchange.importing.bulk import Inserter
from pmodesk.services.audit import as_text, current_user
from pmodesk.services.demo.world import TimeOrderedIds

_NAMES = ("id", "action", "entity", "entity_id", "code", "field", "old", "new", "source")


class ImportAudit:
    """Collects the audit events of one import and inserts them in chunks."""

    def __init__(
        self, connection: Connection, batch: uuid.UUID, now: datetime, ids: TimeOrderedIds
    ) -> None:
        constants = {"created_at": now, "updated_at": now, "version": 1, "at": now,
                     "user": current_user(), "batch": batch, "old": None, "new": None,
                     "field": "", "code": ""}  # fmt: skip
        self.rows = Inserter(connection, AuditEvent, constants)
        # the events' own ids go straight into their stored form when the store keeps text
        self._new_id: Callable[[], Any] = ids.next_hex if self.rows.fast else ids.next
        self._id_at, self._action_at, self._entity_at, self._record_at, self._code_at, \
            self._field_at, self._old_at, self._new_at, self._source_at = (
                self.rows.position[name] for name in _NAMES
            )  # fmt: skip
        self._uuid = self.rows.processors["id"] or _as_given
        self._created = self._stored_action(AuditAction.CREATE)
        self._updated = self._stored_action(AuditAction.UPDATE)

    def _stored_action(self, action: AuditAction) -> Any:
        processor = self.rows.processors["action"]
        return processor(action) if processor is not None else action

    def _row(self, entity: str, record_id: uuid.UUID, code: Any, source: str) -> list[Any]:
        row = self.rows.template.copy()
        row[self._id_at] = self._new_id()
        row[self._record_at] = self._uuid(record_id)
        row[self._entity_at] = entity
        if code:
            row[self._code_at] = str(code)
        row[self._source_at] = source[:300]
        return row

    def created(self, entity: str, record_id: uuid.UUID, code: Any, name: Any, source: str) -> None:
        """A new record: one event, its name as the new value."""
        row = self._row(entity, record_id, code, source)
        row[self._action_at] = self._created
        if name is not None:
            row[self._new_at] = as_text(name)
        self.rows.append(row)

    def changed(
        self,
        entity: str,
        record_id: uuid.UUID,
        code: Any,
        field: str,
        old: Any,
        new: Any,
        source: str,
    ) -> None:
        """A changed field of a record: one event with the old and new values as text."""
        row = self._row(entity, record_id, code, source)
        row[self._action_at] = self._updated
        row[self._field_at] = field
        row[self._old_at] = as_text(old)
        row[self._new_at] = as_text(new)
        self.rows.append(row)

    def flush(self) -> None:
        self.rows.flush()


def _as_given(value: Any) -> Any:
    return value
