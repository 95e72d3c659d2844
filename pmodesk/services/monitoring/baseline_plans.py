"""Baseline plans and the baselines in force, read without changing anything.

:class:`BaselinePlan` is what a baseline holds (planned start and finish,
budget, each milestone's date); the functions here find the baseline in force,
the history, and the plans a new baseline would usually adopt: the project's
plan as it stands, or today's forecasts. The writes are in
:mod:`pmodesk.services.monitoring.baselines`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Milestone, Project, ProjectBaseline
from pmodesk.services import records

__all__ = [
    "BaselinePlan",
    "baseline_history",
    "baseline_in_force",
    "baselines_in_force",
    "current_plan",
    "forecast_plan",
    "live_milestones",
]


@dataclass(frozen=True, slots=True)
class BaselinePlan:
    """Dates and budget to baseline; ``milestones`` maps milestone codes to their dates."""

    planned_start: date | None
    planned_finish: date | None
    budget: float | None
    milestones: Mapping[str, date] = field(default_factory=dict)

    @classmethod
    def of(cls, baseline: ProjectBaseline) -> BaselinePlan:
        """The plan a stored baseline holds."""
        return cls(
            baseline.planned_start,
            baseline.planned_finish,
            baseline.budget,
            {code: date.fromisoformat(text) for code, text in (baseline.milestones or {}).items()},
        )

    @property
    def is_empty(self) -> bool:
        return (
            self.planned_start is None
            and self.planned_finish is None
            and self.budget is None
            and not self.milestones
        )


def live_milestones(session: Session, project_id: uuid.UUID) -> list[Milestone]:
    statement = (
        select(Milestone)
        .where(Milestone.project_id == project_id, col(Milestone.archived_at).is_(None))
        .order_by(col(Milestone.code))
    )
    return list(session.exec(statement))


def baseline_in_force(session: Session, project_id: uuid.UUID) -> ProjectBaseline | None:
    statement = select(ProjectBaseline).where(
        ProjectBaseline.project_id == project_id,
        col(ProjectBaseline.in_force).is_(True),
        col(ProjectBaseline.archived_at).is_(None),
    )
    return session.exec(statement).first()


def baselines_in_force(session: Session) -> dict[uuid.UUID, ProjectBaseline]:
    """The baseline in force of every project that has one, in one query."""
    statement = select(ProjectBaseline).where(
        col(ProjectBaseline.in_force).is_(True), col(ProjectBaseline.archived_at).is_(None)
    )
    return {b.project_id: b for b in session.exec(statement)}


def baseline_history(session: Session, project_id: uuid.UUID) -> list[ProjectBaseline]:
    """Every baseline of the project, the newest (highest number) first."""
    statement = (
        select(ProjectBaseline)
        .where(ProjectBaseline.project_id == project_id)
        .order_by(col(ProjectBaseline.number).desc())
    )
    return list(session.exec(statement))


def current_plan(session: Session, project_id: uuid.UUID) -> BaselinePlan:
    """The project's plan as it stands: planned dates, budget, each milestone's baseline date.

    A milestone without a baseline date is planned at its forecast date;
    one with neither is left out.
    """
    project = records.get(session, Project, project_id)
    dates = {
        m.code: day
        for m in live_milestones(session, project_id)
        if (day := m.baseline_date or m.forecast_date) is not None
    }
    return BaselinePlan(project.planned_start, project.planned_finish, project.budget, dates)


def forecast_plan(session: Session, project_id: uuid.UUID) -> BaselinePlan:
    """What a re-baseline would usually adopt: today's forecasts where there are some.

    Delivered milestones keep the date they are baselined at (a re-baseline
    does not rewrite history); the others move to their forecast.
    """
    project = records.get(session, Project, project_id)
    in_force = baseline_in_force(session, project_id)
    kept = BaselinePlan.of(in_force).milestones if in_force else {}
    dates: dict[str, date] = {}
    for m in live_milestones(session, project_id):
        day: date | None
        if m.actual_date is not None:
            day = kept.get(m.code) or m.baseline_date or m.actual_date
        else:
            day = m.forecast_date or kept.get(m.code) or m.baseline_date
        if day is not None:
            dates[m.code] = day
    return BaselinePlan(
        project.forecast_start or project.planned_start,
        project.forecast_finish or project.planned_finish,
        project.forecast_cost if project.forecast_cost is not None else project.budget,
        dates,
    )
