"""Dashboard KPIs: on-time milestone rate, CPI/SPI per project, projects by stage and RAG."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmodesk.domain import Milestone, Project
from pmodesk.domain.enums import Rag
from pmodesk.services import records
from pmodesk.services.monitoring import (
    cpi_spi_distribution,
    on_time_milestone_rate,
    projects_by_stage_and_rag,
)
from tests.unit.services.portfolio_world import build_world

TODAY = date(2026, 3, 10)


def _milestone(session: Session, code: str, project: Project, **values: object) -> Milestone:
    return records.create(
        session, Milestone, {"code": code, "name": code, "project_id": project.id, **values}
    )


def test_on_time_rate_counts_completed_milestones_with_a_baseline(session: Session) -> None:
    world = build_world(session)  # MS-1 has no dates: left out
    p = world.project
    _milestone(session, "M-A", p, baseline_date=date(2026, 2, 1), actual_date=date(2026, 2, 1))
    _milestone(session, "M-B", p, baseline_date=date(2026, 2, 1), actual_date=date(2026, 1, 20))
    _milestone(session, "M-C", p, baseline_date=date(2026, 2, 1), actual_date=date(2026, 2, 2))
    _milestone(session, "M-D", p, baseline_date=date(2026, 1, 1), actual_date=date(2026, 3, 1))
    _milestone(session, "M-E", p, actual_date=date(2026, 2, 1))  # no baseline
    _milestone(session, "M-F", p, baseline_date=date(2026, 2, 1))  # not completed

    assert on_time_milestone_rate(session, TODAY) == 0.5  # M-A, M-B of four


def test_on_time_rate_is_none_without_completed_baselined_milestones(session: Session) -> None:
    world = build_world(session)
    _milestone(session, "M-E", world.project, actual_date=date(2026, 2, 1))
    assert on_time_milestone_rate(session, TODAY) is None


def test_cpi_spi_per_live_project(session: Session) -> None:
    world = build_world(session)
    # Budget 100 000, half the 100-day plan elapsed, 40 % done for 50 000 spent:
    # EV 40 000, PV 50 000, CPI 0.8, SPI 0.8.
    records.update(
        session,
        world.project,
        {
            "planned_start": date(2026, 1, 1),
            "planned_finish": date(2026, 4, 11),
            "percent_complete": 40,
            "actual_cost": 50_000,
        },
    )
    figures = cpi_spi_distribution(session, date(2026, 2, 20))
    assert list(figures) == [world.project.id]  # PRJ-2 has no budget or plan
    ev = figures[world.project.id]
    assert ev.earned_value == pytest.approx(40_000)
    assert ev.planned_value == pytest.approx(50_000)
    assert ev.cpi == pytest.approx(0.8)
    assert ev.spi == pytest.approx(0.8)


def test_projects_by_stage_and_rag(session: Session) -> None:
    world = build_world(session)
    records.update(session, world.project, {"rag_overall": Rag.RED})
    third = records.create(
        session,
        Project,
        {"code": "PRJ-3", "name": "Chatbot", "stage_id": world.idea.id, "rag_overall": Rag.GREEN},
    )
    fourth = records.create(
        session,
        Project,
        {"code": "PRJ-4", "name": "Portal", "stage_id": world.delivery.id, "rag_overall": Rag.RED},
    )
    gone = records.create(session, Project, {"code": "PRJ-5", "name": "Gone"})
    records.archive(session, gone)

    cells = projects_by_stage_and_rag(session)

    assert cells == {
        ("IDEA", Rag.GREEN): [third.id],
        ("DELIVERY", Rag.RED): [world.project.id, fourth.id],
        ("", None): [world.other_project.id],
    }
    assert list(cells) == [("IDEA", Rag.GREEN), ("DELIVERY", Rag.RED), ("", None)]
