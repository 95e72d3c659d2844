"""The domain: SQLModel tables and the rules that need no I/O.

Importing this package registers every table on ``SQLModel.metadata``; the
store's migrations and the services rely on that.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from pmodesk.domain.audit import AuditEvent, WorkspaceSetting
from pmodesk.domain.base import CodedRecord, PortfolioRecord, Record, utcnow
from pmodesk.domain.lifecycle import GateChecklistItem, ProjectChecklistItem, Stage
from pmodesk.domain.monitoring import Benefit, Lesson, StatusReport
from pmodesk.domain.portfolio import (
    Portfolio,
    Programme,
    Project,
    ProjectDependency,
    ProjectObjective,
    StrategicObjective,
)
from pmodesk.domain.raid import Decision, RaidItem
from pmodesk.domain.resources import Allocation, CapacityException, Person, Role, Team
from pmodesk.domain.schedule import Milestone
from pmodesk.domain.templates import Template

metadata = SQLModel.metadata

#: Every table, keyed by the name people and scripts use for the record kind.
RECORD_KINDS: dict[str, type[Record]] = {
    "portfolios": Portfolio,
    "programmes": Programme,
    "strategic_objectives": StrategicObjective,
    "projects": Project,
    "project_objectives": ProjectObjective,
    "project_dependencies": ProjectDependency,
    "stages": Stage,
    "gate_checklist_items": GateChecklistItem,
    "project_checklist_items": ProjectChecklistItem,
    "milestones": Milestone,
    "teams": Team,
    "roles": Role,
    "people": Person,
    "capacity_exceptions": CapacityException,
    "allocations": Allocation,
    "raid_items": RaidItem,
    "decisions": Decision,
    "status_reports": StatusReport,
    "benefits": Benefit,
    "lessons": Lesson,
    "templates": Template,
    "audit_events": AuditEvent,
    "workspace_settings": WorkspaceSetting,
}

__all__ = [
    "RECORD_KINDS",
    "Allocation",
    "AuditEvent",
    "Benefit",
    "CapacityException",
    "CodedRecord",
    "Decision",
    "GateChecklistItem",
    "Lesson",
    "Milestone",
    "Person",
    "Portfolio",
    "PortfolioRecord",
    "Programme",
    "Project",
    "ProjectChecklistItem",
    "ProjectDependency",
    "ProjectObjective",
    "RaidItem",
    "Record",
    "Role",
    "Stage",
    "StatusReport",
    "StrategicObjective",
    "Team",
    "Template",
    "WorkspaceSetting",
    "metadata",
    "utcnow",
]
