"""RAID (risks, assumptions, issues, dependencies) and the decision log."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Field

from pmodesk.domain.base import CodedRecord, enum_field
from pmodesk.domain.enums import DecisionStatus, RaidKind, RaidStatus


class RaidItem(CodedRecord, table=True):
    """One RAID entry. ``project_id`` empty means it is held at portfolio level."""

    __tablename__ = "raid_item"

    project_id: uuid.UUID | None = Field(default=None, foreign_key="project.id", index=True)
    kind: RaidKind = enum_field(RaidKind, RaidKind.RISK)
    title: str = Field(max_length=300)
    description: str = ""
    owner: str = Field(default="", max_length=200)
    status: RaidStatus = enum_field(RaidStatus, RaidStatus.OPEN)
    probability: int | None = None
    impact: int | None = None
    response: str = ""
    actions: str = ""
    raised_on: date | None = None
    due_date: date | None = None
    closed_on: date | None = None
    escalated: bool = False


class Decision(CodedRecord, table=True):
    project_id: uuid.UUID | None = Field(default=None, foreign_key="project.id", index=True)
    title: str = Field(max_length=300)
    description: str = ""
    options: str = ""
    recommendation: str = ""
    forum: str = Field(default="", max_length=200)
    status: DecisionStatus = enum_field(DecisionStatus, DecisionStatus.PENDING)
    due_date: date | None = None
    decided_on: date | None = None
    decided_by: str = Field(default="", max_length=200)
    outcome: str = ""
    #: Set when the decision authorises a project to pass the gate into this stage
    #: (directive PMOs require one for every move).
    stage_id: uuid.UUID | None = Field(default=None, foreign_key="stage.id")
