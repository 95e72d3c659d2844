"""Audit events: who changed what and when, written by every service change."""

from __future__ import annotations

import getpass
import os
import uuid
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import AuditEvent, Record
from pmodesk.domain.enums import AuditAction

NOT_AUDITED = frozenset({"id", "created_at", "updated_at", "version"})


@cache
def current_user() -> str:
    """The OS user name (``PMODESK_USER`` overrides it, for tests and shared machines)."""
    override = os.environ.get("PMODESK_USER")
    if override:
        return override
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "unknown"


def as_text(value: Any) -> str | None:
    """The form an audit event stores a value in."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def entity_name(obj: Record | type[Record]) -> str:
    cls = obj if isinstance(obj, type) else type(obj)
    return str(cls.__tablename__)


def code_of(obj: Record) -> str:
    return str(getattr(obj, "code", "") or "")


def record_event(
    session: Session,
    action: AuditAction,
    obj: Record,
    *,
    field: str = "",
    old: Any = None,
    new: Any = None,
    source: str = "",
    batch: uuid.UUID | None = None,
) -> AuditEvent:
    event = AuditEvent(
        user=current_user(),
        action=action,
        entity=entity_name(obj),
        entity_id=obj.id,
        code=code_of(obj),
        field=field,
        old=as_text(old),
        new=as_text(new),
        source=source,
        batch=batch,
    )
    session.add(event)
    return event


def history(session: Session, obj: Record, *, limit: int = 500) -> list[AuditEvent]:
    """The change history of one record, newest first."""
    statement = (
        select(AuditEvent)
        .where(AuditEvent.entity_id == obj.id)
        .order_by(col(AuditEvent.at).desc())
        .limit(limit)
    )
    return list(session.exec(statement))
