"""The fixed vocabularies of the PMO: states, RAG, RAID kinds, template states.

Values are stored as short lowercase strings (portable VARCHAR, no native
database enum) so that a workspace moves between SQLite and PostgreSQL.
"""

from __future__ import annotations

from enum import StrEnum


class ProjectState(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "active": "Active",
            "on_hold": "On hold",
            "cancelled": "Cancelled",
            "closed": "Closed",
        }[self.value]


class Rag(StrEnum):
    """Red / Amber / Green. Ordered worst-last by :attr:`severity`."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def letter(self) -> str:
        return self.value[0].upper()

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def severity(self) -> int:
        return {"green": 0, "amber": 1, "red": 2}[self.value]


class RagDimension(StrEnum):
    SCHEDULE = "schedule"
    COST = "cost"
    SCOPE = "scope"
    RESOURCES = "resources"


class RaidKind(StrEnum):
    RISK = "risk"
    ASSUMPTION = "assumption"
    ISSUE = "issue"
    DEPENDENCY = "dependency"

    @property
    def letter(self) -> str:
        return self.value[0].upper()


class RaidStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class DecisionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    DEFERRED = "deferred"


class TemplateKind(StrEnum):
    PROJECT = "project"
    GATE_CHECKLIST = "gate_checklist"
    DOCUMENT = "document"
    LIFECYCLE = "lifecycle"


class TemplateState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class ChecklistStatus(StrEnum):
    MISSING = "missing"
    DONE = "done"
    WAIVED = "waived"


class CapacityExceptionKind(StrEnum):
    LEAVE = "leave"
    HOLIDAY = "holiday"
    SECONDMENT = "secondment"
    TRAINING = "training"


class GateMode(StrEnum):
    """How strictly stage gates apply: the three kinds of PMO."""

    SUPPORTIVE = "supportive"
    CONTROLLING = "controlling"
    DIRECTIVE = "directive"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    RESTORE = "restore"
    DELETE = "delete"


class TrainingStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ScenarioStatus(StrEnum):
    DRAFT = "draft"
    COMMITTED = "committed"
    DISCARDED = "discarded"
