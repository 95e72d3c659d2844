"""The period view as plain lines: each active project's report, what changed, milestones behind.

:func:`period_view` wraps :func:`~pmodesk.services.monitoring.periods.period_status`
for a view or an export: one :class:`PeriodLine` per active project with the
values of its report (or none: not reported), the RAG moves and forecast
changes since the previous period, and its milestones that are behind the
baseline in force (slipped and not delivered).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from pmodesk.domain.enums import Rag
from pmodesk.services.monitoring.periods import (
    RAG_FIELDS,
    RagMove,
    period_start,
    period_status,
)
from pmodesk.services.monitoring.variance import MilestoneSlip, milestone_slips

__all__ = ["PeriodLine", "PeriodView", "period_view"]


@dataclass(frozen=True, slots=True)
class PeriodLine:
    project_id: uuid.UUID
    code: str
    name: str
    report_id: uuid.UUID | None
    #: Overall, schedule, cost, scope, resources (``RAG_FIELDS`` order).
    rags: tuple[Rag | None, ...]
    previous_overall: Rag | None
    moves: tuple[RagMove, ...]
    forecast_finish: date | None
    finish_slip_days: int | None
    forecast_cost: float | None
    cost_change: float | None
    percent_complete: float | None
    submitted_by: str
    frozen: bool
    summary: str
    achievements: str
    next_steps: str
    behind: tuple[MilestoneSlip, ...]

    @property
    def reported(self) -> bool:
        return self.report_id is not None

    @property
    def overall_trend(self) -> int:
        """+1 better, -1 worse, 0 unchanged or not comparable (overall RAG)."""
        move = next((m for m in self.moves if m.dimension == "overall"), None)
        return move.trend if move else 0

    @property
    def changed(self) -> bool:
        """Anything moved since the last period: a RAG, the forecast finish or cost, a slip."""
        return bool(self.moves or self.finish_slip_days or self.cost_change or self.behind)


@dataclass(frozen=True, slots=True)
class PeriodView:
    period: str
    previous_period: str
    lines: tuple[PeriodLine, ...]
    #: The period has started (it can be closed).
    started: bool

    @property
    def reported(self) -> int:
        return sum(1 for line in self.lines if line.reported)

    @property
    def not_reported(self) -> list[PeriodLine]:
        return [line for line in self.lines if not line.reported]

    @property
    def is_closed(self) -> bool:
        reports = [line for line in self.lines if line.reported]
        return bool(reports) and all(line.frozen for line in reports)

    @property
    def open_reports(self) -> int:
        return sum(1 for line in self.lines if line.reported and not line.frozen)


def period_view(session: Session, period: str, today: date, *, months: int = 1) -> PeriodView:
    """Every active project's line for ``period`` (see the module docstring)."""
    status = period_status(session, period, months=months)
    slips = milestone_slips(session, today, project_ids=[p.project_id for p in status.projects])
    lines = []
    for p in status.projects:
        report, changes = p.report, p.changes
        behind = tuple(s for s in slips.get(p.project_id, []) if s.slipped)
        lines.append(
            PeriodLine(
                project_id=p.project_id,
                code=p.code,
                name=p.name,
                report_id=report.id if report else None,
                rags=tuple(getattr(report, f) if report else None for _d, f in RAG_FIELDS),
                previous_overall=p.previous.rag_overall if p.previous else None,
                moves=changes.rag_moves if changes else (),
                forecast_finish=report.forecast_finish if report else None,
                finish_slip_days=changes.finish_slip_days if changes else None,
                forecast_cost=report.forecast_cost if report else None,
                cost_change=changes.cost_change if changes else None,
                percent_complete=report.percent_complete if report else None,
                submitted_by=report.submitted_by if report else "",
                frozen=bool(report and report.frozen),
                summary=report.summary if report else "",
                achievements=report.achievements if report else "",
                next_steps=report.next_steps if report else "",
                behind=behind,
            )
        )
    return PeriodView(period, status.previous_period, tuple(lines), period_start(period) <= today)
