"""Milestones: the dated commitments of a project, with baseline, forecast and actual."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Field

from pmodesk.domain.base import CodedRecord


class Milestone(CodedRecord, table=True):
    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    name: str = Field(max_length=200)
    description: str = ""
    baseline_date: date | None = None
    forecast_date: date | None = None
    actual_date: date | None = None
    is_gate: bool = False
