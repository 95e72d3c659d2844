"""Reporting periods: naming them, the period view (who reported, what changed), closing.

A period is written ``YYYY-MM`` (the month it starts in; with a period length of
three months, ``2026-04`` is April–June) or, for weekly reporting, as an ISO
week ``YYYY-Www``. Closing a period freezes its reports: they become the
snapshot the trends and the review pack read, and the validation refuses any
further edit.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from pmodesk.domain import Project, StatusReport
from pmodesk.domain.enums import ProjectState, Rag, RagDimension
from pmodesk.domain.errors import ValidationError
from pmodesk.domain.rules import rag_trend
from pmodesk.services import records
from pmodesk.services.settings import PERIOD_LENGTH_MONTHS, get_setting

__all__ = [
    "PeriodStatus",
    "ProjectPeriod",
    "RagMove",
    "ReportChanges",
    "close_period",
    "compare_reports",
    "frozen_report_ids",
    "period_of",
    "period_start",
    "period_status",
    "previous_period",
    "recent_periods",
    "reopen_period",
    "reporting_months",
]

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_WEEK = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$")

#: The dimensions compared between two reports, overall first.
RAG_FIELDS: tuple[tuple[str, str], ...] = (
    ("overall", "rag_overall"),
    (RagDimension.SCHEDULE.value, "rag_schedule"),
    (RagDimension.COST.value, "rag_cost"),
    (RagDimension.SCOPE.value, "rag_scope"),
    (RagDimension.RESOURCES.value, "rag_resources"),
)


def _check_months(months: int) -> None:
    if months not in (1, 2, 3, 4, 6, 12):
        raise ValidationError(
            f"A reporting period lasts 1, 2, 3, 4, 6 or 12 months, not {months!r}.",
            field="period",
        )


def period_of(day: date, months: int = 1) -> str:
    """The period ``day`` falls in, named by its first month (``2026-04`` for May with quarters)."""
    _check_months(months)
    first_month = (day.month - 1) // months * months + 1
    return f"{day.year:04d}-{first_month:02d}"


def period_start(period: str) -> date:
    """The first day of ``period`` (a Monday for an ISO week); refused when it is malformed."""
    if match := _MONTH.match(period):
        return date(int(match[1]), int(match[2]), 1)
    if match := _WEEK.match(period):
        try:
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
    raise ValidationError(
        f"Period {period!r} must be written YYYY-MM (e.g. 2026-03) "
        "or as an ISO week YYYY-Www (e.g. 2026-W09).",
        field="period",
    )


def previous_period(period: str, months: int = 1) -> str:
    """The period before ``period``: ``2026-01`` → ``2025-12``, ``2026-W01`` → ``2025-W53``."""
    start = period_start(period)
    if _WEEK.match(period):
        year, week, _ = (start - timedelta(days=7)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    _check_months(months)
    index = start.year * 12 + start.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True, slots=True)
class RagMove:
    """One RAG dimension that changed: ``trend`` +1 improving, -1 worsening, 0 not comparable."""

    dimension: str
    previous: Rag | None
    current: Rag | None
    trend: int


@dataclass(frozen=True, slots=True)
class ReportChanges:
    """What changed between a project's previous report and this period's."""

    rag_moves: tuple[RagMove, ...]
    #: Days the forecast finish moved later (negative: earlier); ``None`` when not comparable.
    finish_slip_days: int | None
    #: Change of the forecast cost (positive: dearer); ``None`` when not comparable.
    cost_change: float | None


@dataclass(frozen=True, slots=True)
class ProjectPeriod:
    """A project's line of the period view: its report (``None``: not reported) and the changes."""

    project_id: uuid.UUID
    code: str
    name: str
    report: StatusReport | None
    previous: StatusReport | None
    changes: ReportChanges | None


@dataclass(frozen=True, slots=True)
class PeriodStatus:
    period: str
    previous_period: str
    projects: tuple[ProjectPeriod, ...]

    @property
    def not_reported(self) -> list[ProjectPeriod]:
        return [p for p in self.projects if p.report is None]

    @property
    def is_closed(self) -> bool:
        """Closed once every report of the period is frozen (and there is at least one)."""
        reports = [p.report for p in self.projects if p.report is not None]
        return bool(reports) and all(r.frozen for r in reports)


def compare_reports(previous: StatusReport, current: StatusReport) -> ReportChanges:
    """The RAG moves, the forecast finish slip and the forecast cost change from one to the other."""
    moves = []
    for dimension, field in RAG_FIELDS:
        before: Rag | None = getattr(previous, field)
        after: Rag | None = getattr(current, field)
        if before != after:
            moves.append(RagMove(dimension, before, after, rag_trend(before, after)))
    slip = None
    if previous.forecast_finish is not None and current.forecast_finish is not None:
        slip = (current.forecast_finish - previous.forecast_finish).days
    cost = None
    if previous.forecast_cost is not None and current.forecast_cost is not None:
        cost = current.forecast_cost - previous.forecast_cost
    return ReportChanges(tuple(moves), slip, cost)


def _reports(session: Session, period: str) -> dict[uuid.UUID, StatusReport]:
    statement = select(StatusReport).where(
        StatusReport.period == period, col(StatusReport.archived_at).is_(None)
    )
    return {r.project_id: r for r in session.exec(statement)}


def period_status(session: Session, period: str, *, months: int = 1) -> PeriodStatus:
    """Every active live project with its report for ``period`` and what changed since the last one."""
    period_start(period)
    before = previous_period(period, months)
    current = _reports(session, period)
    earlier = _reports(session, before)
    statement = (
        select(Project)
        .where(col(Project.archived_at).is_(None), Project.state == ProjectState.ACTIVE)
        .order_by(col(Project.code))
    )
    lines = []
    for project in session.exec(statement):
        report = current.get(project.id)
        previous = earlier.get(project.id)
        changes = compare_reports(previous, report) if report and previous else None
        lines.append(
            ProjectPeriod(project.id, project.code, project.name, report, previous, changes)
        )
    return PeriodStatus(period, before, tuple(lines))


def close_period(
    session: Session, period: str, *, source: str = "", today: date | None = None
) -> int:
    """Freeze every live report of ``period`` (audited); returns how many were frozen now.

    A period that has not started yet cannot be closed.
    """
    start = period_start(period)
    if start > (today or date.today()):
        raise ValidationError(
            f"Period {period} has not started yet, so it cannot be closed.", field="period"
        )
    frozen = 0
    for report in sorted(_reports(session, period).values(), key=lambda r: str(r.project_id)):
        if not report.frozen:
            records.update(session, report, {"frozen": True}, source=source)
            frozen += 1
    return frozen


def reopen_period(
    session: Session,
    period: str,
    *,
    report_ids: Collection[uuid.UUID] | None = None,
    source: str = "",
) -> int:
    """Unfreeze the reports of ``period`` (only ``report_ids`` when given); returns how many.

    Undoes :func:`close_period`, or reopens a period to correct a report; audited.
    """
    period_start(period)
    wanted = set(report_ids) if report_ids is not None else None
    reopened = 0
    for report in sorted(_reports(session, period).values(), key=lambda r: str(r.project_id)):
        if report.frozen and (wanted is None or report.id in wanted):
            records.update(session, report, {"frozen": False}, source=source)
            reopened += 1
    return reopened


def frozen_report_ids(session: Session, period: str) -> list[uuid.UUID]:
    """The live reports of ``period`` that are frozen (what closing froze, for undo)."""
    return [r.id for r in _reports(session, period).values() if r.frozen]


def reporting_months(session: Session) -> int:
    """The workspace's period length in months (1: monthly reporting, the default)."""
    return int(get_setting(session, PERIOD_LENGTH_MONTHS))


def recent_periods(today: date, months: int = 1, count: int = 12) -> list[str]:
    """The period ``today`` falls in and the ``count - 1`` before it, the newest first."""
    periods = [period_of(today, months)]
    while len(periods) < count:
        periods.append(previous_period(periods[-1], months))
    return periods
