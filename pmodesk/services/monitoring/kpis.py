"""Portfolio KPIs for the dashboard: on-time milestones, CPI/SPI, projects by stage and RAG."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Milestone, Project, Stage
from pmodesk.domain.enums import Rag
from pmodesk.domain.rules import EarnedValue, earned_value

__all__ = ["cpi_spi_distribution", "on_time_milestone_rate", "projects_by_stage_and_rag"]


def _live_projects(session: Session) -> list[Project]:
    statement = (
        select(Project).where(col(Project.archived_at).is_(None)).order_by(col(Project.code))
    )
    return list(session.exec(statement))


def on_time_milestone_rate(session: Session, today: date) -> float | None:
    """Completed milestones reached on or before their baseline ÷ completed ones with a baseline.

    Completed means an actual date on or before ``today``; ``None`` when there is none.
    """
    statement = select(Milestone).where(
        col(Milestone.archived_at).is_(None),
        col(Milestone.actual_date).is_not(None),
        col(Milestone.baseline_date).is_not(None),
    )
    done = [m for m in session.exec(statement) if m.actual_date and m.actual_date <= today]
    if not done:
        return None
    on_time = sum(
        1 for m in done if m.actual_date and m.baseline_date and m.actual_date <= m.baseline_date
    )
    return on_time / len(done)


def cpi_spi_distribution(session: Session, today: date) -> dict[uuid.UUID, EarnedValue]:
    """Earned value of each live project at ``today``; projects without the figures are left out."""
    result: dict[uuid.UUID, EarnedValue] = {}
    for project in _live_projects(session):
        figures = earned_value(
            budget=project.budget,
            percent_complete=project.percent_complete,
            actual_cost=project.actual_cost,
            planned_start=project.planned_start,
            planned_finish=project.planned_finish,
            as_of=today,
        )
        if figures is not None:
            result[project.id] = figures
    return result


def projects_by_stage_and_rag(
    session: Session,
) -> dict[tuple[str, Rag | None], list[uuid.UUID]]:
    """Live projects (any state) per (stage code, overall RAG); ``""`` for no stage.

    Keys come in lifecycle order (stage position), then green, amber, red, unassessed.
    """
    stages = {s.id: s for s in session.exec(select(Stage))}
    cells: dict[tuple[str, Rag | None], list[uuid.UUID]] = {}
    for project in _live_projects(session):
        stage = stages.get(project.stage_id) if project.stage_id else None
        cells.setdefault((stage.code if stage else "", project.rag_overall), []).append(project.id)
    position = {s.code: s.position for s in stages.values()}

    def order(key: tuple[str, Rag | None]) -> tuple[int, int, str, int]:
        code, rag = key
        return (code == "", position.get(code, 0), code, rag.severity if rag else 3)

    return dict(sorted(cells.items(), key=lambda item: order(item[0])))
