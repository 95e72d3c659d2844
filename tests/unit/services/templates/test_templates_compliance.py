"""Compliance scores, checked by hand.

Project A (PT-STANDARD) stands in Delivery, so it has passed the gates of Idea,
Assessment and Approved: 3 + 4 + 4 = 11 required items are due. It answered
Idea 3 of 3, Assessment 3 of 4, Approved 2 done + 1 waived of 4: 9 met.
Its template expects by then the business case and risk register (Assessment)
and the charter (Approved): 3 documents; the business case is complete (1),
the risk register a draft (½), the charter was never produced (0): 1.5.
Score: (9 + 1.5) / (11 + 3) = 10.5 / 14 = 75.0 %.

Project B (no template) stands in Assessment: Idea's 3 required items are due,
2 done; the lifecycle expects no document by the Idea gate. 2 / 3 = 66.7 %.

Project C is still in Idea: nothing is due, no score.

Portfolio (pooled): (10.5 + 2) / (14 + 3) = 12.5 / 17 = 73.5 %; average of the
scored projects (75.0 + 66.7) / 2 = 70.85 %.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from pmodesk.domain import GateChecklistItem, Project, ProjectDocument, Stage
from pmodesk.domain.enums import ChecklistStatus, DocumentStatus
from pmodesk.services import gates, records
from pmodesk.services.templates import (
    create_project_from_template,
    portfolio_compliance,
    project_compliance,
)


def _stage(s: Session, code: str) -> Stage:
    return records.get_by_code(s, Stage, code)


def _answer(s: Session, project: Project, stage: str, done: int, waived: int = 0) -> None:
    items = s.exec(
        select(GateChecklistItem).where(GateChecklistItem.stage_id == _stage(s, stage).id)
    ).all()
    required = sorted((i for i in items if i.required), key=lambda i: i.position)
    for item in required[:done]:
        gates.record_checklist(s, project.id, item.id, ChecklistStatus.DONE)
    for item in required[done : done + waived]:
        gates.record_checklist(s, project.id, item.id, ChecklistStatus.WAIVED, "Agreed by PMO")


def _document(s: Session, project: Project, code: str) -> ProjectDocument:
    return s.exec(
        select(ProjectDocument).where(
            ProjectDocument.project_id == project.id, ProjectDocument.template_code == code
        )
    ).one()


@pytest.fixture
def portfolio(s: Session) -> tuple[Project, Project, Project]:
    made = create_project_from_template(s, "PT-STANDARD", name="Portal", start=date(2026, 1, 5))
    a = records.get(s, Project, made.project_id)
    records.update(s, a, {"stage_id": _stage(s, "DELIVERY").id})
    _answer(s, a, "IDEA", 3)
    _answer(s, a, "ASSESS", 3)
    _answer(s, a, "APPROVED", 2, waived=1)
    records.update(s, _document(s, a, "DOC-BUSINESS-CASE"), {"status": DocumentStatus.COMPLETE})
    records.archive(s, _document(s, a, "DOC-CHARTER"))

    b = records.create(
        s, Project, {"code": "PRJ-200", "name": "Archive", "stage_id": _stage(s, "ASSESS").id}
    )
    _answer(s, b, "IDEA", 2)
    c = records.create(
        s, Project, {"code": "PRJ-300", "name": "Idea", "stage_id": _stage(s, "IDEA").id}
    )
    return a, b, c


def test_a_project_following_its_template(s: Session, portfolio: tuple[Project, ...]) -> None:
    a = portfolio[0]
    result = project_compliance(s, a.id)

    assert (result.items_due, result.items_met) == (11, 9)
    assert (result.documents_due, result.document_points) == (3, 1.5)
    assert result.score == 75.0
    assert result.needs_attention
    assert (result.template_code, result.template_version) == ("PT-STANDARD", 1)
    assert [(g.stage_code, g.passed, g.current) for g in result.gates] == [
        ("IDEA", True, False),
        ("ASSESS", True, False),
        ("APPROVED", True, False),
        ("DELIVERY", False, True),
    ]
    approved = result.gates[2]
    assert (approved.items, approved.required, approved.done, approved.waived) == (6, 4, 2, 1)
    assert approved.missing_required == 1
    assert [(d.template_code, d.state) for d in result.missing_documents] == [
        ("DOC-RISK-REGISTER", "draft"),
        ("DOC-CHARTER", "missing"),
    ]
    later = [d.template_code for d in result.documents if not d.due]
    assert later == ["DOC-STATUS-REPORT", "DOC-CLOSURE-REPORT", "DOC-LESSONS-REVIEW"]
    assert result.summary == "75% compliant; 2 gate items missing; 2 documents not complete"


def test_a_project_without_template_is_held_to_the_lifecycle(
    s: Session, portfolio: tuple[Project, ...]
) -> None:
    result = project_compliance(s, portfolio[1].id)
    assert result.template_code == "LC-STANDARD"
    assert (result.items_due, result.items_met, result.documents_due) == (3, 2, 0)
    assert result.score == 66.7
    assert [d.template_code for d in result.documents] == [
        "DOC-BUSINESS-CASE",
        "DOC-RISK-REGISTER",
        "DOC-CHARTER",
        "DOC-STATUS-REPORT",
        "DOC-CLOSURE-REPORT",
        "DOC-LESSONS-REVIEW",
    ]


def test_nothing_is_due_in_the_first_stage(s: Session, portfolio: tuple[Project, ...]) -> None:
    result = project_compliance(s, portfolio[2].id)
    assert result.score is None
    assert result.summary == "Nothing due yet"
    assert not result.needs_attention


def test_the_portfolio_pools_points(s: Session, portfolio: tuple[Project, ...]) -> None:
    result = portfolio_compliance(s, [p.id for p in portfolio])
    assert [p.project_code for p in result.projects] == ["PRJ-001", "PRJ-200", "PRJ-300"]
    assert result.score == 73.5
    assert result.average == pytest.approx(70.85, abs=0.06)
    assert [p.project_code for p in result.needing_attention] == ["PRJ-001", "PRJ-200"]
    assert portfolio_compliance(s, []).score is None


def test_completing_the_work_brings_the_score_to_100(
    s: Session, portfolio: tuple[Project, ...]
) -> None:
    a = portfolio[0]
    _answer(s, a, "ASSESS", 4)
    _answer(s, a, "APPROVED", 3, waived=1)
    records.update(s, _document(s, a, "DOC-RISK-REGISTER"), {"status": DocumentStatus.COMPLETE})
    records.restore(s, _document(s, a, "DOC-CHARTER"))
    records.update(s, _document(s, a, "DOC-CHARTER"), {"status": DocumentStatus.COMPLETE})
    assert project_compliance(s, a.id).score == 100.0
