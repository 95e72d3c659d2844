"""Undoable allocation edits made from the heatmap: each calls a capacity service and its inverse.

* :class:`SetHoursCommand` — change the hours of one allocation week;
* :class:`MoveAllocationsCommand` — shift allocations by N weeks and/or give them to someone else;
* :class:`AllocateCommand` — add allocations (tentative ones in a scenario);
* :class:`CopySpanCommand` — copy allocations to another person and/or N weeks away;
* :class:`ExtendSpanCommand` — extend spans by N weeks;
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

from sqlmodel import Session, col, select

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


#: What undo gives back to an allocation a command only updated: hours, percentage, note.
_Before = dict[uuid.UUID, tuple[float, float | None, str]]


def _live_on(session: Session, project_ids: Sequence[uuid.UUID]) -> _Before:
    """Hours, percentage and note of every live allocation of ``project_ids``."""
    found = session.exec(
        select(Allocation).where(
            col(Allocation.project_id).in_(list(project_ids)),
            col(Allocation.archived_at).is_(None),
        )
    )
    return {a.id: (a.hours, a.percent_of_capacity, a.note) for a in found}


def _take_back(ctx: AppContext, written: Sequence[uuid.UUID], before: _Before) -> None:
    """Undo of a write: delete the allocations created, give the updated ones their values back."""
    with ctx.session() as session:
        for allocation_id in written:
            allocation = records.get(session, Allocation, allocation_id)
            if allocation_id in before:
                hours, percent, note = before[allocation_id]
                changes = {"hours": hours, "percent_of_capacity": percent, "note": note}
                records.update(session, allocation, changes, source="undo")
            else:
                records.delete_created(session, allocation)
    ctx.notify(TABLES)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class AllocateCommand(ServiceCommand):
    """Allocate a person (or a role) to a project for some weeks, in hours or % of capacity.

    Undo removes the allocations the command created and gives the ones it
    only updated (a week already allocated) their hours, percentage and note back.
    """

    def __init__(
        self,
        ctx: AppContext,
        *,
        project_id: uuid.UUID,
        weeks: Sequence[date],
        hours: float | None = None,
        percent: float | None = None,
        person_id: uuid.UUID | None = None,
        role_id: uuid.UUID | None = None,
        scenario_id: uuid.UUID | None = None,
        note: str = "",
    ) -> None:
        kind = "tentative allocation" if scenario_id is not None else "allocation"
        super().__init__(f"Add {kind} for {_plural(len(weeks), 'week')}")
        self._ctx = ctx
        self._project, self._weeks = project_id, list(weeks)
        self._hours = None if hours is None else float(hours)
        self._percent = None if percent is None else float(percent)
        self._person, self._role, self._scenario = person_id, role_id, scenario_id
        self._note = note.strip()
        self.written: list[uuid.UUID] = []
        self._before: _Before = {}

    def do(self) -> None:
        with self._ctx.session() as session:
            self._before = _live_on(session, [self._project])
            self.written = capacity.allocate(
                session,
                project_id=self._project,
                weeks=self._weeks,
                hours=self._hours,
                percent=self._percent,
                person_id=self._person,
                role_id=self._role,
                scenario_id=self._scenario,
            )
            if self._note:
                for allocation_id in self.written:
                    allocation = records.get(session, Allocation, allocation_id)
                    records.update(session, allocation, {"note": self._note})
        self._ctx.notify(TABLES)

    def undo(self) -> None:
        _take_back(self._ctx, self.written, self._before)


def _projects_of(ctx: AppContext, ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    with ctx.session() as session:
        return list(dict.fromkeys(records.get(session, Allocation, i).project_id for i in ids))


class CopySpanCommand(ServiceCommand):
    """Copy allocations ``weeks`` away and/or to ``to_person_id``; undo takes the copies back.

    A copy landing on a week the target already had gets that allocation's
    hours; undo gives it its old hours, percentage and note again.
    """

    def __init__(
        self,
        ctx: AppContext,
        allocation_ids: Sequence[uuid.UUID],
        *,
        weeks: int = 0,
        to_person_id: uuid.UUID | None = None,
    ) -> None:
        what = []
        if to_person_id is not None:
            what.append("to another person")
        if weeks:
            what.append(f"{weeks:+d} week{'s' if abs(weeks) != 1 else ''} away")
        noun = _plural(len(set(allocation_ids)), "allocation")
        super().__init__(f"Copy {noun} {' and '.join(what)}".strip())
        self._ctx, self._weeks, self._to = ctx, int(weeks), to_person_id
        self._ids = list(dict.fromkeys(allocation_ids))
        self.written: list[uuid.UUID] = []
        self._before: _Before = {}

    def do(self) -> None:
        projects = _projects_of(self._ctx, self._ids) if self._ids else []
        with self._ctx.session() as session:
            self._before = _live_on(session, projects)
            self.written = capacity.copy_span(
                session, self._ids, weeks=self._weeks, to_person_id=self._to
            )
        self._ctx.notify(TABLES)

    def undo(self) -> None:
        _take_back(self._ctx, self.written, self._before)


class ExtendSpanCommand(ServiceCommand):
    """Extend the spans of some allocations by ``weeks`` (earlier when negative); undo shortens them."""

    def __init__(self, ctx: AppContext, allocation_ids: Sequence[uuid.UUID], *, weeks: int) -> None:
        direction = "" if weeks >= 0 else " earlier"
        super().__init__(f"Extend span by {_plural(abs(weeks), 'week')}{direction}")
        self._ctx, self._weeks = ctx, int(weeks)
        self._ids = list(dict.fromkeys(allocation_ids))
        self.written: list[uuid.UUID] = []
        self._before: _Before = {}

    def do(self) -> None:
        projects = _projects_of(self._ctx, self._ids) if self._ids else []
        with self._ctx.session() as session:
            self._before = _live_on(session, projects)
            self.written = capacity.extend_span(session, self._ids, weeks=self._weeks)
        self._ctx.notify(TABLES)

    def undo(self) -> None:
        _take_back(self._ctx, self.written, self._before)


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
