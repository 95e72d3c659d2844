"""The PMO's monthly data gathering: who is asked for which projects, with what filled in.

For a reporting period, every project manager with active projects gets one
request listing their projects (pre-filled with the latest report before the
period, or the period's own report when it exists, else the project's current
values) and the milestones of those projects. When the workbooks come back,
:func:`expected_managers` tells who should have returned one. No Excel here:
:mod:`pmodesk.exchange.writing.status_requests` writes the workbooks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from pmodesk.domain import Milestone, Project, Stage, StatusReport
from pmodesk.domain.enums import ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.services.monitoring.periods import period_of, period_start
from pmodesk.services.register import fold
from pmodesk.services.settings import PERIOD_LENGTH_MONTHS, get_setting

#: The fields a manager reports each period, in the order the request shows them.
REPORTED_FIELDS: tuple[str, ...] = (
    "rag_overall",
    "rag_schedule",
    "rag_cost",
    "rag_scope",
    "rag_resources",
    "summary",
    "achievements",
    "next_steps",
    "forecast_finish",
    "forecast_cost",
    "actual_cost",
    "percent_complete",
)
#: Of those, the fields a project carries too (the pre-fill when it never reported).
_PROJECT_FIELDS = frozenset(REPORTED_FIELDS) - {"summary", "achievements", "next_steps"}


@dataclass(frozen=True, slots=True)
class RequestedProject:
    """One project of a request: what the manager sees and the values pre-filled for them.

    ``prefilled_from`` names the period whose report gave the values ("" when
    they come from the project itself).
    """

    project_id: uuid.UUID
    code: str
    name: str
    stage: str
    budget: float | None
    planned_finish: date | None
    values: dict[str, Any]
    prefilled_from: str


@dataclass(frozen=True, slots=True)
class RequestedMilestone:
    code: str
    project: str
    name: str
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    is_gate: bool


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """Everything one manager is asked for one period."""

    period: str
    manager: str
    projects: tuple[RequestedProject, ...]
    milestones: tuple[RequestedMilestone, ...]


def current_period(session: Session, today: date | None = None) -> str:
    """The reporting period ``today`` falls in, by the workspace's period length."""
    return period_of(today or date.today(), int(get_setting(session, PERIOD_LENGTH_MONTHS)))


def _active_projects(session: Session) -> list[Project]:
    statement = (
        select(Project)
        .where(
            col(Project.archived_at).is_(None),
            col(Project.state) == ProjectState.ACTIVE,
            col(Project.manager) != "",
        )
        .order_by(col(Project.code))
    )
    return list(session.scalars(statement))


def expected_managers(session: Session) -> list[str]:
    """Every manager of an active project: who a period's status request goes to."""
    names = {p.manager.strip() for p in _active_projects(session) if p.manager.strip()}
    return sorted(names, key=fold)


def _latest_reports(
    session: Session, project_ids: list[uuid.UUID], period: str
) -> tuple[dict[uuid.UUID, StatusReport], dict[uuid.UUID, StatusReport]]:
    """(this period's report, the latest report before it) per project."""
    start = period_start(period)
    current: dict[uuid.UUID, StatusReport] = {}
    earlier: dict[uuid.UUID, StatusReport] = {}
    statement = select(StatusReport).where(
        col(StatusReport.archived_at).is_(None), col(StatusReport.project_id).in_(project_ids)
    )
    for report in session.scalars(statement):
        if report.period == period:
            current[report.project_id] = report
            continue
        try:
            before = period_start(report.period) < start
        except ValidationError:
            continue
        best = earlier.get(report.project_id)
        if before and (best is None or period_start(best.period) < period_start(report.period)):
            earlier[report.project_id] = report
    return current, earlier


def status_requests(
    session: Session, period: str, *, managers: Iterable[str] | None = None
) -> list[StatusRequest]:
    """One request per manager of an active project (or per manager named) for ``period``.

    A project whose report for the period is frozen (the period is closed) is
    left out; asking for a period where nothing is left is refused.
    """
    period_start(period)  # refuses a malformed period
    wanted = {fold(m.strip()) for m in managers} if managers is not None else None
    projects = [
        p for p in _active_projects(session) if wanted is None or fold(p.manager.strip()) in wanted
    ]
    if wanted is not None:
        known = {fold(p.manager.strip()) for p in projects}
        unknown = sorted(m for m in (managers or []) if fold(m.strip()) not in known)
        if unknown:
            raise ValidationError(
                f"{', '.join(unknown)} manage no active project; check the name.", field="manager"
            )
    current, earlier = _latest_reports(session, [p.id for p in projects], period)
    projects = [p for p in projects if not (p.id in current and current[p.id].frozen)]
    if not projects:
        raise ValidationError(
            f"There is no active project with a manager to ask for period {period}"
            " (or the period is closed).",
            field="period",
        )
    stages = {
        sid: str(name) for sid, name in session.execute(select(col(Stage.id), col(Stage.name)))
    }
    milestones = _milestones(session, [p.id for p in projects])
    by_manager: dict[str, list[RequestedProject]] = {}
    for project in projects:
        report = current.get(project.id) or earlier.get(project.id)
        if report is not None:
            values = {f: getattr(report, f) for f in REPORTED_FIELDS}
            source = report.period
        else:
            values = {
                f: getattr(project, f) if f in _PROJECT_FIELDS else "" for f in REPORTED_FIELDS
            }
            source = ""
        line = RequestedProject(
            project.id,
            project.code,
            project.name,
            stages.get(project.stage_id, "") if project.stage_id else "",
            project.budget,
            project.planned_finish,
            values,
            source,
        )
        by_manager.setdefault(project.manager.strip(), []).append(line)
    requests = []
    for manager in sorted(by_manager, key=fold):
        lines = by_manager[manager]
        codes = {line.code for line in lines}
        requests.append(
            StatusRequest(
                period,
                manager,
                tuple(lines),
                tuple(m for m in milestones if m.project in codes),
            )
        )
    return requests


def _milestones(session: Session, project_ids: list[uuid.UUID]) -> list[RequestedMilestone]:
    statement = (
        select(Milestone, col(Project.code))
        .join(Project, col(Project.id) == col(Milestone.project_id))
        .where(col(Milestone.archived_at).is_(None), col(Milestone.project_id).in_(project_ids))
    )
    found = [
        RequestedMilestone(
            m.code,
            str(code),
            m.name,
            m.baseline_date,
            m.forecast_date,
            m.actual_date,
            m.is_gate,
        )
        for m, code in session.execute(statement)
    ]
    found.sort(key=lambda m: (m.project, m.baseline_date or m.forecast_date or date.max, m.code))
    return found
