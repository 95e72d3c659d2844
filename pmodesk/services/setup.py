"""Setting up a workspace: the default lifecycle, its gate checklists and the default settings.

A new workspace gets the six standard stages (Idea to Closed), a checklist for
each gate a project passes to leave a stage, a built-in lifecycle template
describing them, and the default workspace settings. Setting up is idempotent:
a workspace that already has stages is left as it is.
"""

from __future__ import annotations

from sqlmodel import Session, func, select

from pmodesk.domain import GateChecklistItem, Project, Stage, Template
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
    """Set up the workspace within ``session`` (the caller commits); True when it seeded."""
    if session.exec(select(func.count()).select_from(Stage)).one():
        return False
    _seed_lifecycle(session)
    _seed_lifecycle_template(session)
    seed_defaults(session, source=SOURCE)
    session.flush()
    return True


def prepare_workspace(workspace: Workspace) -> bool:
    """Give a workspace without stages the default lifecycle and settings; True when it seeded."""
    with workspace.session() as session:
        return prepare_session(session)


def is_empty(session: Session) -> bool:
    """True when the workspace holds no project at all, archived or not (the first-run screen)."""
    return session.exec(select(Project.id).limit(1)).first() is None
