"""Project baselines: the first one from the plan, re-baselines with a reason, the history kept.

A baseline freezes what the board approved: the planned start and finish,
the budget and the date of each milestone. Exactly one baseline of a project
is *in force*; re-baselining adds the next number with a mandatory reason and
takes the previous one out of force, so every earlier baseline stays readable.

The baseline in force is mirrored into the project's planned dates and budget
and into its milestones' baseline dates, so that every figure the rest of
pmodesk computes from those fields (dependency alerts, the on-time rate,
earned value) is measured against the baseline in force too. Every write goes
through :mod:`pmodesk.services.records` (validated and audited) as one batch,
and the project's own history gets a ``baseline`` line naming the number and
the reason.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Project, ProjectBaseline
from pmodesk.domain.enums import AuditAction
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.audit import current_user, record_event
from pmodesk.services.monitoring.baseline_plans import (
    BaselinePlan,
    baseline_history,
    baseline_in_force,
    baselines_in_force,
    current_plan,
    forecast_plan,
    live_milestones,
)

__all__ = [
    "BaselinePlan",
    "PlanSnapshot",
    "baseline_history",
    "baseline_in_force",
    "baseline_unbaselined",
    "baselines_in_force",
    "current_plan",
    "forecast_plan",
    "rebaseline",
    "set_first_baseline",
    "snapshot_plan",
    "unbaselined_projects",
    "withdraw_baseline",
]


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """A project's planned fields and milestone baseline dates, to put back on undo."""

    project_id: uuid.UUID
    planned_start: date | None
    planned_finish: date | None
    budget: float | None
    milestones: Mapping[uuid.UUID, date | None]


def _live_project(session: Session, project_id: uuid.UUID) -> Project:
    project = records.get(session, Project, project_id)
    if project.archived_at is not None:
        raise ValidationError(
            f"Project {project.code} is archived; restore it before baselining it.",
            field="project_id",
        )
    return project


def _check_plan(session: Session, project: Project, plan: BaselinePlan) -> None:
    start, finish = plan.planned_start, plan.planned_finish
    if start is not None and finish is not None and finish < start:
        raise ValidationError(
            f"The baseline finish ({finish.isoformat()}) is before its start "
            f"({start.isoformat()}).",
            field="planned_finish",
        )
    budget = plan.budget
    if budget is not None and (not math.isfinite(budget) or budget < 0):
        raise ValidationError(
            f"The baseline budget must be an amount of zero or more, not {budget:g}.",
            field="budget",
        )
    known = {m.code for m in live_milestones(session, project.id)}
    for code, day in plan.milestones.items():
        if code not in known:
            raise ValidationError(
                f"{code} is not a live milestone of project {project.code}.", field="milestones"
            )
        if not isinstance(day, date):
            raise ValidationError(
                f"The baseline date of milestone {code} must be a date, not {day!r}.",
                field="milestones",
            )
    if plan.is_empty:
        raise ValidationError(
            f"Project {project.code} has no planned dates, budget or milestone dates to "
            "baseline yet; plan them first.",
            field="planned_finish",
        )


def snapshot_plan(session: Session, project_id: uuid.UUID) -> PlanSnapshot:
    """The fields a baseline change writes, as they are now (see :func:`withdraw_baseline`)."""
    project = records.get(session, Project, project_id)
    return PlanSnapshot(
        project.id,
        project.planned_start,
        project.planned_finish,
        project.budget,
        {m.id: m.baseline_date for m in live_milestones(session, project_id)},
    )


def _mirror(
    session: Session, project: Project, plan: BaselinePlan, *, source: str, batch: uuid.UUID
) -> None:
    """Copy the plan into the project's planned fields and its milestones' baseline dates."""
    records.update(
        session,
        project,
        {
            "planned_start": plan.planned_start,
            "planned_finish": plan.planned_finish,
            "budget": plan.budget,
        },
        source=source,
        batch=batch,
    )
    for milestone in live_milestones(session, project.id):
        day = plan.milestones.get(milestone.code)
        if day is not None:
            records.update(session, milestone, {"baseline_date": day}, source=source, batch=batch)


def _store(
    session: Session,
    project: Project,
    plan: BaselinePlan,
    *,
    number: int,
    reason: str,
    today: date | None,
    source: str,
    batch: uuid.UUID,
) -> ProjectBaseline:
    baseline = records.create(
        session,
        ProjectBaseline,
        {
            "project_id": project.id,
            "number": number,
            "set_on": today or date.today(),
            "set_by": current_user(),
            "reason": reason,
            "planned_start": plan.planned_start,
            "planned_finish": plan.planned_finish,
            "budget": plan.budget,
            "milestones": {code: day.isoformat() for code, day in sorted(plan.milestones.items())},
            "in_force": True,
        },
        source=source,
        batch=batch,
    )
    _mirror(session, project, plan, source=source, batch=batch)
    record_event(
        session,
        AuditAction.UPDATE,
        project,
        field="baseline",
        old=number - 1 or None,
        new=f"{number}: {reason}" if reason else number,
        source=source,
        batch=batch,
    )
    return baseline


def set_first_baseline(
    session: Session,
    project_id: uuid.UUID,
    *,
    plan: BaselinePlan | None = None,
    reason: str = "",
    today: date | None = None,
    source: str = "",
) -> ProjectBaseline:
    """Baseline 1 from the project's plan (or ``plan``); refused once a baseline exists."""
    project = _live_project(session, project_id)
    existing = baseline_history(session, project_id)
    if existing:
        raise ConflictError(
            f"Project {project.code} already has baseline {existing[0].number}; "
            "re-baseline it with a reason instead.",
            field="reason",
        )
    plan = plan if plan is not None else current_plan(session, project_id)
    _check_plan(session, project, plan)
    return _store(
        session,
        project,
        plan,
        number=1,
        reason=reason.strip(),
        today=today,
        source=source,
        batch=uuid.uuid4(),
    )


def rebaseline(
    session: Session,
    project_id: uuid.UUID,
    plan: BaselinePlan,
    reason: str,
    *,
    today: date | None = None,
    source: str = "",
) -> ProjectBaseline:
    """A new baseline in force with the next number; the previous one is kept, out of force."""
    project = _live_project(session, project_id)
    why = (reason or "").strip()
    if not why:
        raise ValidationError(
            "A re-baseline needs a reason (for example the change request the board approved).",
            field="reason",
        )
    previous = baseline_in_force(session, project_id)
    if previous is None:
        raise ValidationError(
            f"Project {project.code} has no baseline yet; set its first baseline from its plan.",
            field="reason",
        )
    _check_plan(session, project, plan)
    if plan == BaselinePlan.of(previous):
        raise ValidationError(
            f"The new baseline is the same as baseline {previous.number}; change a date, "
            "the budget or a milestone first.",
            field="planned_finish",
        )
    batch = uuid.uuid4()
    records.update(session, previous, {"in_force": False}, source=source, batch=batch)
    highest = baseline_history(session, project_id)[0].number
    return _store(
        session,
        project,
        plan,
        number=highest + 1,
        reason=why,
        today=today,
        source=source,
        batch=batch,
    )


def withdraw_baseline(
    session: Session,
    baseline_id: uuid.UUID,
    *,
    restore: PlanSnapshot | None = None,
    source: str = "undo",
) -> None:
    """Undo a baseline just set: remove it, put the previous one back in force, restore the plan.

    Only the newest baseline can be withdrawn; ``restore`` puts back the
    planned fields and milestone baseline dates as they were before it.
    """
    baseline = records.get(session, ProjectBaseline, baseline_id)
    project = records.get(session, Project, baseline.project_id)
    history = baseline_history(session, project.id)
    if history[0].id != baseline.id:
        raise ConflictError(
            f"Baseline {baseline.number} of project {project.code} is no longer the newest; "
            "only the newest baseline can be withdrawn."
        )
    batch = uuid.uuid4()
    records.delete_created(session, baseline, source=source)
    previous = history[1] if len(history) > 1 else None
    if previous is not None:
        records.update(session, previous, {"in_force": True}, source=source, batch=batch)
    if restore is not None:
        records.update(
            session,
            project,
            {
                "planned_start": restore.planned_start,
                "planned_finish": restore.planned_finish,
                "budget": restore.budget,
            },
            source=source,
            batch=batch,
        )
        for milestone in live_milestones(session, project.id):
            if milestone.id in restore.milestones:
                records.update(
                    session,
                    milestone,
                    {"baseline_date": restore.milestones[milestone.id]},
                    source=source,
                    batch=batch,
                )
    record_event(
        session,
        AuditAction.UPDATE,
        project,
        field="baseline",
        old=baseline.number,
        new=previous.number if previous else None,
        source=source,
        batch=batch,
    )


def unbaselined_projects(session: Session) -> list[uuid.UUID]:
    """Live projects without any baseline whose plan has something to baseline, by code."""
    has_one = set(session.exec(select(ProjectBaseline.project_id)))
    statement = (
        select(Project).where(col(Project.archived_at).is_(None)).order_by(col(Project.code))
    )
    return [
        project.id
        for project in session.exec(statement).all()
        if project.id not in has_one and not current_plan(session, project.id).is_empty
    ]


def baseline_unbaselined(
    session: Session, *, today: date | None = None, source: str = ""
) -> list[uuid.UUID]:
    """Set baseline 1 from the plan of every live project that has none and has a plan.

    For a PMO adopting baselines: returns the ids of the projects baselined
    now; projects with nothing planned yet are left for later.
    """
    done = unbaselined_projects(session)
    for project_id in done:
        set_first_baseline(session, project_id, today=today, source=source)
    return done
