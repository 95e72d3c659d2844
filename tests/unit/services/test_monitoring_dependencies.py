"""Dependency alerts: a predecessor's milestone that slipped or is overdue endangers the successor."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmodesk.domain import Milestone, ProjectDependency
from pmodesk.services import records
from pmodesk.services.monitoring import dependency_alerts
from tests.unit.services.portfolio_world import World, build_world

TODAY = date(2026, 3, 10)


def _depend(session: Session, world: World, milestone: Milestone | None) -> ProjectDependency:
    return records.create(
        session,
        ProjectDependency,
        {
            "predecessor_id": world.project.id,
            "successor_id": world.other_project.id,
            "milestone_id": milestone.id if milestone else None,
        },
    )


def test_slipped_milestone_names_both_ends(session: Session) -> None:
    world = build_world(session)
    records.update(
        session,
        world.milestone,
        {"baseline_date": date(2026, 4, 1), "forecast_date": date(2026, 4, 22)},
    )
    _depend(session, world, world.milestone)

    [alert] = dependency_alerts(session, TODAY)

    assert (alert.predecessor_code, alert.predecessor_name) == ("PRJ-1", "New intranet")
    assert (alert.successor_code, alert.successor_name) == ("PRJ-2", "Laptop refresh")
    assert (alert.milestone_code, alert.slip_days, alert.overdue_days) == ("MS-1", 21, 0)
    assert alert.message == (
        "Milestone MS-1 (Go live) of PRJ-1 slipped 21 days, endangering PRJ-2 (Laptop refresh)."
    )


def test_overdue_milestone_without_forecast_is_flagged(session: Session) -> None:
    world = build_world(session)
    records.update(session, world.milestone, {"baseline_date": date(2026, 3, 1)})
    _depend(session, world, world.milestone)

    [alert] = dependency_alerts(session, TODAY)

    assert alert.slip_days is None
    assert alert.overdue_days == 9


def test_no_alert_on_time_delivered_or_without_milestone(session: Session) -> None:
    world = build_world(session)
    on_plan = records.create(
        session,
        Milestone,
        {
            "code": "MS-2",
            "project_id": world.project.id,
            "name": "Pilot",
            "baseline_date": date(2026, 5, 1),
            "forecast_date": date(2026, 4, 25),
        },
    )
    delivered = records.create(
        session,
        Milestone,
        {
            "code": "MS-3",
            "project_id": world.project.id,
            "name": "Design",
            "baseline_date": date(2026, 1, 1),
            "forecast_date": date(2026, 2, 1),
            "actual_date": date(2026, 2, 3),
        },
    )
    _depend(session, world, on_plan)
    _depend(session, world, delivered)
    _depend(session, world, None)
    records.update(session, world.milestone, {"baseline_date": date(2026, 3, 1)})
    archived = _depend(session, world, world.milestone)
    records.archive(session, archived)

    assert dependency_alerts(session, TODAY) == []
