"""Bad input to every record kind is refused with one sentence naming the field, and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from portfolio_world import World, build_world, count, snapshot
from sqlmodel import Session

from pmodesk.domain import (
    Allocation,
    Benefit,
    BenefitMeasurement,
    CapacityException,
    Decision,
    GateChecklistItem,
    Lesson,
    Milestone,
    Person,
    Portfolio,
    Programme,
    Project,
    ProjectBaseline,
    ProjectChecklistItem,
    ProjectDependency,
    ProjectObjective,
    RaidItem,
    Record,
    Role,
    Stage,
    StatusReport,
    StrategicObjective,
    Team,
    Template,
)
from pmodesk.domain.errors import ConflictError, DomainError, ValidationError
from pmodesk.services import records
from pmodesk.services.references import resolve_references
from pmodesk.services.validation import PERIOD_PATTERN, check_code

Setup = Callable[[Session, World], None]


def _archive(attr: str) -> Setup:
    def setup(session: Session, world: World) -> None:
        records.archive(session, getattr(world, attr))

    return setup


def _make(model: type[Record], values: dict[str, Any]) -> Setup:
    def setup(session: Session, world: World) -> None:
        records.create(session, model, resolve_references(session, model, values))

    return setup


@dataclass
class Bad:
    """Valid ``base`` values (codes for references), the ``bad`` part, and what must be said."""

    model: type[Record]
    base: dict[str, Any]
    bad: dict[str, Any]
    field: str
    words: str
    error: type[DomainError] = ValidationError
    setup: Setup | None = None
    create_only: bool = False


MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)
PROJECT = {"code": "PRJ-9", "name": "Data lake"}
PROGRAMME = {"code": "PGM-9", "name": "Finance", "portfolio": "PF-1"}
PERSON = {"code": "PER-9", "name": "Ана Иванова", "team": "TEAM-1", "role": "ROLE-1"}
ALLOCATION = {"person": "PER-1", "project": "PRJ-1", "week_start": MONDAY, "hours": 10}
EXCEPTION = {"person": "PER-1", "week_start": MONDAY, "hours_unavailable": 8}
RISK = {"code": "R-9", "project": "PRJ-1", "title": "Supplier fails"}
DECISION = {"code": "D-9", "project": "PRJ-1", "title": "Go or no go"}
REPORT = {"project": "PRJ-1", "period": "2026-03"}
DEPENDENCY = {"predecessor": "PRJ-1", "successor": "PRJ-2"}
TEMPLATE = {"code": "TPL-9", "name": "Small project"}
ANSWER = {"project": "PRJ-1", "item": "GCI-1"}

BASELINE = {
    "project": "PRJ-1",
    "number": 1,
    "set_on": "2026-02-01",
    "planned_start": "2026-02-01",
    "planned_finish": "2026-12-31",
    "budget": 1000.0,
}

BAD_INPUT = [
    # ---- projects: the cases the issue names, then the rest
    pytest.param(Bad(Project, PROJECT, {"code": "PRJ-1"}, "code", "already used", ConflictError), id="project-duplicate-code"),
    pytest.param(Bad(Project, PROJECT, {"planned_start": date(2026, 5, 1), "planned_finish": date(2026, 4, 1)}, "planned_finish", "planned finish (2026-04-01) is before the planned start"), id="project-finish-before-start"),
    pytest.param(Bad(Project, PROJECT, {"forecast_start": "2026-05-01", "forecast_finish": "2026-04-30"}, "forecast_finish", "before the forecast start"), id="project-forecast-finish-before-start"),
    pytest.param(Bad(Project, PROJECT, {"actual_start": "2026-05-01", "actual_finish": "2026-01-30"}, "actual_finish", "before the actual start"), id="project-actual-finish-before-start"),
    pytest.param(Bad(Project, PROJECT, {"budget": -500}, "budget", "budget cannot be negative (-500)"), id="project-negative-budget"),
    pytest.param(Bad(Project, PROJECT, {"actual_cost": -1}, "actual_cost", "actual cost cannot be negative"), id="project-negative-actual-cost"),
    pytest.param(Bad(Project, PROJECT, {"forecast_cost": -1}, "forecast_cost", "forecast cost cannot be negative"), id="project-negative-forecast-cost"),
    pytest.param(Bad(Project, PROJECT, {"percent_complete": 120}, "percent_complete", "between 0 and 100, not 120"), id="project-percent-over-100"),
    pytest.param(Bad(Project, PROJECT, {"name": "   "}, "name", "A project name is required"), id="project-blank-name"),
    pytest.param(Bad(Project, {"name": "No code"}, {}, "code", "Code is required", create_only=True), id="project-missing-code"),
    pytest.param(Bad(Project, PROJECT, {"code": "PRJ 9!"}, "code", "may use only letters, digits"), id="project-bad-code"),
    pytest.param(Bad(Project, PROJECT, {"budget": "lots"}, "budget", "Budget: 'lots' is not valid"), id="project-budget-not-a-number"),
    pytest.param(Bad(Project, PROJECT, {"planned_start": "31/02/2026"}, "planned_start", "Planned start: '31/02/2026' is not valid"), id="project-bad-date"),
    pytest.param(Bad(Project, PROJECT, {"state": "paused"}, "state", "'active', 'on_hold', 'cancelled' or 'closed'"), id="project-unknown-state"),
    pytest.param(Bad(Project, PROJECT, {"rag_cost": "purple"}, "rag_cost", "Cost RAG: 'purple' is not valid"), id="project-unknown-rag"),
    pytest.param(Bad(Project, PROJECT, {"programme": "PGM-1"}, "programme_id", "Programme PGM-1 is archived; restore it first", setup=_archive("programme")), id="project-archived-programme"),
    pytest.param(Bad(Project, PROJECT, {"portfolio": "PF-2"}, "portfolio_id", "Portfolio PF-2 is archived", setup=_archive("other_portfolio")), id="project-archived-portfolio"),
    pytest.param(Bad(Project, PROJECT, {"stage": "IDEA"}, "stage_id", "Stage IDEA is archived", setup=_archive("idea")), id="project-archived-stage"),
    pytest.param(Bad(Project, PROJECT, {"programme": "PGM-1", "portfolio": "PF-2"}, "portfolio_id", "Programme PGM-1 belongs to portfolio PF-1"), id="project-portfolio-not-the-programmes"),
    pytest.param(Bad(Project, PROJECT, {"colour": "blue"}, "colour", "A project has no field 'colour'"), id="project-unknown-field"),
    pytest.param(Bad(Project, PROJECT, {"version": 7}, "version", "kept by pmodesk"), id="project-protected-field"),
    # ---- portfolio structure
    pytest.param(Bad(Portfolio, {"code": "PF-9", "name": "X"}, {"name": ""}, "name", "A portfolio name is required"), id="portfolio-blank-name"),
    pytest.param(Bad(Portfolio, {"code": "PF-9", "name": "X"}, {"code": "PF-1"}, "code", "Code PF-1 is already used by another portfolio", ConflictError), id="portfolio-duplicate-code"),
    pytest.param(Bad(Programme, PROGRAMME, {"name": " "}, "name", "A programme name is required"), id="programme-blank-name"),
    pytest.param(Bad(Programme, PROGRAMME, {}, "portfolio_id", "Portfolio PF-1 is archived", setup=_archive("portfolio")), id="programme-archived-portfolio"),
    pytest.param(Bad(StrategicObjective, {"code": "OBJ-9", "name": "Grow"}, {"weight": -2}, "weight", "weight cannot be negative"), id="objective-negative-weight"),
    pytest.param(Bad(ProjectObjective, {"project": "PRJ-2", "objective": "OBJ-1"}, {"contribution": 9}, "contribution", "between 0 and 5, not 9"), id="alignment-contribution-over-5"),
    pytest.param(Bad(ProjectObjective, {"project": "PRJ-2", "objective": "OBJ-1"}, {}, "objective_id", "Project PRJ-2 is already aligned to objective OBJ-1", ConflictError, setup=_make(ProjectObjective, {"project": "PRJ-2", "objective": "OBJ-1"})), id="alignment-duplicate"),
    pytest.param(Bad(ProjectDependency, DEPENDENCY, {"successor": "PRJ-1"}, "successor_id", "Project PRJ-1 cannot depend on itself"), id="dependency-on-itself"),
    pytest.param(Bad(ProjectDependency, DEPENDENCY, {}, "successor_id", "Project PRJ-2 already depends on PRJ-1", ConflictError, setup=_make(ProjectDependency, DEPENDENCY)), id="dependency-duplicate"),
    pytest.param(Bad(ProjectDependency, {"predecessor": "PRJ-2", "successor": "PRJ-1"}, {"milestone": "MS-1"}, "milestone_id", "Milestone MS-1 belongs to project PRJ-1, not to the predecessor PRJ-2"), id="dependency-milestone-of-another-project"),
    pytest.param(Bad(ProjectDependency, DEPENDENCY, {}, "successor_id", "Project PRJ-2 is archived", setup=_archive("other_project")), id="dependency-archived-successor"),
    # ---- lifecycle
    pytest.param(Bad(Stage, {"code": "ASSESS", "name": "Assessment", "position": 2}, {"name": ""}, "name", "A stage name is required"), id="stage-blank-name"),
    pytest.param(Bad(Stage, {"code": "ASSESS", "name": "Assessment", "position": 2}, {"position": -1}, "position", "position cannot be negative"), id="stage-negative-position"),
    pytest.param(Bad(Stage, {"code": "ASSESS", "name": "Assessment", "position": 2}, {"position": "second"}, "position", "Position: 'second' is not valid"), id="stage-position-not-a-number"),
    pytest.param(Bad(GateChecklistItem, {"code": "GCI-9", "stage": "IDEA", "text": "Budget agreed"}, {"text": ""}, "text", "The checklist item's text is required"), id="gate-item-blank-text"),
    pytest.param(Bad(GateChecklistItem, {"code": "GCI-9", "stage": "IDEA", "text": "Budget agreed"}, {}, "stage_id", "Stage IDEA is archived", setup=_archive("idea")), id="gate-item-archived-stage"),
    pytest.param(Bad(ProjectChecklistItem, ANSWER, {"status": "waived"}, "reason", "A waived checklist item needs a reason"), id="checklist-waived-without-reason"),
    pytest.param(Bad(ProjectChecklistItem, ANSWER, {}, "item_id", "Project PRJ-1 already has an answer for checklist item GCI-1", ConflictError, setup=_make(ProjectChecklistItem, ANSWER)), id="checklist-duplicate-answer"),
    pytest.param(Bad(ProjectChecklistItem, ANSWER, {"status": "maybe"}, "status", "'missing', 'done' or 'waived'"), id="checklist-unknown-status"),
    pytest.param(Bad(Milestone, {"code": "MS-9", "project": "PRJ-1", "name": "Pilot"}, {"name": ""}, "name", "A milestone name is required"), id="milestone-blank-name"),
    pytest.param(Bad(Milestone, {"code": "MS-9", "project": "PRJ-1", "name": "Pilot"}, {}, "project_id", "Project PRJ-1 is archived", setup=_archive("project")), id="milestone-archived-project"),
    # ---- people
    pytest.param(Bad(Team, {"code": "TEAM-9", "name": "Data"}, {"name": ""}, "name", "A team name is required"), id="team-blank-name"),
    pytest.param(Bad(Role, {"code": "ROLE-9", "name": "Analyst"}, {"name": ""}, "name", "A role name is required"), id="role-blank-name"),
    pytest.param(Bad(Person, PERSON, {"name": ""}, "name", "A person's name is required"), id="person-blank-name"),
    pytest.param(Bad(Person, PERSON, {"weekly_capacity_hours": 200}, "weekly_capacity_hours", "weekly capacity in hours must be between 0 and 168"), id="person-capacity-over-a-week"),
    pytest.param(Bad(Person, PERSON, {"part_time_factor": 1.5}, "part_time_factor", "part-time factor must be between 0 and 1"), id="person-part-time-over-1"),
    pytest.param(Bad(Person, PERSON, {}, "team_id", "Team TEAM-1 is archived", setup=_archive("team")), id="person-archived-team"),
    pytest.param(Bad(Person, PERSON, {}, "role_id", "Role ROLE-1 is archived", setup=_archive("role")), id="person-archived-role"),
    pytest.param(Bad(CapacityException, EXCEPTION, {"week_start": TUESDAY}, "week_start", "2026-03-03 is a Tuesday, not a Monday"), id="capacity-not-a-monday"),
    pytest.param(Bad(CapacityException, EXCEPTION, {"hours_unavailable": -4}, "hours_unavailable", "hours unavailable must be between 0 and 168"), id="capacity-negative-hours"),
    pytest.param(Bad(CapacityException, EXCEPTION, {}, "person_id", "Person PER-1 is archived", setup=_archive("person")), id="capacity-archived-person"),
    pytest.param(Bad(CapacityException, {"person": "PER-1", "hours_unavailable": 8}, {}, "week_start", "Week start is required", create_only=True), id="capacity-missing-week"),
    pytest.param(Bad(Allocation, ALLOCATION, {}, "project_id", "Project PRJ-1 is archived; restore it first", setup=_archive("project")), id="allocation-archived-project"),
    pytest.param(Bad(Allocation, ALLOCATION, {}, "person_id", "Person PER-1 is archived", setup=_archive("person")), id="allocation-archived-person"),
    pytest.param(Bad(Allocation, ALLOCATION, {"person": None}, "person_id", "needs a person, or a role"), id="allocation-nobody"),
    pytest.param(Bad(Allocation, ALLOCATION, {"week_start": TUESDAY}, "week_start", "Allocations are by week"), id="allocation-not-a-monday"),
    pytest.param(Bad(Allocation, ALLOCATION, {"hours": 170}, "hours", "hours must be between 0 and 168, not 170"), id="allocation-too-many-hours"),
    pytest.param(Bad(Allocation, ALLOCATION, {"hours": -1}, "hours", "between 0 and 168, not -1"), id="allocation-negative-hours"),
    # ---- RAID, decisions, monitoring
    pytest.param(Bad(RaidItem, RISK, {"probability": 0}, "probability", "Probability must be a whole number from 1 to 5, not 0"), id="risk-probability-0"),
    pytest.param(Bad(RaidItem, RISK, {"impact": 6}, "impact", "Impact must be a whole number from 1 to 5, not 6"), id="risk-impact-6"),
    pytest.param(Bad(RaidItem, RISK, {"probability": 2.5}, "probability", "Probability: 2.5 is not valid"), id="risk-probability-fraction"),
    pytest.param(Bad(RaidItem, RISK, {"kind": "threat"}, "kind", "'risk', 'assumption', 'issue' or 'dependency'"), id="raid-unknown-kind"),
    pytest.param(Bad(RaidItem, RISK, {"raised_on": "2026-03-01", "closed_on": "2026-02-01"}, "closed_on", "The date closed (2026-02-01) is before the date raised (2026-03-01)"), id="raid-closed-before-raised"),
    pytest.param(Bad(RaidItem, RISK, {"title": ""}, "title", "A title is required"), id="raid-blank-title"),
    pytest.param(Bad(RaidItem, RISK, {}, "project_id", "Project PRJ-1 is archived", setup=_archive("project")), id="raid-archived-project"),
    pytest.param(Bad(Decision, DECISION, {"status": "approved"}, "decided_on", "A decision marked approved needs the date it was decided on"), id="decision-approved-undated"),
    pytest.param(Bad(Decision, DECISION, {"status": "rejected"}, "decided_on", "marked rejected needs the date"), id="decision-rejected-undated"),
    pytest.param(Bad(Decision, DECISION, {"status": "maybe"}, "status", "'pending', 'approved', 'rejected' or 'deferred'"), id="decision-unknown-status"),
    pytest.param(Bad(StatusReport, REPORT, {"period": "March 2026"}, "period", "must be written YYYY-MM"), id="report-period-words"),
    pytest.param(Bad(StatusReport, REPORT, {"period": "2026-13"}, "period", "Period '2026-13' must be written YYYY-MM"), id="report-period-month-13"),
    pytest.param(Bad(StatusReport, REPORT, {}, "period", "Project PRJ-1 already has a status report for 2026-03", ConflictError, setup=_make(StatusReport, REPORT)), id="report-duplicate-period"),
    pytest.param(Bad(StatusReport, REPORT, {"percent_complete": 101}, "percent_complete", "percent complete must be between 0 and 100"), id="report-percent-over-100"),
    pytest.param(Bad(StatusReport, REPORT, {"actual_cost": -3}, "actual_cost", "actual cost cannot be negative"), id="report-negative-cost"),
    pytest.param(Bad(StatusReport, REPORT, {}, "project_id", "Project PRJ-1 is archived", setup=_archive("project")), id="report-archived-project"),
    pytest.param(Bad(Benefit, {"code": "B-9", "project": "PRJ-1", "name": "Savings"}, {"name": ""}, "name", "A benefit name is required"), id="benefit-blank-name"),
    pytest.param(Bad(Benefit, {"code": "B-9", "project": "PRJ-1", "name": "Savings", "objective": "OBJ-1"}, {}, "objective_id", "Strategic objective OBJ-1 is archived", setup=_archive("objective")), id="benefit-archived-objective"),
    pytest.param(Bad(Lesson, {"code": "L-9", "title": "Plan early"}, {"title": ""}, "title", "A lesson title is required"), id="lesson-blank-title"),
    pytest.param(Bad(Lesson, {"code": "L-9", "title": "Plan early", "project": "PRJ-1"}, {}, "project_id", "Project PRJ-1 is archived", setup=_archive("project")), id="lesson-archived-project"),
    pytest.param(Bad(ProjectBaseline, BASELINE, {"number": 0}, "number", "whole number from 1, not 0"), id="baseline-number-0"),
    pytest.param(Bad(ProjectBaseline, BASELINE, {"planned_finish": "2026-01-01"}, "planned_finish", "is before the"), id="baseline-finish-before-start"),
    pytest.param(Bad(ProjectBaseline, BASELINE, {"budget": -5}, "budget", "cannot be negative"), id="baseline-negative-budget"),
    pytest.param(Bad(ProjectBaseline, BASELINE, {}, "number", "Project PRJ-1 already has a baseline 1", ConflictError, setup=_make(ProjectBaseline, BASELINE)), id="baseline-duplicate-number"),
    # ---- templates
    pytest.param(Bad(Template, TEMPLATE, {"name": ""}, "name", "A template name is required"), id="template-blank-name"),
    pytest.param(Bad(Template, TEMPLATE, {"template_version": 0}, "template_version", "whole number from 1, not 0"), id="template-version-0"),
    pytest.param(Bad(Template, TEMPLATE, {"code": "tpl 9"}, "code", "may use only letters"), id="template-bad-code"),
    pytest.param(Bad(Template, TEMPLATE, {}, "template_version", "Template TPL-9 already has a version 1", ConflictError, setup=_make(Template, TEMPLATE)), id="template-duplicate-version"),
    pytest.param(Bad(Template, TEMPLATE, {"kind": "spreadsheet"}, "kind", "'project', 'gate_checklist', 'document' or 'lifecycle'"), id="template-unknown-kind"),
]  # fmt: skip


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def _refused(session: Session, case: Bad, action: Callable[[], object]) -> DomainError:
    session.flush()
    before = snapshot(session)
    rows = count(session, case.model)
    with pytest.raises(DomainError) as refused:
        action()
    error = refused.value
    assert type(error) is case.error
    assert error.field == case.field
    assert case.words in error.message
    assert error.message.endswith("."), "one sentence"
    assert "\n" not in error.message
    assert snapshot(session) == before, "a refused change writes nothing"
    assert count(session, case.model) == rows
    return error


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_to_create_is_refused_naming_the_field(
    session: Session, world: World, case: Bad
) -> None:
    values = resolve_references(session, case.model, case.base | case.bad)
    if case.setup is not None:
        case.setup(session, world)
    _refused(session, case, lambda: records.create(session, case.model, values))


# An edit reaches every case that changes something of a valid record.
def _editable(case: object) -> bool:
    return isinstance(case, Bad) and bool(case.bad) and not case.create_only


EDIT_CASES = [p for p in BAD_INPUT if _editable(p.values[0])]


@pytest.mark.parametrize("case", EDIT_CASES)
def test_bad_input_to_update_is_refused_and_the_record_is_left_alone(
    session: Session, world: World, case: Bad
) -> None:
    obj = records.create(session, case.model, resolve_references(session, case.model, case.base))
    changes = resolve_references(session, case.model, case.bad)
    if case.setup is not None:
        case.setup(session, world)
    before = obj.model_dump()
    _refused(session, case, lambda: records.update(session, obj, changes))
    assert obj.model_dump() == before


def test_references_archived_meanwhile_do_not_block_unrelated_edits(
    session: Session, world: World
) -> None:
    """A project in an archived programme can still have its budget corrected."""
    records.archive(session, world.programme)
    assert records.update(session, world.project, {"budget": 90_000}) == ["budget"]
    allocation = records.create(
        session, Allocation, resolve_references(session, Allocation, ALLOCATION)
    )
    records.archive(session, world.project)
    assert records.update(session, allocation, {"note": "Backfill"}) == ["note"]
    other = resolve_references(session, Allocation, {"project": "PRJ-2"})
    records.update(session, allocation, other)
    with pytest.raises(ValidationError, match="Project PRJ-1 is archived") as moved_back:
        records.update(session, allocation, {"project_id": world.project.id})
    assert moved_back.value.field == "project_id"


def test_an_allocation_may_name_a_role_before_a_person(session: Session, world: World) -> None:
    values = resolve_references(
        session, Allocation, ALLOCATION | {"person": None, "role": "ROLE-1"}
    )
    allocation = records.create(session, Allocation, values)
    assert (allocation.person_id, allocation.role_id) == (None, world.role.id)


def test_dates_and_figures_that_are_unusual_but_real_are_accepted(
    session: Session, world: World
) -> None:
    milestone = records.create(
        session,
        Milestone,
        resolve_references(
            session,
            Milestone,
            {
                "code": "MS-2",
                "project": "PRJ-1",
                "name": "Launch",
                "baseline_date": date(2026, 3, 2),
                "forecast_date": date(2026, 1, 5),  # ahead of the baseline
                "actual_date": date(2099, 1, 1),  # typed in advance
            },
        ),
    )
    assert milestone.actual_date == date(2099, 1, 1)
    issue = records.create(
        session,
        RaidItem,
        resolve_references(
            session, RaidItem, {"code": "I-1", "kind": "Issue", "title": "Late", "impact": 5}
        ),
    )
    assert issue.probability is None
    benefit = records.create(
        session,
        Benefit,
        resolve_references(
            session,
            Benefit,
            {"code": "B-1", "project": "PRJ-1", "name": "Fewer calls", "target_value": -20},
        ),
    )
    assert benefit.target_value == -20
    decided = records.create(
        session,
        Decision,
        {"code": "D-1", "title": "Scope cut", "status": "approved", "decided_on": "2026-02-03"},
    )
    assert decided.decided_on == date(2026, 2, 3)
    weekly = records.create(
        session,
        StatusReport,
        {"project_id": world.project.id, "period": "2026-W09"},
    )
    assert weekly.period == "2026-W09"


def test_frozen_reports_refuse_edits_until_reopened(session: Session, world: World) -> None:
    report = records.create(
        session, StatusReport, {"project_id": world.project.id, "period": "2026-02", "frozen": True}
    )
    with pytest.raises(ValidationError, match="frozen because that period is closed"):
        records.update(session, report, {"summary": "Rewritten"})
    assert records.update(session, report, {"frozen": False}) == ["frozen"]
    assert records.update(session, report, {"summary": "Rewritten"}) == ["summary"]


def test_blank_text_for_an_optional_number_or_date_clears_it(
    session: Session, world: World
) -> None:
    records.update(session, world.project, {"budget": "", "planned_start": " "})
    assert (world.project.budget, world.project.planned_start) == (None, None)


def test_enum_values_may_be_given_as_people_write_them(session: Session, world: World) -> None:
    records.update(session, world.project, {"state": "On hold", "rag_scope": " RED "})
    assert world.project.state.value == "on_hold"
    assert world.project.rag_scope is not None
    assert world.project.rag_scope.value == "red"


@pytest.mark.parametrize(
    ("period", "ok"),
    [
        ("2026-01", True),
        ("2026-12", True),
        ("2026-W01", True),
        ("2026-W53", True),
        ("2026-00", False),
        ("2026-W54", False),
        ("2026-W00", False),
        ("26-03", False),
        ("2026-3", False),
    ],
)
def test_period_pattern(period: str, ok: bool) -> None:
    assert bool(PERIOD_PATTERN.match(period)) is ok


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("PRJ-042", True),
        ("A", True),
        ("X" * 40, True),
        ("X" * 41, False),
        ("-PRJ", False),
        ("", False),
    ],
)
def test_code_pattern(code: str, ok: bool) -> None:
    if ok:
        check_code(code)
    else:
        with pytest.raises(ValidationError) as refused:
            check_code(code)
        assert refused.value.field == "code"


def test_a_benefit_measurement_is_a_number_once_per_date(session: Session, world: World) -> None:
    benefit = records.create(
        session, Benefit, {"code": "B-1", "project_id": world.project.id, "name": "Savings"}
    )
    values = {"benefit_id": benefit.id, "measured_on": date(2026, 6, 30), "value": 12.5}
    for bad, field, words, error in (
        ({"value": float("nan")}, "value", "must be a number", ValidationError),
        ({}, "measured_on", "Benefit B-1 already has a measurement on 2026-06-30", ConflictError),
    ):
        if error is ConflictError:
            records.create(session, BenefitMeasurement, values)
        session.flush()
        before = count(session, BenefitMeasurement)
        with pytest.raises(error) as refused:
            records.create(session, BenefitMeasurement, values | bad)
        assert refused.value.field == field
        assert words in refused.value.message
        assert count(session, BenefitMeasurement) == before
