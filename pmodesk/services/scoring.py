"""The scoring model: weighted criteria, each project's scores, its priority score and rank.

A project's priority score (0–100) is the weighted average of its scores,
each first put on 0..1 along its criterion's scale (and turned round for
criteria where less is better: cost, risk, resource need). A criterion not
scored counts as the worst end of its scale, so that a project cannot climb
the list by leaving its weak points blank, and it is listed as missing.
Criteria with a weight of zero are left out of the score altogether.

Ranks are competition ranks: equal scores share a rank and the next rank is
skipped (1, 2, 2, 4); within a tie projects are listed by code.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from pmodesk.domain import (
    Project,
    ProjectScore,
    ScoringCriterion,
    Stage,
    StrategicObjective,
    utcnow,
)
from pmodesk.domain.enums import AuditAction, ProjectState, Rag
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.audit import record_event

__all__ = [
    "LIVE_STATES",
    "CriterionInfo",
    "RankedProject",
    "criteria",
    "priority_scores",
    "rank_projects",
    "set_score",
    "set_weight",
    "update_priority_scores",
    "weighted_score",
]

#: Projects ranked by default: not archived, and active or on hold.
LIVE_STATES = (ProjectState.ACTIVE, ProjectState.ON_HOLD)


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion of the scoring model, as the screens show it."""

    id: uuid.UUID
    code: str
    name: str
    weight: float
    scale_min: int
    scale_max: int
    higher_is_better: bool
    objective_code: str | None


@dataclass(frozen=True)
class RankedProject:
    """A project's place in the ranked list, with the criteria behind its score."""

    project_id: uuid.UUID
    code: str
    name: str
    stage_name: str
    state: ProjectState
    rag: Rag | None
    budget: float | None
    score: float
    rank: int
    contributions: dict[str, float]
    raw_scores: dict[str, int]
    missing: list[str]


# ------------------------------------------------------------------ the model


def _columns(*columns: Any) -> Select[Any]:
    """A Core SELECT of plain columns (rows come back as tuples, not ORM objects)."""
    return sa_select(*columns)


def criteria(session: Session) -> list[CriterionInfo]:
    """The live criteria of the scoring model, in their display order."""
    objective = aliased(StrategicObjective)
    statement = (
        _columns(ScoringCriterion, objective.code)
        .outerjoin(objective, col(objective.id) == ScoringCriterion.objective_id)
        .where(col(ScoringCriterion.archived_at).is_(None))
        .order_by(col(ScoringCriterion.position), col(ScoringCriterion.code))
    )
    return [
        CriterionInfo(
            id=c.id,
            code=c.code,
            name=c.name,
            weight=c.weight,
            scale_min=c.scale_min,
            scale_max=c.scale_max,
            higher_is_better=c.higher_is_better,
            objective_code=objective_code,
        )
        for c, objective_code in session.execute(statement).all()
    ]


def _check_weight(weight: object, name: str) -> float:
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise ValidationError(
            f"The weight of {name} must be a number, not {weight!r}.", field="weight"
        )
    value = float(weight)
    if not math.isfinite(value) or value < 0:
        raise ValidationError(
            f"The weight of {name} must be zero or more, not {weight!r}.", field="weight"
        )
    return value


def set_weight(
    session: Session, criterion_id: uuid.UUID, weight: float, *, source: str = ""
) -> None:
    """Give a criterion a new weight (zero or more); audited."""
    criterion = records.get(session, ScoringCriterion, criterion_id)
    value = _check_weight(weight, criterion.name)
    records.update(session, criterion, {"weight": value}, source=source)


def set_score(
    session: Session,
    project_id: uuid.UUID,
    criterion_id: uuid.UUID,
    score: int | None,
    note: str = "",
    *,
    source: str = "",
) -> None:
    """Score a project on a criterion; ``None`` removes the score (it is archived). Audited."""
    project = records.get(session, Project, project_id)
    criterion = records.get(session, ScoringCriterion, criterion_id)
    existing = session.exec(
        select(ProjectScore).where(
            ProjectScore.project_id == project.id, ProjectScore.criterion_id == criterion.id
        )
    ).first()
    if score is None:
        if existing is not None and existing.archived_at is None:
            records.archive(session, existing, reason="score removed", source=source)
    elif isinstance(score, bool) or not isinstance(score, int):
        raise ValidationError(
            f"A score for {criterion.name} is a whole number from {criterion.scale_min} "
            f"to {criterion.scale_max}, not {score!r}.",
            field="score",
        )
    elif existing is None:
        records.create(
            session,
            ProjectScore,
            {"project_id": project.id, "criterion_id": criterion.id, "score": score, "note": note},
            source=source,
        )
    else:
        batch = uuid.uuid4()
        records.update(
            session, existing, {"score": score, "note": note}, source=source, batch=batch
        )
        if existing.archived_at is not None:
            records.restore(session, existing, source=source, batch=batch)
    # The project's stored priority score follows its scores at once.
    update_priority_scores(session, project_ids=[project.id], source=source)


# ------------------------------------------------------------------ scoring


def normalised(score: int | None, criterion: CriterionInfo) -> float:
    """The score on 0..1, 1 being the best end of the scale; unscored counts as the worst."""
    if score is None:
        return 0.0
    span = criterion.scale_max - criterion.scale_min
    share = min(1.0, max(0.0, (score - criterion.scale_min) / span))
    return share if criterion.higher_is_better else 1.0 - share


def weighted_score(
    scores: Mapping[str, int], model: Sequence[tuple[CriterionInfo, float]]
) -> tuple[float, dict[str, float], list[str]]:
    """Score, contributions and missing criteria for one project's ``scores`` (by code).

    ``model`` pairs each criterion with the weight to use; weights must not all be zero.
    """
    total = sum(weight for _c, weight in model if weight > 0)
    contributions: dict[str, float] = {}
    missing: list[str] = []
    points = 0.0
    for criterion, weight in model:
        if weight <= 0:
            continue
        given = scores.get(criterion.code)
        if given is None:
            missing.append(criterion.code)
        part = 100.0 * weight * normalised(given, criterion) / total
        contributions[criterion.code] = round(part, 2)
        points += part
    return round(points + 1e-9, 1), contributions, missing


def _model(
    session: Session, weights: Mapping[uuid.UUID, float] | None
) -> list[tuple[CriterionInfo, float]]:
    model = []
    for c in criteria(session):
        weight = c.weight if weights is None or c.id not in weights else weights[c.id]
        model.append((c, _check_weight(weight, c.name)))
    if not any(weight > 0 for _c, weight in model):
        if not model:
            raise ValidationError(
                "The scoring model has no criteria yet; add a criterion and give it a weight "
                "to rank projects.",
                field="weight",
            )
        raise ValidationError(
            "Every criterion has a weight of zero; give at least one criterion a weight "
            "above zero to rank projects.",
            field="weight",
        )
    return model


@dataclass(frozen=True)
class _ProjectRow:
    id: uuid.UUID
    code: str
    name: str
    stage_name: str
    state: ProjectState
    rag: Rag | None
    budget: float | None


def _projects(session: Session, project_ids: Iterable[uuid.UUID] | None) -> list[_ProjectRow]:
    statement = _columns(
        Project.id,
        Project.code,
        Project.name,
        Stage.name,
        Project.state,
        Project.rag_overall,
        Project.budget,
    ).outerjoin(Stage, col(Stage.id) == Project.stage_id)
    if project_ids is None:
        statement = statement.where(
            col(Project.archived_at).is_(None), col(Project.state).in_(LIVE_STATES)
        )
        rows = session.execute(statement).all()
    else:
        wanted = list(dict.fromkeys(project_ids))
        rows = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows.extend(session.execute(statement.where(col(Project.id).in_(chunk))).all())
    return [_ProjectRow(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6]) for r in rows]


def _scores(session: Session) -> dict[uuid.UUID, dict[str, int]]:
    """Every live score, by project and criterion code."""
    statement = (
        _columns(ProjectScore.project_id, ScoringCriterion.code, ProjectScore.score)
        .join(ScoringCriterion, col(ScoringCriterion.id) == ProjectScore.criterion_id)
        .where(col(ProjectScore.archived_at).is_(None), col(ScoringCriterion.archived_at).is_(None))
    )
    found: dict[uuid.UUID, dict[str, int]] = {}
    for project_id, code, score in session.execute(statement):
        found.setdefault(project_id, {})[code] = score
    return found


def rank_projects(
    session: Session,
    *,
    project_ids: Iterable[uuid.UUID] | None = None,
    weights: Mapping[uuid.UUID, float] | None = None,
) -> list[RankedProject]:
    """The projects ranked by priority score, best first (live projects by default).

    ``weights`` (criterion id -> weight) overrides the stored weights for a
    what-if ranking; nothing is written.
    """
    model = _model(session, weights)
    scores = _scores(session)
    scored = []
    for p in _projects(session, project_ids):
        given = scores.get(p.id, {})
        value, contributions, missing = weighted_score(given, model)
        scored.append((p, value, contributions, dict(given), missing))
    scored.sort(key=lambda entry: (-entry[1], entry[0].code))
    ranked: list[RankedProject] = []
    for position, (p, value, contributions, raw, missing) in enumerate(scored):
        rank = ranked[-1].rank if ranked and ranked[-1].score == value else position + 1
        ranked.append(
            RankedProject(
                project_id=p.id,
                code=p.code,
                name=p.name,
                stage_name=p.stage_name,
                state=p.state,
                rag=p.rag,
                budget=p.budget,
                score=value,
                rank=rank,
                contributions=contributions,
                raw_scores=raw,
                missing=missing,
            )
        )
    return ranked


def priority_scores(
    session: Session, project_ids: Iterable[uuid.UUID] | None = None
) -> dict[uuid.UUID, float | None]:
    """The priority score of each project (live ones by default); ``None`` when never scored."""
    scored = set(_scores(session))
    return {
        r.project_id: r.score if r.project_id in scored else None
        for r in rank_projects(session, project_ids=project_ids)
    }


def update_priority_scores(
    session: Session, *, project_ids: Iterable[uuid.UUID] | None = None, source: str = ""
) -> int:
    """Store the live projects' priority scores (all, or ``project_ids``); returns how many
    changed. Audited.

    A project with no score at all gets no priority score (``None``), not a zero.
    """
    fresh = priority_scores(session, None if project_ids is None else list(project_ids))
    if not fresh:
        return 0
    batch = uuid.uuid4()
    changed = 0
    projects = session.exec(
        select(Project).where(
            col(Project.archived_at).is_(None), col(Project.state).in_(LIVE_STATES)
        )
    )
    for project in projects:
        if project.id not in fresh:
            continue
        new = fresh[project.id]
        if project.priority_score == new:
            continue
        old = project.priority_score
        project.priority_score = new
        project.version += 1
        project.updated_at = utcnow()
        session.add(project)
        record_event(
            session,
            AuditAction.UPDATE,
            project,
            field="priority_score",
            old=old,
            new=new,
            source=source,
            batch=batch,
        )
        changed += 1
    session.flush()
    return changed
