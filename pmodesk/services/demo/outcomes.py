"""The demo's outcomes: benefits (measure, baseline, target, realised) and lessons learned.

Benefits are realised as projects finish: most of the target for closed
projects, part of it while closing, rarely earlier. Lessons come from projects
that are closing, closed or cancelled, and a few still in delivery.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pmodesk.domain.enums import ProjectState
from pmodesk.services.demo.names import load_pool
from pmodesk.services.demo.portfolio import APPROVED, CLOSED, CLOSING, DELIVERY, IDEA
from pmodesk.services.demo.world import World, between

Row = dict[str, Any]


#: The built-in template a lesson of each category asks the PMO to change.
LESSON_TEMPLATES = {
    "Planning": "PT-STANDARD",
    "Governance": "GC-ASSESS",
    "Supplier": "DOC-BUSINESS-CASE",
    "Stakeholders": "DOC-CHARTER",
    "Communication": "DOC-STATUS-REPORT",
}


def _round(value: float) -> float:
    return round(value, 1) if abs(value) < 100 else float(round(value))


def benefits(world: World) -> list[Row]:
    rng, rows = world.rng, []
    pool: list[dict[str, Any]] = load_pool("projects")["benefits"]
    for p in world.projects:
        if p.stage < APPROVED or p.state is ProjectState.CANCELLED:
            continue
        for n, spec in enumerate(rng.sample(pool, between(rng, 1, 3)), start=1):
            baseline = rng.uniform(*spec["baseline"])
            if "target" in spec:
                target = rng.uniform(*spec["target"])
            else:
                target = baseline * (1 + spec["direction"] * rng.uniform(0.1, 0.4))
            if p.stage == CLOSED:
                share: float | None = rng.uniform(0.55, 1.1)
            elif p.stage == CLOSING:
                share = rng.uniform(0.2, 0.7)
            elif p.stage == DELIVERY and rng.random() < 0.2:
                share = rng.uniform(0.05, 0.3)
            else:
                share = None
            realised = None if share is None else _round(baseline + (target - baseline) * share)
            finish = p.actual_finish or p.forecast_finish or p.planned_finish
            rows.append(
                world.portfolio_row(
                    code=f"{p.code}-B{n:02d}",
                    project_id=p.id,
                    objective_id=rng.choice(p.objectives) if p.objectives else None,
                    name=spec["name"],
                    measure=spec["measure"],
                    unit=world.currency if spec["unit"] == "EUR" else spec["unit"],
                    baseline_value=_round(baseline),
                    target_value=_round(target),
                    realised_value=realised,
                    target_date=finish + timedelta(days=between(rng, 90, 365)),
                    owner=p.sponsor,
                )
            )
    return rows


def lessons(world: World) -> list[Row]:
    rng, rows = world.rng, []
    pool: list[list[str]] = load_pool("governance")["lessons"]
    for p in world.projects:
        if p.stage in (CLOSING, CLOSED) or p.state is ProjectState.CANCELLED:
            count = between(rng, 1, 3)
        elif p.stage == DELIVERY and rng.random() < 0.2:
            count = 1
        else:
            continue
        if p.stage == IDEA and p.state is ProjectState.CANCELLED and rng.random() < 0.5:
            continue
        latest = min(world.today, p.actual_finish or world.today)
        for n, (title, description, category, recommendation) in enumerate(
            rng.sample(pool, count), start=1
        ):
            rows.append(
                world.portfolio_row(
                    code=f"{p.code}-L{n:02d}",
                    project_id=p.id,
                    title=title,
                    description=description,
                    category=category,
                    stage_code=world.stages[p.stage].code,
                    tags=category.lower(),
                    recommendation=recommendation,
                    template_code=LESSON_TEMPLATES.get(category),
                    recorded_on=latest - timedelta(days=between(rng, 0, 60)),
                )
            )
    return rows
