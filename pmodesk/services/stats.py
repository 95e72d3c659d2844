"""How many records of each kind a workspace holds, for ``pmodesk stats`` and the window.

One ``COUNT`` query per table: the total and, for portfolio data, how many of
them are archived. Qt-free, so the GUI's status bar and the command line share it.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session

from pmodesk.domain import RECORD_KINDS, PortfolioRecord, Record


class KindCount(NamedTuple):
    """Rows of one record kind; ``archived`` is ``None`` for kinds that are never archived."""

    total: int
    archived: int | None

    @property
    def active(self) -> int:
        return self.total - (self.archived or 0)


def _count(session: Session, model: type[Record]) -> KindCount:
    table = model.__table__  # type: ignore[attr-defined]
    if issubclass(model, PortfolioRecord):
        statement = select(func.count(), func.count(table.c.archived_at)).select_from(table)
        total, archived = session.execute(statement).one()
        return KindCount(int(total), int(archived))
    total = session.execute(select(func.count()).select_from(table)).scalar_one()
    return KindCount(int(total), None)


def kind_counts(session: Session) -> dict[str, KindCount]:
    """Total and archived rows for every kind in :data:`~pmodesk.domain.RECORD_KINDS`, in its order."""
    return {kind: _count(session, model) for kind, model in RECORD_KINDS.items()}


def record_counts(session: Session) -> dict[str, int]:
    """Rows of every record kind (archived ones included), keyed by the kind's name."""
    return {kind: count.total for kind, count in kind_counts(session).items()}
