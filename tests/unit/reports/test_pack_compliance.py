"""Template compliance in the review pack: on the project pages, in the summary, in the appendix.

The portfolio is the one checked by hand in the template library's own tests
(tests/unit/services/templates/test_templates_compliance.py):

* the portal, made from PT-STANDARD and moved to Delivery: 9 of 11 required
  items met, 1.5 of 3 document points (business case complete, risk register
  a draft, charter never produced): 10.5 / 14 = 75 %, below the 80 % threshold;
* PRJ-200, no template, in Assessment: 2 of Idea's 3 items: 66.7 %;
* PRJ-300, still in Idea: nothing due, no score.

Pooled: 12.5 / 17 = 73.5 % (printed 74 %); plain average 70.85 % (71 %).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from pmodesk.domain import GateChecklistItem, Project, ProjectDocument, Role, Stage
from pmodesk.domain.enums import ChecklistStatus, DocumentStatus
from pmodesk.reports import PackSettings, Section, build_pack, gather_pack
from pmodesk.services import gates, records
from pmodesk.services.setup import prepare_session
from pmodesk.services.templates import create_project_from_template
from tests.unit.reports.pdf_reading import bookmarks, page_texts

PERIOD = "2026-03"
TODAY = date(2026, 3, 20)
SETTINGS = PackSettings(period=PERIOD)
ROLES = ("ROLE-PM", "ROLE-BA", "ROLE-DEV", "ROLE-TEST", "ROLE-CHG")


@dataclass
class Portfolio:
    portal: Project
    archive: Project
    idea: Project


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
def portfolio(session: Session) -> Portfolio:
    prepare_session(session)
    for code in ROLES:
        records.create(session, Role, {"code": code, "name": code.title()})
    made = create_project_from_template(
        session, "PT-STANDARD", name="Customer portal", start=date(2026, 1, 5)
    )
    portal = records.get(session, Project, made.project_id)
    records.update(session, portal, {"stage_id": _stage(session, "DELIVERY").id})
    _answer(session, portal, "IDEA", 3)
    _answer(session, portal, "ASSESS", 3)
    _answer(session, portal, "APPROVED", 2, waived=1)
    records.update(
        session,
        _document(session, portal, "DOC-BUSINESS-CASE"),
        {"status": DocumentStatus.COMPLETE},
    )
    records.archive(session, _document(session, portal, "DOC-CHARTER"))
    archive = records.create(
        session,
        Project,
        {"code": "PRJ-200", "name": "Archive", "stage_id": _stage(session, "ASSESS").id},
    )
    _answer(session, archive, "IDEA", 2)
    idea = records.create(
        session,
        Project,
        {"code": "PRJ-300", "name": "Idea box", "stage_id": _stage(session, "IDEA").id},
    )
    return Portfolio(portal, archive, idea)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_each_page_gets_its_template_compliance(session: Session, portfolio: Portfolio) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    pages = {d.line.code: d for d in data.projects}

    portal = pages[portfolio.portal.code].template
    assert portal is not None
    assert (portal.template_code, portal.template_version) == ("PT-STANDARD", 1)
    assert portal.own_template
    assert portal.score == 75.0
    assert portal.needs_attention
    assert [(d.name, d.state, d.due_stage) for d in portal.missing_documents] == [
        ("Risk register", "draft", "Assessment"),
        ("Project charter", "missing", "Approved"),
    ]

    archive = pages["PRJ-200"].template
    assert archive is not None
    assert not archive.own_template
    assert (archive.template_code, archive.score) == ("LC-STANDARD", 66.7)
    idea = pages["PRJ-300"].template
    assert idea is not None
    assert idea.score is None
    assert not idea.needs_attention

    figure = data.compliance
    assert figure is not None
    assert (figure.score, figure.average, figure.scored) == (73.5, 70.8, 2)
    assert figure.threshold == 80.0
    assert [code for code, _name, _score in figure.below] == ["PRJ-200", portfolio.portal.code]


def test_compliance_is_not_gathered_for_a_pack_without_summary_or_pages(
    session: Session, portfolio: Portfolio
) -> None:
    data = gather_pack(
        session, replace(SETTINGS, sections=(Section.DASHBOARD, Section.RISKS)), today=TODAY
    )
    assert data.compliance is None
    assert all(d.template is None for d in data.projects)


def test_the_printed_pack_shows_scores_templates_and_the_rule(
    session: Session, portfolio: Portfolio, tmp_path: Path
) -> None:
    path = tmp_path / "pack.pdf"
    build_pack(session, SETTINGS, path, today=TODAY)
    texts = [squeeze(t) for t in page_texts(path)]
    page_of = {m.title.split(" · ")[0]: m.page for m in bookmarks(path) if m.level == 2}

    portal = texts[page_of[portfolio.portal.code] - 1]
    assert (
        "75% compliant with Standard project (PT-STANDARD v1), below 80% · "
        "9 of 11 gate items, 1 of 3 documents" in portal
    )
    assert (
        "Documents not complete: Risk register (draft, due by Assessment); "
        "Project charter (missing, due by Approved)." in portal
    )
    assert "Exit gate of Delivery:" in portal  # beside the gate checklist block
    archive = texts[page_of["PRJ-200"] - 1]
    assert "67% compliant with Standard lifecycle (LC-STANDARD v1), as it has no template" in (
        archive
    )
    idea = texts[page_of["PRJ-300"] - 1]
    assert "Nothing due yet · no template, held to Standard lifecycle (LC-STANDARD v1)" in idea

    summary = next(t for t in texts if "Executive summary" in t and "This pack covers" in t)
    assert (
        "Template compliance 74%, pooled over 2 scored projects (plain average 71%); "
        f"2 projects are below the 80% threshold (PRJ-200 67%, {portfolio.portal.code} 75%)."
        in summary
    )
    appendix = " ".join(texts[-2:])
    assert "Template compliance" in appendix
    assert "counts 1 when complete, ½ while still a draft, 0 when never produced" in appendix
    assert "Below 80% a project needs attention." in appendix
