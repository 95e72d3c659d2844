"""The demo's prioritisation: each live project scored against the workspace's scoring model.

The criteria themselves come from set-up (:func:`pmodesk.services.setup.seed_scoring_model`),
which runs before the demo is made; this module reads them and the objective
alignments already written, and scores most live projects plausibly:
projects that serve the strategic objectives strongly score higher on fit and
value, troubled projects carry more risk, cost follows the budget, and some
criteria are left unscored (more often for fresh ideas). Then
:func:`write_priority_scores` stores each project's priority score, computed
by the same service the ranking screen uses.

The random draws use their own generator seeded from the demo's seed, so the
rest of the demo is the same whether or not this step runs.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from pmodesk.domain import (
    Project,
    ProjectObjective,
    ProjectScore,
    Record,
    ScoringCriterion,
    StrategicObjective,
)
from pmodesk.domain.enums import Rag
from pmodesk.domain.errors import ValidationError
from pmodesk.services.demo.portfolio import APPROVED, IDEA
from pmodesk.services.demo.world import DemoProject, World, weighted
from pmodesk.services.demo.writer import table_of
from pmodesk.services.scoring import priority_scores

Row = dict[str, Any]
#: Share of live projects left entirely unscored (ideas nobody has looked at yet).
UNSCORED = 0.08
#: Chance that one criterion of a scored project is left blank: ideas, everything else.
BLANK = {IDEA: 0.2, "other": 0.04}
#: Budget bands for the cost criterion (score 1 below the first, 5 above the last).
COST_BANDS = (250_000, 500_000, 1_000_000, 2_500_000)
RISK_BY_RAG = {None: 2, Rag.GREEN: 2, Rag.AMBER: 3, Rag.RED: 4}
SCORED_CODES = ("FIT", "VALUE", "RISK", "URGENCY", "COST", "RESOURCE")


def _clamp(value: float) -> int:
    return max(1, min(5, round(value)))


def _on_scale(value: int, criterion: ScoringCriterion) -> int:
    """A 1–5 judgement on the criterion's own scale."""
    span = criterion.scale_max - criterion.scale_min
    return criterion.scale_min + round((value - 1) * span / 4)


def _alignments(session: Session) -> dict[uuid.UUID, list[tuple[uuid.UUID, int]]]:
    found: dict[uuid.UUID, list[tuple[uuid.UUID, int]]] = {}
    statement = sa_select(
        col(ProjectObjective.project_id),
        col(ProjectObjective.objective_id),
        col(ProjectObjective.contribution),
    )
    for project_id, objective_id, contribution in session.execute(statement):
        found.setdefault(project_id, []).append((objective_id, contribution))
    return found


def _cost_band(budget: float) -> int:
    return 1 + sum(budget >= edge for edge in COST_BANDS)


class _Judge:
    """Plausible 1–5 judgements for one project."""

    def __init__(
        self,
        rng: random.Random,
        p: DemoProject,
        links: list[tuple[uuid.UUID, int]],
        weights: dict[uuid.UUID, float],
        codes: dict[uuid.UUID, str],
    ) -> None:
        self.rng, self.p, self.codes = rng, p, codes
        self.links = dict(links)
        total = sum(weights.get(o, 1.0) for o in self.links)
        strength = (
            sum(c * weights.get(o, 1.0) for o, c in self.links.items()) / total if total else 1.0
        )
        self.fit = _clamp(strength + 0.4 * (len(self.links) - 1) + rng.gauss(0, 0.4))

    def judge(self, criterion: ScoringCriterion) -> tuple[int, str] | None:
        rng, p = self.rng, self.p
        if criterion.objective_id is not None:
            contribution = self.links.get(criterion.objective_id)
            if contribution is None:
                return 1, "Does not serve this objective."
            return _clamp(contribution), ""
        code = criterion.code
        if code == "FIT":
            served = ", ".join(f"{self.codes.get(o, '?')} ({c}/5)" for o, c in self.links.items())
            return self.fit, f"Serves {served}." if served else ""
        if code == "VALUE":
            return _clamp(0.6 * self.fit + 0.4 * rng.gauss(3.2, 1.0)), ""
        if code == "RISK":
            big = p.budget is not None and p.budget >= COST_BANDS[-1]
            return _clamp(RISK_BY_RAG[p.overall] + big + rng.choice((-1, 0, 0, 1))), ""
        if code == "URGENCY":
            base = weighted(rng, {1: 1.0, 2: 2.0, 3: 3.0, 4: 2.0, 5: 1.0})
            return _clamp(base + (p.stage == APPROVED)), ""
        if code == "COST":
            if p.budget is None:
                return None
            return _cost_band(p.budget), ""
        if code == "RESOURCE":
            band = _cost_band(p.budget) if p.budget is not None else 3
            return _clamp(band + rng.choice((-1, 0, 0, 1))), ""
        return _clamp(rng.gauss(3, 1)), ""


def build(world: World, session: Session) -> list[tuple[str, type[Record], list[Row]]]:
    """The demo's project scores, labelled for the bulk writer, in insertion order.

    Call it after the projects and their objective alignments are written
    (it reads the alignments and the criteria set-up made through ``session``).
    """
    criteria = list(
        session.exec(
            select(ScoringCriterion)
            .where(col(ScoringCriterion.archived_at).is_(None))
            .order_by(col(ScoringCriterion.position), col(ScoringCriterion.code))
        )
    )
    objectives = list(session.exec(select(StrategicObjective)))
    weights = {o.id: o.weight for o in objectives}
    codes = {o.id: o.code for o in objectives}
    alignments = _alignments(session)
    rng = random.Random(world.size.seed * 1_000_003 + 4)
    rows: list[Row] = []
    for p in world.projects:
        if not p.live or rng.random() < UNSCORED:
            continue
        judge = _Judge(rng, p, alignments.get(p.id, []), weights, codes)
        blank = BLANK[IDEA] if p.stage == IDEA else BLANK["other"]
        for criterion in criteria:
            judged = judge.judge(criterion)
            if judged is None or rng.random() < blank:
                continue
            score, note = judged
            rows.append(
                world.portfolio_row(
                    project_id=p.id,
                    criterion_id=criterion.id,
                    score=_on_scale(score, criterion),
                    note=note,
                )
            )
    return [("project scores", ProjectScore, rows)]


def write_priority_scores(world: World, session: Session) -> int:
    """Store every demo project's priority score from its scores; returns how many were set.

    Projects with no score at all get none. Written through SQLAlchemy Core
    like the rest of the demo, without an audit event per project (the demo's
    summary event covers it).
    """
    ids = [p.id for p in world.projects]
    try:
        scores = priority_scores(session, ids)
    except ValidationError:  # a model whose weights are all zero ranks nothing
        return 0
    table = table_of(Project)
    statement = (
        update(table)
        .where(table.c.id == bindparam("project"))
        .values(priority_score=bindparam("score"))
    )
    params = [{"project": pid, "score": scores.get(pid)} for pid in ids]
    if params:
        session.connection().execute(statement, params)
    return sum(score is not None for score in scores.values())
