"""Governance data for the pack: gate checklist compliance, pending decisions, the rules in force.

:func:`checklist_compliance` is the hook where compliance is computed. Today
it reads each project's answers to the exit gate of its current stage
(:class:`~pmodesk.domain.ProjectChecklistItem`); when template compliance
arrives (``pmodesk.services.templates``), it is the one function to extend
so that the project pages show both.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Decision, GateChecklistItem, ProjectChecklistItem, Stage
from pmodesk.domain.enums import ChecklistStatus, DecisionStatus, GateMode
from pmodesk.reports.data.model import (
    Appendix,
    ChecklistLine,
    Compliance,
    Criterion,
    DecisionLine,
    GateStage,
)
from pmodesk.reports.data.queries import decision_line, in_chunks
from pmodesk.services.register import RegisterRow
from pmodesk.services.scoring import criteria
from pmodesk.services.settings import GATE_MODE, get_setting

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


def checklist_compliance(
    session: Session, projects: Mapping[uuid.UUID, RegisterRow]
) -> dict[uuid.UUID, Compliance]:
    """Compliance hook: each project's answers to the exit gate of the stage it is in.

    Projects without a stage, or whose stage has no checklist, get no entry.
    Missing answers count as missing. Template compliance will be added here.
    """
    stages = {s.code: s for s in _live_stages(session)}
    wanted = {pid: stages[r.stage_code] for pid, r in projects.items() if r.stage_code in stages}
    if not wanted:
        return {}
    items_by_stage: dict[uuid.UUID, list[GateChecklistItem]] = {}
    for item in _gate_items(session, list({s.id for s in wanted.values()})):
        items_by_stage.setdefault(item.stage_id, []).append(item)
    answers: dict[tuple[uuid.UUID, uuid.UUID], ProjectChecklistItem] = {
        (a.project_id, a.item_id): a
        for a in in_chunks(
            session,
            ProjectChecklistItem,
            ProjectChecklistItem.project_id,
            list(wanted),
            col(ProjectChecklistItem.archived_at).is_(None),
        )
    }
    found: dict[uuid.UUID, Compliance] = {}
    for project_id, stage in wanted.items():
        items = items_by_stage.get(stage.id, [])
        if not items:
            continue
        lines = []
        for item in items:
            answer = answers.get((project_id, item.id))
            status = answer.status if answer is not None else ChecklistStatus.MISSING
            reason = answer.reason if answer is not None else ""
            lines.append(ChecklistLine(item.text, item.required, status.value, reason))
        found[project_id] = Compliance(stage.name, tuple(lines))
    return found


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
    return Appendix(mode.value, GATE_MODE_TEXT[mode], gate_stages, scored)
