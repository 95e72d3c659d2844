"""The domain: SQLModel tables and the rules that need no I/O.

The tables load on first use (PEP 562), so that ``pmodesk.domain.enums``,
``.rules`` and ``.errors`` can be imported without SQLModel: the window uses
them to show data before the database stack has loaded. Asking for
``metadata`` or ``RECORD_KINDS`` loads every table (the migrations rely on it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import MetaData

    from pmodesk.domain.audit import AuditEvent, WorkspaceSetting
    from pmodesk.domain.base import CodedRecord, PortfolioRecord, Record, utcnow
    from pmodesk.domain.capacity import (
        Certification,
        PersonSkill,
        PublicHoliday,
        Scenario,
        ScenarioShift,
        Skill,
        TrainingRecord,
    )
    from pmodesk.domain.governance import ProjectScore, ScoringCriterion
    from pmodesk.domain.lifecycle import GateChecklistItem, ProjectChecklistItem, Stage
    from pmodesk.domain.monitoring import (
        Benefit,
        BenefitMeasurement,
        Lesson,
        ProjectBaseline,
        StatusReport,
    )
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
    from pmodesk.domain.templates import ProjectDocument, Template

    metadata: MetaData
    RECORD_KINDS: dict[str, type[Record]]

#: Where each public name lives.
_HOMES: dict[str, str] = {
    "AuditEvent": "audit",
    "WorkspaceSetting": "audit",
    "CodedRecord": "base",
    "PortfolioRecord": "base",
    "Record": "base",
    "utcnow": "base",
    "Certification": "capacity",
    "PersonSkill": "capacity",
    "PublicHoliday": "capacity",
    "Scenario": "capacity",
    "ScenarioShift": "capacity",
    "Skill": "capacity",
    "TrainingRecord": "capacity",
    "ProjectScore": "governance",
    "ScoringCriterion": "governance",
    "GateChecklistItem": "lifecycle",
    "ProjectChecklistItem": "lifecycle",
    "Stage": "lifecycle",
    "Benefit": "monitoring",
    "Lesson": "monitoring",
    "BenefitMeasurement": "monitoring",
    "ProjectBaseline": "monitoring",
    "StatusReport": "monitoring",
    "Portfolio": "portfolio",
    "Programme": "portfolio",
    "Project": "portfolio",
    "ProjectDependency": "portfolio",
    "ProjectObjective": "portfolio",
    "StrategicObjective": "portfolio",
    "Decision": "raid",
    "RaidItem": "raid",
    "Allocation": "resources",
    "CapacityException": "resources",
    "Person": "resources",
    "Role": "resources",
    "Team": "resources",
    "Milestone": "schedule",
    "Template": "templates",
    "ProjectDocument": "templates",
}

#: Every table, keyed by the name people and scripts use for the record kind.
_KIND_NAMES: dict[str, str] = {
    "portfolios": "Portfolio",
    "programmes": "Programme",
    "strategic_objectives": "StrategicObjective",
    "projects": "Project",
    "project_objectives": "ProjectObjective",
    "project_dependencies": "ProjectDependency",
    "stages": "Stage",
    "gate_checklist_items": "GateChecklistItem",
    "project_checklist_items": "ProjectChecklistItem",
    "milestones": "Milestone",
    "teams": "Team",
    "roles": "Role",
    "people": "Person",
    "capacity_exceptions": "CapacityException",
    "allocations": "Allocation",
    "raid_items": "RaidItem",
    "decisions": "Decision",
    "status_reports": "StatusReport",
    "benefits": "Benefit",
    "lessons": "Lesson",
    "benefit_measurements": "BenefitMeasurement",
    "project_baselines": "ProjectBaseline",
    "templates": "Template",
    "project_documents": "ProjectDocument",
    "scoring_criteria": "ScoringCriterion",
    "project_scores": "ProjectScore",
    "skills": "Skill",
    "person_skills": "PersonSkill",
    "certifications": "Certification",
    "training_records": "TrainingRecord",
    "public_holidays": "PublicHoliday",
    "scenarios": "Scenario",
    "scenario_shifts": "ScenarioShift",
    "audit_events": "AuditEvent",
    "workspace_settings": "WorkspaceSetting",
}


def _load_tables() -> None:
    """Import every table module at once: foreign keys between tables must all resolve."""
    for home in sorted(set(_HOMES.values())):
        module = importlib.import_module(f"pmodesk.domain.{home}")
        for name, where in _HOMES.items():
            if where == home:
                globals()[name] = getattr(module, name)
    from sqlmodel import SQLModel

    globals()["metadata"] = SQLModel.metadata
    globals()["RECORD_KINDS"] = {kind: globals()[table] for kind, table in _KIND_NAMES.items()}


def __getattr__(name: str) -> Any:
    if name in _HOMES or name in ("metadata", "RECORD_KINDS"):
        _load_tables()
        return globals()[name]
    raise AttributeError(f"module 'pmodesk.domain' has no attribute {name!r}")


__all__ = [
    "RECORD_KINDS",
    "Allocation",
    "AuditEvent",
    "Benefit",
    "BenefitMeasurement",
    "CapacityException",
    "Certification",
    "CodedRecord",
    "Decision",
    "GateChecklistItem",
    "Lesson",
    "Milestone",
    "Person",
    "PersonSkill",
    "Portfolio",
    "PortfolioRecord",
    "Programme",
    "Project",
    "ProjectBaseline",
    "ProjectChecklistItem",
    "ProjectDependency",
    "ProjectDocument",
    "ProjectObjective",
    "ProjectScore",
    "PublicHoliday",
    "RaidItem",
    "Record",
    "Role",
    "Scenario",
    "ScenarioShift",
    "ScoringCriterion",
    "Skill",
    "Stage",
    "StatusReport",
    "StrategicObjective",
    "Team",
    "Template",
    "TrainingRecord",
    "WorkspaceSetting",
    "metadata",
    "utcnow",
]
