"""The pack's data as plain, frozen dataclasses: no Qt, no ORM objects, no reportlab.

Gathering (see :mod:`pmodesk.reports.data.gather`) reads the workspace once
through the services and fills these; the sections only lay them out. Keeping
the two apart is what lets the benchmark time reportlab on its own, and the
tests check figures without reading a PDF.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.domain.rules import EarnedValue
from pmodesk.reports.settings import PackSettings

#: Exception ranks, most urgent first: the order of the dashboard and the project pages.
RANK_RED, RANK_WORSENING, RANK_AMBER, RANK_UNASSESSED, RANK_GREEN = range(5)
RANK_LABELS = {
    RANK_RED: "Red",
    RANK_WORSENING: "Worsening or gate overdue",
    RANK_AMBER: "Amber",
    RANK_UNASSESSED: "Not assessed",
    RANK_GREEN: "Green",
}


@dataclass(frozen=True, slots=True)
class DimensionRag:
    """One RAG dimension of a project: last period, this period and the trend (+1 better)."""

    dimension: str
    previous: Rag | None
    current: Rag | None
    trend: int


@dataclass(frozen=True, slots=True)
class ProjectLine:
    """A project as the dashboard lists it (and the head of its own page)."""

    id: uuid.UUID
    code: str
    name: str
    portfolio_code: str
    portfolio_name: str
    programme_code: str
    programme_name: str
    stage_name: str
    stage_position: int | None
    state: ProjectState
    manager: str
    sponsor: str
    rag: Rag | None
    previous_rag: Rag | None
    trend: int
    reported: bool
    dimensions: tuple[DimensionRag, ...]
    budget: float | None
    actual_cost: float | None
    forecast_cost: float | None
    percent_complete: float | None
    planned_finish: date | None
    forecast_finish: date | None
    slip_days: int | None
    evm: EarnedValue | None
    rank: int
    #: Why the board should look at it: short phrases, most serious first (empty: nothing).
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    code: str
    name: str
    baseline: date | None
    forecast: date | None
    actual: date | None
    is_gate: bool
    #: Forecast (or actual) minus baseline in days; ``None`` without both dates.
    variance_days: int | None
    overdue_days: int


@dataclass(frozen=True, slots=True)
class RaidLine:
    code: str
    kind: str
    title: str
    owner: str
    status: str
    probability: int | None
    impact: int | None
    score: int | None
    due_date: date | None
    response: str
    project_code: str = ""
    project_name: str = ""


@dataclass(frozen=True, slots=True)
class DecisionLine:
    code: str
    title: str
    description: str
    options: str
    recommendation: str
    forum: str
    status: str
    due_date: date | None
    decided_on: date | None
    outcome: str
    project_code: str
    project_name: str


@dataclass(frozen=True, slots=True)
class ChecklistLine:
    text: str
    required: bool
    status: str
    reason: str


@dataclass(frozen=True, slots=True)
class Compliance:
    """A project's answers to the exit gate of its current stage."""

    stage_name: str
    items: tuple[ChecklistLine, ...]

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.status == "done")

    @property
    def waived(self) -> int:
        return sum(1 for i in self.items if i.status == "waived")

    @property
    def missing_required(self) -> tuple[ChecklistLine, ...]:
        return tuple(i for i in self.items if i.status == "missing" and i.required)

    @property
    def share(self) -> float | None:
        """Done or waived ÷ all items; ``None`` for a gate without items."""
        return (self.done + self.waived) / len(self.items) if self.items else None


@dataclass(frozen=True, slots=True)
class MissingDocument:
    """A document the project's template expected by a gate already passed, not yet complete."""

    name: str
    #: The stage whose exit gate expected it.
    due_stage: str
    #: ``draft`` (half the credit) or ``missing`` (never produced).
    state: str


@dataclass(frozen=True, slots=True)
class TemplateCompliance:
    """How far a project follows its template (see :mod:`pmodesk.services.templates.compliance`).

    ``template_code`` and ``template_version`` name what the project is measured
    against: its own template, or the workspace lifecycle when it has none.
    """

    template_code: str
    template_version: int | None
    template_name: str
    #: False when the project has no template and is held to the workspace lifecycle.
    own_template: bool
    #: 0–100, or ``None`` while nothing is due (the project is still in its first stage).
    score: float | None
    needs_attention: bool
    items_due: int
    items_met: int
    documents_due: int
    document_points: float
    missing_documents: tuple[MissingDocument, ...]

    @property
    def points_due(self) -> float:
        return float(self.items_due + self.documents_due)

    @property
    def points(self) -> float:
        return self.items_met + self.document_points


@dataclass(frozen=True, slots=True)
class ComplianceFigure:
    """The portfolio's template compliance: pooled over the projects in scope."""

    #: Points earned over points due across every project in scope (0–100); ``None``: nothing due.
    score: float | None
    #: The plain average of the project scores.
    average: float | None
    scored: int
    #: A project below this score needs attention.
    threshold: float
    #: Projects below the threshold, the lowest score first: (code, name, score).
    below: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True, slots=True)
class StatusText:
    """A project's status report for the period, as written."""

    summary: str
    achievements: str
    next_steps: str
    submitted_by: str
    submitted_on: date | None


@dataclass(frozen=True, slots=True)
class ProjectDetail:
    """Everything on a project's page."""

    line: ProjectLine
    description: str
    department: str
    priority_score: float | None
    planned_start: date | None
    forecast_start: date | None
    status: StatusText | None
    milestones: tuple[MilestoneLine, ...]
    milestones_more: int
    risks: tuple[RaidLine, ...]
    issues: tuple[RaidLine, ...]
    decisions: tuple[DecisionLine, ...]
    compliance: Compliance | None
    #: Template compliance; ``None`` when it was not gathered.
    template: TemplateCompliance | None = None


@dataclass(frozen=True, slots=True)
class RagCount:
    """Projects per RAG: now and in the previous period."""

    rag: Rag | None
    now: int
    before: int


@dataclass(frozen=True, slots=True)
class StageRow:
    stage: str
    by_rag: dict[Rag | None, int]

    @property
    def total(self) -> int:
        return sum(self.by_rag.values())


@dataclass(frozen=True, slots=True)
class PeriodRag:
    """The RAG mix reported in one period (for the trend chart)."""

    period: str
    label: str
    green: int
    amber: int
    red: int
    not_reported: int


@dataclass(frozen=True, slots=True)
class ProgrammeMoney:
    code: str
    name: str
    budget: float
    actual: float
    forecast: float


@dataclass(frozen=True, slots=True)
class Summary:
    """The executive summary's figures."""

    in_scope: int
    reported: int
    by_stage: tuple[StageRow, ...]
    by_state: tuple[tuple[str, int], ...]
    by_rag: tuple[RagCount, ...]
    budget: float
    actual: float
    forecast: float
    pending_decisions: int
    overdue_decisions: int
    attention: tuple[ProjectLine, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """A table of numbers with row and column labels (the heatmap, demand against capacity)."""

    title: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    #: Text of each cell, rows × columns.
    cells: tuple[tuple[str, ...], ...]
    #: Shade of each cell: "" plain, "over", "under", "none" (no capacity).
    marks: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    description: str
    weight: float
    share: float
    scale: str
    better: str
    objective: str


@dataclass(frozen=True, slots=True)
class GateStage:
    name: str
    description: str
    items: tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class Appendix:
    gate_mode: str
    gate_mode_text: str
    stages: tuple[GateStage, ...]
    criteria: tuple[Criterion, ...]
    #: Template compliance: the score below which a project needs attention, a draft's credit.
    compliance_threshold: float = 80.0
    draft_credit: float = 0.5


@dataclass
class PackData:
    """The whole pack's content, gathered once; sections read only what they print."""

    settings: PackSettings
    organisation: str
    currency: str
    period: str
    period_label: str
    previous_period: str
    #: The previous period in words (``October 2026``), and both periods short (``Nov 26``).
    previous_label: str
    period_short: str
    previous_short: str
    generated_on: date
    date_line: str
    scope_label: str
    projects: list[ProjectDetail] = field(default_factory=list)
    summary: Summary | None = None
    trend: list[PeriodRag] = field(default_factory=list)
    programme_money: list[ProgrammeMoney] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)
    top_risks: list[RaidLine] = field(default_factory=list)
    open_risk_count: int = 0
    risk_matrix: dict[tuple[int, int], int] = field(default_factory=dict)
    heatmap: Grid | None = None
    demand: Grid | None = None
    appendix: Appendix | None = None
    compliance: ComplianceFigure | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[ProjectLine]:
        return [p.line for p in self.projects]
