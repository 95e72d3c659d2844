"""Small helpers the pack's data gathering shares: reading rows for many projects at once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import Decision
from pmodesk.reports.data.model import DecisionLine
from pmodesk.services.register import RegisterRow

#: Ids per ``IN (...)`` list: far below every database's limit on parameters.
CHUNK = 500


def in_chunks[T](
    session: Session, model: type[T], column: Any, ids: Sequence[uuid.UUID], *where: Any
) -> list[T]:
    """Rows of ``model`` whose ``column`` is one of ``ids`` (``IN`` lists of at most 500)."""
    found: list[T] = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        statement = select(model).where(col(column).in_(chunk), *where)
        found.extend(session.exec(statement))
    return found


def decision_line(d: Decision, row: RegisterRow | None) -> DecisionLine:
    """A decision as the pack prints it, with the code and name of its project (if any)."""
    return DecisionLine(
        d.code,
        d.title,
        d.description,
        d.options,
        d.recommendation,
        d.forum,
        d.status.value,
        d.due_date,
        d.decided_on,
        d.outcome,
        row.code if row else "",
        row.name if row else "",
    )
