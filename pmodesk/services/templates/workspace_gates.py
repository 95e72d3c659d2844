"""The workspace's stages and gates follow its published lifecycle and gate checklists.

The gate service reads :class:`~pmodesk.domain.Stage` and
:class:`~pmodesk.domain.GateChecklistItem` rows; these functions write them
from template bodies. Items are matched by code: a new item is added, a
changed one is updated, one no longer listed is archived (the answers
projects gave to it are kept). Stages are added and renamed, never removed,
because projects may stand in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import GateChecklistItem, Stage, Template
from pmodesk.domain.enums import TemplateKind
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records


@dataclass
class GateSync:
    """What bringing the workspace in line changed, counted for a message."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.archived)


def sync_lifecycle(session: Session, body: dict[str, Any], *, source: str) -> GateSync:
    """Add the stages the lifecycle names and give existing ones its names and order."""
    done = GateSync()
    stages = {s.code: s for s in session.exec(select(Stage))}
    for position, entry in enumerate(body.get("stages", []), start=1):
        code = str(entry.get("code", "")).strip().upper()
        values = {
            "name": str(entry.get("name", code)),
            "description": str(entry.get("description", "")),
            "position": position,
        }
        stage = stages.get(code)
        if stage is None:
            records.create(session, Stage, {"code": code, **values}, source=source)
            done.added.append(code)
        elif records.update(session, stage, values, source=source):
            done.updated.append(code)
    return done


def sync_gate(session: Session, body: dict[str, Any], *, source: str) -> GateSync:
    """Make the exit gate of the checklist's stage hold exactly the checklist's items."""
    done = GateSync()
    stage_code = str(body.get("stage", "")).strip().upper()
    stage = session.exec(select(Stage).where(Stage.code == stage_code)).first()
    if stage is None:
        raise ValidationError(
            f"The workspace has no stage {stage_code}; add it to the lifecycle first.",
            field="body",
        )
    codes = [str(i.get("code", "")).strip().upper() for i in body.get("items", [])]
    existing = {
        i.code: i
        for i in session.exec(
            select(GateChecklistItem).where(
                col(GateChecklistItem.code).in_(codes) | (GateChecklistItem.stage_id == stage.id)
            )
        )
    }
    for position, (code, entry) in enumerate(zip(codes, body.get("items", []), strict=True), 1):
        values = {
            "text": str(entry.get("text", "")),
            "guidance": str(entry.get("guidance", "")),
            "required": bool(entry.get("required", True)),
            "position": position,
        }
        item = existing.get(code)
        if item is None:
            records.create(
                session,
                GateChecklistItem,
                {"code": code, "stage_id": stage.id, **values},
                source=source,
            )
            done.added.append(code)
            continue
        if item.stage_id != stage.id:
            raise ConflictError(
                f"Checklist item {code} belongs to the gate of another stage; "
                "give the item a new code.",
                field="body",
            )
        changed = records.update(session, item, values, source=source)
        if item.archived_at is not None:
            records.restore(session, item, source=source)
            changed.append("archived_at")
        if changed:
            done.updated.append(code)
    for code, item in existing.items():
        if code not in codes and item.stage_id == stage.id and item.archived_at is None:
            records.archive(session, item, reason="No longer in the gate checklist.", source=source)
            done.archived.append(code)
    return done


def apply_to_workspace(session: Session, template: Template, *, source: str) -> GateSync:
    """Bring the workspace in line with a just-published lifecycle or gate checklist."""
    if template.kind is TemplateKind.LIFECYCLE:
        return sync_lifecycle(session, template.body, source=source)
    if template.kind is TemplateKind.GATE_CHECKLIST:
        return sync_gate(session, template.body, source=source)
    return GateSync()
