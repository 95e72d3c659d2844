"""Governance data for the pack: compliance, pending decisions, the rules in force.

Two hooks measure compliance. :func:`checklist_compliance` reads each
project's answers to the exit gate of its current stage
(:class:`~pmodesk.domain.ProjectChecklistItem`): the gate the project is
working towards. :func:`template_compliance` asks the template library
(:mod:`pmodesk.services.templates.compliance`) how far each project follows
its template over the gates it has already passed, as a score, and pools the
scores of the scope. The project pages show both side by side.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from pmodesk.domain import Decision, GateChecklistItem, Project, ProjectChecklistItem, Stage
from pmodesk.domain.enums import ChecklistStatus, DecisionStatus, GateMode
from pmodesk.reports.data.model import (
    Appendix,
    ChecklistLine,
    Compliance,
    ComplianceFigure,
    Criterion,
    DecisionLine,
    GateStage,
    MissingDocument,
    TemplateCompliance,
)
from pmodesk.reports.data.queries import CHUNK, decision_line, in_chunks
from pmodesk.services.register import RegisterRow
from pmodesk.services.scoring import criteria
from pmodesk.services.settings import GATE_MODE, get_setting
from pmodesk.services.templates import ProjectCompliance, portfolio_compliance
from pmodesk.services.templates.compliance import (
    ATTENTION_BELOW,
    DRAFT_CREDIT,
    LIFECYCLE_CODE,
)

GATE_MODE_TEXT = {
    GateMode.SUPPORTIVE: (
        "Supportive: missing checklist items are shown as advice; the project may still move on."
    ),
    GateMode.CONTROLLING: (
        "Controlling: a project moves to the next stage only when every required item of the "
        "exit gate is done, or waived with a recorded reason."
    ),
    GateMode.DIRECTIVE: (
        "Directive: as controlling, and the move also needs an approved decision recorded by "
        "the PMO for entering the stage, with its forum and date."
    ),
}


def _live_stages(session: Session) -> list[Stage]:
    statement = (
        select(Stage)
        .where(col(Stage.archived_at).is_(None))
        .order_by(col(Stage.position), col(Stage.code))
    )
    return list(session.exec(statement))


def _gate_items(session: Session, stage_ids: Sequence[uuid.UUID]) -> list[GateChecklistItem]:
    if not stage_ids:
        return []
    statement = select(GateChecklistItem).where(
        col(GateChecklistItem.stage_id).in_(list(stage_ids)),
        col(GateChecklistItem.archived_at).is_(None),
    )
    return sorted(session.exec(statement), key=lambda i: (i.position, i.code))


def _answers(
    session: Session, project_ids: Sequence[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], tuple[ChecklistStatus, str]]:
    """The live answers of ``project_ids`` to the exit gate of the stage each one is in:
    (project, item) -> (status, reason).

    Only the current stage's answers, as plain columns, not records: a tenth of
    all answers, read for every project in scope.
    """
    found: dict[tuple[uuid.UUID, uuid.UUID], tuple[ChecklistStatus, str]] = {}
    answer, item = ProjectChecklistItem, GateChecklistItem
    for start in range(0, len(project_ids), CHUNK):
        statement = (
            sa_select(
                col(answer.project_id), col(answer.item_id), col(answer.status), col(answer.reason)
            )
            .join(Project, col(Project.id) == col(answer.project_id))
            .join(item, col(item.id) == col(answer.item_id))
            .where(
                col(answer.project_id).in_(list(project_ids[start : start + CHUNK])),
                col(item.stage_id) == col(Project.stage_id),
                col(answer.archived_at).is_(None),
            )
        )
        for project_id, item_id, status, reason in session.execute(statement):
            found[(project_id, item_id)] = (ChecklistStatus(status), reason or "")
    return found


def checklist_compliance(
    session: Session, projects: Mapping[uuid.UUID, RegisterRow]
) -> dict[uuid.UUID, Compliance]:
    """Compliance hook: each project's answers to the exit gate of the stage it is in.

    Projects without a stage, or whose stage has no checklist, get no entry.
    Missing answers count as missing. See :func:`template_compliance` for the score.
    """
    stages = {s.code: s for s in _live_stages(session)}
    wanted = {pid: stages[r.stage_code] for pid, r in projects.items() if r.stage_code in stages}
    if not wanted:
        return {}
    items_by_stage: dict[uuid.UUID, list[GateChecklistItem]] = {}
    for item in _gate_items(session, list({s.id for s in wanted.values()})):
        items_by_stage.setdefault(item.stage_id, []).append(item)
    answers = _answers(session, list(wanted))
    found: dict[uuid.UUID, Compliance] = {}
    for project_id, stage in wanted.items():
        items = items_by_stage.get(stage.id, [])
        if not items:
            continue
        lines = []
        for item in items:
            status, reason = answers.get((project_id, item.id), (ChecklistStatus.MISSING, ""))
            lines.append(ChecklistLine(item.text, item.required, status.value, reason))
        found[project_id] = Compliance(stage.name, tuple(lines))
    return found


def _template_line(p: ProjectCompliance) -> TemplateCompliance:
    return TemplateCompliance(
        template_code=p.template_code,
        template_version=p.template_version,
        template_name=p.template_name,
        own_template=p.template_code not in ("", LIFECYCLE_CODE),
        score=p.score,
        needs_attention=p.needs_attention,
        items_due=p.items_due,
        items_met=p.items_met,
        documents_due=p.documents_due,
        document_points=p.document_points,
        missing_documents=tuple(
            MissingDocument(d.name, d.due_stage_name, d.state) for d in p.missing_documents
        ),
    )


def template_compliance(
    session: Session, rows: Sequence[RegisterRow]
) -> tuple[dict[uuid.UUID, TemplateCompliance], ComplianceFigure]:
    """Each project's template compliance, and the scope's pooled score.

    One call of the template library for the whole scope (a few queries, not
    one per project); the pooled score is the library's own, so the pack and
    the Templates page agree.
    """
    result = portfolio_compliance(session, [r.id for r in rows])
    below = sorted(
        ((p.project_code, p.project_name, p.score) for p in result.needing_attention),
        key=lambda found: (found[2] or 0.0, found[0]),
    )
    figure = ComplianceFigure(
        score=result.score,
        average=result.average,
        scored=len(result.scored),
        threshold=ATTENTION_BELOW,
        below=tuple((code, name, score or 0.0) for code, name, score in below),
    )
    return {p.project_id: _template_line(p) for p in result.projects}, figure


def pending_decisions(
    session: Session, rows: Sequence[RegisterRow], *, portfolio_level: bool
) -> list[DecisionLine]:
    """Every pending decision about the projects in ``rows`` (and, if asked, held at portfolio
    level), the earliest due first; decisions without a due date come last."""
    by_id = {r.id: r for r in rows}
    found = in_chunks(
        session,
        Decision,
        Decision.project_id,
        list(by_id),
        Decision.status == DecisionStatus.PENDING,
        col(Decision.archived_at).is_(None),
    )
    if portfolio_level:
        statement = select(Decision).where(
            col(Decision.project_id).is_(None),
            Decision.status == DecisionStatus.PENDING,
            col(Decision.archived_at).is_(None),
        )
        found.extend(session.exec(statement))
    found.sort(key=lambda d: (d.due_date or date.max, d.code))
    return [decision_line(d, by_id.get(d.project_id) if d.project_id else None) for d in found]


def appendix(session: Session) -> Appendix:
    """The rules in force: gate mode and exit checklists, and the scoring model."""
    mode = GateMode(get_setting(session, GATE_MODE))
    stages = _live_stages(session)
    items = _gate_items(session, [s.id for s in stages])
    gate_stages = tuple(
        GateStage(
            s.name,
            s.description,
            tuple((i.text, i.required) for i in items if i.stage_id == s.id),
        )
        for s in stages
    )
    model = criteria(session)
    total = sum(c.weight for c in model if c.weight > 0)
    scored = tuple(
        Criterion(
            name=c.name,
            description="",
            weight=c.weight,
            share=c.weight / total if total and c.weight > 0 else 0.0,
            scale=f"{c.scale_min}–{c.scale_max}",
            better="Higher is better" if c.higher_is_better else "Lower is better",
            objective=c.objective_code or "",
        )
        for c in model
    )
    return Appendix(
        mode.value,
        GATE_MODE_TEXT[mode],
        gate_stages,
        scored,
        compliance_threshold=ATTENTION_BELOW,
        draft_credit=DRAFT_CREDIT,
    )
