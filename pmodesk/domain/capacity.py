"""Capacity planning beyond the basic pool: skills, certifications, training,
public holidays and what-if scenarios.

A scenario holds tentative allocations (``Allocation.scenario_id``) and project
shifts; nothing in a scenario counts in the real plan until it is committed.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, PortfolioRecord, enum_field
from pmodesk.domain.enums import ScenarioStatus, TrainingStatus


class Skill(CodedRecord, table=True):
    name: str = Field(max_length=200)
    category: str = Field(default="", max_length=100)
    description: str = ""


class PersonSkill(PortfolioRecord, table=True):
    """A person's level in a skill, 1 (aware) to 5 (expert)."""

    __tablename__ = "person_skill"
    __table_args__ = (UniqueConstraint("person_id", "skill_id"),)

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    skill_id: uuid.UUID = Field(foreign_key="skill.id", index=True)
    level: int = 3


class Certification(PortfolioRecord, table=True):
    """A certificate a person holds, e.g. PMP, PRINCE2 Practitioner, a vendor certificate."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    name: str = Field(max_length=200)
    issuer: str = Field(default="", max_length=200)
    obtained_on: date | None = None
    expires_on: date | None = Field(default=None, index=True)


class TrainingRecord(PortfolioRecord, table=True):
    """A course a person took or is planned to take."""

    __tablename__ = "training_record"

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    course: str = Field(max_length=200)
    provider: str = Field(default="", max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    hours: float | None = None
    status: TrainingStatus = enum_field(TrainingStatus, TrainingStatus.PLANNED)
    note: str = ""


class PublicHoliday(PortfolioRecord, table=True):
    """A public holiday of a calendar (people name their calendar, e.g. 'UK', 'DE-BY')."""

    __tablename__ = "public_holiday"
    __table_args__ = (UniqueConstraint("calendar", "day"),)

    calendar: str = Field(default="default", max_length=40, index=True)
    day: date
    name: str = Field(max_length=200)


class Scenario(CodedRecord, table=True):
    """A what-if plan: tentative allocations and project shifts, kept apart from the real plan."""

    name: str = Field(max_length=200)
    description: str = ""
    status: ScenarioStatus = enum_field(ScenarioStatus, ScenarioStatus.DRAFT)


class ScenarioShift(PortfolioRecord, table=True):
    """In a scenario, a project's allocations move by ``weeks`` (negative = earlier)."""

    __tablename__ = "scenario_shift"
    __table_args__ = (UniqueConstraint("scenario_id", "project_id"),)

    scenario_id: uuid.UUID = Field(foreign_key="scenario.id", index=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    weeks: int = 0
