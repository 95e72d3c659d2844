"""What lies behind one cell of the matrix: the allocations, for the tooltip and the selection panel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from pmodesk.domain import Allocation, Person, Project, Role
from pmodesk.services.capacity.calendar import monday_of, share_of_week_in_month, weeks_of_month
from pmodesk.services.capacity.load import (
    RELEASING_STATES,
    project_conditions,
    shift_bounds,
    shift_expr,
    with_shift_join,
)
from pmodesk.services.capacity.query import Grouping, MatrixQuery, Period


@dataclass(frozen=True)
class CellAllocation:
    """One allocation behind a cell.

    ``hours`` is the allocation's weekly hours; ``share`` the part of them in
    this cell (1.0 for a week column, the weekday share for a month column),
    so the cell's total is the sum of ``hours × share`` of the non-released
    ones. ``shift_weeks`` is the scenario shift that moved it into the cell.
    """

    allocation_id: uuid.UUID
    project_id: uuid.UUID
    project_code: str
    project_name: str
    person_id: uuid.UUID | None
    person_name: str
    role_name: str
    week_start: date
    hours: float
    released: bool
    tentative: bool
    share: float = 1.0
    scenario_id: uuid.UUID | None = None
    shift_weeks: int = 0
    percent_of_capacity: float | None = None


def _row_condition(
    session: Session, grouping: Grouping, row_key: uuid.UUID | None
) -> ColumnElement[bool] | None:
    """Which allocations belong to the row ``row_key`` of ``grouping``."""
    person_row = col(Allocation.person_id).is_not(None)
    placeholder = and_(col(Allocation.person_id).is_(None), col(Allocation.role_id) == row_key)
    if grouping == Grouping.PERSON:
        if row_key is None:
            return None
        if session.get(Person, row_key) is not None:
            return col(Allocation.person_id) == row_key
        return placeholder
    if grouping == Grouping.TEAM:
        if row_key is not None and session.get(Role, row_key) is not None:
            return placeholder
        team = col(Person.team_id).is_(None) if row_key is None else col(Person.team_id) == row_key
        return and_(person_row, team)
    if row_key is None:
        return and_(person_row, col(Person.role_id).is_(None))
    return or_(and_(person_row, col(Person.role_id) == row_key), placeholder)


def cell_breakdown(
    session: Session, query: MatrixQuery, row_key: uuid.UUID | None, column: date
) -> list[CellAllocation]:
    """The allocations behind one cell, by project code then person (hover and selection)."""
    condition = _row_condition(session, query.grouping, row_key)
    if condition is None:
        return []
    span = set(query.week_list)
    if query.period == Period.MONTH:
        targets = [w for w in weeks_of_month(column) if w in span]
    else:
        targets = [monday_of(column)] if monday_of(column) in span else []
    if not targets:
        return []
    low, high = shift_bounds(session, query.scenario_id)
    shift = shift_expr(query)
    statement = (
        select(
            col(Allocation.id),
            col(Allocation.project_id),
            col(Allocation.person_id),
            col(Allocation.week_start),
            col(Allocation.hours),
            col(Allocation.tentative),
            col(Allocation.scenario_id),
            col(Allocation.percent_of_capacity),
            col(Project.code),
            col(Project.name),
            col(Project.state),
            col(Person.name),
            col(Role.name),
            shift,
        )
        .join(Project, col(Project.id) == col(Allocation.project_id))
        .outerjoin(Person, col(Person.id) == col(Allocation.person_id))
        .outerjoin(Role, col(Role.id) == col(Allocation.role_id))
    )
    statement = with_shift_join(statement, query).where(
        *project_conditions(query),
        condition,
        or_(col(Allocation.person_id).is_(None), col(Person.archived_at).is_(None)),
        col(Allocation.week_start) >= min(targets) - timedelta(weeks=high),
        col(Allocation.week_start) <= max(targets) - timedelta(weeks=low),
    )
    wanted = set(targets)
    cells: list[CellAllocation] = []
    for row in session.connection().execute(statement):
        values: tuple[Any, ...] = tuple(row)
        aid, project_id, person_id, week, hours, tentative, scenario_id, percent = values[:8]
        code, name, state, person, role, moved = values[8:]
        shown = week + timedelta(weeks=int(moved))
        if shown not in wanted:
            continue
        share = 1.0
        if query.period == Period.MONTH:
            share = share_of_week_in_month(shown, column)
        cells.append(
            CellAllocation(
                allocation_id=aid,
                project_id=project_id,
                project_code=code,
                project_name=name,
                person_id=person_id,
                person_name=person or f"Unnamed {role or 'role'}",
                role_name=role or "",
                week_start=week,
                hours=float(hours),
                released=state in RELEASING_STATES,
                tentative=bool(tentative) or scenario_id is not None,
                share=share,
                scenario_id=scenario_id,
                shift_weeks=int(moved),
                percent_of_capacity=percent,
            )
        )
    cells.sort(key=lambda c: (c.project_code, c.person_name.casefold(), c.week_start))
    return cells
