"""Setting up a workspace: the default lifecycle with gate checklists, settings, idempotence."""

from __future__ import annotations

from sqlmodel import col, func, select

from pmodesk.domain import AuditEvent, GateChecklistItem, Project, Stage, Template, WorkspaceSetting
from pmodesk.domain.enums import TemplateKind
from pmodesk.domain.lifecycle import DEFAULT_STAGES
from pmodesk.services import records
from pmodesk.services.settings import SPECS, get_setting, set_setting
from pmodesk.services.setup import is_empty, prepare_workspace
from pmodesk.services.templates.builtin import builtin, builtin_library
from pmodesk.store import Workspace


def _count(workspace: Workspace, model: type) -> int:
    with workspace.session() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def test_prepare_seeds_the_default_lifecycle_in_order(workspace: Workspace) -> None:
    assert prepare_workspace(workspace) is True

    with workspace.session() as s:
        stages = list(s.exec(select(Stage).order_by(col(Stage.position))))
        assert [(st.code, st.name, st.description) for st in stages] == list(DEFAULT_STAGES)
        assert [st.position for st in stages] == [1, 2, 3, 4, 5, 6]
        items = list(s.exec(select(GateChecklistItem)))
    by_stage = {st.code: [i for i in items if i.stage_id == st.id] for st in stages}
    for code, gate in by_stage.items():
        if code == "CLOSED":
            assert gate == []  # the last stage has no gate to leave
            continue
        assert 3 <= len(gate) <= 6, code
        assert sorted(i.position for i in gate) == list(range(1, len(gate) + 1))
        assert all(i.text and i.text[0].isupper() and i.guidance for i in gate)
    texts = {i.text for i in items}
    assert "Business case approved by the sponsor" in texts
    assert "Risk register started" in texts
    assert any(not i.required for i in items)
    assert len({i.code for i in items}) == len(items)


def test_prepare_stores_default_settings_and_the_template_library(workspace: Workspace) -> None:
    prepare_workspace(workspace)
    with workspace.session() as s:
        keys = set(s.exec(select(WorkspaceSetting.key)))
        template = s.exec(select(Template).where(Template.kind == TemplateKind.LIFECYCLE)).one()
        codes = set(s.exec(select(Template.code)))
        assess = s.exec(select(Stage).where(Stage.code == "ASSESS")).one()
        assess_items = list(
            s.exec(select(GateChecklistItem).where(GateChecklistItem.stage_id == assess.id))
        )
        assert get_setting(s, "default_weekly_capacity_hours") == 37.5
    assert keys == set(SPECS)
    assert codes == {t.code for t in builtin_library()}
    assert template.built_in
    assert [st["code"] for st in template.body["stages"]] == [c for c, _n, _d in DEFAULT_STAGES]
    gate = builtin("GC-ASSESS")
    assert gate is not None
    assert len(assess_items) == len(gate.body["items"])


def test_prepare_is_audited(workspace: Workspace) -> None:
    prepare_workspace(workspace)
    with workspace.session() as s:
        events = list(s.exec(select(AuditEvent).where(AuditEvent.source == "setup")))
    entities = {e.entity for e in events}
    assert {"stage", "gate_checklist_item", "template", "workspace_setting"} <= entities
    assert sum(e.entity == "stage" for e in events) == len(DEFAULT_STAGES)


def test_prepare_is_idempotent(workspace: Workspace) -> None:
    assert prepare_workspace(workspace) is True
    before = {
        m: _count(workspace, m)
        for m in (Stage, GateChecklistItem, Template, WorkspaceSetting, AuditEvent)
    }
    assert prepare_workspace(workspace) is False
    assert {m: _count(workspace, m) for m in before} == before


def test_prepare_keeps_settings_chosen_before_it_ran(workspace: Workspace) -> None:
    with workspace.session() as s:
        set_setting(s, "currency", "NOK")
    prepare_workspace(workspace)
    with workspace.session() as s:
        assert get_setting(s, "currency") == "NOK"


def test_prepare_leaves_a_workspace_with_its_own_lifecycle_alone(workspace: Workspace) -> None:
    with workspace.session() as s:
        records.create(s, Stage, {"code": "PLAN", "name": "Plan", "position": 1})
    assert prepare_workspace(workspace) is False
    assert _count(workspace, Stage) == 1
    assert _count(workspace, GateChecklistItem) == 0


def test_is_empty_counts_archived_projects_too(workspace: Workspace) -> None:
    with workspace.session() as s:
        assert is_empty(s)
        project = records.create(s, Project, {"code": "PRJ-001", "name": "Intranet replacement"})
        assert not is_empty(s)
        records.archive(s, project)
    with workspace.session() as s:
        assert s.exec(select(Project)).one().archived_at is not None
        assert not is_empty(s)
