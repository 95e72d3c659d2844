"""Project use cases: codes for references, default stage and portfolio, RAG, state and archive."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from portfolio_world import World, build_world, count, events, snapshot
from sqlmodel import Session

from pmodesk.domain import Milestone, Project, Stage
from pmodesk.domain.enums import AuditAction, ProjectState, Rag
from pmodesk.domain.errors import ConflictError, DomainError, NotFoundError, ValidationError
from pmodesk.services import records
from pmodesk.services.projects import (
    STATE_REASON_FIELD,
    archive_projects,
    change_state,
    create_project,
    first_stage,
    parse_state,
    restore_projects,
    update_project,
)


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def test_a_new_project_starts_in_the_first_stage_and_its_programmes_portfolio(
    session: Session, world: World
) -> None:
    project = create_project(
        session, {"code": "prj-10", "name": "Payroll upgrade", "programme": "PGM-1"}
    )
    assert project.code == "PRJ-10"
    assert project.stage_id == world.idea.id  # position 1 comes before Delivery (4)
    assert project.portfolio_id == world.portfolio.id
    assert project.state is ProjectState.ACTIVE
    assert first_stage(session) is world.idea


def test_given_stage_and_portfolio_are_kept(session: Session, world: World) -> None:
    project = create_project(
        session,
        {"code": "PRJ-11", "name": "Office move", "stage": "Delivery", "portfolio": "PF-2"},
    )
    assert (project.stage_id, project.portfolio_id) == (world.delivery.id, world.other_portfolio.id)


def test_without_a_lifecycle_a_project_has_no_stage(session: Session) -> None:
    project = create_project(session, {"code": "PRJ-1", "name": "First"})
    assert project.stage_id is None
    later = records.create(session, Stage, {"code": "S1", "name": "Only", "position": 0})
    records.archive(session, later)
    assert create_project(session, {"code": "PRJ-2", "name": "Second"}).stage_id is None


def test_the_overall_rag_follows_the_dimensions_unless_given(
    session: Session, world: World
) -> None:
    project = create_project(
        session,
        {"code": "PRJ-12", "name": "CRM", "rag_schedule": "amber", "rag_cost": "Green"},
    )
    assert overall(project) is Rag.AMBER
    update_project(session, project, {"rag_cost": Rag.RED})
    assert overall(project) is Rag.RED
    update_project(session, project, {"rag_cost": "green", "rag_overall": "green"})
    assert (overall(project), project.rag_schedule) == (Rag.GREEN, Rag.AMBER)
    update_project(session, project, {"name": "CRM 2"})
    assert overall(project) is Rag.GREEN  # a manual overall stays until a dimension changes
    update_project(session, project, {"rag_schedule": None})
    assert overall(project) is Rag.GREEN
    update_project(session, project, {"rag_cost": None})
    assert overall(project) is None


def overall(project: Project) -> Rag | None:
    return project.rag_overall


def test_an_unreadable_rag_is_refused_naming_its_field(session: Session, world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        create_project(session, {"code": "PRJ-13", "name": "X", "rag_scope": "blue"})
    assert refused.value.field == "rag_scope"
    assert "Scope RAG: 'blue' is not valid" in refused.value.message


def test_moving_to_another_programme_moves_the_portfolio(session: Session, world: World) -> None:
    other = records.create(
        session,
        type(world.programme),
        {"code": "PGM-2", "name": "Growth", "portfolio_id": world.other_portfolio.id},
    )
    changed = update_project(session, world.project, {"programme": "PGM-2"})
    assert sorted(changed) == ["portfolio_id", "programme_id"]
    assert world.project.portfolio_id == world.other_portfolio.id
    assert other.id == world.project.programme_id
    trail = [(e.field, e.new) for e in events(session, world.project) if e.field]
    assert ("programme_id", str(other.id)) in trail


def test_update_project_checks_the_version(session: Session, world: World) -> None:
    update_project(session, world.project, {"budget": 10}, expected_version=1)
    with pytest.raises(ConflictError, match="changed by someone else"):
        update_project(session, world.project, {"budget": 20}, expected_version=1)


@pytest.mark.parametrize(
    ("state", "label"),
    [("on_hold", "on hold"), ("Cancelled", "cancelled"), (ProjectState.CLOSED, "closed")],
)
def test_holding_cancelling_or_closing_needs_a_reason(
    session: Session, world: World, state: str, label: str
) -> None:
    session.flush()
    before = snapshot(session)
    with pytest.raises(ValidationError) as refused:
        change_state(session, world.project, state, "  ")
    assert refused.value.field == "reason"
    assert f"Say why project PRJ-1 is being marked {label}" in refused.value.message
    assert snapshot(session) == before
    assert world.project.state is ProjectState.ACTIVE


def test_a_state_change_and_its_reason_are_audited_together(session: Session, world: World) -> None:
    assert change_state(session, world.project, "On hold", "Budget freeze until Q3") == ["state"]
    assert world.project.state is ProjectState.ON_HOLD
    state_event, reason_event = [e for e in events(session, world.project) if e.field][-2:]
    assert (state_event.field, state_event.old, state_event.new) == ("state", "active", "on_hold")
    assert (reason_event.field, reason_event.new) == (STATE_REASON_FIELD, "Budget freeze until Q3")
    assert state_event.user == reason_event.user == "tester"
    assert state_event.batch is not None
    assert state_event.batch == reason_event.batch
    assert change_state(session, world.project, ProjectState.ON_HOLD, "again") == []
    assert change_state(session, world.project, "active") == ["state"]  # no reason needed


def test_update_project_asks_for_a_reason_too(session: Session, world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        update_project(session, world.project, {"state": "cancelled", "budget": 5})
    assert refused.value.field == "reason"
    assert world.project.budget == 100_000
    update_project(session, world.project, {"state": "cancelled", "reason": "Merged into PRJ-2"})
    assert world.project.state is ProjectState.CANCELLED


def test_a_project_created_closed_needs_and_records_a_reason(
    session: Session, world: World
) -> None:
    with pytest.raises(ValidationError, match="reason is required") as refused:
        create_project(session, {"code": "PRJ-20", "name": "Old", "state": "closed"})
    assert refused.value.field == "reason"
    project = create_project(
        session, {"code": "PRJ-20", "name": "Old", "state": "closed", "reason": "Imported history"}
    )
    assert [(e.action, e.field, e.new) for e in events(session, project)] == [
        (AuditAction.CREATE, "", "Old"),
        (AuditAction.UPDATE, STATE_REASON_FIELD, "Imported history"),
    ]


def test_an_unknown_state_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_state("paused")
    assert refused.value.field == "state"
    assert refused.value.message == (
        "State 'paused' is not one of active, on hold, cancelled, closed."
    )


def test_projects_are_archived_and_restored_as_one_batch(session: Session, world: World) -> None:
    ids = [world.project.id, world.other_project.id]
    archived = archive_projects(session, ids, "Portfolio review 2026")
    assert [p.code for p in archived] == ["PRJ-1", "PRJ-2"]
    assert all(p.is_archived for p in archived)
    archive_events = [events(session, p)[-1] for p in archived]
    assert {(e.action, e.new) for e in archive_events} == {
        (AuditAction.ARCHIVE, "Portfolio review 2026")
    }
    assert len({e.batch for e in archive_events}) == 1
    restored = restore_projects(session, ids)
    assert not any(p.is_archived for p in restored)
    assert {events(session, p)[-1].action for p in restored} == {AuditAction.RESTORE}


def test_restore_is_refused_whole_when_one_project_cannot_come_back(
    session: Session, world: World
) -> None:
    archive_projects(session, [world.project.id, world.other_project.id])
    records.archive(session, world.programme)
    session.flush()
    before = snapshot(session)
    with pytest.raises(ValidationError, match="Programme PGM-1 is archived") as refused:
        restore_projects(session, [world.other_project.id, world.project.id])
    assert refused.value.field == "programme_id"
    assert world.other_project.is_archived  # checked before anything was restored
    assert snapshot(session) == before


def test_archiving_an_unknown_project_is_refused(session: Session, world: World) -> None:
    with pytest.raises(NotFoundError, match="That project no longer exists"):
        archive_projects(session, [uuid.uuid4()])
    assert not world.project.is_archived


def test_an_allocation_on_an_archived_project_is_refused(session: Session, world: World) -> None:
    archive_projects(session, [world.project.id], "Stopped")
    from pmodesk.domain import Allocation

    values = {
        "person_id": world.person.id,
        "project_id": world.project.id,
        "week_start": date(2026, 3, 2),
        "hours": 8,
    }
    with pytest.raises(ValidationError) as refused:
        records.create(session, Allocation, values)
    assert refused.value.field == "project_id"
    assert "Project PRJ-1 is archived" in refused.value.message
    assert count(session, Allocation) == 0


BAD_PROJECT_INPUT = [
    ({"code": "PRJ-1", "name": "Again"}, "code", "already used by another project"),
    ({"code": "PRJ-30", "name": "X", "programme": "PGM-404"}, "programme", "no programme"),
    ({"code": "PRJ-30", "name": "X", "stage": "Someday"}, "stage", "no stage with code or name"),
    ({"code": "PRJ-30", "name": "X", "budget": -1}, "budget", "cannot be negative"),
    (
        {
            "code": "PRJ-30",
            "name": "X",
            "planned_start": "2026-06-01",
            "planned_finish": "2026-05-01",
        },
        "planned_finish",
        "is before the planned start",
    ),
    ({"code": "PRJ-30", "name": "X", "state": "dormant"}, "state", "is not one of"),
    ({"code": "PRJ-30", "name": ""}, "name", "A project name is required"),
    (
        {"code": "PRJ-30", "name": "X", "programme": "PGM-1", "portfolio": "PF-2"},
        "portfolio_id",
        "belongs to portfolio PF-1",
    ),
]


@pytest.mark.parametrize(("values", "field", "words"), BAD_PROJECT_INPUT)
def test_bad_input_to_create_project_names_the_field(
    session: Session, world: World, values: dict[str, object], field: str, words: str
) -> None:
    session.flush()
    before, projects = snapshot(session), count(session, Project)
    with pytest.raises(DomainError) as refused:
        create_project(session, values)
    assert refused.value.field == field
    assert words in refused.value.message
    assert (snapshot(session), count(session, Project)) == (before, projects)


@pytest.mark.parametrize(("values", "field", "words"), BAD_PROJECT_INPUT[1:])
def test_bad_input_to_update_project_names_the_field(
    session: Session, world: World, values: dict[str, object], field: str, words: str
) -> None:
    changes = {k: v for k, v in values.items() if k != "code"}
    session.flush()
    before = snapshot(session)
    with pytest.raises(DomainError) as refused:
        update_project(session, world.other_project, changes)
    assert refused.value.field == field
    assert words in refused.value.message
    assert snapshot(session) == before
    assert world.other_project.version == 1


def test_a_milestone_of_a_project_is_made_through_codes(session: Session, world: World) -> None:
    from pmodesk.services.references import resolve_references

    milestone = records.create(
        session,
        Milestone,
        resolve_references(
            session, Milestone, {"code": "MS-5", "project": "prj-2", "name": "Kick-off"}
        ),
    )
    assert milestone.project_id == world.other_project.id
