"""Versions and states: drafts, publishing, new versions on edit, retiring, search and undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from pmodesk.domain import GateChecklistItem, Lesson, Project
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.templates import (
    create_project_from_template,
    create_template,
    duplicate_template,
    edit_template,
    get_version,
    lessons_for,
    list_library,
    projects_using,
    publish,
    published_version,
    retire,
    revert_change,
    versions_of,
)


def _states(s: Session, code: str) -> list[tuple[int, TemplateState]]:
    return [(v.template_version, v.state) for v in versions_of(s, code)]


def test_a_new_template_is_a_draft_that_projects_cannot_use(s: Session) -> None:
    change = create_template(s, code="pt-pilot", kind="project", name="Pilot")
    assert change.created
    assert _states(s, "PT-PILOT") == [(1, TemplateState.DRAFT)]
    with pytest.raises(ValidationError, match="only a draft; publish it first"):
        published_version(s, "PT-PILOT")
    with pytest.raises(ConflictError, match="already used"):
        create_template(s, code="PT-PILOT", kind="project", name="Again")

    publish(s, "PT-PILOT")
    assert published_version(s, "PT-PILOT").template_version == 1


def test_editing_a_published_template_makes_a_new_draft_and_leaves_projects_alone(
    s: Session,
) -> None:
    made = create_project_from_template(
        s, "PT-SMALL-CHANGE", name="Invoice layout", start=date(2026, 3, 2)
    )
    project = records.get(s, Project, made.project_id)
    assert (project.template_code, project.template_version) == ("PT-SMALL-CHANGE", 1)

    change = edit_template(
        s, "PT-SMALL-CHANGE", {"name": "Small change (fast track)"}, change_note="Renamed"
    )
    assert _states(s, "PT-SMALL-CHANGE") == [(2, TemplateState.DRAFT), (1, TemplateState.PUBLISHED)]
    draft = get_version(s, "PT-SMALL-CHANGE", 2)
    assert change.template_id == draft.id
    assert draft.change_note == "Renamed"
    assert not draft.built_in
    # The library still offers version 1 until version 2 is published.
    row = next(r for r in list_library(s) if r.code == "PT-SMALL-CHANGE")
    assert (row.version, row.latest_version, row.has_open_draft) == (1, 2, True)

    edit_template(s, "PT-SMALL-CHANGE", {"description": "Weeks, not months."})
    assert len(versions_of(s, "PT-SMALL-CHANGE")) == 2  # a draft is edited in place

    publish(s, "PT-SMALL-CHANGE")
    assert _states(s, "PT-SMALL-CHANGE") == [
        (2, TemplateState.PUBLISHED),
        (1, TemplateState.RETIRED),
    ]
    assert published_version(s, "PT-SMALL-CHANGE").name == "Small change (fast track)"
    s.refresh(project)
    assert project.template_version == 1
    assert [(u.project_code, u.version) for u in projects_using(s, "PT-SMALL-CHANGE")] == [
        (project.code, 1)
    ]


def test_publishing_checks_the_content_and_lists_every_problem(s: Session) -> None:
    create_template(
        s,
        code="DOC-MEMO",
        kind="document",
        name="Memo",
        body={"fields": [{"key": "a", "label": "A", "type": "colour", "source": "project.mood"}]},
    )
    with pytest.raises(ValidationError) as refused:
        publish(s, "DOC-MEMO")
    assert "type 'colour'" in refused.value.message
    assert "source 'project.mood'" in refused.value.message
    assert _states(s, "DOC-MEMO") == [(1, TemplateState.DRAFT)]


def test_retiring_stops_new_use_and_publishing_twice_is_refused(s: Session) -> None:
    with pytest.raises(ValidationError, match="already published"):
        publish(s, "PT-STANDARD")
    retire(s, "PT-STANDARD")
    with pytest.raises(ValidationError, match="it is retired"):
        create_project_from_template(s, "PT-STANDARD", name="X", start=date(2026, 1, 5))
    with pytest.raises(ValidationError, match="already retired"):
        retire(s, "PT-STANDARD")
    with pytest.raises(ValidationError, match="not a project template"):
        published_version(s, "DOC-CHARTER", TemplateKind.PROJECT)


def test_undo_of_a_publish_puts_every_state_back(s: Session) -> None:
    edit_template(s, "DOC-CHARTER", {"name": "Charter v2"})
    before = _states(s, "DOC-CHARTER")
    change = publish(s, "DOC-CHARTER")
    revert_change(s, change)
    assert _states(s, "DOC-CHARTER") == before
    assert get_version(s, "DOC-CHARTER", 2).published_at is None


def test_undo_of_an_edit_removes_the_new_version(s: Session) -> None:
    change = edit_template(s, "DOC-CHARTER", {"name": "Charter v2"})
    revert_change(s, change)
    assert _states(s, "DOC-CHARTER") == [(1, TemplateState.PUBLISHED)]
    # The next edit takes number 2 again: the undone draft left nothing behind.
    edit_template(s, "DOC-CHARTER", {"name": "Charter v2"})
    assert _states(s, "DOC-CHARTER")[0] == (2, TemplateState.DRAFT)


def test_publishing_a_gate_checklist_changes_the_workspace_gate(s: Session) -> None:
    body = get_version(s, "GC-IDEA").body
    items = [
        *body["items"][:3],
        {"code": "GATE-IDEA-05", "text": "Data protection screened", "required": True},
    ]
    edit_template(s, "GC-IDEA", {"body": {**body, "items": items}})
    change = publish(s, "GC-IDEA")

    def live() -> set[str]:
        found = s.exec(select(GateChecklistItem).where(GateChecklistItem.archived_at == None))  # noqa: E711
        return {i.code for i in found if i.code.startswith("GATE-IDEA")}

    assert live() == {"GATE-IDEA-01", "GATE-IDEA-02", "GATE-IDEA-03", "GATE-IDEA-05"}
    revert_change(s, change)
    assert live() == {"GATE-IDEA-01", "GATE-IDEA-02", "GATE-IDEA-03", "GATE-IDEA-04"}


def test_a_gate_checklist_for_a_stage_the_workspace_lacks_is_refused(s: Session) -> None:
    create_template(
        s,
        code="GC-PILOT",
        kind="gate_checklist",
        name="Pilot gate",
        body={"stage": "PILOT", "items": [{"code": "GATE-PILOT-01", "text": "Pilot run"}]},
    )
    with pytest.raises(ValidationError, match="no stage PILOT"):
        publish(s, "GC-PILOT")


def test_the_library_lists_by_kind_and_searches_without_accents(s: Session) -> None:
    rows = list_library(s)
    kinds = [r.kind for r in rows]
    assert kinds == sorted(
        kinds,
        key=[
            TemplateKind.PROJECT,
            TemplateKind.GATE_CHECKLIST,
            TemplateKind.DOCUMENT,
            TemplateKind.LIFECYCLE,
        ].index,
    )
    assert [r.code for r in list_library(s, search="chärter")] == ["DOC-CHARTER"]
    assert [r.code for r in list_library(s, search="gate 3")] == ["GC-APPROVED"]
    assert {r.code for r in list_library(s, kind=TemplateKind.PROJECT)} == {
        "PT-STANDARD",
        "PT-SMALL-CHANGE",
        "PT-IT-SYSTEM",
    }
    retire(s, "DOC-CHANGE-REQUEST")
    assert "DOC-CHANGE-REQUEST" not in {r.code for r in list_library(s, include_retired=False)}


def test_duplicate_starts_a_new_template_from_the_current_version(s: Session) -> None:
    duplicate_template(s, "PT-STANDARD", "PT-REGULATORY", "Regulatory project")
    copy = get_version(s, "PT-REGULATORY")
    assert copy.state is TemplateState.DRAFT
    assert copy.body == get_version(s, "PT-STANDARD").body
    assert "Copied from PT-STANDARD version 1" in copy.change_note


def test_lessons_linked_to_a_template_are_listed_on_it(s: Session) -> None:
    records.create(
        s,
        Lesson,
        {
            "code": "LES-001",
            "title": "Charters need an out-of-scope list",
            "template_code": "DOC-CHARTER",
            "recorded_on": date(2026, 5, 1),
        },
    )
    records.create(s, Lesson, {"code": "LES-002", "title": "Book rooms early"})
    assert [lesson.code for lesson in lessons_for(s, "doc-charter")] == ["LES-001"]
    row = next(r for r in list_library(s) if r.code == "DOC-CHARTER")
    assert row.lessons == 1
