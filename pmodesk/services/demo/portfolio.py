"""The demo's portfolio structure: portfolios, programmes, objectives and projects.

Each project gets a stage, a state and a health first; its dates, money,
progress and RAG then follow from them, so that an Idea has no actuals, a
Closed project has an actual finish, and a red schedule means a late forecast.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from typing import Any

from pmodesk.domain.enums import ProjectState, Rag, RagDimension
from pmodesk.domain.rules import rag_rollup
from pmodesk.services.demo.names import load_pool, project_names
from pmodesk.services.demo.world import DemoProject, World, between, code_width, weighted

Row = dict[str, Any]
IDEA, ASSESS, APPROVED, DELIVERY, CLOSING, CLOSED = range(6)
ACTIVE, ON_HOLD, CANCELLED, DONE = (
    ProjectState.ACTIVE,
    ProjectState.ON_HOLD,
    ProjectState.CANCELLED,
    ProjectState.CLOSED,
)

STAGE_WEIGHTS = {IDEA: 10, ASSESS: 13, APPROVED: 11, DELIVERY: 38, CLOSING: 10, CLOSED: 18}
STATE_WEIGHTS: dict[int, dict[ProjectState, float]] = {
    IDEA: {ACTIVE: 85, ON_HOLD: 5, CANCELLED: 10},
    ASSESS: {ACTIVE: 75, ON_HOLD: 10, CANCELLED: 15},
    APPROVED: {ACTIVE: 85, ON_HOLD: 10, CANCELLED: 5},
    DELIVERY: {ACTIVE: 82, ON_HOLD: 10, CANCELLED: 8},
    CLOSING: {ACTIVE: 1},
    CLOSED: {DONE: 1},
}
#: Every stage and every state appears at least once, given enough projects.
COVERAGE = [
    (DELIVERY, ACTIVE),
    (CLOSED, DONE),
    (IDEA, ACTIVE),
    (ASSESS, ACTIVE),
    (APPROVED, ACTIVE),
    (CLOSING, ACTIVE),
    (DELIVERY, ON_HOLD),
    (ASSESS, CANCELLED),
]
#: Health → (chance of amber, chance of red) per dimension.
HEALTH = {"good": (0.12, 0.0), "watch": (0.4, 0.03), "troubled": (0.4, 0.25)}
SLIP_DAYS = {Rag.GREEN: (-7, 10), Rag.AMBER: (15, 60), Rag.RED: (60, 180)}
COST_FACTOR = {Rag.GREEN: (0.9, 1.03), Rag.AMBER: (1.04, 1.12), Rag.RED: (1.13, 1.4)}
PACE = {Rag.GREEN: (0.95, 1.1), Rag.AMBER: (0.8, 0.95), Rag.RED: (0.6, 0.82)}


def _money(value: float) -> float:
    """Budgets are rounded to thousands."""
    return float(round(value / 1000) * 1000)


def structure(world: World) -> tuple[list[Row], list[Row], list[Row]]:
    """Portfolios, programmes (each in a portfolio) and strategic objectives."""
    org, rng, size = load_pool("organisation"), world.rng, world.size
    sponsors = [p.name for p in world.people] or ["Portfolio board"]
    managers = world.people_named("PM") or sponsors

    def named(pool: list[dict[str, Any]], n: int) -> dict[str, Any]:
        base = pool[n % len(pool)]
        suffix = f" {n // len(pool) + 1}" if n >= len(pool) else ""
        return {**base, "name": base["name"] + suffix}

    portfolios = []
    for n in range(size.portfolios):
        item = named(org["portfolios"], n)
        code = f"PF-{n + 1:0{code_width(size.portfolios, 2)}d}"
        row = world.portfolio_row(
            code=code,
            name=item["name"],
            description=item["description"],
            owner=rng.choice(sponsors),
        )
        world.portfolios.append((row["id"], code))
        portfolios.append(row)
    programmes = []
    for n in range(size.programmes):
        item = named(org["programmes"], n)
        portfolio_id = world.portfolios[n % len(world.portfolios)][0]
        row = world.portfolio_row(
            code=f"PGM-{n + 1:0{code_width(size.programmes, 2)}d}",
            name=item["name"],
            description=item["description"],
            portfolio_id=portfolio_id,
            sponsor=rng.choice(sponsors),
            manager=rng.choice(managers),
        )
        world.programmes.append((row["id"], portfolio_id))
        programmes.append(row)
    objectives = []
    for n, item in enumerate(org["objectives"]):
        row = world.portfolio_row(
            code=f"OBJ-{n + 1:02d}",
            name=item["name"],
            description=item["description"],
            weight=float(item["weight"]),
        )
        world.objectives.append(row["id"])
        objectives.append(row)
    return portfolios, programmes, objectives


def _profiles(world: World) -> list[tuple[int, ProjectState]]:
    rng, count = world.rng, world.size.projects
    chosen = COVERAGE[:count]
    while len(chosen) < count:
        stage = weighted(rng, STAGE_WEIGHTS)
        chosen.append((stage, weighted(rng, STATE_WEIGHTS[stage])))
    rng.shuffle(chosen)
    return chosen


def _rag(world: World, stage: int, health: str) -> dict[RagDimension, Rag | None]:
    if stage == IDEA:
        return dict.fromkeys(RagDimension)
    amber, red = HEALTH[health]
    rag: dict[RagDimension, Rag | None] = {}
    for dim in RagDimension:
        roll = world.rng.random()
        rag[dim] = Rag.RED if roll < red else Rag.AMBER if roll < red + amber else Rag.GREEN
    if health == "troubled" and Rag.RED not in rag.values():
        rag[world.rng.choice(list(RagDimension))] = Rag.RED
    return rag


def _plan(world: World, p: DemoProject) -> None:
    """Dates, money and progress consistent with the stage, the state and the RAG."""
    rng, today = world.rng, world.today
    days = between(rng, 4, 24) * 30
    schedule = p.rag[RagDimension.SCHEDULE] or Rag.GREEN
    cost = p.rag[RagDimension.COST] or Rag.GREEN
    slip = timedelta(days=between(rng, *SLIP_DAYS[schedule]))
    factor = rng.uniform(*COST_FACTOR[cost])
    budget = _money(min(15e6, max(40e3, rng.lognormvariate(math.log(650e3), 0.85))))
    if p.stage <= ASSESS:
        start = today + timedelta(days=between(rng, 14 if p.stage else 30, 270))
    elif p.stage == APPROVED:
        start = today + timedelta(days=between(rng, -30, 60))
    elif p.stage == DELIVERY:
        start = today - timedelta(days=int(days * rng.uniform(0.15, 0.85)))
    elif p.stage == CLOSING:
        start = today + timedelta(days=between(rng, -30, 20)) - timedelta(days=days)
    else:
        start = today - timedelta(days=between(rng, 45, 540) + days)
    p.planned_start, p.planned_finish = start, start + timedelta(days=days)
    if p.stage == IDEA:
        p.budget = budget if rng.random() < 0.6 else None
        return
    p.budget = budget
    p.forecast_finish = p.planned_finish + slip
    if p.stage == ASSESS:
        p.forecast_cost = budget
        return
    if start <= today:
        p.actual_start = min(today, start + timedelta(days=between(rng, 0, 14)))
    if p.stage == CLOSED:
        p.actual_finish = max(
            p.actual_start or start, min(today - timedelta(days=7), p.forecast_finish)
        )
        p.forecast_finish = p.actual_finish
        p.percent = 100.0
        p.actual_cost = _money(budget * factor)
        p.forecast_cost = p.actual_cost
        return
    if p.stage == APPROVED:
        p.percent = float(between(rng, 0, 8)) if p.actual_start else 0.0
    elif p.stage == CLOSING:
        p.percent = float(between(rng, 92, 100))
    else:
        elapsed = (today - start).days / days
        pace = rng.uniform(*PACE[schedule])
        p.percent = float(min(95, max(3, round(elapsed * 100 * pace))))
    p.actual_cost = _money(budget * factor * p.percent / 100) if p.actual_start else None
    p.forecast_cost = _money(budget * factor)


def _window(world: World, p: DemoProject) -> tuple[date, date] | None:
    """When people work on the project: ends at the finish, or earlier when held or cancelled."""
    if p.stage <= ASSESS:
        return None
    start = p.actual_start or p.planned_start - timedelta(days=14)
    end = p.actual_finish or (p.forecast_finish or p.planned_finish) + timedelta(days=21)
    if p.state is ON_HOLD:
        end = min(end, world.today - timedelta(days=between(world.rng, 7, 70)))
    elif p.state is CANCELLED:
        end = min(end, world.today - timedelta(days=between(world.rng, 14, 150)))
    start -= timedelta(days=start.weekday())
    return (start, end) if start <= end else None


def projects(world: World) -> list[Row]:
    rng, size = world.rng, world.size
    org = load_pool("organisation")
    purposes: list[str] = load_pool("projects")["purposes"]
    managers = world.people_named("PM") or [p.name for p in world.people]
    sponsors = [p.name for p in world.people if p.role_code in ("ARCH", "CHG", "PM")] or managers
    names = project_names(rng, size.projects)
    width = code_width(size.projects, 3)
    rows: list[Row] = []
    for n, (stage, state) in enumerate(_profiles(world)):
        health = weighted(rng, {"good": 0.55, "watch": 0.3, "troubled": 0.15})
        if state is ON_HOLD and health == "good":
            health = "watch"
        if rng.random() < 0.75 and world.programmes:
            programme_id, portfolio_id = rng.choice(world.programmes)
        else:
            programme_id, portfolio_id = None, rng.choice(world.portfolios)[0]
        rag = _rag(world, stage, health)
        p = DemoProject(
            id=world.ids.next(),
            code=f"PRJ-{n + 1:0{width}d}",
            name=names[n],
            stage=stage,
            state=state,
            manager=rng.choice(managers),
            sponsor=rng.choice(sponsors),
            portfolio_id=portfolio_id,
            rag=rag,
            overall=rag_rollup(rag.values()),
            planned_start=world.today,
            planned_finish=world.today,
        )
        _plan(world, p)
        p.window = _window(world, p)
        p.objectives = rng.sample(world.objectives, min(len(world.objectives), between(rng, 1, 3)))
        world.projects.append(p)
        tags = rng.sample(org["tags"], rng.choice((0, 1, 2, 2, 3)))
        rows.append(
            world.portfolio_row(
                id=p.id,
                code=p.code,
                name=p.name,
                description=f"{p.name}. {rng.choice(purposes)}",
                sponsor=p.sponsor,
                manager=p.manager,
                department=rng.choice(org["departments"]),
                portfolio_id=portfolio_id,
                programme_id=programme_id,
                stage_id=world.stages[stage].id,
                state=state.value,
                rag_overall=p.overall.value if p.overall else None,
                **{f"rag_{d.value}": r.value if r else None for d, r in rag.items()},
                planned_start=p.planned_start,
                planned_finish=p.planned_finish,
                forecast_start=p.actual_start or (p.planned_start if stage > IDEA else None),
                forecast_finish=p.forecast_finish,
                actual_start=p.actual_start,
                actual_finish=p.actual_finish,
                budget=p.budget,
                actual_cost=p.actual_cost,
                forecast_cost=p.forecast_cost,
                percent_complete=p.percent,
                priority_score=round(rng.uniform(20, 95), 1),
                tags=", ".join(tags),
                template_code=(template := project_template_for(p, tags)),
                template_version=1 if template else None,
            )
        )
    _cover_every_rag(world, rows)
    return rows


#: Words in a project's name or tags that make the demo create it from the IT template.
IT_WORDS = (
    "system",
    "platform",
    "portal",
    "data",
    "cloud",
    "digital",
    "app",
    "crm",
    "erp",
    "network",
)
SMALL_CHANGE_BUDGET = 250_000


def project_template_for(p: DemoProject, tags: list[str]) -> str | None:
    """The built-in project template a demo project was created from (ideas have none yet).

    Chosen from the project itself, without the random stream, so the rest of
    the demo stays the same for a seed.
    """
    if p.stage == IDEA:
        return None
    words = f"{p.name} {' '.join(tags)}".lower()
    if any(word in words for word in IT_WORDS):
        return "PT-IT-SYSTEM"
    if p.budget is not None and p.budget < SMALL_CHANGE_BUDGET:
        return "PT-SMALL-CHANGE"
    return "PT-STANDARD"


def _cover_every_rag(world: World, rows: list[Row]) -> None:
    """Make sure each RAG colour appears in each dimension, when there are enough projects."""
    rated = [i for i, p in enumerate(world.projects) if p.stage != IDEA]
    if len(rated) < len(Rag) * 2:
        return
    for dim in RagDimension:
        for colour in Rag:
            seen = Counter(world.projects[i].rag[dim] for i in rated)
            if seen[colour]:
                continue
            # Recolour a project whose present colour is common, so no colour disappears.
            spare = [i for i in rated if seen[world.projects[i].rag[dim]] > 1]
            i = spare[world.rng.randrange(len(spare))]
            p = world.projects[i]
            p.rag[dim] = colour
            p.overall = rag_rollup(p.rag.values())
            rows[i][f"rag_{dim.value}"] = colour.value
            rows[i]["rag_overall"] = p.overall.value if p.overall else None


def alignments(world: World) -> list[Row]:
    """How strongly each project serves its strategic objectives (1–5)."""
    return [
        world.row(project_id=p.id, objective_id=o, contribution=between(world.rng, 1, 5))
        for p in world.projects
        for o in p.objectives
    ]
