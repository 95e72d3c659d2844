"""The demand side of the plan: hours allocated per person-week and per placeholder role-week.

The real plan is the allocations with no scenario on projects that are not
archived; the hours on projects on hold or cancelled are *released*, kept
apart from the load. Each figure is a SQL ``GROUP BY`` whose rows go into
NumPy arrays with ``np.add.at``; no Python loop runs per allocation.

The people's load is the big one (a million allocations in a large office).
It is one ``GROUP BY person_id, week_start`` served by the index
``ix_allocation_person_week``, without a join: the few projects that need
telling apart (on hold or cancelled, archived, or outside the filters) are
read first and named in the query. Released hours are a ``CASE`` on those
projects; archived projects' hours are subtracted by a second, small grouped
query over ``ix_allocation_project_week``. When a scenario is overlaid, or
when those project lists grow past :data:`MAX_LISTED`, the query joins the
project table instead (and, for a scenario, its shifts) — the same figures,
at about twice the cost.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from pmodesk.domain import Allocation, Project, ScenarioShift
from pmodesk.domain.enums import ProjectState
from pmodesk.services.capacity.calendar import week_index
from pmodesk.services.capacity.query import MatrixQuery
from pmodesk.services.capacity.supply import KeyIndex, Pool, raw

#: Projects whose allocations are released capacity rather than load.
RELEASING_STATES = (ProjectState.ON_HOLD, ProjectState.CANCELLED)
#: Above this many projects to name in the fast query, join the project table instead.
MAX_LISTED = 2000
#: Hours closer to zero than this are zero (sums and differences of fractions of an hour).
EPSILON = 1e-9


# ---------------------------------------------------------------- conditions


def is_released() -> ColumnElement[bool]:
    return col(Project.state).in_(list(RELEASING_STATES))


def project_filters(query: MatrixQuery) -> list[ColumnElement[bool]]:
    """The query's filters as conditions on the project table."""
    conditions: list[ColumnElement[bool]] = []
    if query.project_ids is not None:
        conditions.append(col(Project.id).in_(list(query.project_ids)))
    if query.portfolio_ids is not None:
        conditions.append(col(Project.portfolio_id).in_(list(query.portfolio_ids)))
    if query.programme_ids is not None:
        conditions.append(col(Project.programme_id).in_(list(query.programme_ids)))
    return conditions


def project_conditions(query: MatrixQuery) -> list[ColumnElement[bool]]:
    """Conditions on allocation joined to project: live rows, the filters, the scenario."""
    return [
        col(Allocation.archived_at).is_(None),
        col(Project.archived_at).is_(None),
        *project_filters(query),
        in_plan(query),
    ]


def in_plan(query: MatrixQuery) -> ColumnElement[bool]:
    """The real plan, plus the scenario's tentative allocations when one is overlaid."""
    if query.scenario_id is None:
        return col(Allocation.scenario_id).is_(None)
    return or_(
        col(Allocation.scenario_id).is_(None), col(Allocation.scenario_id) == query.scenario_id
    )


def shift_bounds(session: Session, scenario_id: uuid.UUID | None) -> tuple[int, int]:
    """The smallest and largest shift (weeks) of a scenario's projects; (0, 0) without one."""
    if scenario_id is None:
        return 0, 0
    low, high = (
        session.connection()
        .execute(
            select(func.min(ScenarioShift.weeks), func.max(ScenarioShift.weeks)).where(
                col(ScenarioShift.scenario_id) == scenario_id,
                col(ScenarioShift.archived_at).is_(None),
            )
        )
        .one()
    )
    return min(0, int(low or 0)), max(0, int(high or 0))


def shift_expr(query: MatrixQuery) -> ColumnElement[int]:
    """Weeks an allocation moves in the overlaid scenario (real allocations of shifted projects)."""
    if query.scenario_id is None:
        return literal(0)
    return case(
        (col(Allocation.scenario_id).is_(None), func.coalesce(col(ScenarioShift.weeks), 0)),
        else_=0,
    )


def with_shift_join(statement: Any, query: MatrixQuery) -> Any:
    """``statement`` joined to the overlaid scenario's shift of each allocation's project."""
    if query.scenario_id is None:
        return statement
    return statement.outerjoin(
        ScenarioShift,
        and_(
            col(ScenarioShift.project_id) == col(Allocation.project_id),
            col(ScenarioShift.scenario_id) == query.scenario_id,
            col(ScenarioShift.archived_at).is_(None),
        ),
    )


# ---------------------------------------------------------------- statements


def _joined_statement(
    query: MatrixQuery,
    first: date,
    last: date,
    *,
    placeholders: bool,
    person_ids: Sequence[uuid.UUID] | None,
) -> Any:
    """(key, week, shift, load, released) grouped by person (or placeholder role) and week."""
    hours = col(Allocation.hours)
    key = Allocation.role_id if placeholders else Allocation.person_id
    shift = shift_expr(query)
    statement = select(
        raw(key),
        raw(Allocation.week_start),
        shift,
        func.sum(case((is_released(), 0.0), else_=hours)),
        func.sum(case((is_released(), hours), else_=0.0)),
    ).join(Project, col(Project.id) == col(Allocation.project_id))
    statement = with_shift_join(statement, query).where(
        *project_conditions(query),
        col(Allocation.week_start) >= first,
        col(Allocation.week_start) <= last,
        col(Allocation.person_id).is_(None)
        if placeholders
        else col(Allocation.person_id).is_not(None),
    )
    if person_ids is not None and not placeholders:
        statement = statement.where(col(Allocation.person_id).in_(list(person_ids)))
    group: list[Any] = [col(key), col(Allocation.week_start)]
    if query.scenario_id is not None:
        group.append(shift)
    return statement.group_by(*group)


@dataclass(frozen=True)
class _Projects:
    """The projects the fast query names: those in the filters, released ones, archived ones."""

    allowed: list[uuid.UUID] | None
    released: list[uuid.UUID]
    archived: list[uuid.UUID]

    @property
    def listable(self) -> bool:
        sizes = [len(self.released), len(self.archived), len(self.allowed or ())]
        return max(sizes) <= MAX_LISTED


def _projects(session: Session, query: MatrixQuery) -> _Projects:
    def ids(*conditions: ColumnElement[bool]) -> list[uuid.UUID]:
        statement = select(col(Project.id)).where(*conditions)
        return list(session.connection().execute(statement).scalars())

    live = col(Project.archived_at).is_(None)
    if not query.filtered:
        return _Projects(
            allowed=None,
            released=ids(live, is_released()),
            archived=ids(col(Project.archived_at).is_not(None)),
        )
    selected = [live, *project_filters(query)]
    allowed = ids(*selected)
    return _Projects(allowed=allowed, released=ids(*selected, is_released()), archived=[])


def _fast_statement(
    projects: _Projects,
    first: date,
    last: date,
    person_ids: Sequence[uuid.UUID] | None,
    only: list[uuid.UUID] | None,
) -> Any:
    """(person, week, total hours, released hours) grouped by person and week, without a join."""
    hours = col(Allocation.hours)
    released: ColumnElement[Any] = literal(0.0)
    if projects.released:
        released = func.sum(
            case((col(Allocation.project_id).in_(projects.released), hours), else_=0.0)
        )
    statement = select(
        raw(Allocation.person_id), raw(Allocation.week_start), func.sum(hours), released
    ).where(
        col(Allocation.archived_at).is_(None),
        col(Allocation.scenario_id).is_(None),
        col(Allocation.person_id).is_not(None),
        col(Allocation.week_start) >= first,
        col(Allocation.week_start) <= last,
    )
    if only is not None:
        statement = statement.where(col(Allocation.project_id).in_(only))
    if person_ids is not None:
        statement = statement.where(col(Allocation.person_id).in_(list(person_ids)))
    return statement.group_by(col(Allocation.person_id), col(Allocation.week_start))


# ---------------------------------------------------------------- into arrays


@dataclass
class Load:
    """Load and released hours per person-week, and per placeholder role-week."""

    allocated: np.ndarray
    released: np.ndarray
    role_keys: list[Hashable]
    role_allocated: np.ndarray
    role_released: np.ndarray


def _rows(session: Session, statement: Any) -> list[Any]:
    """The rows of a grouped statement as the driver's plain tuples.

    Every column is read raw (no result conversion), so the DBAPI cursor's
    rows are the rows; reading them past SQLAlchemy's row objects saves a
    third of the fetch on 150,000 groups.
    """
    result = session.connection().execute(statement)
    try:
        cursor = result.cursor
        return list(cursor.fetchall()) if cursor is not None else []
    finally:
        result.close()


def _columns(rows: list[Any], start: date, count: int) -> tuple[Any, np.ndarray, list[Any]]:
    """(keys, week columns, the remaining columns) of grouped rows."""
    columns = list(zip(*rows, strict=True))
    return columns[0], week_index(columns[1], start), columns[2:]


def _add(
    target: np.ndarray, rows: np.ndarray, columns: np.ndarray, values: Any, sign: float = 1.0
) -> None:
    keep = (rows >= 0) & (columns >= 0) & (columns < target.shape[1])
    amounts = np.fromiter(values, dtype=np.float64, count=len(rows))
    np.add.at(target, (rows[keep], columns[keep]), sign * amounts[keep])


def _people_rows(index: KeyIndex, keys: Sequence[Hashable]) -> np.ndarray:
    return np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))


def load(
    session: Session,
    query: MatrixQuery,
    pool: Pool,
    weeks: list[date],
    person_ids: Sequence[uuid.UUID] | None = None,
) -> Load:
    """The load of ``query`` over ``weeks`` for the people of ``pool`` (and the placeholders).

    ``person_ids`` restricts the load to those people and leaves placeholders out.
    """
    count = len(weeks)
    allocated = np.zeros((len(pool), count))
    released = np.zeros((len(pool), count))
    low, high = shift_bounds(session, query.scenario_id)
    first, last = weeks[0] - timedelta(weeks=high), weeks[-1] - timedelta(weeks=low)
    projects = _projects(session, query) if query.scenario_id is None else None
    if projects is not None and projects.listable:
        if projects.allowed is None or projects.allowed:
            rows = _rows(
                session, _fast_statement(projects, first, last, person_ids, projects.allowed)
            )
            if rows:
                keys, column, (totals, frees) = _columns(rows, weeks[0], count)
                people = _people_rows(pool.index, keys)
                _add(allocated, people, column, totals)
                _add(allocated, people, column, frees, -1.0)
                _add(released, people, column, frees)
        if projects.archived:
            gone = _Projects(None, [], [])
            statement = _fast_statement(gone, first, last, person_ids, projects.archived)
            rows = _rows(session, statement)
            if rows:
                keys, column, (totals, _none) = _columns(rows, weeks[0], count)
                _add(allocated, _people_rows(pool.index, keys), column, totals, -1.0)
        allocated[np.abs(allocated) < EPSILON] = 0.0
    else:
        statement = _joined_statement(query, first, last, placeholders=False, person_ids=person_ids)
        rows = _rows(session, statement)
        if rows:
            keys, column, (shifts, loads, frees) = _columns(rows, weeks[0], count)
            column = column + np.fromiter(shifts, dtype=np.int64, count=len(rows))
            people = _people_rows(pool.index, keys)
            _add(allocated, people, column, loads)
            _add(released, people, column, frees)
    if person_ids is not None:
        empty = np.zeros((0, count))
        return Load(allocated, released, [], empty, empty.copy())
    return _with_placeholders(session, query, weeks, first, last, allocated, released)


def _with_placeholders(
    session: Session,
    query: MatrixQuery,
    weeks: list[date],
    first: date,
    last: date,
    allocated: np.ndarray,
    released: np.ndarray,
) -> Load:
    """Add the role placeholders' load (a small grouped query over the placeholder rows)."""
    statement = _joined_statement(query, first, last, placeholders=True, person_ids=None)
    rows = _rows(session, statement)
    count = len(weeks)
    if not rows:
        empty = np.zeros((0, count))
        return Load(allocated, released, [], empty, empty.copy())
    keys, column, (shifts, loads, frees) = _columns(rows, weeks[0], count)
    column = column + np.fromiter(shifts, dtype=np.int64, count=len(rows))
    index = KeyIndex()
    for key in keys:
        index.setdefault(key, len(index))
    role_rows = _people_rows(index, keys)
    role_allocated = np.zeros((len(index), count))
    role_released = np.zeros((len(index), count))
    _add(role_allocated, role_rows, column, loads)
    _add(role_released, role_rows, column, frees)
    shown = (role_allocated != 0).any(axis=1) | (role_released != 0).any(axis=1)
    keys_shown = [key for key, keep in zip(index, shown, strict=True) if keep]
    return Load(allocated, released, keys_shown, role_allocated[shown], role_released[shown])
