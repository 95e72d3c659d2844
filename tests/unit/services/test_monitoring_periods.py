"""Reporting periods: naming, the period view with its changes, and closing a period."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmodesk.domain import AuditEvent, Project, StatusReport
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.monitoring import (
    RagMove,
    close_period,
    period_of,
    period_status,
    previous_period,
)
from tests.unit.services.portfolio_world import build_world, count


def test_period_of_names_the_first_month_of_the_period() -> None:
    assert period_of(date(2026, 5, 17)) == "2026-05"
    assert period_of(date(2026, 5, 17), months=3) == "2026-04"
    assert period_of(date(2026, 12, 31), months=6) == "2026-07"
    assert period_of(date(2026, 1, 1), months=12) == "2026-01"
    with pytest.raises(ValidationError):
        period_of(date(2026, 5, 17), months=5)


def test_previous_period_crosses_the_year() -> None:
    assert previous_period("2026-01") == "2025-12"
    assert previous_period("2026-03") == "2026-02"
    assert previous_period("2026-01", months=3) == "2025-10"
    assert previous_period("2026-W01") == "2025-W52"
    assert previous_period("2021-W01") == "2020-W53"
    with pytest.raises(ValidationError):
        previous_period("2026-13")


def _report(session: Session, project: Project, period: str, **values: object) -> StatusReport:
    return records.create(
        session, StatusReport, {"project_id": project.id, "period": period, **values}
    )


def test_period_status_lists_reports_missing_ones_and_changes(session: Session) -> None:
    world = build_world(session)
    on_hold = records.create(
        session, Project, {"code": "PRJ-3", "name": "Paused", "state": ProjectState.ON_HOLD}
    )
    _report(
        session,
        world.project,
        "2026-02",
        rag_overall=Rag.AMBER,
        rag_schedule=Rag.GREEN,
        rag_cost=Rag.AMBER,
        forecast_finish=date(2026, 6, 30),
        forecast_cost=100_000,
    )
    _report(
        session,
        world.project,
        "2026-03",
        rag_overall=Rag.RED,
        rag_schedule=Rag.RED,
        rag_cost=Rag.GREEN,
        rag_scope=Rag.GREEN,
        forecast_finish=date(2026, 7, 14),
        forecast_cost=112_500,
    )
    _report(session, on_hold, "2026-03")

    status = period_status(session, "2026-03")

    assert status.previous_period == "2026-02"
    assert [p.code for p in status.projects] == ["PRJ-1", "PRJ-2"]  # on-hold PRJ-3 left out
    assert [p.code for p in status.not_reported] == ["PRJ-2"]
    line = status.projects[0]
    assert line.changes is not None
    assert line.changes.rag_moves == (
        RagMove("overall", Rag.AMBER, Rag.RED, -1),
        RagMove("schedule", Rag.GREEN, Rag.RED, -1),
        RagMove("cost", Rag.AMBER, Rag.GREEN, 1),
        RagMove("scope", None, Rag.GREEN, 0),
    )
    assert line.changes.finish_slip_days == 14  # 30 June → 14 July
    assert line.changes.cost_change == 12_500
    assert status.projects[1].changes is None


def test_first_report_has_no_changes_and_missing_forecasts_are_not_compared(
    session: Session,
) -> None:
    world = build_world(session)
    _report(session, world.project, "2026-03", forecast_cost=50_000)
    first = period_status(session, "2026-03").projects[0]
    assert first.previous is None
    assert first.changes is None

    _report(session, world.project, "2026-04", forecast_finish=date(2026, 9, 1))
    second = period_status(session, "2026-04").projects[0]
    assert second.changes is not None
    assert second.changes.rag_moves == ()
    assert second.changes.finish_slip_days is None
    assert second.changes.cost_change is None


def test_close_period_freezes_reports_audited_and_then_refuses_edits(session: Session) -> None:
    world = build_world(session)
    first = _report(session, world.project, "2026-03", summary="On track")
    second = _report(session, world.other_project, "2026-03")
    later = _report(session, world.project, "2026-04")
    audit_before = count(session, AuditEvent)

    assert close_period(session, "2026-03", source="test", today=date(2026, 4, 2)) == 2

    assert first.frozen
    assert second.frozen
    assert not later.frozen
    assert count(session, AuditEvent) == audit_before + 2
    assert period_status(session, "2026-03").is_closed
    assert not period_status(session, "2026-04").is_closed
    with pytest.raises(ValidationError, match="frozen"):
        records.update(session, first, {"summary": "Rewritten"})
    # Closing again freezes nothing new.
    assert close_period(session, "2026-03", today=date(2026, 4, 2)) == 0


def test_close_period_refuses_a_period_that_has_not_started(session: Session) -> None:
    world = build_world(session)
    report = _report(session, world.project, "2026-05")
    with pytest.raises(ValidationError, match="not started"):
        close_period(session, "2026-05", today=date(2026, 4, 30))
    assert not report.frozen
    assert close_period(session, "2026-05", today=date(2026, 5, 1)) == 1
