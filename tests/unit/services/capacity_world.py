"""A small resource pool with hand-checkable figures, shared by the capacity tests.

Three weeks from Monday 22 September 2025 (the week of 29 September straddles
September and October: Mon 29 and Tue 30 in September, Wed 1 – Fri 3 in
October).

People (capacity per week):

* Ann Archer — Platform, Developer, 37.5 h, calendar UK; UK holiday on
  Wednesday 8 October 2025: week of 6 Oct = 37.5 − 7.5 = 30 h.
* Ben Baker — Platform, Analyst, 37.5 × 0.6 = 22.5 h, calendar UK; week of
  6 Oct = 22.5 − 4.5 = 18 h.
* Cat Cole — Data, Developer, 37.5 h, calendar DE; a week of leave from
  29 Sep (37.5 h): capacity 0 that week.

Allocations (hours): Ann on PRJ-ACT 30/30/30 and on the on-hold PRJ-HOLD 10 in
week 1 (released); Ben on PRJ-ACT 22.5 in week 1 and 9 in week 3; Cat on
PRJ-ACT 10 in week 2 (her leave week) and on the cancelled PRJ-CXL 5 in
week 1 (released); an unnamed Analyst on PRJ-ACT 20 in week 3. PRJ-OTHER (in
another portfolio) has nothing yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from pmodesk.domain import (
    CapacityException,
    Person,
    Portfolio,
    Project,
    PublicHoliday,
    Role,
    Team,
)
from pmodesk.services import capacity, records

W1, W2, W3 = date(2025, 9, 22), date(2025, 9, 29), date(2025, 10, 6)
WEEKS = [W1, W2, W3]


@dataclass
class Plan:
    platform: Team
    data: Team
    developer: Role
    analyst: Role
    ann: Person
    ben: Person
    cat: Person
    portfolio: Portfolio
    other_portfolio: Portfolio
    active: Project
    on_hold: Project
    cancelled: Project
    other: Project


def build_plan(session: Session) -> Plan:
    create = records.create
    platform = create(session, Team, {"code": "TEAM-P", "name": "Platform"})
    data = create(session, Team, {"code": "TEAM-D", "name": "Data"})
    developer = create(session, Role, {"code": "ROLE-DEV", "name": "Developer"})
    analyst = create(session, Role, {"code": "ROLE-BA", "name": "Analyst"})
    ann = create(
        session,
        Person,
        {
            "code": "EMP-1",
            "name": "Ann Archer",
            "team_id": platform.id,
            "role_id": developer.id,
            "calendar": "UK",
        },
    )
    ben = create(
        session,
        Person,
        {
            "code": "EMP-2",
            "name": "Ben Baker",
            "team_id": platform.id,
            "role_id": analyst.id,
            "part_time_factor": 0.6,
            "calendar": "UK",
        },
    )
    cat = create(
        session,
        Person,
        {
            "code": "EMP-3",
            "name": "Cat Cole",
            "team_id": data.id,
            "role_id": developer.id,
            "calendar": "DE",
        },
    )
    portfolio = create(session, Portfolio, {"code": "PF-1", "name": "Change"})
    other_portfolio = create(session, Portfolio, {"code": "PF-2", "name": "Run"})
    active = create(
        session,
        Project,
        {"code": "PRJ-ACT", "name": "Active project", "portfolio_id": portfolio.id},
    )
    on_hold = create(
        session,
        Project,
        {
            "code": "PRJ-HOLD",
            "name": "Paused project",
            "portfolio_id": portfolio.id,
            "state": "on_hold",
        },
    )
    cancelled = create(
        session,
        Project,
        {
            "code": "PRJ-CXL",
            "name": "Stopped project",
            "portfolio_id": portfolio.id,
            "state": "cancelled",
        },
    )
    other = create(
        session,
        Project,
        {"code": "PRJ-OTHER", "name": "Other project", "portfolio_id": other_portfolio.id},
    )
    create(session, PublicHoliday, {"calendar": "UK", "day": date(2025, 10, 8), "name": "Test"})
    create(
        session,
        PublicHoliday,
        {"calendar": "UK", "day": date(2025, 9, 27), "name": "A Saturday"},
    )
    create(
        session,
        CapacityException,
        {"person_id": cat.id, "week_start": W2, "kind": "leave", "hours_unavailable": 37.5},
    )
    capacity.allocate(session, project_id=active.id, person_id=ann.id, weeks=WEEKS, hours=30)
    capacity.allocate(session, project_id=on_hold.id, person_id=ann.id, weeks=[W1], hours=10)
    capacity.allocate(session, project_id=active.id, person_id=ben.id, weeks=[W1], hours=22.5)
    capacity.allocate(session, project_id=active.id, person_id=ben.id, weeks=[W3], hours=9)
    capacity.allocate(session, project_id=active.id, person_id=cat.id, weeks=[W2], hours=10)
    capacity.allocate(session, project_id=cancelled.id, person_id=cat.id, weeks=[W1], hours=5)
    capacity.allocate(session, project_id=active.id, role_id=analyst.id, weeks=[W3], hours=20)
    return Plan(
        platform,
        data,
        developer,
        analyst,
        ann,
        ben,
        cat,
        portfolio,
        other_portfolio,
        active,
        on_hold,
        cancelled,
        other,
    )
