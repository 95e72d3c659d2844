"""What the workspace knows about a project, by the source names document fields use.

``project.sponsor``, ``risks.top``, ``milestones.upcoming`` … (the full list
is :data:`pmodesk.services.templates.body.SOURCES`). A value is what the
document stores: text, a number, an ISO date, a RAG word, or a list of lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import (
    Allocation,
    Benefit,
    Decision,
    Lesson,
    Milestone,
    Portfolio,
    Programme,
    Project,
    ProjectObjective,
    RaidItem,
    Role,
    Stage,
    StatusReport,
    StrategicObjective,
)
from pmodesk.domain.enums import DecisionStatus, RaidKind, RaidStatus

Value = str | float | list[str] | None
TOP_RISKS = 5
UPCOMING_MILESTONES = 5


def _plain(value: Any) -> Value:
    if value is None or value == "":
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return str(value)


def _day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value is not None else "no date"


class ProjectFacts:
    """Reads what a document asks for, once per source, for one project."""

    def __init__(self, session: Session, project: Project, today: date | None = None) -> None:
        self.session = session
        self.project = project
        self.today = today or date.today()
        self._raid: list[RaidItem] | None = None

    def value(self, source: str) -> Value:
        """The value of ``source`` for the project, or ``None`` when the workspace has none."""
        if not source:
            return None
        if source.startswith("project."):
            return self._project_field(source.removeprefix("project."))
        reader = _READERS.get(source)
        return reader(self) if reader is not None else None

    # ---------------------------------------------------------------- project fields

    def _project_field(self, name: str) -> Value:
        p = self.project
        if name == "portfolio":
            found = self.session.get(Portfolio, p.portfolio_id) if p.portfolio_id else None
            return found.name if found else None
        if name == "programme":
            found_pg = self.session.get(Programme, p.programme_id) if p.programme_id else None
            return found_pg.name if found_pg else None
        if name == "stage":
            stage = self.session.get(Stage, p.stage_id) if p.stage_id else None
            return stage.name if stage else None
        if name == "state":
            return p.state.label
        if name == "objectives":
            return self.objectives()
        return _plain(getattr(p, name, None))

    def objectives(self) -> list[str]:
        rows = self.session.exec(
            select(StrategicObjective, ProjectObjective.contribution)
            .join(ProjectObjective, col(ProjectObjective.objective_id) == StrategicObjective.id)
            .where(ProjectObjective.project_id == self.project.id)
            .order_by(col(ProjectObjective.contribution).desc(), col(StrategicObjective.code))
        )
        return [f"{o.name} (contribution {c} of 5)" for o, c in rows]

    # ---------------------------------------------------------------- related records

    def raid(self) -> list[RaidItem]:
        if self._raid is None:
            self._raid = list(
                self.session.exec(
                    select(RaidItem).where(
                        RaidItem.project_id == self.project.id,
                        col(RaidItem.archived_at).is_(None),
                        RaidItem.status != RaidStatus.CLOSED,
                    )
                )
            )
        return self._raid

    def open_raid(self, kind: RaidKind, limit: int | None = None) -> list[str]:
        items = [i for i in self.raid() if i.kind is kind]
        items.sort(key=lambda i: (-((i.probability or 1) * (i.impact or 1)), i.code))
        lines = []
        for item in items[:limit]:
            score = (
                f" (score {(item.probability or 1) * (item.impact or 1)})"
                if kind is RaidKind.RISK
                else ""
            )
            owner = f"; owner {item.owner}" if item.owner else ""
            response = f" Response: {item.response}" if item.response else ""
            lines.append(f"{item.code} {item.title}{score}{owner}.{response}")
        return lines

    def milestones(self, *, upcoming: bool) -> list[str]:
        found = list(
            self.session.exec(
                select(Milestone).where(
                    Milestone.project_id == self.project.id, col(Milestone.archived_at).is_(None)
                )
            )
        )

        def when(m: Milestone) -> date:
            return m.actual_date or m.forecast_date or m.baseline_date or date.max

        found.sort(key=lambda m: (when(m), m.code))
        if upcoming:
            found = [m for m in found if m.actual_date is None][:UPCOMING_MILESTONES]
        lines = []
        for m in found:
            if m.actual_date is not None:
                lines.append(f"{m.name}: done {_day(m.actual_date)}")
            else:
                planned = when(m)
                lines.append(f"{m.name}: {_day(planned) if planned != date.max else 'no date'}")
        return lines

    def benefits(self) -> list[str]:
        found = self.session.exec(
            select(Benefit)
            .where(Benefit.project_id == self.project.id, col(Benefit.archived_at).is_(None))
            .order_by(col(Benefit.code))
        )
        lines = []
        for b in found:
            unit = f" {b.unit}" if b.unit else ""
            target = f", target {b.target_value:g}{unit}" if b.target_value is not None else ""
            by = f" by {_day(b.target_date)}" if b.target_date else ""
            owner = f"; owner {b.owner}" if b.owner else ""
            measure = f" ({b.measure})" if b.measure else ""
            lines.append(f"{b.name}{measure}{target}{by}{owner}")
        return lines

    def lessons(self) -> list[str]:
        found = self.session.exec(
            select(Lesson)
            .where(Lesson.project_id == self.project.id, col(Lesson.archived_at).is_(None))
            .order_by(col(Lesson.code))
        )
        return [f"{lesson.title}. {lesson.recommendation}".strip() for lesson in found]

    def pending_decisions(self) -> list[str]:
        found = self.session.exec(
            select(Decision)
            .where(
                Decision.project_id == self.project.id,
                Decision.status == DecisionStatus.PENDING,
                col(Decision.archived_at).is_(None),
            )
            .order_by(col(Decision.due_date), col(Decision.code))
        )
        return [
            f"{d.title}" + (f" (needed by {_day(d.due_date)})" if d.due_date else "") for d in found
        ]

    def team(self) -> list[str]:
        hours: dict[str, float] = defaultdict(float)
        weeks: dict[str, set[date]] = defaultdict(set)
        rows = self.session.exec(
            select(Allocation, Role.name)
            .join(Role, col(Role.id) == Allocation.role_id, isouter=True)
            .where(
                Allocation.project_id == self.project.id,
                col(Allocation.archived_at).is_(None),
                col(Allocation.scenario_id).is_(None),
            )
        )
        for allocation, role in rows:
            name = role or "Named people"
            hours[name] += allocation.hours
            weeks[name].add(allocation.week_start)
        return [
            f"{name}: {total:,.0f} hours over {len(weeks[name])} weeks"
            for name, total in sorted(hours.items(), key=lambda kv: -kv[1])
        ]

    def latest_status(self) -> StatusReport | None:
        return self.session.exec(
            select(StatusReport)
            .where(
                StatusReport.project_id == self.project.id, col(StatusReport.archived_at).is_(None)
            )
            .order_by(col(StatusReport.period).desc())
        ).first()

    def status_text(self, field: str) -> Value:
        report = self.latest_status()
        return _plain(getattr(report, field)) if report is not None else None


def _lines(lines: list[str]) -> Value:
    return lines or None


_READERS: dict[str, Callable[[ProjectFacts], Value]] = {
    "risks.top": lambda f: _lines(f.open_raid(RaidKind.RISK, TOP_RISKS)),
    "risks.open": lambda f: _lines(f.open_raid(RaidKind.RISK)),
    "issues.open": lambda f: _lines(f.open_raid(RaidKind.ISSUE)),
    "assumptions.open": lambda f: _lines(f.open_raid(RaidKind.ASSUMPTION)),
    "dependencies.open": lambda f: _lines(f.open_raid(RaidKind.DEPENDENCY)),
    "milestones.upcoming": lambda f: _lines(f.milestones(upcoming=True)),
    "milestones.all": lambda f: _lines(f.milestones(upcoming=False)),
    "benefits.list": lambda f: _lines(f.benefits()),
    "lessons.list": lambda f: _lines(f.lessons()),
    "decisions.pending": lambda f: _lines(f.pending_decisions()),
    "team.roles": lambda f: _lines(f.team()),
    "status.period": lambda f: f.status_text("period"),
    "status.summary": lambda f: f.status_text("summary"),
    "status.achievements": lambda f: f.status_text("achievements"),
    "status.next_steps": lambda f: f.status_text("next_steps"),
    "today": lambda f: f.today.isoformat(),
}
