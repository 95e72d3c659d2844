"""Portfolio-wide figures: the executive summary, the RAG trend, money by programme, top risks."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from pmodesk.domain import StatusReport
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.reports.data.model import (
    RANK_WORSENING,
    DecisionLine,
    PeriodRag,
    ProgrammeMoney,
    ProjectLine,
    RagCount,
    RaidLine,
    StageRow,
    Summary,
)
from pmodesk.services.monitoring.risk import open_risks
from pmodesk.services.register import RegisterRow

MAX_ATTENTION = 12
MAX_TOP_RISKS = 12
NO_STAGE = "No stage"
NO_PROGRAMME = "No programme"
RAG_ORDER: tuple[Rag | None, ...] = (Rag.RED, Rag.AMBER, Rag.GREEN, None)


def needs_attention(line: ProjectLine) -> bool:
    """Red, worsening, a gate overdue or a decision pending: the board looks at these first."""
    return line.rank <= RANK_WORSENING or any("decision" in r for r in line.reasons)


def attention_order(line: ProjectLine) -> tuple[int, int, str]:
    return (line.rank, -len(line.reasons), line.code)


def summary(
    lines: Sequence[ProjectLine],
    all_rows: Sequence[RegisterRow],
    decisions: Sequence[DecisionLine],
    as_of: date,
) -> Summary:
    """The executive summary: counts by stage, state and RAG, money, and who needs attention."""
    stages: dict[tuple[int, str], dict[Rag | None, int]] = {}
    for line in lines:
        key = (
            (line.stage_position if line.stage_position is not None else 10_000),
            line.stage_name or NO_STAGE,
        )
        cell = stages.setdefault(key, dict.fromkeys(RAG_ORDER, 0))
        cell[line.rag] += 1
    by_stage = tuple(StageRow(name, counts) for (_pos, name), counts in sorted(stages.items()))
    by_state = tuple(
        (state.label, sum(1 for r in all_rows if r.state is state)) for state in ProjectState
    )
    by_rag = tuple(
        RagCount(
            rag,
            sum(1 for line in lines if line.rag is rag),
            sum(1 for line in lines if line.previous_rag is rag),
        )
        for rag in RAG_ORDER
    )
    attention = sorted((line for line in lines if needs_attention(line)), key=attention_order)
    return Summary(
        in_scope=len(lines),
        reported=sum(1 for line in lines if line.reported),
        by_stage=by_stage,
        by_state=by_state,
        by_rag=by_rag,
        budget=sum(line.budget or 0.0 for line in lines),
        actual=sum(line.actual_cost or 0.0 for line in lines),
        forecast=sum(line.forecast_cost or 0.0 for line in lines),
        pending_decisions=len(decisions),
        overdue_decisions=sum(
            1 for d in decisions if d.due_date is not None and d.due_date < as_of
        ),
        attention=tuple(attention[:MAX_ATTENTION]),
    )


def rag_trend(
    ids: Sequence[uuid.UUID],
    periods: Sequence[tuple[str, str]],
    reports: dict[str, dict[uuid.UUID, StatusReport]],
) -> list[PeriodRag]:
    """The overall RAG reported in each of ``periods`` (name, short label) by the scope's projects."""
    wanted = set(ids)
    trend = []
    for period, label in periods:
        found = [r for pid, r in reports.get(period, {}).items() if pid in wanted]
        counts = {rag: sum(1 for r in found if r.rag_overall is rag) for rag in Rag}
        trend.append(
            PeriodRag(
                period,
                label,
                counts[Rag.GREEN],
                counts[Rag.AMBER],
                counts[Rag.RED],
                len(wanted) - counts[Rag.GREEN] - counts[Rag.AMBER] - counts[Rag.RED],
            )
        )
    return trend


def programme_money(lines: Sequence[ProjectLine]) -> list[ProgrammeMoney]:
    """Budget, actual and forecast summed per programme (projects in none last)."""
    sums: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for line in lines:
        code = line.programme_code
        names[code] = line.programme_name or NO_PROGRAMME
        entry = sums.setdefault(code, [0.0, 0.0, 0.0])
        entry[0] += line.budget or 0.0
        entry[1] += line.actual_cost or 0.0
        entry[2] += line.forecast_cost or 0.0
    return [
        ProgrammeMoney(code, names[code], *sums[code])
        for code in sorted(sums, key=lambda c: (c == "", c))
    ]


def top_risks(
    session: Session, rows: Sequence[RegisterRow], *, portfolio_level: bool
) -> tuple[list[RaidLine], int, dict[tuple[int, int], int]]:
    """The highest-scored open risks, how many are open, and the count in each P × I cell."""
    by_id = {r.id: r for r in rows}
    ids: list[uuid.UUID | None] = list(by_id)
    if portfolio_level:
        ids.append(None)
    risks = open_risks(session, project_ids=ids)
    lines = []
    for risk in risks:
        row = by_id.get(risk.project_id) if risk.project_id else None
        score = (
            risk.probability * risk.impact
            if risk.probability is not None and risk.impact is not None
            else None
        )
        lines.append(
            RaidLine(
                risk.code,
                risk.kind.value,
                risk.title,
                risk.owner,
                risk.status.value.replace("_", " "),
                risk.probability,
                risk.impact,
                score,
                risk.due_date,
                risk.response,
                row.code if row else "",
                row.name if row else "Portfolio level",
            )
        )
    lines.sort(key=lambda r: (-(r.score or 0), r.code))
    # The matrix is counted here from the same risks; a stray figure off the 1–5 scales
    # (from an old import) is simply not on it.
    matrix = {(p, i): 0 for p in range(1, 6) for i in range(1, 6)}
    for risk in risks:
        cell = (risk.probability, risk.impact)
        if cell in matrix:
            matrix[cell] += 1
    return lines[:MAX_TOP_RISKS], len(lines), matrix
