"""Monitoring records: status reports per period, benefits, lessons learned."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, PortfolioRecord, enum_field
from pmodesk.domain.enums import Rag


class StatusReport(PortfolioRecord, table=True):
    """A project's report for one period (``YYYY-MM`` by default)."""

    __tablename__ = "status_report"
    __table_args__ = (UniqueConstraint("project_id", "period"),)

    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    period: str = Field(max_length=10, index=True)
    rag_overall: Rag | None = enum_field(Rag, nullable=True)
    rag_schedule: Rag | None = enum_field(Rag, nullable=True)
    rag_cost: Rag | None = enum_field(Rag, nullable=True)
    rag_scope: Rag | None = enum_field(Rag, nullable=True)
    rag_resources: Rag | None = enum_field(Rag, nullable=True)
    summary: str = ""
    achievements: str = ""
    next_steps: str = ""
    forecast_finish: date | None = None
    forecast_cost: float | None = None
    actual_cost: float | None = None
    percent_complete: float | None = None
    submitted_by: str = Field(default="", max_length=200)
    submitted_at: datetime | None = None
    frozen: bool = False


class Benefit(CodedRecord, table=True):
    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    objective_id: uuid.UUID | None = Field(default=None, foreign_key="strategic_objective.id")
    name: str = Field(max_length=200)
    measure: str = Field(default="", max_length=200)
    unit: str = Field(default="", max_length=40)
    baseline_value: float | None = None
    target_value: float | None = None
    realised_value: float | None = None
    target_date: date | None = None
    owner: str = Field(default="", max_length=200)


class Lesson(CodedRecord, table=True):
    project_id: uuid.UUID | None = Field(default=None, foreign_key="project.id", index=True)
    title: str = Field(max_length=300)
    description: str = ""
    category: str = Field(default="", max_length=100)
    stage_code: str = Field(default="", max_length=40)
    tags: str = Field(default="", max_length=500)
    recommendation: str = ""
    template_code: str | None = Field(default=None, max_length=40)
    recorded_on: date | None = None


class BenefitMeasurement(PortfolioRecord, table=True):
    """A realised value of a benefit on a date: the benefit's history over time."""

    __tablename__ = "benefit_measurement"
    __table_args__ = (UniqueConstraint("benefit_id", "measured_on"),)

    benefit_id: uuid.UUID = Field(foreign_key="benefit.id", index=True)
    measured_on: date
    value: float
    note: str = ""


class ProjectBaseline(PortfolioRecord, table=True):
    """A baseline of a project's dates and budget, numbered from 1; one is in force at a time.

    Re-baselining adds a row with the next number and a reason and takes the
    previous one out of force, so the history of every baseline is kept.
    ``milestones`` maps milestone codes to their baseline dates (ISO text).
    """

    __tablename__ = "project_baseline"
    __table_args__ = (UniqueConstraint("project_id", "number"),)

    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    number: int = 1
    set_on: date
    set_by: str = Field(default="", max_length=200)
    reason: str = ""
    planned_start: date | None = None
    planned_finish: date | None = None
    budget: float | None = None
    milestones: dict = Field(default_factory=dict, sa_type=JSON)
    in_force: bool = True
