"""Variance against the baseline in force: schedule days, cost, and each milestone's slip.

The forecast side is what the project expects now: the actual finish once it
finished, else the forecast finish, else its current plan; the forecast cost
(estimate at completion). A project without a baseline yet is measured against
its current plan and says so (``baseline_number`` is ``None``), so that a
portfolio adopting baselines still sees its variances.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Milestone, Project, ProjectBaseline
from pmodesk.domain.rules import cost_variance, schedule_variance_days
from pmodesk.services import records
from pmodesk.services.monitoring.baseline_plans import baseline_in_force, baselines_in_force
from pmodesk.services.monitoring.query import columns

__all__ = ["MilestoneSlip", "Variance", "milestone_slips", "project_variance", "variances"]


@dataclass(frozen=True, slots=True)
class Variance:
    """A project's schedule and cost variance against its baseline in force."""

    project_id: uuid.UUID
    code: str
    name: str
    #: The baseline measured against; ``None``: no baseline yet (measured against the plan).
    baseline_number: int | None
    baseline_set_on: date | None
    baseline_finish: date | None
    forecast_finish: date | None
    #: Forecast finish minus baseline finish in days (positive: late).
    schedule_days: int | None
    baseline_budget: float | None
    forecast_cost: float | None
    #: Baseline budget minus forecast cost (negative: an overspend).
    cost_variance: float | None

    @property
    def has_baseline(self) -> bool:
        return self.baseline_number is not None

    @property
    def cost_variance_ratio(self) -> float | None:
        """Cost variance as a share of the baseline budget (-0.1: 10 % over)."""
        if self.cost_variance is None or not self.baseline_budget:
            return None
        return self.cost_variance / self.baseline_budget


def _expected_finish(project: Project) -> date | None:
    return project.actual_finish or project.forecast_finish or project.planned_finish


def _variance(project: Project, baseline: ProjectBaseline | None) -> Variance:
    if baseline is not None:
        number, set_on = baseline.number, baseline.set_on
        finish, budget = baseline.planned_finish, baseline.budget
    else:
        number, set_on = None, None
        finish, budget = project.planned_finish, project.budget
    expected = _expected_finish(project)
    return Variance(
        project_id=project.id,
        code=project.code,
        name=project.name,
        baseline_number=number,
        baseline_set_on=set_on,
        baseline_finish=finish,
        forecast_finish=expected,
        schedule_days=schedule_variance_days(finish, expected),
        baseline_budget=budget,
        forecast_cost=project.forecast_cost,
        cost_variance=cost_variance(budget, project.forecast_cost),
    )


def project_variance(session: Session, project_id: uuid.UUID) -> Variance:
    project = records.get(session, Project, project_id)
    return _variance(project, baseline_in_force(session, project_id))


def variances(
    session: Session, *, project_ids: Collection[uuid.UUID] | None = None
) -> list[Variance]:
    """The variance of every live project (or of ``project_ids``), by code, in two queries."""
    in_force = baselines_in_force(session)
    statement = (
        select(Project).where(col(Project.archived_at).is_(None)).order_by(col(Project.code))
    )
    wanted = set(project_ids) if project_ids is not None else None
    return [
        _variance(project, in_force.get(project.id))
        for project in session.exec(statement)
        if wanted is None or project.id in wanted
    ]


@dataclass(frozen=True, slots=True)
class MilestoneSlip:
    """A milestone against its baseline date in the baseline in force."""

    milestone_id: uuid.UUID
    project_id: uuid.UUID
    code: str
    name: str
    #: From the baseline in force; without a project baseline, the milestone's own baseline date.
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    #: ``False`` when the project has a baseline that does not list this milestone (added later).
    in_baseline: bool
    #: Actual (or else forecast) minus baseline, in days; ``None`` without both.
    slip_days: int | None
    #: Days past the expected date without an actual date; 0 when not overdue.
    overdue_days: int

    @property
    def delivered(self) -> bool:
        return self.actual_date is not None

    @property
    def slipped(self) -> bool:
        """Not delivered yet and expected later than its baseline date."""
        return not self.delivered and (self.slip_days or 0) > 0

    @property
    def status(self) -> str:
        """How the milestone stands, in words."""
        days = self.slip_days or 0
        if self.delivered:
            return f"Delivered {_days(days)} late" if days > 0 else "Delivered on time"
        if self.overdue_days:
            return f"Overdue by {_days(self.overdue_days)}"
        if days > 0:
            return f"Slipped {_days(days)}"
        if self.baseline_date is None:
            return "Not in the baseline" if not self.in_baseline else "No baseline date"
        return "On plan" if days == 0 else f"{_days(-days)} ahead"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


@dataclass(frozen=True, slots=True)
class _MilestoneDates:
    id: uuid.UUID
    project_id: uuid.UUID
    code: str
    name: str
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None


def _slip(
    milestone: _MilestoneDates, baseline: Mapping[str, str] | None, today: date
) -> MilestoneSlip:
    """``baseline``: the milestone dates of the baseline in force (``None``: no baseline)."""
    if baseline is not None:
        text = baseline.get(milestone.code)
        baseline_date = date.fromisoformat(text) if text else None
        in_baseline = text is not None
    else:
        baseline_date, in_baseline = milestone.baseline_date, True
    expected = milestone.actual_date or milestone.forecast_date or milestone.baseline_date
    overdue = 0
    if milestone.actual_date is None and expected is not None and expected < today:
        overdue = (today - expected).days
    return MilestoneSlip(
        milestone_id=milestone.id,
        project_id=milestone.project_id,
        code=milestone.code,
        name=milestone.name,
        baseline_date=baseline_date,
        forecast_date=milestone.forecast_date,
        actual_date=milestone.actual_date,
        in_baseline=in_baseline,
        slip_days=schedule_variance_days(baseline_date, expected),
        overdue_days=overdue,
    )


def milestone_slips(
    session: Session,
    today: date,
    *,
    project_ids: Collection[uuid.UUID] | None = None,
) -> dict[uuid.UUID, list[MilestoneSlip]]:
    """Each live milestone against the baseline in force, per project, in milestone-code order.

    Read as plain columns (two queries), so that a portfolio of thousands of
    milestones is measured in a blink.
    """
    baselines = columns(ProjectBaseline.project_id, ProjectBaseline.milestones).where(
        col(ProjectBaseline.in_force).is_(True), col(ProjectBaseline.archived_at).is_(None)
    )
    in_force: dict[uuid.UUID, Mapping[str, str]] = {
        project_id: dates or {} for project_id, dates in session.execute(baselines)
    }
    statement = (
        columns(
            Milestone.id,
            Milestone.project_id,
            Milestone.code,
            Milestone.name,
            Milestone.baseline_date,
            Milestone.forecast_date,
            Milestone.actual_date,
        )
        .where(col(Milestone.archived_at).is_(None))
        .order_by(col(Milestone.code))
    )
    if project_ids is not None:
        statement = statement.where(col(Milestone.project_id).in_(list(project_ids)))
    result: dict[uuid.UUID, list[MilestoneSlip]] = {}
    for row in session.execute(statement):
        milestone = _MilestoneDates(*row)
        slip = _slip(milestone, in_force.get(milestone.project_id), today)
        result.setdefault(milestone.project_id, []).append(slip)
    return result
