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

import uuid
from collections.abc import Mapping
from typing import Any

import pydantic
from sqlmodel import Session, select

from pmodesk.domain import CodedRecord, PortfolioRecord, Record, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.domain.errors import ConflictError, NotFoundError, ValidationError
from pmodesk.services.audit import NOT_AUDITED, record_event
from pmodesk.services.validation import run_validators

FIELD_LABELS = {"rag_overall": "overall RAG", "percent_complete": "percent complete"}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " "))


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def kind_label(model: type[Record]) -> str:
    return str(model.__tablename__).replace("_", " ")


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip()
            if key == "code":
                value = value.upper()
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
        given = values.get(field)
        raise ValidationError(
            f"{sentence_case(field_label(field))}: {given!r} is not valid ({first['msg'].lower()}).",
            field=field or None,
        ) from exc


def _check_code_unique(session: Session, candidate: Record, existing: Record | None) -> None:
    if not isinstance(candidate, CodedRecord):
        return
    model = type(candidate)
    clash = session.exec(select(model).where(model.code == candidate.code)).first()
    if clash is not None and (existing is None or clash.id != existing.id):
        state = " (archived)" if clash.archived_at is not None else ""
        raise ConflictError(
            f"Code {candidate.code} is already used by another {kind_label(model)}{state}; choose another code.",
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
    values = _clean(values)
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
    changes = _clean(changes)
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


def archive(session: Session, obj: PortfolioRecord, *, reason: str = "", source: str = "") -> None:
    """Soft-delete: the record disappears from views but nothing is lost."""
    if obj.archived_at is not None:
        return
    obj.archived_at = utcnow()
    obj.version += 1
    obj.updated_at = obj.archived_at
    session.add(obj)
    record_event(
        session, AuditAction.ARCHIVE, obj, field="archived_at", new=reason or None, source=source
    )
    session.flush()


def restore(session: Session, obj: PortfolioRecord, *, source: str = "") -> None:
    if obj.archived_at is None:
        return
    if isinstance(obj, CodedRecord):
        _check_code_unique(session, obj, obj)
    obj.archived_at = None
    obj.version += 1
    obj.updated_at = utcnow()
    session.add(obj)
    record_event(session, AuditAction.RESTORE, obj, field="archived_at", source=source)
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
