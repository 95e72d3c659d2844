"""Related records named by code: ``programme: PGM-3`` in, ``programme_id`` stored.

People, workbooks and the command line name the records a record refers to by
their codes (a stage also by its name); the tables hold UUID foreign keys.
:func:`resolve_references` turns the first into the second before a record
service validates the values, and :func:`describe` / :func:`code_maps` turn
ids back into codes for display and export.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pmodesk.domain import (
    CodedRecord,
    GateChecklistItem,
    Milestone,
    Person,
    Portfolio,
    Programme,
    Project,
    Record,
    Role,
    Stage,
    StrategicObjective,
    Team,
)
from pmodesk.domain.errors import ValidationError
from pmodesk.services.validation import kind_label


@dataclass(frozen=True, slots=True)
class Reference:
    """A name people use for a related record, the foreign key it fills, and the table."""

    key: str
    field: str
    model: type[CodedRecord]


#: Every reference a record may name by code, keyed by the name people use.
REFERENCES: dict[str, Reference] = {
    ref.key: ref
    for ref in (
        Reference("portfolio", "portfolio_id", Portfolio),
        Reference("programme", "programme_id", Programme),
        Reference("stage", "stage_id", Stage),
        Reference("project", "project_id", Project),
        Reference("person", "person_id", Person),
        Reference("role", "role_id", Role),
        Reference("team", "team_id", Team),
        Reference("objective", "objective_id", StrategicObjective),
        Reference("milestone", "milestone_id", Milestone),
        Reference("item", "item_id", GateChecklistItem),
        Reference("predecessor", "predecessor_id", Project),
        Reference("successor", "successor_id", Project),
    )
}


def references_of(model: type[Record]) -> list[Reference]:
    """The references ``model`` has, in the order of :data:`REFERENCES`."""
    return [ref for ref in REFERENCES.values() if ref.field in model.model_fields]


def find_stage(session: Session, wanted: str) -> Stage | None:
    """The stage whose code or name is ``wanted`` (case-insensitive); live stages win."""
    text = wanted.strip()
    statement = select(Stage).where(
        (col(Stage.code) == text.upper()) | (func.lower(col(Stage.name)) == text.lower())
    )
    found = list(session.exec(statement))
    found.sort(key=lambda s: (s.archived_at is not None, s.code != text.upper(), s.position))
    return found[0] if found else None


def find_record(session: Session, ref: Reference, wanted: str) -> CodedRecord | None:
    """The record of ``ref``'s kind that ``wanted`` names, archived or not."""
    if ref.model is Stage:
        return find_stage(session, wanted)
    model = ref.model
    return session.exec(select(model).where(col(model.code) == wanted.strip().upper())).first()


def resolve_one(session: Session, ref: Reference, value: Any) -> uuid.UUID | None:
    """The id of the live record ``value`` names; ``None`` or blank clears the reference."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, CodedRecord):
        value = value.code
    wanted = str(value).strip()
    found = find_record(session, ref, wanted)
    if ref.model is not Stage:
        wanted = wanted.upper()
    kind = kind_label(ref.model)
    how = "code or name" if ref.model is Stage else "code"
    if found is None:
        raise ValidationError(f"There is no {kind} with {how} {wanted}.", field=ref.key)
    if found.archived_at is not None:
        raise ValidationError(
            f"{kind.capitalize()} {found.code} is archived; restore it first or choose another.",
            field=ref.key,
        )
    return found.id


def resolve_references(
    session: Session, model: type[Record], values: Mapping[str, Any]
) -> dict[str, Any]:
    """``values`` with every reference key (``programme``, ``stage`` ...) turned into its ``*_id``.

    Keys ``model`` has no foreign key for are passed through unchanged (the record
    service refuses unknown fields). Giving both a code and a different id for the
    same reference is refused.
    """
    resolved = dict(values)
    for ref in references_of(model):
        if ref.key not in resolved:
            continue
        record_id = resolve_one(session, ref, resolved.pop(ref.key))
        if ref.field in resolved and resolved[ref.field] not in (None, record_id):
            raise ValidationError(
                f"The {ref.key} is given twice, by code and by id, and they differ; give one.",
                field=ref.key,
            )
        resolved[ref.field] = record_id
    return resolved


def code_maps(
    session: Session, models: Iterable[type[CodedRecord]] | None = None
) -> dict[type[CodedRecord], dict[uuid.UUID, str]]:
    """``{Programme: {id: "PGM-1", ...}, ...}`` for each model (all referenced kinds by default).

    Archived records are included, so that old rows still show what they referred
    to. One query per kind, for exports and tables of many rows.
    """
    kinds = list(dict.fromkeys(models if models is not None else _referenced_models()))
    maps: dict[type[CodedRecord], dict[uuid.UUID, str]] = {}
    for model in kinds:
        rows = session.exec(select(col(model.id), col(model.code)))
        maps[model] = dict(rows.all())
    return maps


def _referenced_models() -> list[type[CodedRecord]]:
    return [ref.model for ref in REFERENCES.values()]


def describe(session: Session, obj: Record) -> dict[str, str | None]:
    """The codes and names of the records ``obj`` refers to, keyed as people name them.

    For a project: ``{"portfolio": "PF-1", "portfolio_name": "Operations",
    "programme": None, "programme_name": None, "stage": "DELIVERY", "stage_name":
    "Delivery"}``. A reference that points nowhere gives ``None``.
    """
    described: dict[str, str | None] = {}
    for ref in references_of(type(obj)):
        record_id = getattr(obj, ref.field)
        target = session.get(ref.model, record_id) if record_id is not None else None
        described[ref.key] = target.code if target is not None else None
        name = getattr(target, "name", None) or getattr(target, "text", None)
        described[f"{ref.key}_name"] = str(name) if name is not None else None
    return described
