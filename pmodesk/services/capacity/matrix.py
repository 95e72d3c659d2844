"""The utilisation matrix: people (or teams, or roles) × weeks (or months).

Capacity per person-week comes from :mod:`.supply`, load and released hours
from :mod:`.load` (SQL ``GROUP BY`` into NumPy). Team and role rows sum their
people's rows; role placeholders are rows of their own ("Unnamed Developer")
with demand and no capacity, except by role, where they add to their role's
demand. A month column takes each week's hours by the share of its weekdays
in that month (Mon 29 Sep 2025: 2/5 to September, 3/5 to October).

The real plan is the allocations with no scenario, on projects that are not
archived. With a scenario, the scenario's tentative allocations are added and
the real allocations of each project the scenario shifts are moved by that
many weeks. Reports and exports reuse the same matrix.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from sqlalchemy import select
from sqlmodel import Session, col

from pmodesk.domain import Role
from pmodesk.services.capacity.calendar import month_columns, month_split
from pmodesk.services.capacity.load import Load, load
from pmodesk.services.capacity.query import Grouping, MatrixQuery, Period, Unit
from pmodesk.services.capacity.supply import Pool, as_uuid, load_pool
from pmodesk.services.settings import (
    DEFAULT_WEEKLY_CAPACITY_HOURS,
    OVER_ALLOCATION_THRESHOLD,
    UNDER_USE_THRESHOLD,
    get_setting,
)

NO_TEAM = "No team"
NO_ROLE = "No role"


@dataclass(frozen=True)
class RowInfo:
    """One row of the matrix. ``key`` is the person, team or role id (``None``: no team/role).

    A role placeholder row ("Unnamed Developer") has the role's id as key and
    ``is_placeholder`` set; it has no capacity, only demand.
    """

    key: uuid.UUID | None
    label: str
    team: str
    role: str
    is_placeholder: bool
    code: str = ""


def _nan_safe_ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    out = np.full(np.broadcast(top, bottom).shape, np.nan, dtype=np.float64)
    np.divide(top, bottom, out=out, where=bottom > 0)
    return out


@dataclass(frozen=True)
class CapacityMatrix:
    """Capacity, load and released hours per row and column (float arrays, rows × columns)."""

    rows: list[RowInfo]
    columns: list[date]
    capacity: np.ndarray
    allocated: np.ndarray
    released: np.ndarray
    #: The hours of one FTE week (the workspace's default weekly capacity).
    standard_week: float = 37.5
    #: Weeks each column spans (1.0 for a week; a month's weekdays / 5). ``None``: all 1.0.
    column_weeks: np.ndarray | None = None
    period: Period = Period.WEEK
    grouping: Grouping = Grouping.PERSON
    over_allocation_threshold: float = 1.0
    under_use_threshold: float = 0.5
    query: MatrixQuery | None = field(default=None, compare=False)

    def utilisation(self) -> np.ndarray:
        """Allocated ÷ capacity; NaN where there is no capacity (shown as "—"), never inf."""
        return _nan_safe_ratio(self.allocated, self.capacity)

    def values(self, unit: Unit) -> np.ndarray:
        """The numbers to show: hours allocated, FTE allocated, or utilisation in percent."""
        if unit == Unit.HOURS:
            return self.allocated.copy()
        if unit == Unit.FTE:
            spans = np.ones(len(self.columns)) if self.column_weeks is None else self.column_weeks
            return _nan_safe_ratio(self.allocated, self.standard_week * spans[None, :])
        return self.utilisation() * 100.0

    def free(self) -> np.ndarray:
        """Capacity not allocated (negative where over-allocated)."""
        free: np.ndarray = self.capacity - self.allocated
        return free

    def peak(self) -> np.ndarray:
        """Per row, the highest utilisation of any column (NaN when no column has capacity)."""
        util = self.utilisation()
        out = np.full(len(self.rows), np.nan)
        has = ~np.isnan(util).all(axis=1) if util.size else np.zeros(len(self.rows), bool)
        if has.any():
            out[has] = np.nanmax(util[has], axis=1)
        return out

    def average(self) -> np.ndarray:
        """Per row, total allocated ÷ total capacity over all columns (NaN without capacity)."""
        return _nan_safe_ratio(self.allocated.sum(axis=1), self.capacity.sum(axis=1))

    def over_allocated(self) -> np.ndarray:
        """Cells above the over-allocation threshold (False where there is no capacity)."""
        util = np.nan_to_num(self.utilisation(), nan=-math.inf)
        over: np.ndarray = util > self.over_allocation_threshold
        return over

    def under_used(self) -> np.ndarray:
        """Cells with capacity below the under-use threshold."""
        util = np.nan_to_num(self.utilisation(), nan=math.inf)
        under: np.ndarray = util < self.under_use_threshold
        return under


# ---------------------------------------------------------------- grouping


@dataclass
class _Placeholders:
    ids: list[uuid.UUID]
    names: list[str]
    codes: list[str]
    allocated: np.ndarray
    released: np.ndarray


def _placeholders(session: Session, demand: Load) -> _Placeholders:
    """The role placeholder rows, ordered by role name."""
    ids = [as_uuid(k) for k in demand.role_keys]
    found = {
        key: (name, code)
        for key, name, code in session.connection().execute(
            select(col(Role.id), col(Role.name), col(Role.code)).where(col(Role.id).in_(ids))
        )
    }
    order = sorted(range(len(ids)), key=lambda n: found.get(ids[n], ("", ""))[0].casefold())
    return _Placeholders(
        ids=[ids[n] for n in order],
        names=[found.get(ids[n], ("Role", ""))[0] for n in order],
        codes=[found.get(ids[n], ("", ""))[1] for n in order],
        allocated=demand.role_allocated[order],
        released=demand.role_released[order],
    )


def _sum_rows(matrix: np.ndarray, groups: np.ndarray, count: int) -> np.ndarray:
    out = np.zeros((count, matrix.shape[1]))
    np.add.at(out, groups, matrix)
    return out


def _group_by(
    values: list[uuid.UUID | None], names: list[str], missing: str
) -> tuple[list[uuid.UUID | None], list[str], np.ndarray]:
    """Group keys in name order (the missing group last) and each person's group index."""
    label: dict[uuid.UUID | None, str] = {}
    for key, name in zip(values, names, strict=True):
        label.setdefault(key, name if key is not None else missing)
    keys = sorted(label, key=lambda k: (k is None, label[k].casefold()))
    position = {k: n for n, k in enumerate(keys)}
    return keys, [label[k] for k in keys], np.array([position[v] for v in values], np.int64)


def _arrange(
    grouping: Grouping, pool: Pool, demand: Load, holders: _Placeholders, weeks: int
) -> tuple[list[RowInfo], np.ndarray, np.ndarray, np.ndarray]:
    """Rows, capacity, allocated and released for the grouping (still by week)."""
    placeholder_rows = [
        RowInfo(key, f"Unnamed {name}", "", name, True, code)
        for key, name, code in zip(holders.ids, holders.names, holders.codes, strict=True)
    ]
    zeros = np.zeros((len(holders.ids), weeks))
    if grouping == Grouping.PERSON:
        rows = [
            RowInfo(pid, name, team, role, False, code)
            for pid, name, team, role, code in zip(
                pool.ids, pool.names, pool.team_names, pool.role_names, pool.codes, strict=True
            )
        ]
        return (
            rows + placeholder_rows,
            np.vstack([pool.capacity, zeros]),
            np.vstack([demand.allocated, holders.allocated]),
            np.vstack([demand.released, holders.released]),
        )
    if grouping == Grouping.TEAM:
        keys, labels, group = _group_by(pool.team_ids, pool.team_names, NO_TEAM)
        rows = [RowInfo(k, lab, lab, "", False) for k, lab in zip(keys, labels, strict=True)]
        n = len(keys)
        return (
            rows + placeholder_rows,
            np.vstack([_sum_rows(pool.capacity, group, n), zeros]),
            np.vstack([_sum_rows(demand.allocated, group, n), holders.allocated]),
            np.vstack([_sum_rows(demand.released, group, n), holders.released]),
        )
    # Grouping.ROLE: people by their role, placeholders into their role's row.
    role_ids = [*pool.role_ids, *holders.ids]
    role_names = [*pool.role_names, *holders.names]
    keys, labels, group = _group_by(role_ids, role_names, NO_ROLE)
    people, holder = group[: len(pool)], group[len(pool) :]
    n = len(keys)
    capacity = _sum_rows(pool.capacity, people, n)
    allocated = _sum_rows(demand.allocated, people, n) + _sum_rows(holders.allocated, holder, n)
    released = _sum_rows(demand.released, people, n) + _sum_rows(holders.released, holder, n)
    rows = [RowInfo(k, lab, "", lab, False) for k, lab in zip(keys, labels, strict=True)]
    return rows, capacity, allocated, released


def capacity_matrix(session: Session, query: MatrixQuery) -> CapacityMatrix:
    """Capacity, load and released hours for ``query`` (see the module docstring)."""
    weeks = query.week_list
    pool = load_pool(session, weeks)
    demand = load(session, query, pool, weeks)
    holders = _placeholders(session, demand)
    rows, capacity, allocated, released = _arrange(
        query.grouping, pool, demand, holders, len(weeks)
    )
    columns: list[date] = weeks
    spans = np.ones(len(weeks))
    if query.period == Period.MONTH:
        columns = month_columns(weeks)
        split = month_split(weeks, columns)
        capacity, allocated, released = capacity @ split, allocated @ split, released @ split
        spans = split.sum(axis=0)
    return CapacityMatrix(
        rows=rows,
        columns=columns,
        capacity=capacity,
        allocated=allocated,
        released=released,
        standard_week=float(get_setting(session, DEFAULT_WEEKLY_CAPACITY_HOURS)),
        column_weeks=spans,
        period=query.period,
        grouping=query.grouping,
        over_allocation_threshold=float(get_setting(session, OVER_ALLOCATION_THRESHOLD)),
        under_use_threshold=float(get_setting(session, UNDER_USE_THRESHOLD)),
        query=query,
    )


def demand_and_supply_by_role(
    session: Session, query: MatrixQuery
) -> tuple[list[str], list[date], np.ndarray, np.ndarray]:
    """Per role: (role names, columns, demand hours, supply hours) for the demand chart.

    Demand is the load of the role's people plus its placeholders; supply is
    its people's capacity. A "No role" row gathers people without a role.
    """
    matrix = capacity_matrix(session, replace(query, grouping=Grouping.ROLE))
    return [r.label for r in matrix.rows], matrix.columns, matrix.allocated, matrix.capacity


__all__ = [
    "CapacityMatrix",
    "Grouping",
    "MatrixQuery",
    "Period",
    "RowInfo",
    "Unit",
    "capacity_matrix",
    "demand_and_supply_by_role",
]
