"""The demo's delivery records: milestones, dependencies between projects, gate checklist answers.

Milestones follow the project's plan: baselines spread over the planned dates,
forecasts slip with a poor schedule RAG, actual dates exist for what is done,
and troubled projects have a milestone overdue (forecast passed, no actual).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pmodesk.domain.enums import ChecklistStatus, ProjectState, Rag, RagDimension
from pmodesk.services.demo.names import load_pool
from pmodesk.services.demo.portfolio import CLOSED, IDEA
from pmodesk.services.demo.world import DemoProject, World, between

Row = dict[str, Any]
#: How many milestones a project has by stage (Idea has none yet).
MILESTONES_BY_STAGE = {1: (2, 3), 2: (4, 6), 3: (5, 8), 4: (6, 9), 5: (6, 9)}
SLIP_PER_RAG = {Rag.GREEN: (-3, 5), Rag.AMBER: (7, 35), Rag.RED: (30, 90)}


def _milestone_names(world: World, count: int) -> list[tuple[str, bool]]:
    pool: list[list[Any]] = load_pool("projects")["milestones"]
    keep = sorted(world.rng.sample(range(1, len(pool) - 1), count - 2))
    chosen = [pool[0], *(pool[i] for i in keep), pool[-1]]
    return [(str(name), bool(gate)) for name, gate in chosen]


def milestones(world: World) -> list[Row]:
    rng, today = world.rng, world.today
    rows: list[Row] = []
    for p in world.projects:
        if p.stage == IDEA:
            continue
        low, high = MILESTONES_BY_STAGE[p.stage]
        named = _milestone_names(world, between(rng, low, high))
        span = (p.planned_finish - p.planned_start).days
        schedule = p.rag[RagDimension.SCHEDULE] or Rag.GREEN
        overdue_left = 1 if schedule is not Rag.GREEN and p.live else 0
        for n, (name, is_gate) in enumerate(named, start=1):
            baseline = p.planned_start + timedelta(days=span * n // len(named))
            drift = between(rng, *SLIP_PER_RAG[schedule]) * n // len(named)
            forecast: date | None = baseline + timedelta(days=drift)
            actual = None
            if p.stage == CLOSED or p.actual_finish is not None:
                actual = min(forecast or baseline, p.actual_finish or today)
            elif forecast is not None and forecast <= today:
                if overdue_left and forecast >= today - timedelta(days=60):
                    overdue_left -= 1  # passed its forecast, not done: overdue
                else:
                    actual = forecast + timedelta(days=between(rng, -3, 3))
                    actual = min(actual, today)
            if p.state is ProjectState.CANCELLED and actual is None:
                forecast = None  # a cancelled project no longer forecasts what it will not do
            row = world.portfolio_row(
                code=f"{p.code}-M{n:02d}",
                project_id=p.id,
                name=name,
                description="",
                baseline_date=baseline,
                forecast_date=forecast,
                actual_date=actual,
                is_gate=is_gate,
            )
            p.milestones.append(row["id"])
            rows.append(row)
    return rows


def dependencies(world: World) -> list[Row]:
    """About one project in five waits on another that starts earlier (no cycles)."""
    rng = world.rng
    candidates = sorted(
        (p for p in world.projects if p.stage != IDEA and p.state is not ProjectState.CANCELLED),
        key=lambda p: (p.planned_start, p.code),
    )
    rows: list[Row] = []
    seen: set[tuple[int, int]] = set()
    wanted = len(candidates) // 5
    for _attempt in range(wanted * 3):
        if len(rows) >= wanted or len(candidates) < 2:
            break
        j = rng.randrange(1, len(candidates))
        i = rng.randrange(max(0, j - 25), j)
        if (i, j) in seen:
            continue
        seen.add((i, j))
        before, after = candidates[i], candidates[j]
        milestone = (
            rng.choice(before.milestones) if before.milestones and rng.random() < 0.5 else None
        )
        rows.append(
            world.portfolio_row(
                predecessor_id=before.id,
                successor_id=after.id,
                milestone_id=milestone,
                description=f"{after.name} needs {before.name} ({before.code}) to deliver first.",
            )
        )
    return rows


def _gate_times(world: World, p: DemoProject) -> list[datetime]:
    """When the project passed each gate so far: spread between its start-up and today."""
    begin = p.planned_start - timedelta(days=150)
    end = min(world.today, p.actual_finish or world.today)
    if end <= begin:
        begin = end - timedelta(days=30 * (p.stage + 1))
    step = (end - begin) / (p.stage + 1)
    return [
        datetime.combine(begin + step * (k + 1), time(10, 0), tzinfo=UTC) for k in range(p.stage)
    ]


def checklist_answers(world: World) -> list[Row]:
    """Passed gates are answered (done, or waived with a reason); the current gate in part."""
    rng = world.rng
    reasons: list[str] = load_pool("governance")["waiver_reasons"]
    rows: list[Row] = []
    for p in world.projects:
        times = _gate_times(world, p)
        current = p.stage if p.live and p.stage < CLOSED else None
        answered: set[uuid.UUID] = set()  # a short custom lifecycle maps several gates to one
        for gate in range(p.stage + (1 if current is not None else 0)):
            passed = gate < p.stage
            for item_id, required in world.stages[gate].items:
                if item_id in answered or (not passed and rng.random() < 0.55):
                    continue  # answered already, or still missing at the current gate
                answered.add(item_id)
                waived = not required and rng.random() < 0.3
                status = ChecklistStatus.WAIVED if waived else ChecklistStatus.DONE
                at = times[gate] if passed else world.now - timedelta(days=between(rng, 1, 40))
                rows.append(
                    world.portfolio_row(
                        project_id=p.id,
                        item_id=item_id,
                        status=status.value,
                        reason=rng.choice(reasons) if waived else "",
                        completed_by=p.manager,
                        completed_at=at,
                    )
                )
    return rows
