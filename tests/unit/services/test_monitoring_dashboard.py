"""The dashboard's figures: scope, charts with the projects behind each value, headline tiles."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmodesk.domain import Benefit, Decision, Milestone, Project, RaidItem
from pmodesk.domain.enums import ProjectState, Rag, RaidKind
from pmodesk.services import records
from pmodesk.services.monitoring.dashboard import DashboardScope, dashboard
from pmodesk.services.monitoring.dashboard_charts import month_ends, month_starts
from tests.unit.services.portfolio_world import World, build_world

TODAY = date(2026, 3, 10)


def _portfolio(session: Session) -> World:
    """PRJ-1 (PF-1 via its programme, Delivery, red) and PRJ-2 (PF-2, no stage, green)."""
    world = build_world(session)
    records.update(
        session,
        world.project,
        {
            "rag_overall": Rag.RED,
            "planned_start": date(2026, 1, 1),
            "planned_finish": date(2026, 4, 11),  # 100 days
            "percent_complete": 40,
            "actual_cost": 50_000,
            "forecast_cost": 120_000,
            "forecast_finish": date(2026, 5, 1),
        },
    )
    records.update(
        session,
        world.other_project,
        {"rag_overall": Rag.GREEN, "budget": 20_000, "forecast_cost": 18_000},
    )
    records.create(
        session, Project, {"code": "PRJ-3", "name": "Paused", "state": ProjectState.CANCELLED}
    )
    records.update(
        session,
        world.milestone,
        {"baseline_date": date(2026, 2, 1), "actual_date": date(2026, 2, 5)},
    )
    records.create(
        session,
        Milestone,
        {
            "code": "MS-2",
            "project_id": world.other_project.id,
            "name": "Order",
            "baseline_date": date(2026, 3, 5),
            "actual_date": date(2026, 3, 1),
        },
    )
    return world


def test_months_end_with_the_current_one() -> None:
    assert month_starts(TODAY, 3) == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert month_ends(TODAY, 3) == [date(2026, 1, 31), date(2026, 2, 28), TODAY]


def test_whole_portfolio_charts_keep_the_projects_behind_each_value(session: Session) -> None:
    world = _portfolio(session)
    a, b = world.project.id, world.other_project.id

    board = dashboard(session, TODAY)

    assert board.scope_label == "Whole portfolio"
    stages = board.chart("stage_rag")
    assert [(p.label, p.values) for p in stages.points] == [
        ("Delivery", (0.0, 0.0, 1.0, 0.0)),
        ("No stage", (1.0, 0.0, 0.0, 0.0)),  # the cancelled PRJ-3 is left out
    ]
    assert stages.points[0].project_ids[2] == (a,)
    assert stages.headline == "2 running · 1 red"

    on_time = board.chart("on_time")
    february, march = on_time.points[-2], on_time.points[-1]
    assert (february.label, february.values, february.project_ids) == (
        "Feb",
        (0.0, 1.0),
        ((), (a,)),
    )
    assert (march.values, march.project_ids) == ((1.0, 0.0), ((b,), ()))
    assert on_time.headline == "50% on time"

    money = board.chart("money")
    assert [(p.label, p.values) for p in money.points] == [
        ("PF-1", (100_000.0, 50_000.0, 120_000.0)),
        ("PF-2", (20_000.0, 0.0, 18_000.0)),
    ]
    assert money.points[1].project_ids == ((b,), (), (b,))
    assert money.headline == "138k of 120k (+15%)"

    # PRJ-1 at 10 February: EV 40 000, PV 40 000 (40 of 100 days), AC 50 000.
    indices = dashboard(session, date(2026, 2, 10)).chart("cpi_spi")
    assert [p.label for p in indices.points] == ["<0.8", "0.8–0.9", "0.9–1", "1–1.1", "≥1.1"]
    assert indices.points[1].project_ids == ((a,), ())  # CPI 0.8
    assert indices.points[3].project_ids == ((), (a,))  # SPI 1.0
    assert indices.headline == "median CPI 0.80 · SPI 1.00"


def test_a_programme_scope_narrows_every_figure(session: Session) -> None:
    world = _portfolio(session)
    records.create(
        session,
        Benefit,
        {
            "code": "BEN-1",
            "name": "Saving",
            "project_id": world.other_project.id,
            "objective_id": world.objective.id,
            "target_value": 100.0,
            "realised_value": 40.0,
        },
    )

    whole = dashboard(session, TODAY)
    assert [(p.label, p.values) for p in whole.chart("benefits").points] == [("OBJ-1", (40.0,))]
    scoped = dashboard(session, TODAY, DashboardScope(programme_id=world.programme.id))

    assert scoped.scope_label == "Programme PGM-1 Digital workplace"
    assert list(scoped.projects) == [world.project.id]
    assert scoped.chart("benefits").points == ()
    assert [p.label for p in scoped.chart("money").points] == ["Delivery"]  # by stage
    by_portfolio = dashboard(session, TODAY, DashboardScope(portfolio_id=world.portfolio.id))
    assert [p.label for p in by_portfolio.chart("money").points] == ["PGM-1"]


def test_tiles_count_and_drill_down(session: Session) -> None:
    world = _portfolio(session)
    a, b = world.project.id, world.other_project.id
    records.create(
        session,
        RaidItem,
        {
            "code": "I-1",
            "title": "Late supplier",
            "kind": RaidKind.ISSUE,
            "project_id": b,
            "due_date": date(2026, 3, 1),
        },
    )
    records.create(
        session,
        RaidItem,
        {"code": "R-1", "title": "Key person", "project_id": a, "probability": 3, "impact": 4},
    )
    records.create(session, Decision, {"code": "DEC-1", "title": "Go ahead?", "project_id": a})

    tiles = {t.key: t for t in dashboard(session, TODAY).tiles}

    assert (tiles["active"].value, tiles["red"].value, tiles["red"].project_ids) == ("2", "1", (a,))
    assert tiles["red"].tone == "bad"
    assert (tiles["behind"].value, tiles["behind"].project_ids) == ("1", (a,))  # 1 May vs 11 Apr
    assert (tiles["on_time"].value, tiles["on_time"].project_ids) == ("50%", (a,))
    assert (tiles["exposure"].value, tiles["exposure"].project_ids) == ("12", (a,))
    assert (tiles["overdue"].value, tiles["overdue"].project_ids) == ("1", (b,))
    assert (tiles["decisions"].value, tiles["decisions"].project_ids) == ("1", (a,))


def test_an_empty_workspace_has_empty_charts(session: Session) -> None:
    board = dashboard(session, TODAY)
    assert board.projects == {}
    assert all(chart.is_empty for chart in board.charts)
    assert {t.key: t.value for t in board.tiles}["on_time"] == "–"
