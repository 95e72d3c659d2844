"""The record services: every kind is created, edited, archived and restored, each step audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from portfolio_world import World, build_world, count, events, snapshot
from sqlmodel import Session, select, text

from pmodesk.domain import (
    Allocation,
    AuditEvent,
    Benefit,
    CapacityException,
    Decision,
    GateChecklistItem,
    Lesson,
    Milestone,
    Person,
    Portfolio,
    PortfolioRecord,
    Programme,
    Project,
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
from pmodesk.domain.enums import AuditAction, Rag
from pmodesk.domain.errors import ConflictError, NotFoundError, ValidationError
from pmodesk.services import records
from pmodesk.services.references import resolve_references


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


@dataclass(frozen=True)
class Kind:
    """How to make one record of a kind (codes for references) and one edit of it."""

    model: type[Record]
    values: dict[str, Any]
    edit: tuple[str, Any, str | None, str]  # field, new value, old text, new text


KINDS: list[Kind] = [
    Kind(Portfolio, {"code": "PF-9", "name": "Corporate"}, ("owner", "Ana", "", "Ana")),
    Kind(
        Programme,
        {"code": "PGM-9", "name": "Finance systems", "portfolio": "PF-1"},
        ("manager", "Иван Петров", "", "Иван Петров"),
    ),
    Kind(StrategicObjective, {"code": "OBJ-9", "name": "Grow"}, ("weight", 2.5, "1", "2.5")),
    Kind(
        Project,
        {"code": "PRJ-9", "name": "Data lake", "portfolio": "PF-2", "budget": 5000},
        ("budget", 7500.5, "5000", "7500.5"),
    ),
    Kind(
        ProjectDependency,
        {"predecessor": "PRJ-1", "successor": "PRJ-2", "milestone": "MS-1"},
        ("description", "Needs the new network", "", "Needs the new network"),
    ),
    Kind(Stage, {"code": "ASSESS", "name": "Assessment", "position": 2}, ("position", 3, "2", "3")),
    Kind(
        GateChecklistItem,
        {"code": "GCI-9", "stage": "idea", "text": "Sponsor named"},
        ("required", False, "True", "False"),
    ),
    Kind(
        ProjectChecklistItem,
        {"project": "PRJ-1", "item": "GCI-1"},
        ("status", "done", "missing", "done"),
    ),
    Kind(
        Milestone,
        {"code": "MS-9", "project": "PRJ-1", "name": "Pilot", "baseline_date": date(2026, 3, 2)},
        ("forecast_date", date(2026, 4, 6), None, "2026-04-06"),
    ),
    Kind(Team, {"code": "TEAM-9", "name": "Data"}, ("lead", "李娜", "", "李娜")),
    Kind(Role, {"code": "ROLE-9", "name": "Analyst"}, ("description", "BA", "", "BA")),
    Kind(
        Person,
        {"code": "PER-9", "name": "José Núñez", "team": "TEAM-1", "role": "ROLE-1"},
        ("weekly_capacity_hours", 30, "37.5", "30"),
    ),
    Kind(
        CapacityException,
        {"person": "PER-1", "week_start": date(2026, 3, 2), "hours_unavailable": 15},
        ("hours_unavailable", 37.5, "15", "37.5"),
    ),
    Kind(
        Allocation,
        {"person": "PER-1", "project": "PRJ-1", "week_start": date(2026, 3, 2), "hours": 20},
        ("hours", 24, "20", "24"),
    ),
    Kind(
        RaidItem,
        {"code": "R-9", "project": "PRJ-1", "title": "Vendor late", "probability": 3, "impact": 4},
        ("impact", 5, "4", "5"),
    ),
    Kind(
        Decision,
        {"code": "D-9", "project": "PRJ-1", "title": "Choose vendor"},
        ("forum", "Steering board", "", "Steering board"),
    ),
    Kind(
        StatusReport,
        {"project": "PRJ-1", "period": "2026-03", "rag_overall": "amber"},
        ("rag_overall", Rag.RED, "amber", "red"),
    ),
    Kind(
        Benefit,
        {"code": "B-9", "project": "PRJ-1", "objective": "OBJ-1", "name": "Fewer calls"},
        ("target_value", 1200, None, "1200"),
    ),
    Kind(
        Lesson,
        {"code": "L-9", "project": "PRJ-1", "title": "Book testers early"},
        ("category", "Resourcing", "", "Resourcing"),
    ),
    Kind(
        Template,
        {"code": "TPL-9", "name": "Small project", "kind": "project"},
        ("description", "Up to 50k", "", "Up to 50k"),
    ),
]


def _ids(kind: Kind) -> str:
    return kind.model.__name__


@pytest.mark.parametrize("kind", KINDS, ids=_ids)
def test_every_kind_is_created_edited_archived_and_restored_with_audit(
    session: Session, world: World, kind: Kind
) -> None:
    values = resolve_references(session, kind.model, kind.values)
    obj = records.create(session, kind.model, values, source="test")
    assert session.get(kind.model, obj.id) is obj
    code = str(getattr(obj, "code", "") or "")

    field, new_value, old_text, new_text = kind.edit
    assert records.update(session, obj, {field: new_value}) == [field]
    assert obj.version == 2

    assert isinstance(obj, PortfolioRecord)
    records.archive(session, obj, reason="Duplicate")
    assert obj.is_archived
    records.restore(session, obj)
    assert not obj.is_archived
    assert obj.version == 4

    trail = events(session, obj)
    assert [e.action for e in trail] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.ARCHIVE,
        AuditAction.RESTORE,
    ]
    assert {e.user for e in trail} == {"tester"}
    assert {e.entity for e in trail} == {kind.model.__tablename__}
    assert {e.code for e in trail} == {code}
    assert trail[0].source == "test"
    edit = trail[1]
    assert (edit.field, edit.old, edit.new) == (field, old_text, new_text)
    assert (trail[2].field, trail[2].new) == ("archived_at", "Duplicate")


def test_project_objective_link_is_created_and_edited_with_audit(
    session: Session, world: World
) -> None:
    values = resolve_references(
        session, ProjectObjective, {"project": "PRJ-1", "objective": "OBJ-1", "contribution": 4}
    )
    link = records.create(session, ProjectObjective, values)
    records.update(session, link, {"contribution": 5})
    trail = events(session, link)
    assert [(e.action, e.field, e.old, e.new) for e in trail] == [
        (AuditAction.CREATE, "", None, None),
        (AuditAction.UPDATE, "contribution", "4", "5"),
    ]


def test_the_stored_row_holds_what_the_service_was_given(
    workspace: Any, session: Session, world: World
) -> None:
    records.update(session, world.project, {"name": "  Intranet 2  ", "rag_cost": "Amber"})
    session.commit()
    with workspace.session() as other:
        stored = other.get(Project, world.project.id)
        assert stored is not None
        assert (stored.name, stored.rag_cost) == ("Intranet 2", Rag.AMBER)
        raw = other.exec(text("SELECT rag_cost FROM project WHERE code = 'PRJ-1'")).one()
        assert raw[0] == "amber"


def test_only_fields_that_really_change_are_audited(session: Session, world: World) -> None:
    before = len(events(session, world.project))
    changed = records.update(
        session, world.project, {"name": "New intranet", "budget": 100_000, "sponsor": "CFO"}
    )
    assert changed == ["sponsor"]
    trail = events(session, world.project)[before:]
    assert [(e.field, e.old, e.new) for e in trail] == [("sponsor", "", "CFO")]
    assert world.project.version == 2


def test_an_edit_that_changes_nothing_keeps_the_version(session: Session, world: World) -> None:
    assert records.update(session, world.person, {"name": "Zoë Łukasik"}) == []
    assert world.person.version == 1


def test_a_stale_version_is_refused(session: Session, world: World) -> None:
    records.update(session, world.project, {"budget": 1}, expected_version=1)
    with pytest.raises(ConflictError, match="changed by someone else meanwhile"):
        records.update(session, world.project, {"budget": 2}, expected_version=1)
    assert world.project.budget == 1


def test_a_refused_edit_leaves_record_session_and_audit_as_they_were(
    session: Session, world: World
) -> None:
    session.flush()
    before = snapshot(session)
    with pytest.raises(ValidationError) as refused:
        records.update(
            session,
            world.project,
            {"name": "Renamed", "planned_start": date(2026, 5, 1), "planned_finish": "2026-04-01"},
        )
    assert refused.value.field == "planned_finish"
    assert snapshot(session) == before
    assert (world.project.name, world.project.planned_start, world.project.version) == (
        "New intranet",
        None,
        1,
    )


def test_a_refused_creation_adds_nothing(session: Session, world: World) -> None:
    session.flush()
    before = snapshot(session)
    projects = count(session, Project)
    with pytest.raises(ValidationError):
        records.create(session, Project, {"code": "PRJ-3", "name": "X", "budget": -1})
    assert snapshot(session) == before
    assert count(session, Project) == projects


def test_a_duplicate_code_is_refused_even_when_the_holder_is_archived(
    session: Session, world: World
) -> None:
    with pytest.raises(ConflictError, match="Code PRJ-1 is already used by another project") as e:
        records.create(session, Project, {"code": "prj-1", "name": "Again"})
    assert e.value.field == "code"
    records.archive(session, world.project)
    with pytest.raises(ConflictError, match=r"\(archived\)"):
        records.create(session, Project, {"code": "PRJ-1", "name": "Again"})
    with pytest.raises(ConflictError, match="PRJ-2"):
        records.update(session, world.project, {"code": "PRJ-2"})


def test_restore_is_refused_when_the_code_was_taken_meanwhile(
    session: Session, world: World
) -> None:
    """The store's unique index makes reuse impossible through the services; force it in SQL."""
    records.archive(session, world.other_project)
    session.flush()
    session.execute(text("DROP INDEX ix_project_code"))
    session.execute(
        text(
            "INSERT INTO project (id, created_at, updated_at, version, code, name, description,"
            " sponsor, manager, department, state, tags) VALUES ('00000000000000000000000000000001',"
            " '2026-01-01', '2026-01-01', 1, 'PRJ-2', 'Reused', '', '', '', '', 'active', '')"
        )
    )
    with pytest.raises(ConflictError, match="Code PRJ-2 is already used by another project"):
        records.restore(session, world.other_project)
    assert world.other_project.is_archived


def test_restore_is_refused_while_what_it_belongs_to_is_archived(
    session: Session, world: World
) -> None:
    records.archive(session, world.milestone)
    records.archive(session, world.project)
    with pytest.raises(ValidationError, match="Project PRJ-1 is archived; restore it first") as e:
        records.restore(session, world.milestone)
    assert e.value.field == "project_id"
    assert world.milestone.is_archived
    records.restore(session, world.project)
    records.restore(session, world.milestone)
    assert not world.milestone.is_archived


def test_archive_and_restore_twice_change_nothing_more(session: Session, world: World) -> None:
    records.archive(session, world.team)
    records.archive(session, world.team)
    records.restore(session, world.team)
    records.restore(session, world.team)
    assert [e.action for e in events(session, world.team)][1:] == [
        AuditAction.ARCHIVE,
        AuditAction.RESTORE,
    ]
    assert world.team.version == 3


def test_delete_created_removes_the_record_and_audits_it(session: Session, world: World) -> None:
    role = records.create(session, Role, {"code": "ROLE-X", "name": "Tester"})
    records.delete_created(session, role)
    assert session.get(Role, role.id) is None
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.entity_id == role.id)).all()
    assert sorted(actions) == sorted([AuditAction.CREATE, AuditAction.DELETE])


def test_get_and_get_by_code_name_what_is_missing(session: Session, world: World) -> None:
    assert records.get_by_code(session, Project, " prj-1 ") is world.project
    records.archive(session, world.other_project)
    with pytest.raises(NotFoundError, match=r"no project with code PRJ-2 \(it is archived\)"):
        records.get_by_code(session, Project, "PRJ-2")
    assert records.get_by_code(session, Project, "PRJ-2", include_archived=True).code == "PRJ-2"
    with pytest.raises(NotFoundError, match="no programme with code PGM-404"):
        records.get_by_code(session, Programme, "pgm-404")
    records.delete_created(session, world.gate_item)
    with pytest.raises(NotFoundError, match="That gate checklist item no longer exists"):
        records.get(session, GateChecklistItem, world.gate_item.id)


def test_labels_are_written_for_people() -> None:
    assert records.kind_label(ProjectChecklistItem) == "project checklist item"
    assert records.field_label("rag_cost") == "cost RAG"
    assert records.field_label("programme_id") == "programme"
    assert records.field_label("planned_finish") == "planned finish"


def test_a_record_can_be_recreated_under_its_old_id(session: Session, world: World) -> None:
    team = records.create(session, Team, {"code": "TEAM-X", "name": "Ops"})
    old_id = team.id
    records.delete_created(session, team)
    again = records.create(session, Team, {"code": "TEAM-X", "name": "Ops"}, record_id=old_id)
    assert again.id == old_id
