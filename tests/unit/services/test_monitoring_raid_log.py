"""The RAID log rows (score, age, overdue), the exposure trend, and reopening a closed period."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmodesk.domain import RaidItem, StatusReport
from pmodesk.domain.enums import RaidKind, RaidStatus
from pmodesk.services import records
from pmodesk.services.monitoring import close_period
from pmodesk.services.monitoring.periods import (
    frozen_report_ids,
    recent_periods,
    reopen_period,
)
from pmodesk.services.monitoring.raid_log import exposure_trend, raid_log
from tests.unit.services.portfolio_world import build_world

TODAY = date(2026, 3, 10)


def _raid(session: Session, code: str, **values: object) -> RaidItem:
    return records.create(session, RaidItem, {"code": code, "title": code, **values})


def test_log_rows_carry_score_age_and_overdue_days(session: Session) -> None:
    world = build_world(session)
    _raid(
        session,
        "I-1",
        kind=RaidKind.ISSUE,
        project_id=world.project.id,
        raised_on=date(2026, 2, 1),
        due_date=date(2026, 3, 1),
        owner="Ann",
    )
    _raid(session, "R-1", probability=4, impact=5, raised_on=date(2026, 3, 1))
    _raid(
        session,
        "R-2",
        probability=2,
        impact=2,
        status=RaidStatus.CLOSED,
        raised_on=date(2026, 1, 1),
        due_date=date(2026, 2, 1),
    )
    gone = _raid(session, "R-3")
    records.archive(session, gone)

    rows = {r.code: r for r in raid_log(session, TODAY)}

    assert sorted(rows) == ["I-1", "R-1", "R-2"]
    issue = rows["I-1"]
    assert (issue.project_code, issue.project_name, issue.owner) == ("PRJ-1", "New intranet", "Ann")
    assert (issue.overdue_days, issue.age_days, issue.score) == (9, 37, None)
    assert rows["R-1"].score == 20
    assert rows["R-1"].portfolio_level  # no project
    closed = rows["R-2"]
    assert (closed.overdue_days, closed.age_days, closed.is_open) == (0, None, False)
    assert "R-3" in {r.code for r in raid_log(session, TODAY, include_archived=True)}


def test_exposure_trend_replays_raised_and_closed_dates(session: Session) -> None:
    world = build_world(session)
    a, b = world.project.id, world.other_project.id
    _raid(session, "R-1", project_id=a, probability=4, impact=5, raised_on=date(2026, 1, 15))  # 20
    _raid(session, "R-2", project_id=b, probability=3, impact=3, raised_on=date(2026, 2, 10))  # 9
    _raid(
        session,
        "R-3",
        project_id=b,
        probability=5,
        impact=5,
        raised_on=date(2025, 12, 1),
        closed_on=date(2026, 2, 20),
        status=RaidStatus.CLOSED,
    )  # 25 until 20 February
    _raid(session, "R-4", probability=1, impact=3, raised_on=date(2026, 1, 1))  # portfolio: 3
    _raid(session, "R-5", project_id=a, probability=2, raised_on=date(2026, 1, 1))  # unscored
    _raid(
        session,
        "I-1",
        kind=RaidKind.ISSUE,
        project_id=a,
        probability=5,
        impact=5,
        raised_on=date(2026, 1, 1),
    )
    ends = [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)]

    trend = exposure_trend(session, ends)

    assert [(p.total, p.risks) for p in trend] == [(25, 1), (48, 3), (32, 3)]
    assert trend[1].project_ids == (b, a)  # 25 before 20
    assert trend[2].project_ids == (a, b)  # 20 before 9
    only_b = exposure_trend(session, ends, project_ids=[b])
    assert [p.total for p in only_b] == [25, 25, 9]


def test_reopening_a_period_unfreezes_its_reports(session: Session) -> None:
    world = build_world(session)
    first = records.create(
        session, StatusReport, {"project_id": world.project.id, "period": "2026-02"}
    )
    second = records.create(
        session, StatusReport, {"project_id": world.other_project.id, "period": "2026-02"}
    )
    close_period(session, "2026-02", today=TODAY)
    assert set(frozen_report_ids(session, "2026-02")) == {first.id, second.id}

    assert reopen_period(session, "2026-02", report_ids=[first.id]) == 1
    assert (first.frozen, second.frozen) == (False, True)
    records.update(session, first, {"summary": "Corrected"})
    assert reopen_period(session, "2026-02") == 1
    assert frozen_report_ids(session, "2026-02") == []


def test_recent_periods_newest_first() -> None:
    assert recent_periods(date(2026, 2, 14), count=3) == ["2026-02", "2026-01", "2025-12"]
    assert recent_periods(date(2026, 2, 14), months=3, count=2) == ["2026-01", "2025-10"]
