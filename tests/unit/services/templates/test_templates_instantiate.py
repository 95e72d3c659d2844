"""A project from a template: dates from offsets, the checklist with waivers, idempotence, undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, func, select

from pmodesk.domain import (
    Allocation,
    AuditEvent,
    Milestone,
    Project,
    ProjectChecklistItem,
    ProjectDocument,
    RaidItem,
    Stage,
)
from pmodesk.domain.enums import AuditAction, ChecklistStatus, DocumentStatus
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.templates import (
    apply_template,
    create_project_from_template,
    undo_instantiation,
)
from pmodesk.services.templates.builtin import builtin

START = date(2026, 3, 4)  # a Wednesday
TABLES = (Project, Milestone, ProjectChecklistItem, RaidItem, Allocation, ProjectDocument)


def _counts(s: Session) -> dict[str, int]:
    return {m.__tablename__: s.exec(select(func.count()).select_from(m)).one() for m in TABLES}


def test_dates_come_from_the_offsets_and_the_start(s: Session) -> None:
    made = create_project_from_template(
        s, "PT-STANDARD", name="Customer portal", start=START, manager="Ana Silva", sponsor="Bo Li"
    )
    project = records.get(s, Project, made.project_id)
    assert project.code == "PRJ-001"
    assert (project.planned_start, project.planned_finish) == (START, START + timedelta(days=273))
    assert (project.template_code, project.template_version) == ("PT-STANDARD", 1)
    first = s.exec(select(Stage).order_by(col(Stage.position))).first()
    assert first is not None
    assert project.stage_id == first.id

    milestones = s.exec(
        select(Milestone).where(Milestone.project_id == project.id).order_by(col(Milestone.code))
    ).all()
    shipped = builtin("PT-STANDARD").body["milestones"]  # type: ignore[union-attr]
    assert [(m.code, m.name, m.baseline_date) for m in milestones] == [
        (f"PRJ-001-M{n:02d}", m["name"], START + timedelta(days=m["offset_days"]))
        for n, m in enumerate(shipped, 1)
    ]
    assert milestones[1].baseline_date == date(2026, 4, 15)  # 42 days after 4 March
    assert all(m.forecast_date == m.baseline_date for m in milestones)
    assert [m.is_gate for m in milestones].count(True) == 4


def test_the_team_shape_becomes_weekly_role_demand_from_the_start_week(s: Session) -> None:
    made = create_project_from_template(s, "PT-STANDARD", name="Portal", start=START)
    allocations = s.exec(select(Allocation).where(Allocation.project_id == made.project_id)).all()
    assert len(allocations) == 39 + 16 + 20 + 12 + 16
    assert all(a.person_id is None and a.role_id is not None for a in allocations)
    weeks = sorted({a.week_start for a in allocations})
    assert weeks[0] == date(2026, 3, 2)  # the Monday of the start week
    assert all(w.weekday() == 0 for w in weeks)
    by_role: dict[str, list[Allocation]] = {}
    for a in allocations:
        by_role.setdefault(str(a.role_id), []).append(a)
    hours = sorted({(len(v), v[0].hours) for v in by_role.values()})
    assert hours == [(12, 30.0), (16, 15.0), (16, 30.0), (20, 37.5), (39, 18.5)]
    assert made.notes == []


def test_checklist_raid_and_documents_are_created(s: Session) -> None:
    made = create_project_from_template(
        s, "PT-SMALL-CHANGE", name="Invoice layout", start=START, manager="Ana Silva"
    )
    answers = s.exec(
        select(ProjectChecklistItem).where(ProjectChecklistItem.project_id == made.project_id)
    ).all()
    assert len(answers) == 25
    waived = {a.item_id: a for a in answers if a.status is ChecklistStatus.WAIVED}
    assert len(waived) == 5
    assert all(a.reason.endswith("(template PT-SMALL-CHANGE)") for a in waived.values())
    raid = s.exec(select(RaidItem).where(RaidItem.project_id == made.project_id)).all()
    assert [(r.code, r.owner, r.raised_on) for r in raid] == [
        ("PRJ-001-R01", "Ana Silva", START),
        ("PRJ-001-R02", "Ana Silva", START),
    ]
    documents = s.exec(
        select(ProjectDocument).where(ProjectDocument.project_id == made.project_id)
    ).all()
    assert sorted(d.template_code for d in documents) == [
        "DOC-CHANGE-REQUEST",
        "DOC-CLOSURE-REPORT",
        "DOC-STATUS-REPORT",
    ]
    assert all(d.status is DocumentStatus.DRAFT for d in documents)
    assert made.summary == (
        "4 milestones, 25 checklist items, 2 RAID entries, 25 weekly role demands, 3 documents"
    )


def test_applying_twice_adds_nothing_the_second_time(s: Session) -> None:
    made = create_project_from_template(s, "PT-STANDARD", name="Portal", start=START)
    before = _counts(s)
    again = apply_template(s, made.project_id)
    assert again.created == []
    assert again.summary == "nothing new"
    assert _counts(s) == before


def test_applying_to_an_existing_project_fills_in_only_what_it_lacks(s: Session) -> None:
    project = records.create(
        s, Project, {"code": "PRJ-100", "name": "Warehouse move", "planned_start": START}
    )
    records.create(
        s, Milestone, {"code": "PRJ-100-M01", "project_id": project.id, "name": "Kick-off"}
    )
    made = apply_template(s, project.id, "PT-STANDARD")
    assert made.count("milestone") == 6  # Kick-off was there already
    assert s.exec(
        select(Milestone.code).where(Milestone.name == "Business case approved")
    ).one() == ("PRJ-100-M02")
    s.refresh(project)
    assert project.template_code == "PT-STANDARD"
    with pytest.raises(ValidationError, match="no planned start"):
        apply_template(
            s, records.create(s, Project, {"code": "PRJ-101", "name": "Nameless"}).id, "PT-STANDARD"
        )


def test_undo_removes_exactly_what_was_made_and_redo_reuses_the_ids(s: Session) -> None:
    create_project_from_template(s, "PT-SMALL-CHANGE", name="Earlier work", start=START)
    before = _counts(s)
    made = create_project_from_template(s, "PT-STANDARD", name="Portal", start=START)
    assert _counts(s) != before

    undo_instantiation(s, made.created)
    assert _counts(s) == before
    deletes = s.exec(select(func.count()).where(AuditEvent.action == AuditAction.DELETE)).one()
    assert deletes == len(made.created)

    again = create_project_from_template(
        s, "PT-STANDARD", name="Portal", start=START, reuse_ids=made.ids
    )
    assert again.created == made.created


def test_what_the_workspace_lacks_is_reported_not_invented(s: Session) -> None:
    made = create_project_from_template(s, "PT-IT-SYSTEM", name="CRM", start=START)
    assert "The workspace has no role Architect; its 15 hours a week were not booked." in made.notes
    assert made.count("allocation") == 52 + 18 + 24 + 16 + 18  # PM, BA, DEV, TEST, CHG


def test_a_start_date_is_required(s: Session) -> None:
    with pytest.raises(ValidationError, match="start date"):
        create_project_from_template(s, "PT-STANDARD", name="X", start=None)  # type: ignore[arg-type]
