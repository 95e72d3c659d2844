"""Redoing an undone import exactly: the same records, under the same ids, with the same values.

Planning the file again would not do: the new records would get other ids (an
edit made after the import, waiting on an undo stack, would no longer find
them) and the updates would be refused as "changed since the plan". So a redo
replays what the undo took back, from the audit trail: the rows the undo
deleted (it kept each in its DELETE event) go back as they were, and every
field the import changed is set again to the import's value. Anything changed
since the undo refuses the redo, naming the record. The redo is audited under
its own batch (source "redo of import <batch>"); the import's batch stays the
handle to undo it again.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from pmodesk.domain import AuditEvent, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.errors import ConflictError, NotFoundError
from pmodesk.exchange.importing.bulk import Inserter, table_of
from pmodesk.exchange.importing.kinds import KIND_ORDER, kind_specs
from pmodesk.exchange.importing.model import ImportResult
from pmodesk.exchange.importing.undo import (
    from_snapshot,
    put_fields,
    redo_source,
    times_done,
    undo_source,
)
from pmodesk.services.audit import current_user


def _models() -> dict[str, Any]:
    """Table name -> model of every kind an import writes, parents first."""
    specs = kind_specs()
    return {str(specs[k].model.__tablename__): specs[k].model for k in KIND_ORDER}


def redo_import(session: Session, batch: uuid.UUID) -> ImportResult:
    """Re-apply import ``batch`` after its undo; refused when a record it touched changed since.

    The caller commits. The result's ``batch`` is the import's own (undo it again with it).
    """
    audit = table_of(AuditEvent)
    events = session.execute(select(audit).where(audit.c.batch == batch)).all()
    if not events:
        raise NotFoundError(f"There is no import {batch} to redo.")
    undos, redos = times_done(session, undo_source(batch)), times_done(session, redo_source(batch))
    if undos <= redos:
        raise ConflictError("This import is in place; only an undone import can be redone.")
    undo = session.execute(
        select(audit.c.batch, audit.c.at)
        .where(audit.c.source == undo_source(batch))
        .order_by(audit.c.at.desc())
        .limit(1)
    ).one()
    undo_batch, undone_at = undo
    _refuse_changes_since(session, batch, undo_batch, undone_at)
    deleted = {
        m["entity_id"]: m
        for m in (
            e._mapping
            for e in session.execute(
                select(audit).where(
                    audit.c.batch == undo_batch, audit.c.action == AuditAction.DELETE
                )
            )
        )
    }
    changed: dict[tuple[str, uuid.UUID], dict[str, tuple[str | None, str | None]]] = {}
    created: dict[str, list[uuid.UUID]] = {}
    codes: dict[uuid.UUID, str] = {}
    for event in events:
        m = event._mapping
        codes[m["entity_id"]] = m["code"]
        if m["action"] == AuditAction.CREATE:
            created.setdefault(m["entity"], []).append(m["entity_id"])
        elif m["action"] == AuditAction.UPDATE and m["field"]:
            changed.setdefault((m["entity"], m["entity_id"]), {})[m["field"]] = (m["old"], m["new"])
    now = utcnow()
    constants = {"created_at": now, "updated_at": now, "version": 1, "at": now,
                 "user": current_user(), "batch": uuid.uuid4(), "source": redo_source(batch),
                 "old": None, "new": None, "field": ""}  # fmt: skip
    trail = Inserter(session.connection(), AuditEvent, constants)
    try:
        recreated = _recreate(session, created, deleted, codes, trail, now)
        reapplied = put_fields(session, _models(), changed, codes, trail, now, redo=True)
        trail.flush()
    except IntegrityError as exc:
        session.rollback()
        raise ConflictError(
            "A record this import created cannot come back: its code is taken or a record it "
            "names was removed since the undo; import the file again instead."
        ) from exc
    except BaseException:
        session.rollback()
        raise
    session.expire_all()
    return ImportResult(batch, recreated, reapplied, 0, 0, [])


def _refuse_changes_since(
    session: Session, batch: uuid.UUID, undo_batch: uuid.UUID, undone_at: datetime
) -> None:
    """Refuse when a record the import touched was changed (or made again) after its undo."""
    audit = table_of(AuditEvent)
    touched = select(audit.c.entity_id).where(audit.c.batch == batch)
    later = session.execute(
        select(audit.c.entity, audit.c.code, audit.c.at, audit.c.user)
        .where(
            audit.c.entity_id.in_(touched),
            or_(audit.c.batch.is_(None), audit.c.batch != undo_batch),
            audit.c.at >= undone_at,
        )
        .order_by(audit.c.at)
        .limit(1)
    ).first()
    if later is not None:
        entity, code, at, user = later
        what = f"{entity.replace('_', ' ')} {code}".strip()
        raise ConflictError(
            f"The {what} was changed after the import was undone (on {at:%d %b %Y %H:%M} by "
            f"{user}); the import cannot be redone without losing that change."
        )


def _recreate(
    session: Session,
    created: dict[str, list[uuid.UUID]],
    deleted: dict[uuid.UUID, Any],
    codes: dict[uuid.UUID, str],
    trail: Inserter,
    now: datetime,
) -> int:
    """Put back the rows the undo deleted, parents first, as the undo found them."""
    connection = session.connection()
    count = 0
    for entity, model in _models().items():
        ids = created.get(entity, [])
        if not ids:
            continue
        table = table_of(model)
        rows: list[dict[str, Any]] = []
        for record_id in ids:
            event = deleted.get(record_id)
            if event is None or not event["old"]:
                raise ConflictError(
                    f"The {entity.replace('_', ' ')} {codes.get(record_id, '')} this import "
                    "created cannot be put back (its undo did not keep it); import the file again."
                )
            rows.append(from_snapshot(table, event["old"]) | {"updated_at": now})
            trail.add({"id": uuid.uuid4(), "action": AuditAction.CREATE, "entity": entity,
                       "entity_id": record_id, "code": codes.get(record_id, "")})  # fmt: skip
        inserter = Inserter(connection, model, {})
        for row in rows:
            inserter.add(row)
        inserter.flush()
        count += len(rows)
    return count
