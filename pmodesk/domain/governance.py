"""Prioritisation: the PMO's weighted scoring model and each project's scores.

A criterion is scored on its own scale (``scale_min``..``scale_max``). Criteria
where a high score is bad (cost, risk, resource need) set ``higher_is_better``
to False and are inverted before weighting. A criterion may be tied to a
strategic objective ("strategic fit per objective").
"""

from __future__ import annotations

import uuid

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, PortfolioRecord


class ScoringCriterion(CodedRecord, table=True):
    __tablename__ = "scoring_criterion"

    name: str = Field(max_length=200)
    description: str = ""
    weight: float = 1.0
    scale_min: int = 1
    scale_max: int = 5
    higher_is_better: bool = True
    objective_id: uuid.UUID | None = Field(default=None, foreign_key="strategic_objective.id")
    position: int = 0


class ProjectScore(PortfolioRecord, table=True):
    """A project's score on one criterion, with the reasoning behind it."""

    __tablename__ = "project_score"
    __table_args__ = (UniqueConstraint("project_id", "criterion_id"),)

    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    criterion_id: uuid.UUID = Field(foreign_key="scoring_criterion.id", index=True)
    score: int
    note: str = ""
