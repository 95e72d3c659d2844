"""Portfolio structure: portfolios, programmes, projects, strategic objectives.

A project belongs to at most one programme and one portfolio (a programme's
projects sit in its portfolio; a stand-alone project names its portfolio
directly).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, PortfolioRecord, Record, enum_field
from pmodesk.domain.enums import ProjectState, Rag


class Portfolio(CodedRecord, table=True):
    name: str = Field(max_length=200)
    description: str = ""
    owner: str = Field(default="", max_length=200)


class Programme(CodedRecord, table=True):
    name: str = Field(max_length=200)
    description: str = ""
    portfolio_id: uuid.UUID | None = Field(default=None, foreign_key="portfolio.id", index=True)
    sponsor: str = Field(default="", max_length=200)
    manager: str = Field(default="", max_length=200)


class StrategicObjective(CodedRecord, table=True):
    __tablename__ = "strategic_objective"

    name: str = Field(max_length=200)
    description: str = ""
    weight: float = 1.0


class Project(CodedRecord, table=True):
    name: str = Field(max_length=200)
    description: str = ""
    sponsor: str = Field(default="", max_length=200)
    manager: str = Field(default="", max_length=200, index=True)
    department: str = Field(default="", max_length=200)
    portfolio_id: uuid.UUID | None = Field(default=None, foreign_key="portfolio.id", index=True)
    programme_id: uuid.UUID | None = Field(default=None, foreign_key="programme.id", index=True)
    stage_id: uuid.UUID | None = Field(default=None, foreign_key="stage.id", index=True)
    state: ProjectState = enum_field(ProjectState, ProjectState.ACTIVE)

    rag_overall: Rag | None = enum_field(Rag, nullable=True)
    rag_schedule: Rag | None = enum_field(Rag, nullable=True)
    rag_cost: Rag | None = enum_field(Rag, nullable=True)
    rag_scope: Rag | None = enum_field(Rag, nullable=True)
    rag_resources: Rag | None = enum_field(Rag, nullable=True)

    planned_start: date | None = None
    planned_finish: date | None = None
    forecast_start: date | None = None
    forecast_finish: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None

    budget: float | None = None
    actual_cost: float | None = None
    forecast_cost: float | None = None
    percent_complete: float | None = None
    priority_score: float | None = None
    tags: str = Field(default="", max_length=500)
    #: From the intake form: the benefits the sponsor expects (free text).
    expected_benefits: str = ""

    # Which template (and which published version of it) the project was created from.
    template_code: str | None = Field(default=None, max_length=40)
    template_version: int | None = None

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class ProjectObjective(Record, table=True):
    """How strongly a project contributes to a strategic objective (0–5)."""

    __tablename__ = "project_objective"
    __table_args__ = (UniqueConstraint("project_id", "objective_id"),)

    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    objective_id: uuid.UUID = Field(foreign_key="strategic_objective.id", index=True)
    contribution: int = 3


class ProjectDependency(PortfolioRecord, table=True):
    """The successor project needs something the predecessor delivers."""

    __tablename__ = "project_dependency"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id", "milestone_id"),)

    predecessor_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    successor_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    milestone_id: uuid.UUID | None = Field(default=None, foreign_key="milestone.id")
    description: str = ""
