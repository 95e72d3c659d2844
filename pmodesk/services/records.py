"""Create, edit, archive and restore any record, validated and audited.

This is the one path by which a change reaches the store: the editors, the
register's inline edits, the importer and the command line all call it. The
caller owns the transaction (``Workspace.session()``), so that a batch is one
commit or none.

Values are checked by the table's own types first (a date must be a date, a
RAG one of green/amber/red), then by the rules registered for that table in
:mod:`pmodesk.services.validation`. Every refusal is a
:class:`~pmodesk.domain.errors.ValidationError` naming the field.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import pydantic
from sqlmodel import Session, col, select

from pmodesk.domain import CodedRecord, PortfolioRecord, Record, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.domain.errors import ConflictError, NotFoundError, ValidationError
from pmodesk.services.audit import NOT_AUDITED, record_event
from pmodesk.services.settings import record_defaults
from pmodesk.services.validation import FIELD_LABELS, field_label, kind_label, run_validators

__all__ = [
    "FIELD_LABELS",
    "archive",
    "create",
    "delete_created",
    "field_label",
    "get",
    "get_by_code",
    "kind_label",
    "restore",
    "sentence_case",
    "update",
]


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _enum_of(model: type[Record], field: str) -> type[StrEnum] | None:
    """The enum a field holds (``Rag`` for ``rag_cost: Rag | None``), if any."""
    info = model.model_fields.get(field)
    if info is None:
        return None
    candidates = [info.annotation, *typing.get_args(info.annotation)]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, StrEnum):
            return candidate
    return None


def _takes_text(model: type[Record], field: str) -> bool:
    info = model.model_fields.get(field)
    return info is not None and str in (info.annotation, *typing.get_args(info.annotation))


def _clean(model: type[Record], values: Mapping[str, Any]) -> dict[str, Any]:
    """Trim text, upper-case codes, read ``On hold`` as ``on_hold``, and blank as empty."""
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, str) and not isinstance(value, StrEnum):
            value = value.strip()
            if key == "code":
                value = value.upper()
            elif _enum_of(model, key) is not None:
                value = value.lower().replace(" ", "_").replace("-", "_")
            elif not value and not _takes_text(model, key) and key in model.model_fields:
                value = None
        cleaned[key] = value
    return cleaned


def _check_fields(model: type[Record], values: Mapping[str, Any]) -> None:
    unknown = sorted(set(values) - set(model.model_fields))
    if unknown:
        raise ValidationError(
            f"A {kind_label(model)} has no field '{unknown[0]}'.", field=unknown[0]
        )
    protected = sorted(set(values) & {"id", "created_at", "updated_at", "version", "archived_at"})
    if protected:
        raise ValidationError(
            f"'{protected[0]}' is kept by pmodesk and cannot be set directly.", field=protected[0]
        )


def _validated[T: Record](model: type[T], values: Mapping[str, Any]) -> T:
    """Build a detached instance through the model's field types, translating the errors."""
    try:
        return model.model_validate(dict(values))
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        label = sentence_case(field_label(field))
        given = values.get(field)
        if first["type"] == "missing" or given is None:
            message = f"{label} is required for a {kind_label(model)}."
        else:
            message = f"{label}: {given!r} is not valid ({first['msg'].lower()})."
        raise ValidationError(message, field=field or None) from exc


def _check_code_unique(session: Session, candidate: Record, existing: Record | None) -> None:
    """Refuse a code another record of the kind holds, archived or not (imports upsert on it)."""
    if not isinstance(candidate, CodedRecord):
        return
    model = type(candidate)
    own_id = existing.id if existing is not None else candidate.id
    statement = select(model).where(col(model.code) == candidate.code, col(model.id) != own_id)
    clash = session.exec(statement).first()
    if clash is not None:
        state = " (archived)" if clash.archived_at is not None else ""
        raise ConflictError(
            f"Code {candidate.code} is already used by another {kind_label(model)}{state}; "
            "choose another code.",
            field="code",
        )


def create[T: Record](
    session: Session,
    model: type[T],
    values: Mapping[str, Any],
    *,
    source: str = "",
    batch: uuid.UUID | None = None,
    record_id: uuid.UUID | None = None,
) -> T:
    """Validate ``values``, add a new record and audit its creation.

    ``record_id`` re-creates a record under a known id (redo after undo).
    """
    values = record_defaults(session, model) | _clean(model, values)
    _check_fields(model, values)
    candidate = _validated(model, values)
    if record_id is not None:
        candidate.id = record_id
    _check_code_unique(session, candidate, None)
    run_validators(session, candidate, None)
    session.add(candidate)
    session.flush()
    record_event(
        session,
        AuditAction.CREATE,
        candidate,
        new=getattr(candidate, "name", None),
        source=source,
        batch=batch,
    )
    return candidate


def update[T: Record](
    session: Session,
    obj: T,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    source: str = "",
    batch: uuid.UUID | None = None,
) -> list[str]:
    """Apply ``changes`` to ``obj``; returns the names of the fields that really changed.

    ``expected_version`` guards against editing a record someone else changed
    meanwhile (optimistic locking).
    """
    model = type(obj)
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(
            f"{sentence_case(kind_label(model))} {getattr(obj, 'code', '')} was changed by someone else "
            "meanwhile; reload it and make your change again."
        )
    changes = _clean(model, changes)
    _check_fields(model, changes)
    merged = obj.model_dump() | changes
    candidate = _validated(model, merged)
    candidate.id = obj.id
    _check_code_unique(session, candidate, obj)
    run_validators(session, candidate, obj)
    changed = [f for f in changes if getattr(candidate, f) != getattr(obj, f)]
    for field in changed:
        old = getattr(obj, field)
        new = getattr(candidate, field)
        setattr(obj, field, new)
        if field not in NOT_AUDITED:
            record_event(
                session,
                AuditAction.UPDATE,
                obj,
                field=field,
                old=old,
                new=new,
                source=source,
                batch=batch,
            )
    if changed:
        obj.version += 1
        obj.updated_at = utcnow()
        session.add(obj)
        session.flush()
    return changed


def archive(
    session: Session,
    obj: PortfolioRecord,
    *,
    reason: str = "",
    source: str = "",
    batch: uuid.UUID | None = None,
) -> None:
    """Soft-delete: the record disappears from views but nothing is lost."""
    if obj.archived_at is not None:
        return
    obj.archived_at = utcnow()
    obj.version += 1
    obj.updated_at = obj.archived_at
    session.add(obj)
    record_event(
        session,
        AuditAction.ARCHIVE,
        obj,
        field="archived_at",
        new=reason or None,
        source=source,
        batch=batch,
    )
    session.flush()


def restore(
    session: Session, obj: PortfolioRecord, *, source: str = "", batch: uuid.UUID | None = None
) -> None:
    """Bring an archived record back, if its code is still free and what it refers to is live."""
    if obj.archived_at is None:
        return
    if isinstance(obj, CodedRecord):
        _check_code_unique(session, obj, obj)
    run_validators(session, obj, None)
    obj.archived_at = None
    obj.version += 1
    obj.updated_at = utcnow()
    session.add(obj)
    record_event(session, AuditAction.RESTORE, obj, field="archived_at", source=source, batch=batch)
    session.flush()


def delete_created(session: Session, obj: Record, *, source: str = "undo") -> None:
    """Remove a record outright: only for undoing its creation, nothing else refers to it yet."""
    record_event(session, AuditAction.DELETE, obj, source=source)
    session.delete(obj)
    session.flush()


def get_by_code[T: CodedRecord](
    session: Session, model: type[T], code: str, *, include_archived: bool = False
) -> T:
    """The record with ``code``; a clear :class:`NotFoundError` when there is none."""
    wanted = code.strip().upper()
    found = session.exec(select(model).where(model.code == wanted)).first()
    if found is None or (found.archived_at is not None and not include_archived):
        state = " (it is archived)" if found is not None else ""
        raise NotFoundError(
            f"There is no {kind_label(model)} with code {wanted}{state}.", field="code"
        )
    return found


def get[T: Record](session: Session, model: type[T], record_id: uuid.UUID) -> T:
    found = session.get(model, record_id)
    if found is None:
        raise NotFoundError(f"That {kind_label(model)} no longer exists.")
    return found
