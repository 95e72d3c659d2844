"""The supply side of the plan: the people of the pool and their hours per week.

Capacity of a person in a week = weekly capacity × part-time factor, less the
hours of their capacity exceptions that week (leave, training, secondment),
less one day (that week's hours / 5) for each public holiday of their calendar
falling on a weekday of that week, never below zero. It is built for all
people × all weeks at once with NumPy: two grouped queries (exceptions per
person-week, holidays per calendar), no loop per person-week.

Ids come back from the database as the driver gives them (hex text on SQLite,
``uuid.UUID`` on PostgreSQL) and are used as dictionary keys as they are: the
load query reads them the same way, which saves converting hundreds of
thousands of values.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from pmodesk.domain import CapacityException, Person, PublicHoliday, Role, Team
from pmodesk.services.capacity.calendar import DAYS_IN_WEEK, WEEKDAYS, week_index


def raw(column: Any) -> ColumnElement[Any]:
    """``column`` read without result conversion (ids as the driver gives them)."""
    return type_coerce(column, String)


def as_uuid(value: Any) -> uuid.UUID:
    """A key as read by :func:`raw` turned into a ``uuid.UUID``."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


class KeyIndex(dict[Hashable, int]):
    """Row numbers by database key; an unknown key (an archived person) is row -1."""

    def __missing__(self, key: Hashable) -> int:
        return -1


@dataclass
class Pool:
    """The live people of the pool, in display order (team, then name), and their capacity."""

    ids: list[uuid.UUID] = field(default_factory=list)
    index: KeyIndex = field(default_factory=KeyIndex)
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    team_ids: list[uuid.UUID | None] = field(default_factory=list)
    team_names: list[str] = field(default_factory=list)
    role_ids: list[uuid.UUID | None] = field(default_factory=list)
    role_names: list[str] = field(default_factory=list)
    #: Weekly capacity × part-time factor: the person's standard week.
    standard: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: Hours available per person-week after exceptions and public holidays.
    capacity: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    def __len__(self) -> int:
        return len(self.ids)


def load_pool(
    session: Session, weeks: list[date], person_ids: Collection[uuid.UUID] | None = None
) -> Pool:
    """The live people (or only ``person_ids``) and their capacity in each of ``weeks``."""
    statement = (
        select(
            raw(Person.id),
            col(Person.name),
            col(Person.code),
            col(Person.team_id),
            col(Team.name),
            col(Person.role_id),
            col(Role.name),
            col(Person.weekly_capacity_hours),
            col(Person.part_time_factor),
            col(Person.calendar),
        )
        .outerjoin(Team, col(Team.id) == col(Person.team_id))
        .outerjoin(Role, col(Role.id) == col(Person.role_id))
        .where(col(Person.archived_at).is_(None))
    )
    if person_ids is not None:
        statement = statement.where(col(Person.id).in_(list(person_ids)))
    people = sorted(
        session.connection().execute(statement).all(),
        key=lambda r: (r[4] is None, (r[4] or "").casefold(), r[1].casefold(), r[2]),
    )
    pool = Pool()
    calendars: list[str] = []
    for n, (key, name, code, team_id, team, role_id, role, _hours, _factor, cal) in enumerate(
        people
    ):
        pool.index[key] = n
        pool.ids.append(as_uuid(key))
        pool.names.append(name)
        pool.codes.append(code)
        pool.team_ids.append(team_id)
        pool.team_names.append(team or "")
        pool.role_ids.append(role_id)
        pool.role_names.append(role or "")
        calendars.append(cal or "default")
    pool.standard = np.array([float(r[7]) * float(r[8]) for r in people], dtype=np.float64).reshape(
        len(people)
    )
    capacity = np.repeat(pool.standard[:, None], len(weeks), axis=1)
    if people and weeks:
        capacity -= _exception_hours(session, weeks, pool, person_ids)
        days_off = _holiday_days(session, weeks, calendars)
        capacity -= days_off * (pool.standard[:, None] / WEEKDAYS)
        np.maximum(capacity, 0.0, out=capacity)
    pool.capacity = capacity
    return pool


def _exception_hours(
    session: Session,
    weeks: list[date],
    pool: Pool,
    person_ids: Collection[uuid.UUID] | None,
) -> np.ndarray:
    """Hours unavailable per person-week (one grouped query)."""
    statement = (
        select(
            raw(CapacityException.person_id),
            raw(CapacityException.week_start),
            func.sum(CapacityException.hours_unavailable),
        )
        .where(
            col(CapacityException.archived_at).is_(None),
            col(CapacityException.week_start) >= weeks[0],
            col(CapacityException.week_start) <= weeks[-1],
        )
        .group_by(col(CapacityException.person_id), col(CapacityException.week_start))
    )
    if person_ids is not None:
        statement = statement.where(col(CapacityException.person_id).in_(list(person_ids)))
    hours = np.zeros((len(pool), len(weeks)), dtype=np.float64)
    rows = session.connection().execute(statement).all()
    if not rows:
        return hours
    keys, days, amounts = zip(*rows, strict=True)
    person = np.fromiter(map(pool.index.__getitem__, keys), dtype=np.int64, count=len(keys))
    week = week_index(days, weeks[0])
    keep = (person >= 0) & (week >= 0) & (week < len(weeks))
    np.add.at(hours, (person[keep], week[keep]), np.array(amounts, dtype=np.float64)[keep])
    return hours


def _holiday_days(session: Session, weeks: list[date], calendars: list[str]) -> np.ndarray:
    """Public holidays on weekdays per person-week, through each person's calendar."""
    names = sorted(set(calendars))
    position = {name: n for n, name in enumerate(names)}
    per_calendar = np.zeros((len(names), len(weeks)), dtype=np.float64)
    last_day = weeks[-1] + timedelta(days=DAYS_IN_WEEK - 1)
    statement = select(col(PublicHoliday.calendar), col(PublicHoliday.day)).where(
        col(PublicHoliday.archived_at).is_(None),
        col(PublicHoliday.day) >= weeks[0],
        col(PublicHoliday.day) <= last_day,
        col(PublicHoliday.calendar).in_(names),
    )
    for calendar, day in session.connection().execute(statement):
        if day.weekday() < WEEKDAYS:
            per_calendar[position[calendar], (day - weeks[0]).days // DAYS_IN_WEEK] += 1
    person_calendar = np.array([position[c] for c in calendars], dtype=np.int64)
    result: np.ndarray = per_calendar[person_calendar]
    return result
