"""The rules each kind of record must satisfy beyond its field types.

A rule receives the session, the validated candidate (detached, with the
values it would have) and the existing record (``None`` when creating); it
raises :class:`~pmodesk.domain.errors.ValidationError` naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sqlmodel import Session

from pmodesk.domain import (
    Allocation,
    Benefit,
    CapacityException,
    CodedRecord,
    Decision,
    Milestone,
    Person,
    Programme,
    Project,
    RaidItem,
    Record,
    StatusReport,
)
from pmodesk.domain.errors import ValidationError
from pmodesk.domain.rules import check_scale

Rule = Callable[[Session, Record, Record | None], None]
_RULES: dict[type[Record], list[Rule]] = {}

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._/-]{0,39}$")
PERIOD_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def rule(*models: type[Record]) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        for model in models:
            _RULES.setdefault(model, []).append(fn)
        return fn

    return register


def run_validators(session: Session, candidate: Record, existing: Record | None) -> None:
    if isinstance(candidate, CodedRecord):
        check_code(candidate.code)
    for fn in _RULES.get(type(candidate), []):
        fn(session, candidate, existing)


# ------------------------------------------------------------------ helpers


def check_code(code: str) -> None:
    if not code:
        raise ValidationError("A code is required (for example PRJ-042).", field="code")
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            f"Code {code!r} may use only letters, digits and . _ / - (at most 40 characters).",
            field="code",
        )


def require_text(value: str, field: str, what: str) -> None:
    if not value or not value.strip():
        raise ValidationError(f"{what} is required.", field=field)


def check_order(
    first: date | None, second: date | None, first_field: str, second_field: str
) -> None:
    if first is not None and second is not None and second < first:
        label = second_field.replace("_", " ")
        raise ValidationError(
            f"The {label} ({second.isoformat()}) is before the {first_field.replace('_', ' ')} "
            f"({first.isoformat()}).",
            field=second_field,
        )


def check_not_negative(value: float | None, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(
            f"The {field.replace('_', ' ')} cannot be negative ({value:g}).", field=field
        )


def check_range(value: float | None, low: float, high: float, field: str) -> None:
    if value is not None and not low <= value <= high:
        raise ValidationError(
            f"The {field.replace('_', ' ')} must be between {low:g} and {high:g}, not {value:g}.",
            field=field,
        )


def check_live_project(session: Session, project_id: object, field: str = "project_id") -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise ValidationError("The project does not exist.", field=field)
    if project.archived_at is not None:
        raise ValidationError(f"Project {project.code} is archived; restore it first.", field=field)
    return project


# ------------------------------------------------------------------ rules per record


@rule(Project)
def _project(session: Session, p: Record, _existing: Record | None) -> None:
    assert isinstance(p, Project)
    require_text(p.name, "name", "A project name")
    check_order(p.planned_start, p.planned_finish, "planned_start", "planned_finish")
    check_order(p.forecast_start, p.forecast_finish, "forecast_start", "forecast_finish")
    check_order(p.actual_start, p.actual_finish, "actual_start", "actual_finish")
    for money in ("budget", "actual_cost", "forecast_cost"):
        check_not_negative(getattr(p, money), money)
    check_range(p.percent_complete, 0, 100, "percent_complete")
    if p.programme_id is not None:
        programme = session.get(Programme, p.programme_id)
        if programme is None:
            raise ValidationError("The programme does not exist.", field="programme_id")
        if programme.archived_at is not None:
            raise ValidationError(f"Programme {programme.code} is archived.", field="programme_id")


@rule(Programme)
def _programme(_s: Session, p: Record, _e: Record | None) -> None:
    assert isinstance(p, Programme)
    require_text(p.name, "name", "A programme name")


@rule(Person)
def _person(_s: Session, p: Record, _e: Record | None) -> None:
    assert isinstance(p, Person)
    require_text(p.name, "name", "A person's name")
    check_range(p.weekly_capacity_hours, 0, 168, "weekly_capacity_hours")
    check_range(p.part_time_factor, 0, 1, "part_time_factor")


@rule(CapacityException)
def _capacity_exception(_s: Session, c: Record, _e: Record | None) -> None:
    assert isinstance(c, CapacityException)
    check_range(c.hours_unavailable, 0, 168, "hours_unavailable")


@rule(Allocation)
def _allocation(session: Session, a: Record, _e: Record | None) -> None:
    assert isinstance(a, Allocation)
    check_live_project(session, a.project_id)
    if a.person_id is None and a.role_id is None:
        raise ValidationError(
            "An allocation needs a person, or a role until someone is named.", field="person_id"
        )
    check_range(a.hours, 0, 168, "hours")
    if a.week_start.weekday() != 0:
        raise ValidationError(
            f"Allocations are by week: {a.week_start.isoformat()} is not a Monday.",
            field="week_start",
        )


@rule(Milestone)
def _milestone(session: Session, m: Record, _e: Record | None) -> None:
    assert isinstance(m, Milestone)
    require_text(m.name, "name", "A milestone name")
    check_live_project(session, m.project_id)


@rule(RaidItem)
def _raid(_s: Session, r: Record, _e: Record | None) -> None:
    assert isinstance(r, RaidItem)
    require_text(r.title, "title", "A title")
    check_scale(r.probability, "probability")
    check_scale(r.impact, "impact")
    check_order(r.raised_on, r.closed_on, "raised_on", "closed_on")


@rule(Decision)
def _decision(_s: Session, d: Record, _e: Record | None) -> None:
    assert isinstance(d, Decision)
    require_text(d.title, "title", "A title")


@rule(StatusReport)
def _status_report(session: Session, r: Record, existing: Record | None) -> None:
    assert isinstance(r, StatusReport)
    if not PERIOD_PATTERN.match(r.period):
        raise ValidationError(
            f"Period {r.period!r} must be written YYYY-MM, e.g. 2026-03.", field="period"
        )
    check_live_project(session, r.project_id)
    check_range(r.percent_complete, 0, 100, "percent_complete")
    if isinstance(existing, StatusReport) and existing.frozen:
        raise ValidationError(
            f"The report for {existing.period} is frozen because that period is closed.",
            field="period",
        )


@rule(Benefit)
def _benefit(_s: Session, b: Record, _e: Record | None) -> None:
    assert isinstance(b, Benefit)
    require_text(b.name, "name", "A benefit name")
