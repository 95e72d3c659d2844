"""Editing the plan: allocate a span, set one week, move, copy, extend and remove allocations.

Every write goes through :mod:`pmodesk.services.records`, so each row is
validated (live project, person or role, a Monday, 0–168 hours) and audited;
the writes of one call share an audit batch id. The caller owns the
transaction: a refused week leaves nothing half-written once it rolls back,
and the inputs are checked before the first write.

Allocating onto a cell that already holds an allocation of the same person
(or role placeholder), project and scenario sets that allocation's hours
rather than adding a second row. Cost: ``records.create`` validates and
flushes row by row, about a millisecond per allocation, so a span of a few
thousand person-weeks takes a few seconds; bulk loading belongs to the importer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import Allocation, Person, Scenario
from pmodesk.domain.enums import ScenarioStatus
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.settings import DEFAULT_WEEKLY_CAPACITY_HOURS, get_setting
from pmodesk.services.validation import check_live, check_live_project, check_monday

SOURCE = "capacity plan"


def require_draft_scenario(session: Session, scenario_id: uuid.UUID) -> Scenario:
    """The scenario, refused when it does not exist, is archived, or was committed or discarded."""
    scenario = check_live(session, Scenario, scenario_id, "scenario_id")
    if scenario.status != ScenarioStatus.DRAFT:
        raise ValidationError(
            f"Scenario {scenario.code} was {scenario.status.value}; "
            "start a new scenario to plan further what-ifs.",
            field="scenario_id",
        )
    return scenario


def standard_week(session: Session, person: Person | None) -> float:
    """A person's standard week (weekly capacity × part-time); the workspace default for a role."""
    if person is None:
        return float(get_setting(session, DEFAULT_WEEKLY_CAPACITY_HOURS))
    return person.weekly_capacity_hours * person.part_time_factor


def _check_weeks(weeks: Iterable[date]) -> list[date]:
    listed = list(weeks)
    if not listed:
        raise ValidationError("Choose at least one week to allocate.", field="week_start")
    for week in listed:
        check_monday(week, "week_start", "Allocations")
    return listed


def _hours_from(
    session: Session, person: Person | None, hours: float | None, percent: float | None
) -> tuple[float, float | None]:
    if (hours is None) == (percent is None):
        raise ValidationError(
            "Give either the hours per week or a percentage of capacity, not both.",
            field="hours",
        )
    if percent is not None:
        if not 0 <= percent <= 100:
            raise ValidationError(
                f"A share of capacity is between 0 and 100 %, not {percent:g} %.",
                field="percent_of_capacity",
            )
        return round(percent / 100 * standard_week(session, person), 2), percent
    assert hours is not None
    return hours, None


@dataclass(frozen=True)
class _Series:
    """Whose allocations these are: a person or a role placeholder, on a project, in a scenario."""

    project_id: uuid.UUID
    person_id: uuid.UUID | None
    role_id: uuid.UUID | None
    scenario_id: uuid.UUID | None

    @classmethod
    def of(cls, allocation: Allocation) -> _Series:
        return cls(
            allocation.project_id,
            allocation.person_id,
            allocation.role_id,
            allocation.scenario_id,
        )

    def existing(self, session: Session, weeks: Sequence[date]) -> dict[date, Allocation]:
        """The live allocation of this series in each of ``weeks`` that has one."""
        statement = select(Allocation).where(
            col(Allocation.project_id) == self.project_id,
            col(Allocation.archived_at).is_(None),
            col(Allocation.week_start).in_(list(weeks)),
        )
        if self.scenario_id is None:
            statement = statement.where(col(Allocation.scenario_id).is_(None))
        else:
            statement = statement.where(col(Allocation.scenario_id) == self.scenario_id)
        if self.person_id is not None:
            statement = statement.where(col(Allocation.person_id) == self.person_id)
        else:
            statement = statement.where(
                col(Allocation.person_id).is_(None), col(Allocation.role_id) == self.role_id
            )
        found: dict[date, Allocation] = {}
        for allocation in session.exec(statement.order_by(col(Allocation.created_at))):
            found.setdefault(allocation.week_start, allocation)
        return found


def _put(
    session: Session,
    series: _Series,
    hours_by_week: dict[date, tuple[float, float | None]],
    *,
    note: str = "",
    source: str,
    batch: uuid.UUID,
) -> list[uuid.UUID]:
    """Create or update the series' allocation in each week; returns the ids written."""
    existing = series.existing(session, sorted(hours_by_week))
    written: list[uuid.UUID] = []
    for week in sorted(hours_by_week):
        hours, percent = hours_by_week[week]
        current = existing.get(week)
        if current is not None:
            records.update(
                session,
                current,
                {"hours": hours, "percent_of_capacity": percent},
                source=source,
                batch=batch,
            )
            written.append(current.id)
            continue
        created = records.create(
            session,
            Allocation,
            {
                "project_id": series.project_id,
                "person_id": series.person_id,
                "role_id": series.role_id,
                "week_start": week,
                "hours": hours,
                "percent_of_capacity": percent,
                "tentative": series.scenario_id is not None,
                "scenario_id": series.scenario_id,
                "note": note,
            },
            source=source,
            batch=batch,
        )
        written.append(created.id)
    return written


def allocate(
    session: Session,
    *,
    project_id: uuid.UUID,
    weeks: Sequence[date],
    hours: float | None = None,
    percent: float | None = None,
    person_id: uuid.UUID | None = None,
    role_id: uuid.UUID | None = None,
    scenario_id: uuid.UUID | None = None,
    source: str = "",
) -> list[uuid.UUID]:
    """Allocate a person (or a role placeholder) to a project for ``weeks``.

    Give ``hours`` per week, or ``percent`` of the person's standard week
    (weekly capacity × part-time factor; a role's is the workspace default),
    which is stored too. A person's allocation carries their role unless
    ``role_id`` says otherwise. With ``scenario_id`` the allocations are
    tentative and belong to that (draft) scenario. Returns the ids written, in
    week order.
    """
    listed = _check_weeks(weeks)
    check_live_project(session, project_id)
    person: Person | None = None
    if person_id is not None:
        person = check_live(session, Person, person_id, "person_id")
        role_id = role_id or person.role_id
    elif role_id is None:
        raise ValidationError(
            "An allocation needs a person, or a role until someone is named.", field="person_id"
        )
    if scenario_id is not None:
        require_draft_scenario(session, scenario_id)
    value = _hours_from(session, person, hours, percent)
    series = _Series(project_id, person_id, role_id, scenario_id)
    return _put(
        session,
        series,
        dict.fromkeys(listed, value),
        source=source or SOURCE,
        batch=uuid.uuid4(),
    )


def _live_allocation(session: Session, allocation_id: uuid.UUID) -> Allocation:
    allocation = records.get(session, Allocation, allocation_id)
    if allocation.archived_at is not None:
        raise ValidationError("That allocation was removed; restore it before editing it.")
    return allocation


def _live_allocations(session: Session, ids: Sequence[uuid.UUID]) -> list[Allocation]:
    if not ids:
        raise ValidationError("Select at least one allocation.")
    return [_live_allocation(session, i) for i in dict.fromkeys(ids)]


def set_week_hours(
    session: Session, allocation_id: uuid.UUID, hours: float, *, source: str = ""
) -> None:
    """Set the hours of one allocation (one week); a percentage it was entered as is dropped."""
    allocation = _live_allocation(session, allocation_id)
    records.update(
        session,
        allocation,
        {"hours": hours, "percent_of_capacity": None},
        source=source or SOURCE,
    )


def _reassignment(
    session: Session, to_person_id: uuid.UUID | None, to_project_id: uuid.UUID | None
) -> tuple[Person | None, dict[str, Any]]:
    changes: dict[str, Any] = {}
    person: Person | None = None
    if to_project_id is not None:
        check_live_project(session, to_project_id)
        changes["project_id"] = to_project_id
    if to_person_id is not None:
        person = check_live(session, Person, to_person_id, "person_id")
        changes["person_id"] = to_person_id
    return person, changes


def move_allocations(
    session: Session,
    allocation_ids: Sequence[uuid.UUID],
    *,
    weeks: int = 0,
    to_person_id: uuid.UUID | None = None,
    to_project_id: uuid.UUID | None = None,
    source: str = "",
) -> list[uuid.UUID]:
    """Shift allocations by ``weeks`` and/or give them to another person or project.

    Naming a person for a role placeholder fills it: the allocation keeps its
    hours and takes the person's role (when they have one); a percentage it
    was entered as is dropped. Returns the ids that changed.
    """
    allocations = _live_allocations(session, allocation_ids)
    person, base = _reassignment(session, to_person_id, to_project_id)
    batch = uuid.uuid4()
    changed: list[uuid.UUID] = []
    for allocation in allocations:
        changes = dict(base)
        if weeks:
            changes["week_start"] = allocation.week_start + timedelta(weeks=weeks)
        if person is not None and person.id != allocation.person_id:
            changes["role_id"] = person.role_id or allocation.role_id
            changes["percent_of_capacity"] = None
        if records.update(session, allocation, changes, source=source or SOURCE, batch=batch):
            changed.append(allocation.id)
    return changed


def copy_span(
    session: Session,
    allocation_ids: Sequence[uuid.UUID],
    *,
    weeks: int = 0,
    to_person_id: uuid.UUID | None = None,
    to_project_id: uuid.UUID | None = None,
    source: str = "",
) -> list[uuid.UUID]:
    """Copy allocations ``weeks`` later (earlier when negative) and/or to another person or project.

    A copy landing on a week where the target already has an allocation on the
    project sets that one's hours. Returns the ids written.
    """
    if not weeks and to_person_id is None and to_project_id is None:
        raise ValidationError(
            "A copy needs another week, person or project; otherwise it would double the hours."
        )
    allocations = _live_allocations(session, allocation_ids)
    person, _ = _reassignment(session, to_person_id, to_project_id)
    targets: dict[_Series, dict[date, tuple[float, float | None]]] = {}
    for allocation in allocations:
        series = _Series.of(allocation)
        percent = allocation.percent_of_capacity
        if person is not None:
            series = _Series(
                series.project_id, person.id, person.role_id or series.role_id, series.scenario_id
            )
            percent = None
        if to_project_id is not None:
            series = _Series(to_project_id, series.person_id, series.role_id, series.scenario_id)
        week = allocation.week_start + timedelta(weeks=weeks)
        targets.setdefault(series, {})[week] = (allocation.hours, percent)
    batch = uuid.uuid4()
    written: list[uuid.UUID] = []
    for series, hours in targets.items():
        written += _put(session, series, hours, source=source or SOURCE, batch=batch)
    return written


def extend_span(
    session: Session, allocation_ids: Sequence[uuid.UUID], *, weeks: int, source: str = ""
) -> list[uuid.UUID]:
    """Extend each span (person or placeholder, project) by ``weeks`` weeks.

    A positive number adds weeks after the span's last week with that week's
    hours; a negative one adds weeks before its first week with the first
    week's hours. Returns the ids written.
    """
    if not weeks:
        raise ValidationError("Extend a span by at least one week.", field="weeks")
    spans: dict[_Series, list[Allocation]] = {}
    for allocation in _live_allocations(session, allocation_ids):
        spans.setdefault(_Series.of(allocation), []).append(allocation)
    batch = uuid.uuid4()
    written: list[uuid.UUID] = []
    for series, members in spans.items():
        members.sort(key=lambda a: a.week_start)
        edge = members[-1] if weeks > 0 else members[0]
        step = 1 if weeks > 0 else -1
        new = {
            edge.week_start + timedelta(weeks=step * n): (edge.hours, edge.percent_of_capacity)
            for n in range(1, abs(weeks) + 1)
        }
        written += _put(session, series, new, source=source or SOURCE, batch=batch)
    return written


def remove_allocations(
    session: Session, allocation_ids: Sequence[uuid.UUID], *, source: str = ""
) -> int:
    """Archive allocations (undo with ``records.restore``); returns how many were removed."""
    allocations = _live_allocations(session, allocation_ids)
    batch = uuid.uuid4()
    for allocation in allocations:
        records.archive(session, allocation, source=source or SOURCE, batch=batch)
    return len(allocations)


def shift_allocations(
    session: Session,
    allocations: Iterable[Allocation],
    weeks: int,
    *,
    source: str,
    batch: uuid.UUID,
) -> int:
    """Move each allocation ``weeks`` weeks; returns how many moved."""
    moved = 0
    for allocation in allocations:
        records.update(
            session,
            allocation,
            {"week_start": allocation.week_start + timedelta(weeks=weeks)},
            source=source,
            batch=batch,
        )
        moved += 1
    return moved


def real_allocations(session: Session, project_id: uuid.UUID) -> list[Allocation]:
    """The live allocations of a project in the real plan (no scenario)."""
    statement = select(Allocation).where(
        col(Allocation.project_id) == project_id,
        col(Allocation.archived_at).is_(None),
        col(Allocation.scenario_id).is_(None),
    )
    return list(session.exec(statement))
