"""What an instantiation made, and undoing it: every record, in the order it was made."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from pmodesk.domain import (
    Allocation,
    Milestone,
    Project,
    ProjectChecklistItem,
    ProjectDocument,
    RaidItem,
    Record,
)
from pmodesk.services import records

#: The tables an instantiation writes, by table name (for undo and for counting).
MODELS: dict[str, type[Record]] = {
    str(m.__tablename__): m
    for m in (Project, Milestone, ProjectChecklistItem, RaidItem, Allocation, ProjectDocument)
}


@dataclass
class Instantiation:
    """What creating or applying a template made: every record, in the order it was made."""

    project_id: uuid.UUID
    template_code: str
    template_version: int
    created: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    #: Things the template asked for that the workspace could not give (a role it lacks …).
    notes: list[str] = field(default_factory=list)

    def count(self, table: str) -> int:
        return sum(1 for t, _ in self.created if t == table)

    @property
    def ids(self) -> list[uuid.UUID]:
        return [record_id for _, record_id in self.created]

    @property
    def summary(self) -> str:
        parts = [
            f"{n} {label}"
            for table, label in (
                ("milestone", "milestones"),
                ("project_checklist_item", "checklist items"),
                ("raid_item", "RAID entries"),
                ("allocation", "weekly role demands"),
                ("project_document", "documents"),
            )
            if (n := self.count(table))
        ]
        return ", ".join(parts) if parts else "nothing new"


class IdSupply:
    """Hands out the ids of an earlier run (redo after undo), so later edits still apply."""

    def __init__(self, reuse: Sequence[uuid.UUID] | None) -> None:
        self._reuse: Iterator[uuid.UUID] = iter(reuse or ())

    def next(self) -> uuid.UUID | None:
        return next(self._reuse, None)


def undo_instantiation(session: Session, created: Sequence[tuple[str, uuid.UUID]]) -> None:
    """Remove what an instantiation made, newest first (nothing else refers to it yet)."""
    for table, record_id in reversed(list(created)):
        record = session.get(MODELS[table], record_id)
        if record is not None:
            records.delete_created(session, record)
