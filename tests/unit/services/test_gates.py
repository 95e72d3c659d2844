"""Stage gates in the three PMO modes: advice, refusal, a decision needed; waivers, back moves, undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, col, select

from pmodesk.domain import AuditEvent, Decision, GateChecklistItem, Project, Stage
from pmodesk.domain.enums import ChecklistStatus, DecisionStatus, GateMode, ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.services import gates, records
from pmodesk.services.projects import change_state, create_project
from pmodesk.services.settings import GATE_MODE, set_setting
from pmodesk.services.setup import prepare_session


@pytest.fixture
def s(session: Session) -> Session:
    prepare_session(session)
    return session


def _stage(s: Session, code: str) -> Stage:
    return records.get_by_code(s, Stage, code)


def _items(s: Session, code: str) -> list[GateChecklistItem]:
    stage = _stage(s, code)
    found = s.exec(select(GateChecklistItem).where(GateChecklistItem.stage_id == stage.id))
    return sorted(found, key=lambda i: i.position)


def _project(s: Session, code: str = "PRJ-001") -> Project:
    return create_project(s, {"code": code, "name": "Customer portal", "sponsor": "Ana Silva"})


def _mode(s: Session, mode: GateMode) -> None:
    set_setting(s, GATE_MODE, mode)


def _events(s: Session, project: Project) -> list[AuditEvent]:
    statement = (
        select(AuditEvent)
        .where(
            AuditEvent.entity_id == project.id,
            col(AuditEvent.field).in_(["stage_id", "stage_reason"]),
        )
        .order_by(col(AuditEvent.at), col(AuditEvent.field))
    )
    return list(s.exec(statement))


def _answer_required(s: Session, project: Project, code: str) -> None:
    for item in _items(s, code):
        if item.required:
            gates.record_checklist(s, project.id, item.id, ChecklistStatus.DONE)


# ------------------------------------------------------------------ supportive


def test_supportive_mode_moves_on_with_missing_items_as_advice(s: Session) -> None:
    project = _project(s)
    idea, assess = _stage(s, "IDEA"), _stage(s, "ASSESS")
    assert project.stage_id == idea.id

    check = gates.check_gate(s, project.id, assess.id)

    assert check.mode is GateMode.SUPPORTIVE
    assert check.direction == "forward"
    assert check.allowed
    assert not check.blockers
    assert [i.code for i in check.items] == [f"GATE-IDEA-0{n}" for n in (1, 2, 3, 4)]
    assert [i.code for i in check.missing_required] == [
        "GATE-IDEA-01",
        "GATE-IDEA-02",
        "GATE-IDEA-03",
    ]
    assert len(check.advice) == 4
    assert "Sponsor named and willing to champion the idea" in check.advice[1]
    assert not check.needs_reason
    assert not check.needs_decision

    previous = gates.move_project(s, project.id, assess.id, source="board")

    assert previous == idea.id
    assert s.get(Project, project.id).stage_id == assess.id  # type: ignore[union-attr]
    stage_event, reason_event = _events(s, project)
    assert (stage_event.field, stage_event.old, stage_event.new) == (
        "stage_id",
        str(idea.id),
        str(assess.id),
    )
    assert reason_event.field == "stage_reason"
    assert "4 checklist items not done" in (reason_event.new or "")
    assert stage_event.batch is not None
    assert stage_event.batch == reason_event.batch
    assert stage_event.source == "board"


def test_undo_puts_the_stage_back_without_a_gate_and_is_audited(s: Session) -> None:
    project = _project(s)
    idea, assess = _stage(s, "IDEA"), _stage(s, "ASSESS")
    previous = gates.move_project(s, project.id, assess.id)
    _mode(s, GateMode.DIRECTIVE)  # undo is not a move through a gate, whatever the mode

    gates.restore_stage(s, project.id, previous)

    assert s.get(Project, project.id).stage_id == idea.id  # type: ignore[union-attr]
    undo = [e for e in _events(s, project) if e.source == "undo"]
    assert {(e.field, e.old, e.new) for e in undo if e.field == "stage_id"} == {
        ("stage_id", str(assess.id), str(idea.id))
    }
    assert any(e.field == "stage_reason" and "undone" in (e.new or "") for e in undo)


# ------------------------------------------------------------------ controlling


def test_controlling_mode_refuses_until_required_items_are_done_or_waived(s: Session) -> None:
    _mode(s, GateMode.CONTROLLING)
    project = _project(s)
    assess = _stage(s, "ASSESS")
    first, second, third, optional = _items(s, "IDEA")

    check = gates.check_gate(s, project.id, assess.id)
    assert not check.allowed
    assert len(check.blockers) == 3
    assert "'Problem or opportunity described in one page' (GATE-IDEA-01)" in check.blockers[0]
    with pytest.raises(gates.GateRefused) as refused:
        gates.move_project(s, project.id, assess.id)
    assert "GATE-IDEA-02" in refused.value.message
    assert "GATE-IDEA-03" in refused.value.message
    assert isinstance(refused.value, ValidationError)
    assert s.get(Project, project.id).stage_id != assess.id  # type: ignore[union-attr]
    assert _events(s, project) == []

    gates.record_checklist(s, project.id, first.id, ChecklistStatus.DONE)
    gates.record_checklist(s, project.id, second.id, ChecklistStatus.DONE)
    with pytest.raises(ValidationError) as no_reason:
        gates.record_checklist(s, project.id, third.id, ChecklistStatus.WAIVED, "  ")
    assert no_reason.value.field == "reason"
    check = gates.check_gate(s, project.id, assess.id)
    assert [i.code for i in check.missing_required] == ["GATE-IDEA-03"]

    gates.record_checklist(
        s, project.id, third.id, ChecklistStatus.WAIVED, "Portfolio board agreed on 3 March"
    )
    check = gates.check_gate(s, project.id, assess.id)
    assert check.allowed
    assert check.advice == [f"Optional item '{optional.text}' (GATE-IDEA-04) is not done."]
    waived = next(i for i in check.items if i.code == "GATE-IDEA-03")
    assert (waived.status, waived.reason) == (
        ChecklistStatus.WAIVED,
        "Portfolio board agreed on 3 March",
    )

    gates.move_project(s, project.id, assess.id)
    assert s.get(Project, project.id).stage_id == assess.id  # type: ignore[union-attr]


def test_a_skip_passes_the_exit_gate_of_every_stage_left(s: Session) -> None:
    _mode(s, GateMode.CONTROLLING)
    project = _project(s)
    approved = _stage(s, "APPROVED")
    _answer_required(s, project, "IDEA")

    check = gates.check_gate(s, project.id, approved.id)

    assert {i.code.rsplit("-", 1)[0] for i in check.items} == {"GATE-IDEA", "GATE-ASSESS"}
    assert {i.code for i in check.missing_required} == {
        "GATE-ASSESS-01",
        "GATE-ASSESS-02",
        "GATE-ASSESS-03",
        "GATE-ASSESS-04",
    }
    _answer_required(s, project, "ASSESS")
    assert gates.check_gate(s, project.id, approved.id).allowed


def test_recording_the_same_answer_twice_keeps_one_row_and_missing_clears_completion(
    s: Session,
) -> None:
    project = _project(s)
    item = _items(s, "IDEA")[0]
    gates.record_checklist(s, project.id, item.id, ChecklistStatus.DONE)
    gates.record_checklist(s, project.id, item.id, ChecklistStatus.DONE)
    gates.record_checklist(s, project.id, item.id, ChecklistStatus.MISSING)
    check = gates.check_gate(s, project.id, _stage(s, "ASSESS").id)
    assert check.items[0].status is ChecklistStatus.MISSING


# ------------------------------------------------------------------ directive


def test_directive_mode_needs_an_approved_decision_with_forum_and_date(s: Session) -> None:
    _mode(s, GateMode.DIRECTIVE)
    project = _project(s)
    assess = _stage(s, "ASSESS")
    _answer_required(s, project, "IDEA")

    check = gates.check_gate(s, project.id, assess.id)
    assert check.needs_decision
    assert not check.allowed
    assert check.decision_id is None
    assert check.blockers == [
        "The PMO must record a decision approving the move of PRJ-001 into Assessment, "
        "with the forum and the date it was taken."
    ]

    pending = records.create(
        s,
        Decision,
        {"code": "PRJ-001-DEC01", "project_id": project.id, "stage_id": assess.id, "title": "Go?"},
    )
    assert "is pending, not approved" in gates.check_gate(s, project.id, assess.id).blockers[0]
    records.update(s, pending, {"status": DecisionStatus.APPROVED, "decided_on": date(2026, 3, 2)})
    assert "has no forum recorded" in gates.check_gate(s, project.id, assess.id).blockers[0]

    with pytest.raises(ValidationError) as no_forum:
        gates.record_gate_decision(s, project.id, assess.id, forum=" ", decided_on=date(2026, 3, 3))
    assert no_forum.value.field == "forum"
    decision_id = gates.record_gate_decision(
        s,
        project.id,
        assess.id,
        forum="Portfolio board",
        decided_on=date(2026, 3, 3),
        decided_by="CIO",
    )

    decision = s.get(Decision, decision_id)
    assert decision is not None
    assert (decision.code, decision.status, decision.stage_id, decision.forum) == (
        "PRJ-001-DEC02",
        DecisionStatus.APPROVED,
        assess.id,
        "Portfolio board",
    )
    check = gates.check_gate(s, project.id, assess.id)
    assert check.allowed
    assert check.decision_id == decision_id
    gates.move_project(s, project.id, assess.id)
    assert s.get(Project, project.id).stage_id == assess.id  # type: ignore[union-attr]


def test_directive_mode_still_requires_the_checklist(s: Session) -> None:
    _mode(s, GateMode.DIRECTIVE)
    project = _project(s)
    assess = _stage(s, "ASSESS")
    gates.record_gate_decision(s, project.id, assess.id, forum="PMO", decided_on=date(2026, 3, 3))
    check = gates.check_gate(s, project.id, assess.id)
    assert check.decision_id is not None
    assert not check.allowed
    assert len(check.blockers) == 3


# ------------------------------------------------------------------ back moves and refusals


@pytest.mark.parametrize("mode", list(GateMode))
def test_a_move_back_needs_a_reason_in_every_mode(s: Session, mode: GateMode) -> None:
    project = _project(s)
    idea, assess = _stage(s, "IDEA"), _stage(s, "ASSESS")
    gates.move_project(s, project.id, assess.id)  # supportive, to get there
    _mode(s, mode)

    check = gates.check_gate(s, project.id, idea.id)
    assert check.direction == "back"
    assert check.needs_reason
    assert check.allowed
    assert check.items == []
    assert not check.needs_decision
    with pytest.raises(ValidationError) as refused:
        gates.move_project(s, project.id, idea.id, reason=" ")
    assert refused.value.field == "reason"

    gates.move_project(s, project.id, idea.id, reason="Business case sent back for rework")
    assert s.get(Project, project.id).stage_id == idea.id  # type: ignore[union-attr]
    reasons = [e.new for e in _events(s, project) if e.field == "stage_reason"]
    assert reasons[-1] == "Business case sent back for rework"


def test_moves_that_make_no_sense_are_refused_with_a_sentence(s: Session) -> None:
    project = _project(s)
    idea, assess = _stage(s, "IDEA"), _stage(s, "ASSESS")

    same = gates.check_gate(s, project.id, idea.id)
    assert same.direction == "same"
    assert not same.allowed
    assert same.blockers == ["Project PRJ-001 is already in Idea."]

    change_state(s, project, ProjectState.CANCELLED, "No sponsor budget")
    with pytest.raises(gates.GateRefused, match="is cancelled, so it no longer moves"):
        gates.move_project(s, project.id, assess.id)

    other = _project(s, "PRJ-002")
    records.archive(s, other)
    with pytest.raises(gates.GateRefused, match="PRJ-002 is archived; restore it"):
        gates.move_project(s, other.id, assess.id)


def test_adjacent_stages(s: Session) -> None:
    project = _project(s)
    idea, assess, approved = (_stage(s, c) for c in ("IDEA", "ASSESS", "APPROVED"))
    assert gates.adjacent_stages(s, project.id) == (None, assess.id)
    gates.move_project(s, project.id, assess.id)
    assert gates.adjacent_stages(s, project.id) == (idea.id, approved.id)
    closed = _stage(s, "CLOSED")
    records.update(s, project, {"stage_id": closed.id})
    assert gates.adjacent_stages(s, project.id) == (_stage(s, "CLOSING").id, None)
