"""Each project's page and dashboard line: the period's report, milestones, RAID, decisions, EVM.

Everything is read in a handful of queries for all projects of the scope at
once (never one query per project), then grouped in Python: a pack of 200
projects costs about the same number of round trips as one of five.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from pmodesk.domain import Decision, Milestone, Project, RaidItem, StatusReport
from pmodesk.domain.enums import DecisionStatus, Rag, RaidKind, RaidStatus
from pmodesk.domain.errors import DomainError
from pmodesk.domain.rules import earned_value, rag_trend, risk_score
from pmodesk.reports.data.governance import checklist_compliance
from pmodesk.reports.data.model import (
    RANK_AMBER,
    RANK_GREEN,
    RANK_RED,
    RANK_UNASSESSED,
    RANK_WORSENING,
    DimensionRag,
    MilestoneLine,
    ProjectDetail,
    ProjectLine,
    RaidLine,
    StatusText,
    TemplateCompliance,
)
from pmodesk.reports.data.queries import CHUNK, decision_line, in_chunks
from pmodesk.services.monitoring.periods import RAG_FIELDS
from pmodesk.services.register import RegisterRow

MAX_MILESTONES = 5
MAX_RISKS = 3
MAX_ISSUES = 2
MAX_DECIDED = 2


def reports_by_period(
    session: Session, ids: Sequence[uuid.UUID], periods: Iterable[str]
) -> dict[str, dict[uuid.UUID, StatusReport]]:
    """The live status reports of ``ids`` in ``periods``: period -> project id -> report."""
    wanted = list(dict.fromkeys(periods))
    found: dict[str, dict[uuid.UUID, StatusReport]] = {p: {} for p in wanted}
    for report in in_chunks(
        session,
        StatusReport,
        StatusReport.project_id,
        ids,
        col(StatusReport.period).in_(wanted),
        col(StatusReport.archived_at).is_(None),
    ):
        found[report.period][report.project_id] = report
    return found


@dataclass(frozen=True, slots=True)
class PeriodContext:
    """The period a pack reports on: its name, the one before, and the date figures are taken at."""

    period: str
    previous: str
    as_of: date
    #: True when the period is the current one (or later): the register's RAG stands in for a missing report.
    is_current: bool
    period_label: str


def _dimensions(
    report: StatusReport | None, previous: StatusReport | None, row: RegisterRow, use_row: bool
) -> tuple[DimensionRag, ...]:
    found = []
    for dimension, name in RAG_FIELDS:
        now: Rag | None = getattr(report, name) if report else None
        if report is None and use_row:
            now = getattr(row, name)
        before: Rag | None = getattr(previous, name) if previous else None
        found.append(DimensionRag(dimension, before, now, rag_trend(before, now)))
    return tuple(found)


def _milestone_line(m: Milestone, as_of: date) -> MilestoneLine:
    reached = m.actual_date or m.forecast_date
    variance = (reached - m.baseline_date).days if reached and m.baseline_date else None
    expected = m.forecast_date or m.baseline_date
    overdue = (
        (as_of - expected).days if m.actual_date is None and expected and expected < as_of else 0
    )
    return MilestoneLine(
        m.code,
        m.name,
        m.baseline_date,
        m.forecast_date,
        m.actual_date,
        m.is_gate,
        variance,
        overdue,
    )


def _raid_line(item: RaidItem, row: RegisterRow | None = None) -> RaidLine:
    try:
        score = risk_score(item.probability, item.impact)
    except DomainError:  # a stray imported figure off the 1–5 scale
        score = None
    return RaidLine(
        item.code,
        item.kind.value,
        item.title,
        item.owner,
        item.status.value.replace("_", " "),
        item.probability,
        item.impact,
        score,
        item.due_date,
        item.response,
        row.code if row else "",
        row.name if row else "",
    )


def _reasons(
    line_rag: Rag | None,
    previous: Rag | None,
    trend: int,
    dims: tuple[DimensionRag, ...],
    milestones: list[MilestoneLine],
    pending: list[Decision],
    as_of: date,
    reported: bool,
    context: PeriodContext,
) -> tuple[list[str], bool]:
    """Why the board should look at a project, most serious first; and whether a gate is overdue."""
    reasons: list[str] = []
    red_dims = [d.dimension for d in dims[1:] if d.current is Rag.RED]
    if line_rag is Rag.RED:
        was = f", was {previous.label}" if previous and previous != Rag.RED else ""
        on = f" on {', '.join(red_dims)}" if red_dims else " overall"
        reasons.append(f"Red{on}{was}")
    elif trend < 0 and previous is not None and line_rag is not None:
        reasons.append(f"Worsened from {previous.label} to {line_rag.label}")
    elif red_dims:
        reasons.append("Red on " + ", ".join(red_dims))
    gates = [m for m in milestones if m.is_gate and m.overdue_days > 0]
    for gate in gates[:1]:
        name = gate.name if gate.name.casefold().startswith("gate") else f"Gate '{gate.name}'"
        reasons.append(f"{name} overdue by {gate.overdue_days} days")
    late = [m for m in milestones if not m.is_gate and m.overdue_days > 0]
    if late:
        reasons.append(f"{len(late)} milestone{'s' if len(late) > 1 else ''} overdue")
    if pending:
        overdue = sum(1 for d in pending if d.due_date is not None and d.due_date < as_of)
        text = f"{len(pending)} decision{'s' if len(pending) > 1 else ''} pending"
        reasons.append(text + (f" ({overdue} overdue)" if overdue else ""))
    if not reported:
        reasons.append(f"No status report for {context.period_label}")
    return reasons, bool(gates)


def _rank(rag: Rag | None, trend: int, gate_overdue: bool) -> int:
    if rag is Rag.RED:
        return RANK_RED
    if trend < 0 or gate_overdue:
        return RANK_WORSENING
    if rag is Rag.AMBER:
        return RANK_AMBER
    return RANK_UNASSESSED if rag is None else RANK_GREEN


def _grouped[T](items: Iterable[T], key: str) -> dict[uuid.UUID, list[T]]:
    groups: dict[uuid.UUID, list[T]] = defaultdict(list)
    for item in items:
        groups[getattr(item, key)].append(item)
    return groups


def project_details(
    session: Session,
    rows: Sequence[RegisterRow],
    context: PeriodContext,
    reports: dict[str, dict[uuid.UUID, StatusReport]],
    templates: Mapping[uuid.UUID, TemplateCompliance] | None = None,
) -> list[ProjectDetail]:
    """The page of every project in ``rows`` (in the order given).

    ``templates`` is each project's template compliance, gathered for the whole
    scope beforehand (see :func:`~pmodesk.reports.data.governance.template_compliance`).
    """
    ids = [r.id for r in rows]
    current = reports.get(context.period, {})
    earlier = reports.get(context.previous, {})
    milestones = _grouped(
        in_chunks(
            session,
            Milestone,
            Milestone.project_id,
            ids,
            col(Milestone.archived_at).is_(None),
        ),
        "project_id",
    )
    raid = _grouped(
        in_chunks(
            session,
            RaidItem,
            RaidItem.project_id,
            ids,
            col(RaidItem.archived_at).is_(None),
            RaidItem.status != RaidStatus.CLOSED,
            col(RaidItem.kind).in_([RaidKind.RISK, RaidKind.ISSUE]),
        ),
        "project_id",
    )
    decisions = _grouped(
        in_chunks(session, Decision, Decision.project_id, ids, col(Decision.archived_at).is_(None)),
        "project_id",
    )
    compliance = checklist_compliance(session, {r.id: r for r in rows})
    descriptions = _descriptions(session, ids)
    return [
        _detail(
            row,
            descriptions.get(row.id, ""),
            context,
            current.get(row.id),
            earlier.get(row.id),
            milestones.get(row.id, []),
            raid.get(row.id, []),
            decisions.get(row.id, []),
            compliance,
            (templates or {}).get(row.id),
        )
        for row in rows
    ]


def _detail(
    row: RegisterRow,
    description: str,
    context: PeriodContext,
    report: StatusReport | None,
    previous: StatusReport | None,
    milestones: list[Milestone],
    raid: list[RaidItem],
    decisions: list[Decision],
    compliance: dict[uuid.UUID, Any],
    template: TemplateCompliance | None = None,
) -> ProjectDetail:
    as_of = context.as_of
    use_row = report is None and context.is_current
    dims = _dimensions(report, previous, row, use_row)
    rag, before, trend = dims[0].current, dims[0].previous, dims[0].trend
    actual = report.actual_cost if report and report.actual_cost is not None else row.actual_cost
    forecast = (
        report.forecast_cost if report and report.forecast_cost is not None else row.forecast_cost
    )
    percent = (
        report.percent_complete
        if report and report.percent_complete is not None
        else row.percent_complete
    )
    finish = (
        report.forecast_finish
        if report and report.forecast_finish is not None
        else row.forecast_finish
    )
    slip = (finish - row.planned_finish).days if finish and row.planned_finish else None
    evm = earned_value(
        budget=row.budget,
        percent_complete=percent,
        actual_cost=actual,
        planned_start=row.planned_start,
        planned_finish=row.planned_finish,
        as_of=as_of,
    )
    lines = [_milestone_line(m, as_of) for m in milestones]
    # Open milestones by date first, then those reached, the latest first.
    marks = sorted(
        (m for m in lines if m.actual is None),
        key=lambda m: (m.forecast or m.baseline or date.max, m.code),
    ) + sorted(
        (m for m in lines if m.actual is not None),
        key=lambda m: (m.actual or date.min, m.code),
        reverse=True,
    )
    pending = sorted(
        (d for d in decisions if d.status is DecisionStatus.PENDING),
        key=lambda d: (d.due_date or date.max, d.code),
    )
    decided = sorted(
        (d for d in decisions if d.status is not DecisionStatus.PENDING),
        key=lambda d: (d.decided_on or date.min, d.code),
        reverse=True,
    )[:MAX_DECIDED]
    reasons, gate_overdue = _reasons(
        rag, before, trend, dims, marks, pending, as_of, report is not None, context
    )
    risks = sorted(
        (_raid_line(i) for i in raid if i.kind is RaidKind.RISK),
        key=lambda r: (-(r.score or 0), r.code),
    )
    issues = sorted(
        (_raid_line(i) for i in raid if i.kind is RaidKind.ISSUE),
        key=lambda r: (r.due_date or date.max, r.code),
    )
    line = ProjectLine(
        id=row.id,
        code=row.code,
        name=row.name,
        portfolio_code=row.portfolio_code,
        portfolio_name=row.portfolio_name,
        programme_code=row.programme_code,
        programme_name=row.programme_name,
        stage_name=row.stage_name,
        stage_position=row.stage_position,
        state=row.state,
        manager=row.manager,
        sponsor=row.sponsor,
        rag=rag,
        previous_rag=before,
        trend=trend,
        reported=report is not None,
        dimensions=dims,
        budget=row.budget,
        actual_cost=actual,
        forecast_cost=forecast,
        percent_complete=percent,
        planned_finish=row.planned_finish,
        forecast_finish=finish,
        slip_days=slip,
        evm=evm,
        rank=_rank(rag, trend, gate_overdue),
        reasons=tuple(reasons),
    )
    status = None
    if report is not None:
        status = StatusText(
            report.summary,
            report.achievements,
            report.next_steps,
            report.submitted_by,
            report.submitted_at.date() if report.submitted_at else None,
        )
    return ProjectDetail(
        line=line,
        description=description,
        department=row.department,
        priority_score=row.priority_score,
        planned_start=row.planned_start,
        forecast_start=row.forecast_start,
        status=status,
        milestones=tuple(marks[:MAX_MILESTONES]),
        milestones_more=max(0, len(marks) - MAX_MILESTONES),
        risks=tuple(risks[:MAX_RISKS]),
        issues=tuple(issues[:MAX_ISSUES]),
        decisions=tuple(decision_line(d, row) for d in [*pending, *decided]),
        compliance=compliance.get(row.id),
        template=template,
    )


def _descriptions(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each project's description (the register's rows leave it out)."""
    found: dict[uuid.UUID, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        statement = sa_select(col(Project.id), col(Project.description)).where(
            col(Project.id).in_(chunk)
        )
        found.update({pid: text or "" for pid, text in session.execute(statement)})
    return found
