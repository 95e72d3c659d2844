"""The configurable lifecycle: ordered stages, each closed by a gate checklist.

A stage's checklist items are the gate a project passes to *leave* that stage
for the next one. Each project records, per item, whether it is done, waived
(with a reason) or still missing.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, PortfolioRecord, enum_field
from pmodesk.domain.enums import ChecklistStatus

DEFAULT_STAGES: tuple[tuple[str, str, str], ...] = (
    ("IDEA", "Idea", "A proposal has been logged and awaits an initial look."),
    ("ASSESS", "Assessment", "The case is being worked up: options, costs, benefits and risks."),
    ("APPROVED", "Approved", "Funding and sponsor are confirmed; the project is being mobilised."),
    ("DELIVERY", "Delivery", "The project is producing its outputs."),
    ("CLOSING", "Closing", "Outputs are handed over; lessons and benefits are being recorded."),
    ("CLOSED", "Closed", "The project is complete and archived for reference."),
)


class Stage(CodedRecord, table=True):
    name: str = Field(max_length=100)
    position: int = Field(index=True)
    description: str = ""


class GateChecklistItem(CodedRecord, table=True):
    """One item of a stage's exit gate, e.g. 'Business case signed off'."""

    __tablename__ = "gate_checklist_item"

    stage_id: uuid.UUID = Field(foreign_key="stage.id", index=True)
    text: str = Field(max_length=400)
    guidance: str = ""
    required: bool = True
    position: int = 0


class ProjectChecklistItem(PortfolioRecord, table=True):
    """A project's answer to one gate checklist item."""

    __tablename__ = "project_checklist_item"
    __table_args__ = (UniqueConstraint("project_id", "item_id"),)

    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="gate_checklist_item.id", index=True)
    status: ChecklistStatus = enum_field(ChecklistStatus, ChecklistStatus.MISSING)
    reason: str = ""
    completed_by: str = Field(default="", max_length=200)
    completed_at: datetime | None = None
