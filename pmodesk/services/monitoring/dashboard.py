"""The KPI dashboard's figures for the whole portfolio, one portfolio or one programme.

Every chart is the same plain shape, :class:`Chart`: categories (bars, or the
points of a trend) with one value per series, and for each value the projects
behind it, so that the view can show the numbers on hover and drill down to
the projects of any bar without asking the store again. The charts themselves
are built in :mod:`.dashboard_charts`; this module holds the shapes, the scope
and :func:`dashboard`, which assembles them in one session.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, col, select

from pmodesk.domain import Portfolio, Programme, Project, Stage
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.domain.errors import NotFoundError

__all__ = [
    "Chart",
    "ChartPoint",
    "Dashboard",
    "DashboardScope",
    "ProjectBrief",
    "Tile",
    "dashboard",
    "scope_projects",
]


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One category of a chart: a value per series and the projects behind each value."""

    label: str
    values: tuple[float | None, ...]
    project_ids: tuple[tuple[uuid.UUID, ...], ...]
    #: A longer name for the hover text (a month's full name, an objective's name).
    detail: str = ""
    #: The code the category stands for (a stage, portfolio or programme code), if any.
    key: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    series: tuple[str, ...]
    points: tuple[ChartPoint, ...]
    #: ``count``, ``money``, ``percent``, ``ratio`` or ``score``: how values are written.
    unit: str = "count"
    #: ``stacked`` or ``grouped`` bars, ``hbar`` horizontal bars, ``line`` a trend.
    style: str = "grouped"
    #: The one figure shown beside the title.
    headline: str = ""
    #: A reference value drawn across the chart (100 % of target, an index of 1.0).
    reference: float | None = None
    #: Said instead of the chart when it has nothing to show.
    empty_text: str = "Nothing to show for this scope yet."

    @property
    def is_empty(self) -> bool:
        return not any(v for p in self.points for v in p.values if v)


@dataclass(frozen=True, slots=True)
class Tile:
    """A headline figure above the charts, which also drills down to its projects."""

    key: str
    label: str
    value: str
    project_ids: tuple[uuid.UUID, ...]
    #: ``good``, ``warn``, ``bad`` or ``""``: how the figure is tinted.
    tone: str = ""
    tip: str = ""


@dataclass(frozen=True, slots=True)
class ProjectBrief:
    """What the drill-down list shows of a project."""

    id: uuid.UUID
    code: str
    name: str
    stage: str
    stage_code: str
    stage_position: int
    state: ProjectState
    rag: Rag | None
    manager: str
    budget: float | None
    forecast_cost: float | None
    forecast_finish: date | None
    portfolio_id: uuid.UUID | None
    programme_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class DashboardScope:
    """The whole portfolio (both ``None``), one portfolio, or one programme."""

    portfolio_id: uuid.UUID | None = None
    programme_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Dashboard:
    scope_label: str
    today: date
    tiles: tuple[Tile, ...]
    charts: tuple[Chart, ...]
    projects: dict[uuid.UUID, ProjectBrief] = field(default_factory=dict)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)


def scope_projects(
    session: Session, scope: DashboardScope
) -> tuple[str, dict[uuid.UUID, ProjectBrief]]:
    """The scope's label and its live projects (by code), with what the drill-down shows."""
    label = "Whole portfolio"
    statement = select(Project).where(col(Project.archived_at).is_(None))
    if scope.programme_id is not None:
        programme = session.get(Programme, scope.programme_id)
        if programme is None:
            raise NotFoundError("That programme no longer exists; choose another scope.")
        label = f"Programme {programme.code} {programme.name}"
        statement = statement.where(Project.programme_id == scope.programme_id)
    elif scope.portfolio_id is not None:
        portfolio = session.get(Portfolio, scope.portfolio_id)
        if portfolio is None:
            raise NotFoundError("That portfolio no longer exists; choose another scope.")
        label = f"Portfolio {portfolio.code} {portfolio.name}"
        in_programme = select(Programme.id).where(Programme.portfolio_id == scope.portfolio_id)
        statement = statement.where(
            or_(
                col(Project.portfolio_id) == scope.portfolio_id,
                col(Project.programme_id).in_(in_programme),
            )
        )
    stages = {s.id: s for s in session.exec(select(Stage))}
    briefs = {}
    for p in session.exec(statement.order_by(col(Project.code))):
        stage = stages.get(p.stage_id) if p.stage_id else None
        briefs[p.id] = ProjectBrief(
            id=p.id,
            code=p.code,
            name=p.name,
            stage=stage.name if stage else "",
            stage_code=stage.code if stage else "",
            stage_position=stage.position if stage else 10_000,
            state=p.state,
            rag=p.rag_overall,
            manager=p.manager,
            budget=p.budget,
            forecast_cost=p.forecast_cost,
            forecast_finish=p.forecast_finish or p.planned_finish,
            portfolio_id=p.portfolio_id,
            programme_id=p.programme_id,
        )
    return label, briefs


def dashboard(session: Session, today: date, scope: DashboardScope | None = None) -> Dashboard:
    """Every tile and chart of the dashboard for ``scope`` (the whole portfolio by default)."""
    from pmodesk.services.monitoring import dashboard_charts as charts
    from pmodesk.services.monitoring.dashboard_tiles import tiles

    scope = scope or DashboardScope()
    label, projects = scope_projects(session, scope)
    built = (
        charts.stage_and_rag(session, projects),
        charts.milestones_on_time(session, projects, today),
        charts.budget_actual_forecast(session, projects, scope),
        charts.cpi_spi(session, projects, today),
        charts.exposure(session, projects, today),
        charts.utilisation_by_team(session, projects, today, scoped=scope != DashboardScope()),
        charts.benefits_against_target(session, projects),
    )
    headline = tiles(session, projects, today, built, whole=scope == DashboardScope())
    return Dashboard(label, today, headline, built, projects)
