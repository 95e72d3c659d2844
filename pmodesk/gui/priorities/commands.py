"""Undoable prioritisation edits: a score, the criteria weights, and an intake.

Each command calls the scoring and intake services and broadcasts the tables
it touched, like :mod:`pmodesk.gui.commands`; a service's refusal on the first
run reaches the caller through :meth:`AppContext.push`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pmodesk.domain import PortfolioRecord, Project, ProjectObjective, ProjectScore, Record
from pmodesk.gui.commands import ServiceCommand
from pmodesk.gui.context import AppContext
from pmodesk.services import records

#: Tables a change of scores or weights can alter in the ranked list.
SCORING_TABLES = frozenset({"project_score", "scoring_criterion", "project"})
#: Fields the store keeps itself; a snapshot leaves them out when it re-creates a record.
_KEPT_BY_STORE = frozenset({"id", "created_at", "updated_at", "version", "archived_at"})


def _stored_score(
    session: Session, project_id: uuid.UUID, criterion_id: uuid.UUID
) -> tuple[int | None, str]:
    found = session.exec(
        select(ProjectScore).where(
            col(ProjectScore.project_id) == project_id,
            col(ProjectScore.criterion_id) == criterion_id,
            col(ProjectScore.archived_at).is_(None),
        )
    ).first()
    return (found.score, found.note) if found is not None else (None, "")


class SetScoreCommand(ServiceCommand):
    """Give a project a score on one criterion (``None`` removes it); undo restores the old one."""

    def __init__(
        self,
        ctx: AppContext,
        project_id: uuid.UUID,
        criterion_id: uuid.UUID,
        score: int | None,
        note: str = "",
        text: str = "",
    ) -> None:
        super().__init__(text or "Change a score")
        self._ctx, self._project, self._criterion = ctx, project_id, criterion_id
        self._new = (score, note)
        with ctx.session() as session:
            self._old = _stored_score(session, project_id, criterion_id)

    def _apply(self, value: tuple[int | None, str], source: str) -> None:
        from pmodesk.services import scoring

        with self._ctx.session() as session:
            scoring.set_score(
                session, self._project, self._criterion, value[0], value[1], source=source
            )
        self._ctx.notify({"project_score"})

    def do(self) -> None:
        self._apply(self._new, "")

    def undo(self) -> None:
        self._apply(self._old, "undo")


class ApplyWeightsCommand(ServiceCommand):
    """Save new criteria weights and refresh every priority score, as one step."""

    def __init__(self, ctx: AppContext, weights: Mapping[uuid.UUID, float]) -> None:
        from pmodesk.services import scoring

        count = len(weights)
        super().__init__(f"Apply {count} criterion weight{'s' if count != 1 else ''}")
        self._ctx = ctx
        with ctx.session() as session:
            stored = {c.id: c.weight for c in scoring.criteria(session)}
        self._new = {cid: float(w) for cid, w in weights.items() if cid in stored}
        self._old = {cid: stored[cid] for cid in self._new}
        self.updated = 0

    def _apply(self, weights: Mapping[uuid.UUID, float], source: str) -> None:
        from pmodesk.services import scoring

        with self._ctx.session() as session:
            for criterion_id, weight in weights.items():
                scoring.set_weight(session, criterion_id, weight, source=source)
            self.updated = scoring.update_priority_scores(session, source=source)
        self._ctx.notify({"scoring_criterion", "project"})

    def do(self) -> None:
        self._apply(self._new, "")

    def undo(self) -> None:
        self._apply(self._old, "undo")


def _references_to_project(session: Session, project_id: uuid.UUID) -> dict[type[Record], int]:
    """How many live rows of each table point at the project (through any foreign key)."""
    from pmodesk.domain import RECORD_KINDS

    found: dict[type[Record], int] = {}
    for model in RECORD_KINDS.values():
        if model is Project:
            continue
        table = model.__table__  # type: ignore[attr-defined]
        for column in table.columns:
            if not any(fk.column.table.name == "project" for fk in column.foreign_keys):
                continue
            count = session.exec(
                select(func.count()).select_from(model).where(column == project_id)
            ).one()
            if count:
                found[model] = found.get(model, 0) + int(count)
    return found


def _snapshot(obj: Record) -> tuple[type[Record], uuid.UUID, dict[str, Any]]:
    values = {k: v for k, v in obj.model_dump().items() if k not in _KEPT_BY_STORE}
    return type(obj), obj.id, values


class IntakeCommand(ServiceCommand):
    """Submit a new idea through the intake service; undo takes the new project away again.

    Undo deletes the project (with the objective alignments and scores the
    intake gave it) while nothing else refers to it, and redo re-creates the
    same rows under the same ids; once other records point at it (an
    allocation, a risk), undo archives it instead and redo restores it.
    """

    #: What the intake itself creates beside the project.
    OWN_CHILDREN: tuple[type[Record], ...] = (ProjectObjective, ProjectScore)

    def __init__(self, ctx: AppContext, values: Mapping[str, Any]) -> None:
        super().__init__(f"New idea {values.get('name', '')}".strip())
        self._ctx = ctx
        self._values = dict(values)
        self.project_id: uuid.UUID | None = None
        self._deleted: list[tuple[type[Record], uuid.UUID, dict[str, Any]]] = []
        self._archived = False

    def do(self) -> None:
        from pmodesk.services import intake

        with self._ctx.session() as session:
            if self.project_id is None:
                self.project_id = intake.submit_intake(session, **self._values)
            elif self._deleted:
                for model, record_id, values in self._deleted:
                    records.create(session, model, values, record_id=record_id, source="redo")
                self._deleted = []
            elif self._archived:
                records.restore(
                    session, records.get(session, Project, self.project_id), source="redo"
                )
                self._archived = False
        self._ctx.notify({"project", "project_objective", "project_score"})

    def undo(self) -> None:
        if self.project_id is None:
            return
        with self._ctx.session() as session:
            project = records.get(session, Project, self.project_id)
            refs = _references_to_project(session, project.id)
            if set(refs) - set(self.OWN_CHILDREN):
                records.archive(session, project, reason="Intake undone", source="undo")
                self._archived = True
            else:
                children: list[PortfolioRecord | Record] = []
                for model in self.OWN_CHILDREN:
                    field = model.project_id  # type: ignore[attr-defined]
                    children.extend(session.exec(select(model).where(field == project.id)).all())
                self._deleted = [_snapshot(project)] + [_snapshot(c) for c in children]
                for child in children:
                    records.delete_created(session, child)
                records.delete_created(session, project)
        self._ctx.notify({"project", "project_objective", "project_score"})
