"""The demo's governance records: RAID items, decisions and monthly status reports.

Troubled projects carry more and higher-scored risks and issues. Status
reports cover the last six months of each active project, with a RAG trend
that moves month to month and ends at the project's current RAG.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pmodesk.domain.enums import (
    DecisionStatus,
    ProjectState,
    Rag,
    RagDimension,
    RaidKind,
    RaidStatus,
)
from pmodesk.domain.rules import rag_rollup
from pmodesk.services.demo.names import load_pool
from pmodesk.services.demo.portfolio import ASSESS, CLOSED, CLOSING, IDEA
from pmodesk.services.demo.world import DemoProject, World, between, weighted

Row = dict[str, Any]
REPORT_MONTHS = 6
#: How many of each RAID kind a project has: (fewest, most), more when the project is troubled.
RAID_COUNTS = {
    RaidKind.RISK: (1, 4),
    RaidKind.ASSUMPTION: (0, 2),
    RaidKind.ISSUE: (0, 2),
    RaidKind.DEPENDENCY: (0, 2),
}


def _score_bias(p: DemoProject) -> int:
    return {None: 0, Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}[p.overall]


def _raid_item(
    world: World, texts: dict[str, Any], kind: RaidKind, code: str, project: DemoProject | None
) -> Row:
    rng, today = world.rng, world.today
    title, response = rng.choice(texts[kind.value])
    bias = _score_bias(project) if project else 1
    probability = min(5, between(rng, 1, 4) + (rng.random() < 0.5) * bias)
    impact = min(5, between(rng, 1, 4) + (rng.random() < 0.6) * bias)
    if project is not None and project.stage == CLOSED:
        status = RaidStatus.CLOSED
    else:
        status = weighted(
            rng, {RaidStatus.OPEN: 0.6, RaidStatus.IN_PROGRESS: 0.25, RaidStatus.CLOSED: 0.15}
        )
    start = project.planned_start if project else today - timedelta(days=365)
    latest = min(today, project.actual_finish or today) if project else today
    earliest = min(start, latest) - timedelta(days=60)
    raised = earliest + timedelta(days=between(rng, 0, max(0, (latest - earliest).days)))
    closed = None
    if status is RaidStatus.CLOSED:
        closed = raised + timedelta(days=between(rng, 0, max(0, (latest - raised).days)))
    owners = [project.manager, project.sponsor] if project else [p.name for p in world.people[:20]]
    return world.portfolio_row(
        code=code,
        project_id=project.id if project else None,
        kind=kind.value,
        title=title,
        description="",
        owner=rng.choice(owners or ["PMO"]),
        status=status.value,
        probability=None if kind is RaidKind.ISSUE else probability,
        impact=impact,
        response=response,
        actions=rng.choice(texts["actions"]),
        raised_on=raised,
        due_date=raised + timedelta(days=between(rng, 14, 90)),
        closed_on=closed,
        escalated=probability * impact >= 15 and rng.random() < 0.5,
    )


def raid_items(world: World) -> list[Row]:
    rng, rows, texts = world.rng, [], load_pool("governance")
    for p in world.projects:
        if p.stage == IDEA and rng.random() < 0.6:
            continue
        for kind, (low, high) in RAID_COUNTS.items():
            extra = _score_bias(p) if kind in (RaidKind.RISK, RaidKind.ISSUE) else 0
            for n in range(1, between(rng, low, high) + extra + 1):
                rows.append(_raid_item(world, texts, kind, f"{p.code}-{kind.letter}{n:02d}", p))
    for _id, code in world.portfolios:  # risks the portfolio board holds itself
        for n, kind in enumerate((RaidKind.RISK, RaidKind.RISK, RaidKind.ISSUE), start=1):
            rows.append(_raid_item(world, texts, kind, f"{code}-{kind.letter}{n:02d}", None))
    return rows


def decisions(world: World) -> list[Row]:
    rng, today = world.rng, world.today
    pool = load_pool("governance")["decisions"]
    forums: list[str] = load_pool("organisation")["forums"]
    rows: list[Row] = []
    for p in world.projects:
        if p.stage == IDEA:
            continue
        for n in range(1, between(rng, 0, 3) + 1):
            title, options = rng.choice(pool)
            if p.stage == CLOSED or not p.live:
                status = weighted(rng, {DecisionStatus.APPROVED: 0.7, DecisionStatus.REJECTED: 0.3})
            else:
                status = weighted(
                    rng,
                    {
                        DecisionStatus.PENDING: 0.35,
                        DecisionStatus.APPROVED: 0.4,
                        DecisionStatus.REJECTED: 0.15,
                        DecisionStatus.DEFERRED: 0.1,
                    },
                )
            decided = status in (DecisionStatus.APPROVED, DecisionStatus.REJECTED)
            latest = min(today, p.actual_finish or today)
            due = latest + timedelta(days=between(rng, -40, 45 if not decided else -1))
            outcome = {
                DecisionStatus.APPROVED: "Approved as recommended.",
                DecisionStatus.REJECTED: "Rejected: the board asked for another option.",
                DecisionStatus.DEFERRED: "Deferred to the next meeting pending more information.",
            }.get(status, "")
            rows.append(
                world.portfolio_row(
                    code=f"{p.code}-DEC{n:02d}",
                    project_id=p.id,
                    title=title,
                    description="",
                    options=options,
                    recommendation="Proceed with the recommended option.",
                    forum=rng.choice(forums),
                    status=status.value,
                    due_date=due,
                    decided_on=min(due, latest) if decided else None,
                    decided_by=p.sponsor if decided else "",
                    outcome=outcome,
                )
            )
    return rows


def _periods(today: date, months: int) -> list[tuple[str, date]]:
    """The last ``months`` periods, oldest first: ('YYYY-MM', last day of that month)."""
    found = []
    year, month = today.year, today.month
    for _ in range(months):
        following = date(year + (month == 12), month % 12 + 1, 1)
        found.append((f"{year:04d}-{month:02d}", following - timedelta(days=1)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found[::-1]


def _trend(world: World, current: Rag | None, months: int) -> list[Rag | None]:
    """A RAG history ending at ``current``, one month at a time, moving now and then."""
    if current is None:
        return [None] * months
    history: list[Rag | None] = [current]
    rag = current
    order = list(Rag)
    for _ in range(months - 1):
        roll = world.rng.random()
        if roll < 0.25:
            rag = order[max(0, rag.severity - 1)]
        elif roll < 0.4:
            rag = order[min(2, rag.severity + 1)]
        history.append(rag)
    return history[::-1]


def status_reports(world: World) -> list[Row]:
    rng, rows = world.rng, []
    texts = load_pool("governance")
    periods = _periods(world.today, REPORT_MONTHS)
    current_period = periods[-1][0]
    for p in world.projects:
        if p.state is not ProjectState.ACTIVE or not ASSESS < p.stage <= CLOSING:
            continue
        begun = p.actual_start or p.planned_start
        months = [(period, end) for period, end in periods if end >= begun]
        if not months:
            continue
        trends = {d: _trend(world, p.rag[d], len(months)) for d in RagDimension}
        for k, (period, month_end) in enumerate(months):
            rag = {d: trends[d][k] for d in RagDimension}
            overall = rag_rollup(rag.values())
            behind = len(months) - 1 - k
            percent = max(0.0, (p.percent or 0.0) - behind * rng.uniform(3, 9))
            spent = (p.actual_cost or 0.0) * (percent / p.percent if p.percent else 0.0)
            submitted = month_end + timedelta(days=between(rng, 1, 4))
            is_current = period == current_period
            rows.append(
                world.portfolio_row(
                    project_id=p.id,
                    period=period,
                    rag_overall=overall.value if overall else None,
                    **{f"rag_{d.value}": r.value if r else None for d, r in rag.items()},
                    summary=rng.choice(texts["summaries"][(overall or Rag.GREEN).value]),
                    achievements="\n".join(rng.sample(texts["achievements"], 2)),
                    next_steps="\n".join(rng.sample(texts["next_steps"], 2)),
                    forecast_finish=p.forecast_finish,
                    forecast_cost=p.forecast_cost,
                    actual_cost=round(spent, 2) if p.actual_cost is not None else None,
                    percent_complete=round(percent, 1),
                    submitted_by=p.manager,
                    submitted_at=None
                    if is_current
                    else datetime.combine(submitted, time(16, 30), tzinfo=UTC),
                    frozen=not is_current and behind >= 2,
                )
            )
    return rows
