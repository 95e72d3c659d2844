"""How far each project follows its templates: gate checklists and documents, as one score.

What is *due* depends on where the project stands in the lifecycle. For every
gate the project has already passed (every stage before its current one):

* each **required** checklist item is due; it counts 1 when done or waived
  with a reason (the gate service accepts both), 0 when missing;
* each **document** its template expects by that gate is due; it counts 1 when
  complete, ½ while still a draft, 0 when it was never produced.

The score is the points earned over the points due, in per cent; a project
with nothing due yet (still in its first stage) has no score. The gate the
project is working towards now is shown as progress, not scored. A project
without a template is measured against the workspace lifecycle's documents.
A portfolio's score pools its projects' points, so a large project with many
items weighs more than a small one; the plain average is given beside it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, select

from pmodesk.domain import (
    GateChecklistItem,
    Project,
    ProjectChecklistItem,
    ProjectDocument,
    Stage,
    Template,
)
from pmodesk.domain.enums import ChecklistStatus, DocumentStatus, TemplateState
from pmodesk.services import records
from pmodesk.services.templates.body import documents_due

LIFECYCLE_CODE = "LC-STANDARD"
#: A project scoring below this is flagged on the board and in the review pack.
ATTENTION_BELOW = 80.0
DRAFT_CREDIT = 0.5

DocumentState = Literal["complete", "draft", "missing"]


@dataclass(frozen=True)
class GateCompliance:
    """A project's answers to the exit gate of one stage."""

    stage_code: str
    stage_name: str
    #: True when the project has left this stage: its required items are due.
    passed: bool
    #: True for the gate the project is working towards now.
    current: bool
    items: int
    required: int
    done: int
    waived: int
    missing_required: int

    @property
    def satisfied(self) -> int:
        return self.done + self.waived

    @property
    def percent(self) -> float:
        return 100.0 * self.satisfied / self.items if self.items else 100.0


@dataclass(frozen=True)
class DocumentCompliance:
    template_code: str
    name: str
    due_stage_code: str
    due_stage_name: str
    #: True when the gate the document is expected by has been passed.
    due: bool
    state: DocumentState
    document_id: uuid.UUID | None

    @property
    def credit(self) -> float:
        return {"complete": 1.0, "draft": DRAFT_CREDIT, "missing": 0.0}[self.state]


@dataclass(frozen=True)
class ProjectCompliance:
    project_id: uuid.UUID
    project_code: str
    project_name: str
    stage_name: str
    #: The template the project is measured against (its own, else the lifecycle).
    template_code: str
    template_version: int | None
    template_name: str
    gates: list[GateCompliance]
    documents: list[DocumentCompliance]
    items_due: int
    items_met: int
    documents_due: int
    document_points: float

    @property
    def points_due(self) -> float:
        return float(self.items_due + self.documents_due)

    @property
    def points(self) -> float:
        return self.items_met + self.document_points

    @property
    def score(self) -> float | None:
        """0–100, or ``None`` while nothing is due yet."""
        return round(100.0 * self.points / self.points_due, 1) if self.points_due else None

    @property
    def missing_documents(self) -> list[DocumentCompliance]:
        """Documents due and not complete (drafts included)."""
        return [d for d in self.documents if d.due and d.state != "complete"]

    @property
    def needs_attention(self) -> bool:
        return self.score is not None and self.score < ATTENTION_BELOW

    @property
    def summary(self) -> str:
        if self.score is None:
            return "Nothing due yet"
        open_items = self.items_due - self.items_met
        parts = [f"{self.score:.0f}% compliant"]
        if open_items:
            parts.append(f"{open_items} gate item{'s' if open_items != 1 else ''} missing")
        missing = self.missing_documents
        if missing:
            parts.append(f"{len(missing)} document{'s' if len(missing) != 1 else ''} not complete")
        return "; ".join(parts)


@dataclass(frozen=True)
class PortfolioCompliance:
    projects: list[ProjectCompliance]

    @property
    def scored(self) -> list[ProjectCompliance]:
        return [p for p in self.projects if p.score is not None]

    @property
    def score(self) -> float | None:
        """Points earned over points due across every project, in per cent."""
        due = sum(p.points_due for p in self.projects)
        return round(100.0 * sum(p.points for p in self.projects) / due, 1) if due else None

    @property
    def average(self) -> float | None:
        """The plain average of the project scores (each project counts once)."""
        scores = [p.score for p in self.scored if p.score is not None]
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def needing_attention(self) -> list[ProjectCompliance]:
        return [p for p in self.projects if p.needs_attention]


class _Workspace:
    """What every project's compliance reads, loaded once for a whole portfolio."""

    def __init__(self, session: Session) -> None:
        self.stages = list(
            session.exec(
                select(Stage)
                .where(col(Stage.archived_at).is_(None))
                .order_by(col(Stage.position), col(Stage.code))
            )
        )
        self.items: dict[uuid.UUID, list[GateChecklistItem]] = {}
        for item in session.exec(
            select(GateChecklistItem).where(col(GateChecklistItem.archived_at).is_(None))
        ):
            self.items.setdefault(item.stage_id, []).append(item)
        self.templates: dict[tuple[str, int], Template] = {
            (t.code, t.template_version): t for t in session.exec(select(Template))
        }
        published = [t for t in self.templates.values() if t.state is TemplateState.PUBLISHED]
        self.names = {t.code: t.name for t in self.templates.values()}
        self.names |= {t.code: t.name for t in published}
        self.lifecycle = next((t for t in published if t.code == LIFECYCLE_CODE), None)


def _compliance(
    ws: _Workspace,
    project: Project,
    answers: dict[uuid.UUID, ChecklistStatus],
    documents: dict[str, ProjectDocument],
) -> ProjectCompliance:
    position = next((n for n, s in enumerate(ws.stages) if s.id == project.stage_id), None)
    passed = set() if position is None else {s.code for s in ws.stages[:position]}
    current_code = ws.stages[position].code if position is not None else ""
    gates = []
    items_due = items_met = 0
    for stage in ws.stages:
        items = ws.items.get(stage.id, [])
        if not items or (stage.code not in passed and stage.code != current_code):
            continue
        states = [answers.get(i.id, ChecklistStatus.MISSING) for i in items]
        required = [answers.get(i.id, ChecklistStatus.MISSING) for i in items if i.required]
        missing_required = sum(s is ChecklistStatus.MISSING for s in required)
        gates.append(
            GateCompliance(
                stage_code=stage.code,
                stage_name=stage.name,
                passed=stage.code in passed,
                current=stage.code == current_code,
                items=len(items),
                required=len(required),
                done=sum(s is ChecklistStatus.DONE for s in states),
                waived=sum(s is ChecklistStatus.WAIVED for s in states),
                missing_required=missing_required,
            )
        )
        if stage.code in passed:
            items_due += len(required)
            items_met += len(required) - missing_required

    template = None
    if project.template_code and project.template_version is not None:
        template = ws.templates.get((project.template_code, project.template_version))
    standard = template or ws.lifecycle
    stage_names = {s.code: s.name for s in ws.stages}
    docs = []
    for code, stage_code in documents_due(standard.body) if standard is not None else []:
        produced = documents.get(code)
        state: DocumentState = "missing"
        if produced is not None:
            state = "complete" if produced.status is DocumentStatus.COMPLETE else "draft"
        docs.append(
            DocumentCompliance(
                template_code=code,
                name=ws.names.get(code, code),
                due_stage_code=stage_code,
                due_stage_name=stage_names.get(stage_code, stage_code),
                due=stage_code in passed,
                state=state,
                document_id=produced.id if produced is not None else None,
            )
        )
    due_docs = [d for d in docs if d.due]
    return ProjectCompliance(
        project_id=project.id,
        project_code=project.code,
        project_name=project.name,
        stage_name=ws.stages[position].name if position is not None else "",
        template_code=standard.code if standard is not None else "",
        template_version=standard.template_version if standard is not None else None,
        template_name=standard.name if standard is not None else "No template",
        gates=gates,
        documents=docs,
        items_due=items_due,
        items_met=items_met,
        documents_due=len(due_docs),
        document_points=sum(d.credit for d in due_docs),
    )


def _answers(
    session: Session, project_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[uuid.UUID, ChecklistStatus]]:
    """Each project's answer per checklist item, read as three columns (no full records)."""
    found: dict[uuid.UUID, dict[uuid.UUID, ChecklistStatus]] = {}
    rows = session.exec(
        select(
            ProjectChecklistItem.project_id,
            ProjectChecklistItem.item_id,
            ProjectChecklistItem.status,
        ).where(
            col(ProjectChecklistItem.project_id).in_(project_ids),
            col(ProjectChecklistItem.archived_at).is_(None),
        )
    )
    for project_id, item_id, status in rows:
        found.setdefault(project_id, {})[item_id] = ChecklistStatus(status)
    return found


def _documents(
    session: Session, project_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, ProjectDocument]]:
    found: dict[uuid.UUID, dict[str, ProjectDocument]] = {}
    for doc in session.exec(
        select(ProjectDocument).where(
            col(ProjectDocument.project_id).in_(project_ids),
            col(ProjectDocument.archived_at).is_(None),
        )
    ):
        found.setdefault(doc.project_id, {})[doc.template_code] = doc
    return found


def project_compliance(session: Session, project_id: uuid.UUID) -> ProjectCompliance:
    """How far one project follows its templates (a NotFoundError for an unknown id)."""
    project = records.get(session, Project, project_id)
    return _compliance(
        _Workspace(session),
        project,
        _answers(session, [project.id]).get(project.id, {}),
        _documents(session, [project.id]).get(project.id, {}),
    )


def portfolio_compliance(session: Session, project_ids: Iterable[uuid.UUID]) -> PortfolioCompliance:
    """The compliance of each project (in code order) and the portfolio's pooled score."""
    ids = list(dict.fromkeys(project_ids))
    ws = _Workspace(session)
    answers: dict[uuid.UUID, dict[uuid.UUID, ChecklistStatus]] = {}
    documents: dict[uuid.UUID, dict[str, ProjectDocument]] = {}
    projects: list[Project] = []
    for start in range(0, len(ids), 500):  # SQLite caps the parameters of one statement
        chunk = ids[start : start + 500]
        answers |= _answers(session, chunk)
        documents |= _documents(session, chunk)
        projects += session.exec(select(Project).where(col(Project.id).in_(chunk)))
    projects.sort(key=lambda p: p.code)
    return PortfolioCompliance(
        [_compliance(ws, p, answers.get(p.id, {}), documents.get(p.id, {})) for p in projects]
    )
