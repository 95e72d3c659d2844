"""The shared pool of people: teams, roles, weekly capacity and allocations.

Weeks are identified by their Monday (``week_start``). An allocation names a
person, or before someone is named only a role (a placeholder).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, PortfolioRecord, enum_field
from pmodesk.domain.enums import CapacityExceptionKind


class Team(CodedRecord, table=True):
    name: str = Field(max_length=200)
    description: str = ""
    lead: str = Field(default="", max_length=200)


class Role(CodedRecord, table=True):
    name: str = Field(max_length=200)
    description: str = ""


class Person(CodedRecord, table=True):
    name: str = Field(max_length=200, index=True)
    email: str = Field(default="", max_length=200)
    team_id: uuid.UUID | None = Field(default=None, foreign_key="team.id", index=True)
    role_id: uuid.UUID | None = Field(default=None, foreign_key="role.id", index=True)
    weekly_capacity_hours: float = 37.5
    part_time_factor: float = 1.0
    calendar: str = Field(default="default", max_length=40)
    location: str = Field(default="", max_length=100)


class CapacityException(PortfolioRecord, table=True):
    """A week in which a person has fewer hours: leave, a holiday, a secondment."""

    __tablename__ = "capacity_exception"

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    week_start: date = Field(index=True)
    kind: CapacityExceptionKind = enum_field(CapacityExceptionKind, CapacityExceptionKind.LEAVE)
    hours_unavailable: float
    note: str = ""


class Allocation(PortfolioRecord, table=True):
    # Nearly every allocation is live and in the real plan, so plain indexes on archived_at
    # and scenario_id hold one key for almost all rows: SQLite chose them for "IS NULL" and
    # read the whole table through them. A scenario's allocations are found through a
    # partial index of the few that have one.
    __table_args__ = (
        Index("ix_allocation_person_week", "person_id", "week_start"),
        Index("ix_allocation_project_week", "project_id", "week_start"),
        Index(
            "ix_allocation_scenario_id",
            "scenario_id",
            sqlite_where=text("scenario_id IS NOT NULL"),
            postgresql_where=text("scenario_id IS NOT NULL"),
        ),
    )

    archived_at: datetime | None = Field(default=None)

    person_id: uuid.UUID | None = Field(default=None, foreign_key="person.id")
    role_id: uuid.UUID | None = Field(default=None, foreign_key="role.id", index=True)
    project_id: uuid.UUID = Field(foreign_key="project.id")
    week_start: date
    hours: float
    #: When the allocation was entered as a share of the person's capacity (0–100 %).
    percent_of_capacity: float | None = None
    tentative: bool = False
    #: A tentative allocation of a what-if scenario; ``None`` for the real plan.
    scenario_id: uuid.UUID | None = Field(default=None, foreign_key="scenario.id")
    note: str = ""
