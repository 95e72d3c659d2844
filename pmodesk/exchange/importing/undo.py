"""Undoing a whole import as one step, from its audit trail.

The audit events of an import's batch say everything it did: the records it
created (deleted again) and every field it changed with the value before
(put back). An undo is refused, with the record named, when anything the
import touched was changed since; it is itself audited (its own batch, source
"undo of import <batch>"), and an import is undone at most once (again once
:func:`~.redo.redo_import` has redone it). Each deleted record's row goes into
its DELETE event (``old``, as JSON) so that a redo can put it back as it was.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Column, and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from pmodesk.domain import AuditEvent, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.errors import ConflictError, NotFoundError
from pmodesk.exchange.importing.bulk import CHUNK, Inserter, table_of
from pmodesk.exchange.importing.kinds import KIND_ORDER, kind_specs
from pmodesk.exchange.importing.model import UndoResult
from pmodesk.services.audit import as_text, current_user


def undo_source(batch: uuid.UUID) -> str:
    return f"undo of import {batch}"


def redo_source(batch: uuid.UUID) -> str:
    return f"redo of import {batch}"


def times_done(session: Session, source: str) -> int:
    """How many batches of audit events carry ``source`` (the undos, or the redos, of an import)."""
    audit = table_of(AuditEvent)
    return len(
        session.execute(select(audit.c.batch).where(audit.c.source == source).distinct()).all()
    )


def snapshot(table: Any, row: Any) -> str:
    """A deleted record's row as JSON: values as the audit trail writes them (JSON kept as is)."""
    out: dict[str, Any] = {}
    for column in table.c:
        value = row._mapping[column.name]
        out[column.name] = value if _is_json(column) else as_text(value)
    return json.dumps(out)


def from_snapshot(table: Any, text: str) -> dict[str, Any]:
    """The row :func:`snapshot` wrote, back as the columns' types."""
    stored = json.loads(text)
    return {
        c.name: stored[c.name] if _is_json(c) else typed(c, stored[c.name])
        for c in table.c
        if c.name in stored
    }


def _is_json(column: Column[Any]) -> bool:
    return _python_type(column) in (dict, list)


def _python_type(column: Column[Any]) -> Any:
    """The Python type of a column's values; a decorated type (UTC time stamps) gives its
    stored type's. None when the type does not say."""
    for kind in (column.type, getattr(column.type, "impl", None)):
        if kind is None:
            continue
        try:
            found = kind.python_type
        except NotImplementedError:
            continue
        if found is not object:
            return found
    return None


def _models() -> dict[str, Any]:
    """Table name -> model of every kind an import writes, children first."""
    specs = kind_specs()
    return {str(specs[k].model.__tablename__): specs[k].model for k in reversed(KIND_ORDER)}


def typed(column: Column[Any], text: str | None) -> Any:
    """A value as the audit trail wrote it (:func:`as_text`), back as the column's type."""
    if text is None:
        return None
    python_type = _python_type(column)
    if python_type is None:
        return text
    if python_type is uuid.UUID:
        return uuid.UUID(text)
    if python_type is datetime:
        return datetime.fromisoformat(text)
    if python_type is date:
        return date.fromisoformat(text)
    if python_type is bool:
        return text == "True"
    if python_type is float:
        return float(text)
    if python_type is int:
        return int(float(text))
    if isinstance(python_type, type) and issubclass(python_type, Enum):
        return python_type(text)
    return text


def undo_import(session: Session, batch: uuid.UUID) -> UndoResult:
    """Restore every record import ``batch`` touched; refused when one changed since."""
    audit = table_of(AuditEvent)
    events = session.execute(select(audit).where(audit.c.batch == batch)).all()
    if not events:
        raise NotFoundError(f"There is no import {batch} to undo.")
    marker = undo_source(batch)
    if times_done(session, marker) > times_done(session, redo_source(batch)):
        raise ConflictError("This import was undone already.")
    started = min(e._mapping["at"] for e in events)
    _refuse_later_changes(session, batch, started, {marker, redo_source(batch)})
    created: dict[str, list[uuid.UUID]] = {}
    changed: dict[tuple[str, uuid.UUID], dict[str, tuple[str | None, str | None]]] = {}
    codes: dict[uuid.UUID, str] = {}
    for event in events:
        m = event._mapping
        codes[m["entity_id"]] = m["code"]
        if m["action"] == AuditAction.CREATE:
            created.setdefault(m["entity"], []).append(m["entity_id"])
        elif m["action"] == AuditAction.UPDATE and m["field"]:
            changed.setdefault((m["entity"], m["entity_id"]), {})[m["field"]] = (m["old"], m["new"])
    models = _models()
    undo_batch = uuid.uuid4()
    now = utcnow()
    constants = {"created_at": now, "updated_at": now, "version": 1, "at": now, "user": current_user(),
                 "batch": undo_batch, "source": marker, "old": None, "new": None, "field": ""}  # fmt: skip
    trail = Inserter(session.connection(), AuditEvent, constants)
    try:
        restored = put_fields(session, models, changed, codes, trail, now, redo=False)
        deleted = _delete(session, models, created, codes, trail)
        trail.flush()
    except IntegrityError as exc:
        session.rollback()
        raise ConflictError(
            "Records this import created are now used by other records (an allocation, a "
            "report ...); remove those first, then undo the import."
        ) from exc
    except BaseException:
        session.rollback()
        raise
    session.expire_all()
    return UndoResult(batch, deleted, restored, undo_batch)


def _refuse_later_changes(
    session: Session, batch: uuid.UUID, started: datetime, own: set[str]
) -> None:
    """Refuse when a record the import touched was changed since, by anything not itself undone.

    A later import of the same records that was undone meanwhile (its changes and
    its undo's both) does not count: the records are back as this import left them.
    Nor do this import's own undos and redos (sources ``own``): after a redo the
    records are again as the import left them.
    """
    audit = table_of(AuditEvent)
    touched = select(audit.c.entity_id).where(audit.c.batch == batch)
    later = session.execute(
        select(
            audit.c.entity, audit.c.code, audit.c.at, audit.c.user, audit.c.batch, audit.c.source
        )
        .where(
            audit.c.entity_id.in_(touched),
            or_(audit.c.batch.is_(None), audit.c.batch != batch),
            audit.c.at >= started,
        )
        .order_by(audit.c.at)
    ).all()
    if not later:
        return
    undone = _undone_since(session, {row.batch for row in later if row.batch is not None}, started)
    for entity, code, at, user, event_batch, source in later:
        if source in own:
            continue
        if event_batch in undone or _undoes(source) in undone:
            continue
        what = f"{entity.replace('_', ' ')} {code}".strip()
        raise ConflictError(
            f"The {what} was changed after the import (on {at:%d %b %Y %H:%M} by {user}); "
            "the import cannot be undone without losing that change."
        )


def _undoes(source: str) -> uuid.UUID | None:
    """The import an undo's audit event undid, from its source; None for other events."""
    prefix = undo_source(uuid.UUID(int=0))[: -len(str(uuid.UUID(int=0)))]
    if not source.startswith(prefix):
        return None
    try:
        return uuid.UUID(source[len(prefix) :])
    except ValueError:
        return None


def _undone_since(session: Session, batches: set[uuid.UUID], started: datetime) -> set[uuid.UUID]:
    """Those of ``batches`` that are imports made after ``started`` and undone since."""
    audit = table_of(AuditEvent)
    found: set[uuid.UUID] = set()
    for other in batches:
        undone = session.execute(
            select(audit.c.id).where(audit.c.source == undo_source(other)).limit(1)
        ).first()
        if undone is None:
            continue
        first = session.execute(
            select(audit.c.at).where(audit.c.batch == other).order_by(audit.c.at).limit(1)
        ).scalar()
        if first is not None and first >= started:
            found.add(other)
    return found


def put_fields(
    session: Session,
    models: dict[str, Any],
    changed: dict[tuple[str, uuid.UUID], dict[str, tuple[str | None, str | None]]],
    codes: dict[uuid.UUID, str],
    trail: Inserter,
    now: datetime,
    *,
    redo: bool,
) -> int:
    """Set every field an import changed back to its old value (undo) or again to its new
    one (redo), refusing a record changed since; each field set is audited."""
    verb = "redone" if redo else "undone"
    since = "after the import was undone" if redo else "after the import"
    connection = session.connection()
    for (entity, record_id), fields in changed.items():
        table = table_of(models[entity])
        current = connection.execute(select(table).where(table.c.id == record_id)).first()
        what = f"{entity.replace('_', ' ')} {codes.get(record_id, '')}".strip()
        if current is None:
            raise ConflictError(f"The {what} no longer exists; the import cannot be {verb}.")
        values: dict[str, Any] = {}
        for field, (old, new) in fields.items():
            present, wanted = (old, new) if redo else (new, old)
            if as_text(current._mapping[field]) != present:
                raise ConflictError(
                    f"The {field.replace('_', ' ')} of {what} was changed {since}; the import "
                    f"cannot be {verb} without losing that change."
                )
            values[field] = typed(table.c[field], wanted)
            trail.add({"id": uuid.uuid4(), "action": AuditAction.UPDATE, "entity": entity,
                       "entity_id": record_id, "code": codes.get(record_id, ""), "field": field,
                       "old": present, "new": wanted})  # fmt: skip
        version = current._mapping["version"]
        connection.execute(
            update(table)
            .where(and_(table.c.id == record_id, table.c.version == version))
            .values(values | {"version": version + 1, "updated_at": now})
        )
    return len(changed)


def _delete(
    session: Session,
    models: dict[str, Any],
    created: dict[str, list[uuid.UUID]],
    codes: dict[uuid.UUID, str],
    trail: Inserter,
) -> int:
    connection = session.connection()
    deleted = 0
    for entity, model in models.items():
        ids = created.get(entity, [])
        table = table_of(model)
        rows: dict[uuid.UUID, str] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for row in connection.execute(select(table).where(table.c.id.in_(chunk))):
                rows[row._mapping["id"]] = snapshot(table, row)
            result = connection.execute(table.delete().where(table.c.id.in_(chunk)))
            if result.rowcount != len(chunk):
                raise ConflictError(
                    f"Some {entity.replace('_', ' ')} records this import created were removed "
                    "since; the import cannot be undone as one step any more."
                )
            deleted += len(chunk)
        for record_id in ids:
            trail.add({"id": uuid.uuid4(), "action": AuditAction.DELETE, "entity": entity,
                       "entity_id": record_id, "code": codes.get(record_id, ""),
                       "old": rows.get(record_id)})  # fmt: skip
    return deleted
