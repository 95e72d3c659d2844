"""The dashboard's charts and headline tiles, each built from the services that own its figure.

Each function takes the scope's projects (:class:`~.dashboard.ProjectBrief` by
id) and returns a :class:`~.dashboard.Chart` whose values keep the projects
behind them. Months are calendar months ending with the current one.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlmodel import Session, col, select

from pmodesk.domain import Allocation, Person, Portfolio, Programme
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.services.capacity import Grouping, MatrixQuery, capacity_matrix
from pmodesk.services.monitoring.benefits import benefit_rollup
from pmodesk.services.monitoring.dashboard import (
    Chart,
    ChartPoint,
    DashboardScope,
    ProjectBrief,
)
from pmodesk.services.monitoring.kpis import cpi_spi_distribution
from pmodesk.services.monitoring.query import columns
from pmodesk.services.monitoring.raid_log import exposure_trend
from pmodesk.services.monitoring.variance import milestone_slips

Projects = Mapping[uuid.UUID, ProjectBrief]
Ids = tuple[uuid.UUID, ...]

MONTHS = 12
UTILISATION_WEEKS = 12
#: The bins of the CPI and SPI distribution: (label, lower bound inclusive).
INDEX_BINS: tuple[tuple[str, float], ...] = (
    ("<0.8", float("-inf")),
    ("0.8–0.9", 0.8),
    ("0.9–1", 0.9),
    ("1–1.1", 1.0),
    ("≥1.1", 1.1),
)
RAG_SERIES: tuple[tuple[str, Rag | None], ...] = (
    ("Green", Rag.GREEN),
    ("Amber", Rag.AMBER),
    ("Red", Rag.RED),
    ("Not rated", None),
)
_RUNNING = (ProjectState.ACTIVE, ProjectState.ON_HOLD)


def short_money(value: float) -> str:
    """``12.3M``, ``250k``, ``900``: money where space is short."""
    size = abs(value)
    if size >= 1e9:
        return f"{value / 1e9:.1f}bn"
    if size >= 1e6:
        return f"{value / 1e6:.1f}M"
    if size >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the last ``count`` months, the current one last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def month_ends(today: date, count: int = MONTHS) -> list[date]:
    """The last day of each of the last ``count`` months; ``today`` for the current one."""
    starts = month_starts(today, count)
    ends = [following - timedelta(days=1) for following in starts[1:]]
    return [*ends, today]


def distinct(items: Sequence[uuid.UUID]) -> Ids:
    return tuple(dict.fromkeys(items))


def stage_and_rag(session: Session, projects: Projects) -> Chart:
    running = [p for p in projects.values() if p.state in _RUNNING]
    stages = sorted({(p.stage_position, p.stage, p.stage_code) for p in running})
    points = []
    for _position, stage, code in stages:
        here = [p for p in running if p.stage_code == code]
        ids = tuple(tuple(p.id for p in here if p.rag is rag) for _label, rag in RAG_SERIES)
        values = tuple(float(len(i)) for i in ids)
        points.append(ChartPoint(stage or "No stage", values, ids, stage, code))
    red = sum(1 for p in running if p.rag is Rag.RED)
    return Chart(
        "stage_rag",
        "Projects by stage and RAG",
        tuple(label for label, _rag in RAG_SERIES),
        tuple(points),
        unit="count",
        style="stacked",
        headline=f"{len(running)} running · {red} red",
        empty_text="No active or on-hold projects in this scope.",
    )


def milestones_on_time(session: Session, projects: Projects, today: date) -> Chart:
    starts = month_starts(today)
    slips = milestone_slips(session, today, project_ids=list(projects))
    on_time: dict[date, list[uuid.UUID]] = {s: [] for s in starts}
    late: dict[date, list[uuid.UUID]] = {s: [] for s in starts}
    for project_id, milestones in slips.items():
        for m in milestones:
            if m.actual_date is None or m.slip_days is None or m.actual_date > today:
                continue
            month = m.actual_date.replace(day=1)
            if month in on_time:
                (on_time if m.slip_days <= 0 else late)[month].append(project_id)
    points = tuple(
        ChartPoint(
            f"{s:%b}",
            (float(len(on_time[s])), float(len(late[s]))),
            (distinct(on_time[s]), distinct(late[s])),
            f"{s:%B %Y}",
        )
        for s in starts
    )
    good = sum(len(v) for v in on_time.values())
    total = good + sum(len(v) for v in late.values())
    headline = f"{good / total:.0%} on time" if total else "no milestones reached"
    return Chart(
        "on_time",
        "Milestones on time",
        ("On time", "Late"),
        points,
        unit="count",
        style="stacked",
        headline=headline,
        empty_text="No milestone with a baseline was reached in the last twelve months.",
    )


def _money_groups(
    session: Session, projects: Projects, scope: DashboardScope
) -> list[tuple[str, str, list[ProjectBrief]]]:
    """(code, name, projects): by portfolio, by programme within a portfolio, or by stage."""
    if scope.programme_id is not None:
        stages: dict[tuple[int, str, str], list[ProjectBrief]] = {}
        for p in projects.values():
            stages.setdefault((p.stage_position, p.stage_code, p.stage or "No stage"), []).append(p)
        return [(code, name, members) for (_pos, code, name), members in sorted(stages.items())]
    groups: dict[uuid.UUID | None, list[ProjectBrief]] = {}
    names: dict[uuid.UUID | None, tuple[str, str]]
    if scope.portfolio_id is not None:
        names = {g.id: (g.code, g.name) for g in session.exec(select(Programme))}
        for p in projects.values():
            groups.setdefault(p.programme_id, []).append(p)
        names[None] = ("No programme", "Projects outside any programme")
    else:
        names = {g.id: (g.code, g.name) for g in session.exec(select(Portfolio))}
        owner = {g.id: g.portfolio_id for g in session.exec(select(Programme))}
        for p in projects.values():
            key = p.portfolio_id or (owner.get(p.programme_id) if p.programme_id else None)
            groups.setdefault(key, []).append(p)
        names[None] = ("No portfolio", "Projects outside any portfolio")
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, names[kv[0]][0]))
    return [(*names[key], members) for key, members in ordered]


def budget_actual_forecast(session: Session, projects: Projects, scope: DashboardScope) -> Chart:
    from pmodesk.domain import Project

    actual: dict[uuid.UUID, float | None] = dict(
        session.execute(
            columns(Project.id, Project.actual_cost).where(col(Project.id).in_(list(projects)))
        ).all()
    )
    running = {i: p for i, p in projects.items() if p.state in _RUNNING}
    points = []
    totals = [0.0, 0.0, 0.0]
    for code, detail, members in _money_groups(session, running, scope):
        label = detail if scope.programme_id is not None else code
        figures = (
            [(p.id, p.budget) for p in members],
            [(p.id, actual.get(p.id)) for p in members],
            [(p.id, p.forecast_cost) for p in members],
        )
        values = tuple(sum(v or 0.0 for _i, v in series) for series in figures)
        for n, v in enumerate(values):
            totals[n] += v
        ids = tuple(tuple(i for i, v in series if v is not None) for series in figures)
        key = "" if code.startswith("No ") else code
        points.append(ChartPoint(label, values, ids, detail, key))
    budget, _spent, forecast = totals
    headline = (
        f"{short_money(forecast)} of {short_money(budget)} ({(forecast - budget) / budget:+.0%})"
        if budget
        else ""
    )
    return Chart(
        "money",
        "Budget · actual · forecast",
        ("Budget", "Actual", "Forecast"),
        tuple(points),
        unit="money",
        style="grouped",
        headline=headline,
        empty_text="No project in this scope has a budget yet.",
    )


def _bin(value: float) -> int:
    return max(n for n, (_label, low) in enumerate(INDEX_BINS) if value >= low)


def cpi_spi(session: Session, projects: Projects, today: date) -> Chart:
    figures = {
        pid: ev
        for pid, ev in cpi_spi_distribution(session, today).items()
        if pid in projects and projects[pid].state in _RUNNING
    }
    cpi: list[list[uuid.UUID]] = [[] for _ in INDEX_BINS]
    spi: list[list[uuid.UUID]] = [[] for _ in INDEX_BINS]
    for pid, ev in figures.items():
        if ev.cpi is not None:
            cpi[_bin(ev.cpi)].append(pid)
        if ev.spi is not None:
            spi[_bin(ev.spi)].append(pid)
    points = tuple(
        ChartPoint(
            label,
            (float(len(cpi[n])), float(len(spi[n]))),
            (tuple(cpi[n]), tuple(spi[n])),
            f"index {label}",
        )
        for n, (label, _low) in enumerate(INDEX_BINS)
    )
    cpis = [ev.cpi for ev in figures.values() if ev.cpi is not None]
    spis = [ev.spi for ev in figures.values() if ev.spi is not None]
    parts = []
    if cpis:
        parts.append(f"median CPI {statistics.median(cpis):.2f}")
    if spis:
        parts.append(f"SPI {statistics.median(spis):.2f}")
    return Chart(
        "cpi_spi",
        "CPI and SPI",
        ("CPI", "SPI"),
        points,
        unit="count",
        style="grouped",
        headline=" · ".join(parts),
        empty_text="No running project has a budget, progress and plan dates to compute CPI or SPI.",
    )


def exposure(session: Session, projects: Projects, today: date) -> Chart:
    ends = month_ends(today)
    scoped: list[uuid.UUID | None] | None = list(projects)
    trend = exposure_trend(session, ends, project_ids=scoped)
    points = tuple(
        ChartPoint(
            f"{p.on:%b}",
            (float(p.total),),
            (p.project_ids,),
            f"{p.on:%d %B %Y}: {p.risks} open risks",
        )
        for p in trend
    )
    headline = ""
    if trend:
        now, before = trend[-1].total, trend[-4].total if len(trend) >= 4 else trend[0].total
        change = now - before
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        headline = f"{now:,} now · {arrow} {abs(change):,} in 3 months"
    return Chart(
        "exposure",
        "Risk exposure",
        ("Exposure",),
        points,
        unit="score",
        style="line",
        headline=headline,
        empty_text="No scored risks in this scope.",
    )


def utilisation_by_team(
    session: Session, projects: Projects, today: date, *, scoped: bool
) -> Chart:
    query = MatrixQuery(
        start=today,
        weeks=UTILISATION_WEEKS,
        grouping=Grouping.TEAM,
        project_ids=frozenset(projects) if scoped else None,
    )
    matrix = capacity_matrix(session, query)
    first, last = query.week_list[0], query.week_list[-1]
    behind: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    statement = (
        columns(Person.team_id, Allocation.project_id)
        .join(Person, col(Allocation.person_id) == Person.id)
        .where(
            col(Allocation.archived_at).is_(None),
            col(Allocation.scenario_id).is_(None),
            col(Allocation.week_start) >= first,
            col(Allocation.week_start) <= last,
        )
        .distinct()
    )
    for team_id, project_id in session.execute(statement):
        if project_id in projects:
            behind.setdefault(team_id, []).append(project_id)
    points = []
    over = 0
    for n, row in enumerate(matrix.rows):
        if row.is_placeholder:
            continue
        capacity = float(matrix.capacity[n].sum())
        if capacity <= 0:
            continue
        share = float(matrix.allocated[n].sum()) / capacity
        over += share > matrix.over_allocation_threshold
        ids = tuple(sorted(behind.get(row.key, []), key=lambda i: projects[i].code))
        points.append(
            ChartPoint(
                row.label, (share * 100,), (ids,), f"{row.label}: {capacity:,.0f} h available"
            )
        )
    mean = statistics.mean(p.values[0] or 0.0 for p in points) if points else 0.0
    return Chart(
        "utilisation",
        f"Utilisation by team, next {UTILISATION_WEEKS} weeks",
        ("Utilisation",),
        tuple(points),
        unit="percent",
        style="hbar",
        headline=f"{mean:.0f} % average · {over} over capacity" if points else "",
        reference=100.0 * matrix.over_allocation_threshold,
        empty_text="No team has capacity in the next twelve weeks.",
    )


def benefits_against_target(session: Session, projects: Projects) -> Chart:
    rows = benefit_rollup(session, project_ids=list(projects))
    points = tuple(
        ChartPoint(
            r.code or "None",
            (None if r.progress is None else r.progress * 100,),
            (r.project_ids,),
            f"{r.code} {r.name}: {r.measured} of {r.count} benefits measured",
        )
        for r in rows
    )
    measured = [r.progress for r in rows if r.progress is not None]
    headline = f"{statistics.mean(measured):.0%} of target" if measured else ""
    return Chart(
        "benefits",
        "Benefits vs target",
        ("Realised",),
        points,
        unit="percent",
        style="hbar",
        headline=headline,
        reference=100.0,
        empty_text="No benefit in this scope has a realised value yet.",
    )
