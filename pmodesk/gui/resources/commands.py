"""Undoable allocation edits made from the heatmap: each calls a capacity service and its inverse.

* :class:`SetHoursCommand` — change the hours of one allocation week;
* :class:`MoveAllocationsCommand` — shift allocations by N weeks and/or give them to someone else;
* :class:`AllocateCommand` — add allocations (tentative ones in a scenario);
* :class:`ShiftProjectCommand` — shift a project's allocations by N weeks (in a scenario).

Each broadcasts ``allocation`` through :meth:`AppContext.notify`, so the
heatmap recomputes; a service's refusal reaches the caller of
:meth:`AppContext.push` as a :class:`~pmodesk.errors.DomainError`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import col, select

from pmodesk.domain import Allocation
from pmodesk.gui.commands import ServiceCommand
from pmodesk.gui.context import AppContext
from pmodesk.services import capacity, records

TABLES = frozenset({"allocation"})


class SetHoursCommand(ServiceCommand):
    """Set the hours of one allocation week; undo puts the old hours back."""

    def __init__(self, ctx: AppContext, allocation_id: uuid.UUID, hours: float) -> None:
        super().__init__(f"Set allocation to {hours:g} h")
        self._ctx, self._id, self._new = ctx, allocation_id, float(hours)
        with ctx.session() as session:
            self._old = float(records.get(session, Allocation, allocation_id).hours)

    def _set(self, hours: float, source: str) -> None:
        with self._ctx.session() as session:
            capacity.set_week_hours(session, self._id, hours, source=source)
        self._ctx.notify(TABLES)

    def do(self) -> None:
        self._set(self._new, "")

    def undo(self) -> None:
        self._set(self._old, "undo")


_RESTORED_FIELDS = ("week_start", "person_id", "role_id", "project_id", "percent_of_capacity")


def _snapshot(ctx: AppContext, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    with ctx.session() as session:
        return {
            i: {f: getattr(records.get(session, Allocation, i), f) for f in _RESTORED_FIELDS}
            for i in ids
        }


def _put_back(ctx: AppContext, saved: dict[uuid.UUID, dict[str, Any]]) -> None:
    """Give each allocation its saved fields again (undo of a move or a reassignment)."""
    with ctx.session() as session:
        for allocation_id, values in saved.items():
            allocation = records.get(session, Allocation, allocation_id)
            records.update(session, allocation, values, source="undo")


class MoveAllocationsCommand(ServiceCommand):
    """Shift allocations by ``weeks`` and/or reassign them to ``to_person_id``.

    Undo gives every allocation moved its week, person, role and percentage
    back exactly (a role placeholder that was filled becomes unnamed again).
    """

    def __init__(
        self,
        ctx: AppContext,
        allocation_ids: Sequence[uuid.UUID],
        *,
        weeks: int = 0,
        to_person_id: uuid.UUID | None = None,
        text: str = "",
    ) -> None:
        what = []
        if weeks:
            what.append(f"by {weeks:+d} week{'s' if abs(weeks) != 1 else ''}")
        if to_person_id is not None:
            what.append("to another person")
        count = len(allocation_ids)
        noun = "allocation" if count == 1 else "allocations"
        super().__init__(text or f"Move {count} {noun} {' and '.join(what)}".strip())
        self._ctx, self._weeks, self._to = ctx, int(weeks), to_person_id
        self._ids = list(dict.fromkeys(allocation_ids))
        self._saved = _snapshot(ctx, self._ids)
        self.changed: list[uuid.UUID] = []

    def do(self) -> None:
        with self._ctx.session() as session:
            self.changed = capacity.move_allocations(
                session, self._ids, weeks=self._weeks, to_person_id=self._to
            )
        self._ctx.notify(TABLES)

    def undo(self) -> None:
        _put_back(self._ctx, {i: self._saved[i] for i in self.changed})
        self._ctx.notify(TABLES)


class AllocateCommand(ServiceCommand):
    """Allocate a person (or a role) to a project for some weeks.

    Undo removes the allocations the command created and gives the ones it
    only updated (a week already allocated) their hours back.
    """

    def __init__(
        self,
        ctx: AppContext,
        *,
        project_id: uuid.UUID,
        weeks: Sequence[date],
        hours: float,
        person_id: uuid.UUID | None = None,
        role_id: uuid.UUID | None = None,
        scenario_id: uuid.UUID | None = None,
    ) -> None:
        kind = "tentative allocation" if scenario_id is not None else "allocation"
        count = len(weeks)
        super().__init__(f"Add {kind} for {count} week{'s' if count != 1 else ''}")
        self._ctx = ctx
        self._project, self._weeks, self._hours = project_id, list(weeks), float(hours)
        self._person, self._role, self._scenario = person_id, role_id, scenario_id
        self.written: list[uuid.UUID] = []
        self._before: dict[uuid.UUID, tuple[float, float | None]] = {}

    def do(self) -> None:
        with self._ctx.session() as session:
            existing = session.exec(
                select(Allocation).where(
                    col(Allocation.project_id) == self._project,
                    col(Allocation.week_start).in_(self._weeks),
                    col(Allocation.archived_at).is_(None),
                )
            )
            self._before = {a.id: (a.hours, a.percent_of_capacity) for a in existing}
            self.written = capacity.allocate(
                session,
                project_id=self._project,
                weeks=self._weeks,
                hours=self._hours,
                person_id=self._person,
                role_id=self._role,
                scenario_id=self._scenario,
            )
        self._ctx.notify(TABLES)

    def undo(self) -> None:
        with self._ctx.session() as session:
            for allocation_id in self.written:
                allocation = records.get(session, Allocation, allocation_id)
                if allocation_id in self._before:
                    hours, percent = self._before[allocation_id]
                    changes = {"hours": hours, "percent_of_capacity": percent}
                    records.update(session, allocation, changes, source="undo")
                else:
                    records.delete_created(session, allocation)
        self._ctx.notify(TABLES)


class ShiftProjectCommand(ServiceCommand):
    """Shift a project's allocations by ``weeks`` (in a scenario when ``scenario_id`` is set)."""

    def __init__(
        self,
        ctx: AppContext,
        project_id: uuid.UUID,
        weeks: int,
        *,
        scenario_id: uuid.UUID | None = None,
        label: str = "project",
    ) -> None:
        where = " in the scenario" if scenario_id is not None else ""
        super().__init__(f"Shift {label} by {weeks:+d} weeks{where}")
        self._ctx, self._project, self._weeks = ctx, project_id, int(weeks)
        self._scenario = scenario_id

    def _shift(self, weeks: int) -> None:
        with self._ctx.session() as session:
            capacity.shift_project(session, self._project, weeks, scenario_id=self._scenario)
        self._ctx.notify(TABLES | {"scenario_shift"})

    def do(self) -> None:
        self._shift(self._weeks)

    def undo(self) -> None:
        self._shift(-self._weeks)
