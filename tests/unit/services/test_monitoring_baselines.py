"""Baselines: the first one from the plan, re-baselines with a reason, history, variance, slips."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmodesk.domain import AuditEvent, Milestone, Project, ProjectBaseline
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.monitoring.baselines import (
    BaselinePlan,
    baseline_history,
    baseline_in_force,
    baseline_unbaselined,
    forecast_plan,
    rebaseline,
    set_first_baseline,
    snapshot_plan,
    withdraw_baseline,
)
from pmodesk.services.monitoring.variance import milestone_slips, project_variance, variances
from tests.unit.services.portfolio_world import World, build_world, count, events

TODAY = date(2026, 3, 10)


def _planned(session: Session) -> World:
    """PRJ-1 planned 1 Jan – 30 Jun 2026 for 100 000; MS-1 at 1 Apr, MS-2 at 1 Jun."""
    world = build_world(session)
    records.update(
        session,
        world.project,
        {"planned_start": date(2026, 1, 1), "planned_finish": date(2026, 6, 30)},
    )
    records.update(session, world.milestone, {"baseline_date": date(2026, 4, 1)})
    records.create(
        session,
        Milestone,
        {
            "code": "MS-2",
            "project_id": world.project.id,
            "name": "Handover",
            "forecast_date": date(2026, 6, 1),
        },
    )
    return world


def test_first_baseline_is_taken_from_the_plan(session: Session) -> None:
    world = _planned(session)

    baseline = set_first_baseline(session, world.project.id, today=TODAY)

    assert (baseline.number, baseline.in_force, baseline.set_on) == (1, True, TODAY)
    assert baseline.set_by == "tester"
    assert (baseline.planned_start, baseline.planned_finish) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
    )
    assert baseline.budget == 100_000
    # MS-2 had only a forecast: the plan takes it, and it becomes the milestone's baseline date.
    assert baseline.milestones == {"MS-1": "2026-04-01", "MS-2": "2026-06-01"}
    ms2 = records.get_by_code(session, Milestone, "MS-2")
    assert ms2.baseline_date == date(2026, 6, 1)
    assert baseline_in_force(session, world.project.id) == baseline
    # Audited: the baseline's creation, MS-2's baseline date and a "baseline" line on the project.
    assert [e.field for e in events(session, world.project)][-1] == "baseline"
    assert events(session, baseline)[0].action == "create"


def test_first_baseline_is_refused_twice_and_without_a_plan(session: Session) -> None:
    world = _planned(session)
    set_first_baseline(session, world.project.id, today=TODAY)
    with pytest.raises(ConflictError, match="already has baseline 1"):
        set_first_baseline(session, world.project.id, today=TODAY)
    with pytest.raises(ValidationError, match="no planned dates") as refused:
        set_first_baseline(session, world.other_project.id, today=TODAY)
    assert refused.value.field == "planned_finish"


def test_rebaseline_needs_a_reason_and_keeps_the_history(session: Session) -> None:
    world = _planned(session)
    first = set_first_baseline(session, world.project.id, today=date(2026, 1, 5))
    new_plan = BaselinePlan(
        date(2026, 1, 1), date(2026, 9, 30), 130_000, {"MS-1": date(2026, 5, 15)}
    )
    audit_before = count(session, AuditEvent)

    with pytest.raises(ValidationError, match="needs a reason") as refused:
        rebaseline(session, world.project.id, new_plan, "  ", today=TODAY)
    assert refused.value.field == "reason"
    assert count(session, AuditEvent) == audit_before

    second = rebaseline(session, world.project.id, new_plan, "CR-7 approved", today=TODAY)

    assert (second.number, second.reason, second.in_force) == (2, "CR-7 approved", True)
    assert not first.in_force
    assert [b.number for b in baseline_history(session, world.project.id)] == [2, 1]
    # The baseline in force is mirrored into the project's plan and the milestone.
    assert world.project.planned_finish == date(2026, 9, 30)
    assert world.project.budget == 130_000
    assert world.milestone.baseline_date == date(2026, 5, 15)
    project_events = events(session, world.project)
    assert project_events[-1].field == "baseline"
    assert (project_events[-1].old, project_events[-1].new) == ("1", "2: CR-7 approved")


def test_rebaseline_refusals(session: Session) -> None:
    world = _planned(session)
    plan = BaselinePlan(date(2026, 1, 1), date(2026, 6, 30), 100_000, {})
    with pytest.raises(ValidationError, match="no baseline yet"):
        rebaseline(session, world.project.id, plan, "why", today=TODAY)
    first = set_first_baseline(session, world.project.id, today=TODAY)
    same = BaselinePlan.of(first)
    with pytest.raises(ValidationError, match="same as baseline 1"):
        rebaseline(session, world.project.id, same, "why", today=TODAY)
    backwards = BaselinePlan(date(2026, 7, 1), date(2026, 6, 30), 100_000, {})
    with pytest.raises(ValidationError, match="before its start") as refused:
        rebaseline(session, world.project.id, backwards, "why", today=TODAY)
    assert refused.value.field == "planned_finish"
    negative = BaselinePlan(None, date(2026, 6, 30), -1.0, {})
    with pytest.raises(ValidationError, match="zero or more"):
        rebaseline(session, world.project.id, negative, "why", today=TODAY)
    stranger = BaselinePlan(None, date(2026, 8, 30), 1.0, {"MS-99": date(2026, 5, 1)})
    with pytest.raises(ValidationError, match="MS-99 is not a live milestone"):
        rebaseline(session, world.project.id, stranger, "why", today=TODAY)
    assert [b.number for b in baseline_history(session, world.project.id)] == [1]


def test_withdraw_puts_the_previous_baseline_and_plan_back(session: Session) -> None:
    world = _planned(session)
    set_first_baseline(session, world.project.id, today=TODAY)
    before = snapshot_plan(session, world.project.id)
    plan = BaselinePlan(date(2026, 2, 1), date(2026, 12, 31), 150_000, {"MS-1": date(2026, 7, 1)})
    second = rebaseline(session, world.project.id, plan, "Scope added", today=TODAY)

    withdraw_baseline(session, second.id, restore=before)

    assert [b.number for b in baseline_history(session, world.project.id)] == [1]
    in_force = baseline_in_force(session, world.project.id)
    assert in_force is not None
    assert in_force.number == 1
    assert world.project.planned_finish == date(2026, 6, 30)
    assert world.project.budget == 100_000
    assert world.milestone.baseline_date == date(2026, 4, 1)
    assert count(session, ProjectBaseline) == 1


def test_forecast_plan_adopts_forecasts_but_keeps_delivered_milestones(session: Session) -> None:
    world = _planned(session)
    set_first_baseline(session, world.project.id, today=TODAY)
    records.update(
        session,
        world.project,
        {"forecast_finish": date(2026, 8, 31), "forecast_cost": 120_000},
    )
    records.update(
        session,
        world.milestone,
        {"forecast_date": date(2026, 4, 20), "actual_date": date(2026, 4, 22)},
    )
    ms2 = records.get_by_code(session, Milestone, "MS-2")
    records.update(session, ms2, {"forecast_date": date(2026, 7, 1)})

    plan = forecast_plan(session, world.project.id)

    assert plan.planned_finish == date(2026, 8, 31)
    assert plan.budget == 120_000
    assert plan.milestones == {"MS-1": date(2026, 4, 1), "MS-2": date(2026, 7, 1)}


def test_variance_is_measured_against_the_baseline_in_force(session: Session) -> None:
    world = _planned(session)
    set_first_baseline(session, world.project.id, today=TODAY)  # finish 30 Jun, budget 100 000
    records.update(
        session,
        world.project,
        {"forecast_finish": date(2026, 7, 20), "forecast_cost": 112_000},
    )

    first = project_variance(session, world.project.id)
    assert (first.baseline_number, first.baseline_finish) == (1, date(2026, 6, 30))
    assert first.schedule_days == 20  # 30 June → 20 July
    assert first.cost_variance == -12_000  # 12 000 over
    assert first.cost_variance_ratio == pytest.approx(-0.12)

    rebaseline(
        session,
        world.project.id,
        BaselinePlan(date(2026, 1, 1), date(2026, 7, 31), 115_000, {}),
        "Board accepted the delay",
        today=TODAY,
    )
    second = project_variance(session, world.project.id)
    assert second.baseline_number == 2
    assert second.schedule_days == -11  # 11 days ahead of the new baseline
    assert second.cost_variance == 3_000

    # A project without a baseline is measured against its plan, and says so.
    records.update(
        session,
        world.other_project,
        {"planned_finish": date(2026, 5, 1), "actual_finish": date(2026, 5, 4), "budget": 10.0},
    )
    other = next(v for v in variances(session) if v.code == "PRJ-2")
    assert not other.has_baseline
    assert other.schedule_days == 3
    assert other.cost_variance is None  # no forecast cost


def test_milestone_slip_against_the_baseline(session: Session) -> None:
    world = _planned(session)
    set_first_baseline(session, world.project.id, today=TODAY)  # MS-1 1 Apr, MS-2 1 Jun
    records.update(session, world.milestone, {"forecast_date": date(2026, 4, 15)})
    records.create(
        session,
        Milestone,
        {"code": "MS-3", "project_id": world.project.id, "name": "Late add"},
    )
    # A later edit of the milestone's own baseline date does not move the baseline in force.
    records.update(session, world.milestone, {"baseline_date": date(2026, 4, 10)})

    slips = {s.code: s for s in milestone_slips(session, TODAY)[world.project.id]}

    assert slips["MS-1"].baseline_date == date(2026, 4, 1)
    assert slips["MS-1"].slip_days == 14
    assert slips["MS-1"].slipped
    assert slips["MS-1"].status == "Slipped 14 days"
    assert slips["MS-2"].slip_days == 0
    assert slips["MS-2"].status == "On plan"
    assert not slips["MS-3"].in_baseline
    assert slips["MS-3"].status == "Not in the baseline"

    records.update(session, world.milestone, {"actual_date": date(2026, 4, 3)})
    delivered = milestone_slips(session, date(2026, 5, 1))[world.project.id][0]
    assert delivered.delivered
    assert not delivered.slipped
    assert delivered.status == "Delivered 2 days late"
    overdue = milestone_slips(session, date(2026, 6, 11))[world.project.id][1]
    assert overdue.overdue_days == 10
    assert overdue.status == "Overdue by 10 days"


def test_baseline_unbaselined_sets_first_baselines_for_planned_projects(session: Session) -> None:
    world = _planned(session)
    gone = records.create(session, Project, {"code": "PRJ-9", "name": "Archived", "budget": 5.0})
    records.archive(session, gone)

    done = baseline_unbaselined(session, today=TODAY)

    assert done == [world.project.id]  # PRJ-2 has no plan yet, PRJ-9 is archived
    assert baseline_unbaselined(session, today=TODAY) == []
