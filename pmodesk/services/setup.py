"""Setting up a workspace: the default lifecycle, its gate checklists, settings and scoring model.

A new workspace gets the six standard stages (Idea to Closed), a checklist for
each gate a project passes to leave a stage, a built-in lifecycle template
describing them, the default workspace settings and a default scoring model
for prioritisation. Setting up is idempotent: a workspace that already has
stages keeps its lifecycle, and one that has scoring criteria (even archived
ones) keeps its model; a workspace made before prioritisation existed gets
the default model once.
"""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from pmodesk.domain import (
    GateChecklistItem,
    Project,
    ScoringCriterion,
    Stage,
    StrategicObjective,
    Template,
)
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.lifecycle import DEFAULT_STAGES
from pmodesk.services import records
from pmodesk.services.settings import seed_defaults
from pmodesk.store import Workspace

SOURCE = "setup"
LIFECYCLE_TEMPLATE_CODE = "LC-STANDARD"

#: The exit gate of each stage: (text, guidance, required). Closed is the last stage: no gate.
GATE_CHECKLISTS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "IDEA": (
        (
            "Problem or opportunity described in one page",
            "What is wrong today, for whom, and why now.",
            True,
        ),
        (
            "Sponsor named and willing to champion the idea",
            "A senior person who will own the business case.",
            True,
        ),
        (
            "Fit with the strategic objectives stated",
            "Which objectives it serves and how strongly.",
            True,
        ),
        (
            "Rough order of magnitude cost and duration given",
            "A range is enough at this point.",
            False,
        ),
    ),
    "ASSESS": (
        (
            "Options appraised, including 'do nothing'",
            "At least two real options beside doing nothing.",
            True,
        ),
        (
            "Business case approved by the sponsor",
            "Costs, benefits, risks and the recommended option.",
            True,
        ),
        (
            "Benefits defined with a measure, baseline and target",
            "Each benefit has an owner.",
            True,
        ),
        ("Risk register started", "The main risks with probability, impact and an owner.", True),
        (
            "Dependencies on other projects identified",
            "Name the projects and what is needed from them.",
            False,
        ),
    ),
    "APPROVED": (
        (
            "Funding released by the portfolio board",
            "Budget and contingency confirmed in writing.",
            True,
        ),
        ("Project manager appointed", "Named in the register as manager.", True),
        (
            "Project plan and milestones baselined",
            "Baseline dates recorded for every milestone.",
            True,
        ),
        (
            "Resources confirmed with line managers",
            "People or roles booked for the first three months.",
            True,
        ),
        (
            "Governance and reporting cadence agreed",
            "Steering group members and monthly status reports.",
            False,
        ),
        (
            "Supplier contracts signed",
            "Only where an external supplier delivers part of the work.",
            False,
        ),
    ),
    "DELIVERY": (
        (
            "Deliverables accepted by the business owner",
            "Signed acceptance of each agreed deliverable.",
            True,
        ),
        ("User acceptance testing passed", "No open critical or high defects.", True),
        (
            "Operational support ready to take over",
            "Support team trained; runbooks handed over.",
            True,
        ),
        (
            "Training and communications delivered",
            "Users know what changes and where to get help.",
            False,
        ),
        (
            "Go-live decision recorded",
            "Recorded in the decision log with the forum and date.",
            True,
        ),
    ),
    "CLOSING": (
        (
            "Lessons learned captured and shared",
            "At least one lesson recorded for the PMO library.",
            True,
        ),
        (
            "Final costs reconciled with finance",
            "Actual cost agreed; open purchase orders closed.",
            True,
        ),
        (
            "Benefits handed to their owners for tracking",
            "Each benefit has an owner and a review date.",
            True,
        ),
        (
            "Open risks and issues transferred or closed",
            "Nothing left open without a new owner.",
            True,
        ),
        (
            "Project documentation archived",
            "Plans, decisions and reports stored for reference.",
            False,
        ),
    ),
}


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
    for position, (code, name, description) in enumerate(DEFAULT_STAGES, start=1):
        stage = records.create(
            session,
            Stage,
            {"code": code, "name": name, "position": position, "description": description},
            source=SOURCE,
        )
        for number, (text, guidance, required) in enumerate(GATE_CHECKLISTS.get(code, ()), 1):
            records.create(
                session,
                GateChecklistItem,
                {
                    "code": f"GATE-{code}-{number:02d}",
                    "stage_id": stage.id,
                    "text": text,
                    "guidance": guidance,
                    "required": required,
                    "position": number,
                },
                source=SOURCE,
            )


def _seed_lifecycle_template(session: Session) -> None:
    exists = session.exec(select(Template).where(Template.code == LIFECYCLE_TEMPLATE_CODE)).first()
    if exists is not None:
        return
    body = {
        "stages": [
            {
                "code": code,
                "name": name,
                "description": description,
                "gate": [
                    {"text": text, "guidance": guidance, "required": required}
                    for text, guidance, required in GATE_CHECKLISTS.get(code, ())
                ],
            }
            for code, name, description in DEFAULT_STAGES
        ]
    }
    records.create(
        session,
        Template,
        {
            "code": LIFECYCLE_TEMPLATE_CODE,
            "kind": TemplateKind.LIFECYCLE,
            "name": "Standard lifecycle",
            "description": "Six stages from Idea to Closed, with a checklist at each gate.",
            "state": TemplateState.PUBLISHED,
            "body": body,
            "built_in": True,
        },
        source=SOURCE,
    )


def prepare_session(session: Session) -> bool:
    """Set up the workspace within ``session`` (the caller commits).

    True when it seeded the lifecycle (a new workspace). The scoring model is
    seeded whenever the workspace has no criterion yet, new or not.
    """
    if session.exec(select(func.count()).select_from(Stage)).one():
        seed_scoring_model(session)
        session.flush()
        return False
    _seed_lifecycle(session)
    _seed_lifecycle_template(session)
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
