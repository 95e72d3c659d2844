"""The rules each kind of record must satisfy beyond its field types.

A rule receives the session, the validated candidate (detached, with the
values it would have) and the existing record (``None`` when creating or
restoring); it raises :class:`~pmodesk.domain.errors.ValidationError` naming
the field, or :class:`~pmodesk.domain.errors.ConflictError` when the values
clash with another record (a second status report for the same period).

References to other records (a project's programme, an allocation's person)
must point at live records when they are set: on creation, on restore, and
when an edit changes them. An edit that leaves a reference alone is not
refused because the referenced record was archived meanwhile, so that the
budget of a project in an archived programme can still be corrected.

The rules refuse what is certainly wrong (a finish before its start, a
negative budget, a week that does not start on a Monday), never what is
merely unusual: real portfolios carry milestones that slipped past their
baseline and actual dates typed in advance.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import (
    Allocation,
    Benefit,
    BenefitMeasurement,
    CapacityException,
    Certification,
    CodedRecord,
    Decision,
    GateChecklistItem,
    Lesson,
    Milestone,
    Person,
    PersonSkill,
    Portfolio,
    Programme,
    Project,
    ProjectBaseline,
    ProjectChecklistItem,
    ProjectDependency,
    ProjectObjective,
    ProjectScore,
    PublicHoliday,
    RaidItem,
    Record,
    Role,
    Scenario,
    ScenarioShift,
    ScoringCriterion,
    Skill,
    Stage,
    StatusReport,
    StrategicObjective,
    Team,
    Template,
    TrainingRecord,
)
from pmodesk.domain.enums import ChecklistStatus, DecisionStatus
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.domain.rules import check_scale

Rule = Callable[[Session, Record, Record | None], None]
_RULES: dict[type[Record], list[Rule]] = {}

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._/-]{0,39}$")
#: A reporting period: a month ``2026-03`` (the default) or an ISO week ``2026-W09``.
PERIOD_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$")
HOURS_IN_WEEK = 168

#: How a field is called in a sentence, where its column name would not do.
FIELD_LABELS: dict[str, str] = {
    "rag_overall": "overall RAG",
    "rag_schedule": "schedule RAG",
    "rag_cost": "cost RAG",
    "rag_scope": "scope RAG",
    "rag_resources": "resources RAG",
    "percent_complete": "percent complete",
    "portfolio_id": "portfolio",
    "programme_id": "programme",
    "stage_id": "stage",
    "project_id": "project",
    "person_id": "person",
    "role_id": "role",
    "team_id": "team",
    "objective_id": "objective",
    "item_id": "checklist item",
    "milestone_id": "milestone",
    "predecessor_id": "predecessor",
    "successor_id": "successor",
    "weekly_capacity_hours": "weekly capacity in hours",
    "part_time_factor": "part-time factor",
    "template_version": "template version",
    "raised_on": "date raised",
    "closed_on": "date closed",
    "decided_on": "decision date",
    "criterion_id": "criterion",
    "scale_min": "lowest score",
    "scale_max": "highest score",
    "higher_is_better": "higher is better",
}


def field_label(field: str) -> str:
    """``planned_finish`` -> ``planned finish``; ``rag_cost`` -> ``cost RAG``."""
    return FIELD_LABELS.get(field, field.replace("_", " "))


def kind_label(model: type[Record]) -> str:
    """``gate_checklist_item`` -> ``gate checklist item``: the record kind in a sentence."""
    return str(model.__tablename__).replace("_", " ")


def rule(*models: type[Record]) -> Callable[[Rule], Rule]:
    """Register ``fn`` as a rule for each of ``models``."""

    def register(fn: Rule) -> Rule:
        for model in models:
            _RULES.setdefault(model, []).append(fn)
        return fn

    return register


def run_validators(session: Session, candidate: Record, existing: Record | None) -> None:
    """Check ``candidate`` against every rule of its kind; the first broken rule raises."""
    if isinstance(candidate, CodedRecord | Template):
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
    """Refuse ``second`` (a finish) before ``first`` (its start), naming ``second_field``."""
    if first is not None and second is not None and second < first:
        raise ValidationError(
            f"The {field_label(second_field)} ({second.isoformat()}) is before the "
            f"{field_label(first_field)} ({first.isoformat()}).",
            field=second_field,
        )


def check_not_negative(value: float | None, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(
            f"The {field_label(field)} cannot be negative ({value:g}).", field=field
        )


def check_range(value: float | None, low: float, high: float, field: str) -> None:
    if value is not None and not low <= value <= high:
        raise ValidationError(
            f"The {field_label(field)} must be between {low:g} and {high:g}, not {value:g}.",
            field=field,
        )


def check_monday(value: date, field: str, what: str) -> None:
    if value.weekday() != 0:
        raise ValidationError(
            f"{what} are by week: {value.isoformat()} is a {value:%A}, not a Monday.",
            field=field,
        )


def _describe(record: Record) -> str:
    """``Project PRJ-042``, or ``That allocation`` for a record without a code."""
    code = getattr(record, "code", None)
    kind = kind_label(type(record))
    return f"{kind.capitalize()} {code}" if code else f"That {kind}"


def check_live[T: Record](session: Session, model: type[T], record_id: Any, field: str) -> T:
    """The record ``record_id`` of ``model``; refused when it does not exist or is archived."""
    found = session.get(model, record_id)
    if found is None:
        raise ValidationError(f"The {kind_label(model)} does not exist.", field=field)
    if getattr(found, "archived_at", None) is not None:
        raise ValidationError(f"{_describe(found)} is archived; restore it first.", field=field)
    return found


def check_live_project(session: Session, project_id: object, field: str = "project_id") -> Project:
    return check_live(session, Project, project_id, field)


def changed(candidate: Record, existing: Record | None, field: str) -> bool:
    """True when ``field`` is being set: a new or restored record, or an edit of that field."""
    return existing is None or getattr(candidate, field) != getattr(existing, field)


def check_reference(
    session: Session,
    model: type[Record],
    candidate: Record,
    existing: Record | None,
    field: str,
) -> Record | None:
    """Check an optional reference when it is being set; returns the referenced record."""
    value = getattr(candidate, field)
    if value is None:
        return None
    if changed(candidate, existing, field):
        return check_live(session, model, value, field)
    return session.get(model, value)


def check_unique(
    session: Session,
    candidate: Record,
    columns: dict[str, Any],
    *,
    field: str,
    message: str,
) -> None:
    """Refuse a second record (archived ones count: the store keeps them) with the same values."""
    model = type(candidate)
    statement = select(model).where(col(model.id) != candidate.id)
    for name, value in columns.items():
        statement = statement.where(getattr(model, name) == value)
    clash = session.exec(statement).first()
    if clash is not None:
        state = " (archived; restore it instead)" if getattr(clash, "archived_at", None) else ""
        raise ConflictError(f"{message}{state}.", field=field)


def _code_of(session: Session, model: type[Record], record_id: uuid.UUID | None) -> str:
    found = session.get(model, record_id) if record_id is not None else None
    return str(getattr(found, "code", "") or "")


# ------------------------------------------------------------------ portfolio structure


@rule(Portfolio)
def _portfolio(_s: Session, p: Record, _e: Record | None) -> None:
    assert isinstance(p, Portfolio)
    require_text(p.name, "name", "A portfolio name")


@rule(Programme)
def _programme(session: Session, p: Record, existing: Record | None) -> None:
    assert isinstance(p, Programme)
    require_text(p.name, "name", "A programme name")
    check_reference(session, Portfolio, p, existing, "portfolio_id")


@rule(StrategicObjective)
def _objective(_s: Session, o: Record, _e: Record | None) -> None:
    assert isinstance(o, StrategicObjective)
    require_text(o.name, "name", "An objective name")
    check_not_negative(o.weight, "weight")


@rule(Project)
def _project(session: Session, p: Record, existing: Record | None) -> None:
    assert isinstance(p, Project)
    require_text(p.name, "name", "A project name")
    check_order(p.planned_start, p.planned_finish, "planned_start", "planned_finish")
    check_order(p.forecast_start, p.forecast_finish, "forecast_start", "forecast_finish")
    check_order(p.actual_start, p.actual_finish, "actual_start", "actual_finish")
    for money in ("budget", "actual_cost", "forecast_cost"):
        check_not_negative(getattr(p, money), money)
    check_range(p.percent_complete, 0, 100, "percent_complete")
    check_reference(session, Portfolio, p, existing, "portfolio_id")
    check_reference(session, Stage, p, existing, "stage_id")
    programme = check_reference(session, Programme, p, existing, "programme_id")
    if (
        isinstance(programme, Programme)
        and programme.portfolio_id is not None
        and p.portfolio_id is not None
        and p.portfolio_id != programme.portfolio_id
        and (changed(p, existing, "portfolio_id") or changed(p, existing, "programme_id"))
    ):
        raise ValidationError(
            f"Programme {programme.code} belongs to portfolio "
            f"{_code_of(session, Portfolio, programme.portfolio_id)}, so its projects sit there "
            f"too, not in {_code_of(session, Portfolio, p.portfolio_id)}.",
            field="portfolio_id",
        )


@rule(ProjectObjective)
def _project_objective(session: Session, link: Record, existing: Record | None) -> None:
    assert isinstance(link, ProjectObjective)
    check_reference(session, Project, link, existing, "project_id")
    objective = check_reference(session, StrategicObjective, link, existing, "objective_id")
    check_range(link.contribution, 0, 5, "contribution")
    check_unique(
        session,
        link,
        {"project_id": link.project_id, "objective_id": link.objective_id},
        field="objective_id",
        message=(
            f"Project {_code_of(session, Project, link.project_id)} is already aligned to "
            f"objective {getattr(objective, 'code', '')}"
        ),
    )


@rule(ProjectDependency)
def _dependency(session: Session, d: Record, existing: Record | None) -> None:
    assert isinstance(d, ProjectDependency)
    predecessor = check_reference(session, Project, d, existing, "predecessor_id")
    check_reference(session, Project, d, existing, "successor_id")
    if d.predecessor_id == d.successor_id:
        raise ValidationError(
            f"Project {getattr(predecessor, 'code', '')} cannot depend on itself; "
            "choose another successor.",
            field="successor_id",
        )
    milestone = check_reference(session, Milestone, d, existing, "milestone_id")
    if isinstance(milestone, Milestone) and milestone.project_id != d.predecessor_id:
        raise ValidationError(
            f"Milestone {milestone.code} belongs to project "
            f"{_code_of(session, Project, milestone.project_id)}, not to the predecessor "
            f"{getattr(predecessor, 'code', '')}.",
            field="milestone_id",
        )
    check_unique(
        session,
        d,
        {
            "predecessor_id": d.predecessor_id,
            "successor_id": d.successor_id,
            "milestone_id": d.milestone_id,
        },
        field="successor_id",
        message=(
            f"Project {_code_of(session, Project, d.successor_id)} already depends on "
            f"{getattr(predecessor, 'code', '')}"
            + (f" for milestone {milestone.code}" if isinstance(milestone, Milestone) else "")
        ),
    )


# ------------------------------------------------------------------ lifecycle


@rule(Stage)
def _stage(_s: Session, st: Record, _e: Record | None) -> None:
    assert isinstance(st, Stage)
    require_text(st.name, "name", "A stage name")
    check_not_negative(st.position, "position")


@rule(GateChecklistItem)
def _gate_item(session: Session, item: Record, existing: Record | None) -> None:
    assert isinstance(item, GateChecklistItem)
    require_text(item.text, "text", "The checklist item's text")
    check_reference(session, Stage, item, existing, "stage_id")
    check_not_negative(item.position, "position")


@rule(ProjectChecklistItem)
def _project_checklist(session: Session, answer: Record, existing: Record | None) -> None:
    assert isinstance(answer, ProjectChecklistItem)
    project = check_reference(session, Project, answer, existing, "project_id")
    item = check_reference(session, GateChecklistItem, answer, existing, "item_id")
    if answer.status == ChecklistStatus.WAIVED and not answer.reason.strip():
        raise ValidationError(
            "A waived checklist item needs a reason (who agreed to waive it and why).",
            field="reason",
        )
    check_unique(
        session,
        answer,
        {"project_id": answer.project_id, "item_id": answer.item_id},
        field="item_id",
        message=(
            f"Project {getattr(project, 'code', '')} already has an answer for checklist item "
            f"{getattr(item, 'code', '')}"
        ),
    )


@rule(Milestone)
def _milestone(session: Session, m: Record, existing: Record | None) -> None:
    assert isinstance(m, Milestone)
    require_text(m.name, "name", "A milestone name")
    check_reference(session, Project, m, existing, "project_id")


# ------------------------------------------------------------------ people


@rule(Team)
def _team(_s: Session, t: Record, _e: Record | None) -> None:
    assert isinstance(t, Team)
    require_text(t.name, "name", "A team name")


@rule(Role)
def _role(_s: Session, r: Record, _e: Record | None) -> None:
    assert isinstance(r, Role)
    require_text(r.name, "name", "A role name")


@rule(Person)
def _person(session: Session, p: Record, existing: Record | None) -> None:
    assert isinstance(p, Person)
    require_text(p.name, "name", "A person's name")
    check_range(p.weekly_capacity_hours, 0, HOURS_IN_WEEK, "weekly_capacity_hours")
    check_range(p.part_time_factor, 0, 1, "part_time_factor")
    check_reference(session, Team, p, existing, "team_id")
    check_reference(session, Role, p, existing, "role_id")


@rule(CapacityException)
def _capacity_exception(session: Session, c: Record, existing: Record | None) -> None:
    assert isinstance(c, CapacityException)
    check_reference(session, Person, c, existing, "person_id")
    check_monday(c.week_start, "week_start", "Capacity exceptions")
    check_range(c.hours_unavailable, 0, HOURS_IN_WEEK, "hours_unavailable")


@rule(Allocation)
def _allocation(session: Session, a: Record, existing: Record | None) -> None:
    assert isinstance(a, Allocation)
    check_reference(session, Project, a, existing, "project_id")
    if a.person_id is None and a.role_id is None:
        raise ValidationError(
            "An allocation needs a person, or a role until someone is named.", field="person_id"
        )
    check_reference(session, Person, a, existing, "person_id")
    check_reference(session, Role, a, existing, "role_id")
    check_range(a.hours, 0, HOURS_IN_WEEK, "hours")
    check_monday(a.week_start, "week_start", "Allocations")


# ------------------------------------------------------------------ RAID, decisions, monitoring


@rule(RaidItem)
def _raid(session: Session, r: Record, existing: Record | None) -> None:
    assert isinstance(r, RaidItem)
    require_text(r.title, "title", "A title")
    check_reference(session, Project, r, existing, "project_id")
    check_scale(r.probability, "probability")
    check_scale(r.impact, "impact")
    check_order(r.raised_on, r.closed_on, "raised_on", "closed_on")


@rule(Decision)
def _decision(session: Session, d: Record, existing: Record | None) -> None:
    assert isinstance(d, Decision)
    require_text(d.title, "title", "A title")
    check_reference(session, Project, d, existing, "project_id")
    if d.status in (DecisionStatus.APPROVED, DecisionStatus.REJECTED) and d.decided_on is None:
        raise ValidationError(
            f"A decision marked {d.status.value} needs the date it was decided on.",
            field="decided_on",
        )


@rule(StatusReport)
def _status_report(session: Session, r: Record, existing: Record | None) -> None:
    assert isinstance(r, StatusReport)
    if not PERIOD_PATTERN.match(r.period):
        raise ValidationError(
            f"Period {r.period!r} must be written YYYY-MM (e.g. 2026-03) "
            "or as an ISO week YYYY-Www (e.g. 2026-W09).",
            field="period",
        )
    project = check_reference(session, Project, r, existing, "project_id")
    check_range(r.percent_complete, 0, 100, "percent_complete")
    for money in ("actual_cost", "forecast_cost"):
        check_not_negative(getattr(r, money), money)
    if isinstance(existing, StatusReport) and existing.frozen and r.frozen:
        raise ValidationError(
            f"The report for {existing.period} is frozen because that period is closed.",
            field="period",
        )
    check_unique(
        session,
        r,
        {"project_id": r.project_id, "period": r.period},
        field="period",
        message=(
            f"Project {getattr(project, 'code', '')} already has a status report for {r.period}; "
            "edit that one instead"
        ),
    )


@rule(Benefit)
def _benefit(session: Session, b: Record, existing: Record | None) -> None:
    assert isinstance(b, Benefit)
    require_text(b.name, "name", "A benefit name")
    check_reference(session, Project, b, existing, "project_id")
    check_reference(session, StrategicObjective, b, existing, "objective_id")


@rule(Lesson)
def _lesson(session: Session, lesson: Record, existing: Record | None) -> None:
    assert isinstance(lesson, Lesson)
    require_text(lesson.title, "title", "A lesson title")
    check_reference(session, Project, lesson, existing, "project_id")


@rule(BenefitMeasurement)
def _measurement(session: Session, m: Record, existing: Record | None) -> None:
    assert isinstance(m, BenefitMeasurement)
    benefit = check_reference(session, Benefit, m, existing, "benefit_id")
    if not math.isfinite(m.value):
        raise ValidationError("A measured value must be a number.", field="value")
    check_unique(
        session,
        m,
        {"benefit_id": m.benefit_id, "measured_on": m.measured_on},
        field="measured_on",
        message=(
            f"Benefit {getattr(benefit, 'code', '')} already has a measurement on "
            f"{m.measured_on.isoformat()}; correct that one instead"
        ),
    )


@rule(ProjectBaseline)
def _baseline(session: Session, b: Record, existing: Record | None) -> None:
    assert isinstance(b, ProjectBaseline)
    project = check_reference(session, Project, b, existing, "project_id")
    if b.number < 1:
        raise ValidationError(
            f"A baseline number is a whole number from 1, not {b.number}.", field="number"
        )
    check_order(b.planned_start, b.planned_finish, "planned_start", "planned_finish")
    check_not_negative(b.budget, "budget")
    check_unique(
        session,
        b,
        {"project_id": b.project_id, "number": b.number},
        field="number",
        message=f"Project {getattr(project, 'code', '')} already has a baseline {b.number}",
    )


# ------------------------------------------------------------------ templates


@rule(Template)
def _template(session: Session, t: Record, _e: Record | None) -> None:
    assert isinstance(t, Template)
    require_text(t.name, "name", "A template name")
    if t.template_version < 1:
        raise ValidationError(
            f"A template version is a whole number from 1, not {t.template_version}.",
            field="template_version",
        )
    check_unique(
        session,
        t,
        {"code": t.code, "template_version": t.template_version},
        field="template_version",
        message=(
            f"Template {t.code} already has a version {t.template_version}; "
            "choose another code or version"
        ),
    )


# ------------------------------------------------------------------ prioritisation


@rule(ScoringCriterion)
def _criterion(session: Session, c: Record, existing: Record | None) -> None:
    assert isinstance(c, ScoringCriterion)
    require_text(c.name, "name", "A criterion name")
    if not math.isfinite(c.weight) or c.weight < 0:
        raise ValidationError(
            f"The weight of criterion {c.name} must be zero or more, not {c.weight:g}.",
            field="weight",
        )
    if c.scale_min >= c.scale_max:
        raise ValidationError(
            f"The lowest score ({c.scale_min}) must be below the highest score ({c.scale_max}).",
            field="scale_max",
        )
    check_reference(session, StrategicObjective, c, existing, "objective_id")


@rule(ProjectScore)
def _project_score(session: Session, s: Record, existing: Record | None) -> None:
    assert isinstance(s, ProjectScore)
    project = check_reference(session, Project, s, existing, "project_id")
    criterion = check_reference(session, ScoringCriterion, s, existing, "criterion_id")
    if isinstance(criterion, ScoringCriterion) and not (
        criterion.scale_min <= s.score <= criterion.scale_max
    ):
        raise ValidationError(
            f"A score for {criterion.name} is a whole number from {criterion.scale_min} "
            f"to {criterion.scale_max}, not {s.score}.",
            field="score",
        )
    check_unique(
        session,
        s,
        {"project_id": s.project_id, "criterion_id": s.criterion_id},
        field="criterion_id",
        message=(
            f"Project {getattr(project, 'code', '')} already has a score for criterion "
            f"{getattr(criterion, 'code', '')}"
        ),
    )


# ------------------------------------------------------------------ skills, holidays, scenarios

FIELD_LABELS.update(
    {
        "skill_id": "skill",
        "scenario_id": "scenario",
        "obtained_on": "date obtained",
        "expires_on": "expiry date",
        "starts_on": "start date",
        "ends_on": "end date",
    }
)
SKILL_LEVELS = (1, 5)
#: A scenario may move a project by up to five years either way.
MAX_SHIFT_WEEKS = 260


@rule(Skill)
def _skill(_s: Session, skill: Record, _e: Record | None) -> None:
    assert isinstance(skill, Skill)
    require_text(skill.name, "name", "A skill name")


@rule(PersonSkill)
def _person_skill(session: Session, ps: Record, existing: Record | None) -> None:
    assert isinstance(ps, PersonSkill)
    person = check_reference(session, Person, ps, existing, "person_id")
    skill = check_reference(session, Skill, ps, existing, "skill_id")
    low, high = SKILL_LEVELS
    if not low <= ps.level <= high:
        raise ValidationError(
            f"A skill level is from {low} (aware) to {high} (expert), not {ps.level}.",
            field="level",
        )
    check_unique(
        session,
        ps,
        {"person_id": ps.person_id, "skill_id": ps.skill_id},
        field="skill_id",
        message=(
            f"{getattr(person, 'name', 'That person')} already has skill "
            f"{getattr(skill, 'code', '')}; change its level instead"
        ),
    )


@rule(Certification)
def _certification(session: Session, c: Record, existing: Record | None) -> None:
    assert isinstance(c, Certification)
    check_reference(session, Person, c, existing, "person_id")
    require_text(c.name, "name", "The certificate's name")
    if c.obtained_on is not None and c.expires_on is not None and c.expires_on <= c.obtained_on:
        raise ValidationError(
            f"The expiry date ({c.expires_on.isoformat()}) must be after the date obtained "
            f"({c.obtained_on.isoformat()}).",
            field="expires_on",
        )


@rule(TrainingRecord)
def _training(session: Session, t: Record, existing: Record | None) -> None:
    assert isinstance(t, TrainingRecord)
    check_reference(session, Person, t, existing, "person_id")
    require_text(t.course, "course", "The course")
    check_order(t.starts_on, t.ends_on, "starts_on", "ends_on")
    check_range(t.hours, 0, 10_000, "hours")


@rule(PublicHoliday)
def _public_holiday(session: Session, h: Record, _e: Record | None) -> None:
    assert isinstance(h, PublicHoliday)
    require_text(h.calendar, "calendar", "The holiday's calendar (for example UK or DE-BY)")
    require_text(h.name, "name", "The holiday's name")
    check_unique(
        session,
        h,
        {"calendar": h.calendar, "day": h.day},
        field="day",
        message=f"Calendar {h.calendar} already has a holiday on {h.day.isoformat()}",
    )


@rule(Scenario)
def _scenario(_s: Session, sc: Record, _e: Record | None) -> None:
    assert isinstance(sc, Scenario)
    require_text(sc.name, "name", "A scenario name")


@rule(ScenarioShift)
def _scenario_shift(session: Session, shift: Record, existing: Record | None) -> None:
    assert isinstance(shift, ScenarioShift)
    scenario = check_reference(session, Scenario, shift, existing, "scenario_id")
    project = check_reference(session, Project, shift, existing, "project_id")
    check_range(shift.weeks, -MAX_SHIFT_WEEKS, MAX_SHIFT_WEEKS, "weeks")
    check_unique(
        session,
        shift,
        {"scenario_id": shift.scenario_id, "project_id": shift.project_id},
        field="project_id",
        message=(
            f"Scenario {getattr(scenario, 'code', '')} already shifts project "
            f"{getattr(project, 'code', '')}; change that shift instead"
        ),
    )
