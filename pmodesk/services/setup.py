"""Setting up a workspace: the default lifecycle, its gate checklists, the template library,
settings and scoring model.

A new workspace gets the six standard stages (Idea to Closed) and a checklist
for each gate a project passes to leave a stage, both from the built-in
template library (``resources/templates``), which is loaded as published
templates too; then the default workspace settings and a default scoring
model for prioritisation. Setting up is idempotent: a workspace that already
has stages keeps its lifecycle, one that has scoring criteria (even archived
ones) keeps its model, and a workspace made before the library or
prioritisation existed gets the templates it lacks (by code) and the default
model once.
"""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from pmodesk.domain import (
    Project,
    ScoringCriterion,
    Stage,
    StrategicObjective,
)
from pmodesk.domain.enums import TemplateKind
from pmodesk.services import records
from pmodesk.services.settings import seed_defaults
from pmodesk.services.templates.builtin import builtin, builtin_library, seed_library
from pmodesk.services.templates.workspace_gates import sync_gate, sync_lifecycle
from pmodesk.store import Workspace

SOURCE = "setup"
LIFECYCLE_TEMPLATE_CODE = "LC-STANDARD"


#: The default scoring model after strategic fit: (code, name, description, weight, higher is better).
SCORING_CRITERIA: tuple[tuple[str, str, str, float, bool], ...] = (
    (
        "VALUE",
        "Value",
        "Financial and non-financial benefits: 1 = marginal, 5 = transformational.",
        2.5,
        True,
    ),
    (
        "RISK",
        "Risk",
        "Delivery risk: 1 = routine work, 5 = new ground with many unknowns (lower is better).",
        1.5,
        False,
    ),
    (
        "URGENCY",
        "Urgency",
        "Cost of waiting: 1 = could wait a year, 5 = needed now (regulation, contract, outage).",
        1.0,
        True,
    ),
    (
        "COST",
        "Cost",
        "Total cost: 1 = under 250k, 5 = above 2.5 million (lower is better).",
        1.0,
        False,
    ),
    (
        "RESOURCE",
        "Resource need",
        "Demand on scarce people: 1 = a few days, 5 = several teams for months (lower is better).",
        1.0,
        False,
    ),
)
#: The share of the default model's weight that strategic fit carries (spread over the objectives).
STRATEGIC_FIT_WEIGHT = 3.0
STRATEGIC_FIT_HELP = "How strongly the project serves {what}: 1 = hardly, 5 = directly and largely."


def seed_scoring_model(session: Session, *, source: str = SOURCE) -> int:
    """Give a workspace without any scoring criterion the default model; returns how many.

    Strategic fit is one criterion per live strategic objective (sharing the
    fit weight in proportion to the objectives' weights), or a single
    "Strategic fit" criterion while there are no objectives.
    """
    if session.exec(select(func.count()).select_from(ScoringCriterion)).one():
        return 0
    objectives = list(
        session.exec(
            select(StrategicObjective)
            .where(col(StrategicObjective.archived_at).is_(None))
            .order_by(col(StrategicObjective.code))
        )
    )
    total = sum(o.weight for o in objectives)
    fit: list[dict[str, object]] = [
        {
            "code": f"FIT-{o.code}"[:40],
            "name": f"Strategic fit: {o.name}"[:200],
            "description": STRATEGIC_FIT_HELP.format(what=f"objective {o.code}"),
            "weight": round(
                STRATEGIC_FIT_WEIGHT * (o.weight / total if total > 0 else 1 / len(objectives)), 2
            ),
            "objective_id": o.id,
        }
        for o in objectives
    ] or [
        {
            "code": "FIT",
            "name": "Strategic fit",
            "description": STRATEGIC_FIT_HELP.format(what="the strategic objectives"),
            "weight": STRATEGIC_FIT_WEIGHT,
        }
    ]
    others: list[dict[str, object]] = [
        {
            "code": code,
            "name": name,
            "description": description,
            "weight": weight,
            "higher_is_better": higher,
        }
        for code, name, description, weight, higher in SCORING_CRITERIA
    ]
    for position, values in enumerate([*fit, *others], start=1):
        records.create(
            session,
            ScoringCriterion,
            {**values, "scale_min": 1, "scale_max": 5, "position": position},
            source=source,
        )
    return len(fit) + len(others)


def _seed_lifecycle(session: Session) -> None:
    """The stages of the built-in lifecycle and the exit gate of each, from the shipped library."""
    lifecycle = builtin(LIFECYCLE_TEMPLATE_CODE)
    assert lifecycle is not None, "the built-in library has no lifecycle"
    sync_lifecycle(session, lifecycle.body, source=SOURCE)
    for template in builtin_library():
        if template.kind is TemplateKind.GATE_CHECKLIST:
            sync_gate(session, template.body, source=SOURCE)


def _seed_library(session: Session) -> None:
    seed_library(session, source=SOURCE)


def prepare_session(session: Session) -> bool:
    """Set up the workspace within ``session`` (the caller commits).

    True when it seeded the lifecycle (a new workspace). The scoring model is
    seeded whenever the workspace has no criterion yet, new or not.
    """
    if session.exec(select(func.count()).select_from(Stage)).one():
        seed_scoring_model(session)
        _seed_library(session)
        session.flush()
        return False
    _seed_lifecycle(session)
    _seed_library(session)
    seed_defaults(session, source=SOURCE)
    seed_scoring_model(session)
    session.flush()
    return True


def prepare_workspace(workspace: Workspace) -> bool:
    """Give a workspace without stages the default lifecycle and settings; True when it seeded."""
    with workspace.session() as session:
        return prepare_session(session)


def is_empty(session: Session) -> bool:
    """True when the workspace holds no project at all, archived or not (the first-run screen)."""
    return session.exec(select(Project.id).limit(1)).first() is None
