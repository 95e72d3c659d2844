"""Cross-project dependency alerts: a slipped or overdue milestone endangers the successor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Milestone, Project, ProjectDependency
from pmodesk.domain.rules import schedule_variance_days

__all__ = ["DependencyAlert", "dependency_alerts"]


@dataclass(frozen=True, slots=True)
class DependencyAlert:
    """The predecessor's milestone slipped or is overdue, so the successor is endangered."""

    dependency_id: uuid.UUID
    predecessor_code: str
    predecessor_name: str
    successor_code: str
    successor_name: str
    milestone_code: str
    milestone_name: str
    #: Forecast minus baseline in days (positive: later); ``None`` without both dates.
    slip_days: int | None
    #: Days past the expected date (forecast, else baseline) with no actual; 0 when not overdue.
    overdue_days: int

    @property
    def message(self) -> str:
        reasons = []
        if self.slip_days is not None and self.slip_days > 0:
            reasons.append(f"slipped {self.slip_days} days")
        if self.overdue_days > 0:
            reasons.append(f"is {self.overdue_days} days overdue")
        return (
            f"Milestone {self.milestone_code} ({self.milestone_name}) of "
            f"{self.predecessor_code} {' and '.join(reasons)}, endangering "
            f"{self.successor_code} ({self.successor_name})."
        )


def _alert(
    dependency: ProjectDependency,
    predecessor: Project,
    successor: Project,
    milestone: Milestone,
    today: date,
) -> DependencyAlert | None:
    slip = None
    if milestone.actual_date is None:
        slip = schedule_variance_days(milestone.baseline_date, milestone.forecast_date)
    expected = milestone.forecast_date or milestone.baseline_date
    overdue = 0
    if milestone.actual_date is None and expected is not None and expected < today:
        overdue = (today - expected).days
    if (slip is None or slip <= 0) and overdue == 0:
        return None
    return DependencyAlert(
        dependency_id=dependency.id,
        predecessor_code=predecessor.code,
        predecessor_name=predecessor.name,
        successor_code=successor.code,
        successor_name=successor.name,
        milestone_code=milestone.code,
        milestone_name=milestone.name,
        slip_days=slip,
        overdue_days=overdue,
    )


def dependency_alerts(session: Session, today: date) -> list[DependencyAlert]:
    """Alerts for live dependencies on a milestone not yet reached that slipped or is overdue.

    A milestone with an actual date is delivered: it raises no alert. Sorted by
    predecessor, successor and milestone code.
    """
    statement = select(ProjectDependency).where(
        col(ProjectDependency.archived_at).is_(None),
        col(ProjectDependency.milestone_id).is_not(None),
    )
    dependencies = list(session.exec(statement))
    project_ids = {d.predecessor_id for d in dependencies} | {d.successor_id for d in dependencies}
    milestone_ids = {d.milestone_id for d in dependencies if d.milestone_id is not None}
    projects = {
        p.id: p for p in session.exec(select(Project).where(col(Project.id).in_(project_ids)))
    }
    milestones = {
        m.id: m for m in session.exec(select(Milestone).where(col(Milestone.id).in_(milestone_ids)))
    }
    alerts = []
    for dependency in dependencies:
        predecessor = projects.get(dependency.predecessor_id)
        successor = projects.get(dependency.successor_id)
        milestone = milestones.get(dependency.milestone_id) if dependency.milestone_id else None
        if predecessor is None or successor is None or milestone is None:
            continue
        if any(end.archived_at is not None for end in (predecessor, successor, milestone)):
            continue
        alert = _alert(dependency, predecessor, successor, milestone, today)
        if alert is not None:
            alerts.append(alert)
    alerts.sort(key=lambda a: (a.predecessor_code, a.successor_code, a.milestone_code))
    return alerts
